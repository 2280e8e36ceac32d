"""The durable_rules adapter: the only module that touches durable_rules.

What it does about durable's measured traps (docs/architecture.md, "The durable_rules adapter"; the limits in
docs/security.md):
- no `durable.lang` globals and no `engine.Host` (whose timer threads segfault with `delete_state`): the
  C extension is driven directly, and rules have no Python actions, so no action error can be swallowed;
- one state (sid) per evaluation, deleted in `finally` only once an action has fired in it; a sentinel fact and
  rule make sure one does, because deleting a state where none fired crashes the C core. If asserting fails,
  the sentinel is asserted alone and its action drained before the state is deleted; a state that cannot be
  made safe is left alone rather than crash the process;
- every pattern tests `type` (the state fact never matches, so nothing re-fires forever); there is no
  negation (`$not` depends on assertion order): each rule is compiled to two positive patterns,
  "definitely true" and "definitely false", over facts where every unknown is an explicit null; a rule
  neither matches is undetermined;
- durable's parser misreads numbers `json.dumps` writes (`1e+16` ends the batch silently, or segfaults when it
  comes first; `NaN` reads as null; integers beyond 2**63 saturate): every number reaches it as
  `durable_number` writes it, and what it cannot compare exactly is refused with `EngineLimitError`;
- membership tests (`in`, `not_in`) become one flag per fact, computed here as the reference computes it: a long
  list as durable's `$or` fills a fixed table and hangs the C core;
- rules are grouped under fact types so that no fact can reach durable's fixed limits, and the whole ruleset is
  checked against them (`_durable_limits`) before `create_ruleset`; the C core never releases the GIL, so
  evaluations run under a lock.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import threading
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from ..._memo import Memo
from ...errors import EngineError, EngineLimitError, Message, Problem, Severity, msg
from ...model import All, CompiledRule, Expr, Leaf, Not, Outcome
from . import _durable_limits as limits
from ._base import Backend, Session, SubjectFacts

try:  # durable_rules does not import on Python 3.13+
    import durable_rules_engine as _dre
except ImportError:  # pragma: no cover - exercised on Python 3.13
    _dre = None

MAX_PROPERTIES_PER_FACT = 250  # C core: the 255th property (with id, sid, type) ends the batch silently
MAX_EXACT_INT = 2**53  # beyond it durable compares an integer with a float inexactly; beyond 2**63 it saturates
MAX_TEXT_BYTES = limits.MAX_TEXT_BYTES  # durable compares texts of 64 KiB and more wrongly
# What a group of rules under one fact type may cost, well inside durable's limits (stack 64, 511 tests per node,
# 255 rules per node, 128 `$or`s per node): the margins are for data we have not thought of.
STACK_BUDGET = 48
WIDTH_BUDGET = 448
BETAS_BUDGET = 200
SHARED_OR_BUDGET = 100
SENTINEL = "__sentinel__"
# One action per rule carries up to this many matches (durable's `cap`): without it a rule fires once per
# subject and per alternative of its pattern that holds, and each action is a round trip through the C core.
ACTION_CAP = 1000
_names = itertools.count(1)

J = dict[str, Any]


def available() -> bool:
    """Whether durable_rules imports here (it does not on Python 3.13 and later)."""
    return _dre is not None


# ---------------------------------------------------------------- numbers and JSON as durable reads them


def durable_number(x: int | float) -> str:
    """JSON text for a number that durable's C parser reads as the same value.

    durable recognises an exponent only after a '.', so `repr`'s `1e+16` and `1e-05` get a `.0` (`1.0e+16`),
    which strtod reads exactly; integers are exact up to 2**53 (durable compares them with floats as doubles).
    Anything else (non-finite numbers, larger integers) raises `ValueError`: durable would misread it."""
    if isinstance(x, bool):
        raise TypeError("a bool is not a number")
    if isinstance(x, int):
        if -MAX_EXACT_INT <= x <= MAX_EXACT_INT:
            return str(x)
        raise ValueError("a whole number beyond ±2**53 (durable_rules compares it inexactly)")
    if isinstance(x, float):
        if not math.isfinite(x):
            raise ValueError("a number that is not finite (durable_rules reads NaN as null, Infinity not at all)")
        text = repr(x)
        if "e" in text and "." not in text:
            text = text.replace("e", ".0e")
        return text
    raise TypeError(type(x).__name__)


def _durable_text(value: str) -> str:
    text = json.dumps(value, ensure_ascii=False)
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError:
        raise ValueError("text that is not valid Unicode (a lone surrogate)") from None
    if size > MAX_TEXT_BYTES:
        raise ValueError(f"a text of {size} bytes (durable_rules compares texts over {MAX_TEXT_BYTES} wrongly)")
    return text


def durable_json(value: Any) -> str:
    """`json.dumps` for the JSON the adapter sends (mappings with text keys, lists, text, numbers, bools, null),
    with numbers as `durable_number` writes them; `ValueError` for a value durable would misread."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return _durable_text(value)
    if isinstance(value, (int, float)):
        return durable_number(value)
    if isinstance(value, dict):
        return "{" + ",".join(_durable_text(str(k)) + ":" + durable_json(v) for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(durable_json(v) for v in value) + "]"
    raise TypeError(type(value).__name__)


# Text `json.dumps` writes that durable may misread: an exponent, a non-finite number, an integer of 16 digits or
# more. It may also match inside a text value; then the batch is merely written the slow, exact way.
_SUSPECT = re.compile(r"[0-9][eE]|NaN|Infinity|[0-9]{16}")


def facts_json(batch: list[J]) -> str:
    """The JSON of a batch of facts, fast where `json.dumps` writes what durable reads, exact everywhere."""
    text = json.dumps(batch, ensure_ascii=False, separators=(",", ":"))
    if _SUSPECT.search(text) or len(text) > MAX_TEXT_BYTES:
        return durable_json(batch)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return durable_json(batch)  # raises, naming what is wrong
    return text


# ---------------------------------------------------------------- compiling rules into durable patterns


def _one(op: str, parts: list[J]) -> J:
    """`{op: parts}`, with parts of the same operator merged in (durable counts each operator: 15 per pattern)."""
    flat: list[J] = []
    for part in parts:
        if len(part) == 1 and op in part:
            flat.extend(part[op])
        else:
            flat.append(part)
    return flat[0] if len(flat) == 1 else {op: flat}


_ORDER = {"lt": "$lt", "le": "$lte", "gt": "$gt", "ge": "$gte"}
_ORDER_NEGATION = {"lt": "$gte", "le": "$gt", "gt": "$lte", "ge": "$lt"}

Members = tuple[str, frozenset[Any]]  # a membership test: the fact path and the values


def attribute(path: str) -> str:
    """The readable durable attribute name of a fact path. Flat, not nested: durable reads `a.b` as nesting, and a
    set fact is both a value (`member.conditions`, known or not) and a prefix of its flags
    (`member.conditions.spraakbeperking`), which nesting cannot hold."""
    return path.replace(".", "__")


def member_attribute(test: Members) -> str:
    """The readable durable attribute name of a membership flag."""
    path, values = test
    digest = zlib.crc32("\x00".join(sorted(map(repr, values))).encode("utf-8", errors="replace"))
    return f"{attribute(path)}__in__{len(values)}_{digest:08x}"


def _leaf(leaf: Leaf, want: str, name: Callable[[str], str], member: Callable[[Members], str]) -> J:
    """T (definitely true) or F (definitely false) of one comparison. `$neq` and the orderings are false on null,
    as the reference's unknown is neither true nor false: no `not null` guard is needed (measured)."""
    if leaf.op in ("in", "not_in"):
        flag = member((leaf.path, frozenset(leaf.value)))
        return {flag: (leaf.op == "in") == (want == "T")}
    p, v = name(leaf.path), leaf.value
    if leaf.op == "exists":
        return {"$neq": {p: None}} if bool(v) == (want == "T") else {p: None}
    if leaf.op in ("eq", "ne"):
        return {p: v} if (leaf.op == "eq") == (want == "T") else {"$neq": {p: v}}
    return {(_ORDER if want == "T" else _ORDER_NEGATION)[leaf.op]: {p: v}}


def normal(node: Expr) -> Expr:
    """The same condition with an `any` of equalities on one fact written as a membership test, and an `all` of
    inequalities on one fact as a non-membership test (the same in three-valued logic): durable puts each
    equality of an `$or` in one fixed-size table, which a long `any` fills."""
    if isinstance(node, Leaf):
        return node
    if isinstance(node, Not):
        return Not(normal(node.part))
    parts = [normal(part) for part in node.parts]
    merged_op = "ne" if isinstance(node, All) else "eq"
    values: dict[str, list[Any]] = {}
    for part in parts:
        if isinstance(part, Leaf) and part.op == merged_op:
            values.setdefault(part.path, []).append(part.value)
    out: list[Expr] = []
    merged: set[str] = set()
    for part in parts:
        if isinstance(part, Leaf) and part.op == merged_op and len(values[part.path]) > 1:
            if part.path not in merged:
                merged.add(part.path)
                out.append(Leaf(part.path, "not_in" if merged_op == "ne" else "in", tuple(values[part.path])))
            continue
        out.append(part)
    return type(node)(tuple(out)) if len(out) > 1 else out[0]


def pattern(node: Expr, want: str, name: Callable[[str], str] | None = None,
            member: Callable[[Members], str] | None = None) -> J:
    """A positive durable pattern for: T (definitely true) or F (definitely false), in Kleene logic.
    `name` gives the durable attribute of a fact path, `member` that of a membership flag. Give it `normal(...)`
    of a condition: the adapter does."""
    name, member = name or attribute, member or member_attribute
    if isinstance(node, Leaf):
        return _leaf(node, want, name, member)
    if isinstance(node, Not):
        return pattern(node.part, "F" if want == "T" else "T", name, member)
    conjunctive = isinstance(node, All) == (want == "T")
    return _one("$and" if conjunctive else "$or", [pattern(part, want, name, member) for part in node.parts])


def fact_type(subject: str, stratum: int, group: int = 0) -> str:
    return f"{subject}@{stratum}#{group}"


def alternatives(p: J | Any) -> int:
    """How many alternatives durable expands a pattern into (its disjunctive normal form)."""
    return limits.alternatives(p)


def memberships(rule: CompiledRule) -> frozenset[Members]:
    return frozenset((leaf.path, frozenset(leaf.value)) for leaf in _leaves(normal(rule.condition))
                     if leaf.op in ("in", "not_in"))


def _leaves(node: Expr) -> Iterable[Leaf]:
    if isinstance(node, Leaf):
        yield node
    elif isinstance(node, Not):
        yield from _leaves(node.part)
    else:
        for part in node.parts:
            yield from _leaves(part)


def attributes_of(rule: CompiledRule) -> frozenset[tuple[str, Any]]:
    """What the facts must carry for a rule: ("path", path) for a compared fact, ("in", test) for a flag."""
    return frozenset(("in", (leaf.path, frozenset(leaf.value))) if leaf.op in ("in", "not_in") else
                     ("path", leaf.path) for leaf in _leaves(normal(rule.condition)))


def group_rules(rules: Iterable[CompiledRule], name: Callable[[str], str] | None = None,
                member: Callable[[Members], str] | None = None) -> dict[str, int]:
    """Rule id → group, so that no fact type holds more than the budgets allow.

    A fact type is one node of durable's network, and everything its rules test hangs below it: how many tests
    one fact can satisfy at once (durable's 64-entry stack), how many distinct tests sit below one node (its
    512-slot tables), how many rules end on one node and how many properties one fact carries. Each group gets
    its own fact type, and the subject's facts are asserted once per group, carrying only what that group reads."""
    groups: dict[str, int] = {}
    current: dict[tuple[str, int], tuple[int, list[tuple[str, J]], set[tuple[str, Any]]]] = {}
    for rule in sorted(rules, key=lambda r: (r.subject, r.stratum, r.id)):
        condition = normal(rule.condition)
        mine = [(rule.id + "#t", pattern(condition, "T", name, member)),
                (rule.id + "#f", pattern(condition, "F", name, member))]
        needs = set(attributes_of(rule))
        group, patterns, carried = current.get((rule.subject, rule.stratum), (0, [], set()))
        if patterns and not _fits([*patterns, *mine], carried | needs):
            group, patterns, carried = group + 1, [], set()
        current[(rule.subject, rule.stratum)] = (group, [*patterns, *mine], carried | needs)
        groups[rule.id] = group
    return groups


def _fits(patterns: list[tuple[str, J]], carried: set[tuple[str, Any]]) -> bool:
    if len(carried) + 3 > MAX_PROPERTIES_PER_FACT:
        return False
    load = limits.Load.of(patterns)
    return (load.stack <= STACK_BUDGET and load.width <= WIDTH_BUDGET and load.betas <= BETAS_BUDGET
            and load.shared_or <= SHARED_OR_BUDGET)


def compile_ruleset(rules: Iterable[CompiledRule], groups: dict[str, int] | None = None,
                    name: Callable[[str], str] | None = None,
                    member: Callable[[Members], str] | None = None) -> J:
    """The durable ruleset (pure JSON) for compiled rules: two patterns per rule plus the sentinel."""
    ruleset: J = {SENTINEL: {"all": [{"m": {"type": "__case__"}}]}}
    for rule in rules:
        typed = {"type": fact_type(rule.subject, rule.stratum, (groups or {}).get(rule.id, 0))}
        condition = normal(rule.condition)
        for suffix, want in (("#t", "T"), ("#f", "F")):
            ruleset[rule.id + suffix] = {"all": [{"m": _one("$and", [typed, pattern(condition, want, name, member)])}],
                                         "cap": ACTION_CAP}
    return ruleset


def limit_report(definition: J) -> tuple[list[limits.Finding], dict[str, Any]]:
    """The limits of durable_rules 2.0.28 a compiled ruleset exceeds, and its figures (stack bound, widest node)."""
    return limits.check(definition)


_LIMIT_CODES = ("durable-rules", "durable-operators", "durable-cost", "durable-text", "durable-width",
                "durable-shared-or", "durable-identical", "durable-stack")
"""The limits of durable_rules, each with a message `problem.<code>` and a hint `hint.<code>` in the label table."""


def _problems(findings: Sequence[limits.Finding], rules: Sequence[CompiledRule], severity: Severity) -> list[Problem]:
    by_id = {rule.id: rule for rule in rules}
    problems = []
    most = (limits.MAX_RULES - 1) // 2
    for finding in findings:
        message = msg(f"problem.{finding.code}", value=finding.value, limit=finding.limit, where=finding.where,
                      rules=len(rules), most=f"{most:,}")
        hint = msg(f"hint.{finding.code}")
        involved = sorted({name.split("#", 1)[0] for name in finding.rules if name.split("#", 1)[0] in by_id})
        if finding.code == "durable-rules" and len(rules) > most:
            involved = [rules[most].id]  # the first rule past the limit
        if severity == "warning":
            message = msg("problem.durable.reference_only", message=message)
        if not involved:
            problems.append(Problem.from_text("<rule base>", 1, 1, finding.code, message, hint=hint, severity=severity))
            continue
        first = by_id[involved[0]]
        if len(involved) > 1:
            shown: Message | str = (msg("says.and_more", items=involved[:3], count=len(involved) - 3)
                                    if len(involved) > 3 else ", ".join(involved))
            message = msg("problem.durable.rules", message=message, rules=shown)
        else:
            message = msg("problem.durable.rule", message=message, rule=first.id)
        problems.append(Problem.from_text(first.file or "<rules>", first.line or 1, first.column, finding.code, message,
                                          ("rules", first.index), hint=hint, severity=severity))
    return problems


class DurableBackend(Backend):
    """The rules on durable_rules' C core: two positive patterns per rule, one state per evaluation."""

    name: ClassVar[str] = "durable"

    @classmethod
    def available(cls) -> bool:
        return available()

    @classmethod
    def limit_problems(cls, rules: Sequence[CompiledRule], severity: Severity = "error") -> list[Problem]:
        compiled = _Compiled(list(rules))
        return _problems(compiled.findings, rules, severity)

    def __init__(self, rules: Iterable[CompiledRule]) -> None:
        if _dre is None:
            raise EngineError("durable_rules is not installed or cannot run on this Python "
                              "(it needs Python 3.11 or 3.12); use backend='reference'")
        self.rules = list(rules)
        compiled = _Compiled(self.rules)
        self.names, self.members, self.groups = compiled.names, compiled.members, compiled.groups
        self.definition = compiled.definition
        if compiled.findings:
            problem = _problems(compiled.findings, self.rules, "error")[0]
            raise EngineLimitError(f"{problem.location}: {problem.code}: {problem.message}; use "
                                   "backend='reference'")
        self._name = f"pmm_{next(_names)}"
        try:
            self._handle = _dre.create_ruleset(self._name, durable_json(self.definition))
        except Exception as exc:  # the C core raises bare Exceptions with an error code
            raise EngineError(f"durable_rules refused the compiled rules: {exc}") from None
        self._lock = threading.Lock()
        self._sids = itertools.count(1)
        # one layout per stratum and set of valid rules (bounded by the rule base); sized by what it owns
        self._layouts: Memo[tuple[int, tuple[str, ...]], _Layout] = Memo(8 << 20, size=_layout_size)

    def layout(self, stratum: int, rules: list[CompiledRule]) -> _Layout:
        """The facts to assert and the durable rules to read for these rules of one stratum (made once)."""
        return self._layouts.get((stratum, tuple(rule.id for rule in rules)),
                                 lambda: self._make_layout(stratum, rules))

    def _make_layout(self, stratum: int, rules: list[CompiledRule]) -> _Layout:
        needs: dict[tuple[str, int], set[tuple[str, Any]]] = {}
        answers: dict[str, list[tuple[CompiledRule, str, str]]] = {}
        for rule in rules:
            needs.setdefault((rule.subject, self.groups.get(rule.id, 0)), set()).update(attributes_of(rule))
            answers.setdefault(rule.subject, []).append((rule, rule.id + "#t", rule.id + "#f"))
        facts: dict[str, list[_FactLayout]] = {}
        for (kind, group), carried in sorted(needs.items(), key=lambda kv: kv[0]):
            if len(carried) + 3 > MAX_PROPERTIES_PER_FACT:
                raise EngineLimitError(f"a {kind} fact would carry {len(carried) + 3} properties; durable_rules "
                                       f"stops matching above 254 (limit here {MAX_PROPERTIES_PER_FACT})")
            paths = tuple(sorted((p, self.names[p]) for what, p in carried if what == "path"))
            tests = tuple(sorted(((test[0], test[1], self.members[test]) for what, test in carried if what == "in"),
                                 key=lambda t: t[2]))
            facts.setdefault(kind, []).append(_FactLayout(paths, tests, fact_type(kind, stratum, group)))
        return _Layout(facts, answers)

    def session(self) -> DurableSession:
        return DurableSession(self)


class _Compiled:
    """Rules compiled for durable: short attribute names, groups, the ruleset and what it exceeds of durable's
    limits. Pure Python: `validate` uses it where durable_rules is not even installed."""

    def __init__(self, rules: list[CompiledRule]) -> None:
        # Short attribute names (a0, a1, ... and m0, m1, ... for membership flags): every fact and every action
        # message carries them, and `member__conditions__auditieve_beperking` is ten times longer than `a17`.
        paths = sorted({path for rule in rules for what, path in attributes_of(rule) if what == "path"})
        self.names = {path: f"a{i}" for i, path in enumerate(paths)}
        tests = sorted({test for rule in rules for test in memberships(rule)},
                       key=lambda t: (t[0], len(t[1]), sorted(map(repr, t[1]))))
        self.members: dict[Members, str] = {test: f"m{i}" for i, test in enumerate(tests)}
        self.groups = group_rules(rules, self.names.__getitem__, self.members.__getitem__)
        self.definition = compile_ruleset(rules, self.groups, self.names.__getitem__, self.members.__getitem__)
        self.findings, self.stats = limits.check(self.definition)


class DurableSession(Session):
    """One evaluation: one durable state, created on entry and deleted on exit once it is safe to."""

    def __init__(self, backend: DurableBackend) -> None:
        self.backend = backend
        self.sid = ""
        self._state = "none"  # none: no state yet; live: an action fired, delete it; lost: leave it alone
        self._fact_subjects: list[str] = []

    def __enter__(self) -> DurableSession:
        self.backend._lock.acquire()
        self.sid = f"s{next(self.backend._sids)}"
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self._state == "live":
                _dre.delete_state(self.backend._handle, self.sid)
        finally:
            self.backend._lock.release()

    def _recover(self) -> None:
        """After a failed assert: assert the sentinel alone and drain its action, so that the state can be deleted
        without crashing the C core (measured: deleting a state where no action fired segfaults)."""
        handle = self.backend._handle
        try:
            _code, state = _dre.assert_facts(handle, json.dumps([{"id": "__case__", "sid": self.sid,
                                                                  "type": "__case__"}]))
            result = _dre.start_action_for_state(handle, state)
            message = result[1] if result else None
            while message:
                message = _dre.complete_and_start_action(handle, state)
            self._state = "live"
        except Exception:  # the state cannot be made safe: leaking it is better than crashing the process
            self._state = "lost"

    def run(self, rules: list[CompiledRule], stratum: int,
            subjects: list[SubjectFacts]) -> dict[tuple[str, str], Outcome]:
        """Assert the subjects' facts for one stratum and collect which rules are definitely true or false."""
        layout = self.backend.layout(stratum, rules)
        batch: list[J] = []
        # Fact ids are unique in the state, across strata: durable ignores a fact whose id it has seen.
        fact_subjects = self._fact_subjects  # fact id "f<n>" -> subject key
        sid = self.sid
        for key, kind, flat in subjects:
            for shape in layout.facts.get(kind, ()):
                fact = {attribute: flat.get(path) for path, attribute in shape.paths}
                for path, values, attribute in shape.tests:
                    value = flat.get(path)
                    fact[attribute] = None if value is None else value in values
                fact["id"] = f"f{len(fact_subjects)}"
                fact["sid"] = sid
                fact["type"] = shape.type
                fact_subjects.append(key)
                batch.append(fact)
        first = self._state == "none"
        if first:
            batch.append({"id": "__case__", "sid": sid, "type": "__case__"})
        if not batch:
            return {}
        try:
            text = facts_json(batch)
        except (ValueError, TypeError) as exc:
            raise EngineLimitError(f"a fact durable_rules cannot read exactly: {exc}; use backend='reference'"
                                   ) from None
        handle = self.backend._handle
        matched: dict[str, set[str]] = {}  # durable rule name -> keys of the subjects it matched
        try:
            _code, state_handle = _dre.assert_facts(handle, text)
            if first:
                self._state = "started"
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
            if first:
                self._state = "live"
        except Exception as exc:  # the C core raises bare Exceptions carrying its error code
            self._recover()
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


def _layout_size(key: tuple[int, tuple[str, ...]], layout: _Layout) -> int:
    owned = sum(100 + 150 * (len(f.paths) + len(f.tests)) for facts in layout.facts.values() for f in facts)
    return owned + 100 * sum(len(r) for r in layout.rules.values()) + 8 * len(key[1]) + 200


@dataclass(frozen=True)
class _FactLayout:
    paths: tuple[tuple[str, str], ...]  # (fact path, durable attribute)
    tests: tuple[tuple[str, frozenset[Any], str], ...]  # (fact path, values, durable attribute of the flag)
    type: str


@dataclass(frozen=True)
class _Layout:
    """How the subjects of one stratum become durable facts, and which durable rules answer for which rule."""

    facts: dict[str, list[_FactLayout]]  # kind -> one fact per group
    rules: dict[str, list[tuple[CompiledRule, str, str]]]  # kind -> (rule, its #t name, its #f name)
