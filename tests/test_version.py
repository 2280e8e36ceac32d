"""One version everywhere: the package metadata, `pmm-rules --version`, the receipt of every advice, the newest
CHANGELOG entry, the `rev:`/tag the CI examples pin, and the release tag when HEAD carries one."""

from __future__ import annotations

import re
import shutil
import subprocess
from importlib.metadata import version as installed_version

import pytest
import yaml

from pmm_rules import Case, Engine, __version__
from pmm_rules.tools.cli import main
from tests.common import EXAMPLES, ROOT

TAG = f"v{__version__}"


def test_the_cli_says_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out.strip() == f"pmm-rules {__version__}"


def test_the_installed_metadata_is_the_package_version() -> None:
    assert installed_version("pmm-rules") == __version__


def test_every_receipt_names_the_package_version() -> None:
    advice = Engine.default().advise(Case.from_yaml(EXAMPLES / "stemtolk.yaml"))
    assert advice.receipt.engine_version == f"pmm_rules {__version__}"


def test_the_changelog_opens_with_this_version() -> None:
    releases = re.findall(r"^## \[([^\]]+)\]", (ROOT / "CHANGELOG.md").read_text(encoding="utf-8"), re.M)
    assert releases and releases[0] in (__version__, "Unreleased")
    assert __version__ in releases


def test_the_ci_examples_pin_this_release() -> None:
    config = yaml.safe_load((EXAMPLES / "ci" / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [repo["rev"] for repo in config["repos"]] == [TAG]
    workflow = (EXAMPLES / "ci" / "github-workflow.yml").read_text(encoding="utf-8")
    pins = re.findall(r"git\+\S+?@(v[\d.]+)", workflow)
    assert pins == [TAG], "the workflow installs from the repository at the release tag, not from an index"


@pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(), reason="not a git checkout")
def test_a_release_tag_on_this_commit_is_this_version() -> None:
    tags = subprocess.run(["git", "tag", "--points-at", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                          check=False).stdout.split()
    release_tags = [tag for tag in tags if re.fullmatch(r"v\d+\.\d+\.\d+", tag)]
    assert all(tag == TAG for tag in release_tags), f"HEAD is tagged {release_tags}, the package says {__version__}"
