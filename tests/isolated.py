"""Running what may crash or hang in a process of its own: a fresh interpreter, its own process group, an
address-space cap and a timeout after which the whole group gets SIGKILL. A test then sees "signal SIGSEGV" or
"timeout" as an outcome instead of dying with it (durable_rules' C core can segfault, abort, or loop forever
holding the GIL)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent

_PRELUDE = textwrap.dedent("""
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
""")


@dataclass(frozen=True)
class Outcome:
    status: str  # "ok", "exit N", "signal SIGSEGV", "timeout"
    returncode: int | None
    stdout: str
    stderr: str

    def json(self) -> Any:
        """The last line of stdout, read as JSON (the scripts print their result last)."""
        assert self.status == "ok", f"{self.status}\n{self.stderr[-3000:]}"
        return json.loads(self.stdout.strip().splitlines()[-1])


def run_isolated(args: list[str], *, timeout: float = 120, cwd: Path | None = None,
                 input_text: str | None = None) -> Outcome:
    """`args` run with this interpreter (e.g. ["-c", code] or ["-m", "pmm_rules", ...]) in a new session."""
    process = subprocess.Popen([sys.executable, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               stdin=subprocess.PIPE if input_text is not None else subprocess.DEVNULL,
                               text=True, start_new_session=True, cwd=cwd or ROOT)
    try:
        out, err = process.communicate(input_text, timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
        return Outcome("timeout", None, out, err)
    code = process.returncode
    if code < 0:
        return Outcome(f"signal {signal.Signals(-code).name}", code, out, err)
    return Outcome("ok" if code == 0 else f"exit {code}", code, out, err)


def run_code(code: str, *argv: str, timeout: float = 120) -> Outcome:
    return run_isolated(["-c", _PRELUDE + textwrap.dedent(code), *argv], timeout=timeout)


def run_cli(*argv: str, timeout: float = 120, cwd: Path | None = None) -> Outcome:
    return run_isolated(["-m", "pmm_rules", *argv], timeout=timeout, cwd=cwd)


# ---------------------------------------------------------------- rule files for the tests


def rule(rule_id: str, when: Any, *, subject: str = "debt", derive: str | None = None) -> dict[str, Any]:
    """A valid derive rule (any subject) with the condition `when`."""
    return {"id": rule_id, "title": "Een proefregel", "kind": "derive", "subject": subject,
            "sources": [{"law": "wgs", "article": "3", "bwb_id": "BWBR0031331"}], "valid_from": "2015-01-01",
            "when": when, "then": {"derive": derive or rule_id.rsplit(".", 1)[-1]},
            "explanation": {"nl": "Proef.", "en": "Test."}}


def write_rules(path: Path, rules: list[dict[str, Any]]) -> Path:
    path.write_text(yaml.safe_dump({"schema_version": 1, "domain": "proef", "rules": rules}, sort_keys=False,
                                   allow_unicode=True), encoding="utf-8")
    return path


# Evaluates cases with both backends in one process and prints the outcomes per backend as JSON: the reference
# first, so a crash of durable cannot hide what the oracle said.
COMPARE = """
import json, sys
from pmm_rules import Case, Engine
paths, cases = json.loads(sys.argv[1]), json.loads(sys.argv[2])
out = {}
for backend in ("reference", "durable"):
    engine = Engine.from_paths(paths, backend=backend)
    out[backend] = [sorted([rule, key, outcome] for (rule, key), outcome in
                           engine.evaluate(Case.from_data(data)).outcomes.items()) for data in cases]
    print(backend, "done", flush=True)
print(json.dumps(out))
"""


def compare_backends(paths: list[Path], cases: list[dict[str, Any]], timeout: float = 120) -> Outcome:
    return run_code(COMPARE, json.dumps([str(p) for p in paths]), json.dumps(cases), timeout=timeout)
