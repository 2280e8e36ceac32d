"""The meaning of rule files: facts that exist for the rule's subject, operators that fit their type, values
from the vocabulary, citations that name a known law with its own BWB id and numbering, conclusions that fit
the rule's kind; across files, no two rules claiming the same situation with contradicting conclusions."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from ..errors import Message, PathElement, Problem, msg, shorten
from ..model import COMPARISON_OPS, CompiledRule, Rule, RuleFile, Vocabulary, closest, node_json
from ._check_sources import source_problems
from ._dates import iso_date
from ._yaml import Located

# ---------------------------------------------------------------- rule semantics

# Beyond 2**53 a whole number has no exact float: durable_rules compares it with a float amount as a double, Python
# exactly, so the two backends would disagree (and beyond 2**63 durable saturates it).
MAX_EXACT_INT = 2**53

_KIND_SUBJECTS = {
    "regime": ("need",), "derive": ("case", "need", "debt"), "collision": ("need", "case"),
    "escalation": ("case",), "timeout": ("case", "debt"), "deadline": ("case",), "bridging": ("need",),
    "leeway": ("need", "debt", "case"), "notice": ("case", "need", "debt"),
}


@dataclass(frozen=True)
class FactInfo:
    type: str
    values: tuple[str, ...] = ()


def fact_info(path: str, subject: str, vocab: Vocabulary,
              derived_names: set[tuple[str, str]] | None = None) -> FactInfo | Message:
    """Type of a fact path for a subject, or a message saying why the path is not known."""
    if path.startswith("derived."):
        name = path.removeprefix("derived.")
        if derived_names is not None and (subject, name) not in derived_names:
            known = sorted(n for s, n in derived_names if s == subject)
            guess = closest(name, known)
            return (msg("problem.unknown-fact.not_derived_guess", subject=subject, name=name, guess=guess) if guess
                    else msg("problem.unknown-fact.not_derived", subject=subject, name=name))
        return FactInfo("bool")
    if path.startswith("regime."):
        law = path.removeprefix("regime.")
        if subject != "need":
            return msg("problem.unknown-fact.need_only", prefix="regime")
        if law not in vocab.laws:
            guess = closest(law, list(vocab.laws))
            return (msg("problem.unknown-fact.law_guess", law=law, guess=guess) if guess
                    else msg("problem.unknown-law", law=law))
        return FactInfo("enum", ("applies", "excluded", "none"))
    if path.startswith("collision."):
        kind = path.removeprefix("collision.")
        if subject != "need":
            return msg("problem.unknown-fact.need_only", prefix="collision")
        if kind not in vocab.values("collision_kinds"):
            return msg("problem.unknown-fact.collision_kind", kind=kind)
        return FactInfo("bool")
    fact = vocab.fact(path)
    if fact is None:
        guess = closest(path, list(vocab.facts))
        return (msg("problem.unknown-fact.guess", path=path, guess=guess) if guess
                else msg("problem.unknown-fact", path=path))
    if subject not in fact.subjects:
        return msg("problem.unknown-fact.subject", path=path, subject=subject, subjects=fact.subjects)
    values = vocab.values(fact.values) if fact.values else ()
    return FactInfo(fact.type, values)


_OPS_BY_TYPE = {
    "bool": {"eq", "ne", "in", "not_in", "exists"},
    "int": {"eq", "ne", "lt", "le", "gt", "ge", "in", "not_in", "exists"},
    "number": {"eq", "ne", "lt", "le", "gt", "ge", "in", "not_in", "exists"},
    "date": {"eq", "ne", "lt", "le", "gt", "ge", "exists"},
    "enum": {"eq", "ne", "in", "not_in", "exists"},
    "set": {"contains", "not_contains", "exists"},
}


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _value_fits(value: Any, info: FactInfo) -> Message | None:
    kind = info.type
    if kind == "bool" and not isinstance(value, bool):
        return msg("says.type.boolean")
    if kind == "int" and (isinstance(value, bool) or not isinstance(value, int)):
        return msg("says.type.integer")
    if kind == "number" and (isinstance(value, bool) or not isinstance(value, (int, float))):
        return msg("says.type.number")
    if kind == "date" and not isinstance(value, dt.date):
        return msg("says.type.date")
    if kind in ("enum", "set") and (not isinstance(value, str) or value not in info.values):
        return msg("says.one_of", options=info.values)
    return None


def _condition_problems(located: Located, cond: Any, path: tuple[PathElement, ...], subject: str,
                        vocab: Vocabulary, derived: set[tuple[str, str]] | None) -> Iterable[Problem]:
    if not isinstance(cond, dict):
        return
    for key in ("all", "any"):
        if key in cond and isinstance(cond[key], list):
            for i, part in enumerate(cond[key]):
                yield from _condition_problems(located, part, (*path, key, i), subject, vocab, derived)
            return
    if "not" in cond:
        yield from _condition_problems(located, cond["not"], (*path, "not"), subject, vocab, derived)
        return
    fact = cond.get("fact")
    ops = [k for k in cond if k != "fact"]
    if not isinstance(fact, str) or len(ops) != 1 or ops[0] not in COMPARISON_OPS:
        return
    op, value = ops[0], cond[ops[0]]
    info = fact_info(fact, subject, vocab, derived)
    if isinstance(info, Message):
        yield located.problem((*path, "fact"), "unknown-fact", info, hint=msg("hint.unknown-fact"))
        return
    if op not in _OPS_BY_TYPE[info.type]:
        allowed = sorted(_OPS_BY_TYPE[info.type])
        yield located.problem((*path, op), "operator-type",
                              msg("problem.operator-type.set", op=op, fact=fact) if info.type == "set"
                              else msg("problem.operator-type", op=op, fact=fact, type=info.type),
                              expected=msg("says.one_of", options=allowed),
                              hint=msg("hint.operator-type.set") if info.type == "set" else None)
        return
    if op == "exists":
        return
    items = value if op in ("in", "not_in") and isinstance(value, list) else [value]
    for i, item in enumerate(items):
        wanted = _value_fits(item, info)
        if wanted:
            where = (*path, op, i) if op in ("in", "not_in") else (*path, op)
            guess = closest(str(item), list(info.values)) if info.values else None
            hint = msg("says.did_you_mean", guess=guess) if guess else None
            if isinstance(item, str) and info.type in ("int", "number") and _is_number(item):
                hint = msg("hint.value-type.unquote", value=item.strip())
            elif isinstance(item, str) and info.type == "date":
                iso = iso_date(item)
                hint = msg("hint.value-type.date_iso", iso=iso) if iso else msg("hint.value-type.date")
            elif isinstance(item, str) and info.type == "bool" and item.lower() in ("ja", "nee", "yes", "no"):
                hint = msg("hint.value-type.boolean")
            yield located.problem(where, "value-type", msg("problem.value-type", value=shorten(repr(item)), fact=fact),
                                  expected=wanted, hint=hint)
        elif isinstance(item, int) and not isinstance(item, bool) and abs(item) > MAX_EXACT_INT:
            where = (*path, op, i) if op in ("in", "not_in") else (*path, op)
            yield located.problem(where, "number-range", msg("problem.number-range", value=shorten(str(item))),
                                  expected=msg("expected.number-range", most=MAX_EXACT_INT),
                                  hint=msg("hint.number-range"))


def _conclusion_problems(located: Located, rule: Any, path: tuple[PathElement, ...],
                         vocab: Vocabulary) -> Iterable[Problem]:
    name, value = rule.then.entry
    if name != rule.kind and not (rule.kind == "derive" and name == "derive"):
        yield located.problem((*path, "then"), "kind-mismatch",
                              msg("problem.kind-mismatch", kind=rule.kind, conclusion=name),
                              expected=f"then: {{{rule.kind}: ...}}", hint=msg("hint.kind-mismatch"))
    if rule.subject not in _KIND_SUBJECTS[rule.kind]:
        yield located.problem((*path, "subject"), "subject-kind",
                              msg("problem.subject-kind", kind=rule.kind, subject=rule.subject),
                              expected=msg("says.one_of", options=_KIND_SUBJECTS[rule.kind]))

    def check(value: str, list_name: str, where: tuple[PathElement, ...]) -> Iterable[Problem]:
        options = vocab.values(list_name)
        if value not in options:
            guess = closest(value, options)
            yield located.problem((*path, "then", name, *where), "unknown-identifier",
                                  msg("problem.unknown-identifier", value=f"'{value}'",
                                      kind=msg(f"says.list.{list_name}")),
                                  expected=msg("says.one_of", options=options),
                                  hint=msg("says.did_you_mean", guess=guess) if guess else None)

    if name == "regime":
        yield from check(value.law, "laws", ("law",))
    elif name == "collision":
        for i, law in enumerate(value.laws):
            yield from check(law, "laws", ("laws", i))
    elif name == "timeout":
        yield from check(value.instrument, "timeout_instruments", ("instrument",))
        yield from check(value.via, "actors", ("via",))
        for i, creditor in enumerate(value.creditors):
            yield from check(creditor, "creditors", ("creditors", i))
    elif name == "deadline":
        yield from check(value.deadline, "deadlines", ("deadline",))
        yield from check(value.actor, "actors", ("actor",))
    elif name == "leeway":
        yield from check(value.basis, "leeway_bases", ("basis",))
        if value.target == "collision" and value.collision_kind is None:
            yield located.problem((*path, "then", "leeway"), "missing-field",
                                  msg("problem.missing-field.collision_kind"))
        if value.target in ("need", "collision") and rule.subject != "need":
            yield located.problem((*path, "then", "leeway", "target"), "leeway-target",
                                  msg("problem.leeway-target", subject=rule.subject, target=value.target),
                                  expected=msg("expected.leeway-target"))
    elif name == "notice":
        yield from check(value.notice, "notices", ("notice",))
        for i, creditor in enumerate(value.creditors):
            yield from check(creditor, "creditors", ("creditors", i))


def partial_rule_problems(located: Located, shape: list[Problem], vocab: Vocabulary) -> list[Problem]:
    """Checks of a rule file that failed its shape check, so one run still reports everything.

    Rules without shape problems get every check; the others get the condition checks their raw data allows.
    """
    problems: list[Problem] = []
    rules = located.data.get("rules") if isinstance(located.data, dict) else None
    broken = {p.path[1] for p in shape if len(p.path) > 1 and p.path[0] == "rules"}
    for i, raw in enumerate(rules if isinstance(rules, list) else []):
        if not isinstance(raw, dict):
            continue
        if i not in broken:
            try:
                rule = Rule.model_validate(raw)
            except ValidationError:
                pass
            else:
                problems.extend(_rule_problems(located, rule, raw, ("rules", i), vocab, None))
                continue
        if raw.get("subject") in ("case", "need", "debt"):
            problems.extend(_condition_problems(located, raw.get("when"), ("rules", i, "when"), raw["subject"],
                                                vocab, None))
    return problems


def rule_file_problems(located: Located, parsed: RuleFile, vocab: Vocabulary,
                       derived: set[tuple[str, str]] | None) -> list[Problem]:
    problems: list[Problem] = []
    for i, rule in enumerate(parsed.rules):
        problems.extend(_rule_problems(located, rule, located.data["rules"][i], ("rules", i), vocab, derived))
    return problems


def _rule_problems(located: Located, rule: Rule, raw: Any, base: tuple[PathElement, ...], vocab: Vocabulary,
                   derived: set[tuple[str, str]] | None) -> list[Problem]:
    problems: list[Problem] = []
    if rule.technical and rule.kind != "derive":
        problems.append(located.problem((*base, "technical"), "technical-kind",
                                        msg("problem.technical-kind", kind=rule.kind),
                                        hint=msg("hint.technical-kind")))
    if not rule.sources and not rule.technical:
        problems.append(located.problem((*base, "sources"), "missing-source", msg("problem.missing-source"),
                                        expected=msg("expected.missing-source"), hint=msg("hint.missing-source")))
    if rule.technical and rule.sources:
        problems.append(located.problem((*base, "sources"), "technical-sources", msg("problem.technical-sources"),
                                        hint=msg("hint.technical-sources")))
    for j, source in enumerate(rule.sources):
        problems.extend(source_problems(located, source, (*base, "sources", j), vocab))
    if rule.valid_to is not None and rule.valid_to < rule.valid_from:
        problems.append(located.problem((*base, "valid_to"), "validity",
                                        msg("problem.validity", valid_to=rule.valid_to, valid_from=rule.valid_from),
                                        hint=msg("hint.validity")))
    problems.extend(_condition_problems(located, raw.get("when"), (*base, "when"), rule.subject, vocab, derived))
    problems.extend(_conclusion_problems(located, rule, base, vocab))
    return problems


def _overlaps(a: CompiledRule, b: CompiledRule) -> bool:
    a_end = a.valid_to or "9999-12-31"
    b_end = b.valid_to or "9999-12-31"
    return a.valid_from <= b_end and b.valid_from <= a_end


def conflict_problems(rules: list[CompiledRule]) -> list[Problem]:
    groups: dict[tuple[str, str, str], list[CompiledRule]] = {}
    for rule in rules:
        key = (rule.subject, rule.kind, json.dumps(node_json(rule.condition), sort_keys=True, default=str))
        groups.setdefault(key, []).append(rule)
    problems = []
    for group in groups.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if _contradicts(a, b) and _overlaps(a, b):
                    problems.append(Problem.from_text(b.file, b.line, b.column, "contradicting-rules",
                                                      msg("problem.contradicting-rules", rule=b.id, other=a.id,
                                                   where=f"{a.file}:{a.line}"), ("rules", b.index),
                                                      hint=msg("hint.contradicting-rules")))
    return problems


def _contradicts(a: CompiledRule, b: CompiledRule) -> bool:
    (name_a, value_a), (name_b, value_b) = a.conclusion, b.conclusion
    if name_a != name_b:
        return False
    if name_a == "regime":
        return bool(value_a.law == value_b.law and value_a.status != value_b.status)
    if name_a == "escalation":
        return bool(value_a.next_step != value_b.next_step)
    return False
