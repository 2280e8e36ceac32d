"""Cases from files, folders, JSON Lines and data: every problem of a case at its line and path."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ..errors import InvalidInput, Problem, msg, sort_problems
from ..model import Case, reference_problems
from ._inputs import JSON_LINES_SUFFIX, case_files, json_lines, read_document
from ._pydantic import model_problems
from ._shape import shape_problems
from ._yaml import UNREADABLE_CODES, Located, from_data


def validate_case_data(located: Located) -> Case:
    """A valid `Case` from located data, or `InvalidInput` with every problem, each at its line and path."""
    references = [located.problem(path, "case-reference", message)
                  for path, message in reference_problems(located.data)]
    # A value that could not be read is reported once, by the loader, not again as missing or of the wrong type.
    unreadable = {p.path for p in located.problems if p.code in UNREADABLE_CODES}
    problems = [*located.problems, *(p for p in [*shape_problems(located, "case"), *references]
                                     if p.path not in unreadable)]
    if problems:
        raise InvalidInput(sort_problems(problems), what=msg("problem.what.case", file=located.file))
    parsed, problems = model_problems(located, Case)
    if problems:
        raise InvalidInput(sort_problems(problems), what=msg("problem.what.case", file=located.file))
    assert isinstance(parsed, Case)
    return parsed


def load_case(path: str | Path) -> Case:
    """A case file (YAML or JSON, by its suffix); `InvalidInput` lists every problem with its location."""
    return validate_case_data(read_document(path))


def case_from_data(data: Any, source: str = "<case>") -> Case:
    """A case from plain data (a JSON request, a database row); `InvalidInput` lists every problem."""
    return validate_case_data(from_data(data, source))


def iter_located_cases(paths: Sequence[str | Path], problems: list[Problem]) -> Iterator[tuple[str, int, Case]]:
    """(file, line, case) for the cases in files, folders (recursively) and JSON Lines files, in that order; bad
    cases go to `problems`, each at its file and line, and the cases after them are read."""
    for file in case_files(paths, problems):
        if file.suffix == JSON_LINES_SUFFIX:
            for number, data in json_lines(file, problems):
                try:
                    yield str(file), number, validate_case_data(from_data(data, str(file), number))
                except InvalidInput as exc:
                    problems.extend(exc.problems)
            continue
        try:
            yield str(file), 1, load_case(file)
        except InvalidInput as exc:
            problems.extend(exc.problems)


def iter_cases(paths: Sequence[str | Path], problems: list[Problem]) -> Iterator[Case]:
    """Cases from files, folders (recursively) and JSON Lines files; bad cases go to `problems`."""
    for _file, _line, case in iter_located_cases(paths, problems):
        yield case
