"""Scenario files: a case and only the parts of the advice a jurist cares about (docs/design.md, scenarios)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Matcher = Any  # a value (equality), or {contains: [...]} / {excludes: [...]} / {equals: ...}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NeedExpectation(_Strict):
    regimes: dict[str, Literal["applies", "excluded", "undetermined", "absent"]] | None = Field(
        default=None, description="per law, its status (absent: the law is not listed)")
    responsible: Matcher = Field(default="__unset__",
                                 description="null, or {law, executor, financier, status, pays_out} (partial)")
    collisions: Matcher = Field(default=None, description="collision kinds on this need")
    final_financier: Matcher = Field(default="__unset__",
                                     description="the actor likely to pay in the end (where another than now), or null")
    notices: Matcher = Field(default=None, description="notice ids on this need (a list matcher)")
    open: dict[str, Matcher] | None = Field(
        default=None, description="per law: what is still open, as rule ids (decisions) and case paths (facts)")


class EscalationExpectation(_Strict):
    current_step: Matcher = Field(default="__unset__", description="the last valid step tried (null: none)")
    next_step: Matcher = Field(default="__unset__", description="regulier | maatwerkregister | lmm | let | null")
    route: dict[str, str] | None = Field(default=None, description="per step, its status (e.g. let: ongeldig)")
    first_actions: Matcher = Field(default=None,
                                   description="first actions as 'actor' or 'actor/law' (a list matcher)")


class NeedBridgingExpectation(_Strict):
    likely_financier: Matcher = Field(default="__unset__", description="an actor id, or null")
    candidates: Matcher = Field(default=None, description="candidate laws, best first (a list matcher)")
    weights: dict[str, Matcher] | None = Field(
        default=None, description="per candidate law, the names of its weights (a list matcher)")


class BridgingExpectation(_Strict):
    applicable: bool | None = Field(default=None, description="whether bridging fits")
    instrument: str | None = Field(default=None, description="the bridging instrument")
    needs: Matcher = Field(default=None, description="need ids bridging is for")
    likely_financier: Matcher = Field(default="__unset__", description="an actor id, or null")
    candidates: Matcher = Field(default=None, description="candidate laws, best first")
    per_need: dict[str, NeedBridgingExpectation] | None = Field(
        default=None, description="per bridged need: its likely financier and candidate laws")


class TimeoutTerms(_Strict):
    max_months: int | None = Field(default=None, description="its longest duration in months")
    extension_months: int | None = Field(default=None, description="its extension in months")
    via: str | None = Field(default=None, description="through whom it is asked")
    creditors: Matcher = Field(default=None, description="creditors covered (a list matcher)")
    all_creditors: bool | None = Field(default=None, description="whether it covers every creditor")


class Expectation(_Strict):
    needs: dict[str, NeedExpectation] | None = Field(default=None, description="per need id, what it must show")
    collisions: Matcher = Field(default=None, description="collision kinds in the whole advice")
    escalation: EscalationExpectation | None = Field(default=None, description="the route")
    timeouts: Matcher = Field(default=None, description="time-out instruments")
    deadlines: Matcher = Field(default=None, description="deadline ids")
    bridging: BridgingExpectation | None = Field(default=None, description="the overbruggingsprocedure")
    leeway: Matcher = Field(default=None, description="leeway bases")
    leeway_targets: dict[str, Matcher] | None = Field(
        default=None, description="per leeway basis, what it targets as 'need/collision kind' (e.g. tolk-school/gap)")
    deadline_terms: dict[str, str] | None = Field(
        default=None, description="per deadline id, its term as '<amount> <unit>' (e.g. '3 werkdagen')")
    timeout_terms: dict[str, TimeoutTerms] | None = Field(
        default=None, description="per time-out instrument, its duration and the creditors it covers")
    missing_facts: Matcher = Field(default=None, description="missing fact paths")
    missing_facts_first: list[str] | None = Field(
        default=None, description="the missing fact paths that must come first, in this order (the most decisive)")
    notices: Matcher = Field(default=None, description="notice ids in the whole advice")
    notice_terms: dict[str, TimeoutTerms] | None = Field(
        default=None, description="per notice id, the creditors it concerns")
    warnings: Matcher = Field(default=None, description="warning codes")
    fired: Matcher = Field(default=None, description="rule ids that fired (for any subject)")
    not_fired: Matcher = Field(default=None, description="rule ids that did not fire for any subject")
    undetermined: Matcher = Field(default=None, description="rule ids undetermined for some subject")


class Scenario(_Strict):
    name: str = Field(min_length=1, description="what the scenario shows, in one line")
    case: str | dict[str, Any] = Field(description="the case inline, or a path relative to the scenario file")
    set: dict[str, Any] | None = Field(default=None, description="facts to change first, as whatif --set")
    expect: Expectation = Field(description="only the parts of the advice that matter here")
    tags: list[str] = Field(default_factory=list, description="free labels, selectable with -k")


class ScenarioFile(_Strict):
    schema_version: Literal[1] = Field(description="the version of the scenario format: 1")
    description: str | None = Field(default=None, description="what the scenarios are about")
    scenarios: list[Scenario] = Field(min_length=1, description="the scenarios")
