"""The shape of the vocabulary file (`pmm-rules schema vocabulary`)."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LawEntry(_Strict):
    name: str = Field(description="the law's name")
    bwb_id: str = Field(pattern=r"^BWBR\d{7}$", description="its id in the Basiswettenbestand")
    article_style: Literal["dotted", "plain", "colon"] = Field(
        description="how it numbers articles: dotted (2.3.5), plain (287b) or colon (3:4)")
    regulation: bool = Field(default=False, description="an AMvB (cited as kind: regulation)")
    article_pattern: str | None = Field(
        default=None, description="a regular expression every article number of this law matches, e.g. "
                                  "^\\d+[a-z]?\\.\\d+[a-z]?\\.\\d+[a-z]?$ for chapter.paragraph.article; default: "
                                  "the broad pattern of its article_style")
    article_examples: list[str] = Field(default_factory=list,
                                        description="article numbers as this law writes them, shown in hints")

    @field_validator("article_pattern")
    @classmethod
    def _compiles(cls, pattern: str | None) -> str | None:
        if pattern is not None:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise PydanticCustomError("pmm_pattern", "not a regular expression: {why}", {"why": str(exc)}) \
                    from None
        return pattern


class ActorEntry(_Strict):
    name: str = Field(description="the actor's name")


class Question(_Strict):
    nl: str = Field(description="in Dutch")
    en: str = Field(description="in English")


class FactEntry(_Strict):
    type: Literal["bool", "int", "number", "date", "enum", "set"] = Field(description="the fact's type")
    values: str | None = Field(default=None, description="for enum and set: the vocabulary list of its values")
    subjects: list[Literal["case", "need", "debt"]] = Field(min_length=1,
                                                           description="the rule subjects that can read it")
    derived_from: list[str] = Field(default_factory=list, description="the case fields it is computed from")
    question: Question = Field(description="the question a professional answers when the fact is missing")


class VocabularyFile(BaseModel):
    """The vocabulary file: laws, actors, fact paths, and any number of identifier lists (each a list of ids)."""

    model_config = ConfigDict(extra="allow", frozen=True)
    __pydantic_extra__: dict[str, list[str]] = Field(init=False)  # every other key is an identifier list

    schema_version: Literal[1] = Field(description="the version of the vocabulary format: 1")
    laws: dict[str, LawEntry] = Field(description="law id -> the law")
    actors: dict[str, ActorEntry] = Field(description="actor id -> the actor")
    # The lists the code itself relies on; a vocabulary may add more.
    escalation_steps: list[str] = Field(description="the steps of the route, in order")
    bridging_instruments: list[str] = Field(description="bridging instruments")
    timeout_instruments: list[str] = Field(description="time-out instruments")
    provisions: list[str] = Field(description="provisions a need can be for")
    conditions: list[str] = Field(description="member conditions")
    contexts: list[str] = Field(description="where a need is")
    indications: list[str] = Field(description="access decisions already taken")
    pending_applications: list[str] = Field(description="applications under way")
    creditor_others: list[str] = Field(description="creditors that are not actors")
    threats: list[str] = Field(description="threats")
    collision_kinds: list[str] = Field(description="collision kinds")
    debt_stages: list[str] = Field(description="stages of debt collection")
    debt_assistance_statuses: list[str] = Field(description="states of debt assistance")
    attempt_outcomes: list[str] = Field(description="outcomes of an escalation attempt")
    regime_statuses: list[str] = Field(description="statuses of a regime in the advice")
    leeway_bases: list[str] = Field(description="bases of leeway, as <law>:<article>")
    deadlines: list[str] = Field(description="deadline ids")
    notices: list[str] = Field(description="notice ids (points of attention)")
    facts: dict[str, FactEntry] = Field(description="fact path -> its type, subjects and question")
