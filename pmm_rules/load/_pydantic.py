"""Pydantic's validation errors as problems a jurist reads: the YAML path, one message per bad value."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import PathElement, Problem, shorten
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


_UNION_BRANCHES = {"int": "a whole number", "float": "a number", "date": "a date (YYYY-MM-DD)", "str": "text",
                   "bool": "true or false"}


def _union_branch(element: PathElement) -> str | None:
    if isinstance(element, str):
        if element in _UNION_BRANCHES:
            return _UNION_BRANCHES[element]
        if element.startswith("list["):
            return "a list"
    return None


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
            path = _pydantic_path(loc)
            message = error["msg"].removeprefix("Value error, ")
            problems.append(located.problem(path, "invalid", message))
        for path, (value, branches) in unions.items():
            problems.append(located.problem(path, "wrong-type", f"{shorten(repr(value), 60)} does not fit here",
                                            expected=" or ".join(dict.fromkeys(branches))))
        return None, problems
