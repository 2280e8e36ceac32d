"""Per need: which regimes apply, are excluded or undetermined (and what is still open), who is responsible now
(through precedence), and who is likely to pay in the end when an access decision is awaited."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from ..evaluate import Evaluation, Subject, regime_status
from ..labels import LANGUAGES, Named, both, label
from ..model import (
    Collision,
    CompiledRule,
    FinalFinancier,
    GraphEdge,
    Need,
    NeedAdvice,
    OpenItem,
    Outcome,
    Regime,
    RegimeStatus,
    Responsible,
    Source,
    Text,
)
from ._missing import Questions
from ._responsibility import ResponsibilityGraph, Situation
from ._sources import Citer, explanation

# Which rules an advice shows behind each status: those that decided it, and for "undetermined" also the
# undetermined ones whose missing facts, or the decisions they wait for, could still decide it.
_RULES_SHOWN: dict[RegimeStatus, tuple[tuple[str, Outcome], ...]] = {
    "excluded": (("excluded", "fired"),),
    "applies": (("applies", "fired"),),
    "undetermined": (("applies", "fired"), ("applies", "undetermined"), ("candidate", "fired"),
                     ("candidate", "undetermined"), ("excluded", "undetermined")),
}


@dataclass
class Finding:
    """One law's regime for one need, with the rules behind it by concluded status and outcome."""

    law: str
    status: RegimeStatus
    rules: dict[tuple[str, Outcome], list[CompiledRule]] = field(default_factory=dict)

    @property
    def candidate_rules(self) -> list[CompiledRule]:
        """Candidate rules that fired or are undetermined: the law may wait for a decision outside the facts."""
        return [*self.rules.get(("candidate", "fired"), []), *self.rules.get(("candidate", "undetermined"), [])]

    @property
    def waiting_rules(self) -> list[CompiledRule]:
        """Candidate rules that fired: the law does wait for a decision outside the facts. An undetermined candidate
        only says that facts are missing (is an application pending?); it names no decision and no final financier."""
        return list(self.rules.get(("candidate", "fired"), []))

    @property
    def shown(self) -> list[CompiledRule]:
        return sorted((r for key in _RULES_SHOWN[self.status] for r in self.rules.get(key, ())), key=lambda r: r.id)


def situation(ev: Evaluation, need: Need) -> Situation:
    """What the graph's edge qualifiers are matched against for this need. Without a context on the need, a member who
    lives in an institution (or receives Wlz care there) is in the context `instelling`. The need's own form of
    delivery (natura, pgb) goes before the member's Wlz form: a Wmo aid in kind for a Wlz-pgb client is paid in kind."""
    member = ev.case.member(need.member)
    conditions = frozenset(member.conditions) if member.conditions is not None else None
    form = need.delivery_form or member.wlz_delivery_form
    context = need.context
    if context is None and (member.in_institution or member.wlz_delivery_form == "instelling"):
        context = "instelling"
    return Situation(need.provision, context, conditions, ev.case.reference_date, form)


def findings(ev: Evaluation, need: Need) -> dict[str, Finding]:
    """The regime of every law some regime rule speaks about for this need (laws with no status left out)."""
    key = f"need:{need.id}"
    by_law: dict[str, dict[tuple[str, Outcome], list[CompiledRule]]] = {}
    for rule in ev.need_regime_rules:
        outcome = ev.outcomes.get((rule.id, key), "not_fired")
        if outcome != "not_fired":
            conclusion = rule.conclusion[1]
            by_law.setdefault(conclusion.law, {}).setdefault((conclusion.status, outcome), []).append(rule)
    out = {}
    for law in sorted(by_law):
        status = regime_status(by_law[law])
        if status is not None:
            out[law] = Finding(law, status, by_law[law])
    return out


def open_items(ev: Evaluation, subject: Subject, finding: Finding, questions: Questions) -> list[OpenItem]:
    """For an undetermined regime: the decisions it waits for, then the facts nobody gave."""
    if finding.status != "undetermined":
        return []
    items = [OpenItem(kind="decision", rule=rule.id, path=None, question=None, text=explanation(rule))
             for rule in sorted(finding.waiting_rules, key=lambda r: r.id)]
    asked: set[str] = set()
    for key in (("applies", "undetermined"), ("excluded", "undetermined"), ("candidate", "undetermined")):
        for rule in sorted(finding.rules.get(key, ()), key=lambda r: r.id):
            for path, where in questions.unknown(ev, rule, subject):
                if where not in asked:
                    asked.add(where)
                    items.append(OpenItem(kind="fact", rule=rule.id, path=where,
                                          question=questions.question(path, where), text=None))
    return items


def need_advice(ev: Evaluation, need: Need, collisions: list[Collision], graph: ResponsibilityGraph,
                cite: Citer, questions: Questions, notices: Iterable[str]) -> tuple[NeedAdvice, dict[str, Finding]]:
    found = findings(ev, need)
    subject = next(s for s in ev.subjects if s.key == f"need:{need.id}")
    regimes = [Regime(law=f.law, status=f.status, rules=[r.id for r in f.shown], citations=cite.rules(f.shown, ev.day),
                      open=open_items(ev, subject, f, questions)) for f in found.values()]
    now = responsible(ev, need, found, graph, cite)
    advice = NeedAdvice(
        need=need.id, member=need.member, provision=need.provision, context=need.context,
        regimes=regimes, responsible=now, collisions=sorted(c.id for c in collisions if c.need == need.id),
        final_financier=final_financier(ev, need, found, now, graph, cite), notices=sorted(notices),
    )
    return advice, found


def _interim_possible(finding: Finding, graph: ResponsibilityGraph) -> bool:
    """Whether a law with an open regime can be the party a professional goes to now: not while it waits for an
    access decision of its own (a candidate rule; or a law such as the Wlz, where only a decision gives access)."""
    node = graph.node(finding.law)
    return not finding.candidate_rules and not (node is not None and node.access_by_decision)


def _first(laws: list[str], need: Need, ev: Evaluation, graph: ResponsibilityGraph) -> list[str]:
    """The laws no other of them goes before, for this provision (and context) on the reference date."""
    context = situation(ev, need).context
    return [law for law in laws
            if not any(graph.precedence(other, law, need.provision, ev.case.reference_date, context)
                       for other in laws if other != law)]


def responsible(ev: Evaluation, need: Need, found: dict[str, Finding], graph: ResponsibilityGraph,
                cite: Citer) -> Responsible | None:
    """The one regime that applies and that no other applying regime goes before. Where none applies, the one
    open regime a professional can go to now (its own test still open), marked undetermined. Otherwise None."""
    applying = [law for law, f in found.items() if f.status == "applies"]
    open_now = [law for law, f in found.items() if f.status == "undetermined" and _interim_possible(f, graph)]
    top = _first(applying, need, ev, graph)
    status: Literal["applies", "undetermined"] = "applies"
    if not applying:
        top, status = _first(open_now, need, ev, graph), "undetermined"
    if len(top) != 1:
        return None
    law = top[0]
    day = ev.case.reference_date
    where = situation(ev, need)
    if status == "applies" and any((edge := graph.precedence(other, law, need.provision, day, where.context))
                                   is not None and edge.nature == "mandatory" for other in open_now):
        status = "undetermined"  # an open regime that must go first may still take over
    executes, finances, pays = graph.executor(law, where), graph.financier(law, where), graph.payer(law, where)
    sources: list[Source] = [s for r in found[law].shown for s in r.rule.sources]
    for edge in (executes, finances, pays):
        if edge is not None:
            sources.extend(edge.sources)
    for other in applying:
        edge = graph.precedence(law, other, need.provision, day, where.context)
        if edge is not None:
            sources.extend(edge.sources)
    return Responsible(law=law, executor=executes.from_ if executes else None,
                       financier=finances.from_ if finances else None, citations=cite.sources(sources, ev.day),
                       status=status, pays_out=pays.from_ if pays and pays.from_ != (finances and finances.from_)
                       else None)


def final_financier(ev: Evaluation, need: Need, found: dict[str, Finding], now: Responsible | None,
                    graph: ResponsibilityGraph, cite: Citer) -> FinalFinancier | None:
    """A law that waits for its access decision and then goes before the responsible one (or the only such law
    where nobody is responsible): it will likely pay in the end. None when the rules know no such law.

    A law with access only by decision (the Wlz) gives no right before that decision and pays nothing back for the
    waiting period, so while another law applies now, that law is also the final financier until the decision: the
    field, which holds one party, names nobody else (the rule explanations say who pays after it)."""
    waiting = [f for f in found.values() if f.status == "undetermined" and f.waiting_rules]
    day = ev.case.reference_date
    chosen: tuple[Finding, GraphEdge | None] | None = None
    if now is not None and now.status == "applies":
        waiting = [f for f in waiting if not ((node := graph.node(f.law)) is not None and node.access_by_decision)]
    if now is not None:
        before = [(f, edge) for f in waiting
                  if (edge := graph.precedence(f.law, now.law, need.provision, day, situation(ev, need).context))
                  is not None]
        chosen = before[0] if len(before) == 1 else None
    elif len(waiting) == 1:
        chosen = (waiting[0], None)
    if chosen is None:
        return None
    finding, edge = chosen
    rules = sorted(finding.waiting_rules, key=lambda r: r.id)
    reasons = [Text(**both("final.waits_for_decision", law=Named("law", finding.law)))]
    sources = [s for r in rules for s in r.rule.sources]
    if edge is not None and now is not None:
        nature = "bridging.mandatory" if edge.nature == "mandatory" else "bridging.discretionary"
        reasons.append(Text(**{lang: label("final.goes_before", lang, law=Named("law", finding.law),
                                           other=Named("law", now.law), nature=label(nature, lang))
                               for lang in LANGUAGES}))
        sources.extend(edge.sources)
    financier = graph.financier(finding.law, situation(ev, need))
    return FinalFinancier(law=finding.law, financier=financier.from_ if financier else None, reasons=reasons,
                          rules=[r.id for r in rules], citations=cite.sources(sources, ev.day))

