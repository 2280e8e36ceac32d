"""Shared fixtures: the bundled engines, the example cases, and a writer for files in a temporary folder."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from pmm_rules import Engine
from pmm_rules.evaluate.backends.durable import available as durable_available

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
# The example cases are the YAML files of examples/ that hold a case (a `members:` list).
EXAMPLE_CASES = sorted(p for p in EXAMPLES.glob("*.yaml") if "\nmembers:" in p.read_text(encoding="utf-8"))
BACKENDS = ["reference", *(["durable"] if durable_available() else [])]


@pytest.fixture(scope="session", params=BACKENDS)
def engine(request: pytest.FixtureRequest) -> Engine:
    return Engine.default(backend=request.param)


@pytest.fixture(scope="session")
def reference_engine() -> Engine:
    return Engine.default(backend="reference")


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write a dedented text to a file in a fresh temporary folder and return its path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return _write
