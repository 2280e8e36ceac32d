"""The advice: what `Engine.advise` returns and `pmm-rules advise --format json` prints (docs/design.md, the advice)."""

from __future__ import annotations

from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from ._identifiers import CollisionKind, Confidence, MissingFactImpact, Outcome, RegimeStatus, SourceKind, StepStatus

DISCLAIMER = {
    "nl": "Beslisondersteuning, geen besluit. Dit advies volgt uit de vastgelegde regels en de gegeven feiten; "
          "de bevoegde organisatie beslist, na eigen onderzoek en belangenafweging (Awb 3:2, 3:4).",
    "en": "Decision support, not a decision. This advice follows from the encoded rules and the facts given; "
          "the competent organisation decides, after its own inquiry and weighing of interests (Awb 3:2, 3:4).",
}


class _Out(BaseModel):
    # Every field of the advice is always written: the JSON Schema (made in serialization mode) requires them all.
    model_config = ConfigDict(extra="forbid", frozen=True, json_schema_serialization_defaults_required=True)


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
    """A text in Dutch and English."""

    nl: str = Field(description="in Dutch")
    en: str = Field(description="in English (Dutch legal terms stay Dutch)")


class Citation(_Out):
    """Where a finding comes from: a statute or regulation article (with a link to the text as of the reference
    date) or a practice source (a covenant, a programme's own publication)."""

    law: str | None = Field(description="law id from the vocabulary, e.g. wmo2015; null for practice")
    bwb_id: str | None = Field(description="the law's id in the Basiswettenbestand (wetten.overheid.nl)")
    article: str | None = Field(description="the article, as the law numbers it")
    paragraph: str | None = Field(description="the lid, where it matters")
    sub: str | None = Field(default=None, description="the onderdeel, e.g. 'a' in art 3.1.1 lid 1 sub a")
    url: str | None = Field(description="the article as in force on the reference date, or the practice source")
    kind: SourceKind = Field(description="statute, regulation or practice")
    title: str | None = Field(default=None, description="for practice sources: the title")
    confidence: Confidence = Field(default="verified", description="verified, likely or unverified")
    text_read: str | None = Field(default=None, description="the version of the text the rule was checked against")


class OpenItem(_Out):
    """What still decides an undetermined regime: a fact nobody gave, or a decision or test outside the facts."""

    kind: Literal["fact", "decision"] = Field(description="fact: a missing fact; decision: a decision or test to await")
    rule: str = Field(description="the rule that waits for it")
    path: str | None = Field(description="for a fact: where in the case it goes")
    question: Text | None = Field(description="for a fact: the question that supplies it")
    text: Text | None = Field(description="for a decision: what is awaited, from the rule's explanation")


class Regime(_Out):
    """A law's regime for one need."""

    law: str = Field(description="law id")
    status: RegimeStatus = Field(description="applies, excluded or undetermined")
    rules: list[str] = Field(description="the rules that decided the status")
    citations: list[Citation] = Field(description="their citations")
    open: list[OpenItem] = Field(default_factory=list, description="for undetermined: what is still open")


class Responsible(_Out):
    """Who is responsible for a need now: the one regime left after precedence, its executor and financier."""

    law: str = Field(description="the law")
    executor: str | None = Field(description="the actor that executes it (decides, delivers)")
    financier: str | None = Field(description="the actor that pays")
    citations: list[Citation] = Field(description="what makes them responsible and pay")
    status: Literal["applies", "undetermined"] = Field(
        default="applies", description="applies; or undetermined: the professional goes here now, but a test of this "
                                       "law or a law before it is still open")
    pays_out: str | None = Field(default=None, description="the actor that makes the payments on the financier's "
                                                            "behalf, where another than the financier")


class FinalFinancier(_Out):
    """Who is likely to pay in the end, where that is not who is responsible now (an access decision is awaited)."""

    law: str = Field(description="the law")
    financier: str | None = Field(description="the actor that will pay")
    reasons: list[Text] = Field(description="why")
    rules: list[str] = Field(description="the rules behind it")
    citations: list[Citation] = Field(description="their citations")


class NeedAdvice(_Out):
    """The advice for one need."""

    need: str = Field(description="the need's id")
    member: str = Field(description="the member's id")
    provision: str = Field(description="the provision needed")
    context: str | None = Field(default=None, description="where it is needed")
    regimes: list[Regime] = Field(description="the laws that apply, are excluded or undetermined")
    responsible: Responsible | None = Field(description="who is responsible now; null if no single regime is")
    collisions: list[str] = Field(description="ids of the collisions on this need")
    final_financier: FinalFinancier | None = Field(
        default=None, description="who will likely pay in the end, where that is another than the responsible now")
    notices: list[str] = Field(default_factory=list, description="ids of the points of attention on this need")


class Collision(_Out):
    """A collision: a gap, overlap, deadlock, transition or pending decision."""

    id: str = Field(description="<need or 'huishouden'>/<kind>/<rule>")
    kind: CollisionKind = Field(description="gap, overlap, deadlock, transition or pending")
    need: str | None = Field(description="the need, or null for the household")
    laws: list[str] = Field(description="the laws involved")
    rule: str = Field(description="the rule that found it")
    explanation: Text = Field(description="what it means and what to do")
    citations: list[Citation] = Field(description="the law behind it")


class RouteStep(_Out):
    """One step of the escalation route."""

    step: str = Field(description="regulier, maatwerkregister, lmm or let")
    status: StepStatus = Field(description="the step's state in this case")
    acts: str | None = Field(default=None, description="who acts at this step")
    prepare: str | None = Field(default=None, description="what to prepare")
    figures: list[str] = Field(default_factory=list, description="public figures that help")
    citations: list[Citation] = Field(default_factory=list, description="sources")


class FirstAction(_Out):
    """What to do in the regular route: the melding or aanvraag, at whom."""

    need: str | None = Field(description="the need, or null for the household (debts)")
    actor: str = Field(description="where to go")
    law: str | None = Field(description="under which law")
    action: Text = Field(description="what to do")
    citations: list[Citation] = Field(description="the law behind it")


class Escalation(_Out):
    """Where the case is on the route and the next step."""

    current_step: str | None = Field(description="the last valid step tried")
    next_step: str | None = Field(description="the next step; null when nothing is needed")
    route: list[RouteStep] = Field(description="every step, in order")
    reasons: list[Text] = Field(description="why this next step")
    rules: list[str] = Field(default_factory=list, description="the rules behind it")
    first_actions: list[FirstAction] = Field(
        default_factory=list, description="with next step regulier: what to do first, per need")


class Timeout(_Out):
    """A time-out instrument that fits, with the creditors it covers."""

    instrument: str = Field(description="the instrument id")
    creditors: list[str] = Field(description="the creditors it covers")
    all_creditors: bool = Field(default=False, description="it covers every creditor, not only those listed")
    via: str = Field(description="through whom it is asked")
    max_months: int | None = Field(description="its longest duration in months")
    extension_months: int | None = Field(default=None, description="a possible extension in months")
    conditions: list[Text] = Field(description="what must hold to use it")
    rules: list[str] = Field(default_factory=list, description="the rules behind it")
    citations: list[Citation] = Field(description="the law or practice behind it")


class Deadline(_Out):
    """A deadline that runs."""

    deadline: str = Field(description="the deadline id")
    amount: int = Field(description="its length")
    unit: str = Field(description="werkdagen, dagen, weken or maanden")
    actor: str = Field(description="who must act within it")
    explanation: Text = Field(description="what it means")
    rules: list[str] = Field(description="the rules behind it")
    citations: list[Citation] = Field(description="the law behind it")


class Notice(_Out):
    """A point of attention: something to act on or to verify, that changes no regime by itself."""

    id: str = Field(description="<need, debt or 'huishouden'>/<notice>/<rule>")
    notice: str = Field(description="the notice id from the vocabulary")
    need: str | None = Field(description="the need it is about, if any")
    debt: str | None = Field(description="the debt it is about, if any")
    creditors: list[str] = Field(default_factory=list, description="creditors concerned")
    explanation: Text = Field(description="what to do or check, and why")
    conditions: list[Text] = Field(default_factory=list, description="point by point")
    rules: list[str] = Field(description="the rules behind it")
    citations: list[Citation] = Field(description="the law or practice behind it")


class Weight(_Out):
    """One named weight in the ranking of a bridging candidate, with its reason."""

    name: str = Field(description="the weight's name, e.g. regime_geldt")
    value: int = Field(description="what it adds (0: noted, not counted)")
    reason: Text = Field(description="why it weighs this much")


class Candidate(_Out):
    """A possible final financier of a need, scored with named weights."""

    financier: str | None = Field(description="the actor that would pay")
    law: str = Field(description="under which law")
    score: int = Field(description="the sum of the weights")
    reasons: list[Text] = Field(description="the reasons, in words")
    need: str | None = Field(default=None, description="the need it is a candidate for")
    weights: list[Weight] = Field(default_factory=list, description="the weights that make the score")


class NeedBridging(_Out):
    """The ranking of candidates for one bridged need."""

    need: str = Field(description="the need")
    likely_financier: str | None = Field(description="the likely final financier; null when no candidate stands out")
    candidates: list[Candidate] = Field(description="best first")


class Bridging(_Out):
    """Whether the overbruggingsprocedure fits, and who is likely to settle afterwards."""

    applicable: bool = Field(description="it fits for at least one need")
    instrument: str = Field(description="overbruggingsprocedure")
    needs: list[str] = Field(description="the needs it fits")
    likely_financier: str | None = Field(description="the likely final financier when every bridged need agrees")
    candidates: list[Candidate] = Field(description="the candidates of every bridged need, per need best first")
    rules: list[str] = Field(default_factory=list, description="the rules behind it")
    citations: list[Citation] = Field(default_factory=list, description="their citations")
    per_need: list[NeedBridging] = Field(default_factory=list, description="the ranking per bridged need")


class Leeway(_Out):
    """Room in the law (Awb, a hardheidsclausule) where a rule blocks a needed outcome."""

    basis: str = Field(description="the basis, e.g. awb:3:4 or pw:16")
    target: str = Field(description="a need id, a collision id, 'schuld:<debt id>' or 'huishouden'")
    explanation: Text = Field(description="what it allows")
    limits: Text | None = Field(default=None, description="its limits")
    rules: list[str] = Field(default_factory=list, description="the rules behind it")
    citations: list[Citation] = Field(description="the law behind it")


class MissingFact(_Out):
    """A fact the case does not give that could change the advice, with the question that supplies it."""

    path: str = Field(description="where in the case it goes")
    question: Text = Field(description="the question to ask")
    rules: list[str] = Field(description="the rules that wait for it")
    impact: MissingFactImpact = Field(
        default="aanvullend", description="beslissend: decides who is responsible or a collision; relevant: changes "
                                          "the advice; aanvullend: completes it")
    rank: int = Field(default=0, description="1 for the fact to ask first")


class AdviceWarning(_Out):
    """Something the reader must know before reading the advice (the law of the reference date is not encoded)."""

    code: str = Field(description="a stable code")
    text: Text = Field(description="the warning")


class TraceEntry(_Out):
    """One rule for one subject: its outcome and the facts it read."""

    rule: str = Field(description="the rule id")
    subject: str = Field(description="case, need:<id> or debt:<id>")
    outcome: Outcome = Field(description="fired, not_fired or undetermined")
    facts: dict[str, Any] = Field(description="the facts it read (null: unknown)")
    citations: list[Citation] = Field(description="the rule's citations")


class Receipt(_Out):
    """What produced this advice."""

    engine_version: str = Field(description="pmm_rules and its version")
    backend: str = Field(description="the backend that evaluated the rules")
    rules_sha256: str = Field(description="the hash of the compiled rules")
    rule_count: int = Field(description="how many rules the rule base holds")
    reference_date: str = Field(description="the reference date used", json_schema_extra={"format": "date"})
    evaluated_at: str = Field(description="when (the one field that differs between two runs)")


class Advice(_Out):
    """The advice for a case. Decision support, never a decision."""

    schema_version: Literal[1] = Field(default=1, description="the version of the advice format: 1")
    case_id: str = Field(description="the case's id")
    reference_date: str = Field(description="the reference date (peildatum), YYYY-MM-DD",
                                json_schema_extra={"format": "date"})
    disclaimer: Text = Field(description="decision support, not a decision")
    warnings: list[AdviceWarning] = Field(default_factory=list, description="to read before the advice")
    needs: list[NeedAdvice] = Field(description="per need")
    collisions: list[Collision] = Field(description="the collisions found")
    escalation: Escalation = Field(description="the route")
    timeouts: list[Timeout] = Field(description="time-outs for debts")
    deadlines: list[Deadline] = Field(default_factory=list, description="deadlines that run")
    notices: list[Notice] = Field(default_factory=list, description="points of attention")
    bridging: Bridging = Field(description="the overbruggingsprocedure")
    leeway: list[Leeway] = Field(description="room in the law")
    missing_facts: list[MissingFact] = Field(description="facts that could change the advice, the most decisive first")
    trace: list[TraceEntry] = Field(description="every rule for every subject")
    receipt: Receipt = Field(description="what produced the advice")

    def to_json(self, *, indent: int | None = 2) -> str:
        """The contract JSON with a final newline: keys in the order of the contract (docs/design.md; the order of
        the fields here), so the same advice gives the same bytes. `indent=None` gives one line, for JSON Lines.

        pydantic's own serializer writes it: ten times faster than `json.dumps` with an indent."""
        return self.model_dump_json(indent=indent) + "\n"
