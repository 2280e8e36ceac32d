"""Time-outs per instrument and the party it is asked through (with the creditors each covers), and the deadlines
that run. One instrument can be asked through several parties on their own terms (a betalingsregeling with the
zorgverzekeraar, Toeslagen or the CJIB): each is listed once, with only its own conditions.

Order (docs/design.md, "Order in the advice"): time-outs by urgency — first what stops a threat that is already
there (an eviction or a cut-off), then the court and collective instruments, then the pauses and plans per creditor —
and deadlines by length, the shortest first. Conditions keep the order the rule writes them in (the action first)."""

from __future__ import annotations

from ..evaluate import Evaluation, Subject
from ..model import CompiledRule, Deadline, Text, Timeout
from ._sources import Citer, explanation

# Urgency of the time-out instruments, most pressing first. Three groups: (1) against a threat that is already there
# — an eviction that has been served, a cut-off, the threatening situations of Fw 287b; (2) the court and collective
# instruments, which take a petition and protect against more creditors at once; (3) what is asked per creditor, the
# pauses before the plans. An instrument added to the vocabulary but not to this list comes after all of these, by
# name; tests/test_advice_order.py keeps the list complete.
URGENCY: tuple[str, ...] = (
    # 1. against a threat that is already there
    "executiegeschil", "smal_moratorium", "voorlopige_voorziening_wsnp", "afsluitbescherming_energie",
    "afsluitbescherming_water",
    # 2. court and collective
    "schuldsaneringsregeling", "breed_moratorium",
    # 3. per creditor: the pauses (the CJIB noodstop can be asked by the household itself, today), then the plans
    "cjib_noodstop", "stabilisatie_zvw", "pauzeknop", "stabilisatie", "vish", "betalingsregeling", "aflospauze",
)
_RANK = {instrument: i for i, instrument in enumerate(URGENCY)}

# Deadlines compare by their length in calendar days (a week of five working days is seven days).
_DAYS_PER_UNIT = {"werkdagen": 7 / 5, "dagen": 1.0, "weken": 7.0, "maanden": 365 / 12}


def urgency(instrument: str, via: str) -> tuple[int, str, str]:
    """The sort key of a time-out: its rank in URGENCY (unknown instruments last, by name), then the party."""
    return (_RANK.get(instrument, len(URGENCY)), instrument, via)


def timeouts(ev: Evaluation, cite: Citer) -> list[Timeout]:
    grouped: dict[tuple[str, str], list[tuple[CompiledRule, Subject]]] = {}
    for rule, subject in ev.fired("timeout"):
        conclusion = rule.conclusion[1]
        grouped.setdefault((conclusion.instrument, conclusion.via), []).append((rule, subject))
    debts = {d.id: d for d in ev.case.debts or []}
    out = []
    for instrument, via in sorted(grouped, key=lambda key: urgency(*key)):
        items = sorted(grouped[instrument, via], key=lambda rs: (rs[0].id, rs[1].key))
        creditors: set[str] = set()
        # The rule's own order: the action first, then its limits. Several rules for one instrument and party: rule by
        # rule (in id order), a text that an earlier rule already gave is not repeated.
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
            conditions=list(conditions.values()), rules=[r.id for r in rules],
            citations=cite.rules(rules, ev.day)))
    return out


def deadline_days(amount: int, unit: str) -> float:
    """A deadline's length in calendar days, to put the shortest first."""
    return amount * _DAYS_PER_UNIT.get(unit, 1.0)


def deadlines(ev: Evaluation, cite: Citer) -> list[Deadline]:
    out = []
    for rule, _ in ev.fired("deadline"):
        c = rule.conclusion[1]
        out.append(Deadline(deadline=c.deadline, amount=c.amount, unit=c.unit, actor=c.actor,
                            explanation=explanation(rule), rules=[rule.id], citations=cite.rules([rule], ev.day)))
    return sorted(out, key=lambda d: (deadline_days(d.amount, d.unit), d.deadline, d.rules))
