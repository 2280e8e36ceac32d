"""Problems found in input files, and the exceptions that carry them.

A `Problem` names the file, line and column, the path to the bad value, what was wrong, what was
expected and how to fix it, in the way `jsonschema` and compilers report: the most precise location
first, every problem of every file in one run.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

PathElement = str | int
Severity = Literal["error", "warning"]


def format_path(path: Sequence[PathElement]) -> str:
    """Render a path the way a reader of the YAML file thinks of it: ``rules[2].when.all[0].op``."""
    out = ""
    for element in path:
        if isinstance(element, int):
            out += f"[{element}]"
        else:
            out += f".{element}" if out else str(element)
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
