"""Bridging (the overbruggingsprocedure): for which needs it fits, and who is likely to pay in the end.

Candidates are scored from the findings and the graph. Each weight below is a named reason a professional can
check; the candidate list shows the reasons, never just the number.
"""

from __future__ import annotations

from ..evaluate import Evaluation
from ..labels import LANGUAGES, both, label
from ..model import Bridging, Candidate, Need, NeedAdvice, Regime, Text
from ._regimes import situation
from ._responsibility import ResponsibilityGraph
from ._sources import Citer

# The rules find that the law's regime applies to the need: the strongest sign of who must pay in the end.
WEIGHT_REGIME_APPLIES = 3
# The regime may apply: facts are missing, or an access decision (a CIZ indicatiebesluit) is pending.
WEIGHT_REGIME_UNDETERMINED = 2
# No rule found the regime, but the graph says the law provides this kind of provision, and the law's own
# conditions (e.g. an auditieve beperking for the tolkvoorziening) are met.
WEIGHT_PROVIDES = 1
# As above, with the law's conditions not established: a candidate to check, no more.
WEIGHT_PROVIDES_CONDITIONS_OPEN = 0
# A precedence edge puts this law before another candidate (it is voorliggend).
WEIGHT_GOES_BEFORE = 2
# A refusal of the need pointed at this law's executor.
WEIGHT_POINTED_TO = 1
# This law's executor refused the need.
WEIGHT_REFUSED = -1
# A likely financier is named only when the best candidate scores at least this and no other scores as high.
LIKELY_FINANCIER_MINIMUM = 2


def bridging(ev: Evaluation, needs: list[NeedAdvice], graph: ResponsibilityGraph, cite: Citer) -> Bridging:
    fired = ev.fired("bridging")
    need_ids = sorted({s.id for _, s in fired})
    rules = sorted({r.id: r for r, _ in fired}.values(), key=lambda r: r.id)
    by_id = {n.need: n for n in needs}
    scores: dict[str, tuple[int, str | None, list[Text]]] = {}
    for need_id in need_ids:
        for cand in candidates(ev, ev.case_need(need_id), by_id[need_id].regimes, graph):
            best = scores.get(cand.law)
            if best is None or cand.score > best[0]:
                scores[cand.law] = (cand.score, cand.financier, list(cand.reasons))
    ranked = sorted((Candidate(financier=f, law=law, score=s, reasons=reasons)
                     for law, (s, f, reasons) in scores.items()),
                    key=lambda c: (-c.score, c.law))
    likely = None
    strictly_best = len(ranked) == 1 or (len(ranked) > 1 and ranked[1].score < ranked[0].score)
    if ranked and ranked[0].score >= LIKELY_FINANCIER_MINIMUM and strictly_best:
        likely = ranked[0].financier
    return Bridging(applicable=bool(need_ids), instrument="overbruggingsprocedure", needs=need_ids,
                    likely_financier=likely, candidates=ranked, rules=[r.id for r in rules],
                    citations=cite.rules(rules, ev.day))


def candidates(ev: Evaluation, need: Need, regimes: list[Regime], graph: ResponsibilityGraph) -> list[Candidate]:
    """Possible final financiers of a need, scored from the findings and the graph, with reasons."""
    where = situation(ev, need)
    status = {r.law: r.status for r in regimes}
    base: dict[str, tuple[int, list[Text]]] = {}
    for law, st in status.items():
        if st == "applies":
            base[law] = (WEIGHT_REGIME_APPLIES, [Text(**both("bridging.regime_applies", law=law))])
        elif st == "undetermined":
            base[law] = (WEIGHT_REGIME_UNDETERMINED, [Text(**both("bridging.regime_undetermined", law=law))])
    for edge in graph.providers(where):
        if edge.from_ in base or status.get(edge.from_) == "excluded":
            continue
        met = not edge.conditions or (where.conditions is not None and bool(where.conditions & set(edge.conditions)))
        reason = Text(**both("bridging.provides" if met else "bridging.provides_condition_open", law=edge.from_,
                             provision=need.provision, conditions=", ".join(edge.conditions)))
        base[edge.from_] = (WEIGHT_PROVIDES if met else WEIGHT_PROVIDES_CONDITIONS_OPEN, [reason])
    facts = ev.values.get(f"need:{need.id}", {})
    out = []
    for law, (score, reasons) in base.items():
        reasons = list(reasons)
        for other in base:
            first = graph.precedence(law, other, need.provision, ev.case.reference_date) if other != law else None
            if first is not None:
                score += WEIGHT_GOES_BEFORE
                nature = "bridging.mandatory" if first.nature == "mandatory" else "bridging.discretionary"
                reasons.append(Text(**{lang: label("bridging.goes_before", lang, law=law, other=other,
                                                   nature=label(nature, lang)) for lang in LANGUAGES}))
        financier = graph.financier(law, where)
        executor = graph.executor(law, where)
        actor = executor.from_ if executor else None
        if actor and facts.get(f"need.pointed_to.{actor}"):
            score += WEIGHT_POINTED_TO
            reasons.append(Text(**both("bridging.pointed_to", actor=actor)))
        if actor and facts.get(f"need.refused_by.{actor}"):
            score += WEIGHT_REFUSED
            reasons.append(Text(**both("bridging.refused", actor=actor)))
        out.append(Candidate(financier=financier.from_ if financier else None, law=law, score=score,
                             reasons=reasons))
    return sorted(out, key=lambda c: (-c.score, c.law))
