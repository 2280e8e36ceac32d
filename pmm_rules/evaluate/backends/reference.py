"""The pure-Python reference evaluator: the semantics of the compiled form, in a few lines.

Three-valued (Kleene) logic: a comparison on an unknown fact is unknown (`None`), except `exists`.
This backend is the oracle of the differential tests and the engine where durable_rules cannot run.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from ...model import All, Any_, CompiledRule, Expr, Leaf, Not, Outcome
from ._base import Backend, FlatFacts, Session, SubjectFacts

_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "eq": operator.eq, "ne": operator.ne, "lt": operator.lt, "le": operator.le, "gt": operator.gt,
    "ge": operator.ge, "in": lambda a, b: a in b, "not_in": lambda a, b: a not in b,
}


def kleene(node: Expr, facts: FlatFacts) -> bool | None:
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


def open_leaves(node: Expr, facts: FlatFacts) -> list[str]:
    """The fact paths whose values still decide an undetermined condition, in tree order.

    Only the parts that are themselves undetermined count: an unknown fact inside an `any` that is already true,
    or an `all` that is already false, changes nothing, so a professional need not be asked for it."""
    if isinstance(node, Leaf):
        return [node.path] if node.op != "exists" and facts.get(node.path) is None else []
    if isinstance(node, Not):
        return open_leaves(node.part, facts)
    if kleene(node, facts) is not None:
        return []
    return [path for part in node.parts if kleene(part, facts) is None for path in open_leaves(part, facts)]


Test = Callable[[FlatFacts], "bool | None"]


def compile_test(node: Expr) -> Test:
    """`kleene(node, facts)` as one closure built once: the same logic without walking the tree per case.

    `kleene` stays the readable definition; the tests check the two agree on generated conditions."""
    if isinstance(node, Leaf):
        path, value = node.path, node.value
        if node.op == "exists":
            wanted = bool(value)
            return lambda facts: (facts.get(path) is not None) is wanted
        compare = _COMPARE[node.op]

        def leaf(facts: FlatFacts) -> bool | None:
            known = facts.get(path)
            return None if known is None else bool(compare(known, value))
        return leaf
    if isinstance(node, Not):
        inner = compile_test(node.part)

        def negation(facts: FlatFacts) -> bool | None:
            result = inner(facts)
            return None if result is None else not result
        return negation
    parts = tuple(compile_test(part) for part in node.parts)
    # Kleene: `all` is false as soon as one part is false, `any` true as soon as one part is true.
    decisive = isinstance(node, Any_)

    def junction(facts: FlatFacts) -> bool | None:
        unknown = False
        for part in parts:
            result = part(facts)
            if result is decisive:
                return decisive
            if result is None:
                unknown = True
        return None if unknown else not decisive
    return junction


OpenTest = Callable[[FlatFacts], "tuple[bool | None, tuple[str, ...]]"]


def compile_open(node: Expr) -> OpenTest:
    """`(kleene(node, facts), tuple(open_leaves(node, facts)))` as one closure, in one pass over the tree.

    The missing facts of an advice ask this of every undetermined rule for every subject; `open_leaves` stays the
    readable definition, and the tests check the two agree on generated conditions."""
    if isinstance(node, Leaf):
        test, only = compile_test(node), (node.path,)
        if node.op == "exists":
            return lambda facts: (test(facts), ())
        return lambda facts: (result, ()) if (result := test(facts)) is not None else (None, only)
    if isinstance(node, Not):
        inner = compile_open(node.part)

        def negation(facts: FlatFacts) -> tuple[bool | None, tuple[str, ...]]:
            result, open_paths = inner(facts)
            return (None, open_paths) if result is None else (not result, ())
        return negation
    parts = tuple(compile_open(part) for part in node.parts)
    decisive = isinstance(node, Any_)

    def junction(facts: FlatFacts) -> tuple[bool | None, tuple[str, ...]]:
        open_paths: tuple[str, ...] = ()
        unknown = False
        for part in parts:
            result, part_open = part(facts)
            if result is decisive:
                return decisive, ()
            if result is None:
                unknown = True
                open_paths += part_open
        return (None, open_paths) if unknown else (not decisive, ())
    return junction


class ReferenceBackend(Backend):
    """Kleene logic over the facts, in Python: conditions compiled to closures once, evaluated per subject."""

    name: ClassVar[str] = "reference"

    def __init__(self, rules: Iterable[CompiledRule]) -> None:
        self.rules = list(rules)
        self.tests = {rule.id: compile_test(rule.condition) for rule in self.rules}

    def session(self) -> ReferenceSession:
        return ReferenceSession(self.tests)


class ReferenceSession(Session):
    def __init__(self, tests: dict[str, Test]) -> None:
        self.tests = tests

    def run(self, rules: list[CompiledRule], stratum: int,
            subjects: list[SubjectFacts]) -> dict[tuple[str, str], Outcome]:
        """Outcome per (rule id, subject key) for the rules of one stratum (not_fired ones omitted)."""
        out: dict[tuple[str, str], Outcome] = {}
        tests = self.tests
        for key, kind, facts in subjects:
            for rule in rules:
                if rule.subject == kind:
                    result = tests[rule.id](facts)
                    if result is not False:
                        out[(rule.id, key)] = "fired" if result else "undetermined"
        return out
