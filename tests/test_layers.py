"""The house shows its flow: each stage imports only from the stages before it, and nothing imports in a circle.

    model -> load -> evaluate -> advise -> render -> engine -> tools -> serve

The foundation (errors, labels, codes, _version, _lazy, _memo) is below every stage; the package itself (its
`__init__`, which re-exports the public API, and `__main__`) is above them all. A module may import from its
own stage and from earlier ones, never from a later one; a test here fails on the first import that points
the wrong way, naming the module and the line.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

from pmm_rules.load import default_vocabulary
from pmm_rules.model import VOCABULARY_LISTS
from tests.common import PACKAGE

STAGES = ["foundation", "model", "load", "evaluate", "advise", "render", "engine", "tools", "serve", "package"]
FOUNDATION = {"errors", "labels", "codes", "_version", "_lazy", "_memo"}

# Imports that point up the flow on purpose, at call time only, each with its reason.
ALLOWED_UPWARD = {
    # `Case.from_yaml` and `Case.from_data` are the contract's way to load a case; they hand over to the load
    # stage when called, so the model stays free of file reading.
    ("pmm_rules.model._case", "pmm_rules.load"),
    # `pmm-rules serve` is a command of the CLI; the service (FastAPI, uvicorn) is imported only when it runs, so
    # that `pmm-rules --help` stays fast and the other commands work without the serve extra.
    ("pmm_rules.tools.cli", "pmm_rules.serve"),
}


def stage_of(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1 or parts[1] == "__main__":
        return "package"
    if parts[1] in FOUNDATION:
        return "foundation"
    if parts[1] == "engine":
        return "engine"
    return parts[1]


def module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path) -> list[tuple[str, int, bool]]:
    """(imported module, line, at module level) for every import of pmm_rules in a file."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top_level = {id(node) for node in tree.body}
    for node in tree.body:  # imports inside `if TYPE_CHECKING:` and `if not TYPE_CHECKING:` count as top level
        if isinstance(node, ast.If):
            top_level.update(id(child) for child in node.body)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target.startswith("pmm_rules"):
                names = [target] if node.module else [f"{target}.{a.name}" for a in node.names]
                found += [(t, node.lineno, id(node) in top_level) for t in names]
        elif isinstance(node, ast.Import):
            found += [(a.name, node.lineno, id(node) in top_level) for a in node.names
                      if a.name.startswith("pmm_rules")]
    return found


SOURCES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_import_points_down_the_flow(path: Path) -> None:
    here = module_name(path)
    for target, line, _ in imports(path):
        if any(here == module and target.startswith(allowed) for module, allowed in ALLOWED_UPWARD):
            continue
        assert STAGES.index(stage_of(target)) <= STAGES.index(stage_of(here)), (
            f"{path.relative_to(PACKAGE.parent)}:{line}: {here} ({stage_of(here)}) imports {target} "
            f"({stage_of(target)}), a later stage")


def test_no_module_imports_in_a_circle() -> None:
    graph: nx.DiGraph = nx.DiGraph()
    known = {module_name(p) for p in SOURCES}
    for path in SOURCES:
        here = module_name(path)
        for target, _, top_level in imports(path):
            # A package import reaches the module that defines the name, not the package's lazy __init__.
            while target not in known and "." in target:
                target = target.rsplit(".", 1)[0]
            if top_level and target != here and path.name != "__init__.py" and not target.endswith("__init__"):
                graph.add_edge(here, target)
    cycles = list(nx.simple_cycles(graph))
    assert not cycles, f"import cycles: {cycles}"


def test_no_module_is_called_graph() -> None:
    # `pmm_rules/graph/` holds the graph files; a module of that name would shadow the data folder.
    assert not [p for p in SOURCES if p.stem == "graph"]


@pytest.mark.parametrize("list_name", sorted(VOCABULARY_LISTS))
def test_the_identifier_types_are_the_vocabulary_lists(list_name: str) -> None:
    from typing import get_args

    assert get_args(VOCABULARY_LISTS[list_name]) == default_vocabulary().values(list_name)
