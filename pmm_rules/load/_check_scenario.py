"""The meaning of scenario files: their cases, and identifiers in `expect:` that the vocabulary knows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import InvalidInput, PathElement, Problem, msg
from ..model import ScenarioFile, Vocabulary, closest
from ._cases import validate_case_data
from ._inputs import PathRefused, default_vocabulary, resolve_below
from ._yaml import Located


def scenario_file_problems(located: Located, parsed: ScenarioFile,
                           roots: Sequence[Path] | None = None) -> list[Problem]:
    problems: list[Problem] = []
    for i, scenario in enumerate(parsed.scenarios):
        problems.extend(expectation_problems(located, i))
        if isinstance(scenario.case, str):
            try:
                case_path = resolve_below(located.file, scenario.case, roots)
            except PathRefused as exc:
                problems.append(located.problem(("scenarios", i, "case"), "case-path-refused", exc.message,
                                                hint=msg("hint.case-path-refused")))
                continue
            if not case_path.is_file():
                problems.append(located.problem(("scenarios", i, "case"), "case-missing",
                                                msg("problem.case-missing", path=scenario.case),
                                                hint=msg("hint.case-missing")))
        else:
            try:
                validate_case_data(Located(scenario.case, located.file,
                                           {k[3:]: v for k, v in located.marks.items()
                                            if k[:3] == ("scenarios", i, "case")}))
            except InvalidInput as exc:
                problems.extend(replace(p, path=("scenarios", i, "case", *p.path)) for p in exc.problems)
    return problems


def _matched_values(matcher: Any) -> list[tuple[tuple[PathElement, ...], Any]]:
    """The values a list matcher names, with their path below the matcher."""
    if isinstance(matcher, list):
        return [((j,), v) for j, v in enumerate(matcher)]
    if isinstance(matcher, dict):
        out: list[tuple[tuple[PathElement, ...], Any]] = []
        for key in ("contains", "excludes", "equals"):
            if isinstance(matcher.get(key), list):
                out += [((key, j), v) for j, v in enumerate(matcher[key])]
        return out
    return []


def expectation_problems(located: Located, index: int, vocab: Vocabulary | None = None) -> list[Problem]:
    """Identifiers in a scenario's `expect:` that the vocabulary does not know: a typo there would make an
    expectation pass silently (`excludes: [breed_moratorim]` is always true)."""
    vocab = vocab or default_vocabulary()
    scenarios = located.data.get("scenarios") if isinstance(located.data, dict) else None
    if not isinstance(scenarios, list) or index >= len(scenarios) or not isinstance(scenarios[index], dict):
        return []
    expect = scenarios[index].get("expect")
    if not isinstance(expect, dict):
        return []
    base: tuple[PathElement, ...] = ("scenarios", index, "expect")
    problems: list[Problem] = []

    def check(value: Any, list_name: str, path: tuple[PathElement, ...], allow_none: bool = False) -> None:
        if value is None and allow_none:
            return
        options = vocab.values(list_name)
        if value not in options:
            guess = closest(str(value), list(options))
            problems.append(located.problem((*base, *path), "unknown-identifier",
                                            msg("problem.unknown-identifier", value=repr(value),
                                                kind=msg(f"says.list.{list_name}")),
                                            expected=msg("says.one_of", options=options),
                                            hint=msg("says.did_you_mean", guess=guess) if guess else None))

    for key, list_name in (("collisions", "collision_kinds"), ("timeouts", "timeout_instruments"),
                           ("deadlines", "deadlines"), ("leeway", "leeway_bases"), ("notices", "notices")):
        for sub, value in _matched_values(expect.get(key)):
            check(value, list_name, (key, *sub))
    for key, list_name in (("timeout_terms", "timeout_instruments"), ("deadline_terms", "deadlines"),
                           ("leeway_targets", "leeway_bases"), ("notice_terms", "notices")):
        if isinstance(expect.get(key), dict):
            for name in expect[key]:
                check(name, list_name, (key, name))
    escalation = expect.get("escalation")
    if isinstance(escalation, dict):
        for key in ("next_step", "current_step"):
            if key in escalation:
                check(escalation[key], "escalation_steps", ("escalation", key), allow_none=True)
    bridging = expect.get("bridging")
    if isinstance(bridging, dict):
        if "likely_financier" in bridging:
            check(bridging["likely_financier"], "actors", ("bridging", "likely_financier"), allow_none=True)
        for sub, value in _matched_values(bridging.get("candidates")):
            check(value, "laws", ("bridging", "candidates", *sub))
    needs = expect.get("needs")
    if isinstance(needs, dict):
        for need_id, need in needs.items():
            if not isinstance(need, dict):
                continue
            regimes = need.get("regimes")
            if isinstance(regimes, dict):
                for law in regimes:
                    check(law, "laws", ("needs", need_id, "regimes", law))
            for sub, value in _matched_values(need.get("collisions")):
                check(value, "collision_kinds", ("needs", need_id, "collisions", *sub))
            responsible = need.get("responsible")
            if isinstance(responsible, dict):
                for key, list_name in (("law", "laws"), ("executor", "actors"), ("financier", "actors")):
                    if key in responsible:
                        check(responsible[key], list_name, ("needs", need_id, "responsible", key), allow_none=True)
    return problems
