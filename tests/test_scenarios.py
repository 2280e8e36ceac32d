"""Scenario files: jurists state a case and the parts of the advice they expect; no Python involved."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from pmm_rules.load import bundled_scenario_paths
from pmm_rules.tools.cli import main

from .common import EXAMPLES

pytest_plugins = ["pytester"]
Writer = Callable[[str, str], Path]

# Case paths are relative to the scenario file and stay below the folder pmm-rules runs in (docs/security.md):
# each test works in a fresh folder holding a copy of the example cases.
SCENARIOS = """
    schema_version: 1
    scenarios:
      - name: stemtolk gaat via het Maatwerkregister
        case: examples/stemtolk.yaml
        expect:
          escalation: {next_step: maatwerkregister}
      - name: bewust verkeerd verwachte stap
        case: examples/stemtolk.yaml
        expect:
          escalation: {next_step: let}
    """


def copy_examples(folder: Path) -> None:
    (folder / "examples").mkdir(exist_ok=True)
    for case in EXAMPLES.glob("*.yaml"):
        shutil.copy(case, folder / "examples" / case.name)


@pytest.fixture(autouse=True)
def _in_a_folder_with_the_examples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy_examples(tmp_path)
    monkeypatch.chdir(tmp_path)


@pytest.mark.slow
def test_the_bundled_scenarios_cover_at_least_a_hundred_situations() -> None:
    import yaml

    total = sum(len(yaml.safe_load(p.read_text(encoding="utf-8"))["scenarios"]) for p in bundled_scenario_paths())
    assert total >= 100


def test_pmm_rules_test_reports_a_failing_scenario_in_dutch_with_expected_and_actual(
        write: Writer, capsys: pytest.CaptureFixture[str]) -> None:
    path = write("proef_scenarios.yaml", SCENARIOS)
    code = main(["test", str(path), "--backend", "reference"])
    out = capsys.readouterr().out
    assert code == 1
    assert "FOUT" in out and "bewust verkeerd verwachte stap" in out
    assert "escalation.next_step: verwacht let, gekregen maatwerkregister" in out
    assert out.strip().endswith("1 geslaagd, 1 mislukt")


def test_pmm_rules_test_with_lang_en_reports_the_same_failure_in_english(
        write: Writer, capsys: pytest.CaptureFixture[str]) -> None:
    path = write("proef_scenarios.yaml", SCENARIOS)
    code = main(["test", str(path), "--backend", "reference", "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 1
    assert "FAIL" in out and "bewust verkeerd verwachte stap" in out
    assert "escalation.next_step: expected let, got maatwerkregister" in out
    assert out.strip().endswith("1 passed, 1 failed")


def test_a_scenario_file_with_a_bad_case_path_is_reported_in_dutch_or_in_english(
        write: Writer, capsys: pytest.CaptureFixture[str]) -> None:
    path = write("kapot_scenarios.yaml", """
        schema_version: 1
        scenarios:
          - name: verwijst naar een casus die er niet is
            case: bestaat-niet.yaml
            expect: {escalation: {next_step: lmm}}
        """)
    assert main(["test", str(path), "--backend", "reference"]) == 1
    dutch = capsys.readouterr().out
    assert "FOUT" in dutch and "error[case-missing] scenarios[0].case: casusbestand 'bestaat-niet.yaml' bestaat " \
                                "niet" in dutch
    assert "tip: een casuspad is relatief aan het scenariobestand" in dutch
    assert "1 scenariobestand(en) ongeldig" in dutch
    assert main(["test", str(path), "--backend", "reference", "--lang", "en"]) == 1
    english = capsys.readouterr().out
    assert "error[case-missing] scenarios[0].case: case file 'bestaat-niet.yaml' does not exist" in english
    assert "hint: a case path is relative to the scenario file" in english
    assert "1 invalid scenario file(s)" in english


def test_pmm_rules_test_filters_with_k_and_passes(write: Writer, capsys: pytest.CaptureFixture[str]) -> None:
    path = write("proef_scenarios.yaml", SCENARIOS)
    assert main(["test", str(path), "-k", "Maatwerkregister", "--backend", "reference"]) == 0
    assert capsys.readouterr().out.strip().endswith("1 geslaagd, 0 mislukt")


def test_pmm_rules_test_verbose_shows_the_trace_of_a_failing_scenario(write: Writer,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = write("proef_scenarios.yaml", SCENARIOS)
    main(["test", str(path), "-k", "verkeerd", "--verbose", "--backend", "reference"])
    out = capsys.readouterr().out
    assert "trace" in out and "fired" in out


def test_a_broken_scenario_file_is_reported_not_a_traceback(write: Writer, capsys: pytest.CaptureFixture[str]) -> None:
    path = write("kapot_scenarios.yaml", """
        schema_version: 1
        scenarios:
          - name: verkeerde verwachting
            case: bestaat-niet.yaml
            expect: {escalation: {volgende: lmm}}
        """)
    assert main(["test", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:" in out and "Traceback" not in out


def test_pytest_collects_scenario_files_as_test_items(pytester: pytest.Pytester) -> None:
    copy_examples(pytester.path)
    pytester.makefile(".yaml", proef_scenarios=SCENARIOS)
    result = pytester.runpytest("--pmm-scenarios", "--pmm-backend", "reference")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*escalation.next_step: verwacht let, gekregen maatwerkregister*"])


def test_pytest_reports_scenario_failures_in_english_with_pmm_lang_en(pytester: pytest.Pytester) -> None:
    copy_examples(pytester.path)
    pytester.makefile(".yaml", proef_scenarios=SCENARIOS)
    result = pytester.runpytest("--pmm-scenarios", "--pmm-backend", "reference", "--pmm-lang", "en")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*escalation.next_step: expected let, got maatwerkregister*"])


def test_pytest_reports_an_invalid_scenario_file_in_dutch(pytester: pytest.Pytester) -> None:
    pytester.makefile(".yaml", kapot_scenarios="""
        schema_version: 1
        scenarios:
          - name: verwijst naar een casus die er niet is
            case: bestaat-niet.yaml
            expect: {escalation: {next_step: lmm}}
        """)
    result = pytester.runpytest("--pmm-scenarios", "--pmm-backend", "reference")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*casusbestand 'bestaat-niet.yaml' bestaat niet*",
                                 "*tip: een casuspad is relatief aan het scenariobestand*"])


def test_a_misspelt_identifier_in_an_expectation_is_reported_not_silently_passed(write: Writer) -> None:
    from pmm_rules.load import check_paths

    path = write("typo_scenarios.yaml", """
        schema_version: 1
        scenarios:
          - name: geen breed moratorium
            case: examples/schulden_na_toelating.yaml
            expect:
              timeouts: {excludes: [breed_moratorim]}
              escalation: {next_step: maatwerkregistr}
              timeout_terms: {cjib_noodstp: {max_months: 4}}
        """)
    problems = check_paths([path]).problems
    summary = [(p.line, p.code, p.text("hint", "en")) for p in problems]
    assert summary == [(6, "unknown-identifier", "did you mean 'breed_moratorium'?"),
                       (7, "unknown-identifier", "did you mean 'maatwerkregister'?"),
                       (8, "unknown-identifier", "did you mean 'cjib_noodstop'?")]
    assert main(["test", str(path), "--backend", "reference"]) == 1


def test_time_out_terms_read_an_instrument_asked_through_several_parties_as_one(
        write: Writer, capsys: pytest.CaptureFixture[str]) -> None:
    write("schulden_na_toelating.yaml", (EXAMPLES / "schulden_na_toelating.yaml").read_text(encoding="utf-8"))
    path = write("regeling_scenarios.yaml", """
        schema_version: 1
        scenarios:
          - name: Belastingdienst en DUO — twee betalingsregelingen, één verwachting
            case: schulden_na_toelating.yaml
            expect:
              timeouts: {contains: [betalingsregeling]}
              timeout_terms: {betalingsregeling: {via: duo, creditors: {equals: [belastingdienst, duo]}}}
          - name: bewust fout — via de gemeente
            case: schulden_na_toelating.yaml
            expect:
              timeout_terms: {betalingsregeling: {via: gemeente}}
        """)
    assert main(["test", str(path), "--backend", "reference", "--allow-root", str(path.parent)]) == 1
    out = capsys.readouterr().out
    assert out.strip().endswith("1 geslaagd, 1 mislukt")
    assert "timeout_terms.betalingsregeling.via: verwacht gemeente, gekregen [belastingdienst, duo]" in out


def test_first_actions_compare_actor_and_law_in_every_list_matcher(write: Writer) -> None:
    path = write("eerste_stap_scenarios.yaml", """
        schema_version: 1
        scenarios:
          - name: schuld, niets geprobeerd — aanmelden bij de gemeente
            case:
              schema_version: 1
              id: eerste-stap
              reference_date: 2026-11-01
              members: [{id: m, age: 40}]
              debts: [{id: d, creditor: belastingdienst, stage: aanmaning}]
              debt_assistance: {status: geen}
              attempts: []
            expect:
              escalation: {next_step: regulier, first_actions: {equals: [gemeente/wgs], excludes: [gemeente/pw]}}
        """)
    assert main(["test", str(path), "--backend", "reference"]) == 0


def test_scenarios_can_pin_down_terms_of_deadlines_and_time_outs_and_leeway_targets(
        write: Writer, capsys: pytest.CaptureFixture[str]) -> None:
    path = write("termijnen_scenarios.yaml", """
        schema_version: 1
        scenarios:
          - name: ontruiming — termijnen en noodstop
            case: examples/schulden_ontruiming.yaml
            expect:
              deadline_terms: {wgs_eerste_gesprek: 3 werkdagen}
              timeout_terms: {cjib_noodstop: {max_months: 4, extension_months: 8, creditors: {contains: [cjib]}}}
          - name: stemtolk — Awb-ruimte gericht op de lacune per behoefte
            case: examples/stemtolk.yaml
            expect:
              leeway_targets: {"awb:3:4": {equals: [tolk-school/gap]}}
          - name: bewust fout — vier weken
            case: examples/schulden_ontruiming.yaml
            expect:
              deadline_terms: {wgs_eerste_gesprek: 4 weken}
        """)
    assert main(["test", str(path), "--backend", "reference"]) == 1
    out = capsys.readouterr().out
    assert out.strip().endswith("2 geslaagd, 1 mislukt")
    assert "deadline_terms.wgs_eerste_gesprek: verwacht 4 weken, gekregen 3 werkdagen" in out
