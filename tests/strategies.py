"""Hypothesis strategies shared by the tests: generated rule sets and cases.

Rules are three-valued conditions over typed facts, with forward chaining through derived facts; cases
leave facts out at random, because unknown is not false.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from pmm_rules.model import Case, Rule

PROVISIONS = ["begeleiding", "jeugdhulp", "hulpmiddel", "tolkvoorziening"]
CONDITIONS = ["auditieve_beperking", "spraakbeperking", "psychische_stoornis"]
THREATS = ["ontruiming", "afsluiting_energie"]


def comparisons(derived: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    options = [
        st.builds(lambda op, v: {"fact": "member.age", op: v},
                  st.sampled_from(["eq", "ne", "lt", "le", "gt", "ge"]), st.integers(0, 30)),
        st.builds(lambda op, v: {"fact": "need.urgent", op: v}, st.sampled_from(["eq", "ne"]), st.booleans()),
        st.builds(lambda v: {"fact": "need.medical", "eq": v}, st.booleans()),
        st.builds(lambda op, v: {"fact": "need.provision", op: v}, st.sampled_from(["eq", "ne"]),
                  st.sampled_from(PROVISIONS)),
        st.builds(lambda op, v: {"fact": "need.provision", op: v}, st.sampled_from(["in", "not_in"]),
                  st.lists(st.sampled_from(PROVISIONS), min_size=1, max_size=3, unique=True)),
        st.builds(lambda op, v: {"fact": "member.conditions", op: v}, st.sampled_from(["contains", "not_contains"]),
                  st.sampled_from(CONDITIONS)),
        st.builds(lambda op, v: {"fact": "case.threats", op: v}, st.sampled_from(["contains", "not_contains"]),
                  st.sampled_from(THREATS)),
        st.builds(lambda v: {"fact": "case.municipality.pmm_connected", "eq": v}, st.booleans()),
        st.builds(lambda op, v: {"fact": "case.reference_date", op: v}, st.sampled_from(["lt", "ge", "eq"]),
                  st.dates(dt.date(2019, 1, 1), dt.date(2023, 1, 1))),
        st.builds(lambda path, v: {"fact": path, "exists": v},
                  st.sampled_from(["member.age", "need.urgent", "member.conditions",
                                   "member.wlz_objection_last_day"]), st.booleans()),
        # The bezwaartermijn computed from the case (Awb 6:7, Algemene termijnenwet): an int and a date fact.
        st.builds(lambda op, v: {"fact": "member.wlz_objection_days_left", op: v},
                  st.sampled_from(["lt", "le", "gt", "ge", "eq"]), st.integers(-10, 10)),
        st.builds(lambda op, v: {"fact": "member.wlz_objection_last_day", op: v}, st.sampled_from(["lt", "ge"]),
                  st.dates(dt.date(2019, 1, 1), dt.date(2023, 1, 1))),
    ]
    if derived:
        options.append(st.builds(lambda name, v: {"fact": f"derived.{name}", "eq": v},
                                 st.sampled_from(derived), st.booleans()))
    return st.one_of(options)


def conditions(derived: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    return st.recursive(
        comparisons(derived),
        lambda inner: st.one_of(
            st.builds(lambda parts: {"all": parts}, st.lists(inner, min_size=1, max_size=3)),
            st.builds(lambda parts: {"any": parts}, st.lists(inner, min_size=1, max_size=3)),
            st.builds(lambda part: {"not": part}, inner),
        ),
        max_leaves=6,
    )


def rule(index: int, when: dict[str, Any], derive: str | None) -> Rule:
    then: dict[str, Any] = {"derive": derive} if derive else {"regime": {"law": "wmo2015", "status": "applies"}}
    return Rule.model_validate({
        "id": f"gen.rule.r{index}", "title": f"generated rule {index}", "kind": "derive" if derive else "regime",
        "subject": "need", "sources": [{"law": "wmo2015", "article": "2.3.5", "bwb_id": "BWBR0035362"}],
        "valid_from": "2015-01-01", "when": when, "then": then, "explanation": {"nl": "x", "en": "x"},
    })


@st.composite
def rule_sets(draw: st.DrawFn) -> list[Rule]:
    rules: list[Rule] = []
    derived: list[str] = []
    for i in range(draw(st.integers(1, 3))):  # derive rules: each may read the ones before it
        rules.append(rule(len(rules), draw(conditions(derived)), f"d{i}"))
        derived.append(f"d{i}")
    for _ in range(draw(st.integers(1, 4))):
        rules.append(rule(len(rules), draw(conditions(derived)), None))
    return rules


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


@st.composite
def cases(draw: st.DrawFn) -> Case:
    members: list[dict[str, Any]] = [
        {"id": f"m{i}", "age": draw(maybe(st.integers(0, 30))),
         "conditions": draw(maybe(st.lists(st.sampled_from(CONDITIONS), unique=True, max_size=2)))}
        for i in range(draw(st.integers(1, 2)))]
    reference_date = draw(st.dates(dt.date(2019, 1, 1), dt.date(2023, 1, 1)))
    for member in members:
        refused = draw(maybe(st.integers(0, 60)))  # a CIZ refusal this many days before the reference date
        if refused is not None:
            member["wlz_refusal"] = {"date": (reference_date - dt.timedelta(days=refused)).isoformat()}
    needs = [{"id": f"n{i}", "member": draw(st.sampled_from([m["id"] for m in members])),
              "provision": draw(st.sampled_from(PROVISIONS)), "urgent": draw(maybe(st.booleans())),
              "medical": draw(maybe(st.booleans()))}
             for i in range(draw(st.integers(1, 3)))]
    data: dict[str, Any] = {
        "schema_version": 1, "id": "gegenereerd",
        "reference_date": reference_date.isoformat(),
        "members": [{k: v for k, v in m.items() if v is not None} for m in members],
        "needs": [{k: v for k, v in n.items() if v is not None} for n in needs],
    }
    connected = draw(maybe(st.booleans()))
    if connected is not None:
        data["municipality"] = {"name": "Proefstad", "pmm_connected": connected}
    threats = draw(maybe(st.lists(st.sampled_from(THREATS), unique=True, max_size=2)))
    if threats is not None:
        data["threats"] = threats
    return Case.model_validate(data)
