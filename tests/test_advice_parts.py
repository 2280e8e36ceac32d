"""The parts of the advice, each on a small rule base of its own so that only the mechanism is under test:
candidate regimes and what is still open, who is responsible now and who pays in the end, points of attention,
warnings, missing facts that matter (ranked), the route's first actions and an LET without the LMM, bridging
weights, leeway on debts, time-outs against refusing creditors, and graph edges by form of delivery."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pmm_rules import Case, Engine
from pmm_rules.evaluate import open_leaves, subjects_of
from pmm_rules.load import default_vocabulary
from pmm_rules.model import All, Any_, Leaf, Not

from .common import EXAMPLES

GRAPH = """
schema_version: 1
nodes:
  - {id: wmo2015, type: law, entry: {nl: Meld de behoefte bij de gemeente., en: Report the need to the municipality.}}
  - {id: wlz, type: law, access_by_decision: true}
  - {id: zvw, type: law}
  - {id: wgs, type: law}
  - {id: gemeente, type: actor}
  - {id: zorgkantoor, type: actor}
  - {id: zorgverzekeraar, type: actor}
  - {id: cak, type: actor}
  - {id: svb, type: actor}
  - {id: begeleiding, type: provision}
  - {id: langdurig_verblijf, type: provision}
  - {id: regulier, type: step}
  - {id: maatwerkregister, type: step}
  - {id: lmm, type: step}
  - {id: let, type: step}
edges:
  - {from: gemeente, to: wmo2015, type: executes}
  - {from: gemeente, to: wmo2015, type: finances}
  - {from: zorgkantoor, to: wlz, type: executes}
  - {from: zorgkantoor, to: wlz, type: finances}
  - {from: cak, to: wlz, type: pays_out}
  - {from: svb, to: wlz, type: pays_out, delivery_forms: [pgb, mpt_pgb]}
  - {from: zorgverzekeraar, to: zvw, type: executes}
  - {from: zorgverzekeraar, to: zvw, type: finances}
  - {from: wlz, to: wmo2015, type: precedes, nature: discretionary}
  - {from: zvw, to: wmo2015, type: precedes, nature: mandatory}
  - {from: regulier, to: maatwerkregister, type: escalates_to}
  - {from: maatwerkregister, to: lmm, type: escalates_to}
  - {from: lmm, to: let, type: escalates_to}
"""


def rule(rule_id: str, kind: str, subject: str, when: str, then: str, law: str = "wmo2015") -> str:
    bwb = default_vocabulary().laws[law].bwb_id
    article = {"wmo2015": "2.3.5", "wlz": "3.2.3", "zvw": "10", "wgs": "3", "awb": "3:4", "rv": "475"}[law]
    return textwrap.indent(textwrap.dedent(f"""\
        - id: {rule_id}
          title: {rule_id}
          kind: {kind}
          subject: {subject}
          sources: [{{law: {law}, article: '{article}', bwb_id: {bwb}}}]
          valid_from: 2015-01-01
          when: {when}
          then: {then}
          explanation: {{nl: "Uitleg van {rule_id}. Tweede zin.", en: "Explanation of {rule_id}. Second sentence."}}
        """), "  ")


@pytest.fixture
def engine_of(tmp_path: Path) -> Callable[..., Engine]:
    """An engine (reference backend) over the given rules and the small graph above."""

    def make(*rules: str, domain: str = "proef") -> Engine:
        folder = tmp_path / f"regels{len(list(tmp_path.iterdir()))}"
        folder.mkdir()
        (folder / "regels.yaml").write_text(f"schema_version: 1\ndomain: {domain}\nrules:\n" + "".join(rules),
                                            encoding="utf-8")
        (folder / "graaf.yaml").write_text(textwrap.dedent(GRAPH), encoding="utf-8")
        return Engine.from_paths([folder], backend="reference")

    return make


def case(**fields: Any) -> Case:
    data: dict[str, Any] = {"schema_version": 1, "id": "c", "reference_date": "2026-11-01",
                            "members": [{"id": "m", "age": 40}],
                            "needs": [{"id": "n", "member": "m", "provision": "begeleiding"}]}
    data.update(fields)
    return Case.model_validate(data)


WMO_APPLIES = rule("proef.wmo", "regime", "need", "{fact: need.urgent, eq: true}",
                   "{regime: {law: wmo2015, status: applies}}")
WLZ_CANDIDATE = rule("proef.wlz", "regime", "need", "{fact: member.pending, contains: wlz_aanvraag}",
                     "{regime: {law: wlz, status: candidate}}", law="wlz")
ZVW_OPEN = rule("proef.zvw", "regime", "need", "{fact: need.medical, eq: true}",
                "{regime: {law: zvw, status: applies}}", law="zvw")
# A law that waits for a decision but gives a right once it is taken from before it (unlike the Wlz, whose node says
# access only by decision): an insurer's hardship judgment.
ZVW_CANDIDATE = rule("proef.zvw.kandidaat", "regime", "need", "{fact: need.medical, eq: true}",
                     "{regime: {law: zvw, status: candidate}}", law="zvw")


def need_of(engine: Engine, c: Case) -> Any:
    return engine.advise(c, evaluated_at="test").needs[0]


# ---------------------------------------------------------------- regimes, responsibility, final financier


def test_a_candidate_regime_is_undetermined_and_names_the_decision_it_waits_for(
        engine_of: Callable[..., Engine]) -> None:
    need = need_of(engine_of(WMO_APPLIES, WLZ_CANDIDATE),
                   case(members=[{"id": "m", "age": 40, "pending": ["wlz_aanvraag"]}],
                        needs=[{"id": "n", "member": "m", "provision": "begeleiding", "urgent": True}]))
    wlz = next(r for r in need.regimes if r.law == "wlz")
    assert wlz.status == "undetermined"
    assert [(item.kind, item.rule) for item in wlz.open] == [("decision", "proef.wlz")]
    assert wlz.open[0].text.nl.startswith("Uitleg van proef.wlz")


def test_the_law_that_applies_is_responsible_and_a_candidate_before_it_will_likely_pay_in_the_end(
        engine_of: Callable[..., Engine]) -> None:
    need = need_of(engine_of(WMO_APPLIES, ZVW_CANDIDATE),
                   case(needs=[{"id": "n", "member": "m", "provision": "begeleiding", "urgent": True,
                                "medical": True}]))
    assert (need.responsible.law, need.responsible.status, need.responsible.financier) == \
        ("wmo2015", "applies", "gemeente")
    assert (need.final_financier.law, need.final_financier.financier) == ("zvw", "zorgverzekeraar")
    assert need.final_financier.rules == ["proef.zvw.kandidaat"]


def test_a_law_that_gives_no_right_before_its_access_decision_is_not_the_final_financier_while_another_applies(
        engine_of: Callable[..., Engine]) -> None:
    # Wlz 3.2.3 lid 1: no right before the indication, and nothing paid back for the waiting period; the law that
    # applies now pays it. The field holds one party, so it names nobody else.
    need = need_of(engine_of(WMO_APPLIES, WLZ_CANDIDATE),
                   case(members=[{"id": "m", "age": 40, "pending": ["wlz_aanvraag"]}],
                        needs=[{"id": "n", "member": "m", "provision": "begeleiding", "urgent": True}]))
    assert (need.responsible.law, need.responsible.status) == ("wmo2015", "applies")
    assert next(r for r in need.regimes if r.law == "wlz").status == "undetermined"
    assert need.final_financier is None


def test_an_open_regime_can_be_the_party_to_go_to_now_but_never_one_that_waits_for_its_access_decision(
        engine_of: Callable[..., Engine]) -> None:
    engine = engine_of(WMO_APPLIES, WLZ_CANDIDATE)
    # The Wmo's own test is open (urgency unknown): the professional goes to the gemeente, marked undetermined.
    open_wmo = need_of(engine, case(members=[{"id": "m", "age": 40, "pending": []}]))
    assert (open_wmo.responsible.law, open_wmo.responsible.status) == ("wmo2015", "undetermined")
    # Only the Wlz could apply and it waits for the CIZ: nobody is responsible now; it will likely pay in the end.
    only_wlz = need_of(engine, case(members=[{"id": "m", "age": 40, "pending": ["wlz_aanvraag"]}],
                                    needs=[{"id": "n", "member": "m", "provision": "begeleiding", "urgent": False}]))
    assert only_wlz.responsible is None
    assert only_wlz.final_financier.financier == "zorgkantoor"


def test_an_undetermined_candidate_names_no_decision_and_no_final_financier_only_the_facts_it_needs(
        engine_of: Callable[..., Engine]) -> None:
    # Whether an application is pending is unknown: the Wlz may be a candidate, but nothing says it waits for a
    # decision, so the advice asks the fact instead of naming the zorgkantoor as the likely final financier.
    bridging = rule("proef.overbrugging", "bridging", "need", "{fact: need.provision, eq: begeleiding}",
                    "{bridging: {instrument: overbruggingsprocedure}}")
    advice = engine_of(WMO_APPLIES, WLZ_CANDIDATE, bridging).advise(
        case(needs=[{"id": "n", "member": "m", "provision": "begeleiding", "urgent": True}]), evaluated_at="test")
    need = advice.needs[0]
    wlz = next(r for r in need.regimes if r.law == "wlz")
    assert wlz.status == "undetermined"
    assert [(item.kind, item.path) for item in wlz.open] == [("fact", "members.m.pending")]
    assert need.final_financier is None
    weights = {c.law: [w.name for w in c.weights] for c in advice.bridging.per_need[0].candidates}
    assert weights["wlz"][0] == "regime_open"


def test_an_open_regime_that_goes_first_by_law_makes_the_responsibility_undetermined(
        engine_of: Callable[..., Engine]) -> None:
    need = need_of(engine_of(WMO_APPLIES, ZVW_OPEN),
                   case(needs=[{"id": "n", "member": "m", "provision": "begeleiding", "urgent": True}]))
    assert (need.responsible.law, need.responsible.status) == ("wmo2015", "undetermined")
    assert [item.path for r in need.regimes if r.law == "zvw" for item in r.open] == ["needs.n.medical"]


def test_who_pays_out_follows_the_form_of_delivery(engine_of: Callable[..., Engine]) -> None:
    wlz = rule("proef.wlz.geldt", "regime", "need", "{fact: member.indications, contains: wlz_indicatie}",
               "{regime: {law: wlz, status: applies}}", law="wlz")
    engine = engine_of(wlz)
    member = {"id": "m", "age": 80, "indications": ["wlz_indicatie"]}
    in_kind = need_of(engine, case(members=[member]))
    by_budget = need_of(engine, case(members=[{**member, "wlz_delivery_form": "pgb"}]))
    assert (in_kind.responsible.financier, in_kind.responsible.pays_out) == ("zorgkantoor", "cak")
    assert by_budget.responsible.pays_out == "svb"


# ---------------------------------------------------------------- bridging


def test_bridging_ranks_per_need_with_named_weights_and_settles_with_the_one_who_pays_the_waiting_period(
        engine_of: Callable[..., Engine]) -> None:
    bridging = rule("proef.overbrugging", "bridging", "need", "{fact: need.provision, eq: begeleiding}",
                    "{bridging: {instrument: overbruggingsprocedure}}")
    advice = engine_of(WMO_APPLIES, WLZ_CANDIDATE, bridging).advise(
        case(members=[{"id": "m", "age": 40, "pending": ["wlz_aanvraag"]}],
             needs=[{"id": "n", "member": "m", "provision": "begeleiding", "urgent": True},
                    {"id": "o", "member": "m", "provision": "begeleiding", "urgent": False}],
             refusals=[{"need": "n", "by": "gemeente", "points_to": "zorgkantoor"}]), evaluated_at="test")
    per_need = {n.need: n for n in advice.bridging.per_need}
    assert set(per_need) == {"n", "o"}
    ranked = per_need["n"].candidates
    # The Wlz's precedence counts only from its decision on (no right and nothing paid back before it, Wlz 3.2.3
    # lid 1), so it adds nothing over the Wmo 2015 that applies now.
    assert [(c.law, c.score) for c in ranked] == [("wmo2015", 10), ("wlz", 8)]
    assert [w.name for w in ranked[0].weights] == ["regime_geldt", "weigering"]
    assert [w.name for w in ranked[1].weights] == ["regime_kandidaat", "verwijzing"]
    assert all(w.value == 0 for c in ranked for w in c.weights if w.name in ("weigering", "verwijzing"))
    # The Wmo 2015 pays now and until the decision: the need names no other final financier, and the bridging settles
    # with the gemeente; one answer in the need and in the bridging.
    need = next(n for n in advice.needs if n.need == "n")
    assert need.final_financier is None
    assert per_need["n"].likely_financier == "gemeente"
    # In the other need only the Wlz is a candidate (nobody pays now): it waits for its decision and is the likely
    # financier of what comes after it.
    assert (per_need["o"].likely_financier, [c.law for c in per_need["o"].candidates]) == ("zorgkantoor", ["wlz"])
    assert advice.bridging.likely_financier is None  # the needs differ


# ---------------------------------------------------------------- notices, warnings, missing facts


def test_a_notice_reaches_the_advice_and_every_note_with_the_creditors_of_its_debts(
        engine_of: Callable[..., Engine]) -> None:
    notice = rule("proef.bvv", "notice", "debt", "{fact: debt.stage, eq: beslag}",
                  "{notice: {notice: beslagvrije_voet, conditions: [{nl: Vraag de berekening op., en: Ask for it.}]}}",
                  law="rv")
    engine = engine_of(notice)
    advice = engine.advise(case(debts=[{"id": "d1", "creditor": "belastingdienst", "stage": "beslag"},
                                       {"id": "d2", "creditor": "cjib", "stage": "beslag"},
                                       {"id": "d3", "creditor": "duo", "stage": "aanmaning"}]), evaluated_at="test")
    assert [(n.id, n.notice, n.creditors, n.rules) for n in advice.notices] == \
        [("huishouden/beslagvrije_voet/proef.bvv", "beslagvrije_voet", ["belastingdienst", "cjib"], ["proef.bvv"])]
    from pmm_rules.render import render_advice

    for fmt in ("text", "markdown", "html"):
        assert "Vraag de berekening op." in render_advice(advice, fmt, "nl")


def test_the_jeugdhulp_notice_reaches_every_note(reference_engine: Engine) -> None:
    advice = reference_engine.advise(Case.from_yaml(EXAMPLES / "achttien_min_plus.yaml"), evaluated_at="test")
    assert "verlenging_jeugdhulp" in [n.notice for n in advice.notices]
    from pmm_rules.render import render_advice

    for fmt in ("text", "markdown", "html"):
        note = render_advice(advice, fmt, "nl")
        assert "Aandachtspunten" in note and "verlengde jeugdhulp" in note


def test_a_reference_date_before_the_care_laws_gets_a_warning_first(reference_engine: Engine) -> None:
    advice = reference_engine.advise(Case.from_yaml(EXAMPLES / "persoonlijke_verzorging.yaml").model_copy(
        update={"reference_date": __import__("datetime").date(2014, 6, 1)}), evaluated_at="test")
    assert "peildatum_voor_zorgwetten" in [w.code for w in advice.warnings]
    from pmm_rules.render import render_advice

    note = render_advice(advice, "text", "nl")
    assert note.splitlines()[1].startswith("Let op: De peildatum 2014-06-01 ligt vóór 1 januari 2015")


def test_debt_questions_are_asked_only_where_the_case_is_about_debts(reference_engine: Engine) -> None:
    care_only = reference_engine.advise(Case.from_yaml(EXAMPLES / "stemtolk.yaml"), evaluated_at="test")
    asked = [m.path for m in care_only.missing_facts]
    assert not [p for p in asked if p.startswith(("debts", "debt_assistance", "threats", "creditors_refusing"))]
    with_debt = Case.from_yaml(EXAMPLES / "stemtolk.yaml").model_copy(
        update={"debts": [Case.model_validate({"schema_version": 1, "id": "x", "reference_date": "2026-01-01",
                                                "members": [{"id": "m"}],
                                                "debts": [{"id": "d", "creditor": "cjib"}]}).debts[0]]})
    asked_with_debt = [m.path for m in reference_engine.advise(with_debt, evaluated_at="test").missing_facts]
    assert [p for p in asked_with_debt if p.startswith(("debts", "debt_assistance"))]


def test_missing_facts_are_ranked_the_most_decisive_first(reference_engine: Engine) -> None:
    advice = reference_engine.advise(Case.from_yaml(EXAMPLES / "wlz_wachtend.yaml"), evaluated_at="test")
    ranks = [m.rank for m in advice.missing_facts]
    assert ranks == list(range(1, len(ranks) + 1))
    order = {"beslissend": 0, "relevant": 1, "aanvullend": 2}
    impacts = [order[m.impact] for m in advice.missing_facts]
    assert impacts == sorted(impacts)


def test_an_unknown_fact_in_a_part_already_decided_is_not_asked() -> None:
    age, urgent = Leaf("member.age", "ge", 18), Leaf("need.urgent", "eq", True)
    medical = Leaf("need.medical", "eq", True)
    facts = {"member.age": 40, "need.urgent": None, "need.medical": None}
    assert open_leaves(Any_((age, urgent)), facts) == []  # true already
    assert open_leaves(All((Not(age), urgent)), facts) == []  # false already
    assert open_leaves(All((age, Any_((urgent, medical)))), facts) == ["need.urgent", "need.medical"]


# ---------------------------------------------------------------- route


def test_an_let_attempt_without_the_lmm_is_not_a_step_taken(reference_engine: Engine) -> None:
    advice = reference_engine.advise(Case.from_yaml(EXAMPLES / "stemtolk.yaml").model_copy(update={
        "attempts": [Case.model_validate({"schema_version": 1, "id": "x", "reference_date": "2026-01-01",
                                          "members": [{"id": "m"}],
                                          "attempts": [{"step": s, "outcome": "vastgelopen"}
                                                       for s in ("regulier", "let")]}).attempts][0]}),
        evaluated_at="test")
    statuses = {s.step: s.status for s in advice.escalation.route}
    assert statuses["let"] == "ongeldig"
    assert advice.escalation.current_step == "regulier"


def test_on_the_regular_route_each_need_gets_a_first_action_at_the_party_responsible(
        engine_of: Callable[..., Engine]) -> None:
    to_regular = rule("proef.route", "escalation", "case", "{fact: case.something_needed, eq: true}",
                      "{escalation: {next_step: regulier}}")
    advice = engine_of(WMO_APPLIES, to_regular).advise(
        case(needs=[{"id": "n", "member": "m", "provision": "begeleiding", "urgent": True},
                    {"id": "o", "member": "m", "provision": "langdurig_verblijf", "urgent": False}],
             debts=[{"id": "d", "creditor": "cjib"}], threats=[], debt_assistance={"status": "geen"}),
        evaluated_at="test")
    actions = [(a.need, a.actor, a.law, a.action.nl) for a in advice.escalation.first_actions]
    assert actions[0] == ("n", "gemeente", "wmo2015", "Meld de behoefte bij de gemeente.")
    assert actions[1][:3] == ("o", "gemeente", None)  # no regime at all: the gemeente's toegang
    assert actions[2][:3] == (None, "gemeente", "wgs")


# ---------------------------------------------------------------- leeway, time-outs


def test_leeway_on_a_debt_or_the_household_targets_the_debt_or_the_household(engine_of: Callable[..., Engine]) -> None:
    on_debt = rule("proef.leeway.schuld", "leeway", "debt", "{fact: debt.creditor, eq: cjib}",
                   "{leeway: {basis: 'awb:3:4'}}", law="awb")
    on_case = rule("proef.leeway.huishouden", "leeway", "case", "{fact: case.has_beslag, eq: true}",
                   "{leeway: {basis: 'awb:4:84'}}", law="awb")
    advice = engine_of(on_debt, on_case).advise(case(debts=[{"id": "d", "creditor": "cjib", "stage": "beslag"}]),
                                                evaluated_at="test")
    assert sorted((lw.basis, lw.target) for lw in advice.leeway) == \
        [("awb:3:4", "schuld:d"), ("awb:4:84", "huishouden")]


def test_a_time_out_can_cover_the_creditors_that_refuse(engine_of: Callable[..., Engine]) -> None:
    timeout = rule("proef.moratorium", "timeout", "case", "{fact: case.creditors_refusing_any, eq: true}",
                   "{timeout: {instrument: smal_moratorium, via: rechtbank, creditors_from: creditors_refusing}}")
    advice = engine_of(timeout).advise(case(creditors_refusing=["verhuurder", "energieleverancier"]),
                                       evaluated_at="test")
    assert [(t.instrument, t.creditors) for t in advice.timeouts] == \
        [("smal_moratorium", ["energieleverancier", "verhuurder"])]


def test_an_instrument_asked_through_several_parties_is_listed_once_per_party_with_its_own_terms(
        engine_of: Callable[..., Engine]) -> None:
    def plan(rule_id: str, creditor: str, via: str, months: int) -> str:
        return rule(rule_id, "timeout", "debt", f"{{fact: debt.creditor, eq: {creditor}}}",
                    f"{{timeout: {{instrument: betalingsregeling, via: {via}, max_months: {months}, "
                    f"conditions: [{{nl: 'Voorwaarde {via}.', en: 'Condition {via}.'}}]}}}}")
    engine = engine_of(plan("proef.regeling.cak", "cak", "cak", 12), plan("proef.regeling.svb", "svb", "svb", 24))
    advice = engine.advise(case(debts=[{"id": "a", "creditor": "cak"}, {"id": "b", "creditor": "cak"},
                                       {"id": "c", "creditor": "svb"}]), evaluated_at="test")
    assert [(t.instrument, t.via, t.creditors, t.max_months, [c.nl for c in t.conditions])
            for t in advice.timeouts] == [("betalingsregeling", "cak", ["cak"], 12, ["Voorwaarde cak."]),
                                          ("betalingsregeling", "svb", ["svb"], 24, ["Voorwaarde svb."])]


# ---------------------------------------------------------------- facts


def test_every_fact_of_the_vocabulary_is_given_to_every_subject_it_names() -> None:
    vocab = default_vocabulary()
    full = Case.from_yaml(EXAMPLES / "wlz_wachtend.yaml").model_copy(update={"debts": case(
        debts=[{"id": "d", "creditor": "cjib"}]).debts})
    subjects = {s.kind: s for s in subjects_of(full, vocab)}
    for path, fact in vocab.facts.items():
        for kind in fact.subjects:
            assert path in subjects[kind].facts, f"{path} is not computed for {kind} subjects"


def test_two_gemeenten_that_point_at_each_other_are_a_deadlock_one_pointing_on_is_not() -> None:
    vocab = default_vocabulary()

    def facts(refusals: list[dict[str, str]]) -> dict[str, Any]:
        return next(s.facts for s in subjects_of(case(refusals=refusals), vocab) if s.kind == "need")

    one_way = facts([{"need": "n", "by": "gemeente", "points_to": "gemeente", "by_municipality": "A",
                      "points_to_municipality": "B"}])
    both_ways = facts([{"need": "n", "by": "gemeente", "points_to": "gemeente", "by_municipality": "A",
                        "points_to_municipality": "B"},
                       {"need": "n", "by": "gemeente", "points_to": "gemeente", "by_municipality": "B",
                        "points_to_municipality": "A"}])
    assert (one_way["need.refusals_point_at_each_other"], one_way["need.municipalities_point_at_each_other"]) == \
        (False, False)
    assert (both_ways["need.refusals_point_at_each_other"], both_ways["need.municipalities_point_at_each_other"]) == \
        (True, True)
