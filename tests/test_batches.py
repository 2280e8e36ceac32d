"""Batches: one bad case never sinks a batch, a signal stops it cleanly, and the
signals report is aggregate only.

A case that cannot be read, or that the engine cannot advise (a date past year 9999 in date arithmetic, a worker
process that dies), is listed on stderr with its file, line and reason; the other cases are advised, in order,
and the exit code says some failed. SIGTERM or SIGINT during `advise --workers N` stops the workers, leaves only
whole lines on stdout and exits 143 or 130 with one line on stderr.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, ClassVar

import pytest
import yaml

from pmm_rules import Case, Engine
from pmm_rules.evaluate import register_backend, unregister_backend
from pmm_rules.evaluate.backends.reference import ReferenceBackend, ReferenceSession
from pmm_rules.load import load_rulebase

from .common import EXAMPLE_CASES, EXAMPLES, ROOT
from .isolated import run_cli


def example(index: int = 0, **changes: Any) -> dict[str, Any]:
    data = yaml.safe_load(EXAMPLE_CASES[index % len(EXAMPLE_CASES)].read_text(encoding="utf-8"))
    data = json.loads(json.dumps(data, default=str))
    data.update(changes)
    return dict(data)


def far_future() -> dict[str, Any]:
    # months until 18 of someone born in 9990: the birthday falls in year 10008, which Python's dates do not have
    data = json.loads(json.dumps(yaml.safe_load((EXAMPLES / "stemtolk.yaml").read_text(encoding="utf-8")),
                                 default=str))
    data.update(id="toekomst", reference_date="9999-12-31",
                members=[{"id": "meisje", "birth_date": "9990-02-28",
                          "conditions": ["spraakbeperking"]}, {"id": "moeder", "age": 38}])
    return dict(data)


BAD_LINES = [
    ("year 9999", json.dumps(far_future())),
    ("nested 1,000 deep", '{"schema_version": 1, "id": "diep", "x": ' + "[" * 1000 + "]" * 1000 + "}"),
    ("5,000 digits", '{"schema_version": 1, "id": "lang", "members": [{"id": "m", "age": ' + "9" * 5000 + "}]}"),
    ("not UTF-8", '{"schema_version": 1, "id": "caf\xe9"}'),
]


ADVISED = ["goed-0", "toekomst", "goed-1", "goed-2", "goed-3", "laatste"]


def batch_file(tmp_path: Path) -> tuple[Path, int]:
    """Good cases with a bad one after each; the bad line of "not UTF-8" holds a Latin-1 byte. The case of year
    9999 is a valid case: it is advised (it used to end the batch with a ValueError from date arithmetic)."""
    lines: list[bytes] = []
    for i, (_, bad) in enumerate(BAD_LINES):
        lines.append(json.dumps(example(i, id=f"goed-{i}")).encode())
        lines.append(bad.encode("latin-1") if "\xe9" in bad else bad.encode())
    lines.append(json.dumps(example(0, id="laatste")).encode())
    path = tmp_path / "casussen.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path, len(ADVISED)


@pytest.mark.slow
@pytest.mark.parametrize("workers", ["1", "2"])
def test_bad_cases_are_listed_and_the_others_are_advised(tmp_path: Path, workers: str) -> None:
    path, good = batch_file(tmp_path)
    result = run_cli("advise", str(path), "--format", "jsonl", "--workers", workers, "--backend", "reference")
    assert result.returncode == 1, result.stderr
    ids = [json.loads(line)["case_id"] for line in result.stdout.splitlines()]
    assert ids == ADVISED, result.stderr
    assert len(ids) == good
    # each bad line on stderr with its file and line and a reason; the year-9999 case is advised (it is a case)
    for number in (4, 6, 8):
        assert f"{path}:{number}:" in result.stderr, result.stderr
    assert "too-deep" in result.stderr and "number-too-large" in result.stderr and "file-encoding" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_date_past_year_9999_in_date_arithmetic_is_advised(engine: Engine) -> None:
    advice = engine.advise(Case.from_data(far_future()))
    assert advice.reference_date == "9999-12-31"


@pytest.mark.slow
def test_signals_still_reports_over_a_batch_with_bad_cases(tmp_path: Path) -> None:
    path, good = batch_file(tmp_path)
    for workers in ("1", "2"):
        result = run_cli("signals", str(path), "--format", "json", "--workers", workers, "--backend", "reference")
        assert result.returncode == 1, result.stderr
        report = json.loads(result.stdout)
        assert report["cases"] == good and report["unreadable"] == 3


# ---------------------------------------------------------------- a worker that dies


class DyingSession(ReferenceSession):
    def run(self, rules: Any, stratum: int, subjects: Any) -> Any:
        if any(key == "need:sterf" for key, _, _ in subjects):
            os.kill(os.getpid(), signal.SIGKILL)
        return super().run(rules, stratum, subjects)


class DyingBackend(ReferenceBackend):
    """The reference backend, except that its process dies on a need with id `sterf` (a worker killed by the
    kernel for its memory, or crashed in a C extension)."""

    name: ClassVar[str] = "stervend"

    def session(self) -> DyingSession:
        return DyingSession(self.tests)


@pytest.mark.slow
def test_a_worker_that_dies_costs_only_the_case_it_was_advising() -> None:
    from pmm_rules.engine import CaseFailure

    register_backend("stervend", f"{__name__}:DyingBackend")
    try:
        engine = Engine(load_rulebase(), "stervend")
        cases = [Case.from_data(example(i, id=f"c{i}")) for i in range(12)]
        doomed = example(0, id="noodlot")
        doomed["needs"] = [*doomed["needs"], {"id": "sterf", "member": doomed["members"][0]["id"],
                                              "provision": "begeleiding"}]
        cases.insert(5, Case.from_data(doomed))
        results = list(engine.advise_each_json(cases, workers=2, chunksize=3))
    finally:
        unregister_backend("stervend")
    assert [r.case_id if isinstance(r, CaseFailure) else json.loads(r)["case_id"] for r in results] == \
        [c.id for c in cases]
    failures = [r for r in results if isinstance(r, CaseFailure)]
    assert [f.case_id for f in failures] == ["noodlot"]
    assert "worker process" in failures[0].reason


# ---------------------------------------------------------------- signals


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_stops_the_workers_and_leaves_whole_lines(tmp_path: Path, sig: signal.Signals, code: int) -> None:
    path = tmp_path / "veel.jsonl"
    path.write_text("".join(json.dumps(example(i, id=f"c{i}")) + "\n" for i in range(4000)), encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "pmm_rules", "advise", str(path), "--format", "jsonl",
                                "--workers", "2", "--backend", "reference"], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, start_new_session=True, bufsize=0)  # unbuffered: readline
                               # takes one line, communicate the rest
    try:
        assert process.stdout is not None
        first = process.stdout.readline()  # advice is flowing: the workers are busy
        assert first
        workers = _children(process.pid)
        assert len(workers) >= 2, workers
        if sig == signal.SIGINT:
            os.killpg(process.pid, sig)  # Ctrl-C reaches the whole foreground group, workers too
        else:
            process.send_signal(sig)  # a service manager stops the main process
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == code, err
    lines = (first + out).decode().splitlines()
    for line in lines:  # every line whole
        assert line.startswith("{") and line.endswith("}"), (len(line), line[:100], line[-100:])
        assert json.loads(line)["case_id"]
    assert len(lines) < 4000
    message = err.decode()
    assert message.count("\n") == 1 and "Traceback" not in message, message
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers), "orphaned worker processes"


# ---------------------------------------------------------------- the signals report is aggregate only


@pytest.mark.slow
def test_the_signals_report_never_quotes_a_value_from_a_case(tmp_path: Path) -> None:
    secret_id = "Jan Jansen BSN 123456782"
    lines = [json.dumps(example(0, id="goed")), json.dumps(example(1, id=secret_id)),
             json.dumps({**example(2, id="ook-goed"), "members": [{"id": "Piet Pietersen", "age": "oud"}]})]
    (tmp_path / "casussen.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for fmt in ("json", "csv", "markdown"):
        result = run_cli("signals", str(tmp_path / "casussen.jsonl"), "--format", fmt, "--backend", "reference",
                         "-o", str(tmp_path / f"rapport.{fmt}"))
        assert result.returncode == 1
        report = (tmp_path / f"rapport.{fmt}").read_text(encoding="utf-8")
        for value in ("Jan", "Jansen", "123456782", "Piet", "oud"):
            assert value not in report, (fmt, value)
    report = json.loads((tmp_path / "rapport.json").read_text(encoding="utf-8"))
    assert report["cases"] == 1 and report["unreadable"] == 2
