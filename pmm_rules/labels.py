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
    "warnings": {"nl": "Let op", "en": "Warnings"},
    "table.need": {"nl": "behoefte", "en": "need"},
    "table.provision": {"nl": "voorziening", "en": "provision"},
    "table.regimes": {"nl": "regelingen", "en": "regimes"},
    "notices": {"nl": "Aandachtspunten", "en": "Points of attention"},
    "open": {"nl": "nog open", "en": "still open"},
    "first_actions": {"nl": "Eerste stappen", "en": "First steps"},
    "final_financier": {"nl": "Waarschijnlijke eindfinancier", "en": "Likely final financier"},
    "interim": {"nl": "voorlopig", "en": "for now"},
    "pays_out": {"nl": "betaalt uit", "en": "pays out"},
    "impact.beslissend": {"nl": "beslist wie verantwoordelijk is of over een botsing",
                          "en": "decides who is responsible or a collision"},
    "impact.relevant": {"nl": "verandert het advies", "en": "changes the advice"},
    "impact.aanvullend": {"nl": "aanvullend", "en": "completes it"},
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
    "scenario.this_notice": {"nl": "dit aandachtspunt", "en": "this point of attention"},
    "scenario.unknown_rule": {"nl": "onbekende regel", "en": "unknown rule"},
    "scenario.existing_rule_ids": {"nl": "bestaande regel-ids", "en": "existing rule ids"},
    "scenario.trace": {"nl": "trace (fired/undetermined):", "en": "trace (fired/undetermined):"},
    "scenario.summary": {"nl": "{passed} geslaagd, {failed} mislukt", "en": "{passed} passed, {failed} failed"},
    "scenario.broken_files": {"nl": ", {count} scenariobestand(en) ongeldig",
                                 "en": ", {count} invalid scenario file(s)"},
    "scenario.invalid_file": {"nl": "(ongeldig scenariobestand)", "en": "(invalid scenario file)"},
    # ---- the weights of bridging candidates (in the advice, both languages), each with its legal reason
    "weight.regime_geldt": {"nl": "{law}: de regels stellen vast dat deze wet geldt",
                            "en": "{law}: the rules establish that this law applies"},
    "weight.regime_kandidaat": {
        "nl": "{law}: alleen een besluit buiten de feiten ontbreekt nog (zoals een indicatie van het CIZ)",
        "en": "{law}: only a decision outside the facts is still awaited (such as a CIZ indication)"},
    "weight.regime_open": {"nl": "{law}: deze wet kan gelden; er ontbreken nog feiten",
                           "en": "{law}: this law may apply; facts are still missing"},
    "weight.voorziet": {"nl": "{law}: voorziet volgens de verantwoordelijkheidsgraaf in {provision}; geen regel heeft "
                              "het beoordeeld",
                        "en": "{law}: provides {provision} according to the responsibility graph; no rule assessed "
                              "it"},
    "weight.voorziet_voorwaarde_open": {
        "nl": "{law}: voorziet in {provision}, maar de voorwaarde ({conditions}) is niet vastgesteld",
        "en": "{law}: provides {provision}, but its condition ({conditions}) is not established"},
    "weight.voorrang_verplicht": {
        "nl": "{law} gaat dwingend voor op {other}: de andere regeling hoeft niet te leveren zolang deze geldt",
        "en": "{law} goes before {other}, mandatorily: the other scheme need not provide while this one applies"},
    "weight.voorrang_discretionair": {
        "nl": "{law} gaat voor op {other} via een kan-bepaling: het bestuursorgaan mag, na belangenafweging "
              "(Awb 3:4), naar deze regeling verwijzen; het hoeft niet",
        "en": "{law} goes before {other} through a kan-bepaling: the body may refer to this scheme after weighing "
              "interests (Awb 3:4); it need not"},
    "weight.weigering": {"nl": "{actor} heeft geweigerd: een besluit van een partij, geen bewijs van wat de wet zegt; "
                               "toets het in bezwaar (Awb 3:46); telt niet mee",
                         "en": "{actor} has refused: a party's decision, not evidence of what the law says; test it "
                               "in bezwaar (Awb 3:46); not counted"},
    "weight.verwijzing": {"nl": "een weigering verwijst naar {actor}: een standpunt, geen bewijs van het recht; telt "
                                "niet mee",
                          "en": "a refusal points to {actor}: a position, not evidence of the law; not counted"},
    "bridging.mandatory": {"nl": "verplicht", "en": "mandatory"},
    "bridging.discretionary": {"nl": "discretionair (kan-bepaling)", "en": "discretionary"},
    # ---- who pays in the end
    "final.waits_for_decision": {
        "nl": "{law}: wacht op een besluit (zie 'nog open'); valt dat positief uit, dan betaalt deze wet",
        "en": "{law}: waits for a decision (see 'still open'); if it is positive, this law pays"},
    "final.goes_before": {"nl": "{law} gaat dan voor op {other} ({nature})",
                          "en": "{law} then goes before {other} ({nature})"},
    # ---- the route's first actions
    "route.toegang": {
        "nl": "Meld de behoefte bij de gemeentelijke toegang en vraag om een schriftelijke beschikking, zodat bezwaar "
              "mogelijk is.",
        "en": "Report the need to the municipality's access point and ask for a written decision (beschikking), so "
              "that bezwaar is possible."},
    "route.melding": {"nl": "Doe een melding of aanvraag bij {actor} ({law}).",
                      "en": "Make a report or application to {actor} ({law})."},
    # ---- warnings before the advice
    "warning.peildatum_voor_regels": {
        "nl": "De peildatum {date} ligt vóór de vroegste regel die is vastgelegd; het advies past op deze datum geen "
              "recht toe.",
        "en": "The reference date {date} is before the earliest rule encoded; the advice applies no law on this "
              "date."},
    "warning.peildatum_voor_zorgwetten": {
        "nl": "De peildatum {date} ligt vóór 1 januari 2015. De Wmo 2015, de Jeugdwet en de Wlz golden toen nog niet "
              "(toen: Wmo 2007, AWBZ en Wet op de jeugdzorg, die niet zijn vastgelegd). Het advies past op deze "
              "datum geen zorgrecht toe.",
        "en": "The reference date {date} is before 1 January 2015. The Wmo 2015, Jeugdwet and Wlz did not yet apply "
              "(then: Wmo 2007, AWBZ and Wet op de jeugdzorg, which are not encoded). The advice applies no care law "
              "on this date."},
    "warning.peildatum_voor_schuldregels": {
        "nl": "De peildatum {date} ligt vóór de vroegste schuldregel die is vastgelegd; het advies over schulden is "
              "op deze datum leeg.",
        "en": "The reference date {date} is before the earliest debt rule encoded; the advice on debts is empty on "
              "this date."},
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
    "signals.unreadable": {"nl": "Niet gelezen ({count} problemen)", "en": "Not read ({count} problems)"},
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
