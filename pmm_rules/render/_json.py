"""The advice as the JSON of the contract: indented for one advice, one line per advice for JSON Lines."""

from __future__ import annotations

from ..labels import Lang
from ..model import Advice
from ._escape import json_text


def to_json(advice: Advice, lang: Lang = "nl") -> str:
    """The contract JSON, indented (`lang` is not used: the advice carries both languages). Characters a terminal
    would act on are written as \\u escapes: the same JSON value."""
    return json_text(advice.to_json())


def to_json_line(advice: Advice, lang: Lang = "nl") -> str:
    """The contract JSON on one line, ending in a newline."""
    return json_text(advice.to_json(indent=None))
