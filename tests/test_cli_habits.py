"""`pmm-rules` keeps the habits of a command line: `-` reads standard input, `-o` writes a file, an input without
cases is a usage error, every option is explained with its default, a progress bar and colour only for a person at
a terminal, shell completion, and `validate` and `advise` agree on what is wrong with a case file."""

from __future__ import annotations

import argparse
import io
import json
import os
import pty
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from pmm_rules.tools.cli import build_parser, main

from .common import EXAMPLES, ROOT

STEMTOLK = EXAMPLES / "stemtolk.yaml"
BATCH = EXAMPLES / "casussen"
STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d")  # the evaluation time in the receipt
ESCAPE = "\x1b["


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def command(*args: str, stdin: str | None = None, env: dict[str, str] | None = None,
            cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pmm_rules", *args], input=stdin, capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=300)


def unstamped(text: str) -> str:
    return STAMP.sub("<time>", text)


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


# ---------------------------------------------------------------- `-` reads the case from standard input


@pytest.mark.slow
def test_advise_reads_a_yaml_case_from_stdin_as_it_reads_the_file() -> None:
    from_file = command("advise", str(STEMTOLK), "--format", "json")
    from_stdin = command("advise", "-", "--format", "json", stdin=STEMTOLK.read_text(encoding="utf-8"))
    assert from_stdin.returncode == 0, from_stdin.stderr
    assert unstamped(from_stdin.stdout) == unstamped(from_file.stdout)


@pytest.mark.slow
def test_advise_reads_a_json_case_from_stdin() -> None:
    import yaml

    data = yaml.safe_load(STEMTOLK.read_text(encoding="utf-8"))
    result = command("advise", "-", "--format", "json", stdin=json.dumps(data, default=str, indent=1))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["case_id"] == "voorbeeld-stemtolk"


def test_a_bad_case_on_stdin_is_named_stdin_with_its_line(capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    text = STEMTOLK.read_text(encoding="utf-8").replace("reference_date: 2026-11-01", "reference_date: 2026-13-01")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    code, out, err = run(capsys, "advise", "-")
    assert code == 1 and out == ""
    assert "<stdin>:6:17: error[yaml-bad-date] reference_date" in err
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"schema_version": 1,\n  "members": [}')))
    code, _, err = run(capsys, "advise", "-")
    assert code == 1
    assert "<stdin>:2:15: error[json-syntax]" in err


def test_stdin_serves_whatif_and_graph_too(capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    def stdin() -> None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(STEMTOLK.read_bytes())))

    stdin()
    code, out, _ = run(capsys, "whatif", "-", "--set", "members.meisje.age=19", "--format", "json")
    assert code == 0
    assert json.loads(out)["settings"] == [{"path": "members.meisje.age", "value": 19}]
    stdin()
    code, from_stdin, _ = run(capsys, "graph", "--case", "-", "--format", "mermaid", "--scope", "case")
    code_file, from_file, _ = run(capsys, "graph", "--case", str(STEMTOLK), "--format", "mermaid", "--scope", "case")
    assert code == code_file == 0
    assert from_stdin == from_file


def test_stdin_is_one_case_not_part_of_a_batch(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "advise", "-", str(STEMTOLK))
    assert code == 2 and out == ""
    assert "standard input" in err


# ---------------------------------------------------------------- -o FILE


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "markdown", "html"])
def test_advise_output_writes_the_advice_to_the_file_and_nothing_to_stdout(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"advies.{fmt}"
    code, out, err = run(capsys, "advise", str(STEMTOLK), "--format", fmt, "-o", str(target))
    assert (code, out, err) == (0, "", "")
    _, printed, _ = run(capsys, "advise", str(STEMTOLK), "--format", fmt)
    assert unstamped(target.read_text(encoding="utf-8")) == unstamped(printed)


def test_advise_output_takes_a_batch_and_dash_means_stdout(capsys: pytest.CaptureFixture[str],
                                                           tmp_path: Path) -> None:
    target = tmp_path / "adviezen.jsonl"
    code, out, _ = run(capsys, "advise", str(BATCH), "--format", "jsonl", "--trace", "none", "--output", str(target))
    assert code == 0 and out == ""
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(list(BATCH.glob("*.yaml"))) + len((BATCH / "meer.jsonl").read_text().splitlines())
    code, out, _ = run(capsys, "advise", str(STEMTOLK), "-o", "-")
    assert code == 0 and out.startswith("Advies casus voorbeeld-stemtolk")


def test_an_output_file_that_cannot_be_written_is_a_usage_error(capsys: pytest.CaptureFixture[str],
                                                                tmp_path: Path) -> None:
    code, out, err = run(capsys, "advise", str(STEMTOLK), "-o", str(tmp_path / "geen-map" / "advies.txt"))
    assert code == 2 and out == ""
    assert "cannot write" in err and "geen-map" in err


# ---------------------------------------------------------------- an input without cases


@pytest.mark.parametrize("command_name", ["advise", "signals"])
@pytest.mark.parametrize("make", ["empty folder", "folder without cases", "empty jsonl", "blank jsonl"])
def test_an_input_without_cases_is_a_usage_error_that_says_what_was_looked_for(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, command_name: str, make: str) -> None:
    target = tmp_path / "casussen"
    target.mkdir()
    if make == "folder without cases":
        (target / "LEESMIJ.txt").write_text("geen casus\n", encoding="utf-8")
    elif make.endswith("jsonl"):
        target = target / "leeg.jsonl"
        target.write_text("" if make == "empty jsonl" else "\n  \n", encoding="utf-8")
    code, out, err = run(capsys, command_name, str(target))
    assert code == 2 and out == ""
    assert f"pmm-rules {command_name}: fout: geen casussen gevonden in {target}" in err
    assert "*.yaml, *.yml, *.json" in err and "*.jsonl" in err


def test_the_empty_input_message_follows_lang(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "advise", str(tmp_path), "--lang", "en")
    assert code == 2 and "no cases found in" in err


def test_validate_and_test_on_an_empty_folder_are_usage_errors_too(capsys: pytest.CaptureFixture[str],
                                                                    tmp_path: Path) -> None:
    code, out, err = run(capsys, "validate", str(tmp_path))
    assert code == 2 and out == ""
    assert "geen bestanden om te controleren" in err and "*.yaml, *.yml" in err
    code, out, err = run(capsys, "test", str(tmp_path))
    assert code == 2
    assert "geen scenariobestanden gevonden" in err and "scenarios:" in err


def test_as_pre_commit_hooks_no_files_of_ours_is_nothing_to_do(capsys: pytest.CaptureFixture[str],
                                                               tmp_path: Path) -> None:
    other = tmp_path / "mkdocs.yml"
    other.write_text("site_name: x\n", encoding="utf-8")
    assert run(capsys, "test", "--hook")[0] == 0
    assert run(capsys, "test", "--hook", str(other))[0] == 0
    assert run(capsys, "validate", "--hook")[0] == 0
    assert run(capsys, "validate", "--hook", str(other))[0] == 0


# ---------------------------------------------------------------- help


def _parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found += _parsers(sub)
    return found


def test_every_argument_and_option_of_every_command_has_help_with_its_default() -> None:
    missing, no_default = [], []
    for parser in _parsers(build_parser()):
        formatter = parser._get_formatter()
        for action in parser._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            name = f"{parser.prog} {'/'.join(action.option_strings) or action.dest}"
            if not (action.help and action.help.strip()):
                missing.append(name)
                continue
            shown = formatter._expand_help(action)
            meaningful = action.default not in (None, False, [], "", argparse.SUPPRESS)
            if meaningful and "default" not in shown:
                no_default.append(f"{name}: {shown}")
        if isinstance(parser._subparsers, argparse._ArgumentGroup):
            for action in parser._actions:
                if isinstance(action, argparse._SubParsersAction):
                    missing += [f"{parser.prog} {c.dest}" for c in action._choices_actions if not c.help]
    assert not missing, f"without help: {missing}"
    assert not no_default, f"default not shown: {no_default}"


def test_every_command_shows_examples_and_the_main_help_the_exit_codes() -> None:
    parser = build_parser()
    for sub in _parsers(parser)[1:]:
        assert sub.epilog and f"{sub.prog} " in sub.epilog, f"{sub.prog}: no examples"
    text = parser.format_help()
    for line in ("exit codes:", "0    all well", "1    findings", "2    usage error", "NO_COLOR"):
        assert line in text


def test_help_and_version_import_no_engine_and_no_completion_library() -> None:
    probe = ("import sys\nfrom pmm_rules.tools.cli import main\nfor argv in (['--help'], ['--version'], "
             "['advise', '--help']):\n    try:\n        main(argv)\n    except SystemExit:\n        pass\n"
             "print(sorted(m for m in ('pydantic', 'networkx', 'shtab', 'durable_rules_engine', 'pmm_rules.engine') "
             "if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip().endswith("[]"), result.stdout


# ---------------------------------------------------------------- progress bar


def test_the_progress_bar_goes_to_a_terminal_on_stderr_and_never_to_stdout(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["advise", str(BATCH), "--format", "jsonl", "--trace", "none"]) == 0
    out = capsys.readouterr().out
    assert "[" + "#" * 30 + "] 9/9 casussen\n" in terminal.getvalue()
    assert "/9 casussen" not in out and "\r" not in out
    quiet = Terminal()
    monkeypatch.setattr(sys, "stderr", quiet)
    assert main(["advise", str(BATCH), "--format", "jsonl", "--trace", "none", "--quiet"]) == 0
    assert quiet.getvalue() == ""


def test_no_progress_bar_on_a_pipe_unless_asked(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["signals", str(BATCH), "--format", "json"]) == 0
    assert capsys.readouterr().err == ""
    assert main(["signals", str(BATCH), "--format", "json", "--progress"]) == 0
    assert "9/9 casussen" in capsys.readouterr().err
    with pytest.raises(SystemExit) as both:  # one or the other
        main(["advise", str(BATCH), "--progress", "--quiet"])
    assert both.value.code == 2


def _on_terminal(*args: str, env: dict[str, str] | None = None, stdout_too: bool = False) -> tuple[int, str, str]:
    """Run pmm-rules with stderr (and stdout, if asked) on a pseudo-terminal: (exit code, terminal, stdout)."""
    master, slave = pty.openpty()
    with tempfile.TemporaryFile() as stdout:
        process = subprocess.Popen([sys.executable, "-m", "pmm_rules", *args], cwd=ROOT, env=env,
                                   stdin=subprocess.DEVNULL, stdout=slave if stdout_too else stdout, stderr=slave)
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:  # EIO: the program closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait(timeout=300)
        os.close(master)
        stdout.seek(0)
        return process.returncode, b"".join(chunks).decode("utf-8", "replace"), stdout.read().decode()


def _env(**changes: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    for key, value in changes.items():
        if value is not None:
            env[key] = value
    return env


@pytest.mark.slow
@pytest.mark.parametrize("command_name", ["advise", "signals"])
def test_on_a_real_terminal_the_bar_is_drawn_and_piped_it_is_not(command_name: str) -> None:
    code, terminal, out = _on_terminal(command_name, str(BATCH), "--format", "json" if command_name == "signals"
                                       else "markdown", env=_env())
    assert code == 0
    assert "] 9/9 casussen" in terminal and "\r[" in terminal
    assert "/9 casussen" not in out and "\r" not in out
    piped = command(command_name, str(BATCH), "--format", "json" if command_name == "signals" else "markdown")
    assert piped.returncode == 0 and piped.stderr == ""


# ---------------------------------------------------------------- colour


def test_colour_on_a_terminal_plain_on_a_pipe(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: Path) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    bad = tmp_path / "casus.yaml"
    bad.write_text(STEMTOLK.read_text(encoding="utf-8").replace("outcome: vastgelopen", "outcome: vast"),
                   encoding="utf-8")
    assert main(["validate", str(bad)]) == 1
    assert ESCAPE not in capsys.readouterr().out  # captured: not a terminal
    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    assert main(["validate", str(bad)]) == 1
    assert f": {ESCAPE}31merror{ESCAPE}0m[not-allowed] attempts[0].outcome" in terminal.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    plain = Terminal()
    monkeypatch.setattr(sys, "stdout", plain)
    assert main(["validate", str(bad)]) == 1
    assert ESCAPE not in plain.getvalue() and "error[not-allowed]" in plain.getvalue()


def test_force_color_colours_a_pipe_but_never_a_file_and_no_color_wins(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert main(["advise", str(STEMTOLK)]) == 0
    assert capsys.readouterr().out.startswith(f"{ESCAPE}1mAdvies casus voorbeeld-stemtolk")
    target = tmp_path / "advies.txt"
    assert main(["advise", str(STEMTOLK), "-o", str(target)]) == 0
    assert ESCAPE not in target.read_text(encoding="utf-8")
    monkeypatch.setenv("NO_COLOR", "yes")
    assert main(["advise", str(STEMTOLK)]) == 0
    assert ESCAPE not in capsys.readouterr().out
    monkeypatch.setenv("NO_COLOR", "")  # empty: as if not set (no-color.org)
    assert main(["advise", str(STEMTOLK)]) == 0
    assert ESCAPE in capsys.readouterr().out


@pytest.mark.slow
def test_on_a_real_terminal_severities_verdicts_and_headings_are_coloured_unless_no_color() -> None:
    code, terminal, _ = _on_terminal("test", "-k", "stemtolk", "-v", env=_env(), stdout_too=True)
    assert code == 0
    assert f"{ESCAPE}32mok{ESCAPE}0m" in terminal and f"{ESCAPE}32m" in terminal.splitlines()[-1]
    code, terminal, _ = _on_terminal("advise", str(STEMTOLK), env=_env(), stdout_too=True)
    assert code == 0 and f"{ESCAPE}1mBehoeften:{ESCAPE}0m" in terminal
    code, terminal, _ = _on_terminal("advise", str(STEMTOLK), env=_env(NO_COLOR="1"), stdout_too=True)
    assert code == 0 and ESCAPE not in terminal and "Behoeften:" in terminal
    piped = command("test", "-k", "stemtolk", "-v", env=_env())
    assert piped.returncode == 0 and ESCAPE not in piped.stdout


# ---------------------------------------------------------------- shell completion


def test_completion_prints_a_bash_script_that_bash_accepts_and_that_completes(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, script, _ = run(capsys, "completion", "bash")
    assert code == 0
    for name in ("validate", "advise", "test", "explain", "whatif", "graph", "signals", "serve", "completion"):
        assert name in script
    path = tmp_path / "pmm-rules.bash"
    path.write_text(script, encoding="utf-8")
    assert subprocess.run(["bash", "-n", str(path)], capture_output=True).returncode == 0
    probe = (f"source {path}\n"
             "COMP_WORDS=(pmm-rules adv); COMP_CWORD=1; _shtab_pmm_rules; echo \"${COMPREPLY[@]}\"\n"
             "COMP_WORDS=(pmm-rules advise --format ''); COMP_CWORD=3; _shtab_pmm_rules; echo \"${COMPREPLY[@]}\"\n")
    result = subprocess.run(["bash", "-c", probe], capture_output=True, text=True)
    assert result.stdout.splitlines() == ["advise", "text json jsonl markdown html"], result.stderr


@pytest.mark.parametrize(("shell", "start"), [("zsh", "#compdef pmm-rules"), ("tcsh", "#")])
def test_completion_for_zsh_and_tcsh(capsys: pytest.CaptureFixture[str], shell: str, start: str) -> None:
    code, script, _ = run(capsys, "completion", shell)
    assert code == 0 and script.startswith(start) and "advise" in script


def test_completion_for_another_shell_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["completion", "fish"])
    assert stopped.value.code == 2


# ---------------------------------------------------------------- validate and advise agree


BROKEN_CASES = {
    "onbekend_veld.yaml": (("id: voorbeeld-stemtolk\n", "id: voorbeeld-stemtolk\nhaarkleur: bruin\n"),
                           "unknown-field"),
    "foute_datum.yaml": (("reference_date: 2026-11-01", "reference_date: 2026-02-30"), "yaml-bad-date"),
    "foute_keuze.yaml": (("outcome: vastgelopen", "outcome: vastgeloopt"), "not-allowed"),
    "tab.yaml": (("  - id: moeder\n", "  - id: moeder\n\tage: 38\n"), "yaml-tab"),
    "verwijzing.yaml": (("{id: tolk-school, member: meisje", "{id: tolk-school, member: zus"), "case-reference"),
}


@pytest.mark.parametrize("name", sorted(BROKEN_CASES))
def test_validate_reports_what_advise_reports_for_a_broken_case_file(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str) -> None:
    (old, new), expected_code = BROKEN_CASES[name]
    text = STEMTOLK.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    code, out, err = run(capsys, "advise", str(path))
    assert code == 1 and out == ""
    advised = err.splitlines()[1:]  # after the heading "case ... is not valid"
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 1
    validated = out.splitlines()[:-1]  # before the summary
    assert validated == advised
    assert f"error[{expected_code}]" in validated[0] and validated[0].startswith(f"{path}:")


def test_validate_reads_a_json_case_file_as_advise_does(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "casus.json"
    path.write_text('{"schema_version": 1, "id": "x", "reference_date": "2026-11-01",\n'
                    ' "members": [{"id": "a", "age": "oud"}]}\n', encoding="utf-8")
    code, _, err = run(capsys, "advise", str(path))
    code_validate, out, _ = run(capsys, "validate", str(path))
    assert code == code_validate == 1
    assert out.splitlines()[:-1] == err.splitlines()[1:]
    assert f"{path}:1:1: error[wrong-type] members[0].age" in out


def test_validate_accepts_the_shipped_batch_of_cases(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", str(BATCH))
    assert code == 0
    assert out.startswith(f"{len(list(BATCH.glob('*.yaml')))} bestand(en) gecontroleerd, geen problemen gevonden")
