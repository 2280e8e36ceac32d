"""Explain one rule: what it says, the articles behind it (with links), and the scenarios that cover it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..advise import citations
from ..engine import Engine
from ..errors import InvalidInput
from ..labels import Lang, label, name, words
from ..load import bundled_scenario_paths, expand, load_scenarios
from ..model import AllOf, AnyOf, Comparison, LoadedRule, NotOf, Rule, closest
from ..render import cite, visible_text  # cite: "art. 3.1.1 lid 1 Wlz (waarschijnlijk)"


def condition_text(cond: Any, indent: int = 0, lang: Lang = "nl") -> list[str]:
    """A condition as indented lines (Dutch by default), one comparison per line."""
    pad = "  " * indent
    if isinstance(cond, AllOf):
        return [f"{pad}{label('explain.all', lang)}",
                *(line for c in cond.all for line in condition_text(c, indent + 1, lang))]
    if isinstance(cond, AnyOf):
        return [f"{pad}{label('explain.any', lang)}",
                *(line for c in cond.any for line in condition_text(c, indent + 1, lang))]
    if isinstance(cond, NotOf):
        return [f"{pad}{label('explain.not', lang)}", *condition_text(cond.not_, indent + 1, lang)]
    assert isinstance(cond, Comparison)
    if cond.op == "exists":
        return [f"{pad}{cond.fact} is {label('explain.known' if cond.value else 'explain.unknown', lang)}"]
    value = cond.value
    shown = (", ".join(_scalar(v, lang) for v in value) if isinstance(value, list) else _scalar(value, lang))
    return [f"{pad}{cond.fact} {label(f'explain.op.{cond.op}', lang)} {shown}"]


def _scalar(value: Any, lang: Lang = "nl") -> str:
    if isinstance(value, bool):
        return label("yes" if value else "no", lang)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


_LISTED = 12


def _flow(value: Any) -> str:
    """A conclusion as a YAML flow mapping, as a jurist wrote it: {law: wlz, status: applies}."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return _scalar(value)


@dataclass
class Coverage:
    fires_in: list[str] = field(default_factory=list)
    not_fired_in: list[str] = field(default_factory=list)
    undetermined_in: list[str] = field(default_factory=list)


def coverage(engine: Engine, rule_id: str, scenario_paths: Sequence[str | Path],
             roots: Sequence[Path] | None = None) -> Coverage:
    """Run the scenarios and record, per scenario, whether the rule fired for some subject."""
    result = Coverage()
    for path in expand(scenario_paths):
        try:
            loaded = load_scenarios(path, roots)
        except InvalidInput:
            continue  # `pmm-rules test` reports broken scenario files; explain only reads the good ones
        for scenario in loaded:
            outcomes = {t.outcome for t in engine.advise(scenario.case, evaluated_at="explain").trace
                        if t.rule == rule_id}
            target = (result.fires_in if "fired" in outcomes else
                      result.undetermined_in if "undetermined" in outcomes else
                      result.not_fired_in if outcomes else None)
            if target is not None:
                target.append(scenario.id)
    return result


def find_rule(engine: Engine, rule_id: str, lang: Lang = "en") -> LoadedRule:
    """The rule with this id; `KeyError` with a message (in `lang`) that suggests the closest id."""
    for loaded in engine.rulebase.rules:
        if loaded.rule.id == rule_id:
            return loaded
    known = [r.rule.id for r in engine.rulebase.rules]
    suggestion = closest(rule_id, known)
    hint = "; " + label("says.did_you_mean", lang, guess=suggestion) if suggestion else ""
    raise KeyError(label("explain.no_rule", lang, rule_id=rule_id) + hint)


def explain(engine: Engine, rule_id: str, scenario_paths: Sequence[str | Path] | None = None,
            lang: Lang = "nl", roots: Sequence[Path] | None = None) -> str:
    loaded = find_rule(engine, rule_id, lang)
    rule: Rule = loaded.rule
    kind, conclusion = rule.then.entry
    shown = conclusion if isinstance(conclusion, str) else _flow(
        conclusion.model_dump(mode="json", exclude_defaults=True, by_alias=True))
    valid = f"{rule.valid_from.isoformat()} – {rule.valid_to.isoformat() if rule.valid_to else '…'}"
    w = words(lang)
    lines = [f"{rule.id}: {rule.title}",
             f"  {w['explain.kind']}: {name('rule_kind', rule.kind, lang)}, "
             f"{w['explain.subject']}: {name('subject', rule.subject, lang)}, "
             f"{w['explain.valid']}: {valid}",
             f"  {w['explain.file']}: {loaded.file}:{loaded.line}", "", w["explain.when"]]
    lines += condition_text(rule.when, 1, lang)
    lines += ["", f"{w['explain.then']} {kind} {shown}", "", w["explain.explanation"],
              f"  {getattr(rule.explanation, lang)}", "", w["explain.sources"]]
    for c in citations(rule.sources, engine.vocabulary):  # links to the law in force today
        lines.append(f"  - {cite(c, lang)}" + (f"\n    {c.url}" if c.url else ""))
    for source in rule.sources:
        if source.note:
            lines.append(f"  {w['explain.note']}: {source.note}")
    if scenario_paths is None:  # the bundled scenarios read the cases shipped beside them, wherever installed
        scenario_paths = bundled_scenario_paths()
        roots = sorted({Path(p).parent for p in scenario_paths})
    cover = coverage(engine, rule_id, scenario_paths, roots)
    lines += ["", w["explain.scenarios"]]
    for key, items in (("explain.fires_in", cover.fires_in), ("explain.not_fired_in", cover.not_fired_in),
                       ("explain.undetermined_in", cover.undetermined_in)):
        if items:
            lines.append(f"  {w[key]} ({len(items)}):")
            lines += [f"    {item}" for item in items[:_LISTED]]
            if len(items) > _LISTED:
                lines.append("    " + label("explain.more", lang, count=len(items) - _LISTED))
    if not (cover.fires_in or cover.not_fired_in or cover.undetermined_in):
        lines.append("  " + w["explain.no_scenario"])
    return visible_text("\n".join(lines) + "\n")  # rule text: control characters shown, not acted on
