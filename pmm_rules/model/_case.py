"""The case: a stuck household, pseudonymous, as a case system sends it (docs/design.md, the case)."""

from __future__ import annotations

import calendar
import datetime as dt
import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..errors import Message, msg
from ._identifiers import (
    Actor,
    AdaptationPurpose,
    AidDuration,
    AidKind,
    AttemptOutcome,
    BrpRegistration,
    CareLawOrNone,
    Creditor,
    DebtAssistanceStatus,
    DebtKind,
    DebtStage,
    DeliveryForm,
    Indication,
    MemberCondition,
    MemberRole,
    NeedContext,
    PendingApplication,
    Provision,
    SickTransportGroup,
    Step,
    Threat,
    TransportDestination,
    TransportMode,
    WlzDeliveryForm,
    WlzObjection,
)

Identifier = str


class _Strict(BaseModel):
    # allow_inf_nan=False: no engine compares `inf` or `nan` as Python does (durable_rules reads NaN as unknown),
    # and JSON has no way to write them.
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Municipality(_Strict):
    name: str | None = Field(default=None, description="name of the gemeente (shown only; never used to decide)")
    pmm_connected: bool | None = Field(default=None, description="the gemeente joined PMM (Maatwerkregister)")
    kennisgeving: bool | None = Field(
        default=None, description="the gemeente sends the Kennisgeving of the Landelijke Pauzeknop (NVVK) after "
                                  "toelating")


class CareNeed(_Strict):
    permanent_toezicht: bool | None = Field(
        default=None, description="needs permanent supervision to prevent escalation or serious harm (Wlz 3.2.1)")
    zorg_24uur_nabijheid: bool | None = Field(default=None, description="needs care nearby 24 hours a day (Wlz 3.2.1)")
    blijvend: bool | None = Field(default=None, description="the need is lasting (blijvend, Wlz 3.2.1 lid 2)")
    specifieke_verpleegkundige_handelingen: bool | None = Field(
        default=None, description="the care needed nearby 24 hours a day involves specific nursing acts (Bzv 2.10 "
                                  "lid 2 sub b, text until 2018: intensieve kindzorg)")
    voornamelijk_verpleging: bool | None = Field(
        default=None, description="a minor who, mainly because of complex somatic problems or a physical disability, "
                                  "depends on nursing and care as in Bzv 2.10 (Blz 3.1.5 sub b: then no Wlz)")
    wonen_met_begeleiding: bool | None = Field(
        default=None, description="a minor with an intellectual disability who depends on the care profile 'wonen met "
                                  "begeleiding en verzorging' (Blz 3.1.5 sub c: then no Wlz)")
    palliatief_terminaal: bool | None = Field(
        default=None, description="palliative terminal care with nursing and care from the health insurance (Blz 3.1.5 "
                                  "sub a: then no Wlz, unless it continues Wlz care)")


class WlzRefusal(_Strict):
    """The CIZ refused a Wlz indication."""

    date: dt.date | None = Field(default=None, description="date the CIZ decision was made known (sent); the six weeks "
                                                           "for an objection start the day after (Awb 6:8)")
    objection: WlzObjection | None = Field(
        default=None, description="bezwaar against the refusal: geen, ingediend, gegrond (upheld) or ongegrond")


class Member(_Strict):
    id: Identifier = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$",
                           description="pseudonymous id within the case; never a name")
    age: int | None = Field(default=None, ge=0, le=130, description="age in years on the reference date")
    birth_date: dt.date | None = Field(default=None, description="date of birth (instead of, or with, age)")
    role: MemberRole | None = Field(
        default=None, description="place in the household: aanvrager, echtgenoot, kind or medebewoner (Pw 19a)")
    conditions: list[MemberCondition] | None = Field(default=None, description="impairments and conditions")
    care_need: CareNeed | None = Field(default=None, description="the care need as the Wlz criterion reads it")
    indications: list[Indication] | None = Field(default=None, description="access decisions already taken")
    pending: list[PendingApplication] | None = Field(default=None, description="applications under way")
    wlz_refusal: WlzRefusal | None = Field(default=None, description="the CIZ refused a Wlz indication")
    wlz_delivery_form: WlzDeliveryForm | None = Field(
        default=None, description="how Wlz care is delivered: instelling, vpt, mpt, pgb or mpt_pgb (Wlz 3.3.2, 3.3.3)")
    refuses_wlz_application: bool | None = Field(
        default=None, description="the member (or representative) refuses to cooperate with a Wlz application")
    jeugdhulp_before_18: bool | None = Field(
        default=None, description="jeugdhulp started, or was found necessary, before the 18th birthday")
    jeugdhulp_continuation_decided: bool | None = Field(
        default=None, description="it was decided under the Jeugdwet that jeugdhulp continues after 18 (art 1.1)")
    lvb_with_behaviour_problems: bool | None = Field(
        default=None, description="a licht verstandelijke beperking with gedragsproblemen (Wlz 3.2.1 lid 3)")
    finish_jeugdwet_treatment_with_stay: bool | None = Field(
        default=None, description="a treatment with stay begun under the Jeugdwet is to be finished (Wlz 3.2.1 lid 3)")
    in_institution: bool | None = Field(default=None, description="lives in an institution")
    informal_carer_overburdened: bool | None = Field(
        default=None, description="the mantelzorger is overburdened (Wmo 2.3.2 lid 4)")
    avoids_care_due_to_costs: bool | None = Field(
        default=None, description="avoids care because of the eigen bijdrage or other costs")
    brp_registration: BrpRegistration | None = Field(
        default=None, description="registration in the BRP: woonadres, briefadres or geen")
    municipality: str | None = Field(
        default=None, description="the gemeente where the member lives or stays (shown only)")


class Need(_Strict):
    id: Identifier = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$",
                           description="pseudonymous id within the case")
    member: Identifier = Field(description="the id of the member who has the need")
    provision: Provision = Field(description="the provision needed")
    context: NeedContext | None = Field(default=None, description="where it is needed")
    medical: bool | None = Field(
        default=None, description="linked to medical care or a high risk of it (Bzv 2.10)")
    urgent: bool | None = Field(default=None, description="the need is urgent (spoedeisend)")
    own_means_sufficient: bool | None = Field(
        default=None, description="eigen kracht, gebruikelijke hulp, mantelzorg, the network or algemene voorzieningen "
                                  "suffice (Wmo 2.3.5 lid 3): the outcome of the onderzoek")
    usual_help_available: bool | None = Field(
        default=None, description="gebruikelijke hulp by housemates is available (Wmo 1.1.1)")
    granted_under: CareLawOrNone | None = Field(
        default=None, description="the law under which the need is provided now, if any")
    doctor_referral: bool | None = Field(
        default=None, description="a doctor referred to jeugdhulp (Jeugdwet 2.6 lid 1 sub e)")
    adaptation_purpose: AdaptationPurpose | None = Field(
        default=None, description="for a woningaanpassing: to give care, or for zelfredzaamheid")
    transport_destination: TransportDestination | None = Field(default=None, description="for vervoer: to where")
    transport_mode: TransportMode | None = Field(default=None, description="for vervoer: ambulance or zittend")
    sick_transport_groups: list[SickTransportGroup] | None = Field(
        default=None, description="for zittend ziekenvervoer: the groups of Bzv 2.14 lid 1 the member belongs to")
    transport_hardship: bool | None = Field(
        default=None, description="for the treatment of a long-term illness the member depends on transport for a "
                                  "long time (Bzv 2.14 lid 3; whether refusal would be unfair to an overriding degree "
                                  "is the insurer's judgment)")
    aid_designated_zvw: bool | None = Field(
        default=None, description="for a hulpmiddel: the Regeling zorgverzekering designates it (Bzv 2.9 lid 1)")
    aid_kind: AidKind | None = Field(
        default=None, description="for a hulpmiddel: rolstoel, drempelhulp, transferhulpmiddel, wassen_toilet or "
                                  "overig (Rzv 2.12 lid 2)")
    aid_duration: AidDuration | None = Field(
        default=None, description="for a hulpmiddel: needed for lasting use (blijvend) or a limited or uncertain "
                                  "duration (tijdelijk)")
    delivery_form: DeliveryForm | None = Field(default=None, description="zorg in natura or a pgb")


class Debt(_Strict):
    id: Identifier = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$",
                           description="pseudonymous id within the case")
    creditor: Creditor = Field(description="who collects the debt")
    kind: DebtKind | None = Field(default=None, description="what kind of debt it is")
    amount_eur: float | None = Field(default=None, ge=0, description="the amount in euros")
    stage: DebtStage | None = Field(default=None, description="how far collection has gone")
    months_arrears: int | None = Field(
        default=None, ge=0, le=600, description="monthly instalments in arrears (for zorgpremie: monthly premiums)")
    eviction_scheduled: bool | None = Field(
        default=None, description="with an ontruimingsvonnis: the eviction has been served with a date")


class DebtAssistance(_Strict):
    status: DebtAssistanceStatus | None = Field(
        default=None, description="geen, aangemeld, toegelaten, minnelijk_traject, wsnp_verzoek (request filed) or "
                                  "wsnp (the schuldsaneringsregeling was declared applicable)")
    vish_registered: bool | None = Field(default=None, description="registered in the VISH")


class Income(_Strict):
    bijstand: bool | None = Field(default=None, description="someone in the household receives bijstand (Pw)")


class Attempt(_Strict):
    step: Step = Field(description="the escalation step tried")
    outcome: AttemptOutcome = Field(description="vastgelopen, lopend or opgelost; the last attempt per step counts")


class Refusal(_Strict):
    need: Identifier = Field(description="the id of the need refused")
    by: Actor = Field(description="who refused")
    points_to: Actor | None = Field(default=None, description="whom the refusal pointed to")
    by_municipality: str | None = Field(
        default=None, description="when a gemeente refused: which one (to tell two gemeenten apart)")
    points_to_municipality: str | None = Field(
        default=None, description="when it pointed to a gemeente: which one")


class Case(_Strict):
    """A stuck case. Absent facts are unknown, never false."""

    schema_version: Literal[1] = Field(description="the version of the case format: 1")
    id: Identifier = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$",
                           description="pseudonymous case id; never a BSN or a name")
    reference_date: dt.date = Field(description="peildatum: the law as of this date")
    municipality: Municipality | None = Field(default=None, description="the gemeente of the household")
    members: list[Member] = Field(min_length=1, description="the members of the household (at least one)")
    needs: list[Need] | None = Field(default=None, description="what the household needs, per member")
    debts: list[Debt] | None = Field(default=None, description="the debts, per creditor")
    threats: list[Threat] | None = Field(
        default=None, description="what threatens: ontruiming, afsluiting of energy, water or stadsverwarming, "
                                  "opzegging of the zorgverzekering")
    debt_assistance: DebtAssistance | None = Field(default=None, description="the state of schuldhulpverlening")
    income: Income | None = Field(default=None, description="income facts that decide leeway (bijstand)")
    creditors_refusing: list[Creditor] | None = Field(
        default=None, description="creditors that refuse to cooperate with an arrangement or a pause")
    attempts: list[Attempt] | None = Field(default=None, description="the escalation steps tried, in order")
    refusals: list[Refusal] | None = Field(
        default=None, description="organisations that declined a need, and whom they pointed to")
    involved: list[Actor] | None = Field(default=None, description="the organisations involved")

    @model_validator(mode="after")
    def _references_resolve(self) -> Case:
        problems = reference_problems(self.model_dump(mode="python"))
        if problems:
            raise ValueError("; ".join(f"{'.'.join(map(str, path))}: {message.text()}" for path, message in problems))
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


def reference_problems(data: Any) -> list[tuple[tuple[str | int, ...], Message]]:
    """Ids that do not resolve, ids used twice, and ages that contradict birth dates, in raw case data.

    Works on data that is otherwise invalid too, so that a case with a bad age and a need for an unknown
    member gets both problems in one report.
    """
    if not isinstance(data, dict):
        return []

    def items(key: str) -> list[tuple[int, dict[str, Any]]]:
        value = data.get(key)
        return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)] if isinstance(value, list) else []

    problems: list[tuple[tuple[str | int, ...], Message]] = []
    for kind in ("members", "needs", "debts"):
        seen: set[str] = set()
        for i, item in items(kind):
            ident = item.get("id")
            if isinstance(ident, str) and ident in seen:
                problems.append(((kind, i, "id"), msg("problem.case-reference.twice", id=ident, list=kind)))
            if isinstance(ident, str):
                seen.add(ident)
    member_ids = sorted(str(m.get("id")) for _, m in items("members") if m.get("id") is not None)
    for i, need in items("needs"):
        if "member" in need and need["member"] not in member_ids:
            problems.append((("needs", i, "member"), msg("problem.case-reference.member", id=need["member"],
                                                          ids=member_ids)))
    need_ids = sorted(str(n.get("id")) for _, n in items("needs") if n.get("id") is not None)
    for i, refusal in items("refusals"):
        if "need" in refusal and refusal["need"] not in need_ids:
            problems.append((("refusals", i, "need"), msg("problem.case-reference.need", id=refusal["need"],
                                                           ids=need_ids or msg("says.none"))))
    reference = _as_date(data.get("reference_date"))
    for i, member in items("members"):
        birth = _as_date(member.get("birth_date"))
        if birth is None or reference is None:
            continue
        if birth > reference:
            problems.append((("members", i, "birth_date"), msg("problem.case-reference.after", date=birth,
                                                                reference=reference)))
        elif isinstance(member.get("age"), int) and member["age"] != age_on(birth, reference):
            problems.append((("members", i, "age"), msg("problem.case-reference.age", age=member["age"], birth=birth,
                                                         reference=reference, actual=age_on(birth, reference))))
    for i, member in items("members"):
        wlz_refusal = member.get("wlz_refusal")
        refused_on = _as_date(wlz_refusal.get("date")) if isinstance(wlz_refusal, dict) else None
        if refused_on is not None and reference is not None and refused_on > reference:
            problems.append((("members", i, "wlz_refusal", "date"),
                             msg("problem.case-reference.after", date=refused_on, reference=reference)))
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
