"""Points of attention: what a professional must act on or verify (a check of the beslagvrije voet, a decision to
take before an 18th birthday). A notice changes no regime; it must reach the reader, not only the trace."""

from __future__ import annotations

from ..evaluate import Evaluation, Subject
from ..model import CompiledRule, Notice, Text
from ._sources import Citer, explanation
from ._template import fill


def notices(ev: Evaluation, cite: Citer) -> list[Notice]:
    """One notice per notice id and need; for the household and its debts one per notice id, with the creditors
    of every debt it concerns."""
    grouped: dict[tuple[str, str | None], list[tuple[CompiledRule, Subject]]] = {}
    for rule, subject in ev.fired("notice"):
        need = subject.id if subject.kind == "need" else None
        grouped.setdefault((rule.conclusion[1].notice, need), []).append((rule, subject))
    debts = {d.id: d for d in ev.case.debts or []}
    out = []
    for (notice, need), items in grouped.items():
        rules = sorted({rule.id: rule for rule, _ in items}.values(), key=lambda r: r.id)
        creditors: set[str] = set()
        conditions: dict[str, Text] = {}
        debt_ids = sorted({s.id for _, s in items if s.kind == "debt"})
        for rule, subject in items:
            conclusion = rule.conclusion[1]
            creditors.update(conclusion.creditors)
            if subject.kind == "debt":
                creditors.add(debts[subject.id].creditor)
            for text in conclusion.conditions:
                conditions.setdefault(text.nl, Text(nl=text.nl, en=text.en))
        out.append(Notice(id=f"{need or 'huishouden'}/{notice}", notice=notice, need=need,
                          debt=debt_ids[0] if len(debt_ids) == 1 else None, creditors=sorted(creditors),
                          explanation=fill(explanation(rules[0]), ev, items[0][1]),
                          conditions=[conditions[k] for k in sorted(conditions)],
                          rules=[r.id for r in rules], citations=cite.rules(rules, ev.day)))
    return sorted(out, key=lambda n: n.id)
