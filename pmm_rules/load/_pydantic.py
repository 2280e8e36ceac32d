"""Pydantic's validation errors as problems a jurist reads: the YAML path, one message per bad value, in the
reader's language. Pydantic's own (English) texts are never shown: each error type has a message of ours."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import Message, PathElement, Problem, msg, shorten
from ._dates import date_form_problem
from ._shape import describe
from ._yaml import Located


def _pydantic_path(loc: tuple[int | str, ...]) -> tuple[PathElement, ...]:
    """Map a pydantic error location to the path a YAML author sees (union tags and aliases removed)."""
    out: list[PathElement] = []
    for element in loc:
        if element == "comparison":
            continue
        if element in ("in_", "not_"):
            element = element[:-1]
        if element in ("all", "any", "not") and out and out[-1] == element:
            continue
        out.append(element)
    return tuple(out)


_UNION_BRANCHES = {"int": "integer", "float": "number", "date": "date", "str": "string", "bool": "boolean"}


def _union_branch(element: PathElement) -> str | None:
    if isinstance(element, str):
        if element in _UNION_BRANCHES:
            return _UNION_BRANCHES[element]
        if element.startswith("list["):
            return "array"
    return None


# Pydantic's error types, by what they mean to someone who wrote the file: the message (with the error's input and
# context as values) and, where it helps, what was expected.
_WRONG_TYPE = {"string_type": "string", "int_type": "integer", "int_parsing": "integer", "int_from_float": "integer",
               "float_type": "number", "float_parsing": "number", "bool_type": "boolean", "bool_parsing": "boolean",
               "list_type": "array", "dict_type": "object", "model_type": "object", "model_attributes_type": "object",
               "date_type": "date", "none_required": "null"}
_DATE_ERRORS = frozenset({"date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact",
                          "datetime_parsing", "datetime_from_date_parsing"})


def _error_problem(located: Located, path: tuple[PathElement, ...], error: Any) -> Problem:
    kind = str(error.get("type", ""))
    value = error.get("input")
    context = dict(error.get("ctx") or {})
    if kind in _DATE_ERRORS and isinstance(value, str):
        message, hint = date_form_problem(value)
        return located.problem(path, "date-form", message, expected=msg("says.type.date"), hint=hint)
    if kind.startswith("pmm_"):
        found = context.get("found") or msg("says.none")
        return located.problem(path, "invalid", msg(f"problem.invalid.{kind}", **{**context, "found": found}))
    if kind in _WRONG_TYPE:
        wanted = msg(f"says.type.{_WRONG_TYPE[kind]}")
        return located.problem(path, "invalid", msg("problem.wrong-type", value=describe(value), wanted=wanted),
                               expected=wanted)
    messages: dict[str, Message] = {
        "missing": msg("problem.invalid.missing"),
        "extra_forbidden": msg("problem.invalid.extra"),
        "literal_error": msg("problem.not-allowed", value=describe(value)),
        "enum": msg("problem.not-allowed", value=describe(value)),
        "string_pattern_mismatch": msg("problem.bad-format", value=describe(value)),
        "too_short": msg("problem.invalid.too_short", least=context.get("min_length", 1)),
        "string_too_short": msg("problem.empty-text"),
        "too_long": msg("problem.invalid.too_long", most=context.get("max_length", "?")),
        "string_too_long": msg("problem.invalid.too_long", most=context.get("max_length", "?")),
        "greater_than": msg("problem.out-of-range", value=describe(value)),
        "greater_than_equal": msg("problem.out-of-range", value=describe(value)),
        "less_than": msg("problem.out-of-range", value=describe(value)),
        "less_than_equal": msg("problem.out-of-range", value=describe(value)),
    }
    return located.problem(path, "invalid", messages.get(kind) or msg("problem.invalid", kind=kind))


def model_problems(located: Located, model: type[BaseModel]) -> tuple[Any, list[Problem]]:
    try:
        return model.model_validate(located.data), []
    except ValidationError as exc:
        problems = []
        # A value that fits none of the branches of a union (int | float | date) gives one error per branch;
        # a jurist needs one message naming what would have fitted.
        unions: dict[tuple[PathElement, ...], tuple[Any, list[str]]] = {}
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            branch = _union_branch(loc[-1]) if loc else None
            if branch is not None:
                path = _pydantic_path(loc[:-1])
                unions.setdefault(path, (error.get("input"), []))[1].append(branch)
                continue
            problems.append(_error_problem(located, _pydantic_path(loc), error))
        for path, (value, branches) in unions.items():
            wanted = [msg(f"says.type.{name}") for name in dict.fromkeys(branches)]
            problems.append(located.problem(path, "wrong-type", msg("problem.wrong-type.union",
                                                                    value=shorten(repr(value), 60)),
                                            expected=wanted[0] if len(wanted) == 1 else
                                            msg("says.or", first=wanted[:-1], second=wanted[-1])))
        return None, problems
