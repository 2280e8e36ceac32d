"""Bridging (the overbruggingsprocedure): for which needs it fits, and per need who is likely to settle afterwards.

Candidates are ranked per need with named weights, each with its legal reason, shown in the advice beside the
number. The order the weights make: a law that applies (10) outranks one that waits only for its access decision
(8), which outranks one whose facts are still missing (5); precedence adds to a law that applies or waits for its
decision, more when it is mandatory (3) than when it is a kan-bepaling (1), but not for a law with access only by
decision (the Wlz) over a law that applies now: before the decision it gives no right and pays nothing back; the
graph alone (2) is weak evidence; a refusal or a referral is a party's position, not evidence of the law, and counts 0.
"""

from __future__ import annotations

from ..evaluate import Evaluation
from ..labels import Named, both
from ..model import Bridging, Candidate, Need, NeedAdvice, NeedBridging, Text, Weight
from ._regimes import Finding, situation
from ._responsibility import ResponsibilityGraph
from ._sources import Citer

# The rules find that the law's regime applies to the need: the law itself says who pays.
WEIGHT_REGIME_APPLIES = 10
# The law waits only for a decision outside the facts (a candidate rule fired: a CIZ indication, an insurer's
# hardship judgment): once taken, the law gives a right (Wlz 3.2.3), so it is strong evidence of who pays in the end.
WEIGHT_AWAITS_DECISION = 8
# The regime may apply, but facts are missing: possible, not shown.
WEIGHT_REGIME_OPEN = 5
# No rule found the regime, but the graph says the law provides this kind of provision (its conditions met).
WEIGHT_PROVIDES = 2
# As above, with the law's conditions not established: a candidate to check, no more.
WEIGHT_PROVIDES_CONDITIONS_OPEN = 0
# A mandatory precedence (the other scheme need not provide while this one applies: Jeugdwet 1.2 lid 1, Bzv 2.1).
WEIGHT_GOES_BEFORE_MANDATORY = 3
# A kan-bepaling: the other body may refer to this scheme after weighing interests (Awb 3:4), it need not.
WEIGHT_GOES_BEFORE_DISCRETIONARY = 1
# A refusal by this law's executor, or a referral to it: a party's position, to be tested in bezwaar (Awb 3:46).
WEIGHT_REFUSAL_OR_REFERRAL = 0
# A likely financier is named only when the best candidate applies or awaits its decision, and stands alone.
LIKELY_FINANCIER_MINIMUM = WEIGHT_AWAITS_DECISION


def bridging(ev: Evaluation, needs: list[NeedAdvice], found: dict[str, dict[str, Finding]],
             graph: ResponsibilityGraph, cite: Citer) -> Bridging:
    fired = ev.fired("bridging")
    need_ids = sorted({s.id for _, s in fired})
    rules = sorted({r.id: r for r, _ in fired}.values(), key=lambda r: r.id)
    final = {n.need: n.final_financier.financier for n in needs if n.final_financier is not None}
    per_need = []
    for need_id in need_ids:
        ranked = candidates(ev, ev.case_need(need_id), found[need_id], graph)
        # Where the need names a final financier (a law that waits for its decision and then goes before the one that
        # applies now), that is who settles afterwards; the ranking alone could name the party that pays now.
        settles = final[need_id] if need_id in final else _likely(ranked)
        per_need.append(NeedBridging(need=need_id, likely_financier=settles, candidates=ranked))
    likely = {n.likely_financier for n in per_need}
    return Bridging(applicable=bool(need_ids), instrument="overbruggingsprocedure", needs=need_ids,
                    likely_financier=likely.pop() if len(likely) == 1 else None,
                    candidates=[c for n in per_need for c in n.candidates], rules=[r.id for r in rules],
                    citations=cite.rules(rules, ev.day), per_need=per_need)


def _likely(ranked: list[Candidate]) -> str | None:
    if not ranked or ranked[0].score < LIKELY_FINANCIER_MINIMUM:
        return None
    if len(ranked) > 1 and ranked[1].score >= ranked[0].score:
        return None
    return ranked[0].financier


def _weight(name: str, value: int, **values: object) -> Weight:
    return Weight(name=name, value=value, reason=Text(**both(f"weight.{name}", **values)))


def candidates(ev: Evaluation, need: Need, found: dict[str, Finding], graph: ResponsibilityGraph) -> list[Candidate]:
    """Possible final financiers of a need, each with the named weights that make its score."""
    where = situation(ev, need)
    base: dict[str, list[Weight]] = {}
    strong: set[str] = set()  # laws that apply or await their decision: precedence counts for them
    for law, finding in found.items():
        if finding.status == "applies":
            base[law] = [_weight("regime_geldt", WEIGHT_REGIME_APPLIES, law=Named("law", law))]
            strong.add(law)
        elif finding.status == "undetermined" and finding.waiting_rules:
            base[law] = [_weight("regime_kandidaat", WEIGHT_AWAITS_DECISION, law=Named("law", law))]
            strong.add(law)
        elif finding.status == "undetermined":
            base[law] = [_weight("regime_open", WEIGHT_REGIME_OPEN, law=Named("law", law))]
    for edge in graph.providers(where):
        if edge.from_ in base or edge.from_ in found:
            continue
        met = not edge.conditions or (where.conditions is not None and bool(where.conditions & set(edge.conditions)))
        base[edge.from_] = [_weight("voorziet", WEIGHT_PROVIDES, law=Named("law", edge.from_),
                                    provision=Named("provision", need.provision)) if met
                            else _weight("voorziet_voorwaarde_open", WEIGHT_PROVIDES_CONDITIONS_OPEN,
                                         law=Named("law", edge.from_), provision=Named("provision", need.provision),
                                         conditions=Named("condition", *edge.conditions))]
    facts = ev.values.get(f"need:{need.id}", {})
    out = []
    for law, weights in base.items():
        weights = list(weights)
        if law in strong:
            # A law with access only by decision (the Wlz) gives no right before it and pays nothing back: until
            # then it goes before no law that applies now (Wlz 3.2.3 lid 1), so that precedence adds nothing.
            node = graph.node(law)
            before_decision = found[law].status != "applies" and node is not None and node.access_by_decision
            for other in sorted(base):
                if before_decision and other in found and found[other].status == "applies":
                    continue
                first = (graph.precedence(law, other, need.provision, ev.case.reference_date, where.context)
                         if other != law else None)
                if first is not None:
                    mandatory = first.nature == "mandatory"
                    weights.append(_weight("voorrang_verplicht" if mandatory else "voorrang_discretionair",
                                           WEIGHT_GOES_BEFORE_MANDATORY if mandatory
                                           else WEIGHT_GOES_BEFORE_DISCRETIONARY, law=Named("law", law),
                                           other=Named("law", other)))
        executor = graph.executor(law, where)
        actor = executor.from_ if executor else None
        if actor and facts.get(f"need.refused_by.{actor}"):
            weights.append(_weight("weigering", WEIGHT_REFUSAL_OR_REFERRAL, actor=Named("actor", actor)))
        if actor and facts.get(f"need.pointed_to.{actor}"):
            weights.append(_weight("verwijzing", WEIGHT_REFUSAL_OR_REFERRAL, actor=Named("actor", actor)))
        financier = graph.financier(law, where)
        out.append(Candidate(financier=financier.from_ if financier else None, law=law,
                             score=sum(w.value for w in weights), reasons=[w.reason for w in weights], need=need.id,
                             weights=weights))
    return sorted(out, key=lambda c: (-c.score, c.law))

