"""The responsibility graph (networkx): who executes and pays which law, for which provision, in which order.

Built from the graph files. Nodes are laws, actors, provisions, PMM steps and instruments; typed edges
say `executes`, `finances`, `decides_access`, `provides`, `precedes` and `escalates_to`. Edges may be
limited to provisions, need contexts and member conditions; the most specific matching edge wins.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from ..model import GraphEdge, GraphFile, GraphNode, precedence_cycles, valid_on


@dataclass(frozen=True)
class Situation:
    """What an edge's qualifiers are matched against."""

    provision: str | None = None
    context: str | None = None
    conditions: frozenset[str] | None = None  # None: unknown
    on: dt.date | None = None  # the reference date: edges outside their validity do not apply
    delivery_form: str | None = None  # natura, pgb; for the Wlz instelling, vpt, mpt, pgb, mpt_pgb (None: unknown)


def _matches(edge: GraphEdge, situation: Situation, *, with_conditions: bool = True) -> int | None:
    """Specificity of a matching edge (more qualifiers, higher), or None if it does not apply."""
    if not valid_on(edge, situation.on):
        return None
    score = 0
    if edge.provisions:
        if situation.provision not in edge.provisions:
            return None
        score += 1
    if edge.contexts:
        if situation.context not in edge.contexts:
            return None
        score += 1
    if edge.conditions and with_conditions:
        if situation.conditions is None or not situation.conditions & set(edge.conditions):
            return None
        score += 1
    if edge.delivery_forms:
        if situation.delivery_form not in edge.delivery_forms:
            return None
        score += 1
    return score


class ResponsibilityGraph:
    def __init__(self, files: Iterable[GraphFile]) -> None:
        self.nodes: dict[str, GraphNode] = {}
        self.edges: list[GraphEdge] = []
        for graph_file in files:
            for node in graph_file.nodes:
                self.nodes.setdefault(node.id, node)
            self.edges.extend(graph_file.edges)
        self.edges.sort(key=lambda e: (e.type, e.from_, e.to, e.provisions, e.contexts, e.conditions))
        self.g: nx.MultiDiGraph = nx.MultiDiGraph()
        for node_id, node in sorted(self.nodes.items()):
            self.g.add_node(node_id, type=node.type, label=node.label or node_id)
        for edge in self.edges:
            self.g.add_edge(edge.from_, edge.to, key=f"{edge.type}:{len(self.g.edges)}", type=edge.type, edge=edge)
        # The graph does not change once built, and every advice asks it the same questions: index it.
        self._by_type: dict[str, list[GraphEdge]] = {}
        for edge in self.edges:
            self._by_type.setdefault(edge.type, []).append(edge)
        self._route = self._steps_in_order()

    def edges_of(self, edge_type: str) -> list[GraphEdge]:
        return list(self._by_type.get(edge_type, ()))

    def _best(self, edge_type: str, law: str, situation: Situation) -> GraphEdge | None:
        candidates = []
        for edge in self._by_type.get(edge_type, ()):
            if edge.to != law:
                continue
            score = _matches(edge, situation)
            if score is not None:
                candidates.append((-score, edge.from_, edge))
        return sorted(candidates, key=lambda c: (c[0], c[1]))[0][2] if candidates else None

    def executor(self, law: str, situation: Situation) -> GraphEdge | None:
        return self._best("executes", law, situation)

    def financier(self, law: str, situation: Situation) -> GraphEdge | None:
        return self._best("finances", law, situation)

    def payer(self, law: str, situation: Situation) -> GraphEdge | None:
        """Who makes the payments on the financier's behalf (a `pays_out` edge), if the graph says."""
        return self._best("pays_out", law, situation)

    def access(self, law: str, situation: Situation) -> GraphEdge | None:
        return self._best("decides_access", law, situation)

    def providers(self, situation: Situation) -> list[GraphEdge]:
        """`provides` edges for the situation's provision (ignoring member conditions: a provider is a candidate
        even when its conditions are not met; `provider_conditions_met` says whether they are)."""
        return [edge for edge in self._by_type.get("provides", ())
                if edge.to == situation.provision and _matches(edge, situation, with_conditions=False) is not None]

    def precedence(self, first: str, second: str, provision: str | None, on: dt.date | None = None,
                   context: str | None = None) -> GraphEdge | None:
        """The `precedes` edge saying `first` goes before `second` for this provision (and, for an edge limited to
        contexts, in this context: an unknown context matches no such edge), if any."""
        for edge in self._by_type.get("precedes", ()):
            if not valid_on(edge, on):
                continue
            if edge.from_ == first and edge.to == second and (not edge.provisions or provision in edge.provisions) \
                    and (not edge.contexts or context in edge.contexts):
                return edge
        return None

    def route(self) -> list[str]:
        """The escalation steps in order (following escalates_to from the step nobody escalates to)."""
        return list(self._route)

    def _steps_in_order(self) -> list[str]:
        steps = [n for n, node in self.nodes.items() if node.type == "step"]
        sub = nx.DiGraph()
        sub.add_nodes_from(steps)
        sub.add_edges_from((e.from_, e.to) for e in self.edges_of("escalates_to"))
        try:
            order: list[str] = list(nx.lexicographical_topological_sort(sub, key=_step_rank))
        except nx.NetworkXUnfeasible:
            order = sorted(steps, key=_step_rank)
        return order

    def node(self, node_id: str) -> GraphNode | None:
        return self.nodes.get(node_id)

    def precedence_cycles(self) -> list[list[str]]:
        return [sorted(cycle) for cycle, _ in precedence_cycles(self.edges_of("precedes"))]

    def to_networkx(self) -> Any:
        return self.g


_STEP_ORDER = {"regulier": 0, "maatwerkregister": 1, "lmm": 2, "let": 3}


def _step_rank(step: str) -> str:
    return f"{_STEP_ORDER.get(step, 9)}{step}"
