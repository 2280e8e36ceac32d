"""The graph of one case: only the laws, actors, provisions, steps and instruments that matter for its advice, with
human names, labelled edges and the route highlighted, as DOT for a real layout engine (Graphviz), or as JSON.

The same DOT text is laid out by Graphviz everywhere: by `dot` on the server or the command line where Graphviz is
installed (`graphviz_svg`), and by Graphviz compiled to WebAssembly on the page of `pmm-rules serve`. Graphviz sizes
every box to its label, so no label is ever cut; long names are wrapped at word boundaries instead.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import textwrap
from dataclasses import dataclass, field
from typing import Any

from ..advise import ResponsibilityGraph
from ..labels import Lang, name
from ..model import Advice, valid_on

_KIND = {"law": "law", "actor": "actor", "provision": "provision", "step": "step", "instrument": "instrument"}
_SHAPE = {"law": "box", "actor": "ellipse", "provision": "note", "step": "cds", "instrument": "component"}
_FILL = {"law": "#e8f0fe", "actor": "#f1f3f4", "provision": "#e6f4ea", "step": "#fef7e0", "instrument": "#f3e8fd"}
_EDGE_COLOR = {"executes": "#1a56c4", "finances": "#1e7e34", "decides_access": "#6f42c1", "provides": "#5f6368",
               "precedes": "#b3261e", "escalates_to": "#8a5a00", "via": "#5f6368"}
_WRAP = 26
# Graphviz reads labels in these quotes; a backslash starts an escape (\n, \l) and must be doubled.
_DOT_UNSAFE = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": " ", "\r": " "})


@dataclass
class CaseGraph:
    """The part of the responsibility graph one advice touches, with what to highlight."""

    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> {type, label, hot, status}
    edges: list[dict[str, Any]] = field(default_factory=list)  # {from, to, type, label, hot}

    def as_json(self) -> dict[str, Any]:
        return {"nodes": [{"id": node_id, **node} for node_id, node in sorted(self.nodes.items())],
                "edges": self.edges}


def _wrap(text: str) -> str:
    return "\n".join(textwrap.wrap(text, _WRAP, break_long_words=False, break_on_hyphens=False)) or text


def case_graph(graph: ResponsibilityGraph, advice: Advice, lang: Lang = "nl") -> CaseGraph:
    """The laws, actors, provisions, steps and instruments that matter for `advice`, and the edges between them."""
    out = CaseGraph()
    hot_nodes: set[str] = set()
    hot_edges: set[tuple[str, str, str]] = set()

    def add(node_id: str | None, hot: bool = False, status: str | None = None) -> None:
        if not node_id:
            return
        node = graph.node(node_id)
        kind = node.type if node is not None else "actor"
        entry = out.nodes.setdefault(node_id, {
            "type": kind, "label": name(_KIND[kind], node_id, lang, default=(node.label if node else None)),
            "hot": False, "status": None})
        entry["hot"] = entry["hot"] or hot
        if status is not None:
            entry["status"] = status
        if hot:
            hot_nodes.add(node_id)

    provisions: set[str] = set()
    for need in advice.needs:
        provisions.add(need.provision)
        add(need.provision, hot=True)
        for regime in need.regimes:
            add(regime.law, hot=regime.status == "applies")
            if regime.status == "applies":
                hot_edges.add((regime.law, need.provision, "provides"))
        responsible = need.responsible
        if responsible is not None:
            add(responsible.law, hot=True)
            for actor, kind in ((responsible.executor, "executes"), (responsible.financier, "finances")):
                if actor:
                    add(actor, hot=True)
                    hot_edges.add((actor, responsible.law, kind))
    for collision in advice.collisions:
        for law in collision.laws:
            add(law)
    escalation = advice.escalation
    for step in escalation.route:
        add(step.step, hot=step.step in (escalation.current_step, escalation.next_step), status=step.status)
    if escalation.current_step and escalation.next_step:
        hot_edges.add((escalation.current_step, escalation.next_step, "escalates_to"))
    bridging = advice.bridging
    if bridging.applicable:
        add(bridging.instrument, hot=True)
        for candidate in bridging.candidates:
            add(candidate.law)
            add(candidate.financier, hot=candidate.financier == bridging.likely_financier)
    via_edges: list[tuple[str, str]] = []
    for timeout in advice.timeouts:
        add(timeout.instrument, hot=True)
        if timeout.via:
            add(timeout.via)
            via_edges.append((timeout.instrument, timeout.via))
    for leeway in advice.leeway:
        law = leeway.basis.split(":", 1)[0]
        if graph.node(law) is not None:
            add(law)
    for deadline in advice.deadlines:
        add(deadline.actor)

    on = _date(advice.reference_date)
    seen: set[tuple[str, str, str]] = set()
    for edge in graph.edges:
        key = (edge.from_, edge.to, edge.type)
        if key in seen or edge.from_ not in out.nodes or edge.to not in out.nodes or not valid_on(edge, on):
            continue
        if edge.provisions and not provisions & set(edge.provisions) and edge.type != "escalates_to":
            continue
        seen.add(key)
        out.edges.append({"from": edge.from_, "to": edge.to, "type": edge.type,
                          "label": name("edge", edge.type, lang), "hot": key in hot_edges})
    for instrument, actor in sorted(set(via_edges)):
        out.edges.append({"from": instrument, "to": actor, "type": "via", "label": name("edge", "via", lang),
                          "hot": False})
    out.edges.sort(key=lambda e: (e["type"], e["from"], e["to"]))
    return out


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def case_dot(graph: ResponsibilityGraph, advice: Advice, lang: Lang = "nl") -> str:
    """The graph of one case as DOT: human names, labelled edges, the route and who is responsible highlighted."""
    found = case_graph(graph, advice, lang)
    out = [f'digraph "{advice.case_id.translate(_DOT_UNSAFE)}" {{',
           '  graph [rankdir=LR, nodesep=0.35, ranksep=0.9, fontname="Helvetica", fontsize=16, '
           'bgcolor="transparent", pad=0.2];',
           '  node [fontname="Helvetica", fontsize=16, style="rounded,filled", penwidth=1.2, margin="0.18,0.08"];',
           '  edge [fontname="Helvetica", fontsize=13, penwidth=1.2, arrowsize=0.8];']
    for node_id, node in sorted(found.nodes.items()):
        kind = node["type"]
        label = _wrap(node["label"])
        if node["status"]:
            label += "\n(" + name("step_status", node["status"], lang) + ")"
        attrs = ['label="' + "\\n".join(part.translate(_DOT_UNSAFE) for part in label.split("\n")) + '"',
                 f'shape={"box" if kind == "step" else _SHAPE[kind]}', f'fillcolor="{_FILL[kind]}"',
                 f'class="{kind}{" hot" if node["hot"] else ""}"']
        if node["hot"]:
            attrs += ["penwidth=3", 'color="#b06000"']
        if node_id == advice.escalation.next_step:
            attrs += ['fillcolor="#ffd666"', "penwidth=4", 'color="#b3261e"']
        elif node_id == advice.escalation.current_step:
            attrs += ['fillcolor="#ffe9a8"']
        out.append(f'  "{node_id.translate(_DOT_UNSAFE)}" [{", ".join(attrs)}];')
    for edge in found.edges:
        color = _EDGE_COLOR.get(edge["type"], "#5f6368")
        attrs = [f'label="{edge["label"].translate(_DOT_UNSAFE)}"', f'color="{color}"', f'fontcolor="{color}"',
                 f'class="{edge["type"]}{" hot" if edge["hot"] else ""}"']
        if edge["type"] in ("finances",):
            attrs.append('style="dashed"')
        elif edge["type"] == "decides_access":
            attrs.append('style="dotted"')
        if edge["hot"]:
            attrs += ["penwidth=3.5"]
        out.append(f'  "{edge["from"].translate(_DOT_UNSAFE)}" -> "{edge["to"].translate(_DOT_UNSAFE)}" '
                   f'[{", ".join(attrs)}];')
    out.append("}")
    return "\n".join(out) + "\n"


def graphviz_available() -> bool:
    """Whether Graphviz's `dot` is installed here (Debian: `apt-get install graphviz`)."""
    return shutil.which("dot") is not None


def graphviz_svg(dot_text: str, timeout: float = 30.0) -> str | None:
    """The DOT text laid out by Graphviz's `dot` as SVG, or None where Graphviz is not installed or fails."""
    program = shutil.which("dot")
    if program is None:
        return None
    try:
        result = subprocess.run([program, "-Tsvg"], input=dot_text, capture_output=True, text=True,
                                timeout=timeout, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 and result.stdout.lstrip().startswith("<") else None
