"""The pure-Python reference evaluator: the semantics of the compiled form, in a few lines.

Three-valued (Kleene) logic: a comparison on an unknown fact is unknown (`None`), except `exists`.
This backend is the oracle of the differential tests and the engine where durable_rules cannot run.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable
from typing import Any, Literal

from .compiler import All, Any_, CompiledRule, Leaf, Node, Not, Outcome
from .facts import FlatFacts

_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "eq": operator.eq, "ne": operator.ne, "lt": operator.lt, "le": operator.le, "gt": operator.gt,
    "ge": operator.ge, "in": lambda a, b: a in b, "not_in": lambda a, b: a not in b,
}


def kleene(node: Node, facts: FlatFacts) -> bool | None:
    if isinstance(node, Leaf):
        value = facts.get(node.path)
        if node.op == "exists":
            return (value is not None) is bool(node.value)
        if value is None:
            return None
        return bool(_COMPARE[node.op](value, node.value))
    if isinstance(node, Not):
        inner = kleene(node.part, facts)
        return None if inner is None else not inner
    results = [kleene(part, facts) for part in node.parts]
    if isinstance(node, All):
        if False in results:
            return False
        return True if all(r is True for r in results) else None
    assert isinstance(node, Any_)
    if True in results:
        return True
    return False if all(r is False for r in results) else None


def outcome_of(rule: CompiledRule, facts: FlatFacts) -> Outcome:
    value = kleene(rule.condition, facts)
    return "fired" if value is True else "not_fired" if value is False else "undetermined"


class ReferenceBackend:
    name: Literal["reference"] = "reference"

    def __init__(self, rules: Iterable[CompiledRule]) -> None:
        self.rules = list(rules)

    def session(self) -> ReferenceSession:
        return ReferenceSession()


class ReferenceSession:
    def __enter__(self) -> ReferenceSession:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def run(self, rules: list[CompiledRule], stratum: int,
            subjects: list[tuple[str, str, FlatFacts]]) -> dict[tuple[str, str], Outcome]:
        """Outcome per (rule id, subject key) for the rules of one stratum (not_fired ones omitted)."""
        out: dict[tuple[str, str], Outcome] = {}
        for key, kind, facts in subjects:
            for rule in rules:
                if rule.subject == kind:
                    result = outcome_of(rule, facts)
                    if result != "not_fired":
                        out[(rule.id, key)] = result
        return out
