"""The last day of a statutory term, as the Algemene termijnenwet moves it: computed once per case, in plain Python,
so that both backends read the same date (a fact, not a rule).

- Awb 6:7 and 6:8 lid 1 (BWBR0005537): the term for an objection is six weeks, starting on the day after the
  decision was made known. Its nominal last day is the day of bekendmaking plus 42 days.
- Algemene termijnenwet (BWBR0002448) art 1 lid 1: a term set in a statute that ends on a Saturday, a Sunday or an
  algemeen erkende feestdag runs up to and including the next day that is none of these. Art 2: a term of at least
  three days contains at least two such days (a six-week term always does; kept for completeness). Art 3 lid 1 lists
  the feestdagen: Nieuwjaarsdag, tweede Paas- en Pinksterdag, both Christmas days, Hemelvaartsdag, the day the King's
  birthday is celebrated and 5 May; lid 2 adds Goede Vrijdag. Days the Crown adds under lid 3 are not known here.
  Art 4 sub a: the act does not apply to terms of more than twelve weeks (or 90 days, three months, years).

Text read: Algemene termijnenwet as valid from 2010-10-10 (the current version), Awb as valid from 2026-01-01.
"""

from __future__ import annotations

import datetime as dt
import functools

_DAY = dt.timedelta(days=1)
# Atw art 4 sub a: no extension for terms described in more than 90 days or twelve weeks.
MAX_TERM_DAYS = 84


def easter_sunday(year: int) -> dt.date:
    """Easter Sunday in the Gregorian calendar (the anonymous algorithm, Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def koningsdag(year: int) -> dt.date:
    """The day the King's (until 2013 the Queen's) birthday is celebrated: 27 April since 2014, 30 April before;
    moved to the Saturday before when it falls on a Sunday (from 1980; the earlier practice is not modelled, and a
    Saturday is no working day under the Atw anyway)."""
    day = dt.date(year, 4, 27) if year >= 2014 else dt.date(year, 4, 30)
    return day - _DAY if day.weekday() == 6 else day


@functools.cache
def feestdagen(year: int) -> frozenset[dt.date]:
    """The algemeen erkende feestdagen of a year (Atw art 3 lid 1, with Goede Vrijdag of lid 2)."""
    easter = easter_sunday(year)
    return frozenset({
        dt.date(year, 1, 1),                      # Nieuwjaarsdag
        easter - 2 * _DAY,                        # Goede Vrijdag (art 3 lid 2)
        easter + _DAY,                            # tweede Paasdag
        koningsdag(year),                         # de dag waarop de verjaardag van de Koning wordt gevierd
        dt.date(year, 5, 5),                      # de vijfde mei
        easter + 39 * _DAY,                       # Hemelvaartsdag
        easter + 50 * _DAY,                       # tweede Pinksterdag
        dt.date(year, 12, 25), dt.date(year, 12, 26),  # de beide Kerstdagen
    })


def is_rustdag(day: dt.date) -> bool:
    """A Saturday, a Sunday or an algemeen erkende feestdag: a day on which a term cannot end (Atw art 1)."""
    return day.weekday() >= 5 or day in feestdagen(day.year)


def last_day_of_term(made_known: dt.date, days: int) -> dt.date:
    """The last day of a statutory term of `days` days that starts on the day after `made_known` (Awb 6:8 lid 1),
    moved by the Algemene termijnenwet (art 1 lid 1 and art 2; not for terms over twelve weeks, art 4 sub a)."""
    if days < 1:
        raise ValueError("a term lasts at least one day")
    end = made_known + days * _DAY
    if days > MAX_TERM_DAYS:
        return end
    while is_rustdag(end):  # art 1 lid 1
        end += _DAY
    if days >= 3:  # art 2: at least two days in the term that are no rustdag
        start = made_known + _DAY
        while sum(1 for n in range((end - start).days + 1) if not is_rustdag(start + n * _DAY)) < 2:
            end += _DAY
            while is_rustdag(end):
                end += _DAY
    return end


# Awb 6:7: six weeks.
BEZWAARTERMIJN_DAYS = 42


def bezwaartermijn_last_day(made_known: dt.date) -> dt.date:
    """The last day on which an objection can be lodged against a decision made known on `made_known` (Awb 6:7,
    6:8 lid 1; Algemene termijnenwet art 1 lid 1)."""
    return last_day_of_term(made_known, BEZWAARTERMIJN_DAYS)
