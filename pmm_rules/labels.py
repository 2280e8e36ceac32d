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
    # ---- shared words
    "yes": {"nl": "ja", "en": "yes"},
    "no": {"nl": "nee", "en": "no"},
    "nothing": {"nl": "—", "en": "—"},
    # ---- what-if (pmm-rules whatif)
    "whatif.question": {"nl": "Wat als {settings}?", "en": "What if {settings}?"},
    "whatif.no_change": {"nl": "Het advies verandert niet.", "en": "The advice does not change."},
    "whatif.changes": {"nl": "Wat verandert:", "en": "What changes:"},
    "whatif.started": {"nl": "Regels die nu wel gelden:", "en": "Rules that now fire:"},
    "whatif.stopped": {"nl": "Regels die niet meer gelden:", "en": "Rules that no longer fire:"},
    # ---- explain (pmm-rules explain)
    "explain.all": {"nl": "alle volgende:", "en": "all of:"},
    "explain.any": {"nl": "ten minste één van:", "en": "at least one of:"},
    "explain.not": {"nl": "niet:", "en": "not:"},
    "explain.known": {"nl": "bekend", "en": "known"},
    "explain.unknown": {"nl": "onbekend", "en": "unknown"},
    "explain.op.eq": {"nl": "=", "en": "="},
    "explain.op.ne": {"nl": "≠", "en": "≠"},
    "explain.op.lt": {"nl": "<", "en": "<"},
    "explain.op.le": {"nl": "≤", "en": "≤"},
    "explain.op.gt": {"nl": ">", "en": ">"},
    "explain.op.ge": {"nl": "≥", "en": "≥"},
    "explain.op.in": {"nl": "is een van", "en": "is one of"},
    "explain.op.not_in": {"nl": "is geen van", "en": "is none of"},
    "explain.op.contains": {"nl": "bevat", "en": "contains"},
    "explain.op.not_contains": {"nl": "bevat niet", "en": "does not contain"},
    "explain.kind": {"nl": "soort", "en": "kind"},
    "explain.subject": {"nl": "voor", "en": "for"},
    "explain.valid": {"nl": "geldig", "en": "valid"},
    "explain.file": {"nl": "bestand", "en": "file"},
    "explain.when": {"nl": "Als:", "en": "When:"},
    "explain.then": {"nl": "Dan:", "en": "Then:"},
    "explain.explanation": {"nl": "Uitleg:", "en": "Explanation:"},
    "explain.sources": {"nl": "Bronnen:", "en": "Sources:"},
    "explain.note": {"nl": "noot", "en": "note"},
    "explain.scenarios": {"nl": "Scenario's:", "en": "Scenarios:"},
    "explain.fires_in": {"nl": "geldt in", "en": "fires in"},
    "explain.not_fired_in": {"nl": "geldt niet in", "en": "does not fire in"},
    "explain.undetermined_in": {"nl": "onbepaald in", "en": "undetermined in"},
    "explain.more": {"nl": "… en {count} meer", "en": "… and {count} more"},
    "explain.no_scenario": {"nl": "geen scenario evalueert deze regel — schrijf er een (zie docs/rule-format.md)",
                            "en": "no scenario evaluates this rule — write one (see docs/rule-format.md)"},
    # ---- scenario runs (pmm-rules test, the pytest plugin)
    "scenario.ok": {"nl": "ok   ", "en": "ok   "},
    "scenario.failed": {"nl": "FOUT ", "en": "FAIL "},
    "scenario.expected": {"nl": "verwacht {expected}, gekregen {actual}", "en": "expected {expected}, got {actual}"},
    "scenario.rules_involved": {"nl": "betrokken regels", "en": "rules involved"},
    "scenario.contains": {"nl": "bevat", "en": "contains"},
    "scenario.excludes": {"nl": "bevat niet", "en": "does not contain"},
    "scenario.equals": {"nl": "is precies", "en": "is exactly"},
    "scenario.a_need_with_this_id": {"nl": "een behoefte met dit id", "en": "a need with this id"},
    "scenario.list_matcher": {"nl": "een lijst-matcher (contains/excludes/equals), niet {matcher}",
                              "en": "a list matcher (contains/excludes/equals), not {matcher}"},
    "scenario.this_timeout": {"nl": "deze time-out", "en": "this time-out"},
    "scenario.unknown_rule": {"nl": "onbekende regel", "en": "unknown rule"},
    "scenario.existing_rule_ids": {"nl": "bestaande regel-ids", "en": "existing rule ids"},
    "scenario.trace": {"nl": "trace (fired/undetermined):", "en": "trace (fired/undetermined):"},
    "scenario.summary": {"nl": "{passed} geslaagd, {failed} mislukt", "en": "{passed} passed, {failed} failed"},
    "scenario.broken_files": {"nl": ", {count} scenariobestand(en) ongeldig",
                                 "en": ", {count} invalid scenario file(s)"},
    "scenario.invalid_file": {"nl": "(ongeldig scenariobestand)", "en": "(invalid scenario file)"},
    # ---- reasons for bridging candidates (in the advice, both languages)
    "bridging.regime_applies": {"nl": "{law}: regime geldt volgens de regels",
                                   "en": "{law}: the regime applies under the rules"},
    "bridging.regime_undetermined": {"nl": "{law}: regime kan gelden; feiten ontbreken of een besluit loopt",
                                     "en": "{law}: the regime may apply; facts are missing or a decision is pending"},
    "bridging.provides": {"nl": "{law}: voorziet in {provision}", "en": "{law}: provides {provision}"},
    "bridging.provides_condition_open": {
        "nl": "{law}: voorziet in {provision} (voorwaarde: {conditions}; niet vastgesteld)",
        "en": "{law}: provides {provision} (condition: {conditions}; not established)"},
    "bridging.goes_before": {"nl": "{law} gaat voor op {other} ({nature})",
                                "en": "{law} goes before {other} ({nature})"},
    "bridging.mandatory": {"nl": "verplicht", "en": "mandatory"},
    "bridging.discretionary": {"nl": "discretionair (kan-bepaling)", "en": "discretionary"},
    "bridging.pointed_to": {"nl": "een weigering verwijst naar {actor}", "en": "a refusal points to {actor}"},
    "bridging.refused": {"nl": "{actor} heeft geweigerd", "en": "{actor} has refused"},
    # ---- signals (pmm-rules signals): the report for systeemleren
    "signals.title": {"nl": "Signalen voor systeemleren", "en": "Signals for system learning (systeemleren)"},
    "signals.summary": {"nl": "{cases} casussen, waarvan {with_collision} ({share}) met ten minste één botsing.",
                        "en": "{cases} cases, of which {with_collision} ({share}) with at least one collision."},
    "signals.by_rule": {"nl": "Terugkerende botsingen per regel", "en": "Recurring collisions by rule"},
    "signals.by_rule_header": {"nl": "| regel | soort | wetten | casussen | aandeel |",
                               "en": "| rule | kind | laws | cases | share |"},
    "signals.by_article": {"nl": "Per artikel", "en": "By article"},
    "signals.by_article_header": {"nl": "| artikel | casussen | aandeel |", "en": "| article | cases | share |"},
    "signals.next_step": {"nl": "Volgende stap in de route", "en": "Next step in the route"},
    "signals.next_step_header": {"nl": "| stap | casussen | aandeel |", "en": "| step | cases | share |"},
    "signals.bridging": {"nl": "Overbrugging mogelijk in {cases} casussen ({share}).",
                         "en": "Bridging possible in {cases} cases ({share})."},
    "signals.financier_header": {"nl": "| waarschijnlijke financier | casussen |",
                                    "en": "| likely financier | cases |"},
    "signals.unreadable": {"nl": "Niet meegeteld: {count} problemen bij het lezen van casussen, {failed} casussen "
                                 "zonder advies (waar: zie stderr).",
                           "en": "Not counted: {count} problems reading cases, {failed} cases without advice "
                                 "(where: see stderr)."},
    "signals.none": {"nl": "geen", "en": "none"},
    "signals.undetermined": {"nl": "onbepaald", "en": "undetermined"},
    "signals.practice": {"nl": "praktijk: {title}", "en": "practice: {title}"},
    "signals.cases": {"nl": "casussen", "en": "cases"},
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
