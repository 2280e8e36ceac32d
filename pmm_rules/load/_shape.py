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

from ..errors import Message, PathElement, Problem, Text, msg, shorten
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
    # Dates in the wrong form (`1-1-2015`) are left to the model, which knows a date field from a comparison value
    # that may be a date or a number (`load._pydantic` reports them as `date-form`).
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

_TYPE_NAMES = ("string", "integer", "number", "boolean", "array", "object", "null")


def _type_name(name: str) -> Message | str:
    return msg(f"says.type.{name}") if name in _TYPE_NAMES else name


def describe(value: Any) -> Message:
    """A value from a file as a message quotes it: `tekst 'x'`, `getal 3`, `een lijst`."""
    if isinstance(value, bool):
        return msg("says.value.bool", value=str(value).lower())
    if isinstance(value, str):
        return msg("says.value.text", value=shorten(value, 60))
    if isinstance(value, (int, float)):
        return msg("says.value.number", value=shorten(str(value), 40))
    if isinstance(value, list):
        return msg("says.value.list")
    if isinstance(value, dict):
        return msg("says.value.mapping")
    return msg("says.value.nothing") if value is None else msg("says.value.other", value=repr(value))


def _either(items: list[Message | str]) -> Message | str:
    """`a`, `a of b`, `a, b of c`: the alternatives of a union."""
    if len(items) == 1:
        return items[0]
    return msg("says.or", first=items[:-1], second=items[-1])


def _schema_of(error: SchemaError) -> dict[str, Any]:
    return dict(error.schema) if isinstance(error.schema, Mapping) else {}


def _message(error: SchemaError, root: dict[str, Any]) -> tuple[str, Text, Text | None, Text | None]:
    """code, message, expected, hint"""
    v = error.validator
    if v == "additionalProperties":
        allowed = sorted(_resolve(root, _schema_of(error)).get("properties", {}))
        extras = [k for k in error.instance if k not in allowed] if isinstance(error.instance, dict) else []
        extra = shorten(str(extras[0]), 80) if extras else "?"
        is_condition = "fact" in allowed and "lt" in allowed
        guess = OPERATOR_SPELLINGS.get(extra) if is_condition else None
        guess = guess or closest(extra, allowed)
        guessed = msg("says.did_you_mean", guess=guess) if guess else None
        if is_condition:
            ops = [k for k in allowed if k != "fact"]
            return ("unknown-operator", msg("problem.unknown-operator", name=extra), msg("says.one_of", options=ops),
                    guessed)
        return ("unknown-field", msg("problem.unknown-field", name=extra), msg("says.one_of", options=allowed),
                guessed)
    if v == "required":
        missing = re.findall(r"'([^']+)' is a required property", error.message)
        name = missing[0] if missing else str(error.validator_value)
        return ("missing-field", msg("problem.missing-field", name=name), None, msg("hint.missing-field", name=name))
    if v == "type":
        expected: Any = error.validator_value
        names = [expected] if isinstance(expected, str) else list(expected)
        wanted = _either([_type_name(n) for n in names])
        hint: Text | None = None
        if isinstance(error.instance, float) and "string" in names:
            hint = msg("hint.wrong-type.quote_number", value=error.instance)
        elif isinstance(error.instance, str) and names and names[0] in ("integer", "number"):
            hint = msg("hint.wrong-type.unquote")
        elif isinstance(error.instance, str) and names == ["boolean"]:
            hint = msg("hint.wrong-type.boolean")
        if not error.absolute_path:  # the whole file: say what it holds, never quote it (it may be any file)
            held = (msg("says.type.string") if isinstance(error.instance, str)
                    else msg("says.type.number") if isinstance(error.instance, (int, float))
                    and not isinstance(error.instance, bool) else describe(error.instance))
            return ("wrong-type", msg("problem.wrong-type.file", held=held, wanted=wanted), wanted,
                    msg("hint.wrong-type.file"))
        return ("wrong-type", msg("problem.wrong-type", value=describe(error.instance), wanted=wanted), wanted, hint)
    if v in ("enum", "const"):
        options: list[Any] = list(cast(Any, error.validator_value)) if v == "enum" else [error.validator_value]
        guess = closest(shorten(str(error.instance), 200), [str(o) for o in options])
        return ("not-allowed", msg("problem.not-allowed", value=describe(error.instance)),
                msg("says.one_of", options=[str(o) for o in options]),
                msg("says.did_you_mean", guess=guess) if guess else None)
    if v == "pattern":
        return ("bad-format", msg("problem.bad-format", value=describe(error.instance)),
                msg("expected.bad-format", pattern=error.validator_value), None)
    if v == "minItems":
        return ("empty-list", msg("problem.empty-list"), msg("expected.empty-list", count=error.validator_value), None)
    if v == "minLength":
        return ("empty-text", msg("problem.empty-text"), None, None)
    if v == "maxLength":
        size = len(error.instance) if isinstance(error.instance, str) else 0
        return ("text-too-long", msg("problem.text-too-long", size=size),
                msg("expected.text-too-long", most=error.validator_value), None)
    if v in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return ("out-of-range", msg("problem.out-of-range", value=describe(error.instance)),
                msg(f"expected.out-of-range.{v}", limit=error.validator_value), None)
    return ("schema", msg("problem.schema", rule=v), None, None)


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
