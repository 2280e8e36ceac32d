"""Invariants of the debt rules, over many generated households: one covenant pause per creditor, the smal
moratorium only against the creditor behind the threat, the dwangakkoord and the breed moratorium only against a
creditor that does not cooperate, and the moratoria kept apart as the law keeps them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from pmm_rules import Case, Engine

CREDITORS = ["belastingdienst", "cak", "cjib", "duo", "svb", "uwv", "toeslagen", "gemeente", "zorgverzekeraar",
             "verhuurder", "energieleverancier", "waterbedrijf", "overig"]
STAGES = ["achterstand", "aanmaning", "dwangbevel", "beslag", "ontruimingsvonnis"]
STATUSES = ["geen", "aangemeld", "toegelaten", "minnelijk_traject", "wsnp_verzoek", "wsnp"]
THREATS = ["ontruiming", "afsluiting_energie", "afsluiting_water", "opzegging_zorgverzekering",
           "afsluiting_stadsverwarming"]

debts = st.lists(st.tuples(st.sampled_from(CREDITORS), st.sampled_from(STAGES)), min_size=1, max_size=4)


@st.composite
def households(draw: Any) -> Case:
    items = draw(debts)
    creditors = sorted({c for c, _ in items})
    refusing = draw(st.lists(st.sampled_from(creditors), unique=True, max_size=len(creditors)))
    return Case.model_validate({
        "schema_version": 1, "id": "h",
        "reference_date": draw(st.dates(dt.date(2016, 1, 1), dt.date(2027, 12, 31))).isoformat(),
        "municipality": {"name": "Voorbeeldstad", "pmm_connected": draw(st.booleans()),
                         "kennisgeving": draw(st.sampled_from([True, False, None]))},
        "members": [{"id": "m", "age": 40, "role": "aanvrager"}],
        "debts": [{"id": f"d{i}", "creditor": c, "stage": s, "amount_eur": 100} for i, (c, s) in enumerate(items)],
        "threats": draw(st.lists(st.sampled_from(THREATS), unique=True, max_size=2)),
        "debt_assistance": {"status": draw(st.sampled_from(STATUSES)), "vish_registered": draw(st.booleans())},
        "creditors_refusing": refusing,
        "attempts": [{"step": "regulier", "outcome": "lopend"}],
    })


ENGINE = Engine.default("reference")


@given(households())
def test_a_creditor_gets_one_covenant_pause_never_both_stabilisatie_and_pauzeknop(case: Case) -> None:
    advice = ENGINE.advise(case, evaluated_at="test")
    stabilisatie = {c for t in advice.timeouts if t.instrument == "stabilisatie" for c in t.creditors}
    pauzeknop = {c for t in advice.timeouts if t.instrument == "pauzeknop" for c in t.creditors}
    assert not stabilisatie & pauzeknop


# Fw 287b lid 4: the smal moratorium declares art 304 or 305 applicable, or bars cancelling the health insurance —
# it works against the creditor behind the threat (a vonnis tot ontruiming counts as the eviction threat).
BEHIND_THE_THREAT = {"ontruiming": "verhuurder", "afsluiting_energie": "energieleverancier",
                     "afsluiting_water": "waterbedrijf", "opzegging_zorgverzekering": "zorgverzekeraar"}


@given(households())
def test_court_instruments_only_where_the_law_allows_them(case: Case) -> None:
    advice = ENGINE.advise(case, evaluated_at="test")
    found = {t.instrument: t for t in advice.timeouts}
    refusing = set(case.creditors_refusing or ())
    if not refusing:
        assert "breed_moratorium" not in found
        assert "fw:287a" not in {lw.basis for lw in advice.leeway}
    if "smal_moratorium" in found:
        smal = found["smal_moratorium"]
        threats = set(case.threats or ())
        if any(d.stage == "ontruimingsvonnis" for d in case.debts or []):
            threats.add("ontruiming")
        # A bedreigende situatie of Fw 287b lid 2 (district heating alone does not count), with debt assistance under
        # way; no recorded refusal is needed.
        assert set(smal.creditors) <= {BEHIND_THE_THREAT[t] for t in threats if t in BEHIND_THE_THREAT}
        assert smal.creditors and not smal.all_creditors and smal.via == "rechtbank"
        assert case.debt_assistance is not None and case.debt_assistance.status in (
            "aangemeld", "toegelaten", "minnelijk_traject", "wsnp_verzoek")
    if "breed_moratorium" in found:
        breed = found["breed_moratorium"]
        assert breed.via == "gemeente" and breed.all_creditors
        assert case.debt_assistance is not None and case.debt_assistance.status in ("toegelaten", "minnelijk_traject")


@given(households())
def test_the_voorlopige_voorziening_only_while_a_wsnp_petition_is_pending(case: Case) -> None:
    advice = ENGINE.advise(case, evaluated_at="test")
    status = case.debt_assistance.status if case.debt_assistance else None
    instruments = {t.instrument for t in advice.timeouts}
    if "voorlopige_voorziening_wsnp" in instruments:
        assert status == "wsnp_verzoek"
    if status == "wsnp":
        assert not instruments & {"smal_moratorium", "breed_moratorium", "voorlopige_voorziening_wsnp",
                                  "stabilisatie", "pauzeknop", "vish"}


def test_every_note_of_the_admitted_household_shows_the_beslagvrije_voet_with_its_creditors() -> None:
    from pmm_rules.render import render_advice

    from .common import EXAMPLES

    advice = ENGINE.advise(Case.from_yaml(EXAMPLES / "schulden_na_toelating.yaml"), evaluated_at="test")
    from pmm_rules.labels import name

    for fmt in ("text", "markdown", "html"):
        for lang in ("nl", "en"):
            note = render_advice(advice, fmt, lang)
            assert name("notice", "beslagvrije_voet", lang) in note and "475i" in note, (fmt, lang)
            assert "CAK" in note and name("notice", "zvw_premieschuld", lang) in note, (fmt, lang)
