"""What the validator and the scenario runs say is said in Dutch, and in English on request: every message, hint
and expected value comes from the one label table, with nothing left untranslated and nothing of pydantic's,
PyYAML's or Python's own English showing through. Codes, places and paths never depend on the language."""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from pathlib import Path

import pytest

from pmm_rules.codes import PROBLEM_CODES
from pmm_rules.errors import InvalidInput, Problem, msg
from pmm_rules.labels import PROBLEM_LABELS
from pmm_rules.load import case_from_data, check_paths
from pmm_rules.load._dates import iso_date

from .test_validator_corpus import MISTAKES, VALID_RULE_FILE

Writer = Callable[[str, str], Path]

# Codes whose text is passed on from outside the validator and the scenario runs: the service's request errors and
# the reason the engine gives for a case it could not advise.
PASSED_ON = {"request-invalid", "not-advised"}

# English words that have no place in a Dutch sentence of ours (identifiers such as valid_to or need are written
# with underscores or stand in quotes, and do not count).
ENGLISH = re.compile(r"\b(the|is not|does not|must|should|cannot|did you mean|required|unknown|allowed|expected|"
                     r"found|input|valid|number|text|only|write|remove|add|missing|value|field|file|line|rule|"
                     r"rules|exactly|needs|error|Input should|Value error)\b")


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _without_quoted(text: str) -> str:
    """The words of a message, without what it quotes (values and identifiers) and without its placeholders."""
    text = re.sub(r"'[^']*'|`[^`]*`|\{[^}]*\}|<[^>]*>|\b\w+_\w+\b|\w+\.\w+|\bpmm-rules\b|--[\w-]+|\b\w+:", "", text)
    return re.sub(r"\b(true|false|null|kind|then|subject|set|need|case|debt|derive|regime|precedes|contains|"
                  r"not_contains|exists|statute|regulation|practice|YAML|JSON|UTF-8|KiB|MiB|BWB|https)\b", "", text)


@pytest.mark.parametrize("key", sorted(PROBLEM_LABELS))
def test_every_problem_label_says_the_same_in_dutch_and_english(key: str) -> None:
    texts = PROBLEM_LABELS[key]
    assert set(texts) == {"nl", "en"}
    assert _placeholders(texts["nl"]) == _placeholders(texts["en"]), "both languages fill the same values"
    assert not ENGLISH.search(_without_quoted(texts["nl"])), f"English left in the Dutch of {key}: {texts['nl']}"


@pytest.mark.parametrize("code", sorted(set(PROBLEM_CODES) - PASSED_ON))
def test_every_code_of_the_catalogue_has_its_messages_in_dutch_and_english(code: str) -> None:
    keys = [k for k in PROBLEM_LABELS if k == f"problem.{code}" or k.startswith(f"problem.{code}.")]
    assert keys, f"no message for {code} in pmm_rules/labels.py"
    for key in keys:
        sample = {name: f"<{name}>" for name in _placeholders(PROBLEM_LABELS[key]["en"])}
        problem = Problem.from_text("regels/x.yaml", 3, 5, code, msg(key, **sample), ("rules", 0),
                                    hint=msg("says.did_you_mean", guess="ge"))
        dutch, english = problem.render("nl"), problem.render("en")
        assert dutch != english
        for text in (dutch, english):
            assert "{" not in text.replace("{{", "") and "<" + "}" not in text
            assert text.startswith(f"regels/x.yaml:3:5: error[{code}] rules[0]: ")
        assert not ENGLISH.search(_without_quoted(problem.message)), dutch
        assert problem.as_dict("en")["message"] == PROBLEM_LABELS[key]["en"].format(**sample)


@pytest.mark.parametrize("mistake", MISTAKES, ids=[m.name for m in MISTAKES])
def test_each_mistake_of_the_corpus_is_told_in_dutch_by_default(mistake: object, write: Writer) -> None:
    path = write("regel.yaml", VALID_RULE_FILE.replace(mistake.old, mistake.new, 1))  # type: ignore[attr-defined]
    problems = check_paths([path]).problems
    assert problems
    for problem in problems:
        assert set(problem.texts) >= {"message"}, "every text the validator writes is a message of the table"
        for part in ("message", "expected", "hint"):
            dutch = problem.text(part, "nl")  # type: ignore[arg-type]
            if dutch:
                assert not ENGLISH.search(_without_quoted(dutch)), f"{part}: {dutch}"
        assert problem.as_dict("en")["message"] == problem.text("message", "en")


def test_pydantic_and_python_never_speak_through() -> None:
    bad = {"schema_version": 1, "id": "x", "reference_date": "31-12-2024",
           "members": [{"id": "a", "age": "oud", "birth_date": "2010/12/31"}, {"id": "b", "age": -3}],
           "needs": [{"id": "n", "member": "a", "provision": "begeleiding", "urgent": "misschien"}]}
    with pytest.raises(InvalidInput) as refused:
        case_from_data(bad)
    for lang in ("nl", "en"):
        shown = refused.value.render(lang)  # type: ignore[arg-type]
        for leak in ("Input should", "Value error", "Field required", "validation error", "type=", "invalid "
                     "character", "fromisoformat"):
            assert leak not in shown, shown


def test_a_date_in_the_wrong_form_is_told_with_the_iso_form_in_a_case() -> None:
    with pytest.raises(InvalidInput) as refused:
        case_from_data({"schema_version": 1, "id": "x", "reference_date": "2024-01-01",
                        "members": [{"id": "a", "birth_date": "31-12-2010"}]})
    [problem] = refused.value.problems
    assert (problem.code, problem.message, problem.hint) == (
        "date-form", "datum '31-12-2010' heeft niet de vorm JJJJ-MM-DD", "schrijf 2010-12-31")
    assert problem.text("hint", "en") == "write 2010-12-31"


def test_a_date_in_the_wrong_form_is_told_in_a_graph_file(write: Writer) -> None:
    path = write("graaf.yaml", """\
schema_version: 1
nodes:
  - {id: wmo2015, type: law}
  - {id: gemeente, type: actor}
edges:
  - {from: gemeente, to: wmo2015, type: executes, valid_from: 2015/01/01}
""")
    problems = check_paths([path]).problems
    assert [(p.line, p.code, p.hint) for p in problems] == [(6, "date-form", "schrijf 2015-01-01")]


@pytest.mark.parametrize(("written", "iso"), [
    ("1-1-2015", "2015-01-01"), ("31-12-2010", "2010-12-31"), ("2015/01/01", "2015-01-01"),
    ("1.2.2015", "2015-02-01"), ("13/02/2015", "2015-02-13"), ("2015.2.1", "2015-02-01"),
    ("01/02/2015", None),  # 1 February or 2 January: no guess
    ("31-02-2015", None), ("2015", None), ("morgen", None),
])
def test_a_date_is_read_into_the_iso_form_only_when_it_can_be_read_one_way(written: str, iso: str | None) -> None:
    assert iso_date(written) == iso


@pytest.mark.parametrize(("lid", "hint"), [("een", "schrijf lid: 1"), ("derde", "schrijf lid: 3"),
                                           ("lid 2", "schrijf lid: 2"), ("a", None)])
def test_a_lid_that_is_no_number_is_caught_with_the_number_it_names(lid: str, hint: str | None,
                                                                    write: Writer) -> None:
    path = write("regel.yaml", VALID_RULE_FILE.replace("lid: 3,", f"lid: {lid},"))
    [problem] = check_paths([path]).problems
    assert problem.code == "lid-form"
    assert problem.hint == (hint or "schrijf het nummer van het lid, zoals lid: 2; laat lid weg als het hele "
                                    "artikel geldt")


@pytest.mark.parametrize("lid", ["1", "2a", "10"])
def test_a_lid_number_with_or_without_a_letter_is_fine(lid: str, write: Writer) -> None:
    path = write("regel.yaml", VALID_RULE_FILE.replace("lid: 3,", f"lid: '{lid}',"))
    assert check_paths([path]).problems == []


@pytest.mark.parametrize(("law", "bwb", "good", "bad", "hint"), [
    ("wmo2015", "BWBR0035362", "2.3.5", "2:3",
     "Wet maatschappelijke ondersteuning 2015 nummert artikelen als hoofdstuk.paragraaf.artikel, zoals 2.3.5"),
    ("wlz", "BWBR0035917", "3.2.1", "3.2",
     "Wet langdurige zorg nummert artikelen als hoofdstuk.paragraaf.artikel, zoals 3.2.1"),
    ("jeugdwet", "BWBR0034925", "2.3", "2:3",
     "Jeugdwet nummert artikelen als hoofdstuk.artikel, zoals 2.3; bedoel je 2.3?"),
    ("awb", "BWBR0005537", "4:84", "4.84",
     "Algemene wet bestuursrecht nummert artikelen als hoofdstuk:artikel, zoals 4:84; bedoel je 4:84?"),
    ("zvw", "BWBR0018450", "18c", "art. 10",
     "Zorgverzekeringswet nummert artikelen als een doorlopend nummer, soms met een letter, zoals 10; bedoel je 10?"),
    ("pw", "BWBR0015703", "35", "3.5", None),
    ("fw", "BWBR0001860", "287b", "287 b", None),
    ("wgs", "BWBR0031331", "4a", "4:a", None),
])
def test_an_article_number_in_another_law_s_style_is_told_the_law_s_own(law: str, bwb: str, good: str, bad: str,
                                                                        hint: str | None, write: Writer) -> None:
    def problems(article: str) -> list[Problem]:
        source = f"{{law: {law}, article: '{article}', bwb_id: {bwb}}}"
        text = VALID_RULE_FILE.replace("{law: wmo2015, article: 2.3.5, lid: 3, bwb_id: BWBR0035362}", source)
        return check_paths([write("regel.yaml", text)]).problems

    assert problems(good) == []
    [problem] = problems(bad)
    assert (problem.code, problem.path[-1]) == ("article-form", "article")
    if hint is not None:
        assert problem.hint == hint


@pytest.mark.slow
def test_the_bundled_rules_graph_and_scenarios_validate_clean() -> None:
    from pmm_rules.load import bundled_paths, bundled_scenario_paths

    assert check_paths([*bundled_paths(), *bundled_scenario_paths()]).problems == []


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_json_and_sarif_reports_change_only_their_words_with_the_language(fmt: str, write: Writer) -> None:
    import json

    from pmm_rules.render import render_problems

    path = write("regel.yaml", VALID_RULE_FILE.replace("valid_from: 2015-01-01", "valid_from: 1-1-2015"))
    problems = check_paths([path]).problems
    dutch = json.loads(render_problems(problems, fmt, files=1))  # type: ignore[arg-type]
    english = json.loads(render_problems(problems, fmt, files=1, lang="en"))  # type: ignore[arg-type]

    def words(report: dict[str, object]) -> list[str]:
        if fmt == "json":
            return [p["message"] for p in report["problems"]]  # type: ignore[attr-defined,index]
        return [r["message"]["text"] for r in report["runs"][0]["results"]]  # type: ignore[index]

    if fmt == "json":  # the message alone; path, expected and hint have fields of their own
        assert words(dutch) == ["datum '1-1-2015' heeft niet de vorm JJJJ-MM-DD"]
        assert words(english) == ["date '1-1-2015' is not in the form YYYY-MM-DD"]
    else:
        assert words(dutch) == ["rules[0].valid_from: datum '1-1-2015' heeft niet de vorm JJJJ-MM-DD "
                                "(verwacht: een datum (JJJJ-MM-DD)) Tip: schrijf 2015-01-01"]
        assert words(english) == ["rules[0].valid_from: date '1-1-2015' is not in the form YYYY-MM-DD "
                                  "(expected a date (YYYY-MM-DD)) Hint: write 2015-01-01"]

    def skeleton(report: object) -> object:
        """The report with its words left out: the same in both languages."""
        if isinstance(report, dict):
            return {k: skeleton(v) for k, v in report.items()
                    if k not in ("message", "expected", "hint", "text", "markdown", "shortDescription",
                                 "fullDescription", "help")}
        if isinstance(report, list):
            return [skeleton(v) for v in report]
        return report

    assert skeleton(dutch) == skeleton(english)
