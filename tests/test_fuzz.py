"""A fuzz test at the edges: generated rule files at durable's limits and cases with extreme
numbers and dates, through both backends, each example in a process of its own with a timeout.

Hypothesis draws a rule file (thresholds from the whole range of floats and of integers up to 2**53, in-lists of
up to 700 values, `any` of up to 80 parts, nesting, groups of rules with one and the same condition, validity from
year 1 to 9999) and cases (amounts from 5e-324 to 1.8e308, reference and birth dates from year 1 to 9999). The
child process loads the rules as `pmm-rules validate` would: a file refused for durable's limits is refused with
a problem, never run. Otherwise both backends advise every case: there is never a signal, a timeout or an
exception, the two advices are identical (but for `receipt.backend`), the JSON of the fast path is the JSON of
the models, and neither holds `NaN` or `Infinity`.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from pmm_rules.evaluate.backends.durable import available as durable_available

from .isolated import rule, run_code, write_rules

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not durable_available(), reason="durable_rules runs on Python 3.11 and 3.12 only")]

GRAPH = Path(__file__).resolve().parent.parent / "pmm_rules" / "graph"

DRIVER = """
import json, math, sys
from pathlib import Path
from pmm_rules import Case, Engine, EngineLimitError
from pmm_rules.load import check_paths
from pmm_rules.evaluate.backends.durable import DurableBackend

rules, graph, cases = sys.argv[1], sys.argv[2], json.loads(Path(sys.argv[3]).read_text())
base = check_paths([rules, graph])
if base.problems:
    print(json.dumps({"refused": sorted({p.code for p in base.problems})}))
    raise SystemExit(0)
limits = DurableBackend.limit_problems(base.compiled)
reference = Engine.from_paths([rules, graph], backend="reference")
try:
    durable = Engine.from_paths([rules, graph], backend="durable")
except EngineLimitError:
    durable = None
if (durable is None) != bool(limits):
    print(json.dumps({"error": "validate and the adapter disagree on durable's limits"}))
    raise SystemExit(0)
out = {"limits": sorted({p.code for p in limits}), "cases": 0, "differences": [], "json": []}
for data in cases:
    case = Case.from_data(data)
    for engine in filter(None, (reference, durable)):
        line = engine.advise_json(case, evaluated_at="fuzz")
        if line != engine.advise(case, evaluated_at="fuzz").to_json(indent=None) or "NaN" in line or "Infinity" in line:
            out["json"].append([engine.backend_name, data["id"]])
    if durable is not None:
        a = reference.advise(case, evaluated_at="fuzz").model_dump(mode="json")
        b = durable.advise(case, evaluated_at="fuzz").model_dump(mode="json")
        a["receipt"].pop("backend"), b["receipt"].pop("backend")
        if a != b:
            out["differences"].append(data["id"])
    out["cases"] += 1
print(json.dumps(out))
"""

FINITE = st.floats(allow_nan=False, allow_infinity=False)
EXTREME = st.sampled_from([0.0, 5e-324, 2.2250738585072014e-308, 1e-5, 0.1 + 0.2, 1000.0, 1e15, 1e16, 2e16,
                           9007199254740992.0, 9007199254740994.0, 1e22, 1.7976931348623157e308])
THRESHOLD = st.one_of(FINITE, EXTREME, st.integers(-(2**53), 2**53), st.integers(0, 2000))
AMOUNT = st.one_of(st.floats(min_value=0, allow_nan=False, allow_infinity=False), EXTREME,
                   st.integers(0, 2**53), st.integers(0, 2000), st.integers(2**53, 10**30))
DATES = st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))
CREDITORS = ["belastingdienst", "cak", "cjib", "duo", "svb", "uwv", "verhuurder", "overig"]


def _leaf() -> st.SearchStrategy[dict[str, Any]]:
    return st.one_of(
        st.builds(lambda op, v: {"fact": "debt.amount_eur", op: v}, st.sampled_from(["eq", "ne", "lt", "le", "gt",
                                                                                     "ge"]), THRESHOLD),
        st.builds(lambda op, n, extra: {"fact": "debt.amount_eur", op: [*range(n), *extra]},
                  st.sampled_from(["in", "not_in"]), st.integers(1, 700), st.lists(THRESHOLD, max_size=3)),
        st.builds(lambda op, v: {"fact": "debt.creditor", op: v}, st.sampled_from(["eq", "ne"]),
                  st.sampled_from(CREDITORS)),
        st.builds(lambda op, v: {"fact": "debt.creditor", op: v}, st.sampled_from(["in", "not_in"]),
                  st.lists(st.sampled_from(CREDITORS), min_size=1, max_size=8, unique=True)),
        st.builds(lambda op, v: {"fact": "case.reference_date", op: v}, st.sampled_from(["lt", "le", "gt", "ge"]),
                  DATES),
        st.builds(lambda v: {"fact": "debt.amount_eur", "exists": v}, st.booleans()),
    )


def _condition() -> st.SearchStrategy[dict[str, Any]]:
    wide_any = st.builds(lambda op, vs: {"any": [{"fact": "debt.amount_eur", op: v} for v in vs]},
                         st.sampled_from(["eq", "gt", "ge"]), st.lists(THRESHOLD, min_size=2, max_size=80))
    return st.recursive(st.one_of(_leaf(), wide_any), lambda inner: st.one_of(
        st.builds(lambda parts: {"all": parts}, st.lists(inner, min_size=1, max_size=4)),
        st.builds(lambda parts: {"any": parts}, st.lists(inner, min_size=1, max_size=4)),
        st.builds(lambda part: {"not": part}, inner)), max_leaves=12)


@st.composite
def rule_files(draw: st.DrawFn) -> list[dict[str, Any]]:
    rules = []
    for i in range(draw(st.integers(1, 12))):
        r = rule(f"fuzz.regel.r{i:03}", draw(_condition()))
        r["valid_from"] = draw(DATES)
        rules.append(r)
    if draw(st.booleans()):  # many rules with one and the same condition (durable: 255 on one node at most)
        same = draw(_leaf())
        rules += [rule(f"fuzz.gelijk.r{i:03}", same) for i in range(draw(st.integers(100, 300)))]
    return rules


@st.composite
def case_lists(draw: st.DrawFn) -> list[dict[str, Any]]:
    out = []
    for i in range(draw(st.integers(1, 4))):
        reference = draw(DATES)
        birth = draw(st.dates(dt.date(1, 1, 1), reference))
        debts = [{"id": f"d{j}", "creditor": draw(st.sampled_from(CREDITORS)),
                  **({"amount_eur": a} if (a := draw(st.one_of(st.none(), AMOUNT))) is not None else {})}
                 for j in range(draw(st.integers(0, 4)))]
        out.append({"schema_version": 1, "id": f"fuzz-{i}", "reference_date": reference.isoformat(),
                    "members": [{"id": "m", "birth_date": birth.isoformat()}],
                    "needs": [{"id": "n", "member": "m", "provision": "begeleiding"}], "debts": debts})
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(rules=rule_files(), cases=case_lists())
def test_rules_at_the_limits_and_extreme_cases_never_crash_and_both_backends_agree(
        tmp_path_factory: pytest.TempPathFactory, rules: list[dict[str, Any]], cases: list[dict[str, Any]]) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    path = write_rules(folder / "regels.yaml", rules)
    (folder / "casussen.json").write_text(json.dumps(cases), encoding="utf-8")
    assert not any(isinstance(a, float) and not math.isfinite(a) for c in cases for d in c["debts"]
                   for a in d.values())
    result = run_code(DRIVER, str(path), str(GRAPH), str(folder / "casussen.json"), timeout=240)
    assert result.status == "ok", f"{result.status}\n{result.stderr[-3000:]}"
    report = result.json()
    assert "error" not in report, report
    if "refused" in report:  # validate refused the file (e.g. a threshold beyond 2**53): with a problem
        assert report["refused"], report
        event(f"refused by validate: {', '.join(report['refused'])}")
        return
    event("beyond durable's limits: reference only" if report["limits"] else "both backends ran")
    assert report["cases"] == len(cases)
    assert report["differences"] == [] and report["json"] == [], report
