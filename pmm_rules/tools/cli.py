"""The `pmm-rules` command line.

Exit codes everywhere: 0 all well, 1 findings (an invalid file, a failing scenario, a rule problem, a case that
could not be advised), 2 usage error (a bad option, a file that does not exist, an input without cases), 130 and
143 stopped by SIGINT or SIGTERM. Nothing prints a traceback.

The habits of a command line: `-` as CASE reads the case from standard input; `-o FILE` writes the result there;
a progress bar and colour only for a person at a terminal (stderr and stdout respectively; NO_COLOR and --quiet
turn them off); every option explained in --help with its default; `pmm-rules completion SHELL` for the shell.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from .._version import __version__
from ..errors import InvalidInput, PmmRulesError, format_path, shorten, sort_problems, visible
from ..labels import label

if TYPE_CHECKING:
    from ..advise import TraceMode
    from ..engine import Engine
    from ..errors import Problem
    from ..labels import Lang
    from ..load import Located
    from ..model import Case

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
EXIT_SIGINT, EXIT_SIGTERM = 128 + 2, 128 + 15  # as a shell reports a command stopped by the signal


class UsageError(Exception):
    """A command-line mistake: exit 2 with the message."""


def _write(stream: TextIO, text: str) -> None:
    stream.write(text)
    stream.flush()


def _visible(text: str) -> str:
    """Text for a terminal: control characters from rule and case files shown as escapes, never acted on."""
    return visible(text)


_STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}


def _write_whole(stream: TextIO, text: str) -> None:
    """Write `text` completely before a SIGINT or SIGTERM is acted on: a stopped batch leaves whole advice."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows
        _write(stream, text)
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        _write(stream, text)
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)


def _existing(paths: Sequence[str]) -> list[Path]:
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise UsageError(f"no such file or directory: {', '.join(missing)}")
    return [Path(p) for p in paths]


def _engine(args: argparse.Namespace) -> Engine:
    from ..engine import Engine

    rules = getattr(args, "rules", None)
    if rules:
        return Engine.from_paths(_existing(rules), backend=args.backend)
    return Engine.default(backend=args.backend)


def _roots(args: argparse.Namespace) -> list[Path]:
    """Where scenario files may read case files: below the working directory, and below each --allow-root."""
    from ..load import default_roots

    extra = getattr(args, "allow_root", None) or []
    for root in extra:
        if not Path(root).is_dir():
            raise UsageError(f"--allow-root {root}: no such folder")
    return [*default_roots(), *(Path(r) for r in extra)]


STDIN_ARG = "-"


def _case_located(path: str) -> Located:
    """The case file as located data (YAML or JSON), for commands that change it before validating; `-` reads it
    from standard input."""
    from ..load import read_document, read_stdin_document

    if path == STDIN_ARG:
        return read_stdin_document(sys.stdin.buffer)
    return read_document(_existing([path])[0])


def _one_case(path: str) -> Case:
    """A case from a file, or from standard input for `-`; `InvalidInput` names the file (or `<stdin>`) and line."""
    from ..load import validate_case_data

    return validate_case_data(_case_located(path))


def _lang(args: argparse.Namespace) -> Lang:
    lang: Lang = getattr(args, "lang", "nl")
    return lang


def _require_cases(paths: list[Path], args: argparse.Namespace) -> None:
    """A usage error when the inputs hold no case at all (an empty folder, an empty JSON Lines file): a batch of
    nothing is almost always a wrong path, and an empty report would hide it."""
    from ..load import JSON_LINES_SUFFIX, case_files, open_regular

    for file in case_files(paths):
        if file.suffix != JSON_LINES_SUFFIX:
            return
        try:
            with os.fdopen(open_regular(file), "rb") as handle:
                if any(line.strip() for line in handle):
                    return
        except (OSError, InvalidInput):
            return  # not readable: the batch reports that at its file and line
    raise UsageError(label("cli.no_cases", _lang(args), where=", ".join(str(p) for p in paths)))


@contextlib.contextmanager
def _output(target: str | None) -> Iterator[TextIO]:
    """Where a command writes its result: the file of -o/--output, or stdout (also for `-o -`)."""
    if not target or target == STDIN_ARG:
        yield sys.stdout
        return
    try:
        handle = open(target, "w", encoding="utf-8")  # noqa: SIM115 - closed below, after the command wrote
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc.strerror}") from None
    with handle:
        yield handle


def _colour(stream: TextIO) -> bool:
    """Colour for what goes to stdout and a person may read there; a file written with -o always stays plain."""
    from ._style import colour_wanted

    return stream is sys.stdout and colour_wanted(stream)


def _progress(args: argparse.Namespace) -> bool:
    """A progress bar for a person at a terminal: on stderr when it is one, or on --progress; never with --quiet."""
    return not args.quiet and (args.progress or sys.stderr.isatty())


# ---------------------------------------------------------------- commands


def _hook_files(paths: list[str]) -> tuple[list[Path], int]:
    """For a pre-commit hook: the pmm_rules files among those passed, with the rule and graph files beside each rule
    or graph file (a rule may refer to another file's graph node or derived fact); and how many files were not
    pmm_rules files (a repository holds other YAML too)."""
    from ..load import file_kind

    chosen: dict[Path, None] = {}
    others = 0
    for raw in paths:
        path = Path(raw)
        kind = file_kind(path)
        if kind is None:
            others += 1
            continue
        chosen[path] = None
        if kind in ("rule", "graph"):
            for sibling in sorted(path.parent.iterdir()):
                if sibling.is_file() and file_kind(sibling) in ("rule", "graph"):
                    chosen[sibling] = None
    return sorted(chosen), others


def cmd_validate(args: argparse.Namespace) -> int:
    from ..evaluate import backend_class, backend_names, resolve_backend
    from ..load import bundled_paths, check_paths
    from ..render import render_problems

    if args.hook:
        paths, _ = _hook_files(args.paths)
        if not paths:
            return EXIT_OK  # nothing of ours among the files pre-commit passed
    else:
        paths = _existing(args.paths) if args.paths else bundled_paths()
    base = check_paths(paths, roots=_roots(args))
    if args.paths and not args.hook and not base.files and not base.problems:
        raise UsageError(label("cli.no_files", args.lang, where=", ".join(args.paths)))
    problems = list(base.problems)
    if base.compiled:  # what the engines cannot run: errors for the chosen backend, warnings for the others
        chosen = resolve_backend(args.backend)
        for name in backend_names():
            problems += backend_class(name).limit_problems(base.compiled, "error" if name == chosen else "warning")
    report = render_problems(problems, args.format, files=len(base.files), lang=args.lang)
    if args.format == "text" and _colour(sys.stdout):
        from ._style import problems_text

        report = problems_text(problems, report)
    _write(sys.stdout, report)
    return EXIT_FINDINGS if any(p.severity == "error" for p in problems) else EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from ..load import shipped_schema
    from ..model import schema_text

    _write(sys.stdout, schema_text(shipped_schema(args.name)))
    return EXIT_OK


def cmd_advise(args: argparse.Namespace) -> int:
    from ..load import JSON_LINES_SUFFIX
    from ..render import render_advice

    if STDIN_ARG in args.cases:
        if len(args.cases) > 1:
            raise UsageError("'-' reads one case from standard input; give it as the only CASE")
        case = _one_case(STDIN_ARG)
    else:
        paths = _existing(args.cases)
        if len(paths) > 1 or paths[0].is_dir() or paths[0].suffix == JSON_LINES_SUFFIX:
            return _advise_batch(args, paths)
        case = _one_case(args.cases[0])
    # The notes never show the trace: only the JSON formats carry it, as much as --trace says.
    trace: TraceMode = args.trace if args.format in ("json", "jsonl") else "none"
    text = render_advice(_engine(args).advise(case, trace=trace), args.format, args.lang)
    with _output(args.output) as out:
        if args.format == "text" and _colour(out):
            from ._style import advice_text

            text = advice_text(text, args.lang)
        _write(out, text)
    return EXIT_OK


def _advise_batch(args: argparse.Namespace, paths: list[Path]) -> int:
    """Advice for every case in files, folders and JSON Lines files, in that order. A case that cannot be read or
    advised is reported on stderr with its file and line, and makes the exit code 1; the others are advised all
    the same. Every advice is written whole, even when a signal stops the batch."""
    from ..engine import CaseFailure
    from ..errors import Problem
    from ..model import Advice
    from ..render import ADVICE_FORMATS, advice_renderer, json_text
    from ._progress import Progress, count_inputs
    from ._style import advice_text

    if not ADVICE_FORMATS[args.format].batch:
        several = [f"--format {name}: {f.help}" for name, f in sorted(ADVICE_FORMATS.items()) if f.batch]
        raise UsageError(f"--format {args.format} takes one case; for several, use " + "; ".join(several))
    _require_cases(paths, args)
    engine = _engine(args)
    problems: list[Problem] = []
    sources: collections.deque[tuple[str, int]] = collections.deque()
    cases = _located(paths, problems, sources)
    bar = Progress(sys.stderr, count_inputs(paths), args.lang) if _progress(args) else None
    with _output(args.output) as out:
        colour = args.format == "text" and _colour(out)
        shared_screen = bar is not None and out.isatty()  # the bar steps aside for the advice on the same terminal
        if args.format == "jsonl":
            results: Iterator[object] = engine.advise_each_json(cases, workers=args.workers, trace=args.trace)
        else:
            results = engine.advise_each(cases, workers=args.workers, trace="none")
            render = advice_renderer(args.format)
        written = 0
        for result in results:
            file, line = sources.popleft()
            if bar is not None:
                bar.step()
            if isinstance(result, CaseFailure):
                problems.append(Problem(file, line, 1, "not-advised", f"case {result.case_id}: {result.reason}"))
                continue
            if isinstance(result, str):
                text = json_text(result)
            else:
                assert isinstance(result, Advice)
                note = _visible(render(result, args.lang))
                if colour:
                    note = advice_text(note, args.lang)
                text = ("\n" + "=" * 72 + "\n\n" if written else "") + note
            if shared_screen and bar is not None:
                bar.clear()
            _write_whole(out, text)
            written += 1
    if bar is not None:
        bar.done()
    for problem in sort_problems(problems):
        _write(sys.stderr, problem.render() + "\n")
    return EXIT_FINDINGS if problems else EXIT_OK


def _located(paths: list[Path], problems: list[Problem], sources: collections.deque[tuple[str, int]]
             ) -> Iterator[Case]:
    """The cases of `paths`; the file and line of each go to `sources`, in the same order."""
    from ..load import iter_located_cases

    for file, line, case in iter_located_cases(paths, problems):
        sources.append((file, line))
        yield case


def cmd_test(args: argparse.Namespace) -> int:
    from ..load import bundled_scenario_paths, load_scenarios, scenario_paths
    from .scenarios import run_scenario

    skipped: list[Problem] = []
    if args.hook:
        from ..load import file_kind

        files = [Path(p) for p in args.paths if file_kind(Path(p)) == "scenario"]
        if not files:
            return EXIT_OK  # no scenario file among the files pre-commit passed
    else:
        files = scenario_paths(_existing(args.paths), skipped) if args.paths else bundled_scenario_paths()
    colour = _colour(sys.stdout)
    from ._style import scenario_line, summary_line

    def show(text: str, passed: bool) -> None:
        _write(sys.stdout, (scenario_line(text, passed) if colour else text) + "\n")

    for problem in skipped:
        show(f"{label('scenario.failed', args.lang)} {problem.render(args.lang)}", False)
    if not files:
        raise UsageError(label("cli.no_scenarios", where=", ".join(args.paths)))
    roots = _roots(args) if args.paths else [files[0].parent]
    engine = _engine(args)
    passed = failed = broken = 0
    broken += len(skipped)
    for file in files:
        try:
            scenarios = load_scenarios(file, roots)
        except InvalidInput as exc:
            broken += 1
            for p in exc.problems:
                show(f"{label('scenario.failed', args.lang)} {p.render(args.lang)}", False)
            continue
        for loaded in scenarios:
            if args.k and args.k.lower() not in loaded.id.lower():
                continue
            result = run_scenario(engine, loaded)
            if result.passed:
                passed += 1
                if args.verbose:
                    show(result.render(lang=args.lang), True)
            else:
                failed += 1
                show(result.render(verbose=args.verbose, lang=args.lang), False)
    summary = label("scenario.summary", args.lang, passed=passed, failed=failed)
    if broken:
        summary += label("scenario.broken_files", args.lang, count=broken)
    _write(sys.stdout, (summary_line(summary, not failed and not broken) if colour else summary) + "\n")
    if passed + failed + broken == 0:
        _write(sys.stderr, f"no scenario matched -k {args.k!r}\n")
        return EXIT_FINDINGS
    return EXIT_FINDINGS if failed or broken else EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    if args.code is not None:
        return _explain_code(args)
    if args.rule is None:
        raise UsageError("give a RULE to explain, or --code CODE for a problem code (--code alone lists them all)")
    from .explain import explain

    engine = _engine(args)
    try:
        text = explain(engine, args.rule, _existing(args.scenarios) if args.scenarios else None, args.lang,
                       roots=_roots(args) if args.scenarios else None)
    except KeyError as exc:
        raise UsageError(str(exc.args[0])) from None
    _write(sys.stdout, text)
    return EXIT_OK


_EVERY_CODE = {"nl": "alle codes: pmm-rules explain --code", "en": "every code: pmm-rules explain --code --lang en"}


def _explain_code(args: argparse.Namespace) -> int:
    """`explain --code CODE`: the page of a problem code; `explain --code`: every code with its title."""
    from ..codes import code_list, code_page

    if args.rule is not None:
        raise UsageError("give a RULE or --code, not both")
    if not args.code:
        _write(sys.stdout, code_list(args.lang))
        return EXIT_OK
    try:
        text = code_page(args.code, args.lang)
    except KeyError as exc:
        raise UsageError(f"{exc} ({_EVERY_CODE[args.lang]})") from None
    _write(sys.stdout, text)
    return EXIT_OK


def cmd_whatif(args: argparse.Namespace) -> int:
    from ..render import json_text
    from .whatif import parse_setting, what_if

    if not args.set:
        raise UsageError("give at least one --set PATH=VALUE (for example --set members.kind.age=18)")
    try:
        settings = [parse_setting(s) for s in args.set]
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    result = what_if(_engine(args), _case_located(args.case), settings, evaluated_at="whatif")
    if args.format == "json":
        import json

        _write(sys.stdout, json_text(json.dumps({
            "settings": [{"path": p, "value": v} for p, v in result.settings],
            "changes": [{"where": c.where, "before": c.before, "after": c.after} for c in result.changes],
            "started_firing": [{"rule": r, "subject": s} for r, s in result.started_firing],
            "stopped_firing": [{"rule": r, "subject": s} for r, s in result.stopped_firing],
        }, indent=2, ensure_ascii=False, sort_keys=True, default=str)) + "\n")
    else:
        _write(sys.stdout, result.render(args.lang))
    return EXIT_OK


def cmd_graph(args: argparse.Namespace) -> int:
    from ..render import export_graph

    engine = _engine(args)
    advice = engine.advise(_one_case(args.case), evaluated_at="graph") if args.case else None
    if args.scope == "case" and advice is None:
        raise UsageError("--scope case needs --case CASE")
    try:
        text = export_graph(engine.graph, args.format, advice, layout=args.layout, scope=args.scope, lang=args.lang)
    except PmmRulesError as exc:
        raise UsageError(str(exc)) from None
    with _output(args.output) as out:
        _write(out, text)
    return EXIT_OK


def cmd_signals(args: argparse.Namespace) -> int:
    from ._progress import count_inputs
    from .signals import collect_signals, render

    paths = _existing(args.cases)
    _require_cases(paths, args)
    unreadable: list[Problem] = []
    show_progress = _progress(args)
    # Counting reads every input once more; only worth it for the progress bar.
    total = count_inputs(paths) if show_progress else None
    sources: collections.deque[tuple[str, int]] = collections.deque()
    signals = collect_signals(_engine(args), _located(paths, unreadable, sources), workers=args.workers,
                              progress=sys.stderr if show_progress else None, total=total, sources=sources)
    # one count per input that was not a valid case: a JSON Lines line, or a file
    signals.unreadable = len({(p.file, p.line) if p.file.endswith(".jsonl") else p.file for p in unreadable})
    text = render(signals, args.format)
    with _output(args.output) as out:
        _write(out, text)
    # Where the bad cases are, for whoever fixes them: file, line, what kind of problem and where in the case;
    # never the message, which may quote a value of the case (a name given as its id).
    for p in sort_problems(unreadable):
        _write(sys.stderr, f"{p.location}: {p.severity}[{p.code}] {format_path(p.path)}\n")
    for file, line in signals.failed:
        _write(sys.stderr, f"{file}:{line}:1: error[not-advised] the engine could not advise this case\n")
    return EXIT_FINDINGS if unreadable or signals.failed else EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        import fastapi  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        raise UsageError("the web service needs the serve extra: pip install 'pmm-rules[serve]'") from None
    # The serve stage comes after tools; it is imported only when the command runs (see tests/test_layers.py).
    from ..serve import Settings, run

    if args.max_body <= 0 or args.time_limit <= 0 or args.workers < 1:
        raise UsageError("--max-body, --time-limit and --workers must be positive")
    run(Settings.from_env(host=args.host, port=args.port, max_body_bytes=args.max_body, time_limit=args.time_limit,
                          cors_origins=tuple(args.cors_origin or ()), backend=args.backend,
                          rules=tuple(str(p) for p in _existing(args.rules)) if args.rules else (),
                          root_path=args.root_path, log_level=args.log_level, workers=args.workers))
    return EXIT_OK


# Which arguments complete as files and which as folders, by their metavar.
_FILE_METAVARS = {"CASE", "CASES", "PATH", "FILE"}
_FOLDER_METAVARS = {"DIR"}


def cmd_completion(args: argparse.Namespace) -> int:
    # shtab is imported here only: --help and the other commands never pay for it.
    import shtab

    parser = build_parser()
    _mark_paths(parser, shtab.FILE, shtab.DIRECTORY)
    _write(sys.stdout, shtab.complete(parser, shell=args.shell))
    return EXIT_OK


def _mark_paths(parser: argparse.ArgumentParser, file: object, folder: object) -> None:
    """Tell shtab which arguments are paths (its `complete` attribute), in every subcommand."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                _mark_paths(sub, file, folder)
        elif action.metavar in _FILE_METAVARS:
            action.complete = file  # type: ignore[attr-defined]
        elif action.metavar in _FOLDER_METAVARS:
            action.complete = folder  # type: ignore[attr-defined]


# ---------------------------------------------------------------- parser


_EXIT_CODES = """\
exit codes:
  0    all well
  1    findings: an invalid file, a failing scenario, a case that could not be advised
  2    usage error: a bad option, a file that does not exist, an input without any case
  130  stopped by SIGINT (Ctrl-C); 143 stopped by SIGTERM

environment:
  NO_COLOR=1           no colour, even on a terminal (any value but the empty one)
  FORCE_COLOR=1        colour even when the output is not a terminal (for less -R)
  PMM_RULES_TRACEBACK=1  the traceback of an internal error, for a bug report
"""

_EXAMPLES = {
    "": """\
examples:
  pmm-rules advise examples/stemtolk.yaml          advice on one case: a note in Dutch
  pmm-rules advise examples/casussen/ -o advies.txt  a batch: every case of a folder, into a file
  cat casus.json | pmm-rules advise -              a case from standard input (YAML or JSON)
  pmm-rules validate examples/casussen/            check rule, graph, scenario and case files
  pmm-rules COMMAND --help                         the options of a command, with examples

""" + _EXIT_CODES,
    "validate": """\
examples:
  pmm-rules validate                               the bundled rules, graph and scenarios
  pmm-rules validate regels/ examples/casussen/    your own files: rules, graph, scenarios and cases
  pmm-rules validate --format github regels/       annotations in a GitHub Actions job
  pmm-rules validate --hook $(git diff --name-only --cached)   as a pre-commit hook
""",
    "schema": """\
examples:
  pmm-rules schema case > case.schema.json         the case format, for an editor's YAML/JSON support
  pmm-rules schema rule                            the rule format
""",
    "advise": """\
examples:
  pmm-rules advise examples/stemtolk.yaml                   a note in Dutch on one case
  pmm-rules advise examples/stemtolk.yaml --lang en --format markdown
  pmm-rules advise examples/stemtolk.yaml --format html -o advies.html
  cat casus.yaml | pmm-rules advise - --format json         a case from standard input
  pmm-rules advise examples/casussen/ --format jsonl --workers 4 -o adviezen.jsonl
""",
    "test": """\
examples:
  pmm-rules test                                   the bundled scenarios
  pmm-rules test examples/scenarios -v             your scenarios; list the passing ones too
  pmm-rules test -k wlz                            only scenarios whose file::name contains 'wlz'
""",
    "explain": """\
examples:
  pmm-rules explain wmo.regime.zelfredzaamheid     a rule: its articles with links, the scenarios covering it
  pmm-rules explain --code unknown-operator        what a problem code means, how to fix it, an example
  pmm-rules explain --code yaml-tab --lang en      the same in English
  pmm-rules explain --code                         every problem code with its title
""",
    "whatif": """\
examples:
  pmm-rules whatif examples/achttien_min_plus.yaml --set members.jongere.birth_date=2007-01-01
  pmm-rules whatif examples/wlz_wachtend.yaml --set members.mevrouw.pending=null --format json
  cat casus.yaml | pmm-rules whatif - --set municipality.pmm_connected=false
""",
    "graph": """\
examples:
  pmm-rules graph > graaf.dot                                the whole graph as DOT
  pmm-rules graph --format svg --case examples/stemtolk.yaml -o graaf.svg
  pmm-rules graph --format mermaid --case examples/stemtolk.yaml --scope case
""",
    "signals": """\
examples:
  pmm-rules signals examples/casussen/             recurring collisions as a Markdown report
  pmm-rules signals examples/casussen/ --format csv -o signalen.csv
  pmm-rules signals export.jsonl --workers 4 --quiet
""",
    "serve": """\
examples:
  pmm-rules serve                                  on http://127.0.0.1:8000/ (this machine only)
  PMM_RULES_TOKEN=geheim pmm-rules serve --host 0.0.0.0 --root-path /pmm --workers 4
""",
    "completion": """\
install (once; a new shell then completes commands, options and files):
  pmm-rules completion bash > ~/.local/share/bash-completion/completions/pmm-rules
  pmm-rules completion zsh > ~/.zfunc/_pmm-rules   (with fpath+=(~/.zfunc) before compinit in ~/.zshrc)
  pmm-rules completion tcsh > ~/.pmm-rules.tcsh    (and 'source ~/.pmm-rules.tcsh' in ~/.tcshrc)
""",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


class _HelpFormatter(argparse.HelpFormatter):
    """Epilogs as written (the examples line up), descriptions wrapped to the terminal, and every option's default
    after its help, unless the help already says it in words or there is none to say (a flag, an option that is
    off unless given)."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if "\n" in text:  # an epilog, laid out by hand
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help or ""
        default = action.default
        if ("default" in text or default is None or default is False or default == [] or default == ""
                or default is argparse.SUPPRESS or not (action.option_strings or action.nargs in ("?", "*"))):
            return text
        return f"{text} (default: %(default)s)"


def _command(sub: argparse._SubParsersAction[_Parser], name: str, help: str, description: str | None = None
             ) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        name, help=help, description=description or help[:1].upper() + help[1:] + ".",
        formatter_class=_HelpFormatter, epilog=_EXAMPLES[name])
    return parser


def build_parser() -> argparse.ArgumentParser:
    from ..evaluate import AUTO, backend_names
    from ..model import SCHEMA_NAMES
    from ..render import ADVICE_FORMATS, GRAPH_FORMATS, REPORT_FORMATS, SIGNALS_FORMATS

    parser = _Parser(prog="pmm-rules", description="Maatwerk as code: explained advice for stuck cases in the "
                                                   "Dutch social domain. Decision support, not a decision.",
                     formatter_class=_HelpFormatter, epilog=_EXAMPLES[""])
    parser.add_argument("--version", action="version", version=f"pmm-rules {__version__}",
                        help="print the version and exit")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser, title="commands",
                                metavar="COMMAND", help="what to do; 'pmm-rules COMMAND --help' explains its options")

    def lang_option(p: argparse.ArgumentParser, what: str) -> None:
        p.add_argument("--lang", choices=["nl", "en"], default="nl", help=f"language of {what}")

    def root_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--allow-root", action="append", metavar="DIR",
                       help="let scenario files read case files below DIR too (default: only below the working "
                            "directory; repeatable)")

    def engine_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--backend", choices=[AUTO, *backend_names()], default=AUTO,
                       help="rule engine: durable_rules where available (auto), or the pure-Python reference")
        p.add_argument("--rules", action="append", metavar="PATH",
                       help="use these rule and graph files or folders instead of the bundled ones (default: the "
                            "bundled rules; repeatable)")

    def output_option(p: argparse.ArgumentParser, what: str) -> None:
        p.add_argument("--output", "-o", metavar="FILE",
                       help=f"write {what} to FILE, nothing to stdout (default: stdout; '-' is stdout too)")

    def progress_options(p: argparse.ArgumentParser) -> None:
        shown = p.add_mutually_exclusive_group()
        shown.add_argument("--progress", action="store_true",
                           help="show the progress bar on stderr even when stderr is not a terminal (default: only "
                                "on a terminal)")
        shown.add_argument("--quiet", "-q", action="store_true", help="no progress bar")

    def workers_option(p: argparse.ArgumentParser, what: str) -> None:
        p.add_argument("--workers", type=int, default=1, metavar="N", help=f"{what} (one per core is fastest)")

    p = _command(sub, "validate", "check rule, graph, scenario and case files like a compiler",
                 "Check rule, graph, scenario and case files like a compiler: every problem with its file, line, "
                 "column and code. A case file (YAML or JSON, told by its keys such as members:) gets exactly the "
                 "problems 'advise' would report.")
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="files, or folders whose YAML files are checked (default: the bundled rules, graph and "
                        "scenarios)")
    p.add_argument("--hook", action="store_true",
                   help="as a pre-commit hook: check only the pmm_rules files among PATH (with the rule and graph "
                        "files beside them); other files are left alone; no files, nothing to do")
    lang_option(p, "the messages, hints and summary (and of the code descriptions in SARIF)")
    p.add_argument("--format", choices=REPORT_FORMATS, default="text",
                   help="text for people; json; github: annotations of GitHub Actions; sarif: for code scanning")
    p.add_argument("--backend", choices=[AUTO, *backend_names()], default=AUTO,
                   help="check the fixed limits of this backend's engine as errors (default: the one 'auto' picks "
                        "here); other backends' limits are warnings")
    root_option(p)
    p.set_defaults(func=cmd_validate)

    p = _command(sub, "schema", "print the JSON Schema of a file format")
    p.add_argument("name", choices=SCHEMA_NAMES, help="the file format: " + ", ".join(SCHEMA_NAMES))
    p.set_defaults(func=cmd_schema)

    p = _command(sub, "advise", "explained advice for a case (YAML or JSON), or for many",
                 "Explained advice for a case: what applies, what blocks, what to do next, with the articles behind "
                 "each point. Several cases, a folder or a JSON Lines file make a batch; a case that cannot be read "
                 "is reported on stderr and the others are advised all the same.")
    p.add_argument("cases", nargs="+", metavar="CASE",
                   help="a case file (YAML or JSON), or '-' for a case on standard input; several files, folders "
                        "(their *.yaml, *.yml, *.json and *.jsonl files) and JSON Lines files (one case per line) "
                        "for a batch")
    p.add_argument("--format", choices=list(ADVICE_FORMATS), default="text",
                   help="; ".join(f"{name}: {f.help}" for name, f in ADVICE_FORMATS.items())
                        + " (json and html: one case only)")
    lang_option(p, "the advice")
    p.add_argument("--trace", choices=["full", "fired", "none"], default="full",
                   help="how much of the trace the JSON formats carry: every rule for every subject (full), only "
                        "the rules that fired, or none (a fifth of the size: for large batches)")
    workers_option(p, "worker processes for a batch")
    output_option(p, "the advice")
    progress_options(p)
    engine_options(p)
    p.set_defaults(func=cmd_advise)

    p = _command(sub, "test", "run scenario files (default: the bundled scenarios)",
                 "Run scenario files: each scenario advises its case and compares the advice with what it expects.")
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="scenario files, or folders with them (default: the bundled scenarios)")
    p.add_argument("--hook", action="store_true",
                   help="as a pre-commit hook: run only the scenario files among PATH; no files, nothing to do")
    p.add_argument("-k", metavar="TEXT", help="only scenarios whose file::name contains TEXT (default: all)")
    p.add_argument("--verbose", "-v", action="store_true", help="list passing scenarios; trace failing ones")
    p.add_argument("--lang", choices=["nl", "en"], default="nl", help="language of the failures and the summary")
    root_option(p)
    engine_options(p)
    p.set_defaults(func=cmd_test)

    p = _command(sub, "explain", "a rule, its articles with links, and the scenarios that cover it; or what "
                                 "a problem code of validate means (--code)")
    p.add_argument("rule", metavar="RULE", nargs="?", help="the id of a rule (default: none; then give --code)")
    p.add_argument("--code", nargs="?", const="", metavar="CODE",
                   help="explain a problem code instead, such as unknown-operator in 'error[unknown-operator]'; "
                        "--code without CODE lists every code")
    p.add_argument("--scenarios", action="append", metavar="PATH",
                   help="scenario files or folders (repeatable; default: the bundled scenarios)")
    lang_option(p, "the explanation")
    root_option(p)
    engine_options(p)
    p.set_defaults(func=cmd_explain)

    p = _command(sub, "whatif", "change facts of a case and see what changes in the advice, and why")
    p.add_argument("case", metavar="CASE", help="a case file (YAML or JSON), or '-' for a case on standard input")
    p.add_argument("--set", action="append", metavar="PATH=VALUE",
                   help="a fact to change, e.g. members.kind.birth_date=2008-01-01 (repeatable; null removes)")
    p.add_argument("--format", choices=["text", "json"], default="text", help="text for people, or json")
    lang_option(p, "the text")
    engine_options(p)
    p.set_defaults(func=cmd_whatif)

    p = _command(sub, "graph", "the responsibility graph as DOT, Mermaid, GraphML or SVG")
    p.add_argument("--format", choices=GRAPH_FORMATS, default="dot", help="the graph format")
    p.add_argument("--case", metavar="CASE",
                   help="highlight the route and responsibilities of this case ('-': from standard input)")
    p.add_argument("--scope", choices=["all", "case"], default="all",
                   help="case: only what matters for --case, with human names (dot and svg)")
    p.add_argument("--layout", choices=["auto", "graphviz", "builtin"], default="auto",
                   help="svg: Graphviz's dot where installed (auto), or the built-in layered drawing (reproducible)")
    lang_option(p, "the names in the graph")
    output_option(p, "the graph")
    engine_options(p)
    p.set_defaults(func=cmd_graph)

    p = _command(sub, "signals", "systeemleren: recurring collisions over many cases",
                 "Systeemleren: advise many cases and count the collisions that keep coming back, by rule and by "
                 "article. The report holds counts only, nothing of a case; where the unreadable cases are goes to "
                 "stderr.")
    p.add_argument("cases", nargs="+", metavar="CASES",
                   help="case files, folders (their *.yaml, *.yml, *.json and *.jsonl files) or JSON Lines files")
    p.add_argument("--format", choices=SIGNALS_FORMATS, default="markdown", help="the report format")
    workers_option(p, "worker processes")
    output_option(p, "the report")
    progress_options(p)
    engine_options(p)
    p.set_defaults(func=cmd_signals)

    p = _command(sub, "serve", "the advice as a web service (OpenAPI at /openapi.json) and a page at /",
                 "Serve the advice over HTTP. Safe by default: localhost only; with the environment variable "
                 "PMM_RULES_TOKEN set, every /v1 route wants 'Authorization: Bearer <token>'. Needs the serve "
                 "extra: pip install 'pmm-rules[serve]'.")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on")
    p.add_argument("--max-body", type=int, default=1024 * 1024, metavar="BYTES",
                   help="largest request body; larger ones get 413 (default: 1 MiB)")
    p.add_argument("--time-limit", type=float, default=10.0, metavar="SECONDS",
                   help="per request (per case in a batch); past it, 503 (default: 10)")
    p.add_argument("--cors-origin", action="append", metavar="ORIGIN",
                   help="allow browser calls from this origin (repeatable; default: no CORS)")
    p.add_argument("--root-path", default="", metavar="PREFIX",
                   help="the path prefix behind a reverse proxy, e.g. /pmm (default: none)")
    p.add_argument("--log-level", choices=["critical", "error", "warning", "info", "debug"], default="info",
                   help="how much the server logs")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="server processes, each with its own engine (one per core is fastest)")
    engine_options(p)
    p.set_defaults(func=cmd_serve)

    p = _command(sub, "completion", "print a shell completion script for bash, zsh or tcsh",
                 "Print a completion script for your shell: TAB then completes commands, options, choices and "
                 "files. The script is static (made from this command's options), so no Python starts on a TAB.")
    p.add_argument("shell", choices=["bash", "zsh", "tcsh"], help="the shell to complete in")
    p.set_defaults(func=cmd_completion)
    return parser


class _Stopped(BaseException):
    """SIGTERM arrived: leave whatever runs, as KeyboardInterrupt does for SIGINT."""


def _stop(signum: int, frame: object) -> None:
    raise _Stopped(signum)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _stop) if _main_thread() else None
    try:
        code: int = args.func(args)
        return code
    except KeyboardInterrupt:
        _write(sys.stderr, f"pmm-rules {args.command}: interrupted (SIGINT); stopped\n")
        return EXIT_SIGINT
    except _Stopped:
        _write(sys.stderr, f"pmm-rules {args.command}: terminated (SIGTERM); stopped\n")
        return EXIT_SIGTERM
    except UsageError as exc:
        prefix = label("cli.usage_error", getattr(args, "lang", "nl"))
        _write(sys.stderr, f"pmm-rules {args.command}: {prefix}: {visible(str(exc), newlines=False)}\n")
        return EXIT_USAGE
    except InvalidInput as exc:
        _write(sys.stderr, visible(str(exc)) + "\n")
        return EXIT_FINDINGS
    except PmmRulesError as exc:
        _write(sys.stderr, f"pmm-rules {args.command}: {visible(str(exc), newlines=False)}\n")
        return EXIT_FINDINGS
    except BrokenPipeError:  # `pmm-rules ... | head`
        return EXIT_OK
    except Exception as exc:  # a bug: one line for the user, the traceback only on request
        if os.environ.get("PMM_RULES_TRACEBACK"):
            raise
        _write(sys.stderr, f"pmm-rules {args.command}: internal error ({type(exc).__name__}: "
                           f"{visible(shorten(str(exc), 300), newlines=False)}); please report it; "
                           "PMM_RULES_TRACEBACK=1 shows where\n")
        return EXIT_FINDINGS
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def run() -> NoReturn:
    """The `pmm-rules` command: `main()`, and the exit. Stopped by SIGINT or SIGTERM, the workers are already
    stopped and the output flushed; the process then leaves at once (os._exit), because a worker killed by a
    signal sent to the whole process group may have left the process pool's manager thread waiting for the rest
    of a result, and the interpreter would wait for that thread forever."""
    code = main()
    if code in (EXIT_SIGINT, EXIT_SIGTERM):
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
        os._exit(code)
    sys.exit(code)


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


if __name__ == "__main__":  # pragma: no cover
    run()
