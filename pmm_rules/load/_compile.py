"""Compiling rules: conditions into the engine-neutral form, rules into strata, the rule base into a hash.

Set facts become one boolean flag per value (`member.conditions.X`), so `contains` is an equality and stays
three-valued. A rule that reads another rule's conclusion comes in a later stratum; a cycle is refused.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from typing import Any, cast

import networkx as nx

from ..errors import Problem, msg
from ..model import (
    All,
    AllOf,
    Any_,
    AnyOf,
    Comparison,
    CompiledRule,
    Expr,
    Leaf,
    LoadedRule,
    Not,
    NotOf,
    Op,
    derived_root,
    leaves,
    writes_of,
)


def _value(v: Any) -> Any:
    return v.isoformat() if isinstance(v, dt.date) else v


def compile_condition(cond: Any) -> Expr:
    if isinstance(cond, AllOf):
        return All(tuple(compile_condition(c) for c in cond.all))
    if isinstance(cond, AnyOf):
        return Any_(tuple(compile_condition(c) for c in cond.any))
    if isinstance(cond, NotOf):
        return Not(compile_condition(cond.not_))
    assert isinstance(cond, Comparison)
    op, value = cond.op, cond.value
    if op == "contains":
        return Leaf(f"{cond.fact}.{value}", "eq", True)
    if op == "not_contains":
        return Leaf(f"{cond.fact}.{value}", "eq", False)
    if op in ("in", "not_in"):
        return Leaf(cond.fact, cast(Op, op), tuple(_value(v) for v in value))
    return Leaf(cond.fact, cast(Op, op), _value(value))


def stratify(loaded: list[LoadedRule]) -> tuple[dict[str, int], list[Problem]]:
    """Stratum per rule id: every rule comes after the rules whose conclusions it reads.

    A cycle (rules that read each other's conclusions, directly or through others) is refused with the
    rule ids involved.
    """
    graph: nx.DiGraph = nx.DiGraph()
    writers: dict[tuple[str, str], list[str]] = {}
    for item in loaded:
        graph.add_node(item.rule.id)
        written = writes_of(item.rule)
        if written:
            writers.setdefault((item.rule.subject, written), []).append(item.rule.id)
    for item in loaded:
        for leaf in leaves(compile_condition(item.rule.when)):
            path = derived_root(leaf.path)
            if path is None:
                continue
            for writer in writers.get((item.rule.subject, path), []):
                graph.add_edge(writer, item.rule.id)
    problems: list[Problem] = []
    by_id = {item.rule.id: item for item in loaded}
    cyclic: set[str] = set()
    for component in nx.strongly_connected_components(graph):
        members = sorted(component)
        if len(members) > 1 or graph.has_edge(members[0], members[0]):
            cyclic.update(members)
            first = by_id[members[0]]
            problems.append(Problem.from_text(first.file, first.line, first.column, "rule-cycle",
                                              msg("problem.rule-cycle", rules=members), ("rules", first.index),
                                              hint=msg("hint.rule-cycle")))
    strata: dict[str, int] = {}
    acyclic = graph.subgraph([n for n in graph if n not in cyclic])
    for rule_id in nx.lexicographical_topological_sort(acyclic):
        preds = [strata[p] for p in acyclic.predecessors(rule_id)]
        strata[rule_id] = max(preds) + 1 if preds else 0
    for rule_id in cyclic:
        strata[rule_id] = 0
    return strata, problems


def compile_rules(loaded: list[LoadedRule]) -> tuple[list[CompiledRule], list[Problem]]:
    strata, problems = stratify(loaded)
    compiled = []
    for item in loaded:
        rule = item.rule
        condition = compile_condition(rule.when)
        compiled.append(CompiledRule(
            id=rule.id, kind=rule.kind, subject=rule.subject, stratum=strata[rule.id],
            valid_from=rule.valid_from.isoformat(),
            valid_to=rule.valid_to.isoformat() if rule.valid_to else None,
            condition=condition, conclusion=rule.then.entry,
            reads=frozenset(leaf.path for leaf in leaves(condition)), writes=writes_of(rule),
            rule=rule, file=item.file, line=item.line, column=item.column, index=item.index, domain=item.domain,
        ))
    compiled.sort(key=lambda r: (r.stratum, r.id))
    return compiled, problems


def rules_sha256(rules: Iterable[CompiledRule]) -> str:
    canonical = json.dumps(sorted((r.as_json() for r in rules), key=lambda d: d["id"]), sort_keys=True,
                           ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
