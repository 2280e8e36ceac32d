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
from ..load import bundled_scenario_paths, expand, load_scenarios
from ..model import AllOf, AnyOf, Comparison, LoadedRule, NotOf, Rule, closest
from ..render import cite

_OP_WORDS = {"eq": "=", "ne": "≠", "lt": "<", "le": "≤", "gt": ">", "ge": "≥", "in": "is een van",
             "not_in": "is geen van", "contains": "bevat", "not_contains": "bevat niet"}


def condition_text(cond: Any, indent: int = 0) -> list[str]:
    """A condition as indented Dutch lines, one comparison per line."""
    pad = "  " * indent
    if isinstance(cond, AllOf):
        return [f"{pad}alle volgende:", *(line for c in cond.all for line in condition_text(c, indent + 1))]
    if isinstance(cond, AnyOf):
        return [f"{pad}ten minste één van:", *(line for c in cond.any for line in condition_text(c, indent + 1))]
    if isinstance(cond, NotOf):
        return [f"{pad}niet:", *condition_text(cond.not_, indent + 1)]
    assert isinstance(cond, Comparison)
    if cond.op == "exists":
        return [f"{pad}{cond.fact} is {'bekend' if cond.value else 'onbekend'}"]
    value = cond.value
    shown = ", ".join(map(_scalar, value)) if isinstance(value, list) else _scalar(value)
    return [f"{pad}{cond.fact} {_OP_WORDS[cond.op]} {shown}"]


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nee"
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


def coverage(engine: Engine, rule_id: str, scenario_paths: Sequence[str | Path]) -> Coverage:
    """Run the scenarios and record, per scenario, whether the rule fired for some subject."""
    result = Coverage()
    for path in expand(scenario_paths):
        try:
            loaded = load_scenarios(path)
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


def find_rule(engine: Engine, rule_id: str) -> LoadedRule:
    for loaded in engine.rulebase.rules:
        if loaded.rule.id == rule_id:
            return loaded
    known = [r.rule.id for r in engine.rulebase.rules]
    suggestion = closest(rule_id, known)
    hint = f"; did you mean '{suggestion}'?" if suggestion else ""
    raise KeyError(f"no rule with id '{rule_id}'{hint}")


def explain(engine: Engine, rule_id: str, scenario_paths: Sequence[str | Path] | None = None,
            lang: str = "nl") -> str:
    loaded = find_rule(engine, rule_id)
    rule: Rule = loaded.rule
    kind, conclusion = rule.then.entry
    shown = conclusion if isinstance(conclusion, str) else _flow(
        conclusion.model_dump(mode="json", exclude_defaults=True, by_alias=True))
    valid = f"{rule.valid_from.isoformat()} – {rule.valid_to.isoformat() if rule.valid_to else '…'}"
    lines = [f"{rule.id}: {rule.title}",
             f"  soort: {rule.kind}, voor: {rule.subject}, geldig: {valid}",
             f"  bestand: {loaded.file}:{loaded.line}", "", "Als:"]
    lines += condition_text(rule.when, 1)
    lines += ["", f"Dan: {kind} {shown}", "", "Uitleg:", f"  {getattr(rule.explanation, lang)}", "", "Bronnen:"]
    for c in citations(rule.sources, engine.vocabulary):  # links to the law in force today
        lines.append(f"  - {cite(c, 'nl' if lang == 'nl' else 'en')}" + (f"\n    {c.url}" if c.url else ""))
    for source in rule.sources:
        if source.note:
            lines.append(f"  noot: {source.note}")
    cover = coverage(engine, rule_id, scenario_paths if scenario_paths is not None else bundled_scenario_paths())
    lines += ["", "Scenario's:"]
    for label, items in (("geldt in", cover.fires_in), ("geldt niet in", cover.not_fired_in),
                         ("onbepaald in", cover.undetermined_in)):
        if items:
            lines.append(f"  {label} ({len(items)}):")
            lines += [f"    {item}" for item in items[:_LISTED]]
            if len(items) > _LISTED:
                lines.append(f"    … en {len(items) - _LISTED} meer")
    if not (cover.fires_in or cover.not_fired_in or cover.undetermined_in):
        lines.append("  geen scenario evalueert deze regel — schrijf er een (zie docs/rule-format.md)")
    return "\n".join(lines) + "\n"
