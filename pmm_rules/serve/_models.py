"""The request and response models of the service that are not the library's own (those are `pmm_rules.model`:
`Case`, `Advice`): what-if, validation reports, rules, scenarios, examples. The OpenAPI document is generated
from these and from the library's models."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..model import Advice
from ._problems import ProblemItem


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Setting(_Model):
    path: str = Field(min_length=1, max_length=200, description="a path in the case, as `pmm-rules whatif --set`: "
                      "members.jongere.birth_date, reference_date, municipality.pmm_connected, threats, ...")
    value: Any = Field(default=None, description="the new value (JSON); null removes the fact, making it unknown")


class WhatIfRequest(_Model):
    case: dict[str, Any] | str = Field(description="the case, as JSON or as YAML text")
    settings: list[Setting] = Field(min_length=1, max_length=100)


class Change(_Model):
    where: str = Field(description="which part of the advice: needs.<need>.responsible, escalation.next_step, ...")
    before: Any
    after: Any


class Firing(_Model):
    rule: str
    subject: str


class WhatIfResponse(_Model):
    settings: list[Setting]
    changes: list[Change]
    started_firing: list[Firing]
    stopped_firing: list[Firing]
    before: Advice
    after: Advice


class ValidationReport(_Model):
    file: str
    valid: bool = Field(description="no problem of severity error")
    problems: list[ProblemItem]


class ScenarioSummary(_Model):
    id: str
    file: str
    line: int
    name: str
    passed: bool
    mismatches: list[str]


class ScenarioReport(_Model):
    file: str
    passed: int
    failed: int
    scenarios: list[ScenarioSummary]


class Coverage(_Model):
    fires_in: list[ScenarioSummary]
    undetermined_in: list[ScenarioSummary]
    not_fired_in: list[ScenarioSummary]


class SourceRef(_Model):
    law: str | None
    article: str | None
    lid: str | None
    sub: str | None
    kind: str
    title: str | None


class RuleSummary(_Model):
    id: str
    title: str
    kind: str
    subject: str
    file: str
    line: int
    valid_from: str
    valid_to: str | None
    sources: list[SourceRef]
    scenarios: Coverage


class RuleDetail(RuleSummary):
    when: list[str] = Field(description="the condition, one comparison per line, indented")
    then: dict[str, Any]
    explanation: dict[str, str]
    citations: list[dict[str, Any]]
    notes: list[str]


class ArticleRules(_Model):
    article: str
    rules: list[str]


class LawIndex(_Model):
    law: str
    name: str
    full_name: str
    articles: list[ArticleRules]


class ExampleInfo(_Model):
    name: str
    case_id: str
    description: str


class ExampleCase(ExampleInfo):
    case: dict[str, Any]
    yaml: str


class Labels(_Model):
    lang: Literal["nl", "en"]
    words: dict[str, str] = Field(description="every label of pmm_rules.labels in this language")
    names: dict[str, dict[str, str]] = Field(description="human names by kind and identifier: names.law.wmo2015")


class Health(_Model):
    status: Literal["ok"]


class Version(_Model):
    version: str
    backend: str
    rules_sha256: str
    rule_count: int


class GraphJson(_Model):
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
