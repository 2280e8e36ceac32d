"""Strict, code-free YAML loading that remembers where every value came from.

PyYAML's `safe_load` already refuses to build Python objects, but it silently keeps the last of two
duplicate keys (a jurist's lost condition), expands alias bombs without limit and reports tabs with a
cryptic scanner message. This loader composes the node tree with the safe loader, then builds plain
data itself so it can refuse duplicates, bound aliases and record a line and column for every path.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..errors import InvalidInput, PathElement, Problem

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_ALIASES = 200
MAX_NODES = 200_000

Path_ = tuple[PathElement, ...]

try:  # the C loader composes the same node tree several times faster
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


@dataclass
class Located:
    """Data loaded from one YAML document, with the position of every value in it."""

    data: Any
    file: str
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    # Problems that did not stop loading (a duplicate key keeps its first value), so that the rest of
    # the file is still checked and reported in the same run.
    problems: list[Problem] = field(default_factory=list)

    def where(self, path: Path_) -> tuple[int, int]:
        """Line and column of the value at `path`, or of its nearest ancestor that has one."""
        probe = tuple(path)
        while probe:
            if probe in self.marks:
                return self.marks[probe]
            probe = probe[:-1]
        return self.marks.get((), (1, 1))

    def problem(self, path: Path_, code: str, message: str, *, expected: str | None = None,
                hint: str | None = None) -> Problem:
        line, column = self.where(path)
        return Problem(self.file, line, column, code, message, tuple(path), expected, hint)


_SCALAR_CONSTRUCTOR = yaml.SafeLoader(stream="")
_PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in
                        ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "merge"))


_STR_TAG = "tag:yaml.org,2002:str"


def _scalar(node: yaml.ScalarNode) -> Any:
    if node.tag == _STR_TAG:  # most values in rule files are text: skip the constructor machinery
        return node.value
    return _SCALAR_CONSTRUCTOR.construct_object(node, deep=True)


class _Builder:
    def __init__(self, file: str) -> None:
        self.file = file
        self.marks: dict[Path_, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.aliases_seen = 0
        self.nodes = 0
        self._anchored: set[int] = set()

    def problem(self, node: yaml.Node, path: Path_, code: str, message: str, **kw: Any) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.file, mark.line + 1, mark.column + 1, code, message, path, **kw))

    def build(self, node: yaml.Node, path: Path_, stack: tuple[int, ...] = ()) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _TooLarge(node)
        self.marks.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if id(node) in stack:
            self.problem(node, path, "yaml-recursive-alias", "an alias refers to itself",
                         hint="remove the recursive anchor/alias")
            return None
        if node.tag not in _PLAIN_TAGS:
            self.problem(node, path, "yaml-tag", f"the tag '{node.tag}' is not allowed",
                         expected="plain YAML values", hint="remove the tag; rule files are data and never run code")
            return None
        if isinstance(node, yaml.ScalarNode):
            try:
                return _scalar(node)
            except yaml.YAMLError as exc:
                self.problem(node, path, "yaml-bad-scalar", f"cannot read this value: {exc}")
                return None
            except ValueError as exc:  # a date-shaped value that is no date, e.g. 2015-13-01
                self.problem(node, path, "yaml-bad-date", f"'{node.value}' looks like a date but is not one ({exc})",
                             expected="a real date written YYYY-MM-DD",
                             hint="check month and day; quote the value if it is meant as text")
                return None
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, (*path, i), (*stack, id(node))) for i, child in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            first_seen: dict[Any, yaml.Node] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.problem(key_node, path, "yaml-merge-key", "merge keys ('<<') are not allowed in rule files",
                                 hint="write the keys out in full; hidden merges make a rule hard to read next to "
                                      "the law")
                    continue
                key = self.build(key_node, (*path, "<key>"), (*stack, id(node)))
                if isinstance(key, (list, dict)):
                    self.problem(key_node, path, "yaml-complex-key",
                                 "a key must be a plain word, not a list or mapping")
                    continue
                if key in first_seen:
                    earlier = first_seen[key].start_mark
                    self.problem(
                        key_node, (*path, str(key)), "yaml-duplicate-key",
                        f"duplicate key '{key}' (first given on line {earlier.line + 1})",
                        hint="YAML would silently keep only the last value; merge the two or rename one",
                    )
                    continue
                first_seen[key] = key_node
                self.marks[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                out[key] = self.build(value_node, (*path, key), (*stack, id(node)))
            return out
        raise AssertionError(f"unknown YAML node {node!r}")  # pragma: no cover


class _TooLarge(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


class _CountingLoader(_Loader):  # type: ignore[valid-type,misc]
    """Composes nodes, counting alias uses so that an alias bomb is refused before it is expanded."""

    alias_uses = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            type(self).alias_uses += 1
            if type(self).alias_uses > MAX_ALIASES:
                event = self.peek_event()
                raise _AliasBomb(event.start_mark)
        return super().compose_node(parent, index)


class _AliasBomb(Exception):
    def __init__(self, mark: Any) -> None:
        self.mark = mark


def _friendly_scanner_message(exc: yaml.MarkedYAMLError, text: str) -> tuple[str, str, str | None]:
    problem = exc.problem or str(exc)
    mark = exc.problem_mark
    offending = text[mark.index] if mark is not None and 0 <= mark.index < len(text) else ""
    if offending == "\t" or "'\\t'" in problem:
        return ("yaml-tab", "a tab character is used for indentation",
                "YAML indents with spaces only; replace the tab by spaces (your editor can do this for you)")
    if "mapping values are not allowed here" in problem:
        return ("yaml-syntax", "a colon appears where YAML does not expect a new key",
                "put a value containing ': ' between quotes, or check the indentation of this line")
    if "could not find expected ':'" in problem:
        return ("yaml-syntax", "a key is missing its ':'", "write 'key: value'")
    if "found undefined tag" in problem or "could not determine a constructor" in problem:
        return ("yaml-tag", "custom YAML tags (!!python/..., !tag) are not allowed",
                "rule files are plain data; remove the tag")
    if "expected <block end>" in problem or "did not find expected" in problem:
        return ("yaml-indentation", f"the structure is broken here: {problem}",
                "check that this line is indented like its siblings (spaces only)")
    return ("yaml-syntax", problem, None)


def load_text(text: str, file: str) -> Located:
    """Parse one YAML document; raise `InvalidInput` listing every problem found."""
    if len(text.encode("utf-8", errors="replace")) > MAX_FILE_BYTES:
        raise InvalidInput([Problem(file, 1, 1, "file-too-large",
                                    f"the file is larger than {MAX_FILE_BYTES // 1024} KiB",
                                    hint="split it into several files")], what=file)
    loader_cls = type("_Counting", (_CountingLoader,), {"alias_uses": 0})
    loader = loader_cls(text)
    try:
        node = loader.get_single_node()
    except _AliasBomb as bomb:
        raise InvalidInput([Problem(file, bomb.mark.line + 1, bomb.mark.column + 1, "yaml-alias-limit",
                                    f"more than {MAX_ALIASES} aliases (*name) in one file",
                                    hint="anchors and aliases multiply data; write the values out")],
                           what=file) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        code, message, hint = _friendly_scanner_message(exc, text)
        raise InvalidInput([Problem(file, line, col, code, message, hint=hint)], what=file) from None
    except yaml.YAMLError as exc:
        raise InvalidInput([Problem(file, 1, 1, "yaml-syntax", str(exc))], what=file) from None
    finally:
        loader.dispose()
    if node is None:
        return Located(None, file, {(): (1, 1)})
    builder = _Builder(file)
    try:
        data = builder.build(node, ())
    except _TooLarge as too_large:
        mark = too_large.node.start_mark
        raise InvalidInput([Problem(file, mark.line + 1, mark.column + 1, "yaml-too-many-nodes",
                                    f"the document expands to more than {MAX_NODES} values",
                                    hint="anchors and aliases multiply data; write smaller files")],
                           what=file) from None
    return Located(data, file, builder.marks, builder.problems)


def from_data(data: Any, file: str = "<data>") -> Located:
    """Wrap data that did not come from YAML (JSON, Python) so the same validators can report on it."""
    return Located(data, file, {(): (1, 1)})


def is_mapping(value: Any) -> bool:
    return isinstance(value, Mapping)
