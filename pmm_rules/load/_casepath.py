"""Addressing facts inside a case by a dotted path, as `whatif --set` and scenario `set:` do.

`members.meisje.age` is the `age` of the member with id `meisje`; `needs.tolk-school.context`,
`municipality.pmm_connected`, `threats` and `reference_date` work the same way. Lists of items with ids
(members, needs, debts) are addressed by id; other lists are replaced whole.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from ..errors import InvalidInput, Message, Problem, msg, shorten
from ._yaml import load_text

_ID_LISTS = ("members", "needs", "debts")
MAX_PATH_PARTS = 8  # the deepest fact of a case is four parts deep (members.<id>.care_need.blijvend)
MAX_VALUE_BYTES = 64 * 1024


class PathError(ValueError):
    """A --set path or value that does not fit the case; `message` says why, in either language."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.text())
        self.message = message


def _said(problem: Problem) -> Message:
    """What a problem of a value says, as a message in either language."""
    return problem.texts.get("message") or msg("says.verbatim", text=problem.message)


def parse_value(text: str) -> Any:
    """A command-line value read as YAML, as strictly as a file: `17`, `true`, `null`, `2021-01-01`,
    `[ontruiming]` (no tags, no duplicate keys, few aliases, no unreadable numbers)."""
    if len(text.encode("utf-8", errors="replace")) > MAX_VALUE_BYTES:
        raise PathError(msg("says.set.too_long", kib=MAX_VALUE_BYTES // 1024))
    try:
        located = load_text(text, "--set")
    except InvalidInput as exc:
        raise PathError(msg("says.set.unreadable", value=shorten(repr(text)), why=_said(exc.problems[0]))) from None
    if located.problems:
        raise PathError(msg("says.set.unreadable", value=shorten(repr(text)), why=_said(located.problems[0])))
    value = located.data
    return value.isoformat() if isinstance(value, dt.date) else value


def set_path(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of case data with `path` set to `value`."""
    parts = path.split(".")
    if len(parts) > MAX_PATH_PARTS or len(path) > 1024:
        raise PathError(msg("says.set.too_deep", parts=len(parts), most=MAX_PATH_PARTS))
    out = copy.deepcopy(data)
    node: Any = out
    i = 0
    while i < len(parts) - 1:
        key = parts[i]
        if key in _ID_LISTS and isinstance(node, dict) and i + 1 < len(parts) - 1:
            items = node.get(key)
            if not isinstance(items, list):
                raise PathError(msg("says.set.no_list", key=key))
            wanted = parts[i + 1]
            match = next((item for item in items if isinstance(item, dict) and str(item.get("id")) == wanted), None)
            if match is None:
                ids = ", ".join(str(item.get("id")) for item in items if isinstance(item, dict))
                raise PathError(msg("says.set.no_item", id=shorten(repr(wanted)), key=key, ids=shorten(ids)))
            node = match
            i += 2
            continue
        if not isinstance(node, dict):
            raise PathError(msg("says.set.not_mapping", path='.'.join(parts[:i])))
        node = node.setdefault(key, {})
        i += 1
    if not isinstance(node, dict):
        raise PathError(msg("says.set.cannot_set", path=path, parent='.'.join(parts[:-1])))
    if value is None:
        node.pop(parts[-1], None)
    else:
        node[parts[-1]] = value
    return out
