"""Problems as RFC 9457 problem details (`application/problem+json`): every problem of the input with its path,
line and column, exactly as `pmm-rules validate` reports them, and never a traceback."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel, Field

from ..errors import PathElement, Problem, format_path

PROBLEM_MEDIA_TYPE = "application/problem+json"
_TYPE_BASE = "urn:pmm-rules:problem:"


class ProblemItem(BaseModel):
    """One thing wrong with one value of the input (`pmm_rules.Problem.as_dict`, with a JSON Pointer)."""

    file: str
    line: int
    column: int
    severity: str = "error"
    code: str
    path: str = Field(description="the path as a reader of the input writes it: members[0].age")
    pointer: str = Field(description="the same path as an RFC 6901 JSON Pointer: /members/0/age")
    message: str
    expected: str | None = None
    hint: str | None = None


class ProblemDetails(BaseModel):
    """RFC 9457 problem details; `errors` lists every problem of the input."""

    type: str = Field(description="a URN naming the kind of problem, e.g. urn:pmm-rules:problem:invalid-input")
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    errors: list[ProblemItem] = Field(default_factory=list)


def json_pointer(path: Sequence[PathElement]) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def problem_item(problem: Problem, file: str | None = None) -> dict[str, Any]:
    return {"file": file if file is not None else problem.file, "line": problem.line, "column": problem.column,
            "severity": problem.severity, "code": problem.code, "path": format_path(problem.path),
            "pointer": json_pointer(problem.path), "message": problem.message, "expected": problem.expected,
            "hint": problem.hint}


def problem_body(status: int, kind: str, title: str, detail: str | None = None, instance: str | None = None,
                 problems: Iterable[Problem] = (), file: str | None = None) -> dict[str, Any]:
    return {"type": _TYPE_BASE + kind, "title": title, "status": status, "detail": detail, "instance": instance,
            "errors": [problem_item(p, file) for p in problems]}


def problem_bytes(body: dict[str, Any]) -> bytes:
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


# The kinds of problem the service answers with, by status: (kind, title).
KINDS: dict[int, tuple[str, str]] = {
    400: ("bad-request", "The request body cannot be read"),
    401: ("unauthorized", "A bearer token is required"),
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    406: ("not-acceptable", "Not acceptable"),
    413: ("body-too-large", "The request body is too large"),
    415: ("unsupported-media-type", "Unsupported media type"),
    422: ("invalid-input", "The input is not valid"),
    500: ("internal", "Internal error"),
    503: ("time-limit", "The request took longer than the time limit"),
}
