"""Running scenarios: each scenario's case through the engine, its expectations against the advice.

Failure messages are for the jurists who write scenarios, in Dutch by default: what was expected, what came
out, and which rules were involved.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..labels import Lang, label
from ..load import LoadedScenario
from ..model import Advice, Scenario
from ..render import visible_text

_UNSET = "__unset__"


@dataclass(frozen=True)
class Said:
    """A description instead of a value (`a need with this id`), written in the reader's language."""

    key: str
    values: tuple[tuple[str, Any], ...] = ()

    def render(self, lang: Lang) -> str:
        return label(self.key, lang, **dict(self.values))


@dataclass(frozen=True)
class Mismatch:
    """One way the advice differs from a scenario: where, what was expected and what came out."""

    where: str
    expected: Any
    actual: Any
    rules: tuple[str, ...] = ()
    relation: str | None = None  # contains, excludes or equals (list matchers), unknown_rule

    def render(self, lang: Lang = "nl") -> str:
        where = f"{self.where} {label(f'scenario.{self.relation}', lang)}" if self.relation else self.where
        said = label("scenario.expected", lang, expected=_show(self.expected, lang), actual=_show(self.actual, lang))
        text = f"  {where}: {said}"
        if self.rules:
            text += f"\n    {label('scenario.rules_involved', lang)}: {', '.join(self.rules)}"
        return text


def _show(value: Any, lang: Lang) -> str:
    if isinstance(value, Said):
        return value.render(lang)
    if isinstance(value, (list, tuple, set, frozenset)):
        return "[" + ", ".join(str(v) for v in sorted(value, key=str)) + "]"
    return "null" if value is None else str(value)


def _match_list(where: str, matcher: Any, actual: list[str], rules: Iterable[str] = ()) -> list[Mismatch]:
    rules_t = tuple(sorted(set(rules)))
    if matcher is None:
        return []
    if isinstance(matcher, dict) and set(matcher) <= {"contains", "excludes", "equals"}:
        out = []
        missing = [item for item in matcher.get("contains", []) if item not in actual]
        if missing:
            out.append(Mismatch(where, missing, actual, rules_t, "contains"))
        present = [item for item in matcher.get("excludes", []) if item in actual]
        if present:
            out.append(Mismatch(where, present, actual, rules_t, "excludes"))
        if "equals" in matcher and sorted(map(str, matcher["equals"])) != sorted(map(str, actual)):
            out.append(Mismatch(where, matcher["equals"], actual, rules_t, "equals"))
        return out
    if isinstance(matcher, list):
        return [] if sorted(map(str, matcher)) == sorted(map(str, actual)) else \
            [Mismatch(where, matcher, actual, rules_t, "equals")]
    return [Mismatch(where, Said("scenario.list_matcher", (("matcher", repr(matcher)),)), actual)]


def _merged(entries: list[Any], key: str) -> Any:
    """One term of a time-out listed once per party it is asked through: the longest duration, any all_creditors."""
    values = [getattr(t, key) for t in entries]
    if len(values) == 1:
        return values[0]
    if key == "all_creditors":
        return any(values)
    if key in ("max_months", "extension_months"):
        return max((v for v in values if v is not None), default=None)
    return values[0]


def _match_value(where: str, expected: Any, actual: Any, rules: Iterable[str] = ()) -> list[Mismatch]:
    if isinstance(expected, dict) and isinstance(actual, dict):
        out = []
        for key, value in expected.items():
            out.extend(_match_value(f"{where}.{key}", value, actual.get(key), rules))
        return out
    if isinstance(expected, dict) and set(expected) <= {"contains", "excludes", "equals"} and isinstance(actual, list):
        return _match_list(where, expected, actual, rules)
    if expected != actual and not (isinstance(expected, (int, float)) and expected == actual):
        return [Mismatch(where, expected, actual, tuple(sorted(set(rules))))]
    return []


def check_scenario(expectation: Scenario, advice: Advice, known_rules: set[str]) -> list[Mismatch]:
    """Every way the advice differs from what the scenario expects (empty: the scenario passes)."""
    exp = expectation.expect
    out: list[Mismatch] = []
    kinds_by_id = {c.id: c.kind for c in advice.collisions}
    for need_id, need_exp in sorted((exp.needs or {}).items()):
        need = next((n for n in advice.needs if n.need == need_id), None)
        if need is None:
            out.append(Mismatch(f"needs.{need_id}", Said("scenario.a_need_with_this_id"),
                                [n.need for n in advice.needs]))
            continue
        for law, status in sorted((need_exp.regimes or {}).items()):
            regime = next((r for r in need.regimes if r.law == law), None)
            actual = regime.status if regime else "absent"
            if actual != status:
                rules = regime.rules if regime else ()
                out.append(Mismatch(f"needs.{need_id}.regimes.{law}", status, actual, tuple(rules)))
        if need_exp.responsible != _UNSET:
            actual_resp = need.responsible.model_dump(exclude={"citations"}) if need.responsible else None
            if need_exp.responsible is None or actual_resp is None:
                if need_exp.responsible != actual_resp:
                    out.append(Mismatch(f"needs.{need_id}.responsible", need_exp.responsible, actual_resp,
                                        tuple(r for reg in need.regimes for r in reg.rules)))
            else:
                out.extend(_match_value(f"needs.{need_id}.responsible", need_exp.responsible, actual_resp,
                                        [r for reg in need.regimes for r in reg.rules]))
        out.extend(_match_list(f"needs.{need_id}.collisions", need_exp.collisions,
                               [kinds_by_id[c] for c in need.collisions],
                               [c.rule for c in advice.collisions if c.need == need_id]))
        if need_exp.final_financier != _UNSET:
            final = need.final_financier
            out.extend(_match_value(f"needs.{need_id}.final_financier", need_exp.final_financier,
                                    final.financier if final else None, final.rules if final else ()))
        notices = {n.id: n.notice for n in advice.notices}
        out.extend(_match_list(f"needs.{need_id}.notices", need_exp.notices, [notices[n] for n in need.notices]))
        for law, matcher in sorted((need_exp.open or {}).items()):
            regime = next((r for r in need.regimes if r.law == law), None)
            items = [item.rule if item.kind == "decision" else item.path or "" for item in regime.open] \
                if regime else []
            out.extend(_match_list(f"needs.{need_id}.open.{law}", matcher, items, regime.rules if regime else ()))
    out.extend(_match_list("collisions", exp.collisions, [c.kind for c in advice.collisions],
                           [c.rule for c in advice.collisions]))
    if exp.escalation:
        wanted = exp.escalation.model_dump(exclude_defaults=True, exclude={"route", "first_actions"})
        actual_esc = advice.escalation.model_dump(exclude={"route", "reasons", "first_actions"})
        out.extend(_match_value("escalation", wanted, actual_esc, advice.escalation.rules))
        statuses = {step.step: step.status for step in advice.escalation.route}
        for step, step_status in sorted((exp.escalation.route or {}).items()):
            out.extend(_match_value(f"escalation.route.{step}", step_status, statuses.get(step),
                                    advice.escalation.rules))
        actions = [f"{a.actor}/{a.law}" if a.law else a.actor for a in advice.escalation.first_actions]
        actors = [a.actor for a in advice.escalation.first_actions]
        matcher = exp.escalation.first_actions
        named = [item for key in ("contains", "excludes", "equals") for item in matcher.get(key) or []] \
            if isinstance(matcher, dict) else list(matcher or [])
        out.extend(_match_list("escalation.first_actions", matcher,
                               actions if any("/" in str(n) for n in named) else actors))
    out.extend(_match_list("timeouts", exp.timeouts, sorted({t.instrument for t in advice.timeouts}),
                           [r for t in advice.timeouts for r in t.rules]))
    out.extend(_match_list("deadlines", exp.deadlines, [d.deadline for d in advice.deadlines],
                           [r for d in advice.deadlines for r in d.rules]))
    if exp.bridging:
        b = advice.bridging
        actual_b: dict[str, Any] = {"applicable": b.applicable, "instrument": b.instrument, "needs": b.needs,
                    "likely_financier": b.likely_financier, "candidates": [c.law for c in b.candidates]}
        for need_id, per in sorted((exp.bridging.per_need or {}).items()):
            ranking = next((n for n in b.per_need if n.need == need_id), None)
            if ranking is None:
                out.append(Mismatch(f"bridging.per_need.{need_id}", Said("scenario.a_need_with_this_id"),
                                    [n.need for n in b.per_need], tuple(b.rules)))
                continue
            if per.likely_financier != _UNSET:
                out.extend(_match_value(f"bridging.per_need.{need_id}.likely_financier", per.likely_financier,
                                        ranking.likely_financier, b.rules))
            out.extend(_match_list(f"bridging.per_need.{need_id}.candidates", per.candidates,
                                   [c.law for c in ranking.candidates], b.rules))
            for law, names in sorted((per.weights or {}).items()):
                candidate = next((c for c in ranking.candidates if c.law == law), None)
                out.extend(_match_list(f"bridging.per_need.{need_id}.weights.{law}", names,
                                       [w.name for w in candidate.weights] if candidate else [], b.rules))
        for key, value in sorted(exp.bridging.model_dump(exclude_defaults=True, exclude={"per_need"}).items()):
            if key in ("needs", "candidates"):
                out.extend(_match_list(f"bridging.{key}", value, actual_b[key], b.rules))
            else:
                out.extend(_match_value(f"bridging.{key}", value, actual_b.get(key, _UNSET), b.rules))
    out.extend(_match_list("leeway", exp.leeway, sorted({lw.basis for lw in advice.leeway}),
                           [r for lw in advice.leeway for r in lw.rules]))
    out.extend(_match_list("missing_facts", exp.missing_facts, [m.path for m in advice.missing_facts]))
    if exp.missing_facts_first is not None:
        first = [m.path for m in advice.missing_facts[:len(exp.missing_facts_first)]]
        out.extend(_match_value("missing_facts_first", exp.missing_facts_first, first))
    out.extend(_match_list("notices", exp.notices, sorted({n.notice for n in advice.notices}),
                           [r for n in advice.notices for r in n.rules]))
    for notice_id, terms in sorted((exp.notice_terms or {}).items()):
        given = [n for n in advice.notices if n.notice == notice_id]
        if not given:
            out.append(Mismatch(f"notice_terms.{notice_id}", Said("scenario.this_notice"), None))
            continue
        if terms.creditors is not None:
            out.extend(_match_list(f"notice_terms.{notice_id}.creditors", terms.creditors,
                                   sorted({c for n in given for c in n.creditors}),
                                   [r for n in given for r in n.rules]))
    out.extend(_match_list("warnings", exp.warnings, [w.code for w in advice.warnings]))
    for basis, matcher in sorted((exp.leeway_targets or {}).items()):
        chosen = [lw for lw in advice.leeway if lw.basis == basis]
        targets = sorted({lw.target.rsplit("/", 1)[0] for lw in chosen})
        out.extend(_match_list(f"leeway_targets.{basis}", matcher, targets, [r for lw in chosen for r in lw.rules]))
    deadlines = {d.deadline: d for d in advice.deadlines}
    for deadline_id, term in sorted((exp.deadline_terms or {}).items()):
        found = deadlines.get(deadline_id)
        actual_term = f"{found.amount} {found.unit}" if found else None
        out.extend(_match_value(f"deadline_terms.{deadline_id}", term, actual_term, found.rules if found else ()))
    for instrument, terms in sorted((exp.timeout_terms or {}).items()):
        entries = [t for t in advice.timeouts if t.instrument == instrument]
        if not entries:
            out.append(Mismatch(f"timeout_terms.{instrument}", Said("scenario.this_timeout"), None))
            continue
        rules = sorted({r for t in entries for r in t.rules})
        for key, value in sorted(terms.model_dump(exclude_none=True).items()):
            where = f"timeout_terms.{instrument}.{key}"
            if key == "creditors":
                out.extend(_match_list(where, value, sorted({c for t in entries for c in t.creditors}), rules))
            elif key == "via" and len(entries) > 1:
                # The same instrument asked through several parties: the scenario names one of them.
                vias = sorted({t.via for t in entries})
                out.extend([] if value in vias else [Mismatch(where, value, vias, tuple(rules))])
            else:
                out.extend(_match_value(where, value, _merged(entries, key), rules))
    by_outcome: dict[str, set[str]] = {"fired": set(), "undetermined": set()}
    for entry in advice.trace:
        if entry.outcome in by_outcome:
            by_outcome[entry.outcome].add(entry.rule)
    for section, matcher in (("fired", exp.fired), ("undetermined", exp.undetermined), ("not_fired", exp.not_fired)):
        if matcher is None:
            continue
        named = [*(matcher.get("contains", []) if isinstance(matcher, dict) else matcher or []),
                 *(matcher.get("excludes", []) if isinstance(matcher, dict) else [])]
        unknown = [r for r in named if r not in known_rules]
        if unknown:
            out.append(Mismatch(f"{section}:", Said("scenario.existing_rule_ids"), unknown,
                                relation="unknown_rule"))
        fired_or_not = known_rules - by_outcome["fired"] if section == "not_fired" else by_outcome[section]
        out.extend(_match_list(section, matcher, sorted(fired_or_not)))
    return out


@dataclass(frozen=True)
class Result:
    scenario: LoadedScenario
    mismatches: tuple[Mismatch, ...]
    advice: Advice

    @property
    def passed(self) -> bool:
        return not self.mismatches

    def render(self, verbose: bool = False, lang: Lang = "nl") -> str:
        head = f"{self.scenario.file}:{self.scenario.line}: {self.scenario.scenario.name}"
        if self.passed:
            return visible_text(f"{label('scenario.ok', lang)} {head}")
        lines = [f"{label('scenario.failed', lang)} {head}", *(m.render(lang) for m in self.mismatches)]
        if verbose:
            lines.append("    " + label("scenario.trace", lang))
            lines += [f"      {t.outcome:12} {t.rule} [{t.subject}]" for t in self.advice.trace
                      if t.outcome != "not_fired"]
        return visible_text("\n".join(lines))  # values from scenario and case files: shown, never acted on


def run_scenario(engine: Any, loaded: LoadedScenario) -> Result:
    advice = engine.advise(loaded.case, evaluated_at="scenario")
    known = {r.id for r in engine.rules}
    return Result(loaded, tuple(check_scenario(loaded.scenario, advice, known)), advice)
