"""Per need: which regimes apply, are excluded or undetermined, and who is responsible (through precedence)."""

from __future__ import annotations

from collections.abc import Iterable

from ..evaluate import Evaluation, regime_status
from ..model import Collision, CompiledRule, Need, NeedAdvice, Outcome, Regime, RegimeStatus, Responsible, Source
from ._responsibility import ResponsibilityGraph, Situation
from ._sources import Citer


def situation(ev: Evaluation, need: Need) -> Situation:
    """What the graph's edge qualifiers are matched against for this need."""
    member = ev.case.member(need.member)
    conditions = frozenset(member.conditions) if member.conditions is not None else None
    return Situation(need.provision, need.context, conditions, ev.case.reference_date)


def regimes(ev: Evaluation, need: Need, cite: Citer) -> list[Regime]:
    key = f"need:{need.id}"
    by_law: dict[str, dict[tuple[str, Outcome], list[CompiledRule]]] = {}
    outcomes = ev.outcomes
    for rule in ev.need_regime_rules:
        outcome = outcomes.get((rule.id, key), "not_fired")
        if outcome == "not_fired":
            continue
        conclusion = rule.conclusion[1]
        by_law.setdefault(conclusion.law, {}).setdefault((conclusion.status, outcome), []).append(rule)
    out = []
    for law in sorted(by_law):
        found = by_law[law]
        status = regime_status(found)
        if status is None:
            continue
        used = sorted((rule for key in _RULES_SHOWN[status] for rule in found.get(key, ())), key=lambda r: r.id)
        out.append(Regime(law=law, status=status, rules=[r.id for r in used], citations=cite.rules(used, ev.day)))
    return out


# Which rules an advice shows behind each status: those that decided it, and for "undetermined" also the
# undetermined ones whose missing facts could still decide it.
_RULES_SHOWN: dict[RegimeStatus, tuple[tuple[str, Outcome], ...]] = {
    "excluded": (("excluded", "fired"),),
    "applies": (("applies", "fired"),),
    "undetermined": (("applies", "fired"), ("applies", "undetermined"), ("excluded", "undetermined")),
}


def need_advice(ev: Evaluation, need: Need, collisions: list[Collision], graph: ResponsibilityGraph,
                cite: Citer) -> NeedAdvice:
    found = regimes(ev, need, cite)
    return NeedAdvice(
        need=need.id, member=need.member, provision=need.provision, context=need.context,
        regimes=found, responsible=responsible(ev, need, found, graph, cite),
        collisions=sorted(c.id for c in collisions if c.need == need.id),
    )


def responsible(ev: Evaluation, need: Need, found: list[Regime], graph: ResponsibilityGraph,
                cite: Citer) -> Responsible | None:
    """The one regime that applies and that no other applying regime goes before, with who executes and pays;
    None when no regime, or more than one, is left."""
    applying = [r.law for r in found if r.status == "applies"]
    top = [law for law in applying
           if not any(graph.precedence(other, law, need.provision, ev.case.reference_date)
                      for other in applying if other != law)]
    if len(top) != 1:
        return None
    law = top[0]
    where = situation(ev, need)
    executes = graph.executor(law, where)
    finances = graph.financier(law, where)
    sources: list[Source] = [s for r in found if r.law == law for s in rule_sources(ev, r.rules)]
    for edge in (executes, finances):
        if edge is not None:
            sources.extend(edge.sources)
    for other in applying:
        edge = graph.precedence(law, other, need.provision, ev.case.reference_date)
        if edge is not None:
            sources.extend(edge.sources)
    return Responsible(law=law, executor=executes.from_ if executes else None,
                       financier=finances.from_ if finances else None,
                       citations=cite.sources(sources, ev.day))


def rule_sources(ev: Evaluation, rule_ids: Iterable[str]) -> list[Source]:
    wanted = set(rule_ids)
    return [s for r in ev.rules if r.id in wanted for s in r.rule.sources]
