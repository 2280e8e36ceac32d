"""The fast paths give exactly what the plain ones give.

- the reference backend's compiled tests decide as `kleene`, the definition of the three-valued logic;
- `Engine.advise_json` writes, byte for byte, `advise(case).to_json(indent=None)`;
- batches in worker processes give the same advice, in the same order, as one process.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any, cast

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmm_rules import Case, Engine
from pmm_rules.advise import TraceMode
from pmm_rules.evaluate import subjects_of
from pmm_rules.evaluate.backends.reference import compile_open, compile_test, kleene, open_leaves
from pmm_rules.load import bundled_scenario_paths, compile_condition, default_vocabulary, load_scenarios
from pmm_rules.model import Rule

from .common import EXAMPLE_CASES
from .strategies import cases, rule_sets

STAMP = "2026-11-23T00:00:00+00:00"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rules=rule_sets(), case=cases(), derived=st.lists(st.sampled_from([True, False, None]), min_size=3,
                                                           max_size=3))
@pytest.mark.slow
def test_compiled_reference_tests_decide_as_the_three_valued_definition(rules: list[Rule], case: Case,
                                                                         derived: list[bool | None]) -> None:
    for subject in subjects_of(case, default_vocabulary()):
        facts = {**subject.facts, **{f"derived.d{i}": value for i, value in enumerate(derived)}}
        for rule in rules:
            condition = compile_condition(rule.when)
            assert compile_test(condition)(facts) is kleene(condition, facts), rule.when
            assert compile_open(condition)(facts) == (kleene(condition, facts), tuple(open_leaves(condition, facts)))


def _bundled_scenario_cases() -> list[Case]:
    return [loaded.case for path in bundled_scenario_paths() for loaded in load_scenarios(path)]


@pytest.mark.slow
def test_advice_json_is_the_json_of_the_advice_for_every_example_and_bundled_scenario(engine: Engine) -> None:
    every_case = [Case.from_yaml(p) for p in EXAMPLE_CASES] + _bundled_scenario_cases()
    assert len(every_case) > 200
    for case in every_case:
        expected = engine.advise(case, evaluated_at=STAMP).to_json(indent=None)
        assert engine.advise_json(case, evaluated_at=STAMP) == expected, case.id


@pytest.mark.slow
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases())
def test_advice_json_is_the_json_of_the_advice_for_generated_cases(case: Case) -> None:
    engine = Engine.default("reference")
    # Twice: the second time the trace entries come from what the first one wrote.
    for _ in range(2):
        assert engine.advise_json(case, evaluated_at=STAMP) == engine.advise(case, evaluated_at=STAMP).to_json(
            indent=None)


def test_advice_json_tells_true_from_one_in_the_facts_of_the_trace(reference_engine: Engine) -> None:
    # The JSON of trace entries is kept across cases by value; True == 1 in Python, but not in JSON.
    case = Case.from_yaml(EXAMPLE_CASES[0])
    composer = reference_engine._composer
    receipt = reference_engine._receipt(STAMP)
    for value in (True, 1, 1.0, False, 0, None):
        evaluation = reference_engine.evaluate(case)
        for facts in evaluation.values.values():
            facts["member.age"] = value
            facts["case.threatening_situation"] = value
        written = composer.compose_json(evaluation, **receipt)
        assert written == composer.compose(evaluation, **receipt).to_json(indent=None), value


def test_advice_json_keeps_the_order_of_the_contract(reference_engine: Engine) -> None:
    advice = json.loads(reference_engine.advise_json(Case.from_yaml(EXAMPLE_CASES[0]), evaluated_at=STAMP))
    assert list(advice)[:4] == ["schema_version", "case_id", "reference_date", "disclaimer"]
    assert list(advice["trace"][0]) == ["rule", "subject", "outcome", "facts", "citations"]


def test_advice_json_with_an_indent_is_the_indented_advice(reference_engine: Engine) -> None:
    case = Case.from_yaml(EXAMPLE_CASES[0])
    assert (reference_engine.advise_json(case, evaluated_at=STAMP, indent=2)
            == reference_engine.advise(case, evaluated_at=STAMP).to_json())


@pytest.mark.slow
def test_json_lines_from_worker_processes_equal_the_lines_of_one_process() -> None:
    engine = Engine.default("reference")
    batch = [Case.from_yaml(p) for p in EXAMPLE_CASES] * 3
    one_process = list(engine.advise_many_json(batch, evaluated_at=STAMP))
    workers = list(engine.advise_many_json(batch, workers=2, chunksize=4, evaluated_at=STAMP))
    assert workers == one_process
    assert [json.loads(line)["case_id"] for line in workers] == [c.id for c in batch]
    assert all(line.endswith("\n") and line.count("\n") == 1 for line in workers)


@pytest.mark.slow
def test_batches_stream_an_endless_input_without_reading_it_all() -> None:
    engine = Engine.default("reference")
    endless = itertools.cycle([Case.from_yaml(p) for p in EXAMPLE_CASES])
    lines = engine.advise_many_json(endless, workers=2, chunksize=2)
    first = list(itertools.islice(lines, 12))
    lines.close()  # stops the workers; the rest of the input is never read
    assert len(first) == 12


def test_batches_in_worker_processes_use_your_own_rule_files(write: Any) -> None:
    from .common import ROOT

    rules = write("regels.yaml", (ROOT / "pmm_rules" / "rulesets" / "zorg_tolk.yaml").read_text(encoding="utf-8"))
    graph = ROOT / "pmm_rules" / "graph" / "zorg.yaml"
    engine = Engine.from_paths([rules, graph], backend="reference")
    batch = [Case.from_yaml(p) for p in EXAMPLE_CASES]
    expected = [engine.advise_json(c, evaluated_at=STAMP) for c in batch]
    assert list(engine.advise_many_json(batch, workers=2, chunksize=3, evaluated_at=STAMP)) == expected
    assert json.loads(expected[0])["receipt"]["rules_sha256"] == engine.rules_sha256


def test_advice_without_trace_is_the_advice_with_an_empty_trace(engine: Engine) -> None:
    for path in EXAMPLE_CASES:
        case = Case.from_yaml(path)
        full = engine.advise(case, evaluated_at=STAMP)
        summary = engine.advise(case, evaluated_at=STAMP, trace=False)
        assert summary.trace == [] and full.trace
        assert summary.model_dump(exclude={"trace"}) == full.model_dump(exclude={"trace"})


@pytest.mark.slow
def test_signals_count_the_same_with_and_without_worker_processes() -> None:
    from pmm_rules.tools.signals import collect_signals as collect

    engine = Engine.default("reference")
    batch = [Case.from_yaml(p) for p in EXAMPLE_CASES] * 2
    assert collect(engine, batch, workers=2).as_dict() == collect(engine, batch).as_dict()


@pytest.mark.parametrize("path", EXAMPLE_CASES[:2], ids=lambda p: Path(p).stem)
def test_cases_reach_worker_processes_unchanged(path: Path) -> None:
    # Batches send cases to the workers as plain data, and the workers validate them again.
    case = Case.from_yaml(path)
    assert Case.model_validate(case.model_dump()) == case


@pytest.mark.parametrize("mode", ["full", "fired", "none"])
def test_the_trace_can_be_full_fired_only_or_left_out_and_the_fast_json_agrees(reference_engine: Engine,
                                                                             mode: str) -> None:
    case = Case.from_yaml(EXAMPLE_CASES[0])
    trace = cast(TraceMode, mode)
    advice = reference_engine.advise(case, evaluated_at=STAMP, trace=trace)
    full = reference_engine.advise(case, evaluated_at=STAMP)
    assert reference_engine.advise_json(case, evaluated_at=STAMP, trace=trace) == advice.to_json(indent=None)
    expected = {"full": full.trace, "fired": [t for t in full.trace if t.outcome == "fired"], "none": []}[mode]
    assert advice.trace == expected
    assert advice.model_copy(update={"trace": full.trace}) == full  # nothing else changes
