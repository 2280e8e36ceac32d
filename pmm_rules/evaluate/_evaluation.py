"""Evaluating a case: the rules valid on its reference date, stratum by stratum, on a backend.

The result, an `Evaluation`, is what the advise stage composes the advice from: the outcome of every rule
for every subject it concerns, and the facts each subject was evaluated on (derived facts included).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..errors import EngineError
from ..model import Case, CompiledRule, Need, Outcome, Vocabulary
from ._facts import Subject, subjects_of
from ._plan import Plan, derived_value
from .backends import Backend

log = logging.getLogger("pmm_rules")


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


class Evaluator:
    """The rules of a rule base on one backend; `evaluate` is safe to call from many threads."""

    def __init__(self, rules: Iterable[CompiledRule], backend: Backend, vocabulary: Vocabulary) -> None:
        self.rules = list(rules)
        self.backend = backend
        self.vocabulary = vocabulary
        # The rules valid on a date change only where some rule's validity starts or ends: one plan per period
        # between those dates, however many reference dates the cases bring (memory bounded by the rule base).
        self._bounds = sorted({r.valid_from for r in self.rules} | {_day_after(r.valid_to) for r in self.rules
                                                                     if r.valid_to is not None})
        self._plans: dict[int, Plan] = {}

    def evaluate(self, case: Case) -> Evaluation:
        """Outcome of every rule valid on the case's reference date, for every subject it concerns."""
        plan = self.plan(case.reference_date.isoformat())
        subjects = subjects_of(case, self.vocabulary)
        values: dict[str, dict[str, Any]] = {s.key: dict(s.facts) for s in subjects}
        outcomes: dict[tuple[str, str], Outcome] = {}
        try:
            with self.backend.session() as session:
                for stratum in plan.strata:
                    batch = [(s.key, s.kind, values[s.key]) for s in subjects if s.kind in stratum.kinds]
                    if not batch:
                        continue
                    outcomes.update(session.run(stratum.rules, stratum.number, batch))
                    for subject in subjects:
                        for path, kind, writers in stratum.derived.get(subject.kind, ()):
                            values[subject.key][path] = derived_value(
                                kind, [(w, outcomes.get((w.id, subject.key), "not_fired")) for w in writers])
        except EngineError as exc:
            log.error("case %s: engine error: %s", case.id, exc)
            raise exc.with_context(f"case {case.id}") from None
        return Evaluation(case=case, subjects=subjects, rules=plan.rules, outcomes=outcomes, values=values)

    def plan(self, day: str) -> Plan:
        """What to evaluate on a reference date: the valid rules per stratum (made once per period of validity)."""
        period = bisect.bisect_right(self._bounds, day)
        found = self._plans.get(period)
        if found is None:
            found = self._plans[period] = Plan.of([r for r in self.rules if r.valid_on(day)])
        return found


def _day_after(day: str) -> str:
    """The ISO date after `day`; past the last date Python knows, a text after every date."""
    try:
        return (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()
    except (OverflowError, ValueError):
        return "~"
