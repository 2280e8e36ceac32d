"""Rule files: the declarative format jurists write (see docs/rule-format.md).

A rule file holds rules of one domain. A rule has an id, a kind, a subject (what it is evaluated for:
the case, each need, or each debt), sources citing the law, a validity period, a condition over named
fact paths and a conclusion. Conditions are a small data language (all/any/not and comparisons);
nothing in a rule file is ever executed.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ._identifiers import CollisionKind, Confidence, SourceKind, Step, SubjectKind

RULE_ID_PATTERN = r"^[a-z0-9][a-z0-9_]*(\.[a-z0-9][a-z0-9_-]*)+$"
COMPARISON_OPS = ("eq", "ne", "lt", "le", "gt", "ge", "in", "not_in", "contains", "not_contains", "exists")

RuleKind = Literal["regime", "derive", "collision", "escalation", "timeout", "deadline", "bridging", "leeway",
                   "notice"]
Scalar = str | int | float | bool | dt.date


def _number_as_text(value: Any) -> Any:
    # Jurists write `lid: 6` and `article: 16`; keep them as text so '2a' and '6' are the same kind of value.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


ArticleText = Annotated[str, BeforeValidator(_number_as_text), WithJsonSchema({"type": ["string", "integer"]})]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RuleText(_Strict):
    """A text in Dutch and English. Dutch legal terms stay Dutch in both."""

    nl: str = Field(min_length=1, description="in Dutch")
    en: str = Field(min_length=1, description="in English (Dutch legal terms stay Dutch)")


class Source(_Strict):
    """Where a rule comes from: a statute article, a regulation, or practice (a covenant, a PMM agreement)."""

    kind: SourceKind = Field(default="statute", description="statute, regulation (an AMvB) or practice")
    law: str | None = Field(default=None, description="law id from the vocabulary, e.g. wmo2015")
    article: ArticleText | None = Field(default=None, description="article as the law writes it, e.g. 2.3.5 or 3:4")
    lid: ArticleText | None = Field(default=None, description="paragraph (lid) where it matters")
    sub: str | None = Field(default=None, description="onderdeel (sub), e.g. a")
    bwb_id: str | None = Field(default=None, pattern=r"^BWBR\d{7}$",
                               description="the law's id in the Basiswettenbestand, e.g. BWBR0035362")
    title: str | None = Field(default=None, description="for practice sources: the covenant or agreement")
    url: str | None = Field(default=None, description="for practice sources: where it is published (https)")
    confidence: Confidence = Field(default="verified", description="verified, likely or unverified")
    text_read: dt.date | None = Field(
        default=None, description="the version (valid-from date) of the text the author checked the claim against")
    note: str | None = Field(default=None, description="what the source says for this rule, or what is open")


class Comparison(_Strict):
    """A test of one fact: `{fact: member.age, lt: 18}`. Exactly one operator."""

    fact: str = Field(min_length=1, description="a fact path from the vocabulary")
    eq: Scalar | None = Field(default=None, description="the fact equals this value")
    ne: Scalar | None = Field(default=None, description="the fact is known and differs from this value")
    lt: int | float | dt.date | None = Field(default=None, description="the fact is less than this")
    le: int | float | dt.date | None = Field(default=None, description="the fact is at most this")
    gt: int | float | dt.date | None = Field(default=None, description="the fact is more than this")
    ge: int | float | dt.date | None = Field(default=None, description="the fact is at least this")
    in_: list[Scalar] | None = Field(default=None, alias="in", min_length=1, description="the fact is one of these")
    not_in: list[Scalar] | None = Field(default=None, min_length=1,
                                        description="the fact is known and none of these")
    contains: str | None = Field(default=None, description="the set fact holds this value")
    not_contains: str | None = Field(default=None, description="the set fact is known and lacks this value")
    exists: bool | None = Field(default=None, description="true: the fact is known; false: it is unknown")

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @property
    def op(self) -> str:
        for name in COMPARISON_OPS:
            if (name == "in" and "in_" in self.model_fields_set) or name in self.model_fields_set:
                return name
        raise AssertionError("validated comparisons have an operator")  # pragma: no cover

    @property
    def value(self) -> Any:
        op = self.op
        return getattr(self, "in_" if op == "in" else op)

    @model_validator(mode="after")
    def _exactly_one_operator(self) -> Comparison:
        given = [op for op in COMPARISON_OPS if (("in_" if op == "in" else op) in self.model_fields_set)]
        if len(given) != 1:
            # The type and context say it in the reader's language (`load._pydantic`); the text is pydantic's own.
            raise PydanticCustomError("pmm_one_operator", "a comparison needs exactly one operator ({ops}); found "
                                      "{found}", {"ops": ", ".join(COMPARISON_OPS), "found": ", ".join(given)})
        if self.value is None:
            raise PydanticCustomError("pmm_operator_value", "operator '{op}' needs a value; to test for a missing "
                                      "fact use 'exists: false'", {"op": given[0]})
        return self


class AllOf(_Strict):
    all: list[Condition] = Field(min_length=1, description="true when every part is true")


class AnyOf(_Strict):
    any: list[Condition] = Field(min_length=1, description="true when at least one part is true")


class NotOf(_Strict):
    not_: Condition = Field(alias="not", description="true when the part is false")

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def _condition_tag(value: Any) -> str:
    if isinstance(value, dict):
        for key in ("all", "any", "not"):
            if key in value:
                return key
        return "comparison"
    if isinstance(value, BaseModel):
        return {AllOf: "all", AnyOf: "any", NotOf: "not"}.get(type(value), "comparison")
    return "comparison"


Condition = Annotated[
    Annotated[AllOf, Tag("all")] | Annotated[AnyOf, Tag("any")] | Annotated[NotOf, Tag("not")]
    | Annotated[Comparison, Tag("comparison")],
    Discriminator(_condition_tag),
]


class RegimeConclusion(_Strict):
    law: str = Field(description="the law whose regime this is")
    status: Literal["applies", "excluded", "candidate"] = Field(
        description="applies; excluded; or candidate: a real candidate whose application waits for a decision or "
                    "test outside the facts (a CIZ indication, the outcome of the Wmo onderzoek), named in the "
                    "explanation")


class CollisionConclusion(_Strict):
    kind: CollisionKind = Field(description="gap, overlap, deadlock, transition or pending")
    laws: list[str] = Field(default_factory=list, description="the laws involved")


class EscalationConclusion(_Strict):
    next_step: Step | None = Field(description="the next escalation step, or null when nothing is needed")


class TimeoutConclusion(_Strict):
    instrument: str = Field(description="a time-out instrument from the vocabulary")
    via: str = Field(description="the actor through whom it is asked")
    max_months: int | None = Field(default=None, ge=1, le=120, description="its longest duration")
    extension_months: int | None = Field(default=None, ge=1, le=120, description="a possible extension")
    creditors: list[str] = Field(default_factory=list, description="creditors covered; a debt rule adds its own")
    creditors_from: Literal["creditors_refusing"] | None = Field(
        default=None, description="also cover the creditors the case lists under this field (those who refuse)")
    all_creditors: bool = Field(default=False, description="covers every creditor (a breed moratorium), whatever "
                                                           "`creditors` lists")
    conditions: list[RuleText] = Field(default_factory=list, description="what must hold to use it")


class DeadlineConclusion(_Strict):
    deadline: str = Field(description="a deadline id from the vocabulary")
    amount: int = Field(ge=1, description="its length")
    unit: Literal["werkdagen", "dagen", "weken", "maanden"] = Field(description="its unit")
    actor: str = Field(description="who must act within it")


class BridgingConclusion(_Strict):
    instrument: Literal["overbruggingsprocedure"] = Field(default="overbruggingsprocedure",
                                                          description="the bridging instrument")


class LeewayConclusion(_Strict):
    basis: str = Field(description="a leeway basis from the vocabulary, e.g. awb:3:4")
    target: Literal["need", "collision", "subject"] | None = Field(
        default=None, description="what it targets: the rule's own subject (need, debt or household; the default), or "
                                  "for a need rule the need's collision of `collision_kind`")
    collision_kind: CollisionKind | None = Field(default=None, description="with target: collision")
    limits: RuleText | None = Field(default=None, description="the limits of this room")


class NoticeConclusion(_Strict):
    """A point of attention the professional must act on or verify (it reaches every note, not only the trace)."""

    notice: str = Field(description="a notice id from the vocabulary (list `notices`)")
    creditors: list[str] = Field(default_factory=list, description="creditors concerned; a debt rule adds its own")
    conditions: list[RuleText] = Field(default_factory=list, description="what to check or do, point by point")


class Conclusion(_Strict):
    """What a rule concludes when its condition holds. Exactly one entry, matching the rule's kind."""

    regime: RegimeConclusion | None = Field(default=None, description="for kind regime")
    derive: str | None = Field(default=None, pattern=r"^[a-z][a-z0-9_]*$",
                               description="name of a derived flag, readable by later rules as derived.<name>")
    collision: CollisionConclusion | None = Field(default=None, description="for kind collision")
    escalation: EscalationConclusion | None = Field(default=None, description="for kind escalation")
    timeout: TimeoutConclusion | None = Field(default=None, description="for kind timeout")
    deadline: DeadlineConclusion | None = Field(default=None, description="for kind deadline")
    bridging: BridgingConclusion | None = Field(default=None, description="for kind bridging")
    leeway: LeewayConclusion | None = Field(default=None, description="for kind leeway")
    notice: NoticeConclusion | None = Field(default=None, description="for kind notice")

    @property
    def entry(self) -> tuple[str, Any]:
        for name in type(self).model_fields:
            value = getattr(self, name)
            if value is not None:
                return name, value
        raise AssertionError("validated conclusions have one entry")  # pragma: no cover

    @model_validator(mode="after")
    def _exactly_one(self) -> Conclusion:
        given = [name for name in type(self).model_fields if getattr(self, name) is not None]
        if len(given) != 1:
            raise PydanticCustomError("pmm_one_conclusion", "'then' needs exactly one conclusion; found {found}",
                                      {"found": ", ".join(given)})
        return self


class Rule(_Strict):
    id: str = Field(pattern=RULE_ID_PATTERN, description="stable id, e.g. wlz.criterium.permanent_toezicht")
    title: str = Field(min_length=3, description="what the rule says, in one line (Dutch)")
    kind: RuleKind = Field(description="what the rule concludes: regime, derive, collision, escalation, timeout, "
                                       "deadline, bridging, leeway or notice")
    subject: SubjectKind = Field(description="what it is evaluated for: the case, each need or each debt")
    sources: list[Source] = Field(description="the law (or practice) behind the rule; empty only for a technical rule")
    valid_from: dt.date = Field(description="the rule holds from this date")
    valid_to: dt.date | None = Field(default=None, description="the rule holds up to and including this date")
    when: Condition = Field(description="the condition, over fact paths from the vocabulary")
    then: Conclusion = Field(description="what the rule concludes when its condition holds")
    explanation: RuleText = Field(description="why, in Dutch and English, for the professional")
    technical: bool = Field(
        default=False, description="a derive rule that only combines facts (no legal claim of its own): it may have "
                                   "no sources and never cites")
    tags: list[str] = Field(default_factory=list, description="free labels, selectable with -k")


class RuleFile(_Strict):
    """One YAML file of rules."""

    schema_version: Literal[1] = Field(description="the version of the rule format: 1")
    domain: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="domain of the rules, e.g. zorg or schulden")
    description: str | None = Field(default=None, description="what the file covers and where it is explained")
    rules: list[Rule] = Field(min_length=1, description="the rules")


AllOf.model_rebuild()
AnyOf.model_rebuild()
NotOf.model_rebuild()
