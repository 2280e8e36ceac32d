"""The compiled form of rules: engine-neutral, plain data, ordered in strata for forward chaining.

The compiled form is plain data (`CompiledRule`): conditions are trees (`Expr`) of `Leaf`, `All`, `Any_`
and `Not` over flat fact paths. Both backends (durable_rules and the pure-Python reference evaluator)
evaluate exactly this form; `pmm_rules.load` makes it from the rule files.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from ._rules import Rule

Op = Literal["eq", "ne", "lt", "le", "gt", "ge", "in", "not_in", "exists"]


@dataclass(frozen=True)
class Leaf:
    path: str
    op: Op
    value: Any


@dataclass(frozen=True)
class All:
    parts: tuple[Expr, ...]


@dataclass(frozen=True)
class Any_:
    parts: tuple[Expr, ...]


@dataclass(frozen=True)
class Not:
    part: Expr


Expr = Leaf | All | Any_ | Not


@dataclass(frozen=True)
class CompiledRule:
    id: str
    kind: str
    subject: str
    stratum: int
    valid_from: str
    valid_to: str | None
    condition: Expr
    conclusion: tuple[str, Any]
    reads: frozenset[str]
    writes: str | None
    rule: Rule = field(compare=False, repr=False)
    file: str = field(default="", compare=False)
    line: int = field(default=0, compare=False)
    column: int = field(default=1, compare=False)
    index: int = field(default=0, compare=False)
    domain: str = field(default="", compare=False)

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


def node_json(node: Expr) -> Any:
    if isinstance(node, Leaf):
        return {"fact": node.path, node.op: list(node.value) if isinstance(node.value, tuple) else node.value}
    if isinstance(node, All):
        return {"all": [node_json(p) for p in node.parts]}
    if isinstance(node, Any_):
        return {"any": [node_json(p) for p in node.parts]}
    return {"not": node_json(node.part)}


def leaves(node: Expr) -> Iterable[Leaf]:
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
    domain: str = ""  # the rule file's domain (zorg, schulden, route, leeway, ...)


def derived_root(path: str) -> str | None:
    if not is_derived_path(path):
        return None
    head, _, rest = path.partition(".")
    name = rest.split(".", 1)[0]
    return f"{head}.{name}"
