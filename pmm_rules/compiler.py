"""Rules compiled once into an engine-neutral form, ordered in strata for forward chaining.

The compiled form is plain data (`CompiledRule`): conditions are trees of `Leaf`, `AllOf`, `AnyOf`
and `NotOf` over flat fact paths. Set facts become one boolean flag per value (`member.conditions.X`),
so `contains` is an equality and stays three-valued. Both backends (durable_rules and the pure-Python
reference evaluator) evaluate exactly this form.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, cast

import networkx as nx

from .errors import Problem
from .rules import AllOf, AnyOf, Comparison, NotOf, Rule

Outcome = Literal["fired", "not_fired", "undetermined"]
Op = Literal["eq", "ne", "lt", "le", "gt", "ge", "in", "not_in", "exists"]


@dataclass(frozen=True)
class Leaf:
    path: str
    op: Op
    value: Any


@dataclass(frozen=True)
class All:
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Any_:
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    part: Node


Node = Leaf | All | Any_ | Not


@dataclass(frozen=True)
class CompiledRule:
    id: str
    kind: str
    subject: str
    stratum: int
    valid_from: str
    valid_to: str | None
    condition: Node
    conclusion: tuple[str, Any]
    reads: frozenset[str]
    writes: str | None
    rule: Rule = field(compare=False, repr=False)
    file: str = field(default="", compare=False)
    line: int = field(default=0, compare=False)
    column: int = field(default=1, compare=False)
    index: int = field(default=0, compare=False)

    @functools.cached_property
    def sorted_reads(self) -> tuple[str, ...]:
        return tuple(sorted(self.reads))

    @functools.cached_property
    def case_reads(self) -> tuple[str, ...]:
        """The facts it reads that come from the case (not other rules' conclusions), sorted."""
        return tuple(p for p in self.sorted_reads if not is_derived_path(p))

    def valid_on(self, day: str) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def as_json(self) -> dict[str, Any]:
        """A canonical, engine-neutral JSON form (snapshot-testable, hashed into the receipt)."""
        return {"id": self.id, "kind": self.kind, "subject": self.subject, "stratum": self.stratum,
                "valid_from": self.valid_from, "valid_to": self.valid_to, "when": node_json(self.condition),
                "then": {self.conclusion[0]: _plain(self.conclusion[1])},
                "sources": [s.model_dump(mode="json", exclude_none=True) for s in self.rule.sources]}


def _plain(value: Any) -> Any:
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json", exclude_none=True)
    return value


def node_json(node: Node) -> Any:
    if isinstance(node, Leaf):
        return {"fact": node.path, node.op: list(node.value) if isinstance(node.value, tuple) else node.value}
    if isinstance(node, All):
        return {"all": [node_json(p) for p in node.parts]}
    if isinstance(node, Any_):
        return {"any": [node_json(p) for p in node.parts]}
    return {"not": node_json(node.part)}


def _value(v: Any) -> Any:
    return v.isoformat() if isinstance(v, dt.date) else v


def compile_condition(cond: Any) -> Node:
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


def leaves(node: Node) -> Iterable[Leaf]:
    if isinstance(node, Leaf):
        yield node
    elif isinstance(node, Not):
        yield from leaves(node.part)
    else:
        for part in node.parts:
            yield from leaves(part)


def writes_of(rule: Rule) -> str | None:
    """The derived fact path a rule's conclusion feeds, if later rules can read it."""
    name, value = rule.then.entry
    if name == "derive":
        return f"derived.{value}"
    if name == "regime":
        return f"regime.{value.law}"
    if name == "collision" and rule.subject == "need":
        return f"collision.{value.kind}"
    return None


DERIVED_PREFIXES = ("derived.", "regime.", "collision.")


def is_derived_path(path: str) -> bool:
    return path.startswith(DERIVED_PREFIXES)


@dataclass(frozen=True)
class LoadedRule:
    rule: Rule
    file: str
    line: int
    column: int = 1
    index: int = 0


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
            problems.append(Problem(first.file, first.line, first.column, "rule-cycle",
                                    "these rules read each other's conclusions in a cycle: " + ", ".join(members),
                                    ("rules", first.index),
                                    hint="forward chaining must be stratified: break the cycle by removing one "
                                         "rule's dependency on another's conclusion"))
    strata: dict[str, int] = {}
    acyclic = graph.subgraph([n for n in graph if n not in cyclic])
    for rule_id in nx.lexicographical_topological_sort(acyclic):
        preds = [strata[p] for p in acyclic.predecessors(rule_id)]
        strata[rule_id] = max(preds) + 1 if preds else 0
    for rule_id in cyclic:
        strata[rule_id] = 0
    return strata, problems


def derived_root(path: str) -> str | None:
    if not is_derived_path(path):
        return None
    head, _, rest = path.partition(".")
    name = rest.split(".", 1)[0]
    return f"{head}.{name}"


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
            rule=rule, file=item.file, line=item.line, column=item.column, index=item.index,
        ))
    compiled.sort(key=lambda r: (r.stratum, r.id))
    return compiled, problems


def rules_sha256(rules: Iterable[CompiledRule]) -> str:
    canonical = json.dumps(sorted((r.as_json() for r in rules), key=lambda d: d["id"]), sort_keys=True,
                           ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
