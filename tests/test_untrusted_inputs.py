"""Files, paths and values nobody checked.

A scenario reads only its own cases (point 3); inputs are read with a byte limit and only from regular files
(point 5); structures nested too deep get a clear error, not a RecursionError (point 7); JSON is read as strictly
as YAML (point 8). Anything that could block or crash runs in a process of its own with a timeout.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pmm_rules import Case, Engine
from pmm_rules.errors import InvalidInput
from pmm_rules.load import MAX_FILE_BYTES, case_from_data, load_case, load_scenarios

from .common import EXAMPLES
from .isolated import run_cli

STEMTOLK = (EXAMPLES / "stemtolk.yaml").read_text(encoding="utf-8")
PASSWD_LINE = "root:x:0:0"


def scenario_file(case: str) -> str:
    return f"schema_version: 1\nscenarios:\n  - name: proef\n    case: {case}\n    expect: {{collisions: []}}\n"


# ---------------------------------------------------------------- point 3: a scenario reads only its own cases


@pytest.mark.parametrize("case", ["../../../../../../../../etc/passwd", "/etc/passwd", "link.yaml",
                                  "sub/../../../../../../../../../etc/passwd"])
@pytest.mark.slow
def test_a_scenario_cannot_read_a_file_outside_the_scenario_root(tmp_path: Path, case: str) -> None:
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / "link.yaml").symlink_to("/etc/passwd")
    path = tmp_path / "project" / "s_scenarios.yaml"
    path.write_text(scenario_file(case), encoding="utf-8")
    for command in (["test", str(path)], ["validate", str(path)]):
        result = run_cli(*command, "--backend", "reference", cwd=tmp_path / "project", timeout=60)
        assert result.returncode == 1, (command, result)
        assert "case-path-refused" in result.stdout, result.stdout
        assert PASSWD_LINE not in result.stdout + result.stderr
        assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_the_scenario_root_is_the_working_directory_or_an_explicit_allow_root(tmp_path: Path,
                                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "stemtolk.yaml").write_text(STEMTOLK, encoding="utf-8")
    (tmp_path / "scenarios").mkdir()
    path = tmp_path / "scenarios" / "s_scenarios.yaml"
    path.write_text(scenario_file("../cases/stemtolk.yaml").replace("{collisions: []}",
                                                                     "{escalation: {next_step: maatwerkregister}}"),
                    encoding="utf-8")
    monkeypatch.chdir(tmp_path / "scenarios")
    with pytest.raises(InvalidInput) as refused:
        load_scenarios(path)
    assert [p.code for p in refused.value.problems] == ["case-path-refused"]
    assert len(load_scenarios(path, [tmp_path / "scenarios", tmp_path / "cases"])) == 1
    monkeypatch.chdir(tmp_path)
    assert len(load_scenarios(path)) == 1
    result = run_cli("test", str(path), "--backend", "reference", cwd=tmp_path / "scenarios", timeout=60)
    assert result.returncode == 1 and "case-path-refused" in result.stdout
    result = run_cli("test", str(path), "--backend", "reference", "--allow-root", str(tmp_path / "cases"),
                     cwd=tmp_path / "scenarios", timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_pytest_plugin_keeps_scenarios_below_the_rootdir(pytester: pytest.Pytester) -> None:
    pytester.makefile(".yaml", proef_scenarios=scenario_file("../../../../../../../../../../etc/passwd"))
    result = pytester.runpytest("--pmm-scenarios", "--pmm-backend", "reference")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*case-path-refused*"])
    assert PASSWD_LINE not in result.stdout.str()


pytest_plugins = ["pytester"]


def test_no_message_quotes_the_content_of_a_file_that_is_not_a_case(tmp_path: Path) -> None:
    secret = tmp_path / "geheim.yaml"
    secret.write_text("het wachtwoord is paard-batterij-niet\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as refused:
        load_case(secret)
    shown = str(refused.value)
    assert "paard" not in shown
    assert "het bestand bevat tekst in plaats van een mapping" in shown
    path = tmp_path / "s_scenarios.yaml"
    path.write_text(scenario_file("geheim.yaml"), encoding="utf-8")
    with pytest.raises(InvalidInput) as refused:
        load_scenarios(path, [tmp_path])
    assert "wrong-type" in str(refused.value) and "paard" not in str(refused.value)


@pytest.mark.slow
def test_a_link_out_of_a_rules_folder_is_not_followed(tmp_path: Path) -> None:
    (tmp_path / "regels").mkdir()
    (tmp_path / "regels" / "wachtwoorden.yaml").symlink_to("/etc/passwd")
    result = run_cli("validate", str(tmp_path / "regels"), timeout=60)
    assert result.returncode == 1 and "path-outside-root" in result.stdout, result.stdout
    assert PASSWD_LINE not in result.stdout
    result = run_cli("advise", str(EXAMPLES / "stemtolk.yaml"), "--rules", str(tmp_path / "regels"), timeout=60)
    assert result.returncode == 1 and PASSWD_LINE not in result.stderr + result.stdout


# ---------------------------------------------------------------- point 5: bounded reads


@pytest.mark.slow
@pytest.mark.parametrize("target", ["/dev/zero", "/dev/urandom", "fifo"])
@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_devices_fifos_and_folders_are_refused_quickly_also_behind_a_link(tmp_path: Path, target: str,
                                                                         suffix: str) -> None:
    if target == "fifo":
        os.mkfifo(tmp_path / "fifo")
        target = str(tmp_path / "fifo")
    link = tmp_path / f"casus{suffix}"
    link.symlink_to(target)
    for command in (["advise", str(link)], ["validate", str(link)], ["whatif", str(link), "--set", "threats=[]"],
                    ["advise", str(EXAMPLES / "stemtolk.yaml"), "--rules", str(link)]):
        result = run_cli(*command, "--backend", "reference", timeout=30)
        assert result.status != "timeout", command
        assert result.returncode == 1, (command, result)
        assert "file-not-regular" in result.stdout + result.stderr, (command, result)
        assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_json_cases_have_the_size_limit_of_yaml_files(tmp_path: Path) -> None:
    case = tmp_path / "groot.json"
    case.write_text(json.dumps({"schema_version": 1, "padding": "x" * MAX_FILE_BYTES}), encoding="utf-8")
    result = run_cli("advise", str(case), timeout=60)
    assert result.returncode == 1 and "file-too-large" in result.stderr


@pytest.mark.slow
def test_a_json_lines_line_past_the_size_limit_is_refused_and_the_next_lines_are_advised(tmp_path: Path) -> None:
    good = json.dumps({"schema_version": 1, "id": "goed", "reference_date": "2026-01-01", "members": [{"id": "m"}]})
    (tmp_path / "casussen.jsonl").write_text(good + "\n" + json.dumps({"x": "y" * (MAX_FILE_BYTES + 10)}) + "\n"
                                             + good + "\n", encoding="utf-8")
    result = run_cli("advise", str(tmp_path / "casussen.jsonl"), "--format", "jsonl", "--backend", "reference",
                     timeout=60)
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == 2
    assert "casussen.jsonl:2:1: error[line-too-large]" in result.stderr
    assert len(result.stderr) < 2000


@pytest.mark.slow
def test_an_alias_bomb_in_a_whatif_value_is_refused(tmp_path: Path) -> None:
    bomb = "[" + ", ".join(f"&a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" if i else "&a0 [x, x]"
                           for i in range(9)) + "]"
    result = run_cli("whatif", str(EXAMPLES / "stemtolk.yaml"), "--set", f"threats={bomb}", timeout=30)
    assert result.status != "timeout"
    assert result.returncode == 2 and "groeit uit tot meer dan" in result.stderr, result.stderr


@pytest.mark.slow
def test_error_messages_cut_long_values(tmp_path: Path) -> None:
    case = tmp_path / "casus.yaml"
    case.write_text(STEMTOLK.replace("id: voorbeeld-stemtolk", "id: " + "x" * 1_500_000)
                    .replace("provision: tolkvoorziening", "provision: " + "y" * 100_000, 1), encoding="utf-8")
    result = run_cli("advise", str(case), timeout=60)
    assert result.returncode == 1
    assert "text-too-long" in result.stderr and "not-allowed" in result.stderr
    assert len(result.stderr) < 3000, len(result.stderr)


# ---------------------------------------------------------------- point 7: deep structures


def _nested_condition(depth: int) -> str:
    cond = "{fact: debt.amount_eur, gt: 0}"
    for _ in range(depth):
        cond = "{not: " + cond + "}"
    return cond


@pytest.mark.slow
@pytest.mark.parametrize("depth", [100, 255, 300, 2000])
def test_a_condition_nested_too_deep_gets_a_clear_error(tmp_path: Path, depth: int) -> None:
    path = tmp_path / "regels.yaml"
    path.write_text("schema_version: 1\ndomain: proef\nrules:\n  - id: proef.diep.r\n    title: Diep genest\n"
                    "    kind: derive\n    subject: debt\n"
                    "    sources: [{law: wgs, article: '3', bwb_id: BWBR0031331}]\n"
                    f"    valid_from: 2015-01-01\n    when: {_nested_condition(depth)}\n    then: {{derive: diep}}\n"
                    "    explanation: {nl: x, en: x}\n", encoding="utf-8")
    result = run_cli("validate", str(path), timeout=60)
    assert result.returncode == 1, result.stdout
    assert "-too-deep" in result.stdout or "yaml-syntax" in result.stdout, result.stdout
    assert "Traceback" not in result.stderr and "RecursionError" not in result.stdout + result.stderr


@pytest.mark.slow
def test_a_whatif_path_of_thousands_of_parts_gets_a_clear_error() -> None:
    result = run_cli("whatif", str(EXAMPLES / "stemtolk.yaml"), "--set", "x." * 3000 + "y=1", timeout=60)
    assert result.returncode == 1, result
    assert "delen" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("depth", [100, 1000, 100_000])
def test_a_json_case_nested_deep_gets_a_clear_error(tmp_path: Path, depth: int) -> None:
    case = tmp_path / "casus.json"
    case.write_text('{"schema_version": 1, "x": ' + "[" * depth + "]" * depth + "}", encoding="utf-8")
    result = run_cli("advise", str(case), timeout=60)
    assert result.returncode == 1 and "too-deep" in result.stderr, result.stderr[-2000:]
    assert "Traceback" not in result.stderr


def test_python_data_that_refers_to_itself_is_refused_not_a_recursion_error() -> None:
    data: dict[str, object] = {"schema_version": 1, "id": "x", "reference_date": "2026-01-01", "members": []}
    data["municipality"] = data
    with pytest.raises(InvalidInput) as refused:
        case_from_data(data)
    assert "too-deep" in {p.code for p in refused.value.problems}


# ---------------------------------------------------------------- point 8: JSON like YAML


@pytest.mark.slow
def test_duplicate_keys_in_a_json_case_are_refused_as_in_yaml(tmp_path: Path) -> None:
    case = tmp_path / "casus.json"
    case.write_text('{"schema_version": 1, "id": "a", "id": "b", "reference_date": "2026-01-01", '
                    '"members": [{"id": "m", "age": 40, "age": 4}]}', encoding="utf-8")
    with pytest.raises(InvalidInput) as refused:
        load_case(case)
    assert sorted((p.code, ".".join(map(str, p.path))) for p in refused.value.problems) == [
        ("json-duplicate-key", "id"), ("json-duplicate-key", "members.0.age")]
    (tmp_path / "casussen.jsonl").write_text(case.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    result = run_cli("advise", str(tmp_path / "casussen.jsonl"), "--format", "jsonl", timeout=60)
    assert result.returncode == 1 and "casussen.jsonl:1:1: error[json-duplicate-key]" in result.stderr


@pytest.mark.parametrize("amount", [float("inf"), float("-inf"), float("nan")])
def test_non_finite_numbers_never_reach_a_case_nor_any_output(amount: float) -> None:
    data = {"schema_version": 1, "id": "x", "reference_date": "2026-01-01", "members": [{"id": "m"}],
            "debts": [{"id": "d", "creditor": "cjib", "amount_eur": amount}]}
    with pytest.raises(InvalidInput) as refused:
        Case.from_data(data)
    assert [p.code for p in refused.value.problems] == ["number-not-finite"]
    with pytest.raises(ValueError, match="finite"):
        Case.model_validate(data)


@pytest.mark.parametrize("amount", [20000000000000000, 2e16, 1e-5, 5e-324, 1.7976931348623157e308, 0.1 + 0.2])
def test_extreme_finite_amounts_give_the_same_json_everywhere(amount: float) -> None:
    case = Case.from_data({"schema_version": 1, "id": "x", "reference_date": "2026-01-01",
                           "members": [{"id": "m"}], "debts": [{"id": "d", "creditor": "cjib", "amount_eur": amount}]})
    assert json.loads(case.to_json())["debts"][0]["amount_eur"] == float(amount)
    for backend in ("reference", *(["durable"] if Engine.default().backend_name == "durable" else [])):
        engine = Engine.default(backend)
        line = engine.advise_json(case, evaluated_at="x")
        assert line == engine.advise(case, evaluated_at="x").to_json(indent=None)
        assert "Infinity" not in line and "NaN" not in line
