"""Every label people read, in Dutch and English: one table for the notes, what-if, explain, signals, scenario
failures and the reasons in the advice.

Dutch is the default language of every text meant for people (`nl`); `en` is there for colleagues who do not
read Dutch. Dutch legal terms stay Dutch in both. Keys are stable; the texts may be improved freely.
"""

from __future__ import annotations

from functools import cache
from typing import Literal

Lang = Literal["nl", "en"]
LANGUAGES: tuple[Lang, ...] = ("nl", "en")

LABELS: dict[str, dict[Lang, str]] = {
    "title": {"nl": "Advies casus", "en": "Advice for case"},
    "peildatum": {"nl": "peildatum", "en": "reference date"},
    "needs": {"nl": "Behoeften", "en": "Needs"},
    "none_needs": {"nl": "Geen behoeften opgegeven.", "en": "No needs given."},
    "applies": {"nl": "geldt", "en": "applies"},
    "excluded": {"nl": "uitgesloten", "en": "excluded"},
    "undetermined": {"nl": "onbepaald", "en": "undetermined"},
    "responsible": {"nl": "Verantwoordelijk", "en": "Responsible"},
    "executes": {"nl": "uitvoering", "en": "executed by"},
    "pays": {"nl": "betaalt", "en": "paid by"},
    "no_responsible": {"nl": "Nog geen eenduidig verantwoordelijke regeling.",
                          "en": "No single responsible regime yet."},
    "collisions": {"nl": "Knelpunten", "en": "Collisions"},
    "none": {"nl": "Geen.", "en": "None."},
    "escalation": {"nl": "Route", "en": "Route"},
    "next": {"nl": "Volgende stap", "en": "Next step"},
    "current": {"nl": "Huidige stap", "en": "Current step"},
    "timeouts": {"nl": "Time-outs", "en": "Time-outs"},
    "months": {"nl": "maanden", "en": "months"},
    "extension": {"nl": "verlenging", "en": "extension"},
    "via": {"nl": "via", "en": "via"},
    "deadlines": {"nl": "Termijnen", "en": "Deadlines"},
    "bridging": {"nl": "Overbrugging", "en": "Bridging"},
    "bridging_yes": {"nl": "De overbruggingsprocedure (via het LMM) past bij",
                        "en": "The overbruggingsprocedure (through the LMM) fits"},
    "bridging_no": {"nl": "Overbrugging is niet aan de orde.", "en": "Bridging is not called for."},
    "likely": {"nl": "Waarschijnlijke eindfinancier", "en": "Likely final financier"},
    "unknown_financier": {"nl": "nog niet met vertrouwen te zeggen", "en": "cannot be said with confidence yet"},
    "candidates": {"nl": "Kandidaten", "en": "Candidates"},
    "leeway": {"nl": "Ruimte in de wet", "en": "Leeway"},
    "limits": {"nl": "Grenzen", "en": "Limits"},
    "missing": {"nl": "Ontbrekende feiten die het advies kunnen veranderen",
                   "en": "Missing facts that could change the advice"},
    "sources": {"nl": "Bronnen", "en": "Sources"},
    "receipt": {"nl": "Verantwoording", "en": "Receipt"},
    "for": {"nl": "voor", "en": "for"},
    "creditors": {"nl": "schuldeisers", "en": "creditors"},
    "all_creditors": {"nl": "alle schuldeisers", "en": "all creditors"},
    "score": {"nl": "score", "en": "score"},
    "unverified": {"nl": "onbevestigd", "en": "unverified"},
    "likely_conf": {"nl": "waarschijnlijk", "en": "likely"},
}


@cache
def words(lang: Lang) -> dict[str, str]:
    """Every label in one language, by key."""
    return {key: texts[lang] for key, texts in LABELS.items()}


def label(key: str, lang: Lang = "nl", **values: object) -> str:
    """One label in one language, with `{placeholders}` filled from `values`."""
    text = LABELS[key][lang]
    return text.format(**values) if values else text


def both(key: str, **values: object) -> dict[Lang, str]:
    """One label in every language (for the advice, which carries `{nl, en}` texts)."""
    return {lang: label(key, lang, **values) for lang in LANGUAGES}
