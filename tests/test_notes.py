"""The notes people read (advise --format text, markdown, html): written for a wijkteam medewerker or a
schuldhulpverlener, in Dutch by default and in English with --lang en. Names instead of identifiers, no words of
the other language, citations as a jurist writes them, every time-out's conditions and every leeway's limits, and
one paragraph per collision."""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from pmm_rules import Case, Engine
from pmm_rules.labels import LANGUAGES, Lang, name, names
from pmm_rules.model import Advice, Citation
from pmm_rules.render import render_advice
from pmm_rules.render._note import cite_text

from .common import EXAMPLE_CASES, EXAMPLES, PACKAGE

NOTE_FORMATS = ("text", "markdown", "html")
# The bundled examples, and the casussen beside them where a project keeps more.
CASES = EXAMPLE_CASES + sorted((EXAMPLES / "casussen").glob("*.yaml"))


@cache
def _advice(path: Path) -> Advice:
    return Engine.default("reference").advise(Case.from_yaml(path), evaluated_at="2026-01-01T00:00:00+00:00")


def readable(note: str, fmt: str) -> str:
    """What a reader sees: the HTML without its tags and attributes (a link's address is not read), the Markdown
    without its escapes."""
    if fmt == "html":
        note = html.unescape(re.sub(r"<[^>]*>", " ", re.sub(r"<style>.*?</style>|<head>.*?</head>", " ", note,
                                                               flags=re.S)))
    if fmt == "markdown":
        note = re.sub(r"\\(.)", r"\1", note)
    return note


# English words that crept into Dutch notes before (status words, headers, connectors). "via" is Dutch too, and
# the jurists' texts use it as such; the notes no longer use it for "to ask at".
ENGLISH = ["pending", "rules", "score", "undetermined", "applies", "candidate", "candidates", "none", "fired",
           "weights", "likely", "unverified", "verified", "missing facts", "collisions", "needs", "responsible",
           "excluded", "bridging", "leeway", "creditors", "deadlines", "notices", "practice", "receipt", "interim",
           "executed by", "paid by", "points", "still open", "next step", "current step", "warnings"]
# Dutch words of the notes' own (status words, headers) that an English note must not show.
DUTCH = ["geldt", "uitgesloten", "onbepaald", "nog niet te zeggen", "vastgelopen", "volgende stap", "waarschijnlijk",
         "niet geverifieerd", "praktijk", "Behoeften", "Knelpunten", "Verantwoordelijk", "voorlopig", "punten",
         "regels", "Ontbrekende feiten", "Grenzen", "Voorwaarden", "Ruimte in de wet", "Aandachtspunten",
         "Termijnen", "Overbrugging", "peildatum", "Verantwoording", "nog open", "aan te vragen bij", "ten hoogste",
         "Geldt bij", "Betreft", "uitvoering", "betaalt", "Eerste stappen", "Wie pakt het op", "schuldeisers",
         "Waarschijnlijke eindfinancier", "Huidige stap", "gezinslid"]


def _found(words: list[str], text: str, flags: re.RegexFlag = re.IGNORECASE) -> list[str]:
    return [w for w in words if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text, flags=flags)]


def _vocabulary_ids() -> dict[str, list[str]]:
    vocab = yaml.safe_load((PACKAGE / "vocabulary.yaml").read_text(encoding="utf-8"))
    return {"law": list(vocab["laws"]), "actor": list(vocab["actors"]), "step": vocab["escalation_steps"],
            "instrument": vocab["timeout_instruments"] + vocab["bridging_instruments"],
            "provision": vocab["provisions"], "condition": vocab["conditions"], "context": vocab["contexts"],
            "creditor": vocab["creditor_others"], "threat": vocab["threats"], "collision": vocab["collision_kinds"],
            "debt_stage": vocab["debt_stages"], "debt_assistance": vocab["debt_assistance_statuses"],
            "debt_kind": vocab["debt_kinds"], "step_status": vocab["route_step_statuses"],
            "status": vocab["regime_statuses"], "notice": vocab["notices"], "basis": vocab["leeway_bases"],
            "deadline": vocab["deadlines"], "indication": vocab["indications"],
            "pending": vocab["pending_applications"], "attempt": vocab["attempt_outcomes"],
            "law_abbr": list(vocab["laws"])}


def test_every_identifier_a_note_shows_has_a_name_in_both_languages() -> None:
    for kind, ids in _vocabulary_ids().items():
        for lang in LANGUAGES:
            missing = [i for i in ids if i not in names(lang).get(kind, {})]
            assert not missing, f"no {lang} name for {kind}: {missing} (add name.{kind}.<id> to pmm_rules/labels.py)"


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_a_dutch_note_has_no_english_words_and_no_identifiers(path: Path) -> None:
    advice = _advice(path)
    # identifiers the engine writes (the case's own names, such as a need called "rolstoel", are the reader's)
    ids = [c.id for c in advice.collisions] + [c.rule for c in advice.collisions]
    ids += [t.instrument for t in advice.timeouts if "_" in t.instrument] + [n.notice for n in advice.notices]
    ids += [r.law for need in advice.needs for r in need.regimes] + ["lmm", "niet_geprobeerd", "niet_beschikbaar"]
    # (the leeway target "huishouden" is also the plain Dutch word every note uses)
    ids += [lw.basis for lw in advice.leeway] + [lw.target for lw in advice.leeway if lw.target != "huishouden"]
    ids += ["undetermined", "applies"]
    for fmt in NOTE_FORMATS:
        note = readable(render_advice(advice, fmt, "nl"), fmt).replace(advice.case_id, "")
        assert not _found(ENGLISH, note), (fmt, _found(ENGLISH, note))
        shown = [i for i in set(ids) if re.search(rf"(?<![\w./-]){re.escape(i)}(?![\w/-])", note)]
        assert not shown, (fmt, shown)


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_an_english_note_has_no_dutch_status_words(path: Path) -> None:
    advice = _advice(path)
    for fmt in NOTE_FORMATS:
        note = readable(render_advice(advice, fmt, "en"), fmt)
        # the route's own texts (who acts, what to prepare) are written in Dutch only, in the graph, and the
        # titles of practice sources are the publications' own
        titles: list[str | None] = []
        for step in advice.escalation.route:
            titles += [step.acts, step.prepare, *step.figures]
        titles += [c.get("title") for c in _citations(advice.model_dump(mode="json"))]
        for text in sorted((t for t in titles if t), key=len, reverse=True):
            note = note.replace(text, "")
        assert not _found(DUTCH, note), (fmt, _found(DUTCH, note))


def _citations(node: object) -> list[dict[str, object]]:
    if isinstance(node, dict):
        return ([node] if "bwb_id" in node else []) + [c for v in node.values() for c in _citations(v)]
    return [c for v in node for c in _citations(v)] if isinstance(node, list) else []


def _sample(name_: str) -> Path:
    return EXAMPLES / f"{name_}.yaml"


@pytest.mark.parametrize("fmt", NOTE_FORMATS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_note_shows_each_timeouts_conditions_and_each_leeways_limits(fmt: str, lang: Lang) -> None:
    advice = _advice(_sample("schulden_ontruiming"))
    assert advice.timeouts and advice.leeway and all(lw.limits for lw in advice.leeway)
    note = readable(render_advice(advice, fmt, lang), fmt)
    for timeout in advice.timeouts:
        assert name("instrument", timeout.instrument, lang) in note
        for condition in timeout.conditions:
            assert getattr(condition, lang) in note, (timeout.instrument, getattr(condition, lang)[:60])
    for leeway in advice.leeway:
        assert name("basis", leeway.basis, lang) in note
        assert leeway.limits is not None and getattr(leeway.limits, lang) in note, leeway.basis


@pytest.mark.parametrize("fmt", NOTE_FORMATS)
def test_one_paragraph_per_collision_naming_every_need_it_concerns(fmt: str) -> None:
    # The girl of the stemtolk example and her brother, who cannot speak either: one gap, found by one rule, on two
    # needs (the voice interpreter at school).
    data = yaml.safe_load(_sample("stemtolk").read_text(encoding="utf-8"))
    data["members"].append({"id": "broer", "age": 11, "conditions": ["spraakbeperking"]})
    data["needs"].append({"id": "tolk-school-broer", "member": "broer", "provision": "tolkvoorziening",
                          "context": "onderwijs"})
    advice = Engine.default("reference").advise(Case.model_validate(data), evaluated_at="2026-01-01T00:00:00+00:00")
    assert len(advice.collisions) == 2 and len({c.rule for c in advice.collisions}) == 1
    note = readable(render_advice(advice, fmt, "nl"), fmt)
    section = note.split("Knelpunten", 2)[-1].split("Route", 1)[0]
    assert section.count("Gat: geen regeling dekt de behoefte") == 1
    assert section.count(advice.collisions[0].explanation.nl) == 1
    assert "tolkvoorziening voor broer" in section and "tolkvoorziening voor meisje" in section


@pytest.mark.parametrize("fmt", NOTE_FORMATS)
def test_the_notes_say_names_where_the_advice_says_identifiers(fmt: str) -> None:
    deadlock = readable(render_advice(_advice(_sample("hulpmiddel_patstelling")), fmt, "nl"), fmt)
    assert "Patstelling: organisaties wijzen naar elkaar" in deadlock
    assert "Landelijk Escalatie Team (LET)" in deadlock and "Landelijk Maatwerkloket (LMM): vastgelopen" in deadlock
    assert "Zorgverzekeringswet: uitgesloten" in deadlock  # a wheelchair for lasting use (Rzv art 2.12 lid 2)
    debts = readable(render_advice(_advice(_sample("schulden_ontruiming")), fmt, "nl"), fmt)
    assert "Smal moratorium (art. 287b Fw)" in debts and "aan te vragen bij rechtbank" in debts
    assert "Beslag en beslagvrije voet" in debts and "Belastingdienst" in debts
    english = readable(render_advice(_advice(_sample("schulden_ontruiming")), fmt, "en"), fmt)
    assert "Narrow moratorium (smal moratorium, art. 287b Fw)" in english and "to ask district court" in english


def _citation(**fields: object) -> Citation:
    base: dict[str, object] = {"law": "wmo2015", "bwb_id": "BWBR0035362", "article": "2.3.5", "paragraph": None,
                               "url": "https://wetten.overheid.nl/BWBR0035362/2026-11-01#Artikel2.3.5",
                               "kind": "statute"}
    return Citation.model_validate(base | fields)


def test_a_citation_reads_as_a_jurist_writes_it_with_its_confidence_in_the_readers_language() -> None:
    assert cite_text(_citation(paragraph="6")) == "art. 2.3.5 lid 6 Wmo 2015"
    assert cite_text(_citation(paragraph="6"), "en") == "art. 2.3.5 para. 6 Wmo 2015"
    assert cite_text(_citation(law="zvw", article="10", sub="d")) == "art. 10 sub d Zvw"
    assert cite_text(_citation(confidence="likely")) == "art. 2.3.5 Wmo 2015 (waarschijnlijk)"
    assert cite_text(_citation(confidence="unverified")) == "art. 2.3.5 Wmo 2015 (niet geverifieerd)"
    assert cite_text(_citation(confidence="unverified"), "en") == "art. 2.3.5 Wmo 2015 (unverified)"
    practice = _citation(law=None, bwb_id=None, article=None, kind="practice", title="NVVK – De Kennisgeving",
                         url="https://www.nvvk.nl/")
    assert cite_text(practice) == "praktijk: NVVK – De Kennisgeving"
    assert cite_text(practice, "en") == "practice: NVVK – De Kennisgeving"


def test_the_paragraphs_of_one_article_and_the_articles_of_one_law_are_said_once() -> None:
    from pmm_rules.render._note import cites_line, plain

    moratorium = [_citation(law="fw", article="287b", paragraph=str(n)) for n in range(1, 6)]
    moratorium.append(_citation(law="fw", article="305", paragraph="2"))
    assert plain(cites_line(moratorium, "nl")) == "art. 287b leden 1 t/m 5, art. 305 lid 2 Fw"
    assert plain(cites_line(moratorium, "en")) == "art. 287b paras. 1 to 5, art. 305 para. 2 Fw"
    mixed = [_citation(paragraph="6"), _citation(law="zvw", article="10", sub="e", confidence="likely")]
    assert plain(cites_line(mixed, "nl")) == "art. 2.3.5 lid 6 Wmo 2015; art. 10 sub e Zvw (waarschijnlijk)"


def test_the_note_of_a_wlz_wait_cites_the_wmo_as_a_jurist_does() -> None:
    note = render_advice(_advice(_sample("wlz_wachtend")), "text", "nl")
    assert "art. 2.3.5 lid 6 Wmo 2015" in note and "(waarschijnlijk)" in note and "praktijk: " in note


def test_what_if_says_needs_laws_and_rules_by_name() -> None:
    from pmm_rules.load import read_document
    from pmm_rules.tools.whatif import what_if

    engine = Engine.default("reference")
    # A wheelchair for a while, of a kind the Regeling zorgverzekering designates: the Zvw instead of the Wmo.
    result = what_if(engine, read_document(_sample("hulpmiddel_patstelling")),
                     [("needs.rolstoel.aid_duration", "tijdelijk"), ("needs.rolstoel.aid_designated_zvw", True)],
                     evaluated_at="x")
    nl, en = result.render("nl"), result.render("en")
    assert "hulpmiddel voor client: Zorgverzekeringswet: uitgesloten → geldt" in nl
    assert ("verantwoordelijk: Wmo 2015 — uitvoering gemeente, betaalt gemeente → Zorgverzekeringswet — uitvoering "
            "zorgverzekeraar, betaalt zorgverzekeraar") in nl
    assert "waarschijnlijke eindfinancier: — → zorgverzekeraar" in nl
    title = next(r.rule.title for r in engine.rulebase.rules if r.rule.id == "zvw.regime.hulpmiddelenzorg")
    assert f"+ {title} — hulpmiddel voor client [zvw.regime.hulpmiddelenzorg]" in nl  # the id: for explain
    assert not _found(["undetermined", "applies", "needs", "responsible"], nl.split("\n", 1)[1])  # after --set
    assert "Zvw (Health Insurance Act): excluded → applies" in en


def test_the_signals_report_names_kinds_laws_articles_and_steps() -> None:
    from pmm_rules.tools.signals import Signals, render

    signals = Signals()
    for path in CASES:
        signals.add(_advice(path))
    report = render(signals, "markdown", "nl")
    assert "Patstelling: organisaties wijzen naar elkaar | Wmo 2015, Zorgverzekeringswet" in report
    assert "| art. 2.3.2 lid 4 sub f Wmo 2015 |" in report and "| Landelijk Maatwerkloket (LMM) |" in report
    assert not _found(["deadlock", "gap", "lmm", "wmo2015"], re.sub(r"`[^`]*`", "", report), re.NOFLAG)
    assert "wmo2015 art. 2.3.2 lid 4 sub f" in render(signals, "json")  # the keys of the data stay as they were
