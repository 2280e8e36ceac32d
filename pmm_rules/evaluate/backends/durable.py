"""The durable_rules adapter: the only module that touches durable_rules.

What it does about durable's measured traps (docs/architecture.md, "The durable_rules adapter"):
- no `durable.lang` globals and no `engine.Host` (whose timer threads segfault with `delete_state`): the
  C extension is driven directly, and rules have no Python actions, so no action error can be swallowed;
- one state (sid) per evaluation, always deleted in `finally`; a sentinel fact and rule make sure at
  least one action fires, because deleting a state where none fired crashes the C core;
- every pattern tests `type` (the state fact never matches, so nothing re-fires forever); there is no
  negation (`$not` depends on assertion order): each rule is compiled to two positive patterns,
  "definitely true" and "definitely false", over facts where every unknown is an explicit null; a rule
  neither matches is undetermined. (A "possibly true" pattern would need `null or value` per leaf, which
  durable expands to 2^n alternatives and refuses with error 113 for rules of a dozen leaves.);
- facts are checked against the C limits (255 properties per fact) before they reach it; the rule count
  is bounded at compile time; the C core never releases the GIL, so evaluations run under a lock.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from ..._memo import remembered
from ...errors import EngineError, EngineLimitError
from ...model import All, CompiledRule, Expr, Leaf, Not, Outcome
from ._base import Backend, Session, SubjectFacts

try:  # durable_rules does not import on Python 3.13+
    import durable_rules_engine as _dre
except ImportError:  # pragma: no cover - exercised on Python 3.13
    _dre = None

MAX_PROPERTIES_PER_FACT = 250  # C core: >255 silently stops matching, 300 segfaults
MAX_DURABLE_RULES = 1500  # C core: error 303 on some data above ~1500 rules in one ruleset
GROUP_BUDGETS = (96, 48, 24, 12)  # pattern alternatives per fact type (see group_rules)
SENTINEL = "__sentinel__"
# One action per rule carries up to this many matches (durable's `cap`): without it a rule fires once per
# subject and per alternative of its pattern that holds, and each action is a round trip through the C core.
ACTION_CAP = 1000
_names = itertools.count(1)

J = dict[str, Any]


def available() -> bool:
    """Whether durable_rules imports here (it does not on Python 3.13 and later)."""
    return _dre is not None


def _one(op: str, parts: list[J]) -> J:
    return parts[0] if len(parts) == 1 else {op: parts}


def _null(path: str) -> J:
    return {path: None}


def _not_null(path: str) -> J:
    return {"$neq": {path: None}}


_ORDER = {"lt": "$lt", "le": "$lte", "gt": "$gt", "ge": "$gte"}
_ORDER_NEGATION = {"lt": "$gte", "le": "$gt", "gt": "$lte", "ge": "$lt"}


def _leaf_true(leaf: Leaf) -> J:
    p, v = leaf.path, leaf.value
    if leaf.op == "exists":
        return _not_null(p) if v else _null(p)
    if leaf.op == "eq":
        return {p: v}
    if leaf.op == "ne":
        return {"$and": [_not_null(p), {"$neq": {p: v}}]}
    if leaf.op in _ORDER:
        return {_ORDER[leaf.op]: {p: v}}
    if leaf.op == "in":
        return _one("$or", [{p: item} for item in v])
    assert leaf.op == "not_in"
    return {"$and": [_not_null(p), *({"$neq": {p: item}} for item in v)]}


def _leaf_false(leaf: Leaf) -> J:
    p, v = leaf.path, leaf.value
    if leaf.op == "exists":
        return _null(p) if v else _not_null(p)
    if leaf.op == "eq":
        return {"$and": [_not_null(p), {"$neq": {p: v}}]}
    if leaf.op == "ne":
        return {p: v}
    if leaf.op in _ORDER:
        return {_ORDER_NEGATION[leaf.op]: {p: v}}
    if leaf.op == "in":
        return _leaf_true(Leaf(p, "not_in", v))
    return _leaf_true(Leaf(p, "in", v))


def pattern(node: Expr, want: str, name: Callable[[str], str] | None = None) -> J:
    """A positive durable pattern for: T (definitely true) or F (definitely false), in Kleene logic.
    `name` gives the durable attribute of a fact path (default: `attribute`)."""
    name = name or attribute
    if isinstance(node, Leaf):
        node = Leaf(name(node.path), node.op, node.value)
        return _leaf_true(node) if want == "T" else _leaf_false(node)
    if isinstance(node, Not):
        return pattern(node.part, "F" if want == "T" else "T", name)
    conjunctive = isinstance(node, All) == (want == "T")
    parts = [pattern(part, want, name) for part in node.parts]
    return _one("$and" if conjunctive else "$or", parts)


def fact_type(subject: str, stratum: int, group: int = 0) -> str:
    return f"{subject}@{stratum}#{group}"


def alternatives(p: J | Any) -> int:
    """How many alternatives durable expands a pattern into (its disjunctive normal form)."""
    if isinstance(p, dict):
        if "$and" in p:
            return math.prod(alternatives(q) for q in p["$and"])
        if "$or" in p:
            return sum(alternatives(q) for q in p["$or"])
    return 1


def group_rules(rules: Iterable[CompiledRule], budget: int) -> dict[str, int]:
    """Rule id → group, so that no fact type carries more than `budget` pattern alternatives.

    Every alternative hangs below the alpha node that tests the fact's type; durable has fixed-size lists
    there and refuses the whole ruleset with error 113 once one overflows. Each group gets its own fact
    type, and the subject's facts are asserted once per group."""
    groups: dict[str, int] = {}
    load: dict[tuple[str, int], tuple[int, int]] = {}  # (subject, stratum) → (group, alternatives in it)
    for rule in sorted(rules, key=lambda r: (r.subject, r.stratum, r.id)):
        size = sum(alternatives(pattern(rule.condition, want)) for want in ("T", "F"))
        group, used = load.get((rule.subject, rule.stratum), (0, 0))
        if used and used + size > budget:
            group, used = group + 1, 0
        load[(rule.subject, rule.stratum)] = (group, used + size)
        groups[rule.id] = group
    return groups


def compile_ruleset(rules: Iterable[CompiledRule], groups: dict[str, int] | None = None,
                    name: Callable[[str], str] | None = None) -> J:
    """The durable ruleset (pure JSON) for compiled rules: two patterns per rule plus the sentinel."""
    ruleset: J = {SENTINEL: {"all": [{"m": {"type": "__case__"}}]}}
    for rule in rules:
        typed = {"type": fact_type(rule.subject, rule.stratum, (groups or {}).get(rule.id, 0))}
        for suffix, want in (("#t", "T"), ("#f", "F")):
            ruleset[rule.id + suffix] = {"all": [{"m": {"$and": [typed, pattern(rule.condition, want, name)]}}],
                                         "cap": ACTION_CAP}
    if len(ruleset) > MAX_DURABLE_RULES:
        raise EngineLimitError(f"{len(ruleset)} durable rules exceed the safe maximum of {MAX_DURABLE_RULES} "
                               "per ruleset (durable_rules error 303 above it); use backend='reference'")
    return ruleset


def attribute(path: str) -> str:
    """The durable attribute name of a fact path. Flat, not nested: durable reads `a.b` as nesting, and a set
    fact is both a value (`member.conditions`, known or not) and a prefix of its flags
    (`member.conditions.spraakbeperking`), which nesting cannot hold."""
    return path.replace(".", "__")


class DurableBackend(Backend):
    """The rules on durable_rules' C core: two positive patterns per rule, one state per evaluation."""

    name: ClassVar[str] = "durable"

    @classmethod
    def available(cls) -> bool:
        return available()

    def __init__(self, rules: Iterable[CompiledRule]) -> None:
        if _dre is None:
            raise EngineError("durable_rules is not installed or cannot run on this Python "
                              "(it needs Python 3.11 or 3.12); use backend='reference'")
        self.rules = list(rules)
        # Short attribute names (a0, a1, ...): every fact and every action message carries them, and
        # `member__conditions__auditieve_beperking` is ten times longer than `a17`. `attribute` stays the
        # readable form; `names` maps one to the other for whoever reads the compiled ruleset.
        paths = sorted({path for rule in self.rules for path in rule.reads})
        self.names = {path: f"a{i}" for i, path in enumerate(paths)}
        for budget in GROUP_BUDGETS:
            self.groups = group_rules(self.rules, budget)
            self.definition = compile_ruleset(self.rules, self.groups, self.names.__getitem__)
            self._name = f"pmm_{next(_names)}"
            try:
                self._handle = _dre.create_ruleset(self._name, json.dumps(self.definition, ensure_ascii=False))
                break
            except Exception as exc:  # the C core raises bare Exceptions with an error code
                if "error code: 113" not in str(exc):
                    raise EngineError(f"durable_rules refused the compiled rules: {exc}") from None
        else:
            raise EngineLimitError("durable_rules cannot hold these rules even in small groups (error 113); "
                                   "simplify the largest conditions or use backend='reference'")
        self._lock = threading.Lock()
        self._sids = itertools.count(1)
        self._layouts: dict[tuple[int, tuple[str, ...]], _Layout] = {}

    def layout(self, stratum: int, rules: list[CompiledRule]) -> _Layout:
        """The facts to assert and the durable rules to read for these rules of one stratum (made once)."""
        return remembered(self._layouts, (stratum, tuple(rule.id for rule in rules)),
                          lambda: self._make_layout(stratum, rules), limit=10_000)

    def _make_layout(self, stratum: int, rules: list[CompiledRule]) -> _Layout:
        reads: dict[tuple[str, int], set[str]] = {}
        answers: dict[str, list[tuple[CompiledRule, str, str]]] = {}
        for rule in rules:
            reads.setdefault((rule.subject, self.groups.get(rule.id, 0)), set()).update(rule.reads)
            answers.setdefault(rule.subject, []).append((rule, rule.id + "#t", rule.id + "#f"))
        facts: dict[str, list[tuple[tuple[tuple[str, str], ...], str]]] = {}
        for (kind, group), paths in sorted(reads.items()):
            if len(paths) + 3 > MAX_PROPERTIES_PER_FACT:
                raise EngineLimitError(f"a {kind} fact would carry {len(paths) + 3} properties; durable_rules "
                                       f"stops matching above 255 (limit here {MAX_PROPERTIES_PER_FACT})")
            facts.setdefault(kind, []).append(
                (tuple((p, self.names[p]) for p in sorted(paths)), fact_type(kind, stratum, group)))
        return _Layout(facts, answers)

    def session(self) -> DurableSession:
        return DurableSession(self)


class DurableSession(Session):
    """One evaluation: one durable state, created on entry and always deleted on exit."""

    def __init__(self, backend: DurableBackend) -> None:
        self.backend = backend
        self.sid = ""
        self._started = False
        self._fact_subjects: list[str] = []

    def __enter__(self) -> DurableSession:
        self.backend._lock.acquire()
        self.sid = f"s{next(self.backend._sids)}"
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self._started:
                _dre.delete_state(self.backend._handle, self.sid)
        finally:
            self.backend._lock.release()

    def run(self, rules: list[CompiledRule], stratum: int,
            subjects: list[SubjectFacts]) -> dict[tuple[str, str], Outcome]:
        """Assert the subjects' facts for one stratum and collect which rules are definitely true or false."""
        layout = self.backend.layout(stratum, rules)
        batch: list[J] = []
        # Fact ids are unique in the state, across strata: durable ignores a fact whose id it has seen.
        fact_subjects = self._fact_subjects  # fact id "f<n>" -> subject key
        sid = self.sid
        for key, kind, flat in subjects:
            for pairs, type_name in layout.facts.get(kind, ()):
                fact = {attribute: flat.get(path) for path, attribute in pairs}
                fact["id"] = f"f{len(fact_subjects)}"
                fact["sid"] = sid
                fact["type"] = type_name
                fact_subjects.append(key)
                batch.append(fact)
        if not self._started:
            batch.append({"id": "__case__", "sid": sid, "type": "__case__"})
            self._started = True
        if not batch:
            return {}
        handle = self.backend._handle
        matched: dict[str, set[str]] = {}  # durable rule name -> keys of the subjects it matched
        try:
            _code, state_handle = _dre.assert_facts(handle, json.dumps(batch, ensure_ascii=False,
                                                                       separators=(",", ":")))
            result = _dre.start_action_for_state(handle, state_handle)
            message = result[1] if result else None
            while message:
                # A message is {"<rule name>": [<frames with the facts bound>]}. Rule ids cannot hold a quote
                # (RULE_ID_PATTERN), and a fact id is a JSON key only where the fact itself is: reading both
                # with string operations is exact, and much cheaper than json.loads on every action.
                name = message[2:message.index('"', 2)]
                keys = matched.get(name)
                if keys is None:
                    keys = matched[name] = set()
                keys.update([fact_subjects[int(index)] for index in _FACT_ID.findall(message)])
                message = _dre.complete_and_start_action(handle, state_handle)
        except Exception as exc:  # the C core raises bare Exceptions carrying its error code
            raise EngineError(f"durable_rules failed while evaluating: {exc}") from None
        outcomes: dict[tuple[str, str], Outcome] = {}
        nothing: set[str] = set()
        keys_of: dict[str, list[str]] = {}
        for key, kind, _flat in subjects:
            keys_of.setdefault(kind, []).append(key)
        for kind, subject_keys in keys_of.items():
            for rule, true_name, false_name in layout.rules.get(kind, ()):
                true, false = matched.get(true_name, nothing), matched.get(false_name, nothing)
                for key in subject_keys:
                    if key in true:
                        outcomes[(rule.id, key)] = "fired"
                    elif key not in false:
                        outcomes[(rule.id, key)] = "undetermined"
        return outcomes


_FACT_ID = re.compile(r'"id":\s*"f(\d+)"')


@dataclass(frozen=True)
class _Layout:
    """How the subjects of one stratum become durable facts, and which durable rules answer for which rule."""

    facts: dict[str, list[tuple[tuple[tuple[str, str], ...], str]]]  # kind -> ((path, attribute)..., fact type)
    rules: dict[str, list[tuple[CompiledRule, str, str]]]  # kind -> (rule, its #t name, its #f name)
