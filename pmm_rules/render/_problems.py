"""Problem reports for people, for CI annotations (GitHub) and for code-scanning tools (SARIF 2.1.0)."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

from .._version import __version__
from ..errors import Problem
from ..labels import Lang, label
from ._formats import ReportFormat


def _github_escape(text: str, *, property_value: bool = False) -> str:
    # GitHub workflow commands treat %, CR and LF (and in properties also : and ,) as syntax.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


_EXPLAIN = {"nl": "uitleg bij een foutcode: pmm-rules explain --code {code}",
            "en": "a code explained: pmm-rules explain --code {code} --lang en"}
_CHECKED = {"nl": "{files} bestand(en) gecontroleerd", "en": "{files} file(s) checked"}
_CLEAN = {"nl": ", geen problemen gevonden", "en": ", no problems found"}
_COUNTS = {"nl": ": {errors} fout(en), {warnings} waarschuwing(en); ",
           "en": ": {errors} error(s), {warnings} warning(s); "}


def _summary(problems: Sequence[Problem], files: int, lang: Lang = "nl") -> str:
    checked = _CHECKED[lang].format(files=files)
    if not problems:
        return checked + _CLEAN[lang]
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    # The first code makes `explain --code` discoverable where people read the report.
    return (checked + _COUNTS[lang].format(errors=errors, warnings=warnings)
            + _EXPLAIN[lang].format(code=problems[0].code))


def render_problems(problems: Sequence[Problem], fmt: ReportFormat, *, files: int,
                    base: str | Path | None = None, lang: Lang = "nl") -> str:
    """The problems of a validation run in one of `REPORT_FORMATS`.

    `lang` is the language of everything written for people: each problem's message, expected value and hint,
    the summary, the pointer to `pmm-rules explain --code` and, in SARIF, the description of each code (from
    `pmm_rules.codes`). Codes, files, places, paths and the structure of JSON and SARIF do not depend on it.
    SARIF gives file locations relative to `base`
    (default: the working directory), as `%SRCROOT%`; files outside it get an absolute `file:` URI.
    """
    if fmt == "text":
        lines = [p.render(lang) for p in problems]
        lines.append(_summary(problems, files, lang))
        return "\n".join(lines) + "\n"
    if fmt == "json":
        return json.dumps({"files": files, "problems": [p.as_dict(lang) for p in problems]},
                          indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    if fmt == "github":
        lines = []
        for p in problems:
            message = p.described(lang)
            hint = p.text("hint", lang)
            if hint:
                message += f"\n{label('problem.hint', lang)}: {hint}"
            props = ",".join([f"file={_github_escape(p.file, property_value=True)}", f"line={p.line}",
                              f"col={p.column}", f"title={_github_escape(p.code, property_value=True)}"])
            lines.append(f"::{p.severity} {props}::{_github_escape(message)}")
        lines.append(_summary(problems, files, lang))
        return "\n".join(lines) + "\n"
    return json.dumps(_sarif(problems, Path.cwd() if base is None else Path(base), lang), indent=2,
                      ensure_ascii=False, sort_keys=True) + "\n"


_SRCROOT = "%SRCROOT%"


def _artifact(file: str, base: Path) -> dict[str, str] | None:
    """SARIF's artifactLocation of a problem's file: a percent-encoded POSIX path relative to `base` (absolute and
    normalised) under `%SRCROOT%`, an absolute `file:` URI for a file outside it (such as the bundled rules in
    site-packages), and None for what is no file (`<data>`, `<rule base>`)."""
    if file.startswith("<") and file.endswith(">"):
        return None
    path = Path(os.path.abspath(file))  # normalised: no `.`, no `..` (symbolic links are left as they are)
    if not path.is_relative_to(base):
        return {"uri": path.as_uri()}
    return {"uri": quote(path.relative_to(base).as_posix()), "uriBaseId": _SRCROOT}


def _pascal(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("-"))


def _rule(name: str, lang: Lang) -> dict[str, object]:
    """SARIF's reportingDescriptor of a problem code, described from the catalogue (`pmm_rules.codes`)."""
    from ..codes import PROBLEM_CODES, help_text

    rule: dict[str, object] = {"id": name, "name": _pascal(name)}
    entry = PROBLEM_CODES.get(name)
    if entry is None:  # a code without a page (tests/test_codes.py keeps this from happening)
        return rule
    text, markdown = help_text(name, lang)
    rule.update({
        "shortDescription": {"text": entry.title[lang]},
        "fullDescription": {"text": entry.means[lang]},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": entry.severity},
        "properties": {"tags": [entry.group]},
    })
    return rule


def _sarif(problems: Sequence[Problem], base: Path, lang: Lang = "nl") -> dict[str, object]:
    base = Path(os.path.abspath(base))
    codes = sorted({p.code for p in problems})
    results = []
    for p in problems:
        text = p.described(lang)
        hint = p.text("hint", lang)
        if hint:
            text += f" {label('problem.hint', lang).capitalize()}: {hint}"
        result: dict[str, object] = {
            "ruleId": p.code,
            "ruleIndex": codes.index(p.code),
            "level": p.severity,
            "message": {"text": text},
        }
        artifact = _artifact(p.file, base)
        if artifact is not None:
            result["locations"] = [{"physicalLocation": {
                "artifactLocation": artifact,
                "region": {"startLine": p.line, "startColumn": p.column},
            }}]
        results.append(result)
    root = base.as_uri()
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "pmm-rules", "version": __version__,
                                "informationUri": "https://pypi.org/project/pmm-rules/",
                                "rules": [_rule(code, lang) for code in codes]}},
            "originalUriBaseIds": {_SRCROOT: {"uri": root if root.endswith("/") else root + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
