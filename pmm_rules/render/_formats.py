"""The output formats, by name: what the CLI offers for advice, graphs, problem reports and signals.

Listing the names imports no renderer, so `pmm-rules --help` stays fast. `render_advice` finds the renderer of
an advice format by its entry here; add a format with `register_advice_format`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from ..labels import Lang
    from ..model import Advice

GraphFormat = Literal["dot", "mermaid", "graphml", "svg"]
GRAPH_FORMATS: tuple[GraphFormat, ...] = ("dot", "mermaid", "graphml", "svg")
ReportFormat = Literal["text", "json", "github", "sarif"]
REPORT_FORMATS: tuple[ReportFormat, ...] = ("text", "json", "github", "sarif")
SignalsFormat = Literal["markdown", "csv", "json"]
SIGNALS_FORMATS: tuple[SignalsFormat, ...] = ("markdown", "csv", "json")


@dataclass(frozen=True)
class AdviceFormat:
    """An output format of advice: its renderer, as "module:function" taking (advice, lang) and returning text."""

    name: str
    renderer: str
    batch: bool  # several advices can follow each other in one output
    help: str


ADVICE_FORMATS: dict[str, AdviceFormat] = {
    f.name: f for f in (
        AdviceFormat("text", "pmm_rules.render._text:to_text", True, "a note in Dutch (or English with --lang en)"),
        AdviceFormat("json", "pmm_rules.render._json:to_json", False, "the advice of the contract, indented"),
        AdviceFormat("jsonl", "pmm_rules.render._json:to_json_line", True, "one advice per line (JSON Lines)"),
        AdviceFormat("markdown", "pmm_rules.render._markdown:to_markdown", True, "a report in Markdown"),
        AdviceFormat("html", "pmm_rules.render._html:to_html", False, "one self-contained HTML page"),
    )
}


def register_advice_format(name: str, renderer: str | Callable[[Advice, Lang], str], *, batch: bool = False,
                           help: str = "") -> None:
    """Add an advice format: a function `(advice, lang) -> str`, or its import path "package.module:function"."""
    target = renderer if isinstance(renderer, str) else f"{renderer.__module__}:{renderer.__qualname__}"
    ADVICE_FORMATS[name] = AdviceFormat(name, target, batch, help)


def advice_renderer(name: str) -> Callable[[Advice, Lang], str]:
    """The renderer of an advice format (imported now); `KeyError` for an unknown format."""
    module, _, function = ADVICE_FORMATS[name].renderer.partition(":")
    found: Callable[[Advice, Lang], str] = getattr(importlib.import_module(module), function)
    return found


def render_advice(advice: Advice, fmt: str = "text", lang: Lang = "nl") -> str:
    """The advice in an output format (one of `ADVICE_FORMATS`)."""
    return advice_renderer(fmt)(advice, lang)
