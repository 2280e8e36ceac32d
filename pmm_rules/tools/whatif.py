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
from ..labels import Lang, label
from ..load import Located, PathError, from_data, parse_value, set_path, validate_case_data
from ..model import Advice
from ..render import visible_text


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

    def render(self, lang: Lang = "nl") -> str:
        settings = ", ".join(f"{p} = {_show(v, lang)}" for p, v in self.settings)
        lines = [label("whatif.question", lang, settings=settings)]
        if not self.changes and not self.started_firing and not self.stopped_firing:
            lines.append("  " + label("whatif.no_change", lang))
            return visible_text("\n".join(lines) + "\n")
        if self.changes:
            lines.append(label("whatif.changes", lang))
            for c in self.changes:
                lines.append(f"  {c.where}: {_show(c.before, lang)} → {_show(c.after, lang)}")
        if self.started_firing:
            lines.append(label("whatif.started", lang))
            lines += [f"  + {rule} ({subject})" for rule, subject in self.started_firing]
        if self.stopped_firing:
            lines.append(label("whatif.stopped", lang))
            lines += [f"  - {rule} ({subject})" for rule, subject in self.stopped_firing]
        return visible_text("\n".join(lines) + "\n")


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
    return compare_advice(before, after, settings)
