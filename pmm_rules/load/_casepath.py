"""Addressing facts inside a case by a dotted path, as `whatif --set` and scenario `set:` do.

`members.meisje.age` is the `age` of the member with id `meisje`; `needs.tolk-school.context`,
`municipality.pmm_connected`, `threats` and `reference_date` work the same way. Lists of items with ids
(members, needs, debts) are addressed by id; other lists are replaced whole.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from ..errors import InvalidInput, shorten
from ._yaml import load_text

_ID_LISTS = ("members", "needs", "debts")
MAX_PATH_PARTS = 8  # the deepest fact of a case is four parts deep (members.<id>.care_need.blijvend)
MAX_VALUE_BYTES = 64 * 1024


class PathError(ValueError):
    """A --set path or value that does not fit the case."""


def parse_value(text: str) -> Any:
    """A command-line value read as YAML, as strictly as a file: `17`, `true`, `null`, `2021-01-01`,
    `[ontruiming]` (no tags, no duplicate keys, few aliases, no unreadable numbers)."""
    if len(text.encode("utf-8", errors="replace")) > MAX_VALUE_BYTES:
        raise PathError(f"the value is longer than {MAX_VALUE_BYTES // 1024} KiB")
    try:
        located = load_text(text, "--set")
    except InvalidInput as exc:
        raise PathError(f"cannot read value {shorten(repr(text))}: {exc.problems[0].message}") from None
    if located.problems:
        raise PathError(f"cannot read value {shorten(repr(text))}: {located.problems[0].message}")
    value = located.data
    return value.isoformat() if isinstance(value, dt.date) else value


def set_path(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of case data with `path` set to `value`."""
    parts = path.split(".")
    if len(parts) > MAX_PATH_PARTS or len(path) > 1024:
        raise PathError(f"the path has {len(parts)} parts; the facts of a case are at most {MAX_PATH_PARTS} deep")
    out = copy.deepcopy(data)
    node: Any = out
    i = 0
    while i < len(parts) - 1:
        key = parts[i]
        if key in _ID_LISTS and isinstance(node, dict) and i + 1 < len(parts) - 1:
            items = node.get(key)
            if not isinstance(items, list):
                raise PathError(f"the case has no {key}")
            wanted = parts[i + 1]
            match = next((item for item in items if isinstance(item, dict) and str(item.get("id")) == wanted), None)
            if match is None:
                ids = ", ".join(str(item.get("id")) for item in items if isinstance(item, dict))
                raise PathError(f"no item with id {shorten(repr(wanted))} in {key} (ids: {shorten(ids)})")
            node = match
            i += 2
            continue
        if not isinstance(node, dict):
            raise PathError(f"'{'.'.join(parts[:i])}' is not a mapping")
        node = node.setdefault(key, {})
        i += 1
    if not isinstance(node, dict):
        raise PathError(f"cannot set '{path}': '{'.'.join(parts[:-1])}' is not a mapping")
    if value is None:
        node.pop(parts[-1], None)
    else:
        node[parts[-1]] = value
    return out
