"""pmm_rules as other projects use it: through pre-commit, as an installed wheel, without a compiler."""

from __future__ import annotations

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
