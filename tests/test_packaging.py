"""pmm_rules as other projects use it: through pre-commit, as an installed wheel, without a compiler."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .common import EXAMPLES, ROOT

BIN = Path(sys.executable).parent


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.email=proef@example.org", "-c", "user.name=proef", *args], cwd=folder,
                   check=True, capture_output=True)


@pytest.mark.slow
def test_the_pre_commit_hook_blocks_a_bad_rule_file_and_passes_a_good_one_without_args(tmp_path: Path) -> None:
    # A rule repository whose config names the hook without args, as every other hook is used; pre-commit installs
    # pmm_rules from this checkout (try-repo: the working tree, uncommitted changes included) like from a tag.
    repo = tmp_path / "regelrepo"
    (repo / "regels").mkdir(parents=True)
    shutil.copy(EXAMPLES / "ci" / "regels" / "jeugdhulp.yaml", repo / "regels" / "jeugdhulp.yaml")
    (repo / "workflow.yml").write_text("name: ci\non: push\n", encoding="utf-8")  # other YAML: left alone
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "regels")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}

    def hook() -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(BIN / "pre-commit"), "try-repo", str(ROOT), "pmm-rules-validate", "--all-files"],
                              cwd=repo, capture_output=True, text=True, env=env, timeout=900)

    good = hook()
    assert good.returncode == 0, good.stdout + good.stderr
    assert "pmm-rules validate" in good.stdout and "Passed" in good.stdout
    rule = repo / "regels" / "jeugdhulp.yaml"
    rule.write_text(rule.read_text(encoding="utf-8").replace("bwb_id: BWBR0034925", "bwb_id: BWBR0035362", 1),
                    encoding="utf-8")
    git(repo, "add", "-A")  # pre-commit checks what is staged for the commit
    bad = hook()
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout
    assert "bwb-mismatch" in bad.stdout


def _run(command: list[str], cwd: Path, env: dict[str, str] | None = None,
         stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, env=env, input=stdin, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def installed_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from this checkout, installed without extras into a fresh venv with no C compiler in reach:
    the user who runs `pip install pmm-rules` on a machine without build tools. Returns the venv's bin folder."""
    work = tmp_path_factory.mktemp("wheel")
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(work / "dist"), str(ROOT)],
                 cwd=work)
    assert built.returncode == 0, built.stderr
    (wheel,) = (work / "dist").glob("pmm_rules-*.whl")
    venv = work / "venv"
    made = _run([sys.executable, "-m", "venv", str(venv)], cwd=work)
    assert made.returncode == 0, made.stderr
    # CC=/bin/false: any attempt to compile (durable_rules builds from source) fails loudly instead of succeeding.
    env = {**os.environ, "CC": "/bin/false", "CXX": "/bin/false", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    installed = _run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)], cwd=work, env=env)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return venv / "bin"


@pytest.mark.slow
def test_the_installed_wheel_runs_every_command_from_outside_the_tree(installed_wheel: Path, tmp_path: Path) -> None:
    # Nothing of the checkout is in reach: another folder, no PYTHONPATH, the installed command.
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PMM_RULES_TRACEBACK")}
    pmm = str(installed_wheel / "pmm-rules")
    place = tmp_path / "elders"
    place.mkdir()
    shutil.copy(EXAMPLES / "stemtolk.yaml", place / "stemtolk.yaml")
    shutil.copy(EXAMPLES / "schulden_ontruiming.yaml", place / "schulden.yaml")

    located = _run([str(installed_wheel / "python"), "-c", "import pmm_rules; print(pmm_rules.__file__)"], place, env)
    assert str(ROOT) not in located.stdout and "site-packages" in located.stdout, located.stdout

    def ok(*args: str, stdin: str | None = None) -> str:
        result = _run([pmm, *args], place, env, stdin)
        assert result.returncode == 0, f"pmm-rules {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
        assert "Traceback" not in result.stderr
        return result.stdout

    advice = json.loads(ok("advise", "stemtolk.yaml", "--format", "json"))
    assert advice["receipt"]["backend"] == "reference"  # no durable_rules without the extra: the reference decides
    assert advice["needs"]
    assert "Controleer:" not in ok("validate")  # the bundled rules, in their installed place
    tested = ok("test")
    source_tree = _run([str(BIN / "pmm-rules"), "test", "--backend", "reference"], ROOT)
    assert tested.splitlines()[-1] == source_tree.stdout.splitlines()[-1]  # the same scenarios, all passing
    assert " 0 mislukt" in tested
    rule = "wmo.regime.zelfredzaamheid"
    def without_location(text: str) -> list[str]:  # the rule file's path is where each install put it
        return [line for line in text.splitlines() if not line.strip().startswith("bestand:")]

    source = _run([str(BIN / "pmm-rules"), "explain", rule, "--backend", "reference"], ROOT).stdout
    assert without_location(ok("explain", rule)) == without_location(source)  # the same scenarios cover it
    assert ok("graph", "--format", "mermaid").startswith("flowchart")
    assert ok("signals", ".", "--format", "markdown").startswith("# Signalen")
    assert ok("whatif", "stemtolk.yaml", "--set", "members.meisje.age=19")
    assert json.loads(ok("schema", "case"))["title"]
