"""Scenario files with their cases: each scenario's case read (from its file or inline), `set:` applied, and
checked, every problem of the file with its place."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import InvalidInput, Problem, msg
from ..model import Case, Scenario, ScenarioFile
from ._casepath import PathError, set_path
from ._cases import validate_case_data
from ._check_scenario import expectation_problems
from ._inputs import PathRefused, read_yaml, resolve_below
from ._pydantic import model_problems
from ._shape import shape_problems
from ._yaml import Located


@dataclass(frozen=True)
class LoadedScenario:
    scenario: Scenario
    case: Case
    file: str
    line: int
    index: int

    @property
    def id(self) -> str:
        return f"{Path(self.file).name}::{self.scenario.name}"


def load_scenarios(path: str | Path, roots: Sequence[Path] | None = None) -> list[LoadedScenario]:
    """Every scenario of a file, with its case loaded and `set:` applied; `InvalidInput` lists all problems.

    A case given as a path is read only if it lies below one of `roots` (default: the working directory), once
    `..` and symbolic links are resolved; absolute paths are refused (`docs/security.md`)."""
    located = read_yaml(path)
    problems: list[Problem] = [*located.problems, *shape_problems(located, "scenario")]
    if problems:
        raise InvalidInput(problems, what=str(path))
    parsed, problems = model_problems(located, ScenarioFile)
    if problems or parsed is None:
        raise InvalidInput(problems, what=str(path))
    out = []
    for i, scenario in enumerate(parsed.scenarios):
        problems.extend(expectation_problems(located, i))
        base = ("scenarios", i, "case")
        try:
            if isinstance(scenario.case, str):
                try:
                    case_path = resolve_below(located.file, scenario.case, roots)
                except PathRefused as exc:
                    problems.append(located.problem(base, "case-path-refused", exc.message,
                                                    hint=msg("hint.case-path-refused")))
                    continue
                if not case_path.is_file():
                    problems.append(located.problem(base, "case-missing",
                                                    msg("problem.case-missing.looked", path=scenario.case,
                                                        folder=case_path.parent),
                                                    hint=msg("hint.case-missing")))
                    continue
                case_file = read_yaml(case_path)
                problems.extend(case_file.problems)
                data, case_located = case_file.data, case_file
            else:
                data = scenario.case
                case_located = Located(data, located.file, {k[3:]: v for k, v in located.marks.items()
                                                            if k[:3] == base})
            for key, value in sorted((scenario.set or {}).items()):
                data = set_path(data, key, value)
            case = validate_case_data(Located(data, case_located.file, case_located.marks))
        except InvalidInput as exc:
            problems.extend(p if isinstance(scenario.case, str) else
                            replace(p, path=(*base, *p.path)) for p in exc.problems)
            continue
        except PathError as exc:
            problems.append(located.problem(("scenarios", i, "set"), "bad-set-path",
                                            msg("problem.bad-set-path", why=exc.message)))
            continue
        out.append(LoadedScenario(scenario, case, located.file, located.where(("scenarios", i))[0], i))
    if problems:
        raise InvalidInput(problems, what=str(path))
    return out
