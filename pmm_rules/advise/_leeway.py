"""Leeway: where the Awb or a hardheidsclausule leaves room, aimed at a need or at one of its collisions."""

from __future__ import annotations

from ..evaluate import Evaluation
from ..model import Collision, Leeway, Text
from ._sources import Citer, explanation


def leeway(ev: Evaluation, collisions: list[Collision], cite: Citer) -> list[Leeway]:
    out: dict[tuple[str, str], Leeway] = {}
    for rule, subject in ev.fired("leeway"):
        c = rule.conclusion[1]
        targets = [subject.id if subject.kind == "need" else f"schuld:{subject.id}" if subject.kind == "debt"
                   else "huishouden"]
        if c.target == "collision":
            hits = [col.id for col in collisions if col.need == subject.id and col.kind == c.collision_kind]
            targets = hits or targets
        for target in targets:
            key = (c.basis, target)
            earlier = out.get(key)
            rules = sorted({*(earlier.rules if earlier else []), rule.id})
            used = [r for r in ev.rules if r.id in rules]
            first = used[0]
            out[key] = Leeway(basis=c.basis, target=target, explanation=explanation(first),
                              limits=Text(**first.conclusion[1].limits.model_dump())
                              if first.conclusion[1].limits else None,
                              rules=rules, citations=cite.rules(used, ev.day))
    return [out[k] for k in sorted(out)]
