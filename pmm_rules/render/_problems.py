"""Problem reports for people, for CI annotations (GitHub) and for code-scanning tools (SARIF 2.1.0)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from .._version import __version__
from ..errors import Problem, format_path
from ._formats import ReportFormat


def _github_escape(text: str, *, property_value: bool = False) -> str:
    # GitHub workflow commands treat %, CR and LF (and in properties also : and ,) as syntax.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def _summary(problems: Sequence[Problem], files: int) -> str:
    if not problems:
        return f"{files} file(s) checked, no problems found"
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    return f"{files} file(s) checked: {errors} error(s), {warnings} warning(s)"


def render_problems(problems: Sequence[Problem], fmt: ReportFormat, *, files: int) -> str:
    """The problems of a validation run in one of `REPORT_FORMATS`."""
    if fmt == "text":
        lines = [p.render() for p in problems]
        lines.append(_summary(problems, files))
        return "\n".join(lines) + "\n"
    if fmt == "json":
        return json.dumps({"files": files, "problems": [p.as_dict() for p in problems]},
                          indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    if fmt == "github":
        lines = []
        for p in problems:
            message = f"{format_path(p.path)}: {p.message}"
            if p.expected:
                message += f" (expected {p.expected})"
            if p.hint:
                message += f"\nhint: {p.hint}"
            props = ",".join([f"file={_github_escape(p.file, property_value=True)}", f"line={p.line}",
                              f"col={p.column}", f"title={_github_escape(p.code, property_value=True)}"])
            lines.append(f"::{p.severity} {props}::{_github_escape(message)}")
        lines.append(_summary(problems, files))
        return "\n".join(lines) + "\n"
    return json.dumps(_sarif(problems), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _sarif(problems: Sequence[Problem]) -> dict[str, object]:
    codes = sorted({p.code for p in problems})
    results = []
    for p in problems:
        text = f"{format_path(p.path)}: {p.message}"
        if p.expected:
            text += f" (expected {p.expected})"
        if p.hint:
            text += f" Hint: {p.hint}"
        results.append({
            "ruleId": p.code,
            "ruleIndex": codes.index(p.code),
            "level": p.severity,
            "message": {"text": text},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": p.file},
                "region": {"startLine": p.line, "startColumn": p.column},
            }}],
        })
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "pmm-rules", "version": __version__,
                                "informationUri": "https://pypi.org/project/pmm-rules/",
                                "rules": [{"id": code} for code in codes]}},
            "results": results,
        }],
    }
