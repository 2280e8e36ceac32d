"""The runnable examples in examples/, run the way their users run them: each one must work and show what it claims.

- embed.py: a case system embeds the library (responsible per need, next step, the JSON contract, InvalidInput);
- scenarios/: a jurist's scenario file, run by `pmm-rules test` and collected by pytest through the plugin;
- whatif_sessie.sh: a trainer's what-if session;
- ci/: a rule repository's CI job (GitHub workflow, pre-commit hooks) on a valid rule and on a deliberate mistake.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from pmm_rules import Case, Engine
from pmm_rules.load import shipped_schema as shipped

from .common import BACKENDS, BUNDLED_CASES, EXAMPLE_CASES, EXAMPLES, ROOT

BIN = Path(sys.executable).parent  # the environment's bin folder, where the pmm-rules script is installed
CI = EXAMPLES / "ci"


def run(args: list[str], cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def pmm_rules(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return run([str(BIN / "pmm-rules"), *args], cwd=cwd)


# ---------------------------------------------------------------- embed.py


@pytest.mark.slow
def test_embed_prints_who_is_responsible_per_need_and_writes_the_json_contract(tmp_path: Path) -> None:
    output = tmp_path / "advies.json"
    result = run([sys.executable, str(EXAMPLES / "embed.py"), str(output)], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "case crm-2026-0042 (reference date 2026-11-01)"
    assert "  huishouden (huishoudelijke_hulp): wmo2015: executor gemeente, financier gemeente" in lines
    assert ("  verzorging (persoonlijke_verzorging): zvw: executor zorgverzekeraar, financier zorgverzekeraar"
            in lines)
    assert "  rolstoel (hulpmiddel): no responsible regime yet [deadlock]" in lines
    assert "next step: maatwerkregister" in lines

    advice = json.loads(output.read_text(encoding="utf-8"))
    jsonschema.validate(advice, shipped("advice"))
    assert advice["case_id"] == "crm-2026-0042"
    assert [n["need"] for n in advice["needs"]] == ["huishouden", "rolstoel", "verzorging"]


@pytest.mark.slow
def test_embed_shows_every_problem_of_an_invalid_case_with_its_path(tmp_path: Path) -> None:
    result = run([sys.executable, str(EXAMPLES / "embed.py"), str(tmp_path / "advies.json")], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "case crm-2026-0043 refused (3 problems):" in out
    assert "  members[0].age: getal -1 valt buiten het bereik (verwacht: minstens 0)" in out
    assert "  needs[3].member: 'partner' is niet het id van een lid van het huishouden (leden: client)" in out
    assert "  needs[3].provision: tekst 'taxi' is hier niet toegestaan (verwacht: een van: " in out


# ---------------------------------------------------------------- scenarios/


SCENARIO_FILE = EXAMPLES / "scenarios" / "voorbeeld_scenarios.yaml"


def scenario_count() -> int:
    return len(yaml.safe_load(SCENARIO_FILE.read_text(encoding="utf-8"))["scenarios"])


@pytest.mark.slow
@pytest.mark.parametrize("backend", BACKENDS)
def test_example_scenarios_pass_with_pmm_rules_test(backend: str) -> None:
    result = pmm_rules("test", "--verbose", "--backend", backend, "examples/scenarios")
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[-1] == f"{scenario_count()} geslaagd, 0 mislukt"
    assert ("ok    examples/scenarios/voorbeeld_scenarios.yaml:28: wlz wachtend, maar het CIZ heeft geïndiceerd"
            in result.stdout)


@pytest.mark.slow
def test_example_scenarios_are_collected_and_pass_as_pytest_items() -> None:
    result = run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "examples/scenarios"])
    assert result.returncode == 0, result.stdout
    assert re.search(rf"\b{scenario_count()} passed\b", result.stdout), result.stdout


@pytest.mark.slow
def test_an_example_scenario_that_expects_the_wrong_step_fails_in_the_jurists_words(tmp_path: Path) -> None:
    # The scenario file is real test material: change one expectation and it fails, naming what and why. The
    # changed copy sits where the original does relative to the example cases (case paths stay below the folder
    # pmm-rules runs in: docs/security.md).
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    wrong = tmp_path / "examples" / "scenarios" / "fout_scenarios.yaml"
    wrong.write_text(SCENARIO_FILE.read_text(encoding="utf-8").replace(
        "{current_step: maatwerkregister, next_step: lmm}", "{current_step: maatwerkregister, next_step: let}"),
        encoding="utf-8")
    result = pmm_rules("test", str(wrong), cwd=tmp_path)
    assert result.returncode == 1
    assert "  escalation.next_step: verwacht let, gekregen lmm" in result.stdout
    assert result.stdout.splitlines()[-1] == f"{scenario_count() - 1} geslaagd, 1 mislukt"


# ---------------------------------------------------------------- whatif_sessie.sh


@pytest.mark.slow
def test_whatif_session_runs_and_shows_what_the_room_should_see(tmp_path: Path) -> None:
    # Run from elsewhere: the script finds the example cases next to itself.
    result = run(["bash", str(EXAMPLES / "whatif_sessie.sh")], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.count("\nWat als ") == 5
    # The 18th birthday moves past the six months: the transition collision and its rule disappear.
    assert "Wat als members.jongere.birth_date = 2010-02-15?" in out
    assert ("  - Overgang op 18 — jeugd-ggz gaat naar de Zvw — jeugd-ggz voor jongere [jeugdwet.transitie.ggz_naar_zvw]"
            in out)
    assert ("  jeugd-ggz voor jongere: verantwoordelijk: Jeugdwet — uitvoering gemeente, betaalt gemeente → "
            "Zorgverzekeringswet — uitvoering zorgverzekeraar, betaalt zorgverzekeraar") in out
    # Not connected to PMM: straight to the LMM.
    assert "  volgende stap: Maatwerkregister → Landelijk Maatwerkloket (LMM)" in out
    # Admitted to debt assistance: the breed moratorium (Wgs 5) joins; the smal moratorium against the eviction stays.
    assert "    + Breed moratorium (art. 5 Wgs)" in out and "[timeout.breed_moratorium.wgs5]" in out
    assert "Smal moratorium (art. 287b Fw)" not in out and "[timeout.smal_moratorium.fw287b.ontruiming]" not in out
    # CIZ decided: the Wlz applies and the zorgkantoor is responsible.
    assert ("  langdurig verblijf voor mevrouw: verantwoordelijk: — → Wet langdurige zorg — uitvoering zorgkantoor, "
            "betaalt zorgkantoor") in out


# ---------------------------------------------------------------- ci/


@pytest.mark.slow
def test_the_ci_rule_folder_is_valid() -> None:
    result = pmm_rules("validate", "examples/ci/regels")
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == "1 bestand(en) gecontroleerd, geen problemen gevonden"


@pytest.mark.slow
def test_a_mistake_in_the_ci_rule_folder_fails_with_a_github_annotation(tmp_path: Path) -> None:
    regels = tmp_path / "regels"
    shutil.copytree(CI / "regels", regels)
    rule_file = regels / "jeugdhulp.yaml"
    good = "{law: jeugdwet, article: '2.3', lid: 1, bwb_id: BWBR0034925}"
    text = rule_file.read_text(encoding="utf-8")
    assert good in text
    # The classic slip: the BWB id of the Wmo 2015 under a Jeugdwet article.
    rule_file.write_text(text.replace(good, good.replace("BWBR0034925", "BWBR0035362")), encoding="utf-8")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if good in t)

    result = pmm_rules("validate", "--format", "github", "regels/", cwd=tmp_path)
    assert result.returncode == 1
    annotations = [t for t in result.stdout.splitlines() if t.startswith("::error ")]
    assert len(annotations) == 1, result.stdout
    assert annotations[0].startswith(f"::error file=regels/jeugdhulp.yaml,line={line},col=")
    assert "title=bwb-mismatch::rules[0].sources[1].bwb_id: BWB-id BWBR0035362 is niet het id van Jeugdwet" \
        in annotations[0]


def workflow_commands() -> list[str]:
    workflow = yaml.safe_load((CI / "github-workflow.yml").read_text(encoding="utf-8"))
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    return [step["run"] for step in steps if step.get("run", "").startswith("pmm-rules ")]


@pytest.mark.slow
def test_the_github_workflow_validates_with_annotations_and_runs_the_scenarios() -> None:
    commands = workflow_commands()
    assert commands[0].startswith("pmm-rules validate --format github regels/")
    assert commands[1].startswith("pmm-rules test ")
    for command in commands:
        result = run(shlex.split(command), cwd=CI)
        assert result.returncode == 0, f"{command}\n{result.stdout}{result.stderr}"
    assert "2 geslaagd, 0 mislukt" in run(shlex.split(commands[1]), cwd=CI).stdout


@pytest.mark.slow
def test_the_pre_commit_config_uses_the_shipped_hooks_and_they_pass() -> None:
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    config = yaml.safe_load((CI / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    used = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert [h["id"] for h in used] == ["pmm-rules-validate", "pmm-rules-test"]
    files = sorted(str(p.relative_to(CI)) for p in CI.rglob("*.y*ml"))
    for hook in used:
        definition = hooks[hook["id"]]
        assert definition["types"] == ["yaml"] and definition.get("pass_filenames", True)
        # What pre-commit runs: the hook's entry, the args of the config, then the YAML files it passes.
        command = [*shlex.split(definition["entry"]), *hook.get("args", []), *files]
        result = run(command, cwd=CI)
        assert result.returncode == 0, f"{command}\n{result.stdout}{result.stderr}"


# ---------------------------------------------------------------- docs/tutorial.md


TUTORIAL = ROOT / "docs" / "tutorial.md"


@pytest.mark.slow
def test_the_tutorials_rule_and_scenarios_give_the_output_it_shows(tmp_path: Path) -> None:
    # The tutorial's files, written where a jurist would put them, next to (a copy of) the example cases: a
    # scenario reads case files below the folder pmm-rules runs in, never through a link out of it.
    doc = TUTORIAL.read_text(encoding="utf-8")
    rule, scenarios, third_scenario = re.findall(r"```yaml\n(.*?)```", doc, flags=re.S)[:3]
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    rule_file = tmp_path / "mijn-regels" / "jeugdhulp.yaml"
    scenario_file = tmp_path / "mijn-scenarios" / "jeugdhulp_scenarios.yaml"
    rule_file.parent.mkdir()
    scenario_file.parent.mkdir()
    scenario_file.write_text(scenarios, encoding="utf-8")

    def shown(*args: str, code: int) -> None:
        result = pmm_rules(*args, cwd=tmp_path)
        assert result.returncode == code, result.stdout + result.stderr
        assert f"$ pmm-rules {' '.join(args)}\n{result.stdout}```" in doc, result.stdout

    for mistake, code in (("", 0), ("article: 2.3,", 1), ("fact: member.leeftijd,", 1)):
        text = rule
        if mistake == "article: 2.3,":
            text = rule.replace("article: '2.3',", mistake)
        elif mistake:
            text = rule.replace("fact: member.age,", mistake)
        rule_file.write_text(text, encoding="utf-8")
        shown("validate", "mijn-regels/", code=code)
    shown("validate", "--format", "github", "mijn-regels/", code=1)

    rule_file.write_text(rule, encoding="utf-8")
    shown("test", "--rules", "mijn-regels/", "mijn-scenarios/", code=0)
    shown("test", "-v", "--rules", "mijn-regels/", "mijn-scenarios/", code=0)
    shown("explain", "voorbeeld.jeugdwet.jeugdhulp_minderjarig", "--rules", "mijn-regels/", "--scenarios",
          "mijn-scenarios/", code=0)
    scenario_file.write_text(scenarios + "\n" + third_scenario, encoding="utf-8")
    shown("test", "--rules", "mijn-regels/", "mijn-scenarios/", code=1)
    shown("test", "-v", "--rules", "mijn-regels/", "mijn-scenarios/", "-k", "begeleiding", code=1)


@pytest.mark.slow
def test_the_tutorials_pictures_are_current() -> None:
    # docs/img is what `pmm-rules graph` draws now; regenerate with the commands in the tutorial.
    # The built-in layout: Graphviz, which `--layout auto` uses where installed, differs between its versions.
    for name, args in (("graaf.svg", ["--format", "svg", "--layout", "builtin"]),
                       ("stemtolk.svg", ["--format", "svg", "--layout", "builtin", "--case", "examples/stemtolk.yaml"]),
                       ("graaf.mmd", ["--format", "mermaid"])):
        result = pmm_rules("graph", *args)
        assert result.returncode == 0, result.stderr
        assert result.stdout == (ROOT / "docs" / "img" / name).read_text(encoding="utf-8"), \
            f"docs/img/{name} is stale: pmm-rules graph {' '.join(args)} -o docs/img/{name}"
        assert f"img/{name}" in TUTORIAL.read_text(encoding="utf-8")


# ---------------------------------------------------------------- docs/api.md


def test_the_api_docs_snippets_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    doc = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    quick_start, _batch, bad_case, collisions, determinism, _logging = re.findall(r"```python\n(.*?)```", doc, re.S)
    ns: dict[str, object] = {}
    exec(quick_start, ns)

    payload = {"schema_version": 1, "id": "x", "reference_date": "2026-11-01", "members": [{"id": "a", "age": -1}]}
    ns.update(payload=payload, request_id="r1")
    exec(bad_case, ns)
    assert ns["problems"] == [{"path": "members[0].age", "problem": "getal -1 valt buiten het bereik",
                               "expected": "minstens 0"}]

    assert ns["engine"] is Engine.default()
    ns["advice"] = Engine.default().advise(Case.from_yaml(EXAMPLES / "hulpmiddel_patstelling.yaml"))
    exec(collisions, ns)
    assert ns["kinds"] == ["deadlock"]

    ns["case"] = Case.from_yaml(EXAMPLES / "stemtolk.yaml")
    exec(determinism, ns)


def test_the_package_ships_the_example_cases_as_they_are_in_examples() -> None:
    # The bundled scenarios and the page of `pmm-rules serve` read the copies inside the package (an installed
    # package has no examples/ folder). After changing a case in examples/, copy it:
    #     cp examples/<case>.yaml pmm_rules/scenarios/cases/
    shipped = {p.name: p.read_text(encoding="utf-8") for p in BUNDLED_CASES.glob("*.yaml")}
    assert shipped == {p.name: p.read_text(encoding="utf-8") for p in EXAMPLE_CASES}
