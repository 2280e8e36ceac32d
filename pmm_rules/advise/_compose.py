"""Composing the advice from an evaluation and the responsibility graph.

Everything here is deterministic: lists are sorted by stable keys, so the same case and rules give the
same advice whatever the order of files, rules or list items.
"""

from __future__ import annotations

from typing import Any

from ..evaluate import Evaluation
from ..model import DISCLAIMER, Advice, Citation, CompiledRule, Receipt, Text, Vocabulary
from ._bridging import bridging
from ._collisions import collisions
from ._leeway import leeway
from ._missing import MissingFacts, Questions
from ._notices import notices
from ._regimes import Finding, need_advice
from ._responsibility import ResponsibilityGraph
from ._route import escalation
from ._sources import Citer
from ._timeouts import deadlines, timeouts
from ._trace import TraceMode, TraceWriter, trace_mode
from ._warnings import Warnings

_EMPTY_TRACE = ',"trace":[]'


class Composer:
    """Composes advice; keeps nothing per case, so one composer serves many threads."""

    def __init__(self, graph: ResponsibilityGraph, vocab: Vocabulary, rules: list[CompiledRule] | None = None) -> None:
        self.graph = graph
        self.vocab = vocab
        self.citer = Citer(vocab)
        self.questions = Questions(vocab)
        self.missing = MissingFacts(self.questions)
        self.trace = TraceWriter(self.citer)
        self.warnings = Warnings(rules or [])

    def cite(self, rules: list[CompiledRule], day: str) -> list[Citation]:
        """The citations of some rules, on a reference date: shared lists, never to be changed."""
        return self.citer.rules(rules, day)

    def compose(self, ev: Evaluation, *, engine_version: str, backend: str, rules_sha256: str, rule_count: int,
                evaluated_at: str, with_trace: bool | TraceMode = True) -> Advice:
        """The advice, with as much trace as `with_trace` says (True: full; False: none)."""
        found_collisions = collisions(ev, self.citer)
        found_notices = notices(ev, self.citer)
        needs = []
        findings: dict[str, dict[str, Finding]] = {}
        for need in sorted(ev.case.needs or [], key=lambda n: n.id):
            advice, findings[need.id] = need_advice(ev, need, found_collisions, self.graph, self.citer,
                                                    self.questions, (n.id for n in found_notices if n.need == need.id))
            needs.append(advice)
        return Advice(
            case_id=ev.case.id,
            reference_date=ev.day,
            disclaimer=Text(**DISCLAIMER),
            warnings=self.warnings(ev),
            needs=needs,
            collisions=found_collisions,
            escalation=escalation(ev, self.graph, self.vocab, self.citer, needs),
            timeouts=timeouts(ev, self.citer),
            deadlines=deadlines(ev, self.citer),
            notices=found_notices,
            bridging=bridging(ev, needs, findings, self.graph, self.citer),
            leeway=leeway(ev, found_collisions, self.citer),
            missing_facts=self.missing(ev, needs),
            trace=self.trace.entries(ev, trace_mode(with_trace)),
            receipt=Receipt(engine_version=engine_version, backend=backend, rules_sha256=rules_sha256,
                            rule_count=rule_count, reference_date=ev.day, evaluated_at=evaluated_at),
        )

    def compose_json(self, ev: Evaluation, *, trace: bool | TraceMode = True, **receipt: Any) -> str:
        """`compose(ev, ...).to_json(indent=None)` without building the trace as models."""
        head = self.compose(ev, with_trace=False, **receipt).model_dump_json()
        before, empty, after = head.partition(_EMPTY_TRACE)
        if not empty or _EMPTY_TRACE in after:  # the key is the Advice's own: quotes in values are escaped
            raise AssertionError("advice JSON without a single empty trace")
        return "".join([before, ',"trace":[', *self.trace.json(ev, trace_mode(trace)), "]", after, "\n"])
