"""Placeholders in the explanation of a notice or collision: a value of the case in the text people read.

`{member.wlz_objection_last_day}` is replaced by that fact of the subject (a date as 2-11-2026 in Dutch, 2026-11-02 in
English), `{member.municipality|de gemeente}` by the value or, when the case does not give it, by the text after the
bar. A placeholder names a fact path of the vocabulary that the rule itself reads (so it is in the trace too), or one
of the display values below, which are shown and never decide anything. `tests/test_template.py` checks every
placeholder in the bundled rules. docs/rule-format.md describes them for authors.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any

from ..evaluate import Evaluation, Subject
from ..model import Case, Member, Text

PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)(?:\|([^{}]*))?\}")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _birthday(member: Member, years: int) -> str | None:
    born = member.birth_date
    if born is None:
        return None
    try:
        day = born.replace(year=born.year + years)
    except ValueError:  # 29 February: the birthday counts from 1 March (as age_on does)
        day = dt.date(born.year + years, 3, 1)
    return day.isoformat()


# Values a text may show that no rule reads: the member's gemeente (a name, shown only) and the days the member turns
# 18 and 23 (from the birth date).
DISPLAY_VALUES: dict[str, Callable[[Case, Member], str | None]] = {
    "member.municipality": lambda case, member: member.municipality,
    "member.birthday_18": lambda case, member: _birthday(member, 18),
    "member.birthday_23": lambda case, member: _birthday(member, 23),
}


def _shown(value: Any, lang: str) -> str:
    text = str(value)
    if _ISO_DATE.match(text):
        day = dt.date.fromisoformat(text)
        return f"{day.day}-{day.month}-{day.year}" if lang == "nl" else day.isoformat()
    return text


def _fill_one(text: str, lang: str, lookup: Callable[[str], Any]) -> str:
    def replace(match: re.Match[str]) -> str:
        value = lookup(match.group(1))
        if value is None:
            return match.group(2) if match.group(2) is not None else "?"
        return _shown(value, lang)
    return PLACEHOLDER.sub(replace, text)


def fill(text: Text, ev: Evaluation, subject: Subject | None) -> Text:
    """The text with its placeholders replaced by the subject's values (unchanged when it has none)."""
    if "{" not in text.nl and "{" not in text.en:
        return text
    facts: Mapping[str, Any] = ev.values.get(subject.key, subject.facts) if subject is not None else {}
    member: Member | None = None
    if subject is not None and subject.kind == "need":
        need = ev.case_need(subject.id)
        member = ev.case.member(need.member)

    def lookup(path: str) -> Any:
        if path in DISPLAY_VALUES:
            return DISPLAY_VALUES[path](ev.case, member) if member is not None else None
        return facts.get(path)

    return Text(nl=_fill_one(text.nl, "nl", lookup), en=_fill_one(text.en, "en", lookup))


def placeholders(text: str) -> list[str]:
    """The paths a text's placeholders name."""
    return [m.group(1) for m in PLACEHOLDER.finditer(text)]
