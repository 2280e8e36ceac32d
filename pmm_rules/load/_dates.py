"""Dates written in another form than YYYY-MM-DD (`1-1-2015`, `2015/01/01`, `31-12-2010`): the ISO form they stand
for, when it can be read without doubt, so that a message can say what to write instead."""

from __future__ import annotations

import datetime as dt
import re

from ..errors import Message, msg

_YEAR_FIRST = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_YEAR_LAST = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})")


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def iso_date(text: str) -> str | None:
    """The date `text` stands for, as YYYY-MM-DD, or None when it is no date or could be two: `1-1-2015`,
    `31-12-2010` and `1.2.2015` are read day first (as they are written in Dutch), `2015/01/01` year first;
    `01/02/2015` could be 1 February or 2 January, and gets no answer."""
    text = text.strip()
    if match := _YEAR_FIRST.fullmatch(text):
        year, month, day = map(int, match.groups())
        return _iso(year, month, day)
    if match := _YEAR_LAST.fullmatch(text):
        day_text, separator, month_text, year_text = match.groups()
        day, month = int(day_text), int(month_text)
        if separator == "/" and day <= 12 and month <= 12 and day != month:
            return None  # the American order (month first) is as likely
        return _iso(int(year_text), month, day)
    return None


def date_form_problem(value: str) -> tuple[Message, Message]:
    """(message, hint) for text that should be a date in the form YYYY-MM-DD."""
    iso = iso_date(value)
    hint = msg("hint.date-form.write", iso=iso) if iso else msg("hint.date-form")
    return msg("problem.date-form", value=value), hint
