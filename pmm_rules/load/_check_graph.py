"""The meaning of graph files: known identifiers, edges between nodes of the right types, valid periods, and
no law that goes before itself (precedence cycles), across all graph files checked together."""

from __future__ import annotations

from ..errors import Message, PathElement, Problem, msg
from ..model import EDGE_ENDPOINTS, GraphFile, Vocabulary, closest, precedence_cycles
from ._check_sources import source_problems
from ._yaml import Located

# ---------------------------------------------------------------- graph semantics

_NODE_LISTS = {"law": "laws", "actor": "actors", "provision": "provisions", "step": "escalation_steps"}


def graph_file_problems(located: Located, parsed: GraphFile, vocab: Vocabulary) -> list[Problem]:
    problems: list[Problem] = []
    for i, node in enumerate(parsed.nodes):
        if node.type == "instrument":
            options = vocab.values("timeout_instruments") + vocab.values("bridging_instruments")
        else:
            options = vocab.values(_NODE_LISTS[node.type])
        if node.id not in options:
            guess = closest(node.id, options)
            problems.append(located.problem(("nodes", i, "id"), "unknown-identifier",
                                            msg("problem.unknown-identifier", value=f"'{node.id}'",
                                                kind=msg(f"says.node.{node.type}")),
                                            expected=msg("says.one_of", options=options),
                                            hint=msg("says.did_you_mean", guess=guess) if guess else None))
        for j, source in enumerate(node.sources):
            problems.extend(source_problems(located, source, ("nodes", i, "sources", j), vocab))
        for j, source in enumerate(node.entry_sources):
            problems.extend(source_problems(located, source, ("nodes", i, "entry_sources", j), vocab))
        for attr, given in (("entry", node.entry is not None), ("access_by_decision", node.access_by_decision)):
            if given and node.type != "law":
                problems.append(located.problem(("nodes", i, attr), "node-field",
                                                msg("problem.node-field", field=attr,
                                                    kind=msg(f"says.node.{node.type}"))))
    for i, edge in enumerate(parsed.edges):
        for j, source in enumerate(edge.sources):
            problems.extend(source_problems(located, source, ("edges", i, "sources", j), vocab))
        for attr, list_name in (("provisions", "provisions"), ("contexts", "contexts"), ("conditions", "conditions"),
                                ("delivery_forms", "delivery_forms_all")):
            for j, value in enumerate(getattr(edge, attr)):
                if value not in vocab.values(list_name):
                    guess = closest(value, vocab.values(list_name))
                    problems.append(located.problem(("edges", i, attr, j), "unknown-identifier",
                                                    msg("problem.unknown-identifier", value=f"'{value}'",
                                                        kind=msg(f"says.list.{list_name}")),
                                                    hint=msg("says.did_you_mean", guess=guess) if guess else None))
        if edge.valid_from and edge.valid_to and edge.valid_to < edge.valid_from:
            problems.append(located.problem(("edges", i, "valid_to"), "validity",
                                            msg("problem.validity", valid_to=edge.valid_to,
                                                valid_from=edge.valid_from),
                                            hint=msg("hint.validity.edge")))
        if edge.type == "precedes" and edge.nature is None:
            problems.append(located.problem(("edges", i), "missing-field", msg("problem.missing-field.nature"),
                                            expected=msg("expected.missing-field.nature")))
    return problems


def precedence_problems(graphs: list[tuple[str, GraphFile]],
                         located: dict[str, Located] | None = None) -> list[Problem]:
    where: dict[tuple[str, str], tuple[str, int]] = {}  # (from, to) -> the first edge's file and index
    edges = []
    for file, graph in graphs:
        for i, edge in enumerate(graph.edges):
            if edge.type == "precedes":
                where.setdefault((edge.from_, edge.to), (file, i))
                edges.append(edge)
    problems = []
    for cycle, provisions in precedence_cycles(edges):
        file, index = where[(cycle[0], cycle[1 % len(cycle)])]
        path = ("edges", index)
        line, column = located[file].where(path) if located and file in located else (1, 1)
        shown = " → ".join([*cycle, cycle[0]])
        message = (msg("problem.precedence-cycle.scoped", provisions=provisions, cycle=shown) if provisions
                   else msg("problem.precedence-cycle", cycle=shown))
        problems.append(Problem.from_text(file, line, column, "precedence-cycle", message, path,
                                          hint=msg("hint.precedence-cycle")))
    return problems


def graph_consistency_problems(graphs: list[tuple[str, GraphFile]],
                               located: dict[str, Located] | None = None) -> list[Problem]:
    """Edges whose endpoints are missing or of the wrong type, across all graph files."""
    located = located or {}

    def problem(file: str, path: tuple[PathElement, ...], code: str, message: Message,
                hint: Message | None = None) -> Problem:
        if file in located:
            return located[file].problem(path, code, message, hint=hint)
        return Problem.from_text(file, 1, 1, code, message, path, hint=hint)

    types: dict[str, str] = {}
    for _, graph in graphs:
        for node in graph.nodes:
            types.setdefault(node.id, node.type)
    problems = []
    for file, graph in graphs:
        for i, edge in enumerate(graph.edges):
            want_from, want_to = EDGE_ENDPOINTS[edge.type]
            for key, end, wanted in (("from", edge.from_, want_from), ("to", edge.to, want_to)):
                actual = types.get(end)
                if actual is None:
                    problems.append(problem(file, ("edges", i, key), "unknown-node",
                                            msg("problem.unknown-node", node=end),
                                            hint=msg("hint.unknown-node", node=end, type=wanted)))
                elif actual != wanted:
                    problems.append(problem(file, ("edges", i, key), "edge-endpoint",
                                            msg("problem.edge-endpoint", edge=edge.type, wanted=wanted, node=end,
                                                actual=actual)))
    return problems
