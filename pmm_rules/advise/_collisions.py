"""Collisions: gaps, overlaps, deadlocks, transitions and pending decisions, one per rule that found one."""

from __future__ import annotations

from ..evaluate import Evaluation
from ..model import Collision
from ._sources import Citer, explanation
from ._template import fill


def collisions(ev: Evaluation, cite: Citer) -> list[Collision]:
    out = []
    for rule, subject in ev.fired("collision"):
        conclusion = rule.conclusion[1]
        need = subject.id if subject.kind == "need" else None
        out.append(Collision(id=f"{need or 'huishouden'}/{conclusion.kind}/{rule.id}", kind=conclusion.kind,
                             need=need, laws=sorted(conclusion.laws), rule=rule.id,
                             explanation=fill(explanation(rule), ev, subject), citations=cite.rules([rule], ev.day)))
    return sorted(out, key=lambda c: c.id)
