"""Problem codes: every code a problem can carry has a page, every page is for a code that is raised, and the pages
reach people through `pmm-rules explain --code`, the validate report, SARIF and docs/codes.md.

The codes are found by reading the package's source (an AST scan), not by running it, so that a code raised only
on a rare path is found too. A problem gets its code in one of these ways, and the scan knows each:

- a string literal as the `code` argument of `Problem(...)`, or of a function or method that passes its own
  `code` parameter on to one (`located.problem(path, "unknown-fact", ...)`, `_check_graph`'s `problem(...)`);
- a string literal as the `code` of a class that carries a code until it becomes a problem (a dataclass with a
  `code` field, or a class whose `__init__` takes `code`);
- a name unpacked from a tuple that a function of the package returns or yields, such as
  `code, message, hint = _friendly_scanner_message(...)`: the literals in those tuples count;
- `something.code`: a code carried over from a problem or carrier made elsewhere (and found there).

Any other code argument (a name bound some other way, an f-string, a call) fails
`test_the_scan_understands_every_code_argument`, so that a new way of making problems cannot slip past the
catalogue unseen: teach the scan, or pass a literal.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest

from pmm_rules.codes import GROUPS, PROBLEM_CODES, ProblemCode, code_list, code_page, help_text, problem_code
from pmm_rules.errors import Problem
from pmm_rules.render import render_problems
from pmm_rules.tools.cli import main

from .common import DOCS, PACKAGE, ROOT

CODE = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")

# Pages written ahead of the code that raises them, by group: while none of a group's codes is raised in the tree
# under test, its pages may wait; once one of them is raised, every one of them must be. Empty: every page is for
# a code that is raised today.
AHEAD_OF_MERGE: dict[str, frozenset[str]] = {}


# ---------------------------------------------------------------- the scan


@dataclass(frozen=True)
class _Builder:
    """Something that makes a problem, or carries a code into one: its name, its class (for a method) and where
    its `code` is among the positional arguments of a call."""

    name: str
    owner: str | None
    module: str
    index: int


@dataclass
class Scan:
    raised: dict[str, list[str]] = field(default_factory=dict)  # code -> where (module:line)
    unresolved: list[str] = field(default_factory=list)  # code arguments the scan cannot follow


def _code_index(arguments: ast.arguments, method: bool) -> int | None:
    names = [a.arg for a in [*arguments.posonlyargs, *arguments.args]]
    if method and names and names[0] in ("self", "cls"):
        names = names[1:]
    if "code" in names:
        return names.index("code")
    return -1 if any(a.arg == "code" for a in arguments.kwonlyargs) else None


def _is_dataclass(node: ast.ClassDef) -> bool:
    return any((isinstance(d, ast.Name) and d.id == "dataclass")
               or (isinstance(d, ast.Call) and isinstance(d.func, ast.Name) and d.func.id == "dataclass")
               for d in node.decorator_list)


def _carriers(trees: dict[str, ast.Module]) -> list[_Builder]:
    """`Problem`, and the classes that carry a code: a dataclass with a `code` field, or an `__init__(code, ...)`."""
    found = [_Builder("Problem", None, "pmm_rules/errors.py", 3)]
    for module, tree in trees.items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef) or node.name == "Problem":
                continue
            init = next((s for s in node.body if isinstance(s, ast.FunctionDef) and s.name == "__init__"), None)
            fields = [s.target.id for s in node.body if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)]
            index = (_code_index(init.args, True) if init is not None
                     else fields.index("code") if _is_dataclass(node) and "code" in fields else None)
            if index is not None:
                found.append(_Builder(node.name, None, module, index))
    return found


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _enclosing(node: ast.AST, parents: dict[ast.AST, ast.AST], kinds: type | tuple[type, ...]) -> ast.AST | None:
    while node in parents:
        node = parents[node]
        if isinstance(node, kinds):
            return node
    return None


_Function = ast.FunctionDef | ast.AsyncFunctionDef


def _calls(trees: dict[str, ast.Module]) -> Iterator[tuple[str, ast.Call, dict[ast.AST, ast.AST]]]:
    for module, tree in trees.items():
        parents = _parents(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                yield module, node, parents


def _callee(module: str, call: ast.Call, parents: dict[ast.AST, ast.AST],
            builders: list[_Builder]) -> list[_Builder]:
    """The builders a call may reach: a plain name one of this module (or, imported, of another); `self.m(...)`
    the method of the enclosing class; `x.m(...)` the methods `m` of the public classes."""
    func = call.func
    if isinstance(func, ast.Name):
        named = [b for b in builders if b.name == func.id and b.owner is None]
        local = [b for b in named if b.module == module]
        if local or func.id in _defined_names(module):
            return local  # a class or function of this module shadows any builder of that name elsewhere
        return named
    if isinstance(func, ast.Attribute):
        cls = _enclosing(call, parents, ast.ClassDef)
        if isinstance(func.value, ast.Name) and func.value.id == "self" and isinstance(cls, ast.ClassDef):
            return [b for b in builders if b.name == func.attr and b.owner == cls.name]
        return [b for b in builders if b.name == func.attr and b.owner and not b.owner.startswith("_")]
    return []


_DEFINED: dict[str, set[str]] = {}  # per module of the scan: the classes and functions defined at its top


def _defined_names(module: str) -> set[str]:
    return _DEFINED.get(module, set())


def _code_argument(call: ast.Call, index: int) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg == "code":
            return keyword.value
    for i, argument in enumerate(call.args):
        if isinstance(argument, ast.Starred) or i == index:
            return argument
    return None


def _builders(trees: dict[str, ast.Module]) -> list[_Builder]:
    """The carriers, and every function or method that passes its own `code` parameter on to one (to a fixpoint)."""
    builders = _carriers(trees)
    candidates: list[tuple[str, _Function, str | None, int]] = []
    for module, tree in trees.items():
        parents = _parents(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name != "__init__":
                owner = parents.get(node)
                method = isinstance(owner, ast.ClassDef)
                index = _code_index(node.args, method)
                if index is not None:
                    candidates.append((module, node, owner.name if isinstance(owner, ast.ClassDef) else None, index))
    grew = True
    while grew:
        grew = False
        for module, function, owner, index in candidates:
            if any(b.name == function.name and b.owner == owner and b.module == module for b in builders):
                continue
            tree = trees[module]
            parents = _parents(tree)
            for call in (n for n in ast.walk(function) if isinstance(n, ast.Call)):
                for builder in _callee(module, call, parents, builders)[:1]:
                    argument = _code_argument(call, builder.index)
                    if isinstance(argument, ast.Name) and argument.id == "code":
                        builders.append(_Builder(function.name, owner, module, index))
                        grew = True
                        break
                if grew:
                    break
    return builders


def _tuple_codes(name: str, functions: dict[str, list[tuple[str, _Function]]], seen: set[tuple[str, str]],
                 add: Callable[[str, str], None]) -> None:
    """The code-like literals in the tuples function `name` returns or yields, and in those of the functions it
    calls (a code unpacked from `f(...)` may come from a helper of `f`)."""
    for module, function in functions.get(name, []):
        if (module, function.name) in seen:
            continue
        seen.add((module, function.name))
        for node in ast.walk(function):
            if isinstance(node, ast.Return | ast.Yield) and isinstance(node.value, ast.Tuple):
                for element in node.value.elts:
                    if isinstance(element, ast.Constant) and isinstance(element.value, str) \
                            and CODE.fullmatch(element.value):
                        add(element.value, f"{module}:{node.lineno}")
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                _tuple_codes(node.func.id, functions, seen, add)


def _unpacked(function: ast.AST, name: str) -> bool:
    """Whether `name` is bound in `function` by unpacking a tuple (an assignment, a for loop, a comprehension)."""
    for node in ast.walk(function):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.For | ast.comprehension):
            targets = [node.target]
        if any(isinstance(t, ast.Tuple) and any(isinstance(e, ast.Name) and e.id == name for e in t.elts)
               for t in targets):
            return True
    return False


def scan_sources(sources: dict[str, str]) -> Scan:
    """Every code the given modules (path -> source) can give a problem, and the code arguments it cannot follow."""
    trees = {module: ast.parse(text, module) for module, text in sources.items()}
    for module, tree in trees.items():
        _DEFINED[module] = {node.name for node in tree.body
                            if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)}
    builders = _builders(trees)
    functions: dict[str, list[tuple[str, _Function]]] = {}
    for module, tree in trees.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                functions.setdefault(node.name, []).append((module, node))
    scan = Scan()

    def add(code: str, where: str) -> None:
        scan.raised.setdefault(code, []).append(where)

    for module, call, parents in _calls(trees):
        reached = _callee(module, call, parents, builders)
        if not reached:
            continue
        where = f"{module}:{call.lineno}"
        if len({b.index for b in reached}) > 1:
            scan.unresolved.append(f"{where}: cannot tell which of {len(reached)} '{ast.unparse(call.func)}' this is")
            continue
        argument = _code_argument(call, reached[0].index)
        function = _enclosing(call, parents, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
        if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
            add(argument.value, where)
        elif isinstance(argument, ast.Attribute) and argument.attr == "code":
            pass  # carried over from a problem or carrier made (and scanned) elsewhere
        elif isinstance(argument, ast.Starred) and isinstance(argument.value, ast.Call) \
                and isinstance(argument.value.func, ast.Name):
            _tuple_codes(argument.value.func.id, functions, set(), add)
        elif isinstance(argument, ast.Name) and isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            parameters = [a.arg for a in [*function.args.posonlyargs, *function.args.args, *function.args.kwonlyargs]]
            if argument.id in parameters:
                owner = parents.get(function)
                owner_name = owner.name if isinstance(owner, ast.ClassDef) else None
                if not any(b.name == function.name and b.owner == owner_name for b in builders):
                    scan.unresolved.append(f"{where}: parameter '{argument.id}' passed on as a code")
            elif _unpacked(function, argument.id):
                for node in ast.walk(function):
                    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                        _tuple_codes(node.func.id, functions, set(), add)
            else:
                scan.unresolved.append(f"{where}: '{argument.id}' is not unpacked from a tuple")
        else:
            shown = ast.unparse(argument) if argument is not None else "no code argument"
            scan.unresolved.append(f"{where}: {shown}")
    return scan


def scan_package(package: Path = PACKAGE) -> Scan:
    """The scan of a source tree of pmm_rules; the catalogue itself (`pmm_rules/codes.py`) names every code and
    raises none, so it is left out."""
    sources = {str(path.relative_to(package.parent)): path.read_text(encoding="utf-8")
               for path in sorted(package.rglob("*.py")) if path != package / "codes.py"}
    return scan_sources(sources)


SCAN = scan_package()


# ---------------------------------------------------------------- the scan finds what it should


SHAPES = '''
from dataclasses import dataclass

@dataclass
class Finding:
    code: str
    value: int

class Unreadable:
    def __init__(self, code, message):
        self.code = code

class Located:
    def problem(self, path, code, message): return Problem("f", 1, 1, code, message, path)

class _Builder:
    def problem(self, node, path, code, message): self.found.append(Problem("f", 1, 1, code, message))
    def build(self, node):
        self.problem(node, (), "builder-method", "a message")
        code, message = _pair()
        self.problem(node, (), code, message)

def _pair():
    if x:
        return ("pair-one", "a message")
    return ("pair-two", f"a {message}")

def _helper():
    return ("helper-code", "a message", "a hint")

def _outer():
    return _helper()

def checks(located, problems, findings):
    located.problem((), "via-located", "a message")
    problems.append(Problem("f", 1, 1, "direct", "a message"))
    problems.append(Problem("f", 1, 1, message="m", code="by-keyword"))
    findings.append(Finding("carried", 3))
    Unreadable(*_helper())
    code, message, hint = _outer()
    problems.append(Problem("f", 1, 1, code, message, hint=hint))
    problems.extend(Problem(p.file, 1, 1, p.code, p.message) for p in located.problems)
    problems.append(Problem("f", 1, 1, "multi-" + "part", "a message"))
    problems.append(Problem("f", 1, 1, kind, "a message"))

def describe(code):
    return f"{code}: not a builder, for it makes no problem"

def not_a_code(located):
    return ("notacode", describe("no-code-either"))
'''


def test_the_scan_finds_the_code_of_every_way_a_problem_is_made() -> None:
    scan = scan_sources({"shapes.py": SHAPES})
    assert sorted(scan.raised) == ["builder-method", "by-keyword", "carried", "direct", "helper-code", "pair-one",
                                   "pair-two", "via-located"]
    assert [u.split(": ", 1)[1] for u in scan.unresolved] == ["'multi-' + 'part'",
                                                              "'kind' is not unpacked from a tuple"]


def test_the_scan_understands_every_code_argument_in_the_package() -> None:
    assert SCAN.unresolved == [], "teach the scan here this way of making a problem, or pass a literal code"


def test_the_scan_finds_the_codes_of_the_validator_corpus() -> None:
    # The codes the mistake corpus expects are real codes; the scan must see every one of them.
    from .test_validator_corpus import MISTAKES

    expected = {code for mistake in MISTAKES for _, _, code, _, _ in mistake.expected}
    assert expected <= set(SCAN.raised)


# ---------------------------------------------------------------- the catalogue is complete, and only that


def test_every_code_a_problem_can_carry_has_a_page() -> None:
    missing = {code: where[0] for code, where in SCAN.raised.items() if code not in PROBLEM_CODES}
    assert not missing, f"codes without a page in pmm_rules/codes.py (code: where raised): {missing}"


def test_every_page_is_for_a_code_that_is_raised() -> None:
    raised = set(SCAN.raised)
    waiting = {code for group in AHEAD_OF_MERGE.values() if not group & raised for code in group}
    stale = set(PROBLEM_CODES) - raised - waiting
    assert not stale, f"pages in pmm_rules/codes.py for codes nothing raises: {sorted(stale)}"


def test_the_pages_written_ahead_of_a_merge_are_pages_of_the_catalogue() -> None:
    for codes in AHEAD_OF_MERGE.values():
        assert codes <= set(PROBLEM_CODES)


# ---------------------------------------------------------------- the pages themselves


@pytest.mark.parametrize("entry", PROBLEM_CODES.values(), ids=list(PROBLEM_CODES))
def test_each_page_says_in_dutch_and_english_what_is_wrong_and_how_to_fix_it(entry: ProblemCode) -> None:
    assert CODE.fullmatch(entry.code)
    assert entry.group in GROUPS
    for text in (entry.title, entry.means, entry.fix):
        assert set(text) == {"nl", "en"}
        assert all(value.strip() == value and value for value in text.values())
    for text in (entry.means, entry.fix):
        assert text["nl"] != text["en"], "the English text is a translation, not a copy"
        assert all(value.endswith((".", ")")) for value in text.values()), "whole sentences"


def test_the_catalogue_lists_the_codes_group_by_group_in_the_order_of_the_groups() -> None:
    order = list(GROUPS)
    groups = [order.index(entry.group) for entry in PROBLEM_CODES.values()]
    assert groups == sorted(groups)
    assert all(code == entry.code for code, entry in PROBLEM_CODES.items())


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_two_codes_have_the_same_title(lang: str) -> None:
    titles = [entry.title[lang] for entry in PROBLEM_CODES.values()]
    assert len(set(titles)) == len(titles)


@pytest.mark.parametrize("entry", [e for e in PROBLEM_CODES.values() if e.good is not None],
                         ids=[c for c, e in PROBLEM_CODES.items() if e.good is not None])
def test_the_right_example_of_a_page_is_clean_yaml_or_json(entry: ProblemCode) -> None:
    from pmm_rules.errors import InvalidInput
    from pmm_rules.load import load_text

    assert entry.good is not None
    if entry.example_format == "yaml":
        try:
            located = load_text(entry.good, "voorbeeld.yaml")
        except InvalidInput as exc:
            pytest.fail(str(exc))
        assert located.problems == []
    elif entry.example_format == "json":
        json.loads(entry.good)
    assert entry.good != entry.bad


def test_problem_code_names_the_closest_codes_for_a_typo() -> None:
    with pytest.raises(KeyError) as caught:
        problem_code("unknown-operater")
    assert str(caught.value) == ("onbekende foutcode 'unknown-operater'; bedoelde je: unknown-operator, "
                                 "unknown-node, unknown-fact?")
    assert caught.value.suggestions == ["unknown-operator", "unknown-node", "unknown-fact"]
    with pytest.raises(KeyError) as caught:
        problem_code("zzz", lang="en")
    assert (str(caught.value), caught.value.suggestions) == ("unknown problem code 'zzz'", [])


def test_a_page_is_dutch_by_default_and_english_on_request() -> None:
    dutch = code_page("bwb-mismatch")
    assert dutch.startswith("# bwb-mismatch\n\n**BWB-id hoort bij een andere wet** (groep: Bronnen)\n")
    assert "## Wat het betekent" in dutch and "## Zo los je het op" in dutch and "## Voorbeeld" in dutch
    assert "```yaml\n- {law: wmo2015, article: 2.3.5, bwb_id: BWBR0035362}\n```" in dutch
    english = code_page("bwb-mismatch", "en")
    assert "## What it means" in english and "Right:" in english


def test_a_page_without_an_example_has_no_example_heading() -> None:
    assert PROBLEM_CODES["rule-cycle"].bad is None
    assert "## Voorbeeld" not in code_page("rule-cycle")


def test_help_text_is_the_page_without_its_heading_in_plain_text_and_in_markdown() -> None:
    text, markdown = help_text("yaml-tab")
    assert text.startswith("Een regel springt in met een tab.") and "\nZo los je het op\n" in text
    assert markdown.startswith("## Wat het betekent\n") and "# yaml-tab" not in markdown


def test_the_list_of_codes_has_every_code_once_under_its_group() -> None:
    listing = code_list()
    assert listing.startswith("Foutcodes van pmm-rules\n\nBestanden\n  file-unreadable ")
    for code in PROBLEM_CODES:
        assert len(re.findall(rf"^  {re.escape(code)} ", listing, re.M)) == 1


# ---------------------------------------------------------------- pmm-rules explain --code


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_explain_code_prints_the_page_in_dutch_or_english(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "explain", "--code", "unknown-operator") == (0, code_page("unknown-operator"), "")
    assert run(capsys, "explain", "--code", "yaml-tab", "--lang", "en") == (0, code_page("yaml-tab", "en"), "")


def test_explain_code_alone_lists_every_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "explain", "--code") == (0, code_list(), "")


def test_explain_an_unknown_code_exits_2_with_the_closest_codes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "explain", "--code", "yaml-tabs")
    assert (code, out) == (2, "")
    assert err == ("pmm-rules explain: fout: onbekende foutcode 'yaml-tabs'; bedoelde je: yaml-tab, yaml-tag, "
                   "yaml-syntax? (alle codes: pmm-rules explain --code)\n")


@pytest.mark.parametrize("args", [["explain"], ["explain", "wmo.regime.zelfredzaamheid", "--code", "yaml-tab"]],
                         ids=["neither", "both"])
def test_explain_needs_a_rule_or_a_code_not_both(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    code, _, err = run(capsys, *args)
    assert code == 2
    assert "--code" in err


def test_explain_help_shows_how_to_explain_a_code(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["explain", "--help"])
    out = capsys.readouterr().out
    assert "pmm-rules explain --code unknown-operator" in out and "pmm-rules explain --code   " in out


def test_the_help_of_the_command_does_not_load_the_catalogue() -> None:
    program = ("import sys\nfrom pmm_rules.tools.cli import main\ntry:\n    main(['explain', '--help'])\n"
               "except SystemExit:\n    pass\nprint('pmm_rules.codes' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip().endswith("False")


# ---------------------------------------------------------------- the validate report points at explain


def _problem(file: str = "regels/regel.yaml", code: str = "unknown-operator", line: int = 14) -> Problem:
    return Problem(file, line, 30, code, "unknown operator 'gte'", ("rules", 0, "when", "all", 1, "gte"),
                   "one of eq, ge", "did you mean 'ge'?")


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_the_report_of_validate_ends_with_how_to_explain_its_first_code(fmt: str) -> None:
    report = render_problems([_problem(code="yaml-tab"), _problem()], fmt, files=2)
    assert report.endswith("2 bestand(en) gecontroleerd: 2 fout(en), 0 waarschuwing(en); "
                           "uitleg bij een foutcode: pmm-rules explain --code yaml-tab\n")
    english = render_problems([_problem()], fmt, files=1, lang="en")
    assert english.endswith("1 file(s) checked: 1 error(s), 0 warning(s); "
                            "a code explained: pmm-rules explain --code unknown-operator --lang en\n")
    assert render_problems([], fmt, files=3).endswith("3 bestand(en) gecontroleerd, geen problemen gevonden\n")
    assert render_problems([], fmt, files=3, lang="en").endswith("3 file(s) checked, no problems found\n")


def test_validate_in_a_terminal_points_at_the_page_of_the_code_it_found(capsys: pytest.CaptureFixture[str],
                                                                        write: Callable[[str, str], Path]) -> None:
    from .test_validator_corpus import VALID_RULE_FILE

    path = write("regel.yaml", VALID_RULE_FILE.replace("ge: 18", "gte: 18"))
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 1
    assert out.splitlines()[-1].endswith("pmm-rules explain --code unknown-operator")


# ---------------------------------------------------------------- SARIF


SARIF_SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def _sarif(problems: list[Problem], base: Path, lang: str = "nl") -> dict[str, object]:
    report: dict[str, object] = json.loads(render_problems(problems, "sarif", files=1, base=base,
                                                          lang=lang))
    return report


def _run(report: dict[str, object]) -> dict[str, object]:
    runs = report["runs"]
    assert isinstance(runs, list)
    run: dict[str, object] = runs[0]
    return run


def test_sarif_is_valid_against_the_official_sarif_2_1_0_schema(tmp_path: Path) -> None:
    problems = [_problem(str(tmp_path / "regels" / "regel.yaml")), _problem("/elders/regel.yaml", "yaml-tab"),
                _problem("<data>", "case-reference"),
                Problem(str(tmp_path / "x.yaml"), 1, 1, "a-code-without-page", "m", severity="warning")]
    report = _sarif(problems, tmp_path)
    jsonschema.Draft4Validator.check_schema(SARIF_SCHEMA)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(report)


def test_sarif_gives_paths_relative_to_the_base_under_srcroot(tmp_path: Path) -> None:
    base = tmp_path / "mijn repo"
    inside = base / "regels" / "zorg #1" / ".." / "wet&regel 100%.yaml"
    run = _run(_sarif([_problem(str(inside))], base))
    base_uri = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base_uri == base.as_uri() + "/" and "mijn%20repo" in base_uri
    location = run["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "regels/wet%26regel%20100%25.yaml", "uriBaseId": "%SRCROOT%"}
    assert unquote(location["artifactLocation"]["uri"]) == "regels/wet&regel 100%.yaml"
    assert location["region"] == {"startLine": 14, "startColumn": 30}


def test_sarif_paths_given_relative_to_the_working_directory_are_relative_to_the_base_too(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "regels").mkdir()
    monkeypatch.chdir(tmp_path / "regels")
    run = _run(json.loads(render_problems([_problem("./sub/../regel.yaml")], "sarif", files=1)))
    location = run["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "regel.yaml", "uriBaseId": "%SRCROOT%"}
    run = _run(_sarif([_problem("./sub/../regel.yaml")], tmp_path))
    location = run["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "regels/regel.yaml", "uriBaseId": "%SRCROOT%"}


def test_sarif_gives_a_file_outside_the_base_an_absolute_file_uri(tmp_path: Path) -> None:
    outside = tmp_path / "site-packages" / "pmm_rules" / "rulesets" / "zorg wmo.yaml"
    run = _run(_sarif([_problem(str(outside))], tmp_path / "project"))
    artifact = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": outside.as_uri()}
    assert urlsplit(artifact["uri"]).scheme == "file" and "zorg%20wmo.yaml" in artifact["uri"]


def test_sarif_has_no_location_for_what_is_no_file(tmp_path: Path) -> None:
    run = _run(_sarif([_problem("<data>", "case-reference")], tmp_path))
    assert "locations" not in run["results"][0]


def test_sarif_describes_each_code_from_the_catalogue(tmp_path: Path) -> None:
    run = _run(_sarif([_problem(str(tmp_path / "a.yaml"), "yaml-bad-date"), _problem(str(tmp_path / "b.yaml"))],
                      tmp_path))
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["unknown-operator", "yaml-bad-date"]
    assert [r["ruleIndex"] for r in run["results"]] == [1, 0]
    rule = rules[1]
    text, markdown = help_text("yaml-bad-date")
    assert rule == {
        "id": "yaml-bad-date",
        "name": "YamlBadDate",
        "shortDescription": {"text": "Datum bestaat niet"},
        "fullDescription": {"text": PROBLEM_CODES["yaml-bad-date"].means["nl"]},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": "error"},
        "properties": {"tags": ["yaml"]},
    }
    assert "helpUri" not in rule
    english = _run(_sarif([_problem(str(tmp_path / "a.yaml"), "yaml-bad-date")], tmp_path, "en"))
    assert english["tool"]["driver"]["rules"][0]["shortDescription"] == {"text": "Date does not exist"}


def test_sarif_names_a_code_without_a_page_all_the_same(tmp_path: Path) -> None:
    run = _run(_sarif([_problem(str(tmp_path / "a.yaml"), "a-code-without-page")], tmp_path))
    assert run["tool"]["driver"]["rules"] == [{"id": "a-code-without-page", "name": "ACodeWithoutPage"}]


def test_the_code_scanning_workflow_uploads_what_validate_writes_as_sarif(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    import yaml

    ci = ROOT / "examples" / "ci"
    workflow = yaml.safe_load((ci / "code-scanning.yml").read_text(encoding="utf-8"))
    assert workflow["permissions"]["security-events"] == "write"
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    command, target = next(step["run"] for step in steps if step.get("run", "").startswith("pmm-rules ")).split(" > ")
    upload = next(step for step in steps if step.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert upload["with"]["sarif_file"] == target and upload["if"] == "always()"
    # The workflow's command in a copy of the example repository with one mistake: a BWB id of another law.
    for folder in ("regels", "toetsen"):
        shutil.copytree(ci / folder, tmp_path / folder)
    rule = tmp_path / "regels" / "jeugdhulp.yaml"
    text = rule.read_text(encoding="utf-8")
    rule.write_text(text.replace("bwb_id: BWBR0034925", "bwb_id: BWBR0035362", 1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, *command.split()[1:])
    assert code == 1
    report = json.loads(out)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(report)
    sarif_run = _run(report)
    assert sarif_run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}}
    [result] = sarif_run["results"]
    assert result["ruleId"] == "bwb-mismatch"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "regels/jeugdhulp.yaml", "uriBaseId": "%SRCROOT%"}


# ---------------------------------------------------------------- docs/codes.md


def test_the_page_of_codes_in_docs_is_generated_from_the_catalogue() -> None:
    from pmm_rules.tools.docgen import codes_page

    committed = (DOCS / "codes.md").read_text(encoding="utf-8")
    assert committed == codes_page(), "run: python -m pmm_rules.tools.docgen codes > docs/codes.md"
    for code in PROBLEM_CODES:
        assert f"\n### {code}\n" in committed and f"](#{code})" in committed
