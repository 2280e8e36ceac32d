"""The escalation route: regulier, Maatwerkregister, LMM, LET; the step reached and the next one, with reasons,
and on the regular route the first actions: the melding or aanvraag, per need, at the party responsible."""

from __future__ import annotations

from typing import cast

from ..evaluate import Evaluation
from ..labels import Named, both
from ..model import NOT_ATTEMPTED, Escalation, FirstAction, NeedAdvice, RouteStep, StepStatus, Text, Vocabulary, trusted
from ._regimes import situation
from ._responsibility import ResponsibilityGraph
from ._sources import Citer, explanation

STEP_STATUS_OF_OUTCOME = {"vastgelopen": "vastgelopen", "lopend": "lopend", "opgelost": "opgelost"}
# The LET is reached only through the LMM: an LET attempt without an LMM attempt is not a step taken.
_THROUGH = {"let": "lmm"}


def escalation(ev: Evaluation, graph: ResponsibilityGraph, vocab: Vocabulary, cite: Citer,
               needs: list[NeedAdvice]) -> Escalation:
    order = graph.route() or list(vocab.values("escalation_steps"))
    fired = sorted((r for r, _ in ev.fired("escalation")), key=lambda r: r.id)
    steps = [r.conclusion[1].next_step for r in fired if r.conclusion[1].next_step]
    next_step = max(steps, key=order.index) if steps else None
    case_facts = ev.values.get("case", {})

    def tried(step: str) -> bool:
        return case_facts.get(f"case.attempts.{step}") not in (None, NOT_ATTEMPTED)

    invalid = {step for step, through in _THROUGH.items() if tried(step) and not tried(through)}
    attempted = [s for s in order if tried(s) and s not in invalid]
    current = attempted[-1] if attempted else None
    connected = case_facts.get("case.municipality.pmm_connected")
    route = []
    for step in order:
        outcome = case_facts.get(f"case.attempts.{step}")
        if step in invalid:
            status = "ongeldig"
        elif outcome in STEP_STATUS_OF_OUTCOME:
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
                      reasons=[explanation(r) for r in fired], rules=[r.id for r in fired],
                      first_actions=first_actions(ev, graph, cite, needs) if next_step == "regulier" else [])


def first_actions(ev: Evaluation, graph: ResponsibilityGraph, cite: Citer,
                  needs: list[NeedAdvice]) -> list[FirstAction]:
    """Per need, where to make the melding or aanvraag: at the responsible party under its law; at the one law
    that could apply; else at the gemeente's toegang. Not for a need already provided under the responsible law (its
    notices and collisions say what to arrange next). Then, for debts without debt assistance, the gemeente (Wgs)."""
    out = []
    for need in needs:
        laws = [r.law for r in need.regimes if r.status in ("applies", "undetermined")]
        if need.responsible is not None and ev.case_need(need.need).granted_under == need.responsible.law:
            continue  # the help runs already under the responsible law: no melding; the notices say what to arrange
        if need.responsible is not None and need.responsible.executor:
            out.append(_action(ev, graph, cite, need.need, need.responsible.executor, need.responsible.law))
        elif len(laws) == 1 and (executor := _executor(ev, graph, need, laws[0])) is not None:
            out.append(_action(ev, graph, cite, need.need, executor, laws[0]))
        else:
            out.append(FirstAction(need=need.need, actor="gemeente", law=None, action=Text(**both("route.toegang")),
                                   citations=[]))
    status = ev.values.get("case", {}).get("case.debt_assistance.status")
    if ev.case.debts and status in (None, "geen"):
        out.append(_action(ev, graph, cite, None, "gemeente", "wgs"))
    return out


def _executor(ev: Evaluation, graph: ResponsibilityGraph, need: NeedAdvice, law: str) -> str | None:
    edge = graph.executor(law, situation(ev, ev.case_need(need.need)))
    return edge.from_ if edge else None


def _action(ev: Evaluation, graph: ResponsibilityGraph, cite: Citer, need: str | None, actor: str,
            law: str) -> FirstAction:
    node = graph.node(law)
    if node is not None and node.entry is not None:
        text = Text(nl=node.entry.nl, en=node.entry.en)
        citations = cite.sources(node.entry_sources, ev.day)
    else:
        text, citations = Text(**both("route.melding", actor=Named("actor", actor), law=Named("law", law))), []
    return FirstAction(need=need, actor=actor, law=law, action=text, citations=citations)
