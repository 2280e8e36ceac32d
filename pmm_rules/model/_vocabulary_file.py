"""The shape of the vocabulary file (`pmm-rules schema vocabulary`)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LawEntry(_Strict):
    name: str
    bwb_id: str = Field(pattern=r"^BWBR\d{7}$")
    article_style: Literal["dotted", "plain", "colon"]
    regulation: bool = False


class ActorEntry(_Strict):
    name: str


class Question(_Strict):
    nl: str
    en: str


class FactEntry(_Strict):
    type: Literal["bool", "int", "number", "date", "enum", "set"]
    values: str | None = None
    subjects: list[Literal["case", "need", "debt"]] = Field(min_length=1)
    derived_from: list[str] = Field(default_factory=list)
    question: Question


class VocabularyFile(BaseModel):
    """The vocabulary file: laws, actors, fact paths, and any number of identifier lists (each a list of ids)."""

    model_config = ConfigDict(extra="allow", frozen=True)
    __pydantic_extra__: dict[str, list[str]] = Field(init=False)  # every other key is an identifier list

    schema_version: Literal[1]
    laws: dict[str, LawEntry]
    actors: dict[str, ActorEntry]
    # The lists the code itself relies on; a vocabulary may add more.
    escalation_steps: list[str]
    bridging_instruments: list[str]
    timeout_instruments: list[str]
    provisions: list[str]
    conditions: list[str]
    contexts: list[str]
    indications: list[str]
    pending_applications: list[str]
    creditor_others: list[str]
    threats: list[str]
    collision_kinds: list[str]
    debt_stages: list[str]
    debt_assistance_statuses: list[str]
    attempt_outcomes: list[str]
    regime_statuses: list[str]
    leeway_bases: list[str]
    deadlines: list[str]
    notices: list[str]
    facts: dict[str, FactEntry]
