"""The one road by which input reaches pmm_rules: files, folders, JSON Lines, stdin and the bundled resources.

Everything read from outside goes through here, so that one place decides what a readable input is (UTF-8, a
size limit) and turns every failure into a `Problem` with the file and place, never a traceback. What the text
means is decided further on: `_yaml` parses, `_cases` and `_rulebase` check.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import InvalidInput, Problem
from ..model import Vocabulary, vocabulary_from_data
from ._yaml import MAX_FILE_BYTES, Located, from_data, load_text

YAML_SUFFIXES = (".yaml", ".yml")
CASE_SUFFIXES = (*YAML_SUFFIXES, ".json")
JSON_LINES_SUFFIX = ".jsonl"


def read_text(path: str | Path) -> str:
    """The text of a file (UTF-8, at most MAX_FILE_BYTES); `InvalidInput` with the place of the problem if not."""
    path = Path(path)
    shown = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InvalidInput([Problem(shown, 1, 1, "file-too-large",
                                        f"the file is {size} bytes, more than {MAX_FILE_BYTES // 1024} KiB",
                                        hint="split it into several files")], what=shown)
        raw = path.read_bytes()
    except OSError as exc:
        raise InvalidInput([Problem(shown, 1, 1, "file-unreadable", f"cannot read the file: {exc.strerror}")],
                           what=shown) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise InvalidInput([Problem(shown, line, column, "file-encoding", "the file is not valid UTF-8",
                                    hint="save the file as UTF-8")], what=shown) from None


def read_yaml(path: str | Path) -> Located:
    """A YAML file parsed strictly (no code, no duplicate keys), with the line and column of every value."""
    return load_text(read_text(path), str(path))


def json_located(text: str, file: str) -> Located:
    """A JSON document as located data; a syntax error becomes a problem at its line and column."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput([Problem(file, exc.lineno, exc.colno, "json-syntax", exc.msg)], what=file) from None
    return from_data(data, file)


def read_document(path: str | Path) -> Located:
    """A case-like document from a YAML or JSON file (by its suffix)."""
    path = Path(path)
    if path.suffix == ".json":
        return json_located(read_text(path), str(path))
    return read_yaml(path)


def json_lines(path: Path, problems: list[Problem]) -> Iterator[tuple[int, Any]]:
    """(line number, data) for each non-empty line of a JSON Lines file; unreadable lines go to `problems`."""
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        problems.append(Problem(str(path), 1, 1, "file-unreadable", f"cannot read the file: {exc.strerror}"))
        return
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(Problem(str(path), number, exc.colno, "json-syntax", exc.msg))


def expand(paths: Sequence[str | Path]) -> list[Path]:
    """Files named, and the YAML files in folders named (sorted, so runs are reproducible)."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file()))
        else:
            out.append(path)
    return out


def case_files(paths: Sequence[str | Path]) -> Iterator[Path]:
    """Files named, and the case files (YAML, JSON, JSON Lines) in folders named, recursively and sorted."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*")
                              if p.is_file() and p.suffix in (*CASE_SUFFIXES, JSON_LINES_SUFFIX))
        else:
            yield path


# The top-level key that tells what a pmm_rules file is, read without parsing the file.
_KIND_KEYS = {"rules:": "rule", "nodes:": "graph", "edges:": "graph", "scenarios:": "scenario", "members:": "case"}


def file_kind(path: Path) -> str | None:
    """rule, graph, scenario or case for a pmm_rules YAML file (by its top-level keys); None for another file."""
    if path.suffix not in YAML_SUFFIXES:
        return None
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            for line in handle:
                kind = _KIND_KEYS.get(line.split(" ", 1)[0].rstrip())
                if kind is not None:
                    return kind
    except OSError:
        return None
    return None


def looks_like_scenario_file(path: Path) -> bool:
    """A YAML file whose top level has a `scenarios:` key (read cheaply, without parsing the file)."""
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            return any(line.startswith("scenarios:") for line in handle)
    except OSError:
        return False


def scenario_paths(paths: Sequence[str | Path]) -> list[Path]:
    """Files named, and the scenario files in folders named."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(p for p in expand([path]) if looks_like_scenario_file(p))
        else:
            out.append(path)
    return out


# ---------------------------------------------------------------- bundled resources


def _resource(name: str) -> Path:
    return Path(str(resources.files("pmm_rules").joinpath(name)))


def bundled_paths() -> list[Path]:
    """The rule and graph files shipped in the package."""
    return [path for folder in ("rulesets", "graph") for path in sorted(_resource(folder).glob("*.yaml"))]


def bundled_scenario_paths() -> list[Path]:
    """The scenario files shipped in the package."""
    return sorted(_resource("scenarios").glob("*.yaml"))


@cache
def shipped_schema(name: str) -> dict[str, Any]:
    """The shipped JSON Schema `name` (one of `pmm_rules.model.SCHEMA_NAMES`)."""
    from ..model import SCHEMA_NAMES

    if name not in SCHEMA_NAMES:
        raise KeyError(name)
    result: dict[str, Any] = json.loads(_resource(f"schemas/{name}.json").read_text(encoding="utf-8"))
    return result


@cache
def default_vocabulary() -> Vocabulary:
    """The bundled vocabulary (read once per process)."""
    text = _resource("vocabulary.yaml").read_text(encoding="utf-8")
    return vocabulary_from_data(load_text(text, "pmm_rules/vocabulary.yaml").data)
