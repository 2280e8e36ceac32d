"""What-if: change facts of a case and show what changes in the advice, and which rules made it change.

The trainer's tool: one fact at a time, the room sees which rules start or stop firing and what that
does to responsibility, collisions, the route, time-outs, bridging and leeway.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..engine import Engine
from ..errors import InvalidInput, Problem, msg, shorten
from ..labels import Lang, label, name
from ..load import Located, PathError, from_data, parse_value, set_path, validate_case_data
from ..model import Advice
from ..render import Speaker, visible_text


@dataclass(frozen=True)
class Change:
    """One part of the advice that differs: where, before and after."""

    where: str
    before: Any
    after: Any


@dataclass
class WhatIf:
    before: Advice
    after: Advice
    settings: list[tuple[str, Any]]
    changes: list[Change] = field(default_factory=list)
    started_firing: list[tuple[str, str]] = field(default_factory=list)
    stopped_firing: list[tuple[str, str]] = field(default_factory=list)
    rule_titles: dict[str, str] = field(default_factory=dict)  # rule id → title, for the text people read

    def render(self, lang: Lang = "nl") -> str:
        """What changes, said in names a professional knows: needs, laws, steps, instruments, collisions; the rules
        by their titles."""
        settings = ", ".join(f"{p} = {_show(v, lang)}" for p, v in self.settings)
        lines = [label("whatif.question", lang, settings=settings)]
        if not self.changes and not self.started_firing and not self.stopped_firing:
            lines.append("  " + label("whatif.no_change", lang))
            return visible_text("\n".join(lines) + "\n")
        if self.changes:
            lines.append(label("whatif.changes", lang))
            said = _Said(self, lang)
            for c in self.changes:
                if isinstance(c.before, list) and isinstance(c.after, list) and c.before and c.after:
                    # a list that changed: what left it (−) and what came in (+), not both lists whole
                    gone = [said.value(c.where, v) for v in c.before if v not in c.after]
                    came = [said.value(c.where, v) for v in c.after if v not in c.before]
                    lines.append(f"  {said.where(c.where)}:")
                    lines += [f"    − {v}" for v in gone] + [f"    + {v}" for v in came]
                    continue
                lines.append(f"  {said.where(c.where)}: {said.value(c.where, c.before)} → "
                             f"{said.value(c.where, c.after)}")
        for key, fired, sign in (("whatif.started", self.started_firing, "+"),
                                 ("whatif.stopped", self.stopped_firing, "-")):
            if fired:
                said = _Said(self, lang)
                lines.append(label(key, lang))
                # the id too: `pmm-rules explain <id>` shows the rule itself
                lines += [f"  {sign} {self.rule_titles.get(rule, rule)} — {said.subject(subject)} [{rule}]"
                          for rule, subject in fired]
        return visible_text("\n".join(lines) + "\n")


class _Said:
    """The parts of a what-if by their names, looked up in the advice before and after."""

    def __init__(self, result: WhatIf, lang: Lang) -> None:
        self.lang = lang
        self.before, self.after = Speaker(result.before, lang), Speaker(result.after, lang)

    def _either(self, say: str, ident: str) -> str:
        first = getattr(self.after, say)(ident)
        return first if first != ident else str(getattr(self.before, say)(ident))

    def subject(self, subject: str) -> str:
        kind, _, ident = subject.partition(":")
        if kind == "need":
            return self._either("need", ident)
        if kind == "debt":
            return label("notes.debt", self.lang, debt=ident)
        return label("notes.household", self.lang)

    def where(self, where: str) -> str:
        parts = where.split(".")
        if parts[0] == "needs" and len(parts) >= 3:
            need = self._either("need", parts[1])
            if parts[2] == "regimes" and len(parts) > 3:
                return f"{need}: {name('law', '.'.join(parts[3:]), self.lang)}"
            return f"{need}: {label('page.where.' + parts[2], self.lang)}"
        key = f"page.where.{where}"
        return label(key, self.lang) if key in _WHERE else where

    def value(self, where: str, value: Any) -> str:
        if value is None or value == [] or isinstance(value, bool):
            return _show(value, self.lang)
        if isinstance(value, list):
            return ", ".join(self.value(where, v) for v in value)
        parts = where.split(".")
        if parts[0] == "needs" and len(parts) >= 3:
            if parts[2] == "regimes":
                return name("status", str(value), self.lang)
            if parts[2] == "responsible":
                for speaker in (self.after, self.before):
                    need = speaker.needs.get(parts[1])
                    if need is not None and need.responsible is not None and value.startswith(need.responsible.law):
                        return speaker._responsible(need)
                return str(value)
            if parts[2] == "collisions":
                return self._either("target", str(value))
        kinds = {"escalation.current_step": "step", "escalation.next_step": "step", "timeouts": "instrument",
                 "deadlines": "deadline"}
        if where in kinds:
            return name(kinds[where], str(value), self.lang)
        if where == "bridging.likely_financier":
            return name("actor", str(value), self.lang)
        if where == "collisions":
            return self._either("target", str(value))
        if where == "leeway":
            basis, _, target = str(value).partition(" → ")
            return f"{name('basis', basis, self.lang)} → {self._either('target', target)}"
        if where == "missing_facts":
            for advice in (self.after.advice, self.before.advice):
                found = next((m for m in advice.missing_facts if m.path == value), None)
                if found is not None:
                    return str(getattr(found.question, self.lang))
        return str(value)


_WHERE = {f"page.where.{key}" for key in (
    "collisions", "escalation.current_step", "escalation.next_step", "timeouts", "deadlines", "bridging.applicable",
    "bridging.likely_financier", "leeway", "missing_facts", "notices")}


def _show(value: Any, lang: Lang) -> str:
    if value is None or value == []:
        return label("nothing", lang)
    if isinstance(value, bool):
        return label("yes" if value else "no", lang)
    if isinstance(value, list):
        return "[" + ", ".join(_show(v, lang) for v in value) + "]"
    return str(value)


def _summary(advice: Advice) -> dict[str, Any]:
    """The parts of an advice a professional looks at, flattened to comparable values."""
    out: dict[str, Any] = {}
    for need in advice.needs:
        base = f"needs.{need.need}"
        for regime in need.regimes:
            out[f"{base}.regimes.{regime.law}"] = regime.status
        out[f"{base}.responsible"] = (
            None if need.responsible is None
            else f"{need.responsible.law} ({need.responsible.executor or '?'} / {need.responsible.financier or '?'})")
        out[f"{base}.collisions"] = sorted(need.collisions)
    out["collisions"] = sorted(c.id for c in advice.collisions)
    out["escalation.current_step"] = advice.escalation.current_step
    out["escalation.next_step"] = advice.escalation.next_step
    out["timeouts"] = sorted({t.instrument for t in advice.timeouts})
    out["deadlines"] = sorted(d.deadline for d in advice.deadlines)
    out["bridging.applicable"] = advice.bridging.applicable
    out["bridging.likely_financier"] = advice.bridging.likely_financier
    out["leeway"] = sorted(f"{lw.basis} → {lw.target}" for lw in advice.leeway)
    out["missing_facts"] = sorted(m.path for m in advice.missing_facts)
    return out


def compare_advice(before: Advice, after: Advice, settings: Sequence[tuple[str, Any]] = ()) -> WhatIf:
    """What differs between two advices on (versions of) the same case."""
    a, b = _summary(before), _summary(after)
    changes = [Change(key, a.get(key), b.get(key)) for key in sorted(a.keys() | b.keys()) if a.get(key) != b.get(key)]
    fired_before = {(t.rule, t.subject) for t in before.trace if t.outcome == "fired"}
    fired_after = {(t.rule, t.subject) for t in after.trace if t.outcome == "fired"}
    return WhatIf(before, after, list(settings), changes,
                  started_firing=sorted(fired_after - fired_before),
                  stopped_firing=sorted(fired_before - fired_after))


def parse_setting(text: str) -> tuple[str, Any]:
    """`members.kind.birth_date=2008-05-01` → (path, value); the value is read as YAML."""
    path, sep, raw = text.partition("=")
    if not sep or not path.strip():
        raise ValueError(f"--set expects PATH=VALUE, got {text!r} (for example members.kind.age=17)")
    return path.strip(), parse_value(raw)


def what_if(engine: Engine, located: Located, settings: Sequence[tuple[str, Any]],
            *, evaluated_at: str | None = None) -> WhatIf:
    """Advise on the case in `located`, then on the case with `settings` applied, and compare."""
    case = validate_case_data(located)
    data = located.data
    for path, value in settings:
        try:
            data = set_path(data, path, value)
        except PathError as exc:
            raise InvalidInput([Problem.from_text(located.file, 1, 1, "bad-setting",
                                                  msg("problem.bad-setting", path=shorten(path), why=exc.message))],
                               what="--set") from None
    changed = validate_case_data(from_data(data, f"{located.file} (with --set)"))
    before = engine.advise(case, evaluated_at=evaluated_at)
    after = engine.advise(changed, evaluated_at=evaluated_at)
    result = compare_advice(before, after, settings)
    result.rule_titles = {loaded.rule.id: loaded.rule.title for loaded in engine.rulebase.rules}
    return result
