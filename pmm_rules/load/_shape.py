"""Shape checks against the shipped JSON Schemas, reported like a compiler would.

jsonschema reports a bad condition inside a `oneOf` as "not valid under any of the given schemas";
this module descends into the branch the author evidently meant (the one whose keys are present) and
reports the deepest, most specific error there, with a readable message and a fix hint.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any, cast

import jsonschema
from jsonschema.exceptions import ValidationError as SchemaError
from jsonschema.exceptions import best_match

from ..errors import PathElement, Problem, shorten
from ..model import closest
from ._inputs import shipped_schema
from ._yaml import Located


def to_json_compatible(value: Any) -> Any:
    """YAML gives dates and non-string keys; JSON Schema speaks JSON. Convert, keeping the structure."""
    if isinstance(value, dict):
        return {str(k) if not isinstance(k, str) else k: to_json_compatible(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_json_compatible(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


@cache
def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = shipped_schema(name)
    return jsonschema.Draft202012Validator(schema)


def _resolve(root: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        resolved: dict[str, Any] = root["$defs"][ref.rsplit("/", 1)[1]]
        return resolved
    return schema


def _branch_for(error: SchemaError, root: dict[str, Any]) -> list[SchemaError] | None:
    """For a oneOf/anyOf on a mapping, the errors of the branch whose required keys the mapping has."""
    branches = error.schema.get(error.validator) if isinstance(error.schema, dict) else None
    if not isinstance(branches, list) or not isinstance(error.instance, dict):
        return None
    keys = set(error.instance)
    chosen = None
    for index, branch in enumerate(branches):
        resolved = _resolve(root, branch)
        required = set(resolved.get("required", []))
        if resolved.get("type") == "null":
            continue
        if required and required <= keys and (chosen is None or len(required) > chosen[1]):
            chosen = (index, len(required))
    if chosen is None:
        return None
    return [e for e in error.context or [] if e.relative_schema_path and e.relative_schema_path[0] == chosen[0]]


def _most_specific(error: SchemaError, root: dict[str, Any]) -> SchemaError:
    while error.context:
        branch_errors = _branch_for(error, root)
        if branch_errors:
            error = best_match(branch_errors)
            continue
        non_null = [e for e in error.context if not (e.validator == "type" and e.validator_value == "null")]
        error = best_match(non_null or list(error.context))
    return error


# How people from other rule languages spell our operators.
OPERATOR_SPELLINGS = {"lte": "le", "gte": "ge", "neq": "ne", "equals": "eq", "is": "eq", "not": "ne",
                      "less_than": "lt", "greater_than": "gt", "includes": "contains", "has": "contains",
                      "one_of": "in", "none_of": "not_in", "==": "eq", "!=": "ne", "<": "lt", "<=": "le",
                      ">": "gt", ">=": "ge", "exist": "exists", "missing": "exists"}

_TYPE_NAMES = {"string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
               "array": "a list", "object": "a mapping (key: value)", "null": "nothing (null)"}


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, str):
        return f"text '{shorten(value, 60)}'"
    if isinstance(value, (int, float)):
        return f"number {shorten(str(value), 40)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "nothing" if value is None else repr(value)


def _schema_of(error: SchemaError) -> dict[str, Any]:
    return dict(error.schema) if isinstance(error.schema, Mapping) else {}


def _message(error: SchemaError, root: dict[str, Any]) -> tuple[str, str, str | None, str | None]:
    """code, message, expected, hint"""
    v = error.validator
    if v == "additionalProperties":
        allowed = sorted(_resolve(root, _schema_of(error)).get("properties", {}))
        extras = [k for k in error.instance if k not in allowed] if isinstance(error.instance, dict) else []
        extra = shorten(str(extras[0]), 80) if extras else "?"
        is_condition = "fact" in allowed and "lt" in allowed
        guess = OPERATOR_SPELLINGS.get(extra) if is_condition else None
        guess = guess or closest(extra, allowed)
        hint = f"did you mean '{guess}'?" if guess else None
        if is_condition:
            ops = [k for k in allowed if k != "fact"]
            return ("unknown-operator", f"unknown operator '{extra}'", "one of " + ", ".join(ops), hint)
        return ("unknown-field", f"unknown field '{extra}'", "one of " + ", ".join(allowed), hint)
    if v == "required":
        missing = re.findall(r"'([^']+)' is a required property", error.message)
        name = missing[0] if missing else str(error.validator_value)
        return ("missing-field", f"required field '{name}' is missing", None, f"add '{name}: ...'")
    if v == "type":
        expected: Any = error.validator_value
        names = [expected] if isinstance(expected, str) else list(expected)
        wanted = " or ".join(_TYPE_NAMES.get(n, n) for n in names)
        hint = None
        if isinstance(error.instance, float) and "string" in names:
            hint = f"YAML reads {error.instance} as a number; put it between quotes: '{error.instance}'"
        elif isinstance(error.instance, str) and names and names[0] in ("integer", "number"):
            hint = "remove the quotes around the number"
        elif isinstance(error.instance, str) and names == ["boolean"]:
            hint = "write true or false without quotes"
        if not error.absolute_path:  # the whole file: say what it holds, never quote it (it may be any file)
            held = "text" if isinstance(error.instance, str) else _describe(error.instance).split(" (")[0]
            return ("wrong-type", f"the file holds {'a number' if held.startswith('number') else held}, "
                                  f"not {wanted}", wanted, "this does not look like a pmm-rules file")
        return ("wrong-type", f"{_describe(error.instance)} is not {wanted}", wanted, hint)
    if v in ("enum", "const"):
        options: list[Any] = list(cast(Any, error.validator_value)) if v == "enum" else [error.validator_value]
        guess = closest(shorten(str(error.instance), 200), [str(o) for o in options])
        return ("not-allowed", f"{_describe(error.instance)} is not allowed here",
                "one of " + ", ".join(str(o) for o in options), f"did you mean '{guess}'?" if guess else None)
    if v == "pattern":
        return ("bad-format", f"{_describe(error.instance)} does not have the required form",
                f"text matching {error.validator_value}", None)
    if v == "minItems":
        return ("empty-list", "the list must not be empty", f"at least {error.validator_value} item(s)", None)
    if v == "minLength":
        return ("empty-text", "the text must not be empty", None, None)
    if v == "maxLength":
        size = len(error.instance) if isinstance(error.instance, str) else 0
        return ("text-too-long", f"the text is {size} characters long", f"at most {error.validator_value}", None)
    if v in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return ("out-of-range", f"{_describe(error.instance)} is out of range", f"{v} {error.validator_value}", None)
    return ("schema", shorten(error.message, 200), None, None)


def shape_problems(located: Located, schema_name: str) -> list[Problem]:
    """Every shape problem of a document against the shipped schema `schema_name`."""
    root = shipped_schema(schema_name)
    data = to_json_compatible(located.data)
    problems = []
    for error in _iter_errors(schema_name, data):
        specific = _most_specific(error, root)
        path: tuple[PathElement, ...] = tuple(specific.absolute_path)
        code, message, expected, hint = _message(specific, root)
        if code in ("unknown-field", "unknown-operator") and isinstance(specific.instance, dict):
            known = _resolve(root, _schema_of(specific)).get("properties", {})
            extras = [k for k in specific.instance if k not in known]
            if extras:
                path = (*path, extras[0])
        problems.append(located.problem(path, code, message, expected=expected, hint=hint))
    return problems


def _iter_errors(schema_name: str, data: Any) -> Iterator[SchemaError]:
    yield from _validator(schema_name).iter_errors(data)
