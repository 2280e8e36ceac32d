"""The responsibility graph as a picture or an exchange file: DOT, Mermaid, GraphML and standalone SVG.

With an advice, the parts that matter for that case are highlighted: the laws that apply to a need, who
executes and pays, and the route position. Where Graphviz is installed, SVG is laid out by its `dot`;
elsewhere (or with `layout="builtin"`) it is drawn here, in a fixed layered layout with one column per node type, so
that no Graphviz installation is needed and the output is byte-for-byte reproducible.
"""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape
from typing import Literal

import networkx as nx

from ..advise import ResponsibilityGraph
from ..errors import EngineError, visible
from ..labels import Lang
from ..model import Advice
from ._formats import GraphFormat

_COLUMNS = ("step", "instrument", "actor", "law", "provision")
_EDGE_STYLE = {
    "executes": ("#1f6feb", "solid"),
    "finances": ("#2da44e", "dashed"),
    "decides_access": ("#8250df", "dotted"),
    "provides": ("#6e7781", "solid"),
    "precedes": ("#cf222e", "bold"),
    "escalates_to": ("#bf8700", "bold"),
    "pays_out": ("#1a7f37", "dotted"),
}


@dataclass(frozen=True)
class Highlight:
    """Nodes and edges of the graph that one advice touches."""

    nodes: frozenset[str] = frozenset()
    edges: frozenset[tuple[str, str, str]] = frozenset()  # (from, to, type)
    notes: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_advice(cls, advice: Advice) -> Highlight:
        nodes: set[str] = set()
        edges: set[tuple[str, str, str]] = set()
        notes: dict[str, str] = {}
        for need in advice.needs:
            nodes.add(need.provision)
            for regime in need.regimes:
                if regime.status == "applies":
                    nodes.add(regime.law)
                    edges.add((regime.law, need.provision, "provides"))
            if need.responsible is not None:
                law = need.responsible.law
                nodes.add(law)
                for actor, kind in ((need.responsible.executor, "executes"), (need.responsible.financier, "finances"),
                                    (need.responsible.pays_out, "pays_out")):
                    if actor:
                        nodes.add(actor)
                        edges.add((actor, law, kind))
        route = [s.step for s in advice.escalation.route]
        for step in advice.escalation.route:
            if step.status in ("vastgelopen", "lopend", "opgelost", "volgende"):
                nodes.add(step.step)
                notes[step.step] = step.status
        for first, second in itertools.pairwise(route):
            if first in nodes and second in nodes:
                edges.add((first, second, "escalates_to"))
        if advice.bridging.applicable:
            nodes.add(advice.bridging.instrument)
        for timeout in advice.timeouts:
            nodes.add(timeout.instrument)
        return cls(frozenset(nodes), frozenset(edges), notes)


def _edge_label(edge_type: str, provisions: Iterable[str], contexts: Iterable[str], conditions: Iterable[str],
                nature: str | None, forms: Iterable[str] = ()) -> str:
    parts = [edge_type]
    qualifiers = [*provisions, *contexts, *conditions, *forms]
    if qualifiers:
        parts.append("(" + ", ".join(qualifiers) + ")")
    if nature:
        parts.append(f"[{nature}]")
    return " ".join(parts)


def _labels(graph: ResponsibilityGraph) -> dict[str, str]:
    return {node_id: (node.label or node_id) for node_id, node in graph.nodes.items()}


def to_dot(graph: ResponsibilityGraph, highlight: Highlight | None = None) -> str:
    hl = highlight or Highlight()
    shapes = {"law": "box", "actor": "ellipse", "provision": "note", "step": "cds", "instrument": "component"}
    out = ["digraph pmm_rules {", "  rankdir=LR;", '  node [fontname="Helvetica", fontsize=10];',
           '  edge [fontname="Helvetica", fontsize=8];']
    for node_id, node in sorted(graph.nodes.items()):
        attrs = [f'label="{_dot_escape(node.label or node_id)}"', f"shape={shapes[node.type]}"]
        if node_id in hl.nodes:
            attrs += ["style=filled", 'fillcolor="#fff3b0"', "penwidth=2"]
        out.append(f'  "{_dot_escape(node_id)}" [{", ".join(attrs)}];')
    for edge in graph.edges:
        color, style = _EDGE_STYLE[edge.type]
        label = _edge_label(edge.type, edge.provisions, edge.contexts, edge.conditions, edge.nature,
                            edge.delivery_forms)
        attrs = [f'label="{_dot_escape(label)}"', f'color="{color}"', f"style={style}"]
        if (edge.from_, edge.to, edge.type) in hl.edges:
            attrs.append("penwidth=3")
        out.append(f'  "{_dot_escape(edge.from_)}" -> "{_dot_escape(edge.to)}" [{", ".join(attrs)}];')
    out.append("}")
    return "\n".join(out) + "\n"


def _dot_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def to_mermaid(graph: ResponsibilityGraph, highlight: Highlight | None = None) -> str:
    hl = highlight or Highlight()
    brackets = {"law": ("[", "]"), "actor": ("([", "])"), "provision": ("[/", "/]"), "step": ("{{", "}}"),
                "instrument": ("[[", "]]")}
    # Mermaid ids must be plain words; keep the vocabulary id readable so the file diffs well.
    ids = {node_id: re.sub(r"[^A-Za-z0-9_]", "_", node_id) for node_id in sorted(graph.nodes)}
    out = ["flowchart LR"]
    for node_id, node in sorted(graph.nodes.items()):
        left, right = brackets[node.type]
        label = visible(node.label or node_id, newlines=False).replace('"', "'")  # one line: no injected statement
        out.append(f'  {ids[node_id]}{left}"{label}"{right}')
    for i, edge in enumerate(graph.edges):
        label = _edge_label(edge.type, edge.provisions, edge.contexts, edge.conditions, edge.nature,
                            edge.delivery_forms)
        arrow = "==>" if (edge.from_, edge.to, edge.type) in hl.edges else "-->"
        label = visible(label, newlines=False).replace('"', "'")
        out.append(f'  {ids[edge.from_]} {arrow}|"{label}"| {ids[edge.to]}')
        color, _ = _EDGE_STYLE[edge.type]
        out.append(f"  linkStyle {i} stroke:{color}")
    out.append("  classDef highlighted fill:#fff3b0,stroke:#bf8700,stroke-width:2px")
    marked = [ids[n] for n in sorted(hl.nodes) if n in ids]
    if marked:
        out.append(f"  class {','.join(marked)} highlighted")
    return "\n".join(out) + "\n"


def to_graphml(graph: ResponsibilityGraph, highlight: Highlight | None = None) -> str:
    hl = highlight or Highlight()
    g = nx.MultiDiGraph()
    for node_id, node in sorted(graph.nodes.items()):
        g.add_node(node_id, type=node.type, label=node.label or node_id, highlighted=node_id in hl.nodes)
    for i, edge in enumerate(graph.edges):
        g.add_edge(edge.from_, edge.to, key=f"e{i}", type=edge.type,
                   provisions=",".join(edge.provisions), contexts=",".join(edge.contexts),
                   conditions=",".join(edge.conditions), nature=edge.nature or "",
                   highlighted=(edge.from_, edge.to, edge.type) in hl.edges)
    buffer = io.BytesIO()
    nx.write_graphml(g, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue().decode("utf-8")


def to_svg(graph: ResponsibilityGraph, highlight: Highlight | None = None, title: str = "") -> str:
    hl = highlight or Highlight()
    col_width, row_height, box_w, box_h, margin = 260, 34, 210, 24, 40
    columns: dict[str, list[str]] = {c: [] for c in _COLUMNS}
    route = graph.route()
    for node_id, node in graph.nodes.items():
        columns[node.type].append(node_id)
    columns["step"].sort(key=lambda s: route.index(s) if s in route else len(route))
    for kind in ("instrument", "actor", "law", "provision"):
        columns[kind].sort()
    pos: dict[str, tuple[int, int]] = {}
    for ci, kind in enumerate(_COLUMNS):
        for ri, node_id in enumerate(columns[kind]):
            pos[node_id] = (margin + ci * col_width, margin + 40 + ri * row_height)
    height = margin * 2 + 40 + row_height * max((len(v) for v in columns.values()), default=1) + 60
    width = margin * 2 + col_width * len(_COLUMNS)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="Helvetica, Arial, sans-serif" font-size="11">',
           f"<title>{escape(title or 'pmm_rules: verantwoordelijkheidsgraaf')}</title>",
           '<rect width="100%" height="100%" fill="#ffffff"/>']
    headers = {"step": "Escalatiestap", "instrument": "PMM-instrument", "actor": "Actor", "law": "Wet",
               "provision": "Voorziening"}
    for ci, kind in enumerate(_COLUMNS):
        out.append(f'<text x="{margin + ci * col_width}" y="{margin + 10}" font-weight="bold">'
                   f"{headers[kind]}</text>")
    for edge in graph.edges:
        if edge.from_ not in pos or edge.to not in pos:
            continue
        (x1, y1), (x2, y2) = pos[edge.from_], pos[edge.to]
        color, style = _EDGE_STYLE[edge.type]
        hot = (edge.from_, edge.to, edge.type) in hl.edges
        if x1 == x2:  # same column (precedes, escalates_to): an arc to the right of the boxes
            sx, sy, ex, ey = x1 + box_w, y1 + box_h // 2, x2 + box_w, y2 + box_h // 2
            bend = 30 + abs(y2 - y1) // 6
            path = f"M{sx},{sy} C{sx + bend},{sy} {ex + bend},{ey} {ex},{ey}"
        else:
            if x1 > x2:
                (x1, y1), (x2, y2) = (x2, y2), (x1, y1)
            sx, sy, ex, ey = x1 + box_w, y1 + box_h // 2, x2, y2 + box_h // 2
            mid = (sx + ex) // 2
            path = f"M{sx},{sy} C{mid},{sy} {mid},{ey} {ex},{ey}"
        dash = {"dashed": ' stroke-dasharray="6 3"', "dotted": ' stroke-dasharray="2 3"'}.get(style, "")
        stroke = 3 if hot else (1.6 if style == "bold" else 1)
        opacity = 1 if hot or not hl.nodes else 0.35
        label = _edge_label(edge.type, edge.provisions, edge.contexts, edge.conditions, edge.nature,
                            edge.delivery_forms)
        out.append(f'<path d="{path}" fill="none" stroke="{color}" stroke-width="{stroke}"{dash} '
                   f'opacity="{opacity}"><title>{escape(edge.from_)} → {escape(edge.to)}: {escape(label)}'
                   "</title></path>")
    for node_id, (x, y) in sorted(pos.items()):
        node = graph.nodes[node_id]
        hot = node_id in hl.nodes
        fill = "#fff3b0" if hot else "#f6f8fa"
        border = "#bf8700" if hot else "#8c959f"
        label = node.label or node_id
        short = label if len(label) <= 32 else label[:31] + "…"
        note = f" ({hl.notes[node_id]})" if node_id in hl.notes else ""
        out.append(f'<g><title>{escape(node_id)}: {escape(label)}{escape(note)}</title>'
                   f'<rect x="{x}" y="{y}" width="{box_w}" height="{box_h}" rx="5" fill="{fill}" '
                   f'stroke="{border}" stroke-width="{2 if hot else 1}"/>'
                   f'<text x="{x + 6}" y="{y + 16}">{escape(short)}{escape(note)}</text></g>')
    legend_y = height - 30
    for i, (kind, (color, _)) in enumerate(_EDGE_STYLE.items()):
        lx = margin + i * 170
        out.append(f'<line x1="{lx}" y1="{legend_y}" x2="{lx + 30}" y2="{legend_y}" stroke="{color}" '
                   f'stroke-width="2"/><text x="{lx + 36}" y="{legend_y + 4}">{kind}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


GraphLayout = Literal["auto", "graphviz", "builtin"]
GraphScope = Literal["all", "case"]


def export_graph(graph: ResponsibilityGraph, fmt: GraphFormat, advice: Advice | None = None, *,
                 layout: GraphLayout = "auto", scope: GraphScope = "all", lang: Lang = "nl") -> str:
    """The graph in `fmt`, with the parts `advice` touches highlighted when an advice is given.

    `scope="case"` (with an advice; DOT and SVG) keeps only what matters for that case, with human names
    (`case_dot`). SVG is laid out by Graphviz's `dot` where it is installed (`layout="auto"`, the layout the page of
    `pmm-rules serve` uses), else drawn by the built-in layered writer; `layout="builtin"` always draws it here
    (byte-for-byte reproducible without Graphviz), `layout="graphviz"` raises `EngineError` without it."""
    from ._casegraph import case_dot, graphviz_svg

    highlight = Highlight.from_advice(advice) if advice is not None else None
    if fmt == "dot":
        return case_dot(graph, advice, lang) if advice is not None and scope == "case" else to_dot(graph, highlight)
    if fmt == "mermaid":
        return to_mermaid(graph, highlight)
    if fmt == "graphml":
        return to_graphml(graph, highlight)
    if layout != "builtin":
        dot_text = case_dot(graph, advice, lang) if advice is not None and scope == "case" else to_dot(graph, highlight)
        svg = graphviz_svg(dot_text)
        if svg is not None:
            return svg
        if layout == "graphviz":
            raise EngineError("Graphviz's dot is not installed here (Debian: apt-get install graphviz); "
                              "use --layout builtin or auto")
    title = f"pmm_rules: casus {advice.case_id}" if advice is not None else ""
    return to_svg(graph, highlight, title)
