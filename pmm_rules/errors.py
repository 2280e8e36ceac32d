"""Problems found in input files, and the exceptions that carry them.

A `Problem` names the file, line and column, the path to the bad value, what was wrong, what was
expected and how to fix it, in the way `jsonschema` and compilers report: the most precise location
first, every problem of every file in one run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

PathElement = str | int
Severity = Literal["error", "warning"]

# Characters a terminal or a text viewer acts on instead of showing: C0 controls (ESC starts an escape sequence,
# BEL rings, CR returns to the start of the line), DEL, C1 controls (CSI and OSC in one byte), the bidirectional
# overrides and isolates that reorder what is shown ("Trojan Source"), and the Unicode line and paragraph
# separators. `visible` writes each as an escape a reader can see: \x1b, \u202e.
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
                        "\u2066-\u2069\ufeff]")
_INVISIBLE_OR_NEWLINE = re.compile(_INVISIBLE.pattern[:-1] + "\n\t]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, newlines: bool = True) -> str:
    """`text` with every control character (ESC, BEL, CR, C1, bidi overrides, ...) written as a visible escape
    (`\\x1b`, `\\u202e`), so that text from a rule or case file can neither drive a terminal nor disguise itself;
    `newlines=False` escapes newlines and tabs too, for what must stay on one line."""
    pattern = _INVISIBLE if newlines else _INVISIBLE_OR_NEWLINE
    return pattern.sub(_escape, text) if pattern.search(text) else text


def shorten(text: str, limit: int = 80) -> str:
    """`text` cut to `limit` characters, saying how much was left out: a quoted value never floods a message."""
    if len(text) <= limit:
        return text
    return f"{text[: limit - 1]}… ({len(text)} characters)"


MAX_MESSAGE = 2000  # characters of a problem's message, expected value or hint


def format_path(path: Sequence[PathElement]) -> str:
    """Render a path the way a reader of the YAML file thinks of it: ``rules[2].when.all[0].op``."""
    out = ""
    for element in path:
        if isinstance(element, int):
            out += f"[{element}]"
        else:
            name = visible(shorten(str(element), 80), newlines=False)
            out += f".{name}" if out else name
    return out or "(document)"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one value in one file."""

    file: str
    line: int
    column: int
    code: str
    message: str
    path: tuple[PathElement, ...] = ()
    expected: str | None = None
    hint: str | None = None
    severity: Severity = "error"

    def __post_init__(self) -> None:
        # Messages quote values from files nobody checked yet: they reach terminals, CI logs and reports on one
        # line each, shown, never acted on, and never a hundred megabytes long.
        for name in ("file", "message", "expected", "hint"):
            value = getattr(self, name)
            if isinstance(value, str):
                cleaned = visible(shorten(value, MAX_MESSAGE), newlines=False)
                if cleaned is not value:
                    object.__setattr__(self, name, cleaned)

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"

    def render(self) -> str:
        text = f"{self.location}: {self.severity}[{self.code}] {format_path(self.path)}: {self.message}"
        if self.expected:
            text += f" (expected {self.expected})"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "code": self.code,
            "path": format_path(self.path),
            "message": self.message,
            "expected": self.expected,
            "hint": self.hint,
        }


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(set(problems), key=lambda p: (p.file, p.line, p.column, p.code, p.message))


class PmmRulesError(Exception):
    """Base class of every error pmm_rules raises on purpose."""


@dataclass
class InvalidInput(PmmRulesError):
    """Input (a rule, graph, case or scenario file, or data) has problems; all of them are listed."""

    problems: list[Problem] = field(default_factory=list)
    what: str = "input"

    def __str__(self) -> str:
        lines = [f"{self.what} is not valid ({len(self.problems)} problem(s)):"]
        lines += [p.render() for p in self.problems]
        return "\n".join(lines)


class EngineError(PmmRulesError):
    """The rule engine failed on a case; the case id and the engine's own message are kept."""

    def with_context(self, context: str) -> EngineError:
        """The same error, of the same class (an `EngineLimitError` stays one), with `context` before its message."""
        return type(self)(f"{context}: {self}")


class EngineLimitError(EngineError):
    """A case or a rule set would exceed a fixed limit of the durable_rules C core."""
