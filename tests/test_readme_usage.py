"""The README's "Using it" section runs as written: every command line of its shell blocks, in a copy of the
examples (some write files) with a home folder of its own (the completion lines write there), exits 0.

`pmm-rules serve` runs until it is stopped, on a fixed port another program may hold: it is started with a free
port added (`--port N`), must answer its page at `/`, and is then stopped. Without the serve extra (FastAPI,
uvicorn) that one line is skipped, saying so.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .common import ROOT

pytestmark = pytest.mark.slow


def usage_lines() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Using it\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, flags=re.DOTALL)
    return [line for block in blocks for line in block.splitlines() if line.strip()]


LINES = usage_lines()


def test_the_usage_section_shows_the_commands() -> None:
    commands = {m.group(1) for line in LINES for m in [re.search(r"pmm-rules (\w+)", line)] if m}
    assert {"advise", "validate", "test", "whatif", "explain", "graph", "signals", "schema", "serve",
            "completion"} <= commands


@pytest.fixture
def workplace(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A copy of examples/ to run in, `pmm-rules` on the PATH as this Python's, and a home folder of its own."""
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "pmm-rules"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m pmm_rules "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}", HOME=str(home), PYTHONPATH=str(ROOT))
    return tmp_path, env


@pytest.mark.parametrize("line", [line for line in LINES if not line.startswith("pmm-rules serve")])
def test_each_usage_line_runs(workplace: tuple[Path, dict[str, str]], line: str) -> None:
    folder, env = workplace
    # Lines that need an earlier one (`mkdir -p`) run after it, as a reader would type them.
    before = LINES[:LINES.index(line)]
    setup = [b for b in before if b.startswith("mkdir ")]
    script = "set -e\n" + "".join(f"{b}\n" for b in setup) + line + "\n"
    result = subprocess.run(["bash", "-c", script], cwd=folder, env=env, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, f"{line}\n{result.stderr[-2000:]}"
    assert "Traceback" not in result.stderr


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_the_serve_line_serves_the_page(workplace: tuple[Path, dict[str, str]]) -> None:
    pytest.importorskip("fastapi", reason="pmm-rules serve needs the serve extra: pip install 'pmm-rules[serve]'")
    pytest.importorskip("uvicorn", reason="pmm-rules serve needs the serve extra: pip install 'pmm-rules[serve]'")
    folder, env = workplace
    [line] = [line for line in LINES if line.startswith("pmm-rules serve")]
    port = _free_port()
    command = line.split("#", 1)[0].strip() + f" --port {port}"
    server = subprocess.Popen(["bash", "-c", f"exec {command}"], cwd=folder, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    assert response.status == 200
                    break
            except OSError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                assert time.monotonic() < deadline, "pmm-rules serve did not answer within a minute"
                time.sleep(0.3)
    finally:
        server.terminate()
        server.wait(timeout=30)
