"""From a case to flat facts per subject: the only place that knows how the case format maps to fact paths.

Every fact path of the vocabulary gets a value or `None` (unknown). Sets become one boolean flag per
vocabulary value (`member.conditions.spraakbeperking`), known exactly when the list is given. Aggregates
and negations that durable_rules cannot express soundly (any threat, refusals pointing at each other,
the last outcome per escalation step) are computed here, in plain Python, once per case.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model import NOT_ATTEMPTED, Case, Debt, Member, Need, Vocabulary, months_until
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


def case_facts(case: Case, vocab: Vocabulary) -> FlatFacts:
    debts = case.debts
    facts: FlatFacts = {
        "case.reference_date": case.reference_date.isoformat(),
        "case.municipality.pmm_connected": case.municipality.pmm_connected if case.municipality else None,
        "case.threatening_situation": (len(case.threats) > 0) if case.threats is not None else None,
        "case.debt_assistance.status": case.debt_assistance.status if case.debt_assistance else None,
        "case.debt_assistance.vish_registered": case.debt_assistance.vish_registered if case.debt_assistance
        else None,
        "case.has_beslag": _has_beslag(debts),
    }
    facts.update(_flags("case.threats", case.threats, vocab.values("threats")))
    facts.update(_flags("case.creditors_refusing", case.creditors_refusing, vocab.creditors))
    facts.update(_flags("case.creditors", [d.creditor for d in debts] if debts is not None else None,
                        vocab.creditors))
    facts.update(_flags("case.involved", case.involved, vocab.values("actors")))
    for step in vocab.values("escalation_steps"):
        facts[f"case.attempts.{step}"] = _last_outcome(case, step)
    return facts


def _has_beslag(debts: list[Debt] | None) -> bool | None:
    if debts is None:
        return None
    if any(d.stage == "beslag" for d in debts):
        return True
    # An unknown stage might be beslag: only a full list of known stages can rule it out.
    return None if any(d.stage is None for d in debts) else False


def _last_outcome(case: Case, step: str) -> str | None:
    if case.attempts is None:
        return None
    outcomes = [a.outcome for a in case.attempts if a.step == step]
    return outcomes[-1] if outcomes else NOT_ATTEMPTED


def member_facts(case: Case, member: Member, vocab: Vocabulary) -> FlatFacts:
    care = member.care_need
    facts: FlatFacts = {
        "member.age": case.age_of(member),
        "member.months_until_18": months_until(member.birth_date, 18, case.reference_date)
        if member.birth_date else None,
        "member.care_need.permanent_toezicht": care.permanent_toezicht if care else None,
        "member.care_need.zorg_24uur_nabijheid": care.zorg_24uur_nabijheid if care else None,
        "member.care_need.blijvend": care.blijvend if care else None,
        "member.jeugdhulp_before_18": member.jeugdhulp_before_18,
        "member.in_institution": member.in_institution,
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
        "need.refusals_point_at_each_other": _point_at_each_other(refusals),
    }
    facts.update(_flags("need.refused_by", [r.by for r in refusals] if refusals is not None else None,
                        vocab.values("actors")))
    facts.update(_flags("need.pointed_to",
                        [r.points_to for r in refusals if r.points_to] if refusals is not None else None,
                        vocab.values("actors")))
    return facts


def _point_at_each_other(refusals: list[Any] | None) -> bool | None:
    if refusals is None:
        return None
    pairs = {(r.by, r.points_to) for r in refusals if r.points_to}
    return any((to, by) in pairs for by, to in pairs)


def debt_facts(debt: Debt) -> FlatFacts:
    return {"debt.creditor": debt.creditor, "debt.amount_eur": debt.amount_eur, "debt.stage": debt.stage}


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
        if root in ("creditors", "has_beslag"):
            return "debts"
        if root == "attempts":
            return "attempts"
        if root in ("municipality", "debt_assistance"):
            return rest if root == "municipality" else f"debt_assistance.{rest.split('.')[1]}"
        return rest.split(".")[0] if root in ("creditors_refusing", "involved") else rest
    if head == "member":
        member_id = next(n.member for n in case.needs or [] if n.id == subject.id)
        if root in ("conditions", "indications", "pending"):
            return f"members.{member_id}.{root}"
        if root == "months_until_18":
            return f"members.{member_id}.birth_date"
        if root == "age":
            return f"members.{member_id}.age"
        return f"members.{member_id}.{rest}"
    if head == "need":
        if root in ("refused_by", "pointed_to", "refusals_point_at_each_other"):
            return "refusals"
        return f"needs.{subject.id}.{rest}"
    if head == "debt":
        return f"debts.{subject.id}.{rest}"
    return path
