"""The case: a stuck household, pseudonymous, as a case system sends it (docs/design.md, the case)."""

from __future__ import annotations

import calendar
import datetime as dt
import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ._identifiers import (
    Actor,
    AttemptOutcome,
    Creditor,
    DebtAssistanceStatus,
    DebtStage,
    Indication,
    MemberCondition,
    NeedContext,
    PendingApplication,
    Provision,
    Step,
    Threat,
)

Identifier = str


class _Strict(BaseModel):
    # allow_inf_nan=False: no engine compares `inf` or `nan` as Python does (durable_rules reads NaN as unknown),
    # and JSON has no way to write them.
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Municipality(_Strict):
    name: str | None = None
    pmm_connected: bool | None = None


class CareNeed(_Strict):
    permanent_toezicht: bool | None = None
    zorg_24uur_nabijheid: bool | None = None
    blijvend: bool | None = None


class Member(_Strict):
    id: Identifier = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")
    age: int | None = Field(default=None, ge=0, le=130)
    birth_date: dt.date | None = None
    conditions: list[MemberCondition] | None = None
    care_need: CareNeed | None = None
    indications: list[Indication] | None = None
    pending: list[PendingApplication] | None = None
    jeugdhulp_before_18: bool | None = None
    in_institution: bool | None = None


class Need(_Strict):
    id: Identifier = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")
    member: Identifier
    provision: Provision
    context: NeedContext | None = None
    medical: bool | None = None
    urgent: bool | None = None


class Debt(_Strict):
    id: Identifier = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")
    creditor: Creditor
    amount_eur: float | None = Field(default=None, ge=0)
    stage: DebtStage | None = None


class DebtAssistance(_Strict):
    status: DebtAssistanceStatus | None = None
    vish_registered: bool | None = None


class Attempt(_Strict):
    step: Step
    outcome: AttemptOutcome


class Refusal(_Strict):
    need: Identifier
    by: Actor
    points_to: Actor | None = None


class Case(_Strict):
    """A stuck case. Absent facts are unknown, never false."""

    schema_version: Literal[1]
    id: Identifier = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$",
                           description="pseudonymous case id; never a BSN or a name")
    reference_date: dt.date = Field(description="peildatum: the law as of this date")
    municipality: Municipality | None = None
    members: list[Member] = Field(min_length=1)
    needs: list[Need] | None = None
    debts: list[Debt] | None = None
    threats: list[Threat] | None = None
    debt_assistance: DebtAssistance | None = None
    creditors_refusing: list[Creditor] | None = None
    attempts: list[Attempt] | None = None
    refusals: list[Refusal] | None = None
    involved: list[Actor] | None = None

    @model_validator(mode="after")
    def _references_resolve(self) -> Case:
        problems = reference_problems(self.model_dump(mode="python"))
        if problems:
            raise ValueError("; ".join(f"{'.'.join(map(str, path))}: {message}" for path, message in problems))
        return self

    def member(self, member_id: str) -> Member:
        return next(m for m in self.members if m.id == member_id)

    def age_of(self, member: Member) -> int | None:
        if member.birth_date is not None:
            return age_on(member.birth_date, self.reference_date)
        return member.age

    @classmethod
    def from_yaml(cls, path: str | Path) -> Case:
        """Load a case file (YAML or JSON); raise `InvalidInput` with every problem and its location."""
        from ..load import load_case  # at call time: the load stage comes after the models

        return load_case(path)

    @classmethod
    def from_data(cls, data: Any, source: str = "<case>") -> Case:
        from ..load import case_from_data  # at call time: the load stage comes after the models

        return case_from_data(data, source)

    def to_json(self) -> str:
        return json.dumps(self.model_dump(mode="json", exclude_none=True), sort_keys=True, ensure_ascii=False,
                          allow_nan=False)


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def reference_problems(data: Any) -> list[tuple[tuple[str | int, ...], str]]:
    """Ids that do not resolve, ids used twice, and ages that contradict birth dates, in raw case data.

    Works on data that is otherwise invalid too, so that a case with a bad age and a need for an unknown
    member gets both problems in one report.
    """
    if not isinstance(data, dict):
        return []

    def items(key: str) -> list[tuple[int, dict[str, Any]]]:
        value = data.get(key)
        return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)] if isinstance(value, list) else []

    problems: list[tuple[tuple[str | int, ...], str]] = []
    for kind in ("members", "needs", "debts"):
        seen: set[str] = set()
        for i, item in items(kind):
            ident = item.get("id")
            if isinstance(ident, str) and ident in seen:
                problems.append(((kind, i, "id"), f"id '{ident}' is used twice in {kind}"))
            if isinstance(ident, str):
                seen.add(ident)
    member_ids = sorted(str(m.get("id")) for _, m in items("members") if m.get("id") is not None)
    for i, need in items("needs"):
        if "member" in need and need["member"] not in member_ids:
            problems.append((("needs", i, "member"), f"'{need['member']}' is not the id of a member "
                             f"(members: {', '.join(member_ids)})"))
    need_ids = sorted(str(n.get("id")) for _, n in items("needs") if n.get("id") is not None)
    for i, refusal in items("refusals"):
        if "need" in refusal and refusal["need"] not in need_ids:
            problems.append((("refusals", i, "need"), f"'{refusal['need']}' is not the id of a need "
                             f"(needs: {', '.join(need_ids) or 'none'})"))
    reference = _as_date(data.get("reference_date"))
    for i, member in items("members"):
        birth = _as_date(member.get("birth_date"))
        if birth is None or reference is None:
            continue
        if birth > reference:
            problems.append((("members", i, "birth_date"), f"{birth} is after the reference date {reference}"))
        elif isinstance(member.get("age"), int) and member["age"] != age_on(birth, reference):
            problems.append((("members", i, "age"), f"{member['age']} does not match birth_date {birth} on "
                             f"{reference} (age {age_on(birth, reference)}); give one of the two"))
    return problems


def age_on(birth_date: dt.date, on: dt.date) -> int:
    """Age in whole years on a date (a birthday on 29 February counts from 1 March in other years)."""
    years = on.year - birth_date.year
    if (on.month, on.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def months_until(birth_date: dt.date, years: int, on: dt.date) -> int:
    """Whole months from `on` until the day the person turns `years` (negative once passed). Computed on the
    numbers of the dates, not with date objects: the birthday may fall after year 9999, which `date` cannot hold."""
    year, month, day = birth_date.year + years, birth_date.month, birth_date.day
    if (month, day) == (2, 29) and not calendar.isleap(year):  # 29 February counts from 1 March in other years
        month, day = 3, 1
    months = (year - on.year) * 12 + (month - on.month)
    if day < on.day:
        months -= 1
    return months
