"""The last day of the bezwaartermijn against a CIZ refusal: six weeks from the day after bekendmaking (Awb 6:7, 6:8),
moved past a Saturday, Sunday or algemeen erkende feestdag (Algemene termijnenwet art 1 lid 1, art 3).

The function is checked against a straightforward oracle (walk day by day; Easter by a second, independent
algorithm), against dates known from the calendar, and end to end: the reviewer's cases (a term ending on a
Saturday, and one ending on Hemelvaartsdag) give the same advice on both backends, with the date in the note.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmm_rules import Case, Engine
from pmm_rules.evaluate import bezwaartermijn_last_day, easter_sunday, feestdagen, is_rustdag, last_day_of_term
from pmm_rules.evaluate.backends.durable import available as durable_available

# Easter Sundays as the calendar has them.
KNOWN_EASTER = {2015: (4, 5), 2016: (3, 27), 2017: (4, 16), 2018: (4, 1), 2019: (4, 21), 2020: (4, 12),
                2021: (4, 4), 2022: (4, 17), 2023: (4, 9), 2024: (3, 31), 2025: (4, 20), 2026: (4, 5),
                2027: (3, 28), 2028: (4, 16), 2029: (4, 1), 2030: (4, 21)}


def easter_oracle(year: int) -> dt.date:
    """Gauss's Easter algorithm with Lichtenberg's corrections: a second derivation, independent of the one used."""
    k = year // 100
    m = 15 + (3 * k + 3) // 4 - (8 * k + 13) // 25
    s = 2 - (3 * k + 3) // 4
    a = year % 19
    d = (19 * a + m) % 30
    r = (d + a // 11) // 29
    og = 21 + d - r
    sz = 7 - (year + year // 4 + s) % 7
    oe = 7 - (og - sz) % 7
    os_ = og + oe  # day of March (may run into April)
    return dt.date(year, 3, 1) + dt.timedelta(days=os_ - 1)


def holidays_oracle(year: int) -> set[dt.date]:
    easter = easter_oracle(year)
    king = dt.date(year, 4, 27) if year >= 2014 else dt.date(year, 4, 30)
    if king.weekday() == 6:
        king -= dt.timedelta(days=1)
    return {dt.date(year, 1, 1), easter - dt.timedelta(days=2), easter + dt.timedelta(days=1), king,
            dt.date(year, 5, 5), easter + dt.timedelta(days=39), easter + dt.timedelta(days=50),
            dt.date(year, 12, 25), dt.date(year, 12, 26)}


def last_day_oracle(made_known: dt.date) -> dt.date:
    day = made_known + dt.timedelta(days=42)
    while day.weekday() >= 5 or day in holidays_oracle(day.year):
        day += dt.timedelta(days=1)
    return day


def test_easter_matches_the_calendar() -> None:
    for year, (month, day) in KNOWN_EASTER.items():
        assert easter_sunday(year) == dt.date(year, month, day) == easter_oracle(year)


@given(st.integers(1900, 2400))
def test_easter_matches_an_independent_algorithm(year: int) -> None:
    assert easter_sunday(year) == easter_oracle(year)
    assert easter_sunday(year).weekday() == 6


def test_the_feestdagen_of_2026() -> None:
    assert sorted(feestdagen(2026)) == [dt.date(2026, 1, 1), dt.date(2026, 4, 3), dt.date(2026, 4, 6),
                                        dt.date(2026, 4, 27), dt.date(2026, 5, 5), dt.date(2026, 5, 14),
                                        dt.date(2026, 5, 25), dt.date(2026, 12, 25), dt.date(2026, 12, 26)]
    # Koningsdag on a Sunday is celebrated the day before (27 April 2025 was a Sunday).
    assert dt.date(2025, 4, 26) in feestdagen(2025) and dt.date(2025, 4, 27) not in feestdagen(2025)


@settings(max_examples=500)
@given(st.dates(dt.date(1980, 1, 1), dt.date(2099, 12, 31)))
def test_the_last_day_is_the_first_working_day_from_day_42(made_known: dt.date) -> None:
    last = bezwaartermijn_last_day(made_known)
    nominal = made_known + dt.timedelta(days=42)
    assert last == last_day_oracle(made_known)
    assert nominal <= last <= nominal + dt.timedelta(days=5)
    assert not is_rustdag(last)
    assert all(is_rustdag(nominal + dt.timedelta(days=n)) for n in range((last - nominal).days))


def test_known_terms() -> None:
    # Made known Saturday 19 September 2026: six weeks end Saturday 31 October, moved to Monday 2 November.
    assert bezwaartermijn_last_day(dt.date(2026, 9, 19)) == dt.date(2026, 11, 2)
    # Made known Thursday 2 April 2026: the term ends on Hemelvaartsdag (14 May), moved to Friday 15 May.
    assert bezwaartermijn_last_day(dt.date(2026, 4, 2)) == dt.date(2026, 5, 15)
    # A weekday that is no feestdag stays.
    assert bezwaartermijn_last_day(dt.date(2026, 9, 17)) == dt.date(2026, 10, 29)
    # Christmas on a weekend: 25 and 26 December 2027 are a Saturday and a Sunday (and feestdagen).
    assert bezwaartermijn_last_day(dt.date(2027, 11, 13)) == dt.date(2027, 12, 27)
    # Christmas on weekdays: made known Monday 13 November 2028, the term ends on Monday 25 December, then 26 December.
    assert bezwaartermijn_last_day(dt.date(2028, 11, 13)) == dt.date(2028, 12, 27)


def test_atw_article_2_and_article_4() -> None:
    # Art 2: a term of at least three days holds two days that are no rustdag (Thursday before Goede Vrijdag 2026:
    # a three-day term would end on Easter Sunday, then Easter Monday; extended to Wednesday 8 April, the second
    # working day after Thursday 2 April).
    assert last_day_of_term(dt.date(2026, 4, 2), 3) == dt.date(2026, 4, 8)
    # Art 4 sub a: no extension for a term longer than twelve weeks.
    assert last_day_of_term(dt.date(2026, 9, 19), 91) == dt.date(2026, 12, 19)
    with pytest.raises(ValueError):
        last_day_of_term(dt.date(2026, 1, 1), 0)


def _refusal_case(made_known: str, on: str) -> Case:
    return Case.model_validate({
        "schema_version": 1, "id": "termijn", "reference_date": on,
        "members": [{"id": "m", "age": 79, "conditions": ["psychogeriatrische_aandoening"],
                     "care_need": {"permanent_toezicht": True, "blijvend": True}, "indications": [], "pending": [],
                     "wlz_refusal": {"date": made_known, "objection": "geen"}}],
        "needs": [{"id": "beg", "member": "m", "provision": "begeleiding"}]})


@pytest.mark.parametrize(("made_known", "on", "notice", "shown"), [
    ("2026-09-19", "2026-11-01", "bezwaar_ciz", "2-11-2026"),           # day 43, the term ended on a Saturday
    ("2026-04-02", "2026-05-15", "bezwaar_ciz", "15-5-2026"),           # day 43, the term ended on Hemelvaartsdag
    ("2026-04-02", "2026-05-18", "bezwaartermijn_verstreken", "15-5-2026"),
    ("2026-09-20", "2026-11-01", "bezwaar_ciz", "2-11-2026"),           # day 42, a Sunday
])
def test_the_note_gives_the_last_day(made_known: str, on: str, notice: str, shown: str) -> None:
    advice = Engine.default("reference").advise(_refusal_case(made_known, on), evaluated_at="x")
    found = [n for n in advice.notices if n.notice in ("bezwaar_ciz", "bezwaartermijn_verstreken")]
    assert [n.notice for n in found] == [notice]
    assert shown in found[0].explanation.nl
    assert "{" not in found[0].explanation.nl and "{" not in found[0].explanation.en
    # The rule read the computed facts; the trace shows them.
    facts = next(e.facts for e in advice.trace if e.rule == found[0].rules[0])
    assert facts["member.wlz_objection_days_left"] == (bezwaartermijn_last_day(dt.date.fromisoformat(made_known))
                                                       - dt.date.fromisoformat(on)).days


@pytest.mark.skipif(not durable_available(), reason="durable_rules needs Python 3.11 or 3.12")
@pytest.mark.parametrize(("made_known", "on"), [("2026-09-19", "2026-11-01"), ("2026-04-02", "2026-05-15"),
                                                ("2026-04-02", "2026-05-18")])
def test_both_backends_agree_on_the_term(made_known: str, on: str) -> None:
    case = _refusal_case(made_known, on)
    a = Engine.default("reference").advise(case, evaluated_at="x").model_dump()
    b = Engine.default("durable").advise(case, evaluated_at="x").model_dump()
    a["receipt"].pop("backend")
    b["receipt"].pop("backend")
    assert a == b
