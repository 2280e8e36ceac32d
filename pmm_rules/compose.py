"""Advice composition (DESIGN.md §3.3): from rule outcomes and the responsibility graph to the advice.

Everything here is deterministic: lists are sorted by stable keys, so the same case and rules give the
same advice whatever the order of files, rules or list items.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, cast

import pydantic_core

from . import advice as A
from .case import Case, Need
from .compiler import CompiledRule, Outcome
from .facts import Subject, case_path
from .graph import ResponsibilityGraph, Situation
from .memo import remembered
from .rules import Source
from .vocabulary import NOT_ATTEMPTED, Vocabulary

RegimeStatus = Literal["applies", "excluded", "undetermined"]
StepStatus = Literal["opgelost", "vastgelopen", "lopend", "niet_geprobeerd", "niet_beschikbaar", "volgende"]

STEP_STATUS_OF_OUTCOME = {"vastgelopen": "vastgelopen", "lopend": "lopend", "opgelost": "opgelost"}


@dataclass
class Evaluation:
    """What the engine found for one case: outcomes per (rule id, subject key) and the facts used."""

    case: Case
    subjects: list[Subject]
    rules: list[CompiledRule]  # the rules valid on the reference date
    outcomes: dict[tuple[str, str], Outcome]
    values: dict[str, dict[str, Any]] = field(default_factory=dict)  # subject key -> facts incl. derived

    @functools.cached_property
    def day(self) -> str:
        """The reference date as ISO text, as rules and law links use it."""
        return self.case.reference_date.isoformat()

    @functools.cached_property
    def need_regime_rules(self) -> list[CompiledRule]:
        return [r for r in self.rules if r.kind == "regime" and r.subject == "need"]

    @functools.cached_property
    def rules_by_id(self) -> dict[str, CompiledRule]:
        return {r.id: r for r in self.rules}

    def case_need(self, need_id: str) -> Need:
        return next(n for n in self.case.needs or [] if n.id == need_id)

    def fired(self, kind: str | None = None) -> list[tuple[CompiledRule, Subject]]:
        """The rules that fired, with their subject: in rule order, then subject order."""
        return [rs for rs in self._all_fired if kind is None or rs[0].kind == kind]

    @functools.cached_property
    def _all_fired(self) -> list[tuple[CompiledRule, Subject]]:
        subjects = {s.key: s for s in self.subjects}
        rules = {r.id: r for r in self.rules}
        found = [(rules[rule_id], subjects[key]) for (rule_id, key), outcome in self.outcomes.items()
                 if outcome == "fired" and rule_id in rules and key in subjects]
        order = {key: i for i, key in enumerate(subjects)}
        position = {rule_id: i for i, rule_id in enumerate(rules)}
        return sorted(found, key=lambda rs: (position[rs[0].id], order[rs[1].key]))


def citation(source: Source, vocab: Vocabulary, reference_date: str | None = None) -> A.Citation:
    if source.kind == "practice" or source.law is None:
        return A.Citation(law=source.law, bwb_id=source.bwb_id, article=source.article, paragraph=source.lid,
                          url=source.url, kind=source.kind, title=source.title, confidence=source.confidence)
    law = vocab.laws[source.law]
    return A.Citation(law=source.law, bwb_id=law.bwb_id, article=source.article, paragraph=source.lid, sub=source.sub,
                      url=source.url or law.url(source.article, reference_date), kind=source.kind,
                      title=source.title, confidence=source.confidence)


def _cite_key(c: A.Citation) -> tuple[str, ...]:
    return (c.law or "", c.article or "", c.paragraph or "", c.sub or "", c.title or "", c.url or "")


def citations(sources: Iterable[Source], vocab: Vocabulary, reference_date: str | None = None) -> list[A.Citation]:
    unique = {_cite_key(c): c for c in (citation(s, vocab, reference_date) for s in sources)}
    return [unique[k] for k in sorted(unique)]


def _text(rule: CompiledRule) -> A.Text:
    return A.Text(nl=rule.rule.explanation.nl, en=rule.rule.explanation.en)


class Composer:
    def __init__(self, graph: ResponsibilityGraph, vocab: Vocabulary) -> None:
        self.graph = graph
        self.vocab = vocab
        # Citations depend only on their sources and the reference date (links point at the law of that date);
        # building them is most of the cost of a trace, so they are made once. Citation models are frozen.
        self._citations: dict[tuple[tuple[int, ...], str], list[A.Citation]] = {}
        self._fact_of_path: dict[str, str] = {}
        self._questions: dict[str, A.Text] = {}  # bounded: one per vocabulary fact
        self._trace_plans: dict[tuple[str, tuple[str, ...]], list[Any]] = {}
        self._entry_json: dict[tuple[str, str, tuple[Any, ...], tuple[type, ...]], str] = {}

    def cite(self, rules: Iterable[CompiledRule], day: str) -> list[A.Citation]:
        """The citations of some rules, on a reference date: shared lists, never to be changed."""
        return self._cite_sources([s for r in rules for s in r.rule.sources], day)

    def compose(self, ev: Evaluation, *, engine_version: str, backend: str, rules_sha256: str, rule_count: int,
                evaluated_at: str, with_trace: bool = True) -> A.Advice:
        """The advice; `with_trace=False` leaves the trace empty (for `compose_json`, which writes it itself)."""
        collisions = self._collisions(ev)
        needs = [self._need(ev, need, collisions) for need in sorted(ev.case.needs or [], key=lambda n: n.id)]
        return A.Advice(
            case_id=ev.case.id,
            reference_date=ev.day,
            disclaimer=A.Text(**A.DISCLAIMER),
            needs=needs,
            collisions=collisions,
            escalation=self._escalation(ev),
            timeouts=self._timeouts(ev),
            deadlines=self._deadlines(ev),
            bridging=self._bridging(ev, needs),
            leeway=self._leeway(ev, collisions),
            missing_facts=self._missing(ev),
            trace=self._trace(ev) if with_trace else [],
            receipt=A.Receipt(engine_version=engine_version, backend=backend, rules_sha256=rules_sha256,
                              rule_count=rule_count, reference_date=ev.day, evaluated_at=evaluated_at),
        )

    # -- needs and regimes

    def _situation(self, ev: Evaluation, need: Need) -> Situation:
        member = ev.case.member(need.member)
        conditions = frozenset(member.conditions) if member.conditions is not None else None
        return Situation(need.provision, need.context, conditions, ev.case.reference_date)

    def regimes(self, ev: Evaluation, need: Need) -> list[A.Regime]:
        key = f"need:{need.id}"
        by_law: dict[str, dict[str, list[CompiledRule]]] = {}
        outcomes = ev.outcomes
        for rule in ev.need_regime_rules:
            outcome = outcomes.get((rule.id, key), "not_fired")
            if outcome == "not_fired":
                continue
            conclusion = rule.conclusion[1]
            by_law.setdefault(conclusion.law, {}).setdefault(f"{conclusion.status}:{outcome}", []).append(rule)
        out = []
        for law in sorted(by_law):
            found = by_law[law]
            if found.get("excluded:fired"):
                status, used = "excluded", found["excluded:fired"]
            elif found.get("applies:fired") and not found.get("excluded:undetermined"):
                status, used = "applies", found["applies:fired"]
            elif found.get("applies:undetermined") or found.get("applies:fired"):
                status = "undetermined"
                used = [*found.get("applies:fired", []), *found.get("applies:undetermined", []),
                        *found.get("excluded:undetermined", [])]
            else:
                continue
            used = sorted(used, key=lambda r: r.id)
            out.append(A.Regime(law=law, status=cast(RegimeStatus, status), rules=[r.id for r in used],
                                citations=self.cite(used, ev.day)))
        return out

    def _need(self, ev: Evaluation, need: Need, collisions: list[A.Collision]) -> A.NeedAdvice:
        regimes = self.regimes(ev, need)
        return A.NeedAdvice(
            need=need.id, member=need.member, provision=need.provision, context=need.context,
            regimes=regimes, responsible=self._responsible(ev, need, regimes),
            collisions=sorted(c.id for c in collisions if c.need == need.id),
        )

    def _responsible(self, ev: Evaluation, need: Need, regimes: list[A.Regime]) -> A.Responsible | None:
        applying = [r.law for r in regimes if r.status == "applies"]
        top = [law for law in applying
               if not any(self.graph.precedence(other, law, need.provision, ev.case.reference_date)
                          for other in applying if other != law)]
        if len(top) != 1:
            return None
        law = top[0]
        situation = self._situation(ev, need)
        executes = self.graph.executor(law, situation)
        finances = self.graph.financier(law, situation)
        sources: list[Source] = [s for r in regimes if r.law == law for s in self._rule_sources(ev, r.rules)]
        for edge in (executes, finances):
            if edge is not None:
                sources.extend(edge.sources)
        for other in applying:
            edge = self.graph.precedence(law, other, need.provision, ev.case.reference_date)
            if edge is not None:
                sources.extend(edge.sources)
        return A.Responsible(law=law, executor=executes.from_ if executes else None,
                             financier=finances.from_ if finances else None,
                             citations=self._cite_sources(sources, ev.day))

    @staticmethod
    def _rule_sources(ev: Evaluation, rule_ids: Iterable[str]) -> list[Source]:
        wanted = set(rule_ids)
        return [s for r in ev.rules if r.id in wanted for s in r.rule.sources]

    # -- collisions

    def _collisions(self, ev: Evaluation) -> list[A.Collision]:
        out = []
        for rule, subject in ev.fired("collision"):
            conclusion = rule.conclusion[1]
            need = subject.id if subject.kind == "need" else None
            out.append(A.Collision(id=f"{need or 'huishouden'}/{conclusion.kind}/{rule.id}", kind=conclusion.kind,
                                   need=need, laws=sorted(conclusion.laws), rule=rule.id, explanation=_text(rule),
                                   citations=self.cite([rule], ev.day)))
        return sorted(out, key=lambda c: c.id)

    # -- escalation

    def _escalation(self, ev: Evaluation) -> A.Escalation:
        order = self.graph.route() or list(self.vocab.values("escalation_steps"))
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
            node = self.graph.node(step)
            route.append(A.trusted(A.RouteStep, step=step, status=cast(StepStatus, status),
                                   acts=node.acts if node else None, prepare=node.prepare if node else None,
                                   figures=list(node.figures) if node else [],
                                   citations=self._cite_sources(node.sources, ev.day) if node else []))
        return A.Escalation(current_step=current, next_step=next_step, route=route,
                            reasons=[_text(r) for r in fired], rules=[r.id for r in fired])

    def _cite_sources(self, sources: list[Source], day: str) -> list[A.Citation]:
        # Sources belong to the rules and the graph, which live as long as the composer: their ids are stable.
        return remembered(self._citations, (tuple(map(id, sources)), day),
                          lambda: citations(sources, self.vocab, day))

    def _vocabulary_path(self, path: str) -> str:
        """The vocabulary fact behind a flag path (`member.conditions.spraakbeperking` -> `member.conditions`)."""
        def find() -> str:
            head = path.rsplit(".", 1)[0]
            return path if self.vocab.fact(path) is not None else head if self.vocab.fact(head) is not None else path
        return remembered(self._fact_of_path, path, find)  # paths come from the rules, not from cases

    # -- time-outs and deadlines

    def _timeouts(self, ev: Evaluation) -> list[A.Timeout]:
        grouped: dict[str, list[tuple[CompiledRule, Subject]]] = {}
        for rule, subject in ev.fired("timeout"):
            grouped.setdefault(rule.conclusion[1].instrument, []).append((rule, subject))
        debts = {d.id: d for d in ev.case.debts or []}
        out = []
        for instrument in sorted(grouped):
            items = sorted(grouped[instrument], key=lambda rs: (rs[0].id, rs[1].key))
            creditors: set[str] = set()
            conditions: dict[str, A.Text] = {}
            for rule, subject in items:
                conclusion = rule.conclusion[1]
                creditors.update(conclusion.creditors)
                if subject.kind == "debt":
                    creditors.add(debts[subject.id].creditor)
                for text in conclusion.conditions:
                    conditions.setdefault(text.nl, A.Text(nl=text.nl, en=text.en))
            conclusions = [rule.conclusion[1] for rule, _ in items]
            rules = sorted({rule.id: rule for rule, _ in items}.values(), key=lambda r: r.id)
            out.append(A.Timeout(
                instrument=instrument, creditors=sorted(creditors),
                all_creditors=any(c.all_creditors for c in conclusions), via=conclusions[0].via,
                max_months=max((c.max_months for c in conclusions if c.max_months), default=None),
                extension_months=max((c.extension_months for c in conclusions if c.extension_months), default=None),
                conditions=[conditions[k] for k in sorted(conditions)], rules=[r.id for r in rules],
                citations=self.cite(rules, ev.day)))
        return out

    def _deadlines(self, ev: Evaluation) -> list[A.Deadline]:
        out = []
        for rule, _ in ev.fired("deadline"):
            c = rule.conclusion[1]
            out.append(A.Deadline(deadline=c.deadline, amount=c.amount, unit=c.unit, actor=c.actor,
                                  explanation=_text(rule), rules=[rule.id], citations=self.cite([rule], ev.day)))
        return sorted(out, key=lambda d: (d.deadline, d.rules))

    # -- bridging

    def _bridging(self, ev: Evaluation, needs: list[A.NeedAdvice]) -> A.Bridging:
        fired = ev.fired("bridging")
        need_ids = sorted({s.id for _, s in fired})
        rules = sorted({r.id: r for r, _ in fired}.values(), key=lambda r: r.id)
        by_id = {n.need: n for n in needs}
        scores: dict[str, tuple[int, str | None, list[A.Text]]] = {}
        for need_id in need_ids:
            for cand in self.candidates(ev, ev.case_need(need_id), by_id[need_id].regimes):
                best = scores.get(cand.law)
                if best is None or cand.score > best[0]:
                    scores[cand.law] = (cand.score, cand.financier, list(cand.reasons))
        candidates = sorted((A.Candidate(financier=f, law=law, score=s, reasons=reasons)
                             for law, (s, f, reasons) in scores.items()),
                            key=lambda c: (-c.score, c.law))
        likely = None
        strictly_best = len(candidates) == 1 or (len(candidates) > 1 and candidates[1].score < candidates[0].score)
        if candidates and candidates[0].score >= 2 and strictly_best:
            likely = candidates[0].financier
        return A.Bridging(applicable=bool(need_ids), instrument="overbruggingsprocedure", needs=need_ids,
                          likely_financier=likely, candidates=candidates, rules=[r.id for r in rules],
                          citations=self.cite(rules, ev.day))

    def candidates(self, ev: Evaluation, need: Need, regimes: list[A.Regime]) -> list[A.Candidate]:
        """Possible final financiers of a need, scored from the findings and the graph, with reasons."""
        situation = self._situation(ev, need)
        status = {r.law: r.status for r in regimes}
        base: dict[str, tuple[int, list[A.Text]]] = {}
        for law, st in status.items():
            if st == "applies":
                base[law] = (3, [A.Text(nl=f"{law}: regime geldt volgens de regels",
                                        en=f"{law}: the regime applies under the rules")])
            elif st == "undetermined":
                base[law] = (2, [A.Text(nl=f"{law}: regime kan gelden; feiten ontbreken of een besluit loopt",
                                        en=f"{law}: the regime may apply; facts are missing or a decision is pending")])
        for edge in self.graph.providers(situation):
            if edge.from_ in base or status.get(edge.from_) == "excluded":
                continue
            met = not edge.conditions or (situation.conditions is not None
                                          and bool(situation.conditions & set(edge.conditions)))
            reason = A.Text(nl=f"{edge.from_}: voorziet in {need.provision}"
                               + ("" if met else f" (voorwaarde: {', '.join(edge.conditions)}; niet vastgesteld)"),
                            en=f"{edge.from_}: provides {need.provision}"
                               + ("" if met else f" (condition: {', '.join(edge.conditions)}; not established)"))
            base[edge.from_] = (1 if met else 0, [reason])
        subject = f"need:{need.id}"
        facts = ev.values.get(subject, {})
        out = []
        for law, (score, reasons) in base.items():
            reasons = list(reasons)
            for other in base:
                first = (self.graph.precedence(law, other, need.provision, ev.case.reference_date)
                         if other != law else None)
                if first is not None:
                    score += 2
                    kind = "verplicht" if first.nature == "mandatory" else "discretionair (kan-bepaling)"
                    reasons.append(A.Text(nl=f"{law} gaat voor op {other} ({kind})",
                                          en=f"{law} goes before {other} "
                                             f"({'mandatory' if first.nature == 'mandatory' else 'discretionary'})"))
            financier = self.graph.financier(law, situation)
            executor = self.graph.executor(law, situation)
            actor = executor.from_ if executor else None
            if actor and facts.get(f"need.pointed_to.{actor}"):
                score += 1
                reasons.append(A.Text(nl=f"een weigering verwijst naar {actor}", en=f"a refusal points to {actor}"))
            if actor and facts.get(f"need.refused_by.{actor}"):
                score -= 1
                reasons.append(A.Text(nl=f"{actor} heeft geweigerd", en=f"{actor} has refused"))
            out.append(A.Candidate(financier=financier.from_ if financier else None, law=law, score=score,
                                   reasons=reasons))
        return sorted(out, key=lambda c: (-c.score, c.law))

    # -- leeway

    def _leeway(self, ev: Evaluation, collisions: list[A.Collision]) -> list[A.Leeway]:
        out: dict[tuple[str, str], A.Leeway] = {}
        for rule, subject in ev.fired("leeway"):
            c = rule.conclusion[1]
            targets = [subject.id]
            if c.target == "collision":
                hits = [col.id for col in collisions if col.need == subject.id and col.kind == c.collision_kind]
                targets = hits or targets
            for target in targets:
                key = (c.basis, target)
                earlier = out.get(key)
                rules = sorted({*(earlier.rules if earlier else []), rule.id})
                used = [r for r in ev.rules if r.id in rules]
                first = used[0]
                out[key] = A.Leeway(basis=c.basis, target=target, explanation=_text(first),
                                    limits=A.Text(**first.conclusion[1].limits.model_dump())
                                    if first.conclusion[1].limits else None,
                                    rules=rules, citations=self.cite(used, ev.day))
        return [out[k] for k in sorted(out)]

    # -- missing facts and trace

    def _missing(self, ev: Evaluation) -> list[A.MissingFact]:
        found: dict[str, tuple[str, set[str]]] = {}
        by_id = ev.rules_by_id
        subjects = {s.key: s for s in ev.subjects}
        undetermined = sorted(pair for pair, outcome in ev.outcomes.items() if outcome == "undetermined")
        places: dict[tuple[str, str], str] = {}
        for rule_id, key in undetermined:
            rule, subject = by_id.get(rule_id), subjects.get(key)
            if rule is None or subject is None:
                continue
            facts = ev.values.get(key, subject.facts)
            for path in rule.case_reads:
                if facts.get(path) is not None:
                    continue
                where = places.get((key, path))
                if where is None:
                    where = places[(key, path)] = case_path(subject, path, ev.case)
                entry = found.get(where)
                if entry is None:
                    entry = found[where] = (self._vocabulary_path(path), set())
                entry[1].add(rule_id)
        return [A.trusted(A.MissingFact, path=where, question=self._question(found[where][0], where),
                          rules=sorted(found[where][1]))
                for where in sorted(found)]

    def _question(self, base_path: str, where: str) -> A.Text:
        question = self._questions.get(base_path)
        if question is None:
            fact = self.vocab.fact(base_path)
            if fact is None:
                return A.Text(nl=where, en=where)
            question = self._questions[base_path] = A.Text(nl=fact.question_nl, en=fact.question_en)
        return question

    def _trace(self, ev: Evaluation) -> list[A.TraceEntry]:
        # About a hundred entries per advice, so this is the hot loop of composing: no validation (the parts
        # are valid by construction), citations shared per rule, reads sorted once per rule.
        entry, model = A.trusted_from, A.TraceEntry
        return [entry(model, row) for row in self.trace_rows(ev)]

    def compose_json(self, ev: Evaluation, **receipt: Any) -> str:
        """`compose(ev, ...).to_json(indent=None)` without building the trace as models.

        The trace is most of an advice (a hundred entries or more, each with its citations); here each entry
        is put together from JSON written once per rule and reference date, and its outcome and facts from
        JSON kept across cases. The tests hold this equal, byte for byte, to the JSON of the composed advice."""
        head = self.compose(ev, with_trace=False, **receipt).model_dump_json()
        before, empty, after = head.partition(',"trace":[]')
        if not empty or ',"trace":[]' in after:  # the key is the Advice's own: quotes in values are escaped
            raise AssertionError("advice JSON without a single empty trace")
        by_kind = _facts_by_kind(ev)
        subject_json = {s.key: _json(s.key) for s in ev.subjects}
        outcomes, written = ev.outcomes, self._entry_json
        parts = [before, ',"trace":[']
        for rule_id, kind, reads, rule_head, rule_tail, _ in self._trace_plan(ev):
            for key, facts in by_kind.get(kind, ()):
                outcome = outcomes.get((rule_id, key), "not_fired")
                values = tuple(map(facts.get, reads))
                # Most entries repeat across cases (flags, provisions, ages): what was written is kept, up to a
                # bound. The types are in the key because True == 1 == 1.0 while their JSON differs.
                entry_key = (rule_id, outcome, values, tuple(map(type, values)))
                middle = written.get(entry_key)
                if middle is None:
                    middle = ',"outcome":"' + outcome + '","facts":' + _json(dict(zip(reads, values, strict=True)))
                    if len(written) < 50_000:
                        written[entry_key] = middle
                parts += (rule_head, subject_json[key], middle, rule_tail)
        if len(parts) > 2:
            parts[-1] = parts[-1][:-1]  # no comma after the last entry
        parts += ("]", after, "\n")
        return "".join(parts)

    def _trace_plan(self, ev: Evaluation) -> list[tuple[str, str, tuple[str, ...], str, str, list[A.Citation]]]:
        """Per rule, in id order: its id, subject kind, sorted reads, the JSON a trace entry writes before the
        subject and after the facts, and the citations. Made once per set of rules and reference date."""
        def make() -> list[tuple[str, str, tuple[str, ...], str, str, list[A.Citation]]]:
            plan = []
            for rule in sorted(ev.rules, key=_rule_id):
                cites = self.cite([rule], ev.day)
                plan.append((rule.id, rule.subject, rule.sorted_reads, '{"rule":' + _json(rule.id) + ',"subject":',
                             ',"citations":' + _json(cites) + "},", cites))
            return plan
        return remembered(self._trace_plans, (ev.day, tuple(r.id for r in ev.rules)), make, limit=10_000)

    def trace_rows(self, ev: Evaluation) -> list[dict[str, Any]]:
        """The trace as plain dicts with the fields of `TraceEntry`, in rule id order, then subject order."""
        by_kind, outcomes = _facts_by_kind(ev), ev.outcomes
        return [{"rule": rule_id, "subject": key, "outcome": outcomes.get((rule_id, key), "not_fired"),
                 "facts": {p: facts.get(p) for p in reads}, "citations": cites}
                for rule_id, kind, reads, _, _, cites in self._trace_plan(ev)
                for key, facts in by_kind.get(kind, ())]


def _facts_by_kind(ev: Evaluation) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    """Per subject kind, in subject order: each subject's key and the facts it was evaluated on."""
    by_kind: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for subject in ev.subjects:
        by_kind.setdefault(subject.kind, []).append((subject.key, ev.values.get(subject.key, subject.facts)))
    return by_kind


def _json(value: Any) -> str:
    """Compact JSON exactly as pydantic writes it inside a model (the same serializer, for any value)."""
    return pydantic_core.to_json(value).decode()


def _rule_id(rule: CompiledRule) -> str:
    return rule.id



