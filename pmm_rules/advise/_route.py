"""The escalation route: regulier, Maatwerkregister, LMM, LET; the step reached and the next one, with reasons."""

from __future__ import annotations

from typing import cast

from ..evaluate import Evaluation
from ..model import NOT_ATTEMPTED, Escalation, RouteStep, StepStatus, Vocabulary, trusted
from ._responsibility import ResponsibilityGraph
from ._sources import Citer, explanation

STEP_STATUS_OF_OUTCOME = {"vastgelopen": "vastgelopen", "lopend": "lopend", "opgelost": "opgelost"}


def escalation(ev: Evaluation, graph: ResponsibilityGraph, vocab: Vocabulary, cite: Citer) -> Escalation:
    order = graph.route() or list(vocab.values("escalation_steps"))
    fired = sorted((r for r, _ in ev.fired("escalation")), key=lambda r: r.id)
    steps = [r.conclusion[1].next_step for r in fired if r.conclusion[1].next_step]
    next_step = max(steps, key=order.index) if steps else None
    case_facts = ev.values.get("case", {})
    attempted = [s for s in order if case_facts.get(f"case.attempts.{s}") not in (None, NOT_ATTEMPTED)]
    current = attempted[-1] if attempted else None
    connected = case_facts.get("case.municipality.pmm_connected")
    route = []
    for step in order:
        outcome = case_facts.get(f"case.attempts.{step}")
        if outcome in STEP_STATUS_OF_OUTCOME:
            status = STEP_STATUS_OF_OUTCOME[outcome]
        elif step == "maatwerkregister" and connected is False:
            status = "niet_beschikbaar"
        elif step == next_step:
            status = "volgende"
        else:
            status = NOT_ATTEMPTED
        node = graph.node(step)
        route.append(trusted(RouteStep, step=step, status=cast(StepStatus, status),
                             acts=node.acts if node else None, prepare=node.prepare if node else None,
                             figures=list(node.figures) if node else [],
                             citations=cite.sources(node.sources, ev.day) if node else []))
    return Escalation(current_step=current, next_step=next_step, route=route,
                      reasons=[explanation(r) for r in fired], rules=[r.id for r in fired])
