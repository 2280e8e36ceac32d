"""The advice: what `Engine.advise` returns and `pmm-rules advise --format json` prints (docs/design.md, the advice)."""

from __future__ import annotations

from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from ._identifiers import CollisionKind, Confidence, Outcome, RegimeStatus, SourceKind, StepStatus

DISCLAIMER = {
    "nl": "Beslisondersteuning, geen besluit. Dit advies volgt uit de vastgelegde regels en de gegeven feiten; "
          "de bevoegde organisatie beslist, na eigen onderzoek en belangenafweging (Awb 3:2, 3:4).",
    "en": "Decision support, not a decision. This advice follows from the encoded rules and the facts given; "
          "the competent organisation decides, after its own inquiry and weighing of interests (Awb 3:2, 3:4).",
}


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


_Model = TypeVar("_Model", bound=_Out)


def trusted(model: type[_Model], **fields: Any) -> _Model:
    """An advice model built from parts that are valid by construction (the engine's own ids, outcomes and
    already validated citations), without validating them again.

    The trace holds a hundred entries per advice; validation was most of the cost of composing it. This is
    what pydantic's `model_construct` does, minus its default handling, which these models do not need:
    every field is given. Tests compare trusted entries with validated ones."""
    return trusted_from(model, fields)


_new = object.__new__
_set = object.__setattr__


def trusted_from(model: type[_Model], fields: dict[str, Any]) -> _Model:
    """`trusted`, taking ownership of `fields` (no copy: the dict becomes the instance's `__dict__`)."""
    instance = _new(model)
    _set(instance, "__dict__", fields)
    _set(instance, "__pydantic_fields_set__", set(fields))
    _set(instance, "__pydantic_extra__", None)
    _set(instance, "__pydantic_private__", None)
    return instance


class Text(_Out):
    nl: str
    en: str


class Citation(_Out):
    law: str | None
    bwb_id: str | None
    article: str | None
    paragraph: str | None
    sub: str | None = None  # onderdeel, e.g. "a" in art 3.1.1 lid 1 sub a
    url: str | None
    kind: SourceKind
    title: str | None = None
    confidence: Confidence = "verified"


class Regime(_Out):
    law: str
    status: RegimeStatus
    rules: list[str]
    citations: list[Citation]


class Responsible(_Out):
    law: str
    executor: str | None
    financier: str | None
    citations: list[Citation]


class NeedAdvice(_Out):
    need: str
    member: str
    provision: str
    context: str | None = None
    regimes: list[Regime]
    responsible: Responsible | None
    collisions: list[str]


class Collision(_Out):
    id: str
    kind: CollisionKind
    need: str | None
    laws: list[str]
    rule: str
    explanation: Text
    citations: list[Citation]


class RouteStep(_Out):
    step: str
    status: StepStatus
    acts: str | None = None
    prepare: str | None = None
    figures: list[str] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)


class Escalation(_Out):
    current_step: str | None
    next_step: str | None
    route: list[RouteStep]
    reasons: list[Text]
    rules: list[str] = Field(default_factory=list)


class Timeout(_Out):
    instrument: str
    creditors: list[str]
    all_creditors: bool = False  # every creditor, not only those in `creditors` (a breed moratorium)
    via: str
    max_months: int | None
    extension_months: int | None = None
    conditions: list[Text]
    rules: list[str] = Field(default_factory=list)
    citations: list[Citation]


class Deadline(_Out):
    deadline: str
    amount: int
    unit: str
    actor: str
    explanation: Text
    rules: list[str]
    citations: list[Citation]


class Candidate(_Out):
    financier: str | None
    law: str
    score: int
    reasons: list[Text]


class Bridging(_Out):
    applicable: bool
    instrument: str
    needs: list[str]
    likely_financier: str | None
    candidates: list[Candidate]
    rules: list[str] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)


class Leeway(_Out):
    basis: str
    target: str
    explanation: Text
    limits: Text | None = None
    rules: list[str] = Field(default_factory=list)
    citations: list[Citation]


class MissingFact(_Out):
    path: str
    question: Text
    rules: list[str]


class TraceEntry(_Out):
    rule: str
    subject: str
    outcome: Outcome
    facts: dict[str, Any]
    citations: list[Citation]


class Receipt(_Out):
    engine_version: str
    backend: str
    rules_sha256: str
    rule_count: int
    reference_date: str
    evaluated_at: str


class Advice(_Out):
    schema_version: Literal[1] = 1
    case_id: str
    reference_date: str
    disclaimer: Text
    needs: list[NeedAdvice]
    collisions: list[Collision]
    escalation: Escalation
    timeouts: list[Timeout]
    deadlines: list[Deadline] = Field(default_factory=list)
    bridging: Bridging
    leeway: list[Leeway]
    missing_facts: list[MissingFact]
    trace: list[TraceEntry]
    receipt: Receipt

    def to_json(self, *, indent: int | None = 2) -> str:
        """The contract JSON with a final newline: keys in the order of the contract (docs/design.md; the order of
        the fields here), so the same advice gives the same bytes. `indent=None` gives one line, for JSON Lines.

        pydantic's own serializer writes it: ten times faster than `json.dumps` with an indent."""
        return self.model_dump_json(indent=indent) + "\n"
