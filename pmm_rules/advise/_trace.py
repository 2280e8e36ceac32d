"""The trace: every rule valid on the reference date, for every subject of its kind, with its outcome, the facts
it read and its citations. About a hundred entries per advice, so this is the hot loop of composing.

`rows` gives plain dicts (the fields of `TraceEntry`); `entries` the models, built without validation (the parts
are valid by construction); `json` writes the trace straight to JSON from pieces written once per rule and
reference date and kept across cases. The tests hold `json` equal, byte for byte, to the models' JSON.
"""

from __future__ import annotations

from typing import Any, Literal

import pydantic_core

from .._memo import remembered
from ..evaluate import Evaluation
from ..model import Citation, CompiledRule, TraceEntry, trusted_from
from ._sources import Citer

_Plan = list[tuple[str, str, tuple[str, ...], str, str, list[Citation]]]

TraceMode = Literal["full", "fired", "none"]
"""How much of the trace an advice carries: every rule for every subject (`full`, the default), only the rules
that fired (`fired`), or nothing (`none`, for batches and summaries that never read it)."""


def trace_mode(trace: bool | TraceMode) -> TraceMode:
    """The mode a `trace` argument stands for (True: full, False: none)."""
    if trace is True:
        return "full"
    if trace is False:
        return "none"
    if trace not in ("full", "fired", "none"):
        raise ValueError(f"trace must be full, fired or none, not {trace!r}")
    return trace


class TraceWriter:
    def __init__(self, cite: Citer) -> None:
        self.cite = cite
        self._plans: dict[tuple[str, tuple[str, ...]], _Plan] = {}
        self._entry_json: dict[tuple[str, str, tuple[Any, ...], tuple[type, ...]], str] = {}

    def entries(self, ev: Evaluation, mode: TraceMode = "full") -> list[TraceEntry]:
        entry, model = trusted_from, TraceEntry
        return [entry(model, row) for row in self.rows(ev, mode)]

    def rows(self, ev: Evaluation, mode: TraceMode = "full") -> list[dict[str, Any]]:
        """The trace as plain dicts with the fields of `TraceEntry`, in rule id order, then subject order."""
        if mode == "none":
            return []
        by_kind, outcomes = _facts_by_kind(ev), ev.outcomes
        rows = [{"rule": rule_id, "subject": key, "outcome": outcomes.get((rule_id, key), "not_fired"),
                 "facts": {p: facts.get(p) for p in reads}, "citations": cites}
                for rule_id, kind, reads, _, _, cites in self._plan(ev)
                for key, facts in by_kind.get(kind, ())
                if mode == "full" or outcomes.get((rule_id, key)) == "fired"]
        return rows

    def json(self, ev: Evaluation, mode: TraceMode = "full") -> list[str]:
        """The JSON of the trace's entries, as pieces to join (comma-separated, without the brackets)."""
        if mode == "none":
            return []
        fired_only = mode == "fired"
        by_kind = _facts_by_kind(ev)
        subject_json = {s.key: _json(s.key) for s in ev.subjects}
        outcomes, written = ev.outcomes, self._entry_json
        parts: list[str] = []
        for rule_id, kind, reads, rule_head, rule_tail, _ in self._plan(ev):
            for key, facts in by_kind.get(kind, ()):
                outcome = outcomes.get((rule_id, key), "not_fired")
                if fired_only and outcome != "fired":
                    continue
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
        if parts:
            parts[-1] = parts[-1][:-1]  # no comma after the last entry
        return parts

    def _plan(self, ev: Evaluation) -> _Plan:
        """Per rule, in id order: its id, subject kind, sorted reads, the JSON a trace entry writes before the
        subject and after the facts, and the citations. Made once per set of rules and reference date."""
        def make() -> _Plan:
            plan = []
            for rule in sorted(ev.rules, key=_rule_id):
                cites = self.cite.rules([rule], ev.day)
                plan.append((rule.id, rule.subject, rule.sorted_reads, '{"rule":' + _json(rule.id) + ',"subject":',
                             ',"citations":' + _json(cites) + "},", cites))
            return plan
        return remembered(self._plans, (ev.day, tuple(r.id for r in ev.rules)), make, limit=10_000)


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
