"""Strict, code-free YAML loading that remembers where every value came from.

PyYAML's `safe_load` already refuses to build Python objects, but it silently keeps the last of two
duplicate keys (a jurist's lost condition), expands alias bombs without limit and reports tabs with a
cryptic scanner message. This loader composes the node tree with the safe loader, then builds plain
data itself so it can refuse duplicates, bound aliases and nesting, refuse numbers no engine can compare
(`.inf`, `.nan`, integers of hundreds of digits) and record a line and column for every path.

Data that did not come from YAML (JSON, Python) gets the same checks in `from_data`, by path.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..errors import InvalidInput, Message, PathElement, Problem, Text, msg

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_ALIASES = 200
MAX_NODES = 200_000
# Deeper than any file of ours needs (a condition nested 25 levels deep is far past what a jurist can read next
# to the law), and shallow enough that nothing after loading (schema checks, models, the compiler) can run out
# of Python's recursion limit.
MAX_DEPTH = 64
MAX_DIGITS = 300  # a whole number of more digits is beyond every float: no engine can compare it
# Problems of a value that could not be read at all: checks of meaning skip the value, it is reported once.
UNREADABLE_CODES = frozenset({"yaml-bad-scalar", "yaml-bad-date", "yaml-bad-number", "yaml-tag", "number-not-finite",
                              "number-too-large", "text-encoding", "json-duplicate-key", "too-deep"})

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

    def problem(self, path: Path_, code: str, message: Text, *, expected: Text | None = None,
                hint: Text | None = None) -> Problem:
        line, column = self.where(path)
        return Problem.from_text(self.file, line, column, code, message, tuple(path), expected, hint)


_SCALAR_CONSTRUCTOR = yaml.SafeLoader(stream="")
_PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in
                        ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "merge"))


_STR_TAG = "tag:yaml.org,2002:str"


_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"


def _scalar(node: yaml.ScalarNode) -> Any:
    if node.tag == _STR_TAG:  # most values in rule files are text: skip the constructor machinery
        return node.value
    return _SCALAR_CONSTRUCTOR.construct_object(node, deep=True)


def value_problem(value: Any) -> tuple[str, Message, Message] | None:
    """(code, message, hint) for a value no engine can compare exactly, or None: a number that is not finite,
    text that is not valid Unicode (a lone surrogate from a `\\ud800` escape)."""
    if isinstance(value, float) and not math.isfinite(value):
        return ("number-not-finite", msg("problem.number-not-finite", value=value),
                msg("hint.number-not-finite"))
    if isinstance(value, int) and value.bit_length() > 1000:  # beyond every float (hex and octal get here)
        return ("number-too-large", msg("problem.number-too-large.bits", bits=value.bit_length()),
                msg("hint.number-too-large.smaller"))
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return ("text-encoding", msg("problem.text-encoding"), msg("hint.text-encoding"))
    return None


def _too_long(digits: int) -> tuple[str, Message, Message]:
    return ("number-too-large", msg("problem.number-too-large.digits", digits=digits),
            msg("hint.number-too-large.digits", most=MAX_DIGITS))


class _Builder:
    def __init__(self, file: str) -> None:
        self.file = file
        self.marks: dict[Path_, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.aliases_seen = 0
        self.nodes = 0
        self._anchored: set[int] = set()

    def problem(self, node: yaml.Node, path: Path_, code: str, message: Text, **kw: Any) -> None:
        mark = node.start_mark
        self.problems.append(Problem.from_text(self.file, mark.line + 1, mark.column + 1, code, message, path, **kw))

    def build(self, node: yaml.Node, path: Path_, stack: tuple[int, ...] = ()) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _TooLarge(node)
        if len(stack) > MAX_DEPTH:
            raise _TooDeep(node)
        self.marks.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if id(node) in stack:
            self.problem(node, path, "yaml-recursive-alias", msg("problem.yaml-recursive-alias"),
                         hint=msg("hint.yaml-recursive-alias"))
            return None
        if node.tag not in _PLAIN_TAGS:
            self.problem(node, path, "yaml-tag", msg("problem.yaml-tag", tag=node.tag),
                         expected=msg("expected.yaml-tag"), hint=msg("hint.yaml-tag"))
            return None
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _INT_TAG and sum(c.isdigit() for c in node.value) > MAX_DIGITS:
                code, message, hint = _too_long(sum(c.isdigit() for c in node.value))
                self.problem(node, path, code, message, hint=hint)
                return None
            try:
                value = _scalar(node)
            except yaml.YAMLError:
                self.problem(node, path, "yaml-bad-scalar", msg("problem.yaml-bad-scalar", value=node.value))
                return None
            except ValueError as exc:
                if node.tag in (_INT_TAG, _FLOAT_TAG):
                    self.problem(node, path, "yaml-bad-number", msg("problem.yaml-bad-number", value=node.value))
                    return None
                # a date-shaped value that is no date, e.g. 2015-13-01
                self.problem(node, path, "yaml-bad-date",
                             msg("problem.yaml-bad-date", value=node.value, why=_date_error(exc)),
                             expected=msg("expected.yaml-bad-date"), hint=msg("hint.yaml-bad-date"))
                return None
            bad = value_problem(value)
            if bad is not None:
                code, message, hint = bad
                self.problem(node, path, code, message, hint=hint)
                return None
            return value
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, (*path, i), (*stack, id(node))) for i, child in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            first_seen: dict[Any, yaml.Node] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.problem(key_node, path, "yaml-merge-key", msg("problem.yaml-merge-key"),
                                 hint=msg("hint.yaml-merge-key"))
                    continue
                key = self.build(key_node, (*path, "<key>"), (*stack, id(node)))
                if isinstance(key, (list, dict)):
                    self.problem(key_node, path, "yaml-complex-key", msg("problem.yaml-complex-key"))
                    continue
                if key in first_seen:
                    earlier = first_seen[key].start_mark
                    self.problem(
                        key_node, (*path, str(key)), "yaml-duplicate-key",
                        msg("problem.yaml-duplicate-key", key=key, line=earlier.line + 1),
                        hint=msg("hint.yaml-duplicate-key"),
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


class _TooDeep(_TooLarge):
    pass


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


def _date_error(exc: ValueError) -> Message:
    """Why a date-shaped value is no date, from the reason Python gives (in English, never shown as it is)."""
    reason = str(exc)
    if "month" in reason and "day" not in reason:
        return msg("says.date.month")
    if "day" in reason:
        return msg("says.date.day")
    return msg("says.date.other")


_OPENERS = {"[": "]", "{": "}"}


def _unclosed_bracket(text: str, end: int) -> tuple[str, int, int] | None:
    """The innermost '[' or '{' of a flow collection opened before `end` and not closed there: (bracket, line,
    column). Brackets inside quotes and comments do not count, nor brackets inside a plain value in block style
    (`title: Wmo [2015]`), where YAML reads them as text."""
    stack: list[tuple[str, int, int]] = []
    line, line_start, quote = 1, 0, ""
    i = 0
    while i < min(end, len(text)):
        char = text[i]
        if quote:
            if char == "\\" and quote == '"':
                i += 2
                continue
            if char == quote:
                if quote == "'" and text[i + 1:i + 2] == "'":
                    i += 2
                    continue
                quote = ""
        elif char == "#" and (i == 0 or text[i - 1] in " \t\n"):
            while i < len(text) and text[i] != "\n":
                i += 1
            continue
        elif char in "[{\"'":
            before = text[line_start:i].rstrip()
            starts_value = not before or (before[-1] in ":-?," and i > 0 and text[i - 1] in " \t") \
                or before[-1] in "[{,"
            if stack or starts_value:
                if char in _OPENERS:
                    stack.append((char, line, i - line_start + 1))
                else:
                    quote = char
        elif char in "]}" and stack:
            stack.pop()
        if char == "\n":
            line, line_start = line + 1, i + 1
        i += 1
    return stack[-1] if stack else None


def _colon_in_value(text: str, index: int) -> tuple[int, str, str] | None:
    """For a ': ' at `index` inside a value (`title: Wmo: maatwerk`): (column of the value, key, value)."""
    line_start = text.rfind("\n", 0, index) + 1
    line_end = text.find("\n", index)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    column = index - line_start
    body = line.lstrip(" ")
    indent = len(line) - len(body)
    if body.startswith("- "):
        body = body[2:].lstrip(" ")
        indent = len(line) - len(body)
    first = body.find(": ")
    if first < 0 or indent + first >= column:  # the colon ends the key: a line that continues the one above
        return None
    key = body[:first]
    value = body[first + 2:].strip()
    return indent + first + 2 + (len(body[first + 2:]) - len(body[first + 2:].lstrip(" "))), key, value


def _friendly_scanner_message(exc: yaml.MarkedYAMLError, text: str) -> tuple[str, Text, Text | None, int | None]:
    """(code, message, hint, column) for a file YAML cannot read; `column` moves the place where a better one is
    known (the start of a value that holds ': '). PyYAML's own words are shown only for a slip we do not know."""
    problem = exc.problem or str(exc)
    mark = exc.problem_mark
    index = mark.index if mark is not None else -1
    offending = text[index] if 0 <= index < len(text) else ""
    if offending == "\t" or "'\\t'" in problem:
        return ("yaml-tab", msg("problem.yaml-tab"), msg("hint.yaml-tab"), None)
    if "mapping values are not allowed" in problem:
        found = _colon_in_value(text, index)
        if found is not None:
            column, key, value = found
            quoted = "'" + value.replace("'", "''") + "'" if '"' in value else f'"{value}"'
            return ("yaml-syntax", msg("problem.yaml-syntax.colon_in_value"),
                    msg("hint.yaml-syntax.colon_in_value", key=key, value=quoted), column + 1)
        return ("yaml-indentation", msg("problem.yaml-indentation.colon"), msg("hint.yaml-indentation.colon"), None)
    if "nesting depth" in problem:
        return ("yaml-too-deep", msg("problem.yaml-too-deep.unreadable"), msg("hint.yaml-too-deep"), None)
    bracket = _unclosed_bracket(text, index) if index >= 0 else None
    if bracket is not None and ("flow" in (exc.context or "") or "expected ','" in problem
                                or "end of stream" in problem or "node content" in problem):
        opener, line, column = bracket
        return ("yaml-unclosed", msg("problem.yaml-unclosed", bracket=opener, line=line, column=column),
                msg("hint.yaml-unclosed", closer=_OPENERS[opener]), None)
    if "quoted scalar" in (exc.context or "") and "end of stream" in problem and exc.context_mark is not None:
        start = exc.context_mark
        return ("yaml-unclosed", msg("problem.yaml-unclosed.quote", quote=text[start.index:start.index + 1],
                                     line=start.line + 1, column=start.column + 1),
                msg("hint.yaml-unclosed.quote"), None)
    if "unknown escape" in problem:
        return ("yaml-syntax", msg("problem.yaml-syntax.escape"), msg("hint.yaml-syntax.escape"), None)
    if "undefined alias" in problem:
        return ("yaml-syntax", msg("problem.yaml-syntax.alias"), msg("hint.yaml-syntax.alias"), None)
    if "cannot start any token" in problem:
        return ("yaml-syntax", msg("problem.yaml-syntax.token", char=offending),
                msg("hint.yaml-syntax.token"), None)
    if "could not find expected ':'" in problem:
        return ("yaml-syntax", msg("problem.yaml-syntax.no_colon"), msg("hint.yaml-syntax.no_colon"), None)
    if "found undefined tag" in problem or "could not determine a constructor" in problem:
        return ("yaml-tag", msg("problem.yaml-tag.custom"), msg("hint.yaml-tag.custom"), None)
    if "expected <block end>" in problem or "did not find expected" in problem:
        return ("yaml-indentation", msg("problem.yaml-indentation"), msg("hint.yaml-indentation"), None)
    return ("yaml-syntax", msg("problem.yaml-syntax", detail=problem), None, None)


def load_text(text: str, file: str) -> Located:
    """Parse one YAML document; raise `InvalidInput` listing every problem found."""
    if len(text.encode("utf-8", errors="replace")) > MAX_FILE_BYTES:
        raise InvalidInput([Problem.from_text(file, 1, 1, "file-too-large",
                                              msg("problem.file-too-large", kib=MAX_FILE_BYTES // 1024),
                                              hint=msg("hint.file-too-large"))], what=file)
    loader_cls = type("_Counting", (_CountingLoader,), {"alias_uses": 0})
    loader = loader_cls(text)
    try:
        node = loader.get_single_node()
    except RecursionError:  # only the pure-Python composer recurses (libyaml stops at 1,000 levels itself)
        raise InvalidInput([Problem.from_text(file, 1, 1, "yaml-too-deep", msg("problem.yaml-too-deep.unreadable"))],
                           what=file) from None
    except _AliasBomb as bomb:
        raise InvalidInput([Problem.from_text(file, bomb.mark.line + 1, bomb.mark.column + 1, "yaml-alias-limit",
                                              msg("problem.yaml-alias-limit", most=MAX_ALIASES),
                                              hint=msg("hint.yaml-alias-limit"))],
                           what=file) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        code, message, hint, column = _friendly_scanner_message(exc, text)
        raise InvalidInput([Problem.from_text(file, line, column or col, code, message, hint=hint)],
                           what=file) from None
    except yaml.YAMLError as exc:
        raise InvalidInput([Problem.from_text(file, 1, 1, "yaml-syntax", msg("problem.yaml-syntax", detail=str(exc)))],
                           what=file) from None
    finally:
        loader.dispose()
    if node is None:
        return Located(None, file, {(): (1, 1)})
    builder = _Builder(file)
    try:
        data = builder.build(node, ())
    except _TooDeep as too_deep:
        mark = too_deep.node.start_mark
        raise InvalidInput([Problem.from_text(file, mark.line + 1, mark.column + 1, "yaml-too-deep",
                                              msg("problem.yaml-too-deep", most=MAX_DEPTH),
                                              hint=msg("hint.yaml-too-deep"))],
                           what=file) from None
    except _TooLarge as too_large:
        mark = too_large.node.start_mark
        raise InvalidInput([Problem.from_text(file, mark.line + 1, mark.column + 1, "yaml-too-many-nodes",
                                              msg("problem.yaml-too-many-nodes", most=MAX_NODES),
                                              hint=msg("hint.yaml-too-many-nodes"))],
                           what=file) from None
    return Located(data, file, builder.marks, builder.problems)


class Unreadable:
    """Stands in the data for a JSON value that could not be read (`NaN`, a number of thousands of digits), so
    that `from_data` reports it at its path."""

    __slots__ = ("code", "hint", "message")

    def __init__(self, code: str, message: Message, hint: Message) -> None:
        self.code, self.message, self.hint = code, message, hint


class JsonObject(dict[str, Any]):
    """A JSON object in which a key was given twice: the first value is kept (as the YAML loader keeps it), and
    `from_data` reports the others."""

    duplicates: list[str]


def json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """`object_pairs_hook` for `json.loads`: a plain dict, or a `JsonObject` when a key is repeated."""
    out = dict(pairs)
    if len(out) == len(pairs):
        return out
    kept = JsonObject()
    kept.duplicates = []
    for key, value in pairs:
        if key in kept:
            kept.duplicates.append(key)
        else:
            kept[key] = value
    return kept


def json_int(text: str) -> Any:
    """`parse_int` for `json.loads`: Python refuses more than 4,300 digits with a ValueError mid-parse."""
    digits = len(text) - text.startswith("-")
    return int(text) if digits <= MAX_DIGITS else Unreadable(*_too_long(digits))


def json_constant(text: str) -> Any:
    """`parse_constant` for `json.loads`: `NaN`, `Infinity` and `-Infinity` are not JSON numbers."""
    return Unreadable("number-not-finite", msg("problem.number-not-finite.json", value=text),
                      msg("hint.number-not-finite"))


def _data_problems(data: Any) -> Iterator[tuple[Path_, str, Message, Message]]:
    """(path, code, message, hint) for every value of plain data no engine can read, and for nesting deeper than
    MAX_DEPTH (which also ends a cycle in Python data). Iterative: deep data cannot exhaust the stack."""
    todo: list[tuple[Any, Path_]] = [(data, ())]
    while todo:
        value, path = todo.pop()
        if isinstance(value, dict):
            if len(path) >= MAX_DEPTH:
                yield (path, "too-deep", msg("problem.too-deep", most=MAX_DEPTH), msg("hint.too-deep"))
                continue
            if isinstance(value, JsonObject):
                for key in value.duplicates:
                    yield ((*path, key), "json-duplicate-key", msg("problem.json-duplicate-key", key=key),
                           msg("hint.json-duplicate-key"))
            todo.extend((item, (*path, str(key))) for key, item in value.items())
        elif isinstance(value, (list, tuple)):
            if len(path) >= MAX_DEPTH:
                yield (path, "too-deep", msg("problem.too-deep", most=MAX_DEPTH), msg("hint.too-deep"))
                continue
            todo.extend((item, (*path, i)) for i, item in enumerate(value))
        elif isinstance(value, Unreadable):
            yield (path, value.code, value.message, value.hint)
        else:
            bad = value_problem(value)
            if bad is not None:
                yield (path, *bad)


def _without(data: Any, paths: set[Path_], path: Path_ = ()) -> Any:
    """A copy of data with the values at `paths` left out (never the caller's data itself)."""
    if path in paths:
        return None
    if len(path) > MAX_DEPTH:
        return None
    if isinstance(data, dict):
        return {k: v for k, v in ((k, _without(v, paths, (*path, str(k)))) for k, v in data.items())
                if (*path, str(k)) not in paths}
    if isinstance(data, list):
        return [_without(v, paths, (*path, i)) for i, v in enumerate(data)]
    return data


def from_data(data: Any, file: str = "<data>", line: int = 1) -> Located:
    """Wrap data that did not come from YAML (JSON, Python) so the same validators can report on it; values no
    engine can read (non-finite numbers, lone surrogates, duplicate JSON keys, nesting deeper than MAX_DEPTH) are
    left out and reported by path."""
    found = list(_data_problems(data))
    if not found:
        return Located(data, file, {(): (line, 1)})
    problems = [Problem.from_text(file, line, 1, code, message, path, hint=hint) for path, code, message, hint in found]
    # the first of duplicate keys stays, as in YAML; values nobody can read are left out
    unreadable = {path for path, code, *_ in found if code != "json-duplicate-key"}
    return Located(_without(data, unreadable) if unreadable else data, file, {(): (line, 1)}, problems)


def is_mapping(value: Any) -> bool:
    return isinstance(value, Mapping)
