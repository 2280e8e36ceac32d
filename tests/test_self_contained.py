"""The project stands alone: no file refers to a document outside it, and every relative link in the docs leads
to a file that is there.

Readers of the rules, the docs and the code never see the notes the project was built from; a reference such as
"see the fact sheet §2" or a link to a moved page leaves them with a question nobody can answer.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.common import ROOT

SKIP_DIRS = {".git", ".venv", "node_modules", "build", "dist", ".mypy_cache", ".ruff_cache", ".pytest_cache",
             ".hypothesis", "__pycache__", "vendor"}
TEXT_SUFFIXES = {".py", ".md", ".yaml", ".yml", ".toml", ".json", ".txt", ".sh", ".cfg", ".ini", ".html", ".js",
                 ".css", ".svg", ".mmd"}

# Built from parts, so that this file does not match itself.
OUTSIDE = re.compile("|".join([
    r"(?-i:\b(?:DESIGN|FACTS|DURABLE_RULES)\.md\b)",
    r"(?-i:\b(?:DESIGN|FACTS)\s*§)",
    r"\.\./" + "shared\\b",
    r"/work/" + "shared",
    r"\blaw" + r"texts/",
    r"\bfact " + "sheet",
    r"\bissue\s+#?\d+\b",
    r"\(#\d+\)",
]), re.IGNORECASE)

MARKDOWN_LINK = re.compile(r"(?<!!)\[[^\]\n]*\]\(([^)\s]+)\)|!\[[^\]\n]*\]\(([^)\s]+)\)")


def project_files(suffixes: set[str]) -> list[Path]:
    found = []
    for path in sorted(ROOT.rglob("*")):
        parts = path.relative_to(ROOT).parts
        if any(part in SKIP_DIRS or part.endswith(".egg-info") for part in parts[:-1]):
            continue
        if path.is_file() and (path.suffix in suffixes or (path.name == "run" and parts[0] == ".ci")):
            found.append(path)
    return found


@pytest.mark.slow
def test_no_file_refers_to_documents_outside_the_project() -> None:
    hits = []
    for path in project_files(TEXT_SUFFIXES):
        if path == Path(__file__):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            match = OUTSIDE.search(line)
            if match:
                hits.append(f"{path.relative_to(ROOT)}:{number}: '{match.group(0)}' in: {line.strip()[:120]}")
    assert not hits, ("refer to the project's own pages (docs/design.md, docs/recht/bronnen.md) or to the public "
                      "source itself:\n" + "\n".join(hits))


def test_every_relative_link_in_the_docs_leads_to_a_file() -> None:
    dangling = []
    for path in project_files({".md"}):
        text = path.read_text(encoding="utf-8")
        # Links inside code blocks are examples, not links.
        text = re.sub(r"```.*?```", "", text, flags=re.S)
        for match in MARKDOWN_LINK.finditer(text):
            target = match.group(1) or match.group(2)
            if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith("#"):
                continue
            file_part = target.split("#", 1)[0]
            if file_part and not (path.parent / file_part).exists():
                line = text[:match.start()].count("\n") + 1
                dangling.append(f"{path.relative_to(ROOT)}:{line}: {target}")
    assert not dangling, "links to files that are not there:\n" + "\n".join(dangling)


def test_the_check_finds_what_it_looks_for() -> None:
    assert OUTSIDE.search("zie " + "FACTS" + " §2.1")
    assert OUTSIDE.search("as in " + "DESIGN" + ".md")
    assert OUTSIDE.search("(" + "#12)")
    assert not OUTSIDE.search("MAX_DURABLE_RULES = 1500")
    assert not OUTSIDE.search("the contract (docs/design.md)")
    assert MARKDOWN_LINK.search("[bronnen](recht/bronnen.md)")
