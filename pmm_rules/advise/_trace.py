"""The trace: every rule valid on the reference date, for every subject of its kind, with its outcome, the facts
it read and its citations. About a hundred entries per advice, so this is the hot loop of composing.

`rows` gives plain dicts (the fields of `TraceEntry`); `entries` the models, built without validation (the parts
are valid by construction); `json` writes the trace straight to JSON from pieces written once per set of rules
(with a slot for the reference date in statute links) and kept across cases. The tests hold `json` equal, byte
for byte, to the models' JSON. Every cache here is bounded in bytes: memory does not grow with the number of
reference dates or fact values a batch brings.
"""

from __future__ import annotations

from typing import Any, Literal

import pydantic_core

from .._memo import Memo
from ..evaluate import Evaluation
from ..model import Citation, CompiledRule, TraceEntry, trusted_from
from ._sources import DATE_SLOT, Citer

# Per rule, in id order: its id, subject kind, sorted reads, and the JSON a trace entry writes before the subject
# and after the facts (the tail holds the citations; in a template, statute links have DATE_SLOT for the date).
_Plan = list[tuple[str, str, tuple[str, ...], str, str]]
_TEMPLATE_BYTES = 16 << 20  # plans per set of valid rules: bounded by the rule base, this is only a guard
_DATED_BYTES = 16 << 20  # plans per reference date: those of about a hundred dates
_ENTRY_BYTES = 16 << 20  # entry JSON per rule, outcome and fact values (read for every trace entry)


def _entry_size(key: tuple[Any, ...], middle: str) -> int:
    return 2 * len(middle) + 64 * len(key[2]) + 200


def _plan_size(key: tuple[Any, ...], plan: Any) -> int:
    # the texts a plan owns (head and tail per rule, about 1 byte per character) and its tuples
    entries = plan[0] if isinstance(plan, tuple) else plan
    return sum(len(head) + len(tail) + 250 for _, _, _, head, tail in entries) + 8 * len(key[-1]) + 200


def _cites_size(key: tuple[Any, ...], cites: list[list[Any]]) -> int:
    return 900 * sum(len(c) for c in cites) + 64 * len(cites) + 8 * len(key[-1])


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
        self._templates: Memo[tuple[str, ...], tuple[_Plan, bool]] = Memo(
            _TEMPLATE_BYTES, size=lambda key, value: _plan_size((key,), value))
        self._plans: Memo[tuple[str, tuple[str, ...]], _Plan] = Memo(_DATED_BYTES, size=_plan_size)
        self._cites: Memo[tuple[str, tuple[str, ...]], list[list[Citation]]] = Memo(_DATED_BYTES, size=_cites_size)
        self._entry_json: Memo[tuple[str, str, tuple[Any, ...], tuple[type, ...]], str] = Memo(
            _ENTRY_BYTES, size=_entry_size, lru=False)

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
                for (rule_id, kind, reads, _, _), cites in zip(self._plan(ev), self._citations(ev), strict=True)
                for key, facts in by_kind.get(kind, ())
                if mode == "full" or outcomes.get((rule_id, key)) == "fired"]
        return rows

    def _citations(self, ev: Evaluation) -> list[list[Citation]]:
        """Per rule of the plan, in the same order, its citations on the evaluation's reference date."""
        rules = sorted(ev.rules, key=_rule_id)
        return self._cites.get((ev.day, tuple(r.id for r in ev.rules)),
                               lambda: [self.cite.rules([rule], ev.day) for rule in rules])

    def json(self, ev: Evaluation, mode: TraceMode = "full") -> list[str]:
        """The JSON of the trace's entries, as pieces to join (comma-separated, without the brackets)."""
        if mode == "none":
            return []
        fired_only = mode == "fired"
        by_kind = _facts_by_kind(ev)
        subject_json = {s.key: _json(s.key) for s in ev.subjects}
        outcomes, written = ev.outcomes, self._entry_json
        parts: list[str] = []
        for rule_id, kind, reads, rule_head, rule_tail in self._plan(ev):
            for key, facts in by_kind.get(kind, ()):
                outcome = outcomes.get((rule_id, key), "not_fired")
                if fired_only and outcome != "fired":
                    continue
                values = tuple(map(facts.get, reads))
                # Most entries repeat across cases (flags, provisions, ages): what was written is kept, up to a
                # bound in bytes. The types are in the key because True == 1 == 1.0 while their JSON differs.
                entry_key = (rule_id, outcome, values, tuple(map(type, values)))
                middle = written.lookup(entry_key)
                if middle is None:
                    middle = ',"outcome":"' + outcome + '","facts":' + _json(dict(zip(reads, values, strict=True)))
                    written.put(entry_key, middle)
                parts += (rule_head, subject_json[key], middle, rule_tail)
        if parts:
            parts[-1] = parts[-1][:-1]  # no comma after the last entry
        return parts

    def _plan(self, ev: Evaluation) -> _Plan:
        """The plan of the rules valid on the evaluation's reference date, with that date in statute links. Made
        from the template of that set of rules by filling in the date: a new date costs a string replace per
        rule, and dated plans are kept in a cache bounded in bytes."""
        rule_ids = tuple(r.id for r in ev.rules)

        def dated() -> _Plan:
            template, exact = self._templates.get(rule_ids, lambda: self._template(ev.rules))
            if not exact:  # a rule's own text holds DATE_SLOT: write that plan for the date itself
                return self._make(ev.rules, lambda rule: self.cite.rules([rule], ev.day))
            return [(rule_id, kind, reads, head, tail.replace(DATE_SLOT, ev.day))
                    for rule_id, kind, reads, head, tail in template]

        return self._plans.get((ev.day, rule_ids), dated)

    def _template(self, rules: list[CompiledRule]) -> tuple[_Plan, bool]:
        dated_links = 0

        def undated(rule: CompiledRule) -> list[Any]:
            nonlocal dated_links
            cites = self.cite.undated(list(rule.rule.sources))
            dated_links += sum(1 for c in cites if c.url is not None and DATE_SLOT in c.url)
            return cites

        plan = self._make(rules, undated)
        # Exact only if DATE_SLOT stands in the JSON exactly where dated links have it (no rule text holds it).
        return plan, sum(tail.count(DATE_SLOT) for *_, tail in plan) == dated_links

    @staticmethod
    def _make(rules: list[CompiledRule], cite: Any) -> _Plan:
        return [(rule.id, rule.subject, rule.sorted_reads, '{"rule":' + _json(rule.id) + ',"subject":',
                 ',"citations":' + _json(cite(rule)) + "},") for rule in sorted(rules, key=_rule_id)]


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
