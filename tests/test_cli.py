"""The `pmm-rules` command as users run it: output formats and exit codes (0 ok, 1 findings, 2 usage)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from pmm_rules.load import shipped_schema as shipped
from pmm_rules.model import SCHEMA_NAMES
from pmm_rules.tools.cli import main

from .common import EXAMPLES
from .test_validator_corpus import VALID_RULE_FILE

Writer = Callable[[str, str], Path]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_console_script_is_installed_and_runs() -> None:
    result = subprocess.run([sys.executable, "-m", "pmm_rules", "--version"], capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout.startswith("pmm-rules ")


# ---------------------------------------------------------------- validate


def test_validate_without_paths_checks_the_bundled_rules_and_finds_them_clean(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate")
    assert code == 0, out
    assert out.strip().endswith("geen problemen gevonden")


def test_validate_exits_1_on_findings_and_names_file_line_and_column(capsys: pytest.CaptureFixture[str],
                                                                    write: Writer) -> None:
    path = write("regel.yaml", VALID_RULE_FILE.replace("ge: 18", "gte: 18"))
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 1
    assert out.startswith(f"{path}:14:30: error[unknown-operator] rules[0].when.all[1].gte: onbekende operator 'gte'")
    assert "tip: bedoel je 'ge'?" in out


def test_validate_speaks_dutch_by_default_and_english_with_lang_en(capsys: pytest.CaptureFixture[str],
                                                                    write: Writer) -> None:
    path = write("regel.yaml", VALID_RULE_FILE.replace("    explanation:", "    explanations:"))
    code, dutch, _ = run(capsys, "validate", str(path))
    assert code == 1
    assert "error[missing-field] rules[0]: verplicht veld 'explanation' ontbreekt" in dutch
    assert "tip: voeg 'explanation: ...' toe" in dutch
    assert dutch.rstrip().split("\n")[-1].startswith("1 bestand(en) gecontroleerd: 2 fout(en)")
    code, english, _ = run(capsys, "validate", "--lang", "en", str(path))
    assert code == 1
    assert "error[missing-field] rules[0]: required field 'explanation' is missing" in english
    assert "hint: add 'explanation: ...'" in english
    assert english.rstrip().split("\n")[-1].startswith("1 file(s) checked: 2 error(s)")
    # the place, the code and the path are the same in both languages
    assert [line.split(": ", 1)[0] for line in dutch.splitlines() if "error[" in line] == \
        [line.split(": ", 1)[0] for line in english.splitlines() if "error[" in line]


def test_validate_exits_2_on_a_path_that_does_not_exist(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "validate", "bestaat/niet.yaml")
    assert code == 2
    assert "no such file or directory: bestaat/niet.yaml" in err


def test_validate_exits_2_on_an_unknown_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["validate", "--format", "xml"])
    assert caught.value.code == 2


@pytest.mark.parametrize("fmt", ["json", "github", "sarif"])
def test_validate_speaks_the_formats_ci_tools_read(capsys: pytest.CaptureFixture[str], write: Writer,
                                                   fmt: str) -> None:
    path = write("regel.yaml", VALID_RULE_FILE.replace("BWBR0035362", "BWBR0034925"))
    code, out, _ = run(capsys, "validate", "--format", fmt, str(path))
    assert code == 1
    if fmt == "json":
        problem = json.loads(out)["problems"][0]
        assert (problem["line"], problem["column"], problem["code"]) == (9, 48, "bwb-mismatch")
    elif fmt == "github":
        assert out.startswith(f"::error file={path},line=9,col=48,title=bwb-mismatch::rules[0].sources[0].bwb_id")
    else:
        sarif = json.loads(out)
        result = sarif["runs"][0]["results"][0]
        assert result["ruleId"] == "bwb-mismatch"
        assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 9, "startColumn": 48}


# ---------------------------------------------------------------- schema


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_schema_prints_the_shipped_json_schema(capsys: pytest.CaptureFixture[str], name: str) -> None:
    code, out, _ = run(capsys, "schema", name)
    assert code == 0
    schema = json.loads(out)
    assert schema == shipped(name)
    jsonschema.Draft202012Validator.check_schema(schema)


# ---------------------------------------------------------------- advise


def test_advise_json_prints_exactly_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "advise", str(EXAMPLES / "stemtolk.yaml"), "--format", "json")
    assert code == 0
    jsonschema.validate(json.loads(out), shipped("advice"))


def test_advise_text_is_a_dutch_note_by_default_and_english_on_request(capsys: pytest.CaptureFixture[str]) -> None:
    _, dutch, _ = run(capsys, "advise", str(EXAMPLES / "stemtolk.yaml"))
    _, english, _ = run(capsys, "advise", str(EXAMPLES / "stemtolk.yaml"), "--lang", "en")
    assert "Beslisondersteuning" in dutch
    assert "Decision support" in english


def test_advise_html_is_one_self_contained_page(capsys: pytest.CaptureFixture[str]) -> None:
    _, page, _ = run(capsys, "advise", str(EXAMPLES / "stemtolk.yaml"), "--format", "html")
    assert page.lstrip().lower().startswith("<!doctype html>")
    assert "<script src" not in page and "<link" not in page


def test_advise_on_an_invalid_case_exits_1_with_every_problem(capsys: pytest.CaptureFixture[str],
                                                              write: Writer) -> None:
    path = write("casus.yaml", """
        schema_version: 1
        id: proef
        reference_date: 2026-11-01
        members:
          - {id: kind, age: leeftijd}
        needs:
          - {id: n1, member: vader, provision: begeleiding}
        """)
    code, out, err = run(capsys, "advise", str(path))
    assert code == 1
    assert out == ""
    assert f"{path}:5:" in err and "members[0].age" in err
    assert f"{path}:7:" in err and "needs[0].member" in err
    assert "Traceback" not in err


def test_advise_on_a_missing_file_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "advise", "geen/casus.yaml")
    assert code == 2
    assert "no such file" in err


@pytest.mark.slow
def test_advise_a_batch_as_json_lines_one_advice_per_case_in_order(capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(EXAMPLES / "stemtolk.yaml"), str(EXAMPLES / "wlz_wachtend.yaml"), str(EXAMPLES / "stemtolk.yaml")]
    code, out, err = run(capsys, "advise", *files, "--format", "jsonl", "--workers", "2", "--backend", "reference")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert [json.loads(line)["case_id"] for line in lines] == [
        "voorbeeld-stemtolk", "voorbeeld-wlz-wachtend", "voorbeeld-stemtolk"]
    for line in lines:
        jsonschema.validate(json.loads(line), shipped("advice"))


def test_advise_a_batch_reports_bad_cases_at_the_end_and_advises_the_others(capsys: pytest.CaptureFixture[str],
                                                                             write: Writer) -> None:
    bad = write("kapot.yaml", "schema_version: 1\nid: kapot\nreference_date: 2026-11-01\nmembers: []\n")
    code, out, err = run(capsys, "advise", str(EXAMPLES / "stemtolk.yaml"), str(bad), "--format", "jsonl")
    assert code == 1
    assert len(out.splitlines()) == 1
    assert f"{bad}:4:" in err and "members" in err


def test_advise_takes_one_case_for_formats_that_hold_one(capsys: pytest.CaptureFixture[str]) -> None:
    for fmt in ("json", "html"):
        code, out, err = run(capsys, "advise", str(EXAMPLES / "stemtolk.yaml"), str(EXAMPLES / "stemtolk.yaml"),
                             "--format", fmt)
        assert (code, out) == (2, "")
        assert "--format jsonl" in err


def test_advise_one_case_as_json_lines_is_the_contract_on_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    _, indented, _ = run(capsys, "advise", str(EXAMPLES / "stemtolk.yaml"), "--format", "json")
    _, line, _ = run(capsys, "advise", str(EXAMPLES / "stemtolk.yaml"), "--format", "jsonl")
    assert line.count("\n") == 1
    one, other = json.loads(line), json.loads(indented)
    one["receipt"].pop("evaluated_at"), other["receipt"].pop("evaluated_at")
    assert one == other


# ---------------------------------------------------------------- whatif, explain, graph


def test_whatif_shows_what_changes_and_which_rules_start_or_stop_firing(capsys: pytest.CaptureFixture[str],
                                                                        write: Writer) -> None:
    case = write("casus.yaml", (EXAMPLES / "schulden_ontruiming.yaml").read_text(encoding="utf-8"))
    code, out, _ = run(capsys, "whatif", str(case), "--set", "debt_assistance.status=geen", "--format", "json")
    assert code == 0
    result = json.loads(out)
    changed = {c["where"] for c in result["changes"]}
    assert "timeouts" in changed
    assert "timeout.smal_moratorium.fw287b.ontruiming" in [r["rule"] for r in result["stopped_firing"]]


def test_whatif_without_a_setting_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "whatif", str(EXAMPLES / "stemtolk.yaml"))
    assert code == 2
    assert "--set" in err


def test_whatif_on_a_member_that_does_not_exist_names_the_ids_that_do(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "whatif", str(EXAMPLES / "stemtolk.yaml"), "--set", "members.vader.age=40")
    assert code == 1
    assert "geen onderdeel met id 'vader' in members (ids: meisje, moeder)" in err


@pytest.mark.slow
def test_explain_prints_the_rule_its_citations_with_links_and_covering_scenarios(
        capsys: pytest.CaptureFixture[str]) -> None:
    from pmm_rules import Engine

    rule = next(r for r in Engine.default("reference").rulebase.rules if r.rule.kind == "timeout")
    code, out, _ = run(capsys, "explain", rule.rule.id, "--backend", "reference")
    assert code == 0
    assert out.startswith(f"{rule.rule.id}: {rule.rule.title}")
    assert "https://" in out
    assert "Scenario's:" in out


def test_explain_an_unknown_rule_suggests_the_closest_id(capsys: pytest.CaptureFixture[str]) -> None:
    from pmm_rules import Engine

    rule_id = Engine.default("reference").rulebase.rules[0].rule.id
    code, _, err = run(capsys, "explain", rule_id + "x", "--backend", "reference")
    assert code == 2
    assert f"bedoel je '{rule_id}'?" in err  # Dutch by default
    code, _, err = run(capsys, "explain", rule_id + "x", "--backend", "reference", "--lang", "en")
    assert f"error: no rule with id '{rule_id}x'; did you mean '{rule_id}'?" in err


@pytest.mark.parametrize("fmt", ["dot", "mermaid", "graphml", "svg"])
def test_graph_exports_every_format_with_the_case_highlighted(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    code, plain, _ = run(capsys, "graph", "--format", fmt)
    assert code == 0
    code, highlighted, _ = run(capsys, "graph", "--format", fmt, "--case", str(EXAMPLES / "stemtolk.yaml"))
    assert code == 0
    assert plain != highlighted
    if fmt == "svg":
        import xml.etree.ElementTree as ET

        ET.fromstring(highlighted)
    if fmt == "graphml":
        import networkx as nx

        graph = nx.read_graphml(__import__("io").BytesIO(highlighted.encode()))
        assert graph.number_of_nodes() > 10


# ---------------------------------------------------------------- signals


def test_signals_report_recurring_collisions_without_any_case_content(capsys: pytest.CaptureFixture[str],
                                                                      tmp_path: Path) -> None:
    import yaml

    lines = []
    for path in sorted(EXAMPLES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "members" in data:
            lines.append(json.dumps(data, default=str))
    (tmp_path / "cases.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, _ = run(capsys, "signals", str(tmp_path / "cases.jsonl"), "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert report["cases"] == len(lines)
    assert report["collisions_by_rule"], "the examples hold collisions"
    assert all(0 < row["share"] <= 1 for row in report["collisions_by_rule"])
    for forbidden in ("Voorbeeldstad", "meisje", "tolk-school"):
        assert forbidden not in out


def test_signals_count_an_unreadable_case_and_exit_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "cases.jsonl").write_text('{"schema_version": 1}\nnot json\n', encoding="utf-8")
    code, out, err = run(capsys, "signals", str(tmp_path / "cases.jsonl"), "--format", "csv")
    assert code == 1
    assert out.startswith("section,key,kind,laws,cases,share")
    assert "cases.jsonl:2" in err
