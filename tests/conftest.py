"""Shared fixtures: the bundled engines, the example cases, and a writer for files in a temporary folder."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

from pmm_rules import Engine

from .common import BACKENDS

# Property tests: "ci" (the default, what CI and the README's test command run) tries many examples, in a fixed
# order so a red run can be replayed; "dev" tries a few, for the inner loop:
#     HYPOTHESIS_PROFILE=dev python -m pytest -m "not slow"
settings.register_profile("ci", max_examples=60, derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", max_examples=10, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


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
