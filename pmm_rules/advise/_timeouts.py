"""Time-outs per instrument and the party it is asked through (with the creditors each covers), and the deadlines
that run. One instrument can be asked through several parties on their own terms (a betalingsregeling with the
zorgverzekeraar, Toeslagen or the CJIB): each is listed once, with only its own conditions."""

from __future__ import annotations

from ..evaluate import Evaluation, Subject
from ..model import CompiledRule, Deadline, Text, Timeout
from ._sources import Citer, explanation


def timeouts(ev: Evaluation, cite: Citer) -> list[Timeout]:
    grouped: dict[tuple[str, str], list[tuple[CompiledRule, Subject]]] = {}
    for rule, subject in ev.fired("timeout"):
        conclusion = rule.conclusion[1]
        grouped.setdefault((conclusion.instrument, conclusion.via), []).append((rule, subject))
    debts = {d.id: d for d in ev.case.debts or []}
    out = []
    for instrument, via in sorted(grouped):
        items = sorted(grouped[instrument, via], key=lambda rs: (rs[0].id, rs[1].key))
        creditors: set[str] = set()
        conditions: dict[str, Text] = {}
        for rule, subject in items:
            conclusion = rule.conclusion[1]
            creditors.update(conclusion.creditors)
            if conclusion.creditors_from == "creditors_refusing":
                creditors.update(ev.case.creditors_refusing or ())
            if subject.kind == "debt":
                creditors.add(debts[subject.id].creditor)
            for text in conclusion.conditions:
                conditions.setdefault(text.nl, Text(nl=text.nl, en=text.en))
        conclusions = [rule.conclusion[1] for rule, _ in items]
        rules = sorted({rule.id: rule for rule, _ in items}.values(), key=lambda r: r.id)
        out.append(Timeout(
            instrument=instrument, creditors=sorted(creditors),
            all_creditors=any(c.all_creditors for c in conclusions), via=via,
            max_months=max((c.max_months for c in conclusions if c.max_months), default=None),
            extension_months=max((c.extension_months for c in conclusions if c.extension_months), default=None),
            conditions=[conditions[k] for k in sorted(conditions)], rules=[r.id for r in rules],
            citations=cite.rules(rules, ev.day)))
    return out


def deadlines(ev: Evaluation, cite: Citer) -> list[Deadline]:
    out = []
    for rule, _ in ev.fired("deadline"):
        c = rule.conclusion[1]
        out.append(Deadline(deadline=c.deadline, amount=c.amount, unit=c.unit, actor=c.actor,
                            explanation=explanation(rule), rules=[rule.id], citations=cite.rules([rule], ev.day)))
    return sorted(out, key=lambda d: (d.deadline, d.rules))
