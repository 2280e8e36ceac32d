"""The pytest plugin is opt-in: installing pmm_rules never changes another project's test suite."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

SCENARIO = """\
schema_version: 1
scenarios:
  - name: een volwassene met begeleiding
    case:
      schema_version: 1
      id: proef
      reference_date: 2026-11-01
      members: [{id: a, age: 40}]
      needs: [{id: b, member: a, provision: begeleiding}]
    expect:
      needs:
        b: {regimes: {jeugdwet: absent}}
"""


def pytest_in(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--co", *args],
                          cwd=folder, capture_output=True, text=True, timeout=120)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Another project's repository that happens to hold a YAML file with 'scenario' in its name."""
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    (tmp_path / "deploy_scenario.yaml").write_text(SCENARIO, encoding="utf-8")
    (tmp_path / "toetsen").mkdir()
    (tmp_path / "toetsen" / "zorg.yaml").write_text(SCENARIO, encoding="utf-8")
    (tmp_path / "test_x.py").write_text("def test_x() -> None:\n    pass\n", encoding="utf-8")
    return tmp_path


@pytest.mark.slow
def test_a_project_that_did_not_ask_gets_only_its_own_tests(project: Path) -> None:
    result = pytest_in(project)
    assert "1 test collected" in result.stdout, result.stdout
    assert "scenario" not in result.stdout


@pytest.mark.slow
def test_the_flag_collects_the_scenario_files_among_the_paths_given(project: Path) -> None:
    result = pytest_in(project, "--pmm-scenarios", "toetsen")
    assert "1 test collected" in result.stdout, result.stdout
    assert "een volwassene met begeleiding" in result.stdout


@pytest.mark.slow
def test_the_ini_option_collects_below_its_paths_only(project: Path) -> None:
    (project / "pytest.ini").write_text(textwrap.dedent("""\
        [pytest]
        pmm_rules_scenarios = toetsen
        """), encoding="utf-8")
    result = pytest_in(project)
    assert "2 tests collected" in result.stdout, result.stdout  # test_x and the scenario in toetsen/
    assert "deploy_scenario.yaml" not in result.stdout
