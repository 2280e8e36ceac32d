"""durable_rules never sees what it cannot parse or hold.

Every reproducer runs in a process of its own with a timeout (`tests/isolated.py`): before the fixes these
inputs segfaulted, aborted, looped forever holding the GIL, or silently read a fact as unknown. Now numbers
reach durable in a form its C parser reads exactly, rule sets past its fixed limits are refused by `validate`
and by the adapter before durable runs, and the adapter keeps the rule sets it accepts inside those limits.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pmm_rules.evaluate.backends.durable import available as durable_available

from .isolated import compare_backends, rule, run_cli, write_rules

pytestmark = pytest.mark.skipif(not durable_available(), reason="durable_rules runs on Python 3.11 and 3.12 only")

ROUTE = Path(__file__).resolve().parent.parent / "pmm_rules" / "graph"


def debt_case(*amounts: Any, case_id: str = "getallen") -> dict[str, Any]:
    return {"schema_version": 1, "id": case_id, "reference_date": "2026-01-01", "members": [{"id": "m", "age": 40}],
            "debts": [{"id": f"d{i}", "creditor": "overig", "amount_eur": a} for i, a in enumerate(amounts)]}


def assert_same_outcomes(result: Any) -> dict[str, Any]:
    assert result.status == "ok", f"{result.status}: {result.stdout[-500:]} {result.stderr[-2000:]}"
    both = result.json()
    assert both["durable"] == both["reference"]
    return dict(both)


# ---------------------------------------------------------------- point 1: numbers


AMOUNTS = [20000000000000000, 2e16, 1e16, 1e-5, 5e-324, 1e22, 1.7976931348623157e308, 9007199254740993,
           0.1 + 0.2, 0, 1000, 1000.0000000000001]


@pytest.mark.slow
def test_extreme_debt_amounts_reach_durable_as_numbers_it_reads_and_both_backends_agree(tmp_path: Path) -> None:
    thresholds = [1000, 1e-5, 2e16, 9007199254740992, 1.7976931348623157e308, 0.30000000000000004]
    rules = write_rules(tmp_path / "regels.yaml", [
        rule(f"proef.getal.r{i}", {"fact": "debt.amount_eur", op: t})
        for i, (op, t) in enumerate((op, t) for t in thresholds for op in ("gt", "ge", "lt", "le", "eq", "ne"))])
    # [500, X, 5000]: a bad X used to crash durable when first, and to blank the debts after it otherwise.
    cases = [debt_case(500, x, 5000, case_id=f"c{i}") for i, x in enumerate(AMOUNTS)] + [debt_case(x) for x in AMOUNTS]
    both = assert_same_outcomes(compare_backends([rules], cases))
    fired = {(r, k) for r, k, o in both["durable"][0] if o == "fired"}
    assert ("proef.getal.r0", "debt:d2") in fired, "5000 > 1000 must still fire after an extreme amount"
    undetermined = [row for case in both["durable"] for row in case if row[2] == "undetermined"]
    assert undetermined == [], "every amount is known: nothing may read as unknown"


@pytest.mark.slow
@pytest.mark.parametrize("amount", [".inf", "-.inf", ".nan", ".NaN"])
def test_a_non_finite_amount_in_a_yaml_case_is_refused_with_its_place(tmp_path: Path, amount: str) -> None:
    case = tmp_path / "casus.yaml"
    case.write_text("schema_version: 1\nid: c\nreference_date: 2026-01-01\nmembers: [{id: m, age: 40}]\n"
                    f"debts:\n  - {{id: d, creditor: overig, amount_eur: {amount}}}\n", encoding="utf-8")
    result = run_cli("advise", str(case), "--backend", "durable", timeout=60)
    assert result.returncode == 1, result
    assert f"{case}:6:" in result.stderr and "number-not-finite" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("amount", ["Infinity", "-Infinity", "NaN", "1e999"])
def test_a_non_finite_amount_in_a_json_case_is_refused(tmp_path: Path, amount: str) -> None:
    case = tmp_path / "casus.json"
    case.write_text('{"schema_version": 1, "id": "c", "reference_date": "2026-01-01", "members": [{"id": "m"}], '
                    f'"debts": [{{"id": "d", "creditor": "overig", "amount_eur": {amount}}}]}}', encoding="utf-8")
    result = run_cli("advise", str(case), "--backend", "durable", timeout=60)
    assert result.returncode == 1, result
    assert "number-not-finite" in result.stderr and "debts[0].amount_eur" in result.stderr, result.stderr


@pytest.mark.parametrize(("value", "code"), [(".inf", "number-not-finite"), (".nan", "number-not-finite"),
                                             ("9007199254740993", "number-range"),
                                             ("-99999999999999999999", "number-range")])
@pytest.mark.slow
def test_validate_refuses_rule_thresholds_durable_cannot_compare_exactly(tmp_path: Path, value: str,
                                                                        code: str) -> None:
    path = write_rules(tmp_path / "regels.yaml", [rule("proef.getal.r", {"fact": "debt.amount_eur", "gt": 0})])
    path.write_text(path.read_text(encoding="utf-8").replace("gt: 0", f"gt: {value}"), encoding="utf-8")
    result = run_cli("validate", str(path), timeout=60)
    assert result.returncode == 1, result.stdout
    assert f"error[{code}]" in result.stdout and "rules[0].when.gt" in result.stdout, result.stdout


# ---------------------------------------------------------------- point 2: durable's fixed limits


@pytest.mark.slow
@pytest.mark.parametrize("size", [510, 511, 512, 600, 2000])
def test_in_lists_of_any_length_run_on_durable_and_agree(tmp_path: Path, size: int) -> None:
    # 511 values aborted (303, then delete_state: SIGABRT); 512 and more looped forever in create_ruleset.
    rules = write_rules(tmp_path / "regels.yaml", [
        rule("proef.lijst.in", {"fact": "debt.amount_eur", "in": list(range(size))}),
        rule("proef.lijst.uit", {"fact": "debt.amount_eur", "not_in": list(range(1, size + 1))})])
    assert_same_outcomes(compare_backends([rules], [debt_case(0, 1, size - 1, size, 10**6), debt_case()]))


@pytest.mark.slow
def test_an_any_of_600_equalities_runs_on_durable_and_agrees(tmp_path: Path) -> None:
    rules = write_rules(tmp_path / "regels.yaml", [
        rule("proef.any.groot", {"any": [{"fact": "debt.amount_eur", "eq": i} for i in range(600)]})])
    assert_same_outcomes(compare_backends([rules], [debt_case(0, 599, 600, 10**6)]))


CASE_FLAGS = ([("case.creditors", c) for c in ("belastingdienst", "cak", "cjib", "duo", "svb", "uwv", "toeslagen",
                                              "gemeente", "zorgverzekeraar", "verhuurder", "energieleverancier",
                                              "waterbedrijf", "overig")]
              + [("case.involved", a) for a in ("gemeente", "zorgverzekeraar", "zorgkantoor", "ciz", "uwv", "svb",
                                                "duo", "cak", "cjib", "belastingdienst", "toeslagen", "rechtbank",
                                                "rijk")]
              + [("case.threats", t) for t in ("ontruiming", "afsluiting_energie", "afsluiting_water",
                                               "opzegging_zorgverzekering")])


@pytest.mark.slow
def test_many_rules_whose_first_tests_hold_at_once_no_longer_overflow_durables_stack(tmp_path: Path) -> None:
    # 33 equality rules on distinct facts of one subject, all true: 66 pushes on durable's 64-entry stack
    # (error 303, then SIGSEGV in delete_state); and 16 rules of any(5 gt) on one fact, all true.
    rules = [rule(f"proef.vlag.r{i:02}", {"fact": fact, "contains": value}, subject="case")
             for i, (fact, value) in enumerate(CASE_FLAGS)]
    rules += [rule(f"proef.leeftijd.r{i:02}", {"any": [{"fact": "member.age", "gt": 5 * i + j} for j in range(5)]},
                   subject="need") for i in range(16)]
    path = write_rules(tmp_path / "regels.yaml", rules)
    every_flag = {"schema_version": 1, "id": "alles", "reference_date": "2026-01-01",
                  "members": [{"id": "m", "age": 120}], "needs": [{"id": "n", "member": "m", "provision": "ggz"}],
                  "debts": [{"id": f"d{i}", "creditor": c} for i, (f, c) in enumerate(CASE_FLAGS[:13])],
                  "involved": [a for f, a in CASE_FLAGS if f == "case.involved"],
                  "threats": [t for f, t in CASE_FLAGS if f == "case.threats"]}
    both = assert_same_outcomes(compare_backends([path], [every_flag]))
    assert sum(o == "fired" for _, _, o in both["durable"][0]) == len(rules)


@pytest.mark.slow
def test_a_thousand_rules_run_on_durable(tmp_path: Path) -> None:
    # The adapter used to refuse more than 749 rules (1,500 durable rules); durable holds 4,096 (2,047 rules).
    rules = write_rules(tmp_path / "regels.yaml", [
        rule(f"proef.veel.r{i:04}", {"fact": "debt.amount_eur", "ge": i}) for i in range(1000)])
    both = assert_same_outcomes(compare_backends([rules], [debt_case(0, 499.5, 5000)], timeout=300))
    assert sum(o == "fired" for _, _, o in both["durable"][0]) == 1 + 500 + 1000


def _nested_operators(depth: int) -> dict[str, Any]:
    # all/any alternating with two greater-than leaves per level: one $and/$or per level in both patterns
    cond: dict[str, Any] = {"fact": "debt.amount_eur", "gt": 0}
    for level in range(depth):
        cond = {"all" if level % 2 else "any": [{"fact": "debt.amount_eur", "gt": level + 1}, cond]}
    return cond


@pytest.mark.slow
def test_validate_refuses_what_durable_cannot_hold_and_names_the_rule(tmp_path: Path) -> None:
    path = write_rules(tmp_path / "regels.yaml", [rule("proef.diep.r", _nested_operators(15))])
    result = run_cli("validate", "--backend", "durable", str(path), timeout=60)
    assert result.returncode == 1, result.stdout
    assert "error[durable-operators]" in result.stdout and "proef.diep.r" in result.stdout, result.stdout
    assert f"{path}:4:" in result.stdout, "the problem is placed at the rule"
    # the reference backend has no such limit: the same file is valid there, with a warning
    result = run_cli("validate", "--backend", "reference", str(path), timeout=60)
    assert result.returncode == 0 and "warning[durable-operators]" in result.stdout, result.stdout
    # and the adapter refuses it before durable runs, as an error, not a crash
    result = run_cli("advise", str(ROOT_EXAMPLE), "--rules", str(path), "--backend", "durable", timeout=60)
    assert result.returncode == 1 and "durable-operators" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


ROOT_EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "schulden_ontruiming.yaml"


@pytest.mark.slow
def test_at_fourteen_operators_the_same_shape_runs_on_durable(tmp_path: Path) -> None:
    path = write_rules(tmp_path / "regels.yaml", [rule("proef.diep.r", _nested_operators(13))])
    result = run_cli("validate", "--backend", "durable", str(path), timeout=60)
    assert result.returncode == 0, result.stdout
    assert_same_outcomes(compare_backends([path], [debt_case(0, 5, 13, 14, 100)]))


@pytest.mark.slow
def test_more_rules_than_durable_holds_are_refused_by_validate(tmp_path: Path) -> None:
    rules = [rule(f"proef.veel.r{i:04}", {"fact": "debt.amount_eur", "ge": i}) for i in range(2048)]
    path = write_rules(tmp_path / "regels.yaml", rules)
    result = run_cli("validate", "--backend", "durable", str(path), timeout=300)
    assert result.returncode == 1, result.stdout[-2000:]
    assert "error[durable-rules]" in result.stdout and "2048" in result.stdout, result.stdout[-2000:]


@pytest.mark.slow
def test_many_rules_with_one_and_the_same_condition_run_on_durable(tmp_path: Path) -> None:
    # 256 rules with the same condition end on one node of durable's network: it read past a list (SIGSEGV). The
    # adapter now puts at most 200 on one node, spreading the others over more fact types.
    rules = [rule(f"proef.gelijk.r{i:03}", {"fact": "debt.amount_eur", "ge": 7}) for i in range(600)]
    path = write_rules(tmp_path / "regels.yaml", rules)
    result = run_cli("validate", "--backend", "durable", str(path), timeout=120)
    assert result.returncode == 0, result.stdout[-2000:]
    both = assert_same_outcomes(compare_backends([path], [debt_case(7, 6)], timeout=300))
    assert sum(o == "fired" for _, _, o in both["durable"][0]) == 600


@pytest.mark.slow
def test_one_condition_that_one_fact_can_satisfy_too_often_is_refused_at_the_limit(tmp_path: Path) -> None:
    # any of N greater-thans on one fact: an amount above all of them satisfies N tests at once, and durable's
    # assert stack holds 64 (65 gave error 303, then a crash). The check bounds what any fact can satisfy, and counts
    # the first test of the F pattern too: it accepts N = 63 (bound 64), which runs, and refuses N = 64 (bound 65).
    # The bound is safe, not tight: durable would have taken 64.
    def any_of(n: int) -> dict[str, Any]:
        return {"any": [{"fact": "debt.amount_eur", "gt": i} for i in range(n)]}

    path = write_rules(tmp_path / "regels.yaml", [rule("proef.stapel.r", any_of(63))])
    assert run_cli("validate", "--backend", "durable", str(path), timeout=60).returncode == 0
    both = assert_same_outcomes(compare_backends([path], [debt_case(1000, 0, 30.5)]))
    assert [o for _, _, o in both["durable"][0]] == ["fired", "fired"]
    path = write_rules(tmp_path / "regels.yaml", [rule("proef.stapel.r", any_of(64))])
    result = run_cli("validate", "--backend", "durable", str(path), timeout=60)
    assert result.returncode == 1 and "error[durable-stack]" in result.stdout, result.stdout
    assert "regel proef.stapel.r: één feit kan tegelijk aan 65 tests" in result.stdout, result.stdout


def test_the_bundled_rules_are_far_inside_durables_limits() -> None:
    from pmm_rules import Engine
    from pmm_rules.evaluate.backends.durable import limit_report

    engine = Engine.default("durable")
    findings, stats = limit_report(engine.backend.definition)
    assert findings == []
    assert stats["stack_bound"] <= 48 and stats["max_operators"] <= 13, json.dumps(stats)


# ---------------------------------------------------------------- defence in depth: the adapter itself

ADAPTER = """
import json, math, sys
from pmm_rules import Engine, EngineError, EngineLimitError
from pmm_rules.evaluate.backends import durable, _durable_limits

if sys.argv[2] == "unchecked":  # let a rule set past the stack limit through, to provoke durable's error 303
    durable.STACK_BUDGET = 10**6
    _durable_limits.MAX_STACK = 10**6
engine = Engine.from_paths([sys.argv[1]], backend="durable")
rules = engine.rules
good = {"debt.amount_eur": None, "debt.creditor": "cjib", "case.reference_date": "2026-01-01"}
bad = [{"debt.amount_eur": math.inf}, {"debt.amount_eur": math.nan}, {"debt.amount_eur": 2**60},
       {"debt.creditor": "cj\\ud800ib"}, {"debt.creditor": "x" * 70000}, {"debt.amount_eur": 1000.0}]
seen = []
for facts in bad:
    for attempt in range(3):
        try:
            with engine.backend.session() as session:
                session.run(rules, 0, [("debt:d", "debt", {**good, **facts})])
            seen.append("ran")
        except EngineLimitError as exc:
            seen.append("limit")
        except EngineError as exc:
            seen.append("error " + str(exc).split("error code: ")[-1][:3])
        with engine.backend.session() as session:  # and the backend still works
            assert session.run(rules, 0, [("debt:d", "debt", good)])
print(json.dumps(seen))
"""


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["checked", "unchecked"])
def test_the_adapter_refuses_what_durable_would_misread_and_survives_its_errors(tmp_path: Path, mode: str) -> None:
    from .isolated import run_code

    path = write_rules(tmp_path / "regels.yaml", [
        rule(f"proef.stapel.r{i:02}", {"fact": "debt.amount_eur", "gt": i}) for i in range(70)]
        + [rule("proef.naam.r", {"fact": "debt.creditor", "eq": "cjib"})])
    result = run_code(ADAPTER, str(path), mode)
    seen = result.json()
    assert seen[:15] == ["limit"] * 15, seen
    # 1000.0 passes 70 greater-thans at once: checked, the adapter spreads them over fact types; unchecked, they
    # overflow durable's stack (error 303) and the state is still cleaned up without a crash, the backend usable.
    assert seen[15:] == (["ran"] * 3 if mode == "checked" else ["error 303"] * 3), seen


# ---------------------------------------------------------------- found by the fuzz test (tests/test_fuzz.py)


def _null_tests(n: int) -> dict[str, Any]:
    rules = {"__sentinel__": {"all": [{"m": {"type": "__case__"}}]}}
    rules.update({f"r{i}": {"all": [{"m": {"$and": [{"type": "x"}, {"a": None}]}}], "cap": 1000} for i in range(n)})
    return rules


NULL_TESTS = """
import json, sys
import durable_rules_engine as dre
from pmm_rules.evaluate.backends.durable import durable_json
handle = dre.create_ruleset("n", durable_json(json.loads(sys.argv[1])))
try:
    dre.assert_facts(handle, json.dumps([{"id": "f", "sid": "s", "type": "x", "a": None},
                                         {"id": "__case__", "sid": "s", "type": "__case__"}]))
    print(json.dumps("ok"))
except Exception as exc:
    print(json.dumps(str(exc)))
"""


@pytest.mark.slow
def test_durable_never_shares_a_test_against_null_and_the_check_knows_it(tmp_path: Path) -> None:
    # rete.c's compareValue has no case for null: 65 rules testing `a == null` are 65 nodes, all on the assert
    # stack for a fact whose `a` is null (error 303). The fuzz test found this where the check assumed sharing.
    from pmm_rules.evaluate.backends import _durable_limits

    from .isolated import run_code

    for n, expected in ((64, "ok"), (65, "Could not assert facts, error code: 303")):
        assert run_code(NULL_TESTS, json.dumps(_null_tests(n))).json() == expected
        findings, _ = _durable_limits.check(_null_tests(n))
        assert [f.code for f in findings] == ([] if n == 64 else ["durable-stack"])
    # and the adapter spreads such rules over fact types: 150 `exists: false` rules run, and agree
    path = write_rules(tmp_path / "regels.yaml", [
        rule(f"proef.onbekend.r{i:03}", {"fact": "debt.amount_eur", "exists": False}) for i in range(150)])
    both = assert_same_outcomes(compare_backends([path], [debt_case(None), debt_case(5)]))
    assert sum(o == "fired" for _, _, o in both["durable"][0]) == 150
