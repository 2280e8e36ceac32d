"""Problems found in input files, and the exceptions that carry them.

A `Problem` names the file, line and column, the path to the bad value, what was wrong, what was
expected and how to fix it, in the way `jsonschema` and compilers report: the most precise location
first, every problem of every file in one run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from .labels import LABELS, Lang, label

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


@dataclass(frozen=True)
class Message:
    """A text people read, kept as a key of the label table (`pmm_rules.labels`) and the values that fill it, so
    that the same problem can be written in Dutch or English. A value that is itself a `Message` is written in the
    same language; any other value is shown as it is (identifiers, paths, numbers and quoted text from files)."""

    key: str
    values: tuple[tuple[str, object], ...] = ()

    def text(self, lang: Lang = "nl") -> str:
        return LABELS[self.key][lang].format(**{name: written(value, lang) for name, value in self.values})


def msg(key: str, /, **values: object) -> Message:
    """`Message(key, values)`: the message of label `key` with its `{placeholders}` filled from `values`."""
    return Message(key, tuple(values.items()))


Text = str | Message
"""What a problem says: a `Message` for every text pmm-rules writes itself; a plain string only for text it
passes on (the operating system's reason a file cannot be read)."""


def written(value: object, lang: Lang = "nl") -> str:
    """A message or a value, written in `lang`: a list is joined with commas."""
    if isinstance(value, Message):
        return value.text(lang)
    if isinstance(value, (list, tuple)):
        return ", ".join(written(item, lang) for item in value)
    return str(value)


def _clean(text: str) -> str:
    return visible(shorten(text, MAX_MESSAGE), newlines=False)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one value in one file.

    `message`, `expected` and `hint` hold the Dutch text; where pmm-rules wrote the text itself, `texts` keeps
    the `Message` of each, so that `render(lang)`, `as_dict(lang)` and `text(part, lang)` write the problem in
    English as well. Build a problem from messages with `Problem.from_text`. The code, file, place and path never
    depend on the language.
    """

    file: str
    line: int
    column: int
    code: str
    message: str
    path: tuple[PathElement, ...] = ()
    expected: str | None = None
    hint: str | None = None
    severity: Severity = "error"
    texts: Mapping[str, Message] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        # Messages quote values from files nobody checked yet: they reach terminals, CI logs and reports on one
        # line each, shown, never acted on, and never a hundred megabytes long.
        for name in ("file", "message", "expected", "hint"):
            value = getattr(self, name)
            if isinstance(value, str):
                cleaned = _clean(value)
                if cleaned is not value:
                    object.__setattr__(self, name, cleaned)

    @classmethod
    def from_text(cls, file: str, line: int, column: int, code: str, message: Text, path: Sequence[PathElement] = (),
           expected: Text | None = None, hint: Text | None = None, severity: Severity = "error") -> Problem:
        """A problem whose texts are messages (or, for text passed on, plain strings)."""
        parts = {"message": message, "expected": expected, "hint": hint}
        texts = {name: value for name, value in parts.items() if isinstance(value, Message)}
        dutch = {name: value.text("nl") if isinstance(value, Message) else value for name, value in parts.items()}
        return Problem(file, line, column, code, dutch["message"] or "", tuple(path), dutch["expected"],
                       dutch["hint"], severity, texts)

    def text(self, part: Literal["message", "expected", "hint"], lang: Lang = "nl") -> str | None:
        """The message, the expected value or the hint, in `lang`."""
        message = self.texts.get(part)
        if message is None or lang == "nl":
            value: str | None = getattr(self, part)
            return value
        return _clean(message.text(lang))

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"

    def described(self, lang: Lang = "nl") -> str:
        """The path, the message and what was expected, on one line: `rules[0].id: ... (verwacht ...)`."""
        text = f"{format_path(self.path)}: {self.text('message', lang)}"
        expected = self.text("expected", lang)
        if expected:
            text += f" ({label('problem.expected', lang, expected=expected)})"
        return text

    def render(self, lang: Lang = "nl") -> str:
        text = f"{self.location}: {self.severity}[{self.code}] {self.described(lang)}"
        hint = self.text("hint", lang)
        if hint:
            text += f"\n    {label('problem.hint', lang)}: {hint}"
        return text

    def as_dict(self, lang: Lang = "nl") -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "code": self.code,
            "path": format_path(self.path),
            "message": self.text("message", lang),
            "expected": self.text("expected", lang),
            "hint": self.text("hint", lang),
        }


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(set(problems), key=lambda p: (p.file, p.line, p.column, p.code, p.message))


class PmmRulesError(Exception):
    """Base class of every error pmm_rules raises on purpose."""


@dataclass
class InvalidInput(PmmRulesError):
    """Input (a rule, graph, case or scenario file, or data) has problems; all of them are listed."""

    problems: list[Problem] = field(default_factory=list)
    what: Text = "input"

    def render(self, lang: Lang = "nl") -> str:
        lines = [label("problem.invalid_input", lang, what=written(self.what, lang), count=len(self.problems))]
        lines += [p.render(lang) for p in self.problems]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.render()


class EngineError(PmmRulesError):
    """The rule engine failed on a case; the case id and the engine's own message are kept."""

    def with_context(self, context: str) -> EngineError:
        """The same error, of the same class (an `EngineLimitError` stays one), with `context` before its message."""
        return type(self)(f"{context}: {self}")


class EngineLimitError(EngineError):
    """A case or a rule set would exceed a fixed limit of the durable_rules C core."""
