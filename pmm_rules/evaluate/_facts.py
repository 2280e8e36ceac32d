"""From a case to flat facts per subject: the only place that knows how the case format maps to fact paths.

Every fact path of the vocabulary gets a value or `None` (unknown). Sets become one boolean flag per
vocabulary value (`member.conditions.spraakbeperking`), known exactly when the list is given. Aggregates
and negations that durable_rules cannot express soundly (any threat, refusals pointing at each other,
the last outcome per escalation step) are computed here, in plain Python, once per case.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import NOT_ATTEMPTED, Case, Debt, Member, Need, Refusal, Vocabulary, months_until
from ._termijnen import bezwaartermijn_last_day
from .backends import FlatFacts


@dataclass(frozen=True)
class Subject:
    """One thing rules are evaluated for: the case, a need or a debt."""

    kind: str  # case | need | debt
    id: str  # "case", or the need's / debt's id
    facts: FlatFacts
    key: str = field(init=False, compare=False)  # "case", "need:<id>" or "debt:<id>"; read a lot, so stored

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", self.kind if self.kind == "case" else f"{self.kind}:{self.id}")


def _flags(prefix: str, values: Sequence[str] | None, universe: tuple[str, ...]) -> FlatFacts:
    # The set itself is known exactly when the list is given (`exists` tests it); its flags say what is in it.
    if values is None:
        return {prefix: None, **{f"{prefix}.{v}": None for v in universe}}
    present = set(values)
    return {prefix: True, **{f"{prefix}.{v}": v in present for v in universe}}


# The months of the winter ban on cutting off energy (1 October to 31 March).
_WINTER_MONTHS = frozenset({10, 11, 12, 1, 2, 3})
# Debt assistance that has started: the household asked for schuldhulp (or more).
_ASSISTANCE_STARTED = frozenset({"aangemeld", "toegelaten", "minnelijk_traject", "wsnp", "wsnp_verzoek"})


def case_facts(case: Case, vocab: Vocabulary) -> FlatFacts:
    debts = case.debts
    municipality = case.municipality
    refusing = case.creditors_refusing
    facts: FlatFacts = {
        "case.reference_date": case.reference_date.isoformat(),
        "case.municipality.pmm_connected": municipality.pmm_connected if municipality else None,
        "case.municipality.kennisgeving": municipality.kennisgeving if municipality else None,
        "case.threatening_situation": (len(case.threats) > 0) if case.threats is not None else None,
        "case.debt_assistance.status": case.debt_assistance.status if case.debt_assistance else None,
        "case.debt_assistance.vish_registered": case.debt_assistance.vish_registered if case.debt_assistance
        else None,
        "case.has_beslag": _has_stage(debts, "beslag"),
        "case.debt_context": debt_context(case),
        "case.creditors_refusing_any": (len(refusing) > 0) if refusing is not None else None,
        "case.something_needed": _something_needed(case),
        "case.beslag_samenloop": _beslag_samenloop(debts),
        "case.winterperiode": case.reference_date.month in _WINTER_MONTHS,
        "case.income.bijstand": case.income.bijstand if case.income else None,
        "case.kostendelers_27plus": _kostendelers(case, 27),
        "case.kostendelers_21plus": _kostendelers(case, 21),
    }
    facts.update(_flags("case.threats", case.threats, vocab.values("threats")))
    facts.update(_flags("case.creditors_refusing", refusing, vocab.creditors))
    facts.update(_flags("case.creditors", [d.creditor for d in debts] if debts is not None else None,
                        vocab.creditors))
    facts["case.debt_stages"] = None if debts is None else True
    for stage in vocab.values("debt_stages"):
        facts[f"case.debt_stages.{stage}"] = _has_stage(debts, stage)
    facts.update(_flags("case.involved", case.involved, vocab.values("actors")))
    for step in vocab.values("escalation_steps"):
        facts[f"case.attempts.{step}"] = _last_outcome(case, step)
    return facts


def _has_stage(debts: list[Debt] | None, stage: str) -> bool | None:
    if debts is None:
        return None
    if any(d.stage == stage for d in debts):
        return True
    # An unknown stage might be this one: only a full list of known stages can rule it out.
    return None if any(d.stage is None for d in debts) else False


def debt_context(case: Case) -> bool:
    """Whether the case is about debts at all: debts, a threat, a debt need, debt assistance or refusing creditors.
    Known always (closed world on purpose): it decides whether debt questions are worth asking."""
    return bool(case.debts or case.threats or case.creditors_refusing
                or any(n.provision == "schuldhulpverlening" for n in case.needs or [])
                or (case.debt_assistance is not None and case.debt_assistance.status in _ASSISTANCE_STARTED))


def _something_needed(case: Case) -> bool | None:
    lists = (case.needs, case.debts, case.threats)
    if any(lists):
        return True
    return None if any(item is None for item in lists) else False


def _beslag_samenloop(debts: list[Debt] | None) -> bool | None:
    """Two or more creditors have attached (Rv 478: the beslagen meet, one beslagvrije voet for all)."""
    if debts is None:
        return None
    seizing = {d.creditor for d in debts if d.stage == "beslag"}
    if len(seizing) >= 2:
        return True
    unknown = {d.creditor for d in debts if d.stage is None} - seizing
    return None if len(seizing) + len(unknown) >= 2 else False


def _kostendelers(case: Case, min_age: int) -> int | None:
    """Members of `min_age` or older who share costs with the applicant (Pw 19a lid 1: 27 since 2023, 21 before;
    children and other co-residents; the spouse does not count, nor does the applicant himself). None when an age or
    the role of such a member is unknown. Zero when the applicant is younger than 21: the kostendelersnorm of 22a
    lid 1 is for a belanghebbende of 21 or older."""
    ages = [case.age_of(m) for m in case.members]
    if any(age is None for age in ages):
        return None
    applicants = [age for m, age in zip(case.members, ages, strict=True) if m.role == "aanvrager"]
    if applicants and all(age is not None and age < 21 for age in applicants):
        return 0
    adults = [m for m, age in zip(case.members, ages, strict=True) if age is not None and age >= 18]
    older = [m for m, age in zip(case.members, ages, strict=True) if age is not None and age >= min_age]
    if len(adults) <= 1 or not older:
        return 0
    if any(m.role is None for m in older):
        return None
    return sum(1 for m in older if m.role in ("kind", "medebewoner"))


def _last_outcome(case: Case, step: str) -> str | None:
    if case.attempts is None:
        return None
    outcomes = [a.outcome for a in case.attempts if a.step == step]
    return outcomes[-1] if outcomes else NOT_ATTEMPTED


def member_facts(case: Case, member: Member, vocab: Vocabulary) -> FlatFacts:
    care = member.care_need
    birth = member.birth_date
    refusal = member.wlz_refusal
    refused_on = refusal.date if refusal else None
    # The objection term against the CIZ refusal: six weeks from the day after bekendmaking (Awb 6:7, 6:8), moved past
    # a Saturday, Sunday or feestdag (Algemene termijnenwet art 1). Rules test the days left, the advice shows the day.
    last_day = bezwaartermijn_last_day(refused_on) if refused_on else None
    facts: FlatFacts = {
        "member.age": case.age_of(member),
        "member.months_until_18": months_until(birth, 18, case.reference_date) if birth else None,
        "member.months_until_23": months_until(birth, 23, case.reference_date) if birth else None,
        "member.care_need.permanent_toezicht": care.permanent_toezicht if care else None,
        "member.care_need.zorg_24uur_nabijheid": care.zorg_24uur_nabijheid if care else None,
        "member.care_need.blijvend": care.blijvend if care else None,
        "member.care_need.specifieke_verpleegkundige_handelingen":
            care.specifieke_verpleegkundige_handelingen if care else None,
        "member.care_need.voornamelijk_verpleging": care.voornamelijk_verpleging if care else None,
        "member.care_need.wonen_met_begeleiding": care.wonen_met_begeleiding if care else None,
        "member.care_need.palliatief_terminaal": care.palliatief_terminaal if care else None,
        "member.jeugdhulp_before_18": member.jeugdhulp_before_18,
        "member.jeugdhulp_continuation_decided": member.jeugdhulp_continuation_decided,
        "member.in_institution": member.in_institution,
        "member.wlz_refusal_date": refused_on.isoformat() if refused_on else None,
        "member.days_since_wlz_refusal": (case.reference_date - refused_on).days if refused_on else None,
        "member.wlz_objection_last_day": last_day.isoformat() if last_day else None,
        "member.wlz_objection_days_left": (last_day - case.reference_date).days if last_day else None,
        "member.wlz_objection": refusal.objection if refusal else None,
        "member.wlz_delivery_form": member.wlz_delivery_form,
        "member.refuses_wlz_application": member.refuses_wlz_application,
        "member.lvb_with_behaviour_problems": member.lvb_with_behaviour_problems,
        "member.finish_jeugdwet_treatment_with_stay": member.finish_jeugdwet_treatment_with_stay,
        "member.informal_carer_overburdened": member.informal_carer_overburdened,
        "member.avoids_care_due_to_costs": member.avoids_care_due_to_costs,
        "member.brp_registration": member.brp_registration,
    }
    facts.update(_flags("member.conditions", list(member.conditions) if member.conditions is not None else None,
                        vocab.values("conditions")))
    facts.update(_flags("member.indications", list(member.indications) if member.indications is not None else None,
                        vocab.values("indications")))
    facts.update(_flags("member.pending", list(member.pending) if member.pending is not None else None,
                        vocab.values("pending_applications")))
    return facts


def need_facts(case: Case, need: Need, vocab: Vocabulary) -> FlatFacts:
    refusals = [r for r in case.refusals if r.need == need.id] if case.refusals is not None else None
    facts: FlatFacts = {
        "need.provision": need.provision,
        "need.context": need.context,
        "need.medical": need.medical,
        "need.urgent": need.urgent,
        "need.own_means_sufficient": need.own_means_sufficient,
        "need.usual_help_available": need.usual_help_available,
        "need.granted_under": need.granted_under,
        "need.doctor_referral": need.doctor_referral,
        "need.adaptation_purpose": need.adaptation_purpose,
        "need.transport_destination": need.transport_destination,
        "need.transport_mode": need.transport_mode,
        "need.transport_hardship": need.transport_hardship,
        "need.aid_designated_zvw": need.aid_designated_zvw,
        "need.aid_kind": need.aid_kind,
        "need.aid_duration": need.aid_duration,
        "need.delivery_form": need.delivery_form,
        "need.refusals_point_at_each_other": _point_at_each_other(refusals),
        "need.municipalities_point_at_each_other": _point_at_each_other(refusals, only="gemeente"),
    }
    facts.update(_flags("need.sick_transport_groups", need.sick_transport_groups,
                        vocab.values("sick_transport_groups")))
    facts.update(_flags("need.refused_by", [r.by for r in refusals] if refusals is not None else None,
                        vocab.values("actors")))
    facts.update(_flags("need.pointed_to",
                        [r.points_to for r in refusals if r.points_to] if refusals is not None else None,
                        vocab.values("actors")))
    return facts


def _point_at_each_other(refusals: list[Refusal] | None, only: str | None = None) -> bool | None:
    """Two refusals that point at each other. A party is an actor with, for a gemeente, its name where the case
    gives it: gemeente A pointing to gemeente B is no deadlock by itself, A to B and B to A is."""
    if refusals is None:
        return None
    pairs = {((r.by, r.by_municipality), (r.points_to, r.points_to_municipality))
             for r in refusals if r.points_to and (only is None or r.by == r.points_to == only)}
    return any((to, by) in pairs for by, to in pairs if by != to)


def debt_facts(debt: Debt) -> FlatFacts:
    return {"debt.creditor": debt.creditor, "debt.amount_eur": debt.amount_eur, "debt.stage": debt.stage,
            "debt.kind": debt.kind, "debt.months_arrears": debt.months_arrears,
            "debt.eviction_scheduled": debt.eviction_scheduled}


def subjects_of(case: Case, vocab: Vocabulary) -> list[Subject]:
    """The case, each need (with its member) and each debt, in a canonical order (ids sorted)."""
    shared = case_facts(case, vocab)
    subjects = [Subject("case", "case", dict(shared))]
    for need in sorted(case.needs or [], key=lambda n: n.id):
        facts = dict(shared)
        facts.update(member_facts(case, case.member(need.member), vocab))
        facts.update(need_facts(case, need, vocab))
        subjects.append(Subject("need", need.id, facts))
    for debt in sorted(case.debts or [], key=lambda d: d.id):
        facts = dict(shared)
        facts.update(debt_facts(debt))
        subjects.append(Subject("debt", debt.id, facts))
    return subjects


def case_path(subject: Subject, path: str, case: Case) -> str:
    """Where in the case file a professional supplies the fact behind `path` for this subject."""
    head, _, rest = path.partition(".")
    root = rest.split(".", 1)[0]
    if head == "case":
        if root in ("threats", "threatening_situation"):
            return "threats"
        if root in ("creditors", "has_beslag", "debt_stages", "beslag_samenloop"):
            return "debts"
        if root in ("attempts", "income"):
            return rest if root == "income" else "attempts"
        if root in ("municipality", "debt_assistance"):
            return rest if root == "municipality" else f"debt_assistance.{rest.split('.')[1]}"
        if root == "creditors_refusing_any":
            return "creditors_refusing"
        if root in ("something_needed", "debt_context"):
            return "needs"
        if root in ("kostendelers_27plus", "kostendelers_21plus"):
            return "members"
        if root == "winterperiode":
            return "reference_date"
        return rest.split(".")[0] if root in ("creditors_refusing", "involved") else rest
    if head == "member":
        member_id = next(n.member for n in case.needs or [] if n.id == subject.id)
        if root in ("conditions", "indications", "pending"):
            return f"members.{member_id}.{root}"
        if root in ("months_until_18", "months_until_23"):
            return f"members.{member_id}.birth_date"
        if root in ("wlz_refusal_date", "days_since_wlz_refusal", "wlz_objection_last_day", "wlz_objection_days_left"):
            return f"members.{member_id}.wlz_refusal.date"
        if root == "wlz_objection":
            return f"members.{member_id}.wlz_refusal.objection"
        if root == "age":
            return f"members.{member_id}.age"
        return f"members.{member_id}.{rest}"
    if head == "need":
        if root in ("refused_by", "pointed_to", "refusals_point_at_each_other", "municipalities_point_at_each_other"):
            return "refusals"
        return f"needs.{subject.id}.{rest}"
    if head == "debt":
        return f"debts.{subject.id}.{rest}"
    return path
