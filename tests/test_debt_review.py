"""What the jurist's review of the debt rules (0.2.0) found, where a scenario cannot look: the words of a condition,
the article and lid a citation names, the confidence of a source. The cases are those of
pmm_rules/scenarios/schulden_review.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pmm_rules import Case, Engine
from pmm_rules.model import Advice
from tests.common import scenario_case

SCENARIOS = Path(__file__).resolve().parents[1] / "pmm_rules" / "scenarios" / "schulden_review.yaml"


def case_of(name_start: str, **changes: Any) -> Case:
    """The case of the review scenario whose name starts with `name_start`, with top-level fields changed."""
    return scenario_case(SCENARIOS, name_start, **changes)


def advise(engine: Engine, c: Case) -> Advice:
    return engine.advise(c, evaluated_at="test")


def cited(items: list[Any]) -> set[tuple[str | None, str | None, str | None]]:
    return {(c.law, c.article, c.paragraph) for item in items for c in item.citations}


def test_w1_the_kort_geding_goes_to_the_kantonrechter_without_a_mandatory_lawyer(reference_engine: Engine) -> None:
    advice = advise(reference_engine, case_of("W1 — aangezegde"))
    kort_geding = next(t for t in advice.timeouts if t.instrument == "executiegeschil")
    first = kort_geding.conditions[0].nl
    assert first.startswith("Vordering in kort geding") and "kantonrechter die het ontruimingsvonnis wees" in first
    assert "Geen advocaat verplicht" in kort_geding.conditions[1].nl
    assert not any("Loopt de schuldsanering al" in c.nl for c in kort_geding.conditions)
    assert {("rv", "79", "1"), ("rv", "438", "1"), ("rv", "438", "2")} <= cited([kort_geding])


def test_w4_the_dwangakkoord_names_who_appeals_under_which_lid(reference_engine: Engine) -> None:
    advice = advise(reference_engine, case_of("W2 — de verhuurder"))
    dwangakkoord = next(lw for lw in advice.leeway if lw.basis == "fw:287a")
    assert {("fw", "292", "1"), ("fw", "292", "3")} <= cited([dwangakkoord])
    assert "de schuldeiser binnen" in dwangakkoord.limits.nl and "(292 lid 3)" in dwangakkoord.limits.nl


def test_w6_the_toeslagen_exclusion_in_the_wsnp_rests_on_fw_299(reference_engine: Engine) -> None:
    c = case_of("X5 — strafrechtelijke", debts=[{"id": "t", "creditor": "toeslagen", "kind": "toeslag",
                                                  "amount_eur": 900, "stage": "aanmaning"}])
    regeling = next(t for t in advise(reference_engine, c).timeouts if t.instrument == "betalingsregeling")
    assert ("fw", "299", "1") in cited([regeling])
    awir_31a = next(cit for cit in regeling.citations if (cit.law, cit.article) == ("awir", "31a"))
    assert awir_31a.sub == "a"


def test_m2_each_rule_its_own_notice_with_its_own_creditors_and_explanation(reference_engine: Engine) -> None:
    advice = advise(reference_engine, case_of("M3/M2"))
    by_rule = {n.rules[0]: n for n in advice.notices}
    assert len(by_rule) == len(advice.notices)
    assert by_rule["schulden.beslagvrije_voet.verrekening_toeslagen.schuldregeling"].creditors == ["toeslagen"]
    assert by_rule["schulden.beslagvrije_voet.verrekening_bijstand"].creditors == ["gemeente"]
    assert by_rule["schulden.beslagvrije_voet.verrekening_toeslagen.schuldregeling"].explanation.nl.startswith(
        "Toeslagen")


def test_m4_the_let_without_the_lmm_and_an_unknown_connection_gives_the_lmm_and_asks(
        reference_engine: Engine) -> None:
    attempts = [{"step": "regulier", "outcome": "vastgelopen"}, {"step": "let", "outcome": "lopend"}]
    advice = advise(reference_engine, case_of("M3 — toegelaten", municipality={"name": "Voorbeeldstad"},
                                              attempts=attempts))
    assert advice.escalation.next_step == "lmm"
    assert "route.regulier.naar_lmm.aansluiting_onbekend" in advice.escalation.rules
    assert "municipality.pmm_connected" in [m.path for m in advice.missing_facts]
    reason = next(r.nl for r, rule in zip(advice.escalation.reasons, advice.escalation.rules, strict=True)
                  if rule == "route.let.zonder_lmm")
    assert "Meld de casus bij het LMM" not in reason
    # the step and the reasons agree: the LET rule names no step of its own that the route would not give
    connected = advise(reference_engine, case_of("M3 — toegelaten",
                                                 municipality={"name": "Voorbeeldstad", "pmm_connected": True},
                                                 attempts=attempts))
    assert connected.escalation.next_step == "maatwerkregister"
    assert "route.regulier.naar_lmm.aansluiting_onbekend" not in connected.escalation.rules


def test_m5_before_2021_no_bgs_and_no_client_of_wgs_1(reference_engine: Engine) -> None:
    for day, bgs in (("2017-05-01", False), ("2026-11-01", True)):
        advice = advise(reference_engine, case_of("M5 — peildatum", reference_date=day))
        breed = next(t for t in advice.timeouts if t.instrument == "breed_moratorium")
        laws = cited([breed])
        assert (("bgs", "1", None) in laws) is bgs
        assert (("wgs", "1", None) in laws) is bgs


def test_m6_a_source_whose_claim_is_a_reading_says_likely_and_the_energy_policy_from_2026_says_unverified(
        reference_engine: Engine) -> None:
    advice = advise(reference_engine, case_of("W1 — aangezegde"))
    reading = next(t for t in advice.trace if t.rule == "schulden.afleiding.bedreigende_situatie_wgs")
    assert {c.confidence for c in reading.citations if (c.law, c.article) == ("wgs", "4")} == {"likely"}
    zomer = advise(reference_engine, case_of("X3 — energieschuld"))
    energie = next(t for t in zomer.timeouts if t.instrument == "afsluitbescherming_energie")
    assert {c.confidence for c in energie.citations if c.title and c.title.startswith("Regeling afsluitbeleid")} \
        == {"unverified"}
    assert energie.rules == ["timeout.afsluitbescherming.energie.energiewet"]


def test_m11_the_pw_49_note_says_what_the_article_says(reference_engine: Engine) -> None:
    rule = next(r for r in reference_engine.rules if r.id == "leeway.pw.bijzondere_bijstand.woonlasten")
    note = next(s.note for s in rule.rule.sources if (s.law, s.article, s.sub) == ("pw", "49", "a"))
    assert note is not None and "beperkte mogelijkheden tot terugbetaling" in note
