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
    # ---- the command line: an input set with nothing in it
    "cli.no_cases": {
        "nl": "geen casussen gevonden in {where}: gezocht naar casusbestanden (*.yaml, *.yml, *.json) en JSON "
              "Lines-bestanden (*.jsonl) met ten minste één casus (één per regel)",
        "en": "no cases found in {where}: looked for case files (*.yaml, *.yml, *.json) and JSON Lines files "
              "(*.jsonl) with at least one case (one per line)"},
    "cli.no_files": {
        "nl": "geen bestanden om te controleren in {where}: gezocht naar YAML-bestanden (*.yaml, *.yml) met regels, "
              "een graaf, scenario's of een casus",
        "en": "no files to check in {where}: looked for YAML files (*.yaml, *.yml) with rules, a graph, scenarios "
              "or a case"},
    "cli.no_scenarios": {
        "nl": "geen scenariobestanden gevonden in {where}: gezocht naar YAML-bestanden (*.yaml, *.yml) met een lijst "
              "'scenarios:'",
        "en": "no scenario files found in {where}: looked for YAML files (*.yaml, *.yml) with a 'scenarios:' list"},
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
    "signals.unreadable": {"nl": "Niet meegeteld: {count} problemen bij het lezen van casussen, {failed} casussen "
                                 "zonder advies (waar: zie stderr).",
                           "en": "Not counted: {count} problems reading cases, {failed} cases without advice "
                                 "(where: see stderr)."},
    "signals.none": {"nl": "geen", "en": "none"},
    "signals.undetermined": {"nl": "onbepaald", "en": "undetermined"},
    "signals.practice": {"nl": "praktijk: {title}", "en": "practice: {title}"},
    "signals.cases": {"nl": "casussen", "en": "cases"},
    # ---- the page of `pmm-rules serve` (page.*): buttons, headings and hints a trainer or jurist reads
    "page.title": {"nl": "Maatwerkadvies", "en": "Maatwerk advice"},
    "page.footer": {"nl": "pmm-rules — beslisondersteuning, geen besluit. De bevoegde organisatie beslist.",
                    "en": "pmm-rules — decision support, not a decision. The competent organisation decides."},
    "page.tab.advice": {"nl": "Advies", "en": "Advice"},
    "page.tab.graph": {"nl": "Graaf", "en": "Graph"},
    "page.tab.rules": {"nl": "Regels", "en": "Rules"},
    "page.present": {"nl": "Presentatie", "en": "Presentation"},
    "page.print": {"nl": "Afdrukken", "en": "Print"},
    "page.case": {"nl": "Casus", "en": "Case"},
    "page.example": {"nl": "Voorbeeld", "en": "Example"},
    "page.own_case": {"nl": "Eigen casus plakken of uploaden", "en": "Paste or upload your own case"},
    "page.paste": {"nl": "YAML of JSON", "en": "YAML or JSON"},
    "page.upload": {"nl": "Bestand", "en": "File"},
    "page.advise": {"nl": "Advies", "en": "Advise"},
    "page.whatif": {"nl": "Wat als…", "en": "What if…"},
    "page.whatif_hint": {"nl": "Verander een feit: het advies verandert mee, en wat anders werd, is gemarkeerd.",
                         "en": "Change a fact: the advice follows, and what changed is marked."},
    "page.undo": {"nl": "Ongedaan maken", "en": "Undo"},
    "page.reset": {"nl": "Terug naar het begin", "en": "Back to the start"},
    "page.graph_title": {"nl": "De graaf van deze casus", "en": "The graph of this case"},
    "page.graph_hint": {"nl": "Alleen de wetten, organisaties, voorzieningen en stappen die voor deze casus tellen. "
                              "Dik omrand: de route en wie verantwoordelijk is.",
                        "en": "Only the laws, organisations, provisions and steps that matter for this case. "
                              "Thick borders: the route and who is responsible."},
    "page.run_scenarios": {"nl": "Scenario's draaien", "en": "Run scenarios"},
    "page.run_hint": {"nl": "Plak of upload een scenariobestand (YAML, met de casussen erin); de regels draaien erop.",
                      "en": "Paste or upload a scenario file (YAML, cases inline); the rules run on it."},
    "page.run": {"nl": "Draaien", "en": "Run"},
    "page.token_needed": {"nl": "Deze server vraagt een toegangssleutel.",
                          "en": "This server asks for an access token."},
    "page.problems": {"nl": "Dit kan niet worden gelezen", "en": "This cannot be read"},
    "page.expected": {"nl": "verwacht", "en": "expected"},
    "page.close": {"nl": "Sluiten", "en": "Close"},
    "page.need_of": {"nl": "{provision} voor {member}", "en": "{provision} for {member}"},
    "page.lid": {"nl": "lid", "en": "para."},
    "page.sub": {"nl": "onder", "en": "sub"},
    "page.household": {"nl": "het hele huishouden", "en": "the whole household"},
    "page.changed": {"nl": "gewijzigd", "en": "changed"},
    "page.nothing": {"nl": "niets", "en": "nothing"},
    "page.unknown": {"nl": "onbekend", "en": "unknown"},
    "page.warnings": {"nl": "Let op bij deze invoer", "en": "Mind this input"},
    "page.what_now": {"nl": "Wat nu", "en": "What now"},
    "page.notices": {"nl": "Aandachtspunten", "en": "Points of attention"},
    "page.debt": {"nl": "schuld", "en": "debt"},
    "page.open": {"nl": "nog open", "en": "still open"},
    "page.pays_out": {"nl": "betaalt uit", "en": "pays out"},
    "page.who_acts": {"nl": "Wie pakt het op", "en": "Who acts"},
    "page.prepare": {"nl": "Wat voorbereiden", "en": "What to prepare"},
    "page.creditor": {"nl": "Schuldeiser", "en": "Creditor"},
    "page.instrument": {"nl": "Instrument", "en": "Instrument"},
    "page.term": {"nl": "Termijn", "en": "Term"},
    "page.ask": {"nl": "Aanvragen bij", "en": "Ask"},
    "page.conditions": {"nl": "Voorwaarden", "en": "Conditions"},
    "page.no_timeout": {"nl": "geen time-out voor deze schuldeiser", "en": "no time-out for this creditor"},
    "page.max": {"nl": "ten hoogste", "en": "at most"},
    "page.at": {"nl": "Geldt bij", "en": "Applies to"},
    "page.allows": {"nl": "Wat het artikel toelaat", "en": "What the article allows"},
    "page.in_force": {"nl": "De tekst zoals die gold op {date}", "en": "The text as in force on {date}"},
    "page.answer_in_whatif": {"nl": "Vul dit in bij ‘Wat als…’.", "en": "Answer this under ‘What if…’."},
    "page.fill_in": {"nl": "Aanvullen en opnieuw adviseren", "en": "Fill in and advise again"},
    "page.rules": {"nl": "regels", "en": "rules"},
    "page.questions": {"nl": "{count} vragen", "en": "{count} questions"},
    "page.joined_pmm": {"nl": "Gemeente aangesloten bij PMM", "en": "Gemeente joined PMM"},
    "page.threats": {"nl": "Dreiging", "en": "Threat"},
    "page.member": {"nl": "Gezinslid", "en": "Member"},
    "page.birth_date": {"nl": "Geboortedatum", "en": "Date of birth"},
    "page.age": {"nl": "Leeftijd", "en": "Age"},
    "page.pending": {"nl": "Lopende aanvraag", "en": "Pending application"},
    "page.indications": {"nl": "Indicatie", "en": "Indication"},
    "page.debts": {"nl": "Schulden (fase)", "en": "Debts (stage)"},
    "page.debt_assistance": {"nl": "Schuldhulpverlening", "en": "Debt assistance"},
    "page.attempts": {"nl": "Route: wat is geprobeerd", "en": "Route: what was tried"},
    "page.refusals": {"nl": "Weigeringen (wie weigerde, en wees naar wie)",
                      "en": "Refusals (who refused, pointing to whom)"},
    "page.remove": {"nl": "Weghalen", "en": "Remove"},
    "page.add_refusal": {"nl": "Weigering toevoegen", "en": "Add refusal"},
    "page.laws": {"nl": "Wetten en artikelen", "en": "Laws and articles"},
    "page.article": {"nl": "artikel", "en": "article"},
    "page.no_scenario": {"nl": "geen scenario", "en": "no scenario"},
    "page.scenarios_pass": {"nl": "{total} scenario's, alle geslaagd", "en": "{total} scenarios, all pass"},
    "page.scenarios_failed": {"nl": "{failed} van {total} scenario's mislukt",
                              "en": "{failed} of {total} scenarios fail"},
    "page.where.responsible": {"nl": "verantwoordelijk", "en": "responsible"},
    "page.where.collisions": {"nl": "knelpunten", "en": "collisions"},
    "page.where.escalation.current_step": {"nl": "huidige stap", "en": "current step"},
    "page.where.escalation.next_step": {"nl": "volgende stap", "en": "next step"},
    "page.where.timeouts": {"nl": "time-outs", "en": "time-outs"},
    "page.where.deadlines": {"nl": "termijnen", "en": "deadlines"},
    "page.where.bridging.applicable": {"nl": "overbrugging past", "en": "bridging fits"},
    "page.where.bridging.likely_financier": {"nl": "waarschijnlijke eindfinancier", "en": "likely final financier"},
    "page.where.leeway": {"nl": "ruimte in de wet", "en": "leeway"},
    "page.where.missing_facts": {"nl": "ontbrekende feiten", "en": "missing facts"},
    "page.where.notices": {"nl": "aandachtspunten", "en": "points of attention"},
    # ---- human names of identifiers: name.<kind>.<id>. For every text people read instead of a machine id (the
    # page of `pmm-rules serve`, notes, reports); read them with `name(kind, id, lang)`, which falls back to a
    # default (or the id itself) for an id not listed here. Kinds: law, step, step_status, collision, status,
    # outcome, instrument, provision, actor, creditor, threat, condition, context, debt_stage, debt_assistance,
    # attempt, indication, pending, basis, deadline, edge, node, unit, target, confidence, responsible_status.
    # Law and actor names may also come from vocabulary.yaml (`name:`); the short names here are the ones
    # professionals say. Dutch legal terms stay Dutch in English too.
    "name.law.wmo2015": {"nl": "Wmo 2015", "en": "Wmo 2015 (Social Support Act)"},
    "name.law.jeugdwet": {"nl": "Jeugdwet", "en": "Jeugdwet (Youth Act)"},
    "name.law.zvw": {"nl": "Zorgverzekeringswet", "en": "Zvw (Health Insurance Act)"},
    "name.law.wlz": {"nl": "Wet langdurige zorg", "en": "Wlz (Long-term Care Act)"},
    "name.law.wgs": {"nl": "Wet gemeentelijke schuldhulpverlening", "en": "Wgs (Municipal Debt Assistance Act)"},
    "name.law.fw": {"nl": "Faillissementswet", "en": "Faillissementswet (Bankruptcy Act)"},
    "name.law.rv": {"nl": "Wetboek van Burgerlijke Rechtsvordering", "en": "Rv (Code of Civil Procedure)"},
    "name.law.awb": {"nl": "Algemene wet bestuursrecht", "en": "Awb (General Administrative Law Act)"},
    "name.law.pw": {"nl": "Participatiewet", "en": "Participatiewet (Participation Act)"},
    "name.law.bzv": {"nl": "Besluit zorgverzekering", "en": "Besluit zorgverzekering (Health Insurance Decree)"},
    "name.law.ubwmo2015": {"nl": "Uitvoeringsbesluit Wmo 2015", "en": "Uitvoeringsbesluit Wmo 2015 (decree)"},
    "name.law.wia": {"nl": "Wet WIA", "en": "Wet WIA (Work and Income Act)"},
    "name.law.woos": {"nl": "Wet overige OCW-subsidies", "en": "Wet overige OCW-subsidies (education grants)"},
    "name.step.regulier": {"nl": "Reguliere route", "en": "Regular route (regulier)"},
    "name.step.maatwerkregister": {"nl": "Maatwerkregister", "en": "Maatwerkregister"},
    "name.step.lmm": {"nl": "Landelijk Maatwerkloket (LMM)", "en": "National Maatwerkloket (LMM)"},
    "name.step.let": {"nl": "Landelijk Escalatie Team (LET)", "en": "National Escalation Team (LET)"},
    "name.step_status.opgelost": {"nl": "opgelost", "en": "solved"},
    "name.step_status.vastgelopen": {"nl": "vastgelopen", "en": "stuck"},
    "name.step_status.lopend": {"nl": "loopt", "en": "in progress"},
    "name.step_status.niet_geprobeerd": {"nl": "nog niet geprobeerd", "en": "not tried yet"},
    "name.step_status.niet_beschikbaar": {"nl": "niet beschikbaar", "en": "not available"},
    "name.step_status.volgende": {"nl": "volgende stap", "en": "next step"},
    "name.step_status.ongeldig": {"nl": "ongeldig: deze stap kan nog niet", "en": "invalid: this step is not open yet"},
    "name.collision.gap": {"nl": "Gat: geen regeling dekt de behoefte", "en": "Gap: no regime covers the need"},
    "name.collision.overlap": {"nl": "Overlap: meer regelingen claimen dezelfde behoefte",
                               "en": "Overlap: several regimes claim the same need"},
    "name.collision.deadlock": {"nl": "Patstelling: organisaties wijzen naar elkaar",
                                "en": "Deadlock: organisations point at each other"},
    "name.collision.transition": {"nl": "Overgang: een leeftijdsgrens verandert de regeling",
                                  "en": "Transition: an age limit changes the regime"},
    "name.collision.pending": {"nl": "In afwachting: een toegangsbesluit loopt nog",
                               "en": "Pending: an access decision is still open"},
    "name.status.applies": {"nl": "geldt", "en": "applies"},
    "name.status.excluded": {"nl": "uitgesloten", "en": "excluded"},
    "name.status.undetermined": {"nl": "nog niet te zeggen", "en": "undetermined"},
    "name.responsible_status.applies": {"nl": "vastgesteld", "en": "established"},
    "name.responsible_status.undetermined": {"nl": "nog niet vastgesteld", "en": "not yet established"},
    "name.outcome.fired": {"nl": "geldt", "en": "fired"},
    "name.outcome.not_fired": {"nl": "geldt niet", "en": "not fired"},
    "name.outcome.undetermined": {"nl": "onbepaald", "en": "undetermined"},
    "name.instrument.overbruggingsprocedure": {"nl": "Overbruggingsprocedure",
                                               "en": "Overbruggingsprocedure (bridging)"},
    "name.instrument.stabilisatie": {"nl": "Stabilisatieperiode", "en": "Stabilisation period (stabilisatie)"},
    "name.instrument.pauzeknop": {"nl": "Landelijke Pauzeknop", "en": "National pause button (Pauzeknop)"},
    "name.instrument.cjib_noodstop": {"nl": "CJIB-noodstop", "en": "CJIB emergency stop (noodstop)"},
    "name.instrument.smal_moratorium": {"nl": "Smal moratorium", "en": "Narrow moratorium (smal moratorium)"},
    "name.instrument.breed_moratorium": {"nl": "Breed moratorium", "en": "Broad moratorium (breed moratorium)"},
    "name.instrument.aflospauze": {"nl": "DUO-aflospauze", "en": "DUO repayment pause (aflospauze)"},
    "name.instrument.vish": {"nl": "Verwijsindex Schuldhulpverlening (VISH)", "en": "Debt referral index (VISH)"},
    "name.provision.huishoudelijke_hulp": {"nl": "huishoudelijke hulp", "en": "household help"},
    "name.provision.begeleiding": {"nl": "begeleiding", "en": "daily-living support (begeleiding)"},
    "name.provision.dagbesteding": {"nl": "dagbesteding", "en": "day activities (dagbesteding)"},
    "name.provision.persoonlijke_verzorging": {"nl": "persoonlijke verzorging", "en": "personal care"},
    "name.provision.wijkverpleging": {"nl": "wijkverpleging", "en": "district nursing"},
    "name.provision.beschermd_wonen": {"nl": "beschermd wonen", "en": "sheltered housing (beschermd wonen)"},
    "name.provision.maatschappelijke_opvang": {"nl": "maatschappelijke opvang",
                                               "en": "shelter (maatschappelijke opvang)"},
    "name.provision.jeugdhulp": {"nl": "jeugdhulp", "en": "youth care (jeugdhulp)"},
    "name.provision.jeugd_ggz": {"nl": "jeugd-ggz", "en": "youth mental health care (jeugd-ggz)"},
    "name.provision.ggz": {"nl": "ggz", "en": "mental health care (ggz)"},
    "name.provision.langdurig_verblijf": {"nl": "langdurig verblijf", "en": "long-term residential care"},
    "name.provision.hulpmiddel": {"nl": "hulpmiddel", "en": "aid (hulpmiddel)"},
    "name.provision.woningaanpassing": {"nl": "woningaanpassing", "en": "home adaptation"},
    "name.provision.vervoer": {"nl": "vervoer", "en": "transport"},
    "name.provision.tolkvoorziening": {"nl": "tolkvoorziening", "en": "interpreter (tolkvoorziening)"},
    "name.provision.logeeropvang": {"nl": "logeeropvang", "en": "respite stay (logeeropvang)"},
    "name.provision.schuldhulpverlening": {"nl": "schuldhulpverlening", "en": "debt assistance (schuldhulpverlening)"},
    "name.actor.gemeente": {"nl": "gemeente", "en": "municipality (gemeente)"},
    "name.actor.zorgverzekeraar": {"nl": "zorgverzekeraar", "en": "health insurer (zorgverzekeraar)"},
    "name.actor.zorgkantoor": {"nl": "zorgkantoor", "en": "care office (zorgkantoor)"},
    "name.actor.ciz": {"nl": "CIZ", "en": "CIZ (care needs assessment)"},
    "name.actor.uwv": {"nl": "UWV", "en": "UWV"},
    "name.actor.svb": {"nl": "SVB", "en": "SVB"},
    "name.actor.duo": {"nl": "DUO", "en": "DUO"},
    "name.actor.cak": {"nl": "CAK", "en": "CAK"},
    "name.actor.cjib": {"nl": "CJIB", "en": "CJIB"},
    "name.actor.belastingdienst": {"nl": "Belastingdienst", "en": "Tax Administration (Belastingdienst)"},
    "name.actor.toeslagen": {"nl": "Dienst Toeslagen", "en": "Benefits Agency (Dienst Toeslagen)"},
    "name.actor.rechtbank": {"nl": "rechtbank", "en": "district court (rechtbank)"},
    "name.actor.rijk": {"nl": "Rijk", "en": "central government (Rijk)"},
    "name.creditor.verhuurder": {"nl": "verhuurder", "en": "landlord"},
    "name.creditor.energieleverancier": {"nl": "energieleverancier", "en": "energy supplier"},
    "name.creditor.waterbedrijf": {"nl": "waterbedrijf", "en": "water company"},
    "name.creditor.overig": {"nl": "andere schuldeiser", "en": "other creditor"},
    "name.threat.ontruiming": {"nl": "ontruiming", "en": "eviction"},
    "name.threat.afsluiting_energie": {"nl": "afsluiting van energie", "en": "energy disconnection"},
    "name.threat.afsluiting_water": {"nl": "afsluiting van water", "en": "water disconnection"},
    "name.threat.opzegging_zorgverzekering": {"nl": "opzegging zorgverzekering", "en": "health insurance cancelled"},
    "name.condition.auditieve_beperking": {"nl": "auditieve beperking", "en": "hearing impairment"},
    "name.condition.spraakbeperking": {"nl": "spraakbeperking", "en": "speech impairment"},
    "name.condition.visuele_beperking": {"nl": "visuele beperking", "en": "visual impairment"},
    "name.condition.lichamelijke_beperking": {"nl": "lichamelijke beperking", "en": "physical impairment"},
    "name.condition.verstandelijke_beperking": {"nl": "verstandelijke beperking", "en": "intellectual disability"},
    "name.condition.psychische_stoornis": {"nl": "psychische stoornis", "en": "mental disorder"},
    "name.condition.somatische_aandoening": {"nl": "somatische aandoening", "en": "somatic condition"},
    "name.condition.psychogeriatrische_aandoening": {"nl": "psychogeriatrische aandoening",
                                                     "en": "psychogeriatric condition"},
    "name.condition.verslaving": {"nl": "verslaving", "en": "addiction"},
    "name.context.onderwijs": {"nl": "onderwijs", "en": "education"},
    "name.context.werk": {"nl": "werk", "en": "work"},
    "name.context.leefdomein": {"nl": "leefdomein (vrije tijd, sociaal)", "en": "daily life (leefdomein)"},
    "name.context.thuis": {"nl": "thuis", "en": "home"},
    "name.context.instelling": {"nl": "instelling", "en": "institution"},
    "name.debt_stage.achterstand": {"nl": "achterstand", "en": "arrears"},
    "name.debt_stage.aanmaning": {"nl": "aanmaning", "en": "reminder"},
    "name.debt_stage.dwangbevel": {"nl": "dwangbevel", "en": "writ (dwangbevel)"},
    "name.debt_stage.beslag": {"nl": "beslag", "en": "attachment (beslag)"},
    "name.debt_stage.ontruimingsvonnis": {"nl": "ontruimingsvonnis", "en": "eviction order"},
    "name.debt_assistance.geen": {"nl": "geen", "en": "none"},
    "name.debt_assistance.aangemeld": {"nl": "aangemeld", "en": "registered"},
    "name.debt_assistance.toegelaten": {"nl": "toegelaten", "en": "admitted"},
    "name.debt_assistance.minnelijk_traject": {"nl": "minnelijk traject", "en": "amicable arrangement"},
    "name.debt_assistance.wsnp": {"nl": "Wsnp (wettelijke schuldsanering)", "en": "Wsnp (statutory debt settlement)"},
    "name.attempt.vastgelopen": {"nl": "vastgelopen", "en": "stuck"},
    "name.attempt.lopend": {"nl": "loopt", "en": "in progress"},
    "name.attempt.opgelost": {"nl": "opgelost", "en": "solved"},
    "name.indication.wlz_indicatie": {"nl": "Wlz-indicatie", "en": "Wlz indication"},
    "name.pending.wlz_aanvraag": {"nl": "Wlz-aanvraag loopt", "en": "Wlz application pending"},
    "name.basis.awb:3:2": {"nl": "Awb 3:2 — zorgvuldig onderzoek", "en": "Awb 3:2 — careful inquiry"},
    "name.basis.awb:3:4": {"nl": "Awb 3:4 — belangenafweging en evenredigheid",
                           "en": "Awb 3:4 — weighing of interests, proportionality"},
    "name.basis.awb:3:46": {"nl": "Awb 3:46 — deugdelijke motivering", "en": "Awb 3:46 — sound reasoning"},
    "name.basis.awb:4:84": {"nl": "Awb 4:84 — afwijken van beleidsregels",
                            "en": "Awb 4:84 — departing from policy rules"},
    "name.basis.pw:16": {"nl": "Participatiewet 16 — zeer dringende gevallen",
                         "en": "Participatiewet 16 — very urgent cases"},
    "name.basis.pw:18": {"nl": "Participatiewet 18 — afstemming op de omstandigheden",
                         "en": "Participatiewet 18 — tailoring to the circumstances"},
    "name.basis.bzv:2.14": {"nl": "Besluit zorgverzekering 2.14", "en": "Besluit zorgverzekering 2.14"},
    "name.basis.fw:287a": {"nl": "Faillissementswet 287a — dwangakkoord",
                           "en": "Faillissementswet 287a — forced settlement"},
    "name.deadline.wgs_eerste_gesprek": {"nl": "Wgs: eerste gesprek", "en": "Wgs: first interview"},
    "name.deadline.wgs_besluit_toelating": {"nl": "Wgs: besluit over toelating", "en": "Wgs: decision on admission"},
    "name.deadline.wmo_onderzoek": {"nl": "Wmo: onderzoek na melding", "en": "Wmo: inquiry after notification"},
    "name.deadline.wmo_beschikking": {"nl": "Wmo: beschikking na aanvraag", "en": "Wmo: decision after application"},
    "name.edge.executes": {"nl": "voert uit", "en": "executes"},
    "name.edge.finances": {"nl": "betaalt", "en": "pays"},
    "name.edge.decides_access": {"nl": "beslist over toegang", "en": "decides access"},
    "name.edge.provides": {"nl": "biedt", "en": "provides"},
    "name.edge.precedes": {"nl": "gaat voor op", "en": "goes before"},
    "name.edge.escalates_to": {"nl": "escaleert naar", "en": "escalates to"},
    "name.edge.via": {"nl": "aan te vragen bij", "en": "ask"},
    "name.node.law": {"nl": "Wet", "en": "Law"},
    "name.node.actor": {"nl": "Organisatie", "en": "Organisation"},
    "name.node.provision": {"nl": "Voorziening", "en": "Provision"},
    "name.node.step": {"nl": "Escalatiestap", "en": "Escalation step"},
    "name.node.instrument": {"nl": "PMM-instrument", "en": "PMM instrument"},
    "name.unit.dagen": {"nl": "dagen", "en": "days"},
    "name.unit.days": {"nl": "dagen", "en": "days"},
    "name.unit.weken": {"nl": "weken", "en": "weeks"},
    "name.unit.weeks": {"nl": "weken", "en": "weeks"},
    "name.unit.months": {"nl": "maanden", "en": "months"},
    "name.unit.werkdagen": {"nl": "werkdagen", "en": "working days"},
    "name.target.huishouden": {"nl": "het hele huishouden", "en": "the whole household"},
    "name.confidence.verified": {"nl": "bevestigd", "en": "verified"},
    "name.confidence.likely": {"nl": "waarschijnlijk", "en": "likely"},
    "name.confidence.unverified": {"nl": "onbevestigd", "en": "unverified"},
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


NAME_PREFIX = "name."


def name(kind: str, ident: str | None, lang: Lang = "nl", default: str | None = None) -> str:
    """The human name of an identifier (`name("law", "wmo2015")` is "Wmo 2015"): the label `name.<kind>.<ident>`,
    else `default` (a name from the vocabulary, say), else the identifier itself. `None` gives the empty string."""
    if ident is None:
        return ""
    texts = LABELS.get(f"{NAME_PREFIX}{kind}.{ident}")
    if texts is not None:
        return texts[lang]
    return default if default is not None else ident


@cache
def names(lang: Lang) -> dict[str, dict[str, str]]:
    """Every human name in one language, by kind and identifier: `names("nl")["law"]["wmo2015"]`."""
    out: dict[str, dict[str, str]] = {}
    for key, texts in LABELS.items():
        if key.startswith(NAME_PREFIX):
            kind, _, ident = key[len(NAME_PREFIX):].partition(".")
            out.setdefault(kind, {})[ident] = texts[lang]
    return out
