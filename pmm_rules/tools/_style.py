"""Colour for people at a terminal: the severity of validate's problems, the verdict of each scenario of `test`,
and the headings of the text advice.

Colour is added only where a person reads it: when the stream is a terminal, never when NO_COLOR is set to
anything but the empty string (https://no-color.org), always when FORCE_COLOR is (for a pager such as `less -R`).
Pipes and files stay plain, so what a script reads is byte for byte what it read before. The text is rendered
first and coloured afterwards: the escapes go round words pmm-rules wrote itself, and any control character from
a rule or case file has already been shown as an escape by then, never passed on.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TextIO

from ..errors import Problem
from ..labels import Lang, label, words

RED, YELLOW, GREEN, BOLD = "31", "33", "32", "1"
_SEVERITY = {"error": RED, "warning": YELLOW}
# The headings of the text advice that stand at the start of a line (see render/_text.py).
_HEADINGS = ("needs", "collisions", "escalation", "timeouts", "deadlines", "notices", "bridging", "leeway", "missing",
             "receipt")


def colour_wanted(stream: TextIO) -> bool:
    """Whether text for `stream` gets colour: NO_COLOR wins, FORCE_COLOR forces, otherwise only a terminal."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    try:
        return stream.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):  # a closed or stream-like object without a terminal
        return False


def paint(text: str, code: str) -> str:
    return f"\x1b[{code}m{text}\x1b[0m"


def problems_text(problems: Sequence[Problem], report: str) -> str:
    """validate's text report with each severity in its colour and the summary line green when nothing is wrong,
    red when something is. `report` is `render_problems(problems, "text", ...)`: the problems, then the summary."""
    rendered = [p.render() for p in problems]
    head = "\n".join(rendered)
    if not report.startswith(head):  # pragma: no cover - render_problems writes exactly these lines first
        return report
    summary = report[len(head) + 1:] if rendered else report
    lines = []
    for problem, text in zip(problems, rendered, strict=True):
        start = f"{problem.location}: "
        lines.append(start + paint(problem.severity, _SEVERITY.get(problem.severity, BOLD))
                     + text[len(start) + len(problem.severity):])
    errors = any(p.severity == "error" for p in problems)
    colour = RED if errors else YELLOW if problems else GREEN
    return "".join(line + "\n" for line in lines) + paint(summary.rstrip("\n"), colour) + "\n"


def scenario_line(text: str, passed: bool, lang: Lang = "nl") -> str:
    """One result of `test`: its verdict (ok, FOUT) in green or red."""
    verdict = label("scenario.ok" if passed else "scenario.failed", lang)
    if not text.startswith(verdict):
        return text
    return paint(verdict.rstrip(), GREEN if passed else RED) + text[len(verdict.rstrip()):]


def summary_line(text: str, good: bool) -> str:
    return paint(text, GREEN if good else RED)


def advice_text(text: str, lang: Lang = "nl") -> str:
    """The text advice with its title and headings in bold."""
    w = words(lang)
    starts = [f"{w[key]}:" for key in _HEADINGS]
    title = f"{w['title']} "
    out: list[str] = []
    for line in text.split("\n"):
        if line.startswith(title) and not out:
            line = paint(line, BOLD)
        else:
            for start in starts:
                if line.startswith(start):
                    line = paint(start, BOLD) + line[len(start):]
                    break
        out.append(line)
    return "\n".join(out)
