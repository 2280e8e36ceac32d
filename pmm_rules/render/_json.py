"""The advice as the JSON of the contract: indented for one advice, one line per advice for JSON Lines."""

from __future__ import annotations

from ..labels import Lang
from ..model import Advice


def to_json(advice: Advice, lang: Lang = "nl") -> str:
    """The contract JSON, indented (`lang` is not used: the advice carries both languages)."""
    return advice.to_json()


def to_json_line(advice: Advice, lang: Lang = "nl") -> str:
    """The contract JSON on one line, ending in a newline."""
    return advice.to_json(indent=None)
