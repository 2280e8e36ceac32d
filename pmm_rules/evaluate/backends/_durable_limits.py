"""durable_rules 2.0.28's fixed limits, checked on a compiled ruleset before durable ever sees it.

The C core has fixed-size tables and fails badly past them: a full table makes `create_ruleset` or
`assert_facts` loop forever holding the GIL, a 65th pending node on its assert stack gives error 303 (and a
crash when the state is deleted afterwards), a 256th rule ending on one node reads past a list. Each limit was
measured (docs/security.md, "durable_rules' limits"); this module rebuilds the alpha network durable would build
from the ruleset's JSON (node sharing under one parent, one forward node per `$or`) and bounds, for any fact,
what the C core can do with it. It never starts durable, so a refused rule set cannot hang the check.

| limit (per …)                                  | durable fails at | here                              |
|------------------------------------------------|------------------|-----------------------------------|
| durable rules (per ruleset)                    | 4,097 (error 106)| `durable-rules`                   |
| `$and`/`$or` operators (per pattern)           | 16 (error 113)   | `durable-operators`               |
| distinct tests below one node                  | 512 (hangs)      | `durable-width`                   |
| `$or` forward nodes sharing one node           | 129 (error 107)  | `durable-shared-or`               |
| rules whose pattern ends on one node           | 256 (SIGSEGV)    | `durable-identical`               |
| nodes one fact can put on the assert stack     | 65 (error 303)   | `durable-stack` (a sound bound)   |
| alternatives of a pattern's disjunctive form   | time and memory  | `durable-cost` (4,096)            |
| bytes of a text constant                       | 65,536 (wrong)   | `durable-text` (4,096)            |
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

MAX_RULES = 4096
MAX_OPERATORS = 15
MAX_CHILDREN = 511
MAX_NEXT = 128
MAX_BETAS = 255
MAX_STACK = 64
MAX_TERMS = 4096
MAX_TEXT_BYTES = 4096

J = dict[str, Any]

_TESTS = frozenset({"$lt", "$lte", "$gt", "$gte", "$neq", "$ex", "$nex", "$mt", "$imt"})


@dataclass(frozen=True)
class Finding:
    """One limit exceeded: its code, the count and the limit, the durable rules involved and where."""

    code: str
    value: int
    limit: int
    rules: tuple[str, ...]
    where: str

    def __str__(self) -> str:
        return f"{self.code}: {self.value} > {self.limit} at {self.where}"


@dataclass(eq=False)
class _Node:
    key: tuple[Any, ...]
    children: dict[tuple[Any, ...], _Node] = field(default_factory=dict)  # conjunctive tests, shared by key
    next_list: list[_Node] = field(default_factory=list)  # forward nodes of `$or`: always pushed when visited
    betas: list[str] = field(default_factory=list)  # the durable rules whose pattern ends here


_unshared = iter(range(1, 1 << 62))


def _value_key(value: Any) -> tuple[str, Any]:
    # durable shares a node only when the JSON type is the same too: 1 and 1.0 are two nodes. A null is never
    # shared (rete.c compareValue has no case for it): every test against null is a node of its own, and so
    # 65 rules testing `a == null` put 65 nodes on the assert stack for one fact (measured: error 303).
    if value is None:
        return ("null", next(_unshared))
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, int):
        return ("int", value)
    if isinstance(value, float):
        return ("double", value)
    if isinstance(value, str):
        return ("string", value)
    return ("other", json.dumps(value, sort_keys=True))


def operators(p: Any) -> int:
    """`$and`/`$or` operators in a pattern (durable keeps two of its 32 expression slots per operator)."""
    if isinstance(p, dict):
        return sum((key in ("$and", "$or")) + operators(value) for key, value in p.items())
    if isinstance(p, list):
        return sum(operators(item) for item in p)
    return 0


def alternatives(p: Any) -> int:
    """How many alternatives a pattern has in disjunctive normal form: each one that holds is an activation."""
    if isinstance(p, dict):
        if "$and" in p:
            return math.prod(alternatives(q) for q in p["$and"])
        if "$or" in p:
            return sum(alternatives(q) for q in p["$or"])
    return 1


def _texts(p: Any) -> Iterable[str]:
    if isinstance(p, str):
        yield p
    elif isinstance(p, dict):
        for key, value in p.items():
            yield key
            yield from _texts(value)
    elif isinstance(p, list):
        for item in p:
            yield from _texts(item)


class Network:
    """The alpha network durable builds for some patterns, as rete.c builds it."""

    def __init__(self) -> None:
        self.root = _Node(("<root>",))

    def add(self, name: str, pattern: J, parent: _Node | None = None) -> None:
        self._build(parent or self.root, pattern).betas.append(name)

    def _build(self, parent: _Node, p: J) -> _Node:
        ((key, value),) = p.items()
        if key == "$and":
            node = parent
            for part in value:
                node = self._build(node, part)
            return node
        if key == "$or":
            forward = _Node(("<or>",))
            for part in value:
                self._build(parent, part).next_list.append(forward)
            return forward
        if key in _TESTS:
            ((attribute, constant),) = value.items()
            test = (attribute, key, *_value_key(constant))
        else:
            test = (key, "$eq", *_value_key(value))
        if key == "$nex":
            node = _Node(test)
            parent.next_list.append(node)
            return node
        found = parent.children.get(test)
        if found is None:
            found = parent.children[test] = _Node(test)
        return found

    def nodes(self, start: _Node | None = None) -> list[_Node]:
        seen: set[int] = set()
        order: list[_Node] = []
        todo = [start or self.root]
        while todo:
            node = todo.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            order.append(node)
            todo.extend(node.children.values())
            todo.extend(node.next_list)
        return order


def _pushes(node: _Node) -> int:
    """How many nodes visiting `node` can push at once: every forward node, every test that is not an equality
    (any of them may hold together), and per attribute the equality tests of one value (equalities of different
    values exclude each other; tests against null are not shared, so several may test the same value)."""
    same_value: dict[tuple[Any, str, Any], int] = {}
    others = 0
    for attribute, op, kind, value in node.children:
        if op == "$eq":
            key = (attribute, kind, None if kind == "null" else value)
            same_value[key] = same_value.get(key, 0) + 1
        else:
            others += 1
    most: dict[Any, int] = {}
    for (attribute, _kind, _value), count in same_value.items():
        most[attribute] = max(most.get(attribute, 0), count)
    return len(node.next_list) + sum(most.values()) + others


def stack_bound(node: _Node, memo: dict[int, int] | None = None) -> int:
    """An upper bound on durable's assert stack below `node`, for any fact: P(n) = max(k, k - 1 + max P(child))
    with k the pushes of n (events.c `handleAlpha`: a node is popped, then its matching children pushed)."""
    peak = {} if memo is None else memo
    stack: list[tuple[_Node, bool]] = [(node, False)]
    while stack:
        current, expanded = stack.pop()
        if id(current) in peak:
            continue
        kids = [*current.children.values(), *current.next_list]
        if not expanded:
            stack.append((current, True))
            stack.extend((kid, False) for kid in kids if id(kid) not in peak)
            continue
        k = _pushes(current)
        peak[id(current)] = max(k, k - 1 + max((peak[id(kid)] for kid in kids), default=0)) if k else 0
    return peak[id(node)]


@dataclass
class Load:
    """What some patterns below one fact-type node cost: for grouping rules under fact types (the adapter keeps
    each group well inside the limits, so that no data can reach them)."""

    stack: int = 0
    width: int = 0
    betas: int = 0
    shared_or: int = 0

    @classmethod
    def of(cls, patterns: Iterable[tuple[str, J]]) -> Load:
        network = Network()
        top = _Node(("<type>",))
        for name, pattern in patterns:
            network.add(name, pattern, top)
        nodes = network.nodes(top)
        return cls(stack=stack_bound(top), width=max(len(n.children) for n in nodes),
                   betas=max(len(n.betas) for n in nodes), shared_or=max(len(n.next_list) for n in nodes))


def check(ruleset: dict[str, J]) -> tuple[list[Finding], dict[str, Any]]:
    """Every limit of durable_rules 2.0.28 the ruleset (as `create_ruleset` would get it) exceeds, and figures."""
    findings: list[Finding] = []
    if len(ruleset) > MAX_RULES:
        findings.append(Finding("durable-rules", len(ruleset), MAX_RULES, (), "the ruleset"))
    network = Network()
    most_operators = most_terms = 0
    for name, rule in ruleset.items():
        for item in rule["all"]:
            ((_alias, pattern),) = item.items()
            ops = operators(pattern)
            most_operators = max(most_operators, ops)
            if ops > MAX_OPERATORS:
                findings.append(Finding("durable-operators", ops, MAX_OPERATORS, (name,), name))
            terms = alternatives(pattern)
            most_terms = max(most_terms, min(terms, 10**9))
            if terms > MAX_TERMS:
                findings.append(Finding("durable-cost", terms, MAX_TERMS, (name,), name))
            longest = max((len(t.encode("utf-8", errors="replace")) for t in _texts(pattern)), default=0)
            if longest > MAX_TEXT_BYTES:
                findings.append(Finding("durable-text", longest, MAX_TEXT_BYTES, (name,), name))
            network.add(name, pattern)
    nodes = network.nodes()

    def below(node: _Node) -> tuple[str, ...]:
        return tuple(sorted({beta for n in network.nodes(node) for beta in n.betas}))

    for node in nodes:
        where = " ".join(map(str, node.key))[:120]
        if len(node.children) > MAX_CHILDREN:
            findings.append(Finding("durable-width", len(node.children), MAX_CHILDREN, below(node), where))
        if len(node.next_list) > MAX_NEXT:
            findings.append(Finding("durable-shared-or", len(node.next_list), MAX_NEXT, below(node), where))
        if len(node.betas) > MAX_BETAS:
            findings.append(Finding("durable-identical", len(node.betas), MAX_BETAS, tuple(node.betas), where))
    memo: dict[int, int] = {}
    top = stack_bound(network.root, memo)
    for type_node in network.root.children.values():
        bound = stack_bound(type_node, memo)
        if bound > MAX_STACK:
            findings.append(Finding("durable-stack", bound, MAX_STACK, below(type_node),
                                    " ".join(map(str, type_node.key))))
    stats = {"rules": len(ruleset), "fact_types": len(network.root.children), "stack_bound": top,
             "max_children": max(len(n.children) for n in nodes), "max_betas": max(len(n.betas) for n in nodes),
             "max_operators": most_operators, "max_terms": most_terms}
    return findings, stats
