"""Points of attention: what a professional must act on or verify (a check of the beslagvrije voet, a decision to
take before an 18th birthday). A notice changes no regime; it must reach the reader, not only the trace.

One notice per rule and need (for the household and its debts: per rule), each with its own explanation, its own
conditions in the order the rule writes them, and the creditors of the debts that rule fired for. Two rules with the
same notice id (the beslagvrije voet after a beslag, and after a verrekening by the UWV) are two notices: each says
what it says only about the debts it concerns."""

from __future__ import annotations

from ..evaluate import Evaluation, Subject
from ..model import CompiledRule, Notice, Text
from ._sources import Citer, explanation
from ._template import fill


def notices(ev: Evaluation, cite: Citer) -> list[Notice]:
    grouped: dict[tuple[str, str | None, str], list[tuple[CompiledRule, Subject]]] = {}
    for rule, subject in ev.fired("notice"):
        need = subject.id if subject.kind == "need" else None
        grouped.setdefault((rule.conclusion[1].notice, need, rule.id), []).append((rule, subject))
    debts = {d.id: d for d in ev.case.debts or []}
    out = []
    for (notice, need, rule_id), items in grouped.items():
        rule = items[0][0]
        conclusion = rule.conclusion[1]
        creditors: set[str] = set(conclusion.creditors)
        debt_ids = sorted({s.id for _, s in items if s.kind == "debt"})
        for _, subject in items:
            if subject.kind == "debt":
                creditors.add(debts[subject.id].creditor)
        conditions: dict[str, Text] = {}
        for text in conclusion.conditions:
            conditions.setdefault(text.nl, Text(nl=text.nl, en=text.en))
        debt = debt_ids[0] if len(debt_ids) == 1 else None
        out.append(Notice(id=f"{need or debt or 'huishouden'}/{notice}/{rule_id}", notice=notice, need=need,
                          debt=debt, creditors=sorted(creditors), explanation=fill(explanation(rule), ev, items[0][1]),
                          conditions=list(conditions.values()), rules=[rule_id],
                          citations=cite.rules([rule], ev.day)))
    # Per need, then the household's; within them the same kind of notice together, rule by rule.
    return sorted(out, key=lambda n: (n.need is None, n.need or "", n.notice, n.rules[0], n.id))
