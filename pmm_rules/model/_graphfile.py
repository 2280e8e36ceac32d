"""Graph files: the responsibility graph as data (laws, actors, provisions, PMM steps and instruments)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Literal

import networkx as nx
from pydantic import BaseModel, ConfigDict, Field

from ._rules import RuleText, Source

NodeType = Literal["law", "actor", "provision", "step", "instrument"]
EdgeType = Literal["executes", "finances", "decides_access", "provides", "precedes", "escalates_to", "pays_out"]

# Which node types each edge type connects (from, to).
EDGE_ENDPOINTS: dict[str, tuple[str, str]] = {
    "executes": ("actor", "law"),
    "finances": ("actor", "law"),
    "decides_access": ("actor", "law"),
    "provides": ("law", "provision"),
    "precedes": ("law", "law"),
    "escalates_to": ("step", "step"),
    "pays_out": ("actor", "law"),
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class GraphNode(_Strict):
    id: str = Field(description="an identifier from the vocabulary (law, actor, provision, step or instrument)")
    type: NodeType = Field(description="law, actor, provision, step or instrument")
    label: str | None = Field(default=None, description="the name people read")
    acts: str | None = Field(default=None, description="for steps: who acts at this step")
    prepare: str | None = Field(default=None, description="for steps: what to prepare")
    figures: list[str] = Field(default_factory=list, description="public figures that help, with their source")
    access_by_decision: bool = Field(
        default=False, description="for laws: access needs a decision of its own (a CIZ indication for the Wlz); "
                                   "until it is taken the law cannot be the interim responsible party")
    entry: RuleText | None = Field(
        default=None, description="for laws: how a professional starts under this law (the first action)")
    entry_sources: list[Source] = Field(default_factory=list, description="the law behind `entry`")
    sources: list[Source] = Field(default_factory=list, description="the law behind the node")


class GraphEdge(_Strict):
    from_: str = Field(alias="from", description="the node the edge starts at")
    to: str = Field(description="the node it ends at")
    type: EdgeType = Field(description="executes, finances, decides_access, provides, precedes, escalates_to or "
                                       "pays_out")
    provisions: list[str] = Field(default_factory=list, description="only for these provisions (empty: all)")
    contexts: list[str] = Field(default_factory=list, description="only in these need contexts (empty: all)")
    conditions: list[str] = Field(default_factory=list,
                                  description="only for members with one of these conditions (empty: all)")
    delivery_forms: list[str] = Field(
        default_factory=list, description="only for these forms of delivery (natura, pgb; for the Wlz instelling, vpt, "
                                          "mpt, pgb, mpt_pgb) (empty: all)")
    nature: Literal["mandatory", "discretionary"] | None = Field(
        default=None, description="for precedes: does the first law exclude the second, or may it (kan-bepaling)")
    valid_from: dt.date | None = Field(default=None, description="the edge holds from this date (law by date)")
    valid_to: dt.date | None = Field(default=None, description="the edge holds up to and including this date")
    sources: list[Source] = Field(default_factory=list, description="the law behind the edge")
    note: str | None = Field(default=None, description="what the edge means, or what is open")


class GraphFile(_Strict):
    schema_version: Literal[1] = Field(description="the version of the graph format: 1")
    description: str | None = Field(default=None, description="what the file covers")
    nodes: list[GraphNode] = Field(default_factory=list, description="laws, actors, provisions, steps, instruments")
    edges: list[GraphEdge] = Field(default_factory=list, description="typed edges between them")


def valid_on(edge: GraphEdge, day: dt.date | None) -> bool:
    if day is None:
        return True
    return (edge.valid_from is None or edge.valid_from <= day) and (edge.valid_to is None or day <= edge.valid_to)


def precedence_cycles(edges: Iterable[GraphEdge]) -> list[tuple[list[str], list[str]]]:
    """Cycles in the precedence, per provision: (the laws in the cycle, starting at the smallest id; the
    provisions it occurs for, empty when it occurs for every provision).

    An edge limited to provisions only counts for those: Jeugdwet before Wmo 2015 for begeleiding and Wmo 2015
    before Jeugdwet for beschermd wonen (Jeugdwet art 1.2 lid 1 sub b) are no cycle."""
    edges = [e for e in edges if e.type == "precedes"]
    scopes: list[str | None] = [None, *sorted({p for e in edges for p in e.provisions})]
    found: dict[tuple[str, ...], list[str]] = {}
    everywhere: set[tuple[str, ...]] = set()
    for scope in scopes:  # None: the edges that hold for every provision
        sub: nx.DiGraph = nx.DiGraph()
        sub.add_edges_from((e.from_, e.to) for e in edges if not e.provisions or scope in e.provisions)
        for cycle in nx.simple_cycles(sub):
            start = cycle.index(min(cycle))
            key = tuple(cycle[start:] + cycle[:start])
            if scope is None:
                everywhere.add(key)
            if key not in everywhere or scope is None:
                found.setdefault(key, [])
            if scope is not None and key not in everywhere:
                found[key].append(scope)
    return [(list(key), found[key]) for key in sorted(found)]
