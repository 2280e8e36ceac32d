"""What the jurist's second review of the debt rules (0.2.0) found, where a scenario cannot look: the words of a
condition, the article, lid and text version a citation names. The cases are those of
pmm_rules/scenarios/schulden_review2.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pmm_rules import Case, Engine
from pmm_rules.model import Advice, Timeout
from tests.common import scenario_case

SCENARIOS = Path(__file__).resolve().parents[1] / "pmm_rules" / "scenarios" / "schulden_review2.yaml"


def case_of(name_start: str, **changes: Any) -> Case:
    """The case of the review scenario whose name starts with `name_start`, with top-level fields changed."""
    return scenario_case(SCENARIOS, name_start, **changes)


def advise(engine: Engine, c: Case) -> Advice:
    return engine.advise(c, evaluated_at="test")


def timeout(advice: Advice, instrument: str, via: str | None = None) -> Timeout:
    return next(t for t in advice.timeouts if t.instrument == instrument and via in (None, t.via))


def text(item: Timeout) -> str:
    return " ".join(c.nl for c in item.conditions)


def cites(item: Any, law: str, article: str, lid: str | None, sub: str | None = None) -> set[str | None]:
    """The text versions the item cites this article, lid and sub with (empty: not cited)."""
    return {c.text_read for c in item.citations
            if (c.law, c.article, c.paragraph, c.sub) == (law, article, lid, sub)}


def test_r2_1_before_july_2023_five_years_good_faith_and_the_ten_year_bar(reference_engine: Engine) -> None:
    wsnp = timeout(advise(reference_engine, case_of("R2-1 — minnelijk traject, de Belastingdienst weigert, 30 juni")),
                   "schuldsaneringsregeling")
    words = text(wsnp)
    assert "in de vijf jaar vóór het verzoek" in words and "drie jaar" not in words
    assert "minder dan tien jaar vóór het verzoek" in words and "(lid 2 sub d" in words
    assert cites(wsnp, "fw", "288", "1", "b") == {"2023-01-01"}
    assert cites(wsnp, "fw", "288", "2", "d") == {"2023-01-01"}


def test_r2_1_from_july_2023_three_years_and_no_ten_year_bar(reference_engine: Engine) -> None:
    c = case_of("R2-1 — minnelijk traject, de Belastingdienst weigert, 30 juni", reference_date="2023-07-01")
    wsnp = timeout(advise(reference_engine, c), "schuldsaneringsregeling")
    words = text(wsnp)
    assert "in de drie jaar vóór het verzoek" in words and "vijf jaar" not in words
    assert "tienjaarstermijn is vervallen" in words
    assert cites(wsnp, "fw", "288", "1", "b") == {"2026-09-01"}
    assert not cites(wsnp, "fw", "288", "2", "d")
    law_2023 = next(c for c in wsnp.citations if c.url and "stb-2023-87" in c.url)
    assert law_2023.kind == "practice"
    in_force = next(c for c in wsnp.citations if c.title and "1 juli 2023" in c.title)
    assert in_force.confidence == "likely"


def test_r2_3_and_r2_12_the_petition_names_who_files_the_285_statement_and_the_287_4_measure(
        reference_engine: Engine) -> None:
    c = case_of("R2-1 — minnelijk traject, de Belastingdienst weigert, 30 juni", reference_date="2026-11-01")
    advice = advise(reference_engine, c)
    wsnp = timeout(advice, "schuldsaneringsregeling")
    words = text(wsnp)
    assert "Wie doet wat" in words and "(Fw 284 lid 2)" in words and "(285 lid 1 sub f)" in words
    assert "(285 lid 2)" in words and "niet-ontvankelijkheid (287 lid 2)" in words
    assert "een voorlopige voorziening (287 lid 4)" in words
    for lid, sub in (("2", None), ("4", None)):
        assert cites(wsnp, "fw", "284", lid, sub)
    assert cites(wsnp, "fw", "285", "1", "f") and cites(wsnp, "fw", "285", "2") and cites(wsnp, "fw", "287", "2")
    smal = timeout(advice, "smal_moratorium")
    assert "Wie doet wat" in text(smal) and "niet-ontvankelijkheid (287 lid 2)" in text(smal)
    assert cites(smal, "fw", "285", "1", "f") and cites(smal, "fw", "284", "2")
    # at minnelijk_traject the mediation runs: no warning that the court will refuse
    assert "pas aangemeld" not in text(smal)


def test_r2_3_at_aangemeld_the_smal_moratorium_says_the_court_refuses_without_a_running_trajectory(
        reference_engine: Engine) -> None:
    smal = timeout(advise(reference_engine, case_of("R2-3 — vonnis, pas aangemeld")), "smal_moratorium")
    words = text(smal)
    assert "Het huishouden is pas aangemeld" in words and "(287b lid 3 met 287a lid 7)" in words
    assert smal.conditions[0].nl.startswith("Vraag de rechtbank om een smal moratorium")  # the action stays first
    assert cites(smal, "fw", "287a", "7")


def test_r2_2_during_the_wsnp_the_eviction_is_suspended_by_305_and_the_trustee_acts_first(
        reference_engine: Engine) -> None:
    kort_geding = timeout(advise(reference_engine, case_of("R2-2 — WSNP uitgesproken")), "executiegeschil")
    words = text(kort_geding)
    assert kort_geding.conditions[0].nl.startswith("De schuldsaneringsregeling is uitgesproken")
    assert "(Fw 305 lid 2)" in words and "bewindvoerder" in words and "Gaat de deurwaarder toch door" in words
    assert "past het smal moratorium naast het kort geding" not in words
    assert cites(kort_geding, "fw", "305", "2")


def test_r2_2_before_any_debt_assistance_the_kort_geding_says_apply_today(reference_engine: Engine) -> None:
    c = case_of("R2-2 — WSNP uitgesproken", debt_assistance={"status": "geen"})
    words = text(timeout(advise(reference_engine, c), "executiegeschil"))
    assert "meld dan vandaag aan" in words and "(Fw 287b lid 1)" in words
    assert "Fw 305 lid 2" not in words


def test_r2_4_the_noodstop_at_aangemeld_says_to_choose_one_pause(reference_engine: Engine) -> None:
    c = case_of("R2-4 — minnelijk traject", debt_assistance={"status": "aangemeld"})
    noodstop = timeout(advise(reference_engine, c), "cjib_noodstop")
    assert "Kies één pauze voor het CJIB" in text(noodstop)


def test_r2_7_in_a_settlement_toeslagen_is_asked_to_hold_not_for_a_personal_plan(reference_engine: Engine) -> None:
    advice = advise(reference_engine, case_of("R2-4 — minnelijk traject"))
    notice = next(n for n in advice.notices if n.creditors == ["toeslagen"])
    words = " ".join(c.nl for c in notice.conditions)
    assert "aan te houden zolang die loopt" in words
    assert "vraag zo nodig een persoonlijke betalingsregeling" not in words
    outside = advise(reference_engine, case_of("R2-4 — minnelijk traject", debt_assistance={"status": "geen"}))
    notice = next(n for n in outside.notices if n.creditors == ["toeslagen"])
    assert "vraag zo nodig een persoonlijke betalingsregeling" in " ".join(c.nl for c in notice.conditions)


def test_r2_9_the_cak_notice_puts_the_payment_plan_under_18b_not_18c(reference_engine: Engine) -> None:
    c = case_of("R2-4 — minnelijk traject", debts=[
        {"id": "premie", "creditor": "cak", "kind": "bestuursrechtelijke_premie", "amount_eur": 900,
         "stage": "aanmaning"}])
    notice = next(n for n in advise(reference_engine, c).notices if n.notice == "zvw_premieschuld")
    words = " ".join(cond.nl for cond in notice.conditions)
    assert "(sub e" in words and "via 18b lid 3" in words
    assert "onder meer betwisting, betalingsregeling" not in words
    assert cites(notice, "zvw", "18c", "2") and cites(notice, "zvw", "18b", "3")


def test_r2_10_deferral_asked_of_a_refusing_creditor_names_the_breed_moratorium(reference_engine: Engine) -> None:
    c = case_of("R2-6 — toegelaten, de Belastingdienst weigert", reference_date="2026-11-01")
    uitstel = timeout(advise(reference_engine, c), "betalingsregeling", "belastingdienst")
    assert "schuldeisers die niet meewerken" in text(uitstel) and "breed moratorium vragen (Wgs 5)" in text(uitstel)


def test_r2_6_the_direct_route_names_its_limits_and_cites_the_second_sentence(reference_engine: Engine) -> None:
    advice = advise(reference_engine, case_of("R2-6 — toegelaten, de Belastingdienst weigert"))
    direct = next(lw for lw in advice.leeway if lw.basis == "fw:285")
    assert direct.limits is not None and "(Fw 285 lid 1 sub f tweede zin)" in direct.limits.nl
    assert cites(direct, "fw", "285", "1", "f") == {"2026-09-01"}


def test_r2_11_the_warmte_leeway_says_the_warmteregeling_is_not_encoded(reference_engine: Engine) -> None:
    advice = advise(reference_engine, case_of("R2-11 — achterstand bij de warmteleverancier"))
    bijstand = next(lw for lw in advice.leeway if lw.basis == "pw:35")
    assert bijstand.limits is not None and "Warmteregeling) is hier niet gecodeerd" in bijstand.limits.nl


def test_r2_5_the_question_order_is_the_same_every_time(reference_engine: Engine) -> None:
    c = case_of("R2-3 — vonnis, pas aangemeld")
    first = [m.path for m in advise(reference_engine, c).missing_facts]
    assert first[0] == "debts.huur.eviction_scheduled"
    assert [m.path for m in advise(reference_engine, c).missing_facts] == first
