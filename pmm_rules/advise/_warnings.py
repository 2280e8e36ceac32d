"""Warnings that come before the advice: the reference date lies before the law the rules encode."""

from __future__ import annotations

import datetime as dt

from ..evaluate import Evaluation
from ..labels import both
from ..model import AdviceWarning, CompiledRule, Text

# The Wmo 2015, the Jeugdwet and the Wlz took effect on 1 January 2015; before it the Wmo (2007), the AWBZ and
# the Wet op de jeugdzorg applied, which are not encoded.
CARE_LAWS_FROM = dt.date(2015, 1, 1)


class Warnings:
    def __init__(self, rules: list[CompiledRule]) -> None:
        self.earliest = min((r.valid_from for r in rules), default=None)
        self.earliest_debt = min((r.valid_from for r in rules if r.domain == "schulden"), default=None)

    def __call__(self, ev: Evaluation) -> list[AdviceWarning]:
        day = ev.case.reference_date
        found = []
        if self.earliest is not None and ev.day < self.earliest:
            found.append("peildatum_voor_regels")
        if day < CARE_LAWS_FROM and ev.case.needs:
            found.append("peildatum_voor_zorgwetten")
        debts = ev.values.get("case", {}).get("case.debt_context")
        if debts and self.earliest_debt is not None and ev.day < self.earliest_debt:
            found.append("peildatum_voor_schuldregels")
        return [AdviceWarning(code=code, text=Text(**both(f"warning.{code}", date=ev.day))) for code in found]
