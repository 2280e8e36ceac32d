"""Graph files: the responsibility graph as data (laws, actors, provisions, PMM steps and instruments)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .rules import Source

NodeType = Literal["law", "actor", "provision", "step", "instrument"]
EdgeType = Literal["executes", "finances", "decides_access", "provides", "precedes", "escalates_to"]

# Which node types each edge type connects (from, to).
EDGE_ENDPOINTS: dict[str, tuple[str, str]] = {
    "executes": ("actor", "law"),
    "finances": ("actor", "law"),
    "decides_access": ("actor", "law"),
    "provides": ("law", "provision"),
    "precedes": ("law", "law"),
    "escalates_to": ("step", "step"),
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Node(_Strict):
    id: str
    type: NodeType
    label: str | None = None
    acts: str | None = Field(default=None, description="for steps: who acts at this step")
    prepare: str | None = Field(default=None, description="for steps: what to prepare")
    figures: list[str] = Field(default_factory=list, description="public figures that help, with their source")
    sources: list[Source] = Field(default_factory=list)


class Edge(_Strict):
    from_: str = Field(alias="from")
    to: str
    type: EdgeType
    provisions: list[str] = Field(default_factory=list, description="only for these provisions (empty: all)")
    contexts: list[str] = Field(default_factory=list, description="only in these need contexts (empty: all)")
    conditions: list[str] = Field(default_factory=list,
                                  description="only for members with one of these conditions (empty: all)")
    nature: Literal["mandatory", "discretionary"] | None = Field(
        default=None, description="for precedes: does the first law exclude the second, or may it (kan-bepaling)")
    valid_from: dt.date | None = Field(default=None, description="the edge holds from this date (law by date)")
    valid_to: dt.date | None = Field(default=None, description="the edge holds up to and including this date")
    sources: list[Source] = Field(default_factory=list)
    note: str | None = None


class GraphFile(_Strict):
    schema_version: Literal[1]
    description: str | None = None
    nodes: list[Node] = Field(default_factory=list)
    edges: list[Edge] = Field(default_factory=list)
