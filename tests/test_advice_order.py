"""The order of the advice (docs/design.md, "Order in the advice"): conditions as the rule writes them (the action
first), time-outs by urgency, deadlines by length, one notice per rule; and the same input gives the same bytes."""

from __future__ import annotations

from collections.abc import Callable

from pmm_rules import Case, Engine
from pmm_rules.advise._timeouts import URGENCY, deadline_days, urgency
from pmm_rules.load import default_vocabulary

from .common import EXAMPLES
from .test_advice_parts import case, engine_of, rule  # noqa: F401  (engine_of is a fixture)


def test_every_time_out_instrument_of_the_vocabulary_has_its_place_in_the_urgency_order() -> None:
    instruments = set(default_vocabulary().values("timeout_instruments"))
    assert instruments == set(URGENCY), "add the new instrument to URGENCY in pmm_rules/advise/_timeouts.py"
    assert len(URGENCY) == len(set(URGENCY))
    # An instrument someone adds without a place comes after all known ones, deterministically.
    assert urgency("onbekend", "gemeente") > urgency("aflospauze", "duo")


def test_threat_instruments_come_before_court_instruments_before_the_pauses_and_plans_per_creditor() -> None:
    order = sorted(["betalingsregeling", "stabilisatie", "breed_moratorium", "cjib_noodstop", "smal_moratorium",
                    "executiegeschil", "vish", "schuldsaneringsregeling"], key=lambda i: urgency(i, ""))
    assert order == ["executiegeschil", "smal_moratorium", "schuldsaneringsregeling", "breed_moratorium",
                     "cjib_noodstop", "stabilisatie", "vish", "betalingsregeling"]


def test_deadlines_compare_by_length_three_working_days_before_four_weeks_before_eight_weeks() -> None:
    assert deadline_days(3, "werkdagen") < deadline_days(2, "weken") < deadline_days(4, "weken") \
        < deadline_days(8, "weken") < deadline_days(3, "maanden")


def test_conditions_keep_the_order_of_the_rule(engine_of: Callable[..., Engine]) -> None:  # noqa: F811
    timeout = rule("proef.kortgeding", "timeout", "debt", "{fact: debt.stage, eq: ontruimingsvonnis}",
                   "{timeout: {instrument: executiegeschil, via: rechtbank, conditions: ["
                   "{nl: 'Zet de vordering in.', en: 'File the claim.'}, "
                   "{nl: 'Beperking achteraf.', en: 'A limit afterwards.'}]}}", law="rv")
    notice = rule("proef.bvv", "notice", "debt", "{fact: debt.stage, eq: ontruimingsvonnis}",
                  "{notice: {notice: beslagvrije_voet, conditions: ["
                  "{nl: 'Zo doet u het.', en: 'Do this.'}, {nl: 'Alleen als.', en: 'Only if.'}]}}", law="rv")
    advice = engine_of(timeout, notice).advise(
        case(debts=[{"id": "h", "creditor": "verhuurder", "stage": "ontruimingsvonnis"}]), evaluated_at="test")
    assert [c.nl for c in advice.timeouts[0].conditions] == ["Zet de vordering in.", "Beperking achteraf."]
    assert [c.nl for c in advice.notices[0].conditions] == ["Zo doet u het.", "Alleen als."]


def test_two_rules_with_the_same_notice_are_two_notices_each_with_its_own_debts_and_explanation(
        engine_of: Callable[..., Engine]) -> None:  # noqa: F811
    beslag = rule("proef.bvv.beslag", "notice", "debt", "{fact: debt.stage, eq: beslag}",
                  "{notice: {notice: beslagvrije_voet}}", law="rv")
    verrekening = rule("proef.bvv.verrekening", "notice", "debt", "{fact: debt.creditor, eq: uwv}",
                       "{notice: {notice: beslagvrije_voet}}", law="rv")
    advice = engine_of(beslag, verrekening).advise(
        case(debts=[{"id": "b", "creditor": "belastingdienst", "stage": "beslag"},
                    {"id": "u", "creditor": "uwv", "stage": "aanmaning"}]), evaluated_at="test")
    assert [(n.id, n.debt, n.creditors, n.explanation.nl.split(".")[0]) for n in advice.notices] == [
        ("b/beslagvrije_voet/proef.bvv.beslag", "b", ["belastingdienst"], "Uitleg van proef"),
        ("u/beslagvrije_voet/proef.bvv.verrekening", "u", ["uwv"], "Uitleg van proef")]
    assert [n.rules for n in advice.notices] == [["proef.bvv.beslag"], ["proef.bvv.verrekening"]]


def test_the_eviction_example_puts_the_threat_first_and_the_three_working_days_first(
        reference_engine: Engine) -> None:
    c = Case.from_yaml(EXAMPLES / "schulden_ontruiming.yaml").model_copy(deep=True)
    advice = reference_engine.advise(c, evaluated_at="test")
    instruments = [t.instrument for t in advice.timeouts]
    assert instruments.index("smal_moratorium") < instruments.index("cjib_noodstop")
    assert instruments.index("cjib_noodstop") < instruments.index("stabilisatie") < instruments.index("vish")
    first = advice.deadlines[0]
    assert (first.deadline, first.amount, first.unit) == ("wgs_eerste_gesprek", 3, "werkdagen")


def test_the_same_case_gives_the_same_bytes(reference_engine: Engine) -> None:
    c = Case.from_yaml(EXAMPLES / "schulden_na_toelating.yaml")
    first = reference_engine.advise(c, evaluated_at="x").to_json()
    second = reference_engine.advise(Case.from_yaml(EXAMPLES / "schulden_na_toelating.yaml"),
                                     evaluated_at="x").to_json()
    assert first == second
