"""durable_rules and the pure-Python reference evaluator agree: same rules, same case, same findings.

Hypothesis generates rule sets (three-valued conditions over typed facts, with forward chaining through
derived facts) and cases (with facts left out at random, because unknown is not false), and the two
backends must give the same outcome for every rule and subject.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmm_rules import Engine
from pmm_rules.evaluate.backends.durable import available as durable_available
from pmm_rules.load import RuleBase, compile_rules
from pmm_rules.model import Case, LoadedRule, Rule

from .strategies import CONDITIONS, PROVISIONS, cases, rule, rule_sets

pytestmark = pytest.mark.skipif(not durable_available(), reason="durable_rules needs Python 3.11 or 3.12; "
                                "on 3.13+ only the reference backend exists, so there is nothing to compare")

def _engines(rules: list[Rule]) -> tuple[Engine, Engine]:
    loaded = [LoadedRule(rule, "generated.yaml", i + 1, 1, i) for i, rule in enumerate(rules)]
    compiled, problems = compile_rules(loaded)
    assert problems == []
    base = RuleBase(rules=loaded, compiled=compiled)
    return Engine(base, backend="reference"), Engine(base, backend="durable")


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rules=rule_sets(), case_list=st.lists(cases(), min_size=1, max_size=3))
def test_both_backends_give_the_same_outcome_for_every_rule_and_subject(rules: list[Rule],
                                                                        case_list: list[Case]) -> None:
    reference, durable = _engines(rules)
    for case in case_list:
        expected = reference.evaluate(case).outcomes
        assert durable.evaluate(case).outcomes == expected


def test_the_bundled_rules_give_the_same_advice_on_both_backends() -> None:
    from .common import EXAMPLE_CASES

    reference, durable = Engine.default("reference"), Engine.default("durable")
    for path in EXAMPLE_CASES:
        case = Case.from_yaml(path)
        a = reference.advise(case, evaluated_at="x").model_dump()
        b = durable.advise(case, evaluated_at="x").model_dump()
        a["receipt"].pop("backend")
        b["receipt"].pop("backend")
        assert a == b, path.name


def test_rules_split_into_groups_of_fact_types_still_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    # durable fails when one fact satisfies more than 64 tests at once (error 303, then a crash), or when one node
    # of its network holds too many tests. The adapter splits rules into groups with their own fact type, each
    # well inside those limits. A tiny budget forces many groups here, so the grouped path is checked against the
    # reference.
    from pmm_rules.evaluate.backends import durable as durable_backend

    monkeypatch.setattr(durable_backend, "STACK_BUDGET", 4)
    rules = [rule(i, {"all": [{"fact": "need.provision", "in": PROVISIONS[: 1 + i % 4]},
                               {"any": [{"fact": "member.age", "ge": i % 25},
                                        {"fact": "member.conditions", "contains": CONDITIONS[i % 3]}]}]}, None)
             for i in range(40)]
    reference, durable = _engines(rules)
    assert len(set(durable.backend.groups.values())) > 5
    rng = random.Random(3)
    for n in range(30):
        case = Case.model_validate({
            "schema_version": 1, "id": f"breed-{n}", "reference_date": "2026-01-01",
            "members": [{"id": "m", "age": rng.randint(0, 30),
                         "conditions": rng.sample(CONDITIONS, rng.randint(0, 2))}],
            "needs": [{"id": "n", "member": "m", "provision": rng.choice(PROVISIONS)}]})
        assert durable.evaluate(case).outcomes == reference.evaluate(case).outcomes
