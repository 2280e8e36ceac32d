"""Rendering: the advice as a note (text, Markdown, HTML) or JSON, the graph as a picture (DOT, Mermaid, GraphML,
SVG), and problems as reports (text, JSON, GitHub annotations, SARIF). The format registry is `_formats`."""

from typing import TYPE_CHECKING

from .._lazy import attach

if TYPE_CHECKING:
    from ._casegraph import CaseGraph as CaseGraph
    from ._casegraph import case_dot as case_dot
    from ._casegraph import case_graph as case_graph
    from ._casegraph import graphviz_available as graphviz_available
    from ._casegraph import graphviz_svg as graphviz_svg
    from ._cite import article_text as article_text
    from ._cite import cite as cite
    from ._cite import cites as cites
    from ._diagram import GraphLayout as GraphLayout
    from ._diagram import GraphScope as GraphScope
    from ._diagram import Highlight as Highlight
    from ._diagram import export_graph as export_graph
    from ._escape import csv_cell as csv_cell
    from ._escape import escape_html as escape_html
    from ._escape import json_text as json_text
    from ._escape import md as md
    from ._escape import md_code as md_code
    from ._escape import safe_url as safe_url
    from ._escape import visible_text as visible_text
    from ._formats import ADVICE_FORMATS as ADVICE_FORMATS
    from ._formats import GRAPH_FORMATS as GRAPH_FORMATS
    from ._formats import REPORT_FORMATS as REPORT_FORMATS
    from ._formats import SIGNALS_FORMATS as SIGNALS_FORMATS
    from ._formats import AdviceFormat as AdviceFormat
    from ._formats import GraphFormat as GraphFormat
    from ._formats import ReportFormat as ReportFormat
    from ._formats import SignalsFormat as SignalsFormat
    from ._formats import advice_renderer as advice_renderer
    from ._formats import register_advice_format as register_advice_format
    from ._formats import render_advice as render_advice
    from ._html import to_html as to_html
    from ._json import to_json as to_json
    from ._json import to_json_line as to_json_line
    from ._markdown import to_markdown as to_markdown
    from ._note import Speaker as Speaker
    from ._note import build_note as build_note
    from ._note import cite_text as cite_text
    from ._problems import render_problems as render_problems
    from ._text import to_text as to_text

if not TYPE_CHECKING:  # at run time each name is imported on first use; type checkers read the imports above
    __getattr__, __dir__, __all__ = attach(__name__, __file__)
