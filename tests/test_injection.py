"""Rule text is data, never markup.

Every free text of an advice (explanations, reasons, citations, questions, ids) is replaced by injection payloads
and rendered as HTML, Markdown, text and CSV: headless Chromium loads the HTML page, and the Markdown rendered by a
permissive renderer (raw HTML on, link checks off), and nothing may execute, load, link anywhere but https://, or
add an element. Text output, explain, test and error messages show control characters as escapes. `validate`
refuses source links that are not https://, and statute links are always built from the BWB id.
"""

from __future__ import annotations

import csv
import html.parser
import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from pmm_rules import Case, Engine
from pmm_rules.load import check_paths
from pmm_rules.model import Advice
from pmm_rules.render import render_advice

from .common import EXAMPLES
from .isolated import rule, run_cli, write_rules

MARK = "document.documentElement.dataset.pwned"
PAYLOADS = [
    f"<script>{MARK}='script'</script>",
    f"<img src=x onerror=\"{MARK}='img'\">",
    f"\"><svg onload=\"{MARK}='svg'\">",
    f"[klik](javascript:{MARK}='link') ![beeld](https://example.invalid/pixel.png)",
    "<a href=\"javascript:alert(1)\">a</a> <javascript:alert(2)> <https://example.invalid/auto>",
    "| kolom | breuk |\n# kop\n- lijst\n1. genummerd\n```\ncode",
    "\x1b[31mrood\x1b[0m\x07\x9b2J\u202etxt.exe\u2066\r=cmd|' /C calc'!A0",
    "=HYPERLINK(\"https://example.invalid\",\"klik\")",
]
INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def injected_advice(engine: Engine) -> Advice:
    """A real advice (with collisions, a route, leeway, missing facts) in which every text that the model allows
    to be any text is a payload, and every citation links to javascript: (the renderer's last line of defence:
    `validate` refuses such links in rule files)."""
    advice = engine.advise(Case.from_yaml(EXAMPLES / "stemtolk.yaml"), evaluated_at="x")
    data = json.loads(advice.to_json())
    data["trace"] = []
    count = 0

    def walk(node: Any, path: tuple[Any, ...]) -> None:
        nonlocal count
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
        for key, value in list(items):
            if isinstance(value, str):
                node[key] = PAYLOADS[count % len(PAYLOADS)]
                try:
                    Advice.model_validate(data)
                    count += 1
                except ValueError:
                    node[key] = value
            else:
                walk(value, (*path, key))

    walk(data, ())
    for citations in _all_citations(data):
        for citation in citations:
            citation["url"] = f"javascript:{MARK}='href'"
    assert count > 30, count
    return Advice.model_validate(data)


def _all_citations(node: Any) -> list[list[dict[str, Any]]]:
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "citations" and isinstance(value, list):
                found.append(value)
            else:
                found += _all_citations(value)
    elif isinstance(node, list):
        for value in node:
            found += _all_citations(value)
    return found


# ---------------------------------------------------------------- a real browser


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("headless Chromium is needed for this test and .ci/run installs it (apt-get install chromium)")
    pytest.skip("headless Chromium is not installed here (apt-get install chromium); CI installs it and runs this")


def dump_dom(page: str, folder: Path) -> str:
    """The DOM after Chromium loaded the page and ran whatever it would run (2 s of virtual time)."""
    path = folder / "pagina.html"
    path.write_text(page, encoding="utf-8")
    result = subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu",
                             "--disable-background-networking", "--disable-component-update", "--disable-sync",
                             "--no-first-run", "--disable-extensions", f"--user-data-dir={folder / 'profiel'}",
                             "--virtual-time-budget=2000", "--dump-dom", path.as_uri()],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


class _Elements(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))


def elements(dom: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(dom)
    return parser.elements


ALLOWED = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "table", "tbody", "thead", "tr",
           "td", "th", "ul", "ol", "li", "b", "strong", "em", "small", "br", "hr", "a", "span", "code", "pre",
           "blockquote"}


def assert_inert(dom: str) -> None:
    assert "data-pwned" not in dom, "an injected script ran"
    for tag, attrs in elements(dom):
        assert tag in ALLOWED, f"an injected <{tag}> element"
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        if tag == "a":
            assert (attrs.get("href") or "").startswith("https://"), attrs


def test_the_browser_check_sees_a_script_that_runs(tmp_path: Path) -> None:
    # The detector itself: a page where the payload is not escaped does get the mark.
    dom = dump_dom(f"<!doctype html><html><body><p>{PAYLOADS[0]}</p></body></html>", tmp_path)
    assert 'data-pwned="script"' in dom


@pytest.mark.slow
def test_injected_text_is_inert_in_the_html_page(reference_engine: Engine, tmp_path: Path) -> None:
    page = render_advice(injected_advice(reference_engine), "html", "nl")
    assert not INVISIBLE.search(page)
    dom = dump_dom(page, tmp_path)
    assert_inert(dom)
    assert "Advies casus" in dom and "&lt;script&gt;" in dom, "the payloads are shown as text"


@pytest.mark.slow
def test_injected_text_is_inert_in_markdown_rendered_with_raw_html_and_any_link(reference_engine: Engine,
                                                                                tmp_path: Path) -> None:
    from markdown_it import MarkdownIt

    markdown = render_advice(injected_advice(reference_engine), "markdown", "nl")
    assert not INVISIBLE.search(markdown)
    renderer = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")
    renderer.validateLink = lambda url: True  # the most permissive renderer: raw HTML and every link kept
    body = renderer.render(markdown)
    dom = dump_dom(f"<!doctype html><html><head><meta charset='utf-8'><title>md</title></head><body>{body}"
                   "</body></html>", tmp_path)
    assert_inert(dom)
    tags = [tag for tag, _ in elements(body)]
    assert tags.count("tr") == 1 + len(injected_advice(reference_engine).needs), "no table row from a value"
    # The structure is the renderer's own: the same advice with its real texts gives the same block elements.
    clean = render_advice(reference_engine.advise(Case.from_yaml(EXAMPLES / "stemtolk.yaml"), evaluated_at="x"),
                          "markdown", "nl")
    blocks = {"h1", "h2", "h3", "h4", "pre", "ol", "ul", "blockquote", "table", "hr"}
    clean_tags = [tag for tag, _ in elements(renderer.render(clean))]
    assert [t for t in tags if t in blocks] == [t for t in clean_tags if t in blocks], "no structure from a value"
    assert tags.count("h1") == 1 and "img" not in tags


def test_injected_text_is_shown_not_acted_on_in_text_and_csv(reference_engine: Engine) -> None:
    from pmm_rules.tools.signals import Signals, render

    advice = injected_advice(reference_engine)
    for fmt in ("text", "json", "jsonl"):
        out = render_advice(advice, fmt, "nl")
        assert not INVISIBLE.search(out), fmt
    assert "\\x1b[31m" in render_advice(advice, "text", "nl")
    signals = Signals()
    signals.add(advice)
    for row in csv.reader(io.StringIO(render(signals, "csv"))):
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), cell
            assert not INVISIBLE.search(cell)
    assert not INVISIBLE.search(render(signals, "markdown")) and not INVISIBLE.search(render(signals, "json"))


# ---------------------------------------------------------------- from rule files, through the command line


EVIL = "\x1b]0;pwned\x07\x1b[2J\u202edrol"


def test_validate_refuses_source_links_that_are_not_https(tmp_path: Path) -> None:
    good = rule("proef.link.r", {"fact": "debt.amount_eur", "gt": 0})
    rules = []
    for i, url in enumerate(["javascript:alert(1)", "http://example.nl", "data:text/html,x", "https://ok.nl/a b",
                             "https://example.nl/ok"]):
        r = {**good, "id": f"proef.link.r{i}", "then": {"derive": f"r{i}"}}
        r["sources"] = [{"kind": "practice", "title": "Een bron", "url": url}]
        rules.append(r)
    statute = {**good, "id": "proef.link.wet", "then": {"derive": "wet"}}
    statute["sources"] = [{"law": "wgs", "article": "3", "bwb_id": "BWBR0031331", "url": "https://example.nl/x"}]
    path = write_rules(tmp_path / "regels.yaml", [*rules, statute])
    problems = [(p.code, p.path[1]) for p in check_paths([path]).problems]
    assert problems == [("source-url", 0), ("source-url", 1), ("source-url", 2), ("source-url", 3),
                        ("source-url", 5)], problems


def test_a_statute_link_is_built_from_the_bwb_id_whatever_the_source_says() -> None:
    from pmm_rules.advise import citations
    from pmm_rules.load import default_vocabulary
    from pmm_rules.model import Source

    source = Source(law="wgs", article="3", bwb_id="BWBR0031331", url="javascript:alert(1)")
    (cited,) = citations([source], default_vocabulary(), "2026-01-01")
    assert cited.url == "https://wetten.overheid.nl/BWBR0031331/2026-01-01#Artikel3"


@pytest.mark.slow
def test_text_explain_test_and_errors_show_control_characters_as_escapes(tmp_path: Path) -> None:
    evil = rule("proef.stuur.r", {"any": [{"fact": "debt.amount_eur", "gt": 0}, {"fact": "debt.amount_eur",
                                                                                 "eq": 0}]})
    evil["title"] = f"Titel {EVIL}"
    evil["explanation"] = {"nl": f"Uitleg {EVIL}", "en": f"Explanation {EVIL}"}
    evil["sources"] = [{"law": "wgs", "article": "3", "bwb_id": "BWBR0031331", "note": f"Noot {EVIL}"}]
    rules = write_rules(tmp_path / "regels.yaml", [evil])
    case = tmp_path / "casus.yaml"
    case.write_text((EXAMPLES / "schulden_ontruiming.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    scenario = tmp_path / "s_scenarios.yaml"
    scenario.write_text(json.dumps({"schema_version": 1, "scenarios": [
        {"name": f"naam {EVIL}", "case": "casus.yaml", "expect": {"fired": {"contains": [f"proef.{EVIL}"]}}}]}),
        encoding="utf-8")
    broken = tmp_path / "kapot.yaml"
    broken.write_text(json.dumps({"schema_version": 1, "domain": "proef", "rules": [
        {**evil, "when": {"fact": f"debt.{EVIL}", "gt": 0}}]}), encoding="utf-8")
    runs = {
        "explain": run_cli("explain", "proef.stuur.r", "--rules", str(rules), "--scenarios", str(scenario),
                           "--allow-root", str(tmp_path), cwd=tmp_path),
        "test": run_cli("test", str(scenario), "--rules", str(rules), "-v", cwd=tmp_path),
        "validate": run_cli("validate", str(broken), cwd=tmp_path),
        "advise": run_cli("advise", str(case), "--rules", str(rules), cwd=tmp_path),
        "advise-en": run_cli("advise", str(case), "--rules", str(rules), "--lang", "en", cwd=tmp_path),
        "usage": run_cli("explain", f"proef.{EVIL}", "--rules", str(rules), cwd=tmp_path),
    }
    for name, result in runs.items():
        shown = result.stdout + result.stderr
        assert not INVISIBLE.search(shown), (name, shown[:3000])
        assert "Traceback" not in shown, name
    assert "\\x1b]0;pwned\\x07" in runs["explain"].stdout
    assert "\\u202edrol" in runs["test"].stdout
    assert "\\x1b" in runs["validate"].stdout
