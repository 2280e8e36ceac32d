"""The rule base: rule and graph files loaded and checked together, every problem of every file in one run.

Order of checks per file: YAML (strict, no code), shape (JSON Schema), meaning (pydantic models), then the
vocabulary (identifiers, fact paths, operator/type fit, citations). Across files: unique rule ids, derived
facts that some rule writes, acyclic strata and precedence, and no two rules claiming the same situation with
contradicting conclusions. One bad file never hides another, and nothing already loaded is lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from ..errors import InvalidInput, PathElement, Problem, msg, sort_problems
from ..model import CompiledRule, GraphFile, LoadedRule, RuleFile, ScenarioFile, Vocabulary
from ._cases import validate_case_data
from ._check_graph import graph_consistency_problems, graph_file_problems, precedence_problems
from ._check_rules import conflict_problems, partial_rule_problems, rule_file_problems
from ._check_scenario import scenario_file_problems
from ._compile import compile_rules
from ._inputs import bundled_paths, default_vocabulary, expand, read_document
from ._pydantic import model_problems
from ._shape import shape_problems
from ._yaml import UNREADABLE_CODES, Located


def _kind_of(located: Located) -> str | None:
    data = located.data
    if not isinstance(data, dict):
        return None
    if "rules" in data:
        return "rule"
    if "nodes" in data or "edges" in data:
        return "graph"
    if "scenarios" in data:
        return "scenario"
    if _CASE_KEYS & data.keys():  # a case without its members is still a case, with a problem to report
        return "case"
    return None


# Top-level keys only a case has: a file with any of them is checked as `advise` reads a case.
_CASE_KEYS = {"members", "needs", "debts", "reference_date", "debt_assistance"}


@dataclass
class RuleBase:
    """Rules and graph files that loaded cleanly, with everything found wrong along the way."""

    rules: list[LoadedRule] = field(default_factory=list)
    graphs: list[tuple[str, GraphFile]] = field(default_factory=list)
    compiled: list[CompiledRule] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    graph_files: dict[str, Located] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    vocabulary: Vocabulary | None = None  # what the files were checked against


def _line_of(located: Located, path: tuple[PathElement, ...]) -> int:
    return located.where(path)[0]


def _strictly_valid(model: type[BaseModel], located: Located) -> BaseModel | None:
    try:
        return model.model_validate(located.data, strict=True)
    except ValidationError:
        return None


def check_paths(paths: Sequence[str | Path], vocab: Vocabulary | None = None,
                roots: Sequence[Path] | None = None) -> RuleBase:
    """Load and check rule and graph files; scenario files for shape and meaning; case files (YAML or JSON) exactly as
    `advise` reads them, with the same problems. Case paths in scenario files must lie below `roots` (default: the
    working directory)."""
    vocab = vocab or default_vocabulary()
    base = RuleBase(vocabulary=vocab)
    parsed_rules: list[tuple[Located, RuleFile]] = []
    for path in expand(paths, base.problems):
        base.files.append(str(path))
        try:
            located = read_document(path)
        except InvalidInput as exc:
            base.problems.extend(exc.problems)
            continue
        kind = _kind_of(located)
        if kind == "case":  # exactly the problems `pmm-rules advise` reports for this file
            try:
                validate_case_data(located)
            except InvalidInput as exc:
                base.problems.extend(exc.problems)
            continue
        base.problems.extend(located.problems)
        if kind is None:
            base.problems.append(located.problem((), "unknown-file-kind",
                                                 msg("problem.unknown-file-kind"),
                                                 expected=msg("expected.unknown-file-kind")))
            continue
        models: dict[str, type[BaseModel]] = {"rule": RuleFile, "graph": GraphFile, "scenario": ScenarioFile}
        model = models[kind]
        # Fast path: a file the model accepts in strict mode (no coercion at all) also fits the schema, which
        # is generated from the model; jsonschema, which gives the friendlier messages, is three quarters of
        # the time of a clean run. Anything strict mode refuses takes the full path below.
        parsed = _strictly_valid(model, located) if not located.problems else None
        problems: list[Problem] = []
        if parsed is None:
            # A value YAML could not read (a bad date) is reported once, by the loader, not again as missing.
            unreadable = {p.path for p in located.problems if p.code in UNREADABLE_CODES}
            shape = [p for p in shape_problems(located, kind) if p.path not in unreadable]
            if located.problems and unreadable and not shape:
                continue
            if shape:
                base.problems.extend(shape)
                if kind == "rule":
                    base.problems.extend(partial_rule_problems(located, shape, vocab))
                continue
            parsed, problems = model_problems(located, model)
        base.problems.extend(problems)
        if located.problems:
            continue
        if parsed is None:
            continue
        if isinstance(parsed, RuleFile):
            parsed_rules.append((located, parsed))
        elif isinstance(parsed, GraphFile):
            base.problems.extend(graph_file_problems(located, parsed, vocab))
            base.graphs.append((located.file, parsed))
            base.graph_files[located.file] = located
        elif isinstance(parsed, ScenarioFile):
            base.problems.extend(scenario_file_problems(located, parsed, roots))

    derived: set[tuple[str, str]] = {(rule.subject, rule.then.derive) for _, rf in parsed_rules for rule in rf.rules
               if rule.then.derive is not None}
    seen: dict[str, tuple[str, int]] = {}
    for located, parsed in parsed_rules:
        file_problems = rule_file_problems(located, parsed, vocab, derived)
        base.problems.extend(file_problems)
        bad_rules = {p.path[1] for p in [*file_problems, *located.problems]
                     if len(p.path) > 1 and p.path[0] == "rules"}
        for i, rule in enumerate(parsed.rules):
            line = _line_of(located, ("rules", i))
            if rule.id in seen:
                first_file, first_line = seen[rule.id]
                base.problems.append(located.problem(("rules", i, "id"), "duplicate-rule-id",
                                                     msg("problem.duplicate-rule-id", id=rule.id,
                                                         where=f"{first_file}:{first_line}"),
                                                     hint=msg("hint.duplicate-rule-id")))
                continue
            seen[rule.id] = (located.file, line)
            if i not in bad_rules:
                column = located.where(("rules", i))[1]
                base.rules.append(LoadedRule(rule, located.file, line, column, i, parsed.domain))
    base.compiled, strata_problems = compile_rules(base.rules)
    base.problems.extend(strata_problems)
    base.problems.extend(conflict_problems(base.compiled))
    base.problems.extend(precedence_problems(base.graphs, base.graph_files))
    base.problems.extend(graph_consistency_problems(base.graphs, base.graph_files))
    base.problems = sort_problems(base.problems)
    return base


def load_rulebase(paths: Sequence[str | Path] | None = None, vocab: Vocabulary | None = None) -> RuleBase:
    """The rule base of `paths` (default: the bundled files), checked against `vocab` (default: the bundled
    vocabulary); raise `InvalidInput` if anything is wrong."""
    base = check_paths(paths if paths is not None else bundled_paths(), vocab)
    if base.problems:
        raise InvalidInput(base.problems, what=msg("problem.what.rule_base"))
    return base
