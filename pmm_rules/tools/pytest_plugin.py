"""pytest collects scenario files as test items: one item per scenario, failures in the jurist's words.

Opt-in: installing pmm_rules never changes another project's test suite. A project asks for scenario files in
its pytest configuration (`pmm_rules_scenarios = scenarios/ regels/toetsen/`: YAML files below these paths with a
top-level `scenarios:` key are collected) or on the command line (`--pmm-scenarios`: collect scenario files among
the paths pytest is given). Further options: `--pmm-backend` (auto or a registered backend), `--pmm-rules PATH`
(rule and graph files to use instead of the bundled ones; ini: `pmm_rules_paths`) and `--pmm-allow-root DIR`
(scenario files may read case files below pytest's rootdir, and below DIR; ini: `pmm_rules_allow_root`) and
`--pmm-lang en` (failures and problems in English; ini: `pmm_rules_lang`; Dutch by default).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..errors import InvalidInput
from ..evaluate import AUTO, backend_names
from ..labels import Lang, label

_ENGINES: dict[tuple[str, tuple[str, ...]], Any] = {}


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("pmm_rules", "pmm_rules scenario files")
    group.addoption("--pmm-backend", choices=[AUTO, *backend_names()], default=AUTO,
                    help="rule engine for scenario files")
    group.addoption("--pmm-rules", action="append", default=[], metavar="PATH",
                    help="rule/graph files or folders for scenario files (default: the bundled rules)")
    group.addoption("--pmm-scenarios", action="store_true", default=False,
                    help="collect pmm_rules scenario files (YAML with a top-level 'scenarios:' key) among the paths "
                         "given; without it, only below the paths of the ini option pmm_rules_scenarios")
    group.addoption("--pmm-allow-root", action="append", default=[], metavar="DIR",
                    help="let scenario files read case files below DIR too (default: below the rootdir only)")
    group.addoption("--pmm-lang", choices=["nl", "en"], default=None,
                    help="language of scenario failures and problems (default: the ini option pmm_rules_lang, "
                         "else nl)")
    parser.addini("pmm_rules_lang", "language of scenario failures and problems: nl (default) or en", default="nl")
    parser.addini("pmm_rules_paths", "rule/graph files or folders for scenario files", type="paths", default=[])
    parser.addini("pmm_rules_scenarios", "collect the pmm_rules scenario files below these files or folders",
                  type="paths", default=[])
    parser.addini("pmm_rules_allow_root", "folders scenario files may read case files from, besides the rootdir",
                  type="paths", default=[])


def _lang(config: pytest.Config) -> Lang:
    chosen = config.getoption("--pmm-lang") or config.getini("pmm_rules_lang")
    return "en" if chosen == "en" else "nl"


def _roots(config: pytest.Config) -> list[Path]:
    return [config.rootpath, *(Path(p) for p in config.getoption("--pmm-allow-root")),
            *(Path(p) for p in config.getini("pmm_rules_allow_root"))]


def _wanted(config: pytest.Config, path: Path) -> bool:
    """Whether the project asked for this file to be collected as a scenario file."""
    if path.suffix not in (".yaml", ".yml"):
        return False
    roots = [Path(p).resolve() for p in config.getini("pmm_rules_scenarios")]
    if not roots and not config.getoption("--pmm-scenarios"):
        return False
    resolved = path.resolve()
    if roots and not any(resolved == root or root in resolved.parents for root in roots):
        return False
    from ..load import looks_like_scenario_file

    return looks_like_scenario_file(path)


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.File | None:
    if _wanted(parent.config, file_path):
        return ScenarioFile.from_parent(parent, path=file_path)
    return None


def _engine(config: pytest.Config) -> Any:
    from ..engine import Engine

    backend = config.getoption("--pmm-backend")
    paths = [*config.getoption("--pmm-rules"), *(str(p) for p in config.getini("pmm_rules_paths"))]
    key = (backend, tuple(paths))
    if key not in _ENGINES:
        _ENGINES[key] = Engine.from_paths(paths, backend) if paths else Engine.default(backend)
    return _ENGINES[key]


class ScenarioFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        from ..load import load_scenarios

        try:
            scenarios = load_scenarios(self.path, _roots(self.config))
        except InvalidInput as exc:
            lang = _lang(self.config)
            yield InvalidScenarioFile.from_parent(self, name=label("scenario.invalid_file", lang),
                                                  problems=exc.render(lang))
            return
        for loaded in scenarios:
            yield ScenarioItem.from_parent(self, name=loaded.scenario.name, loaded=loaded)


class ScenarioFailed(Exception):
    pass


class ScenarioItem(pytest.Item):
    def __init__(self, *, loaded: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.loaded = loaded
        # Tags are selectable with `-k` without having to register them as pytest markers.
        self.extra_keyword_matches.update(loaded.scenario.tags)

    def runtest(self) -> None:
        from .scenarios import run_scenario

        result = run_scenario(_engine(self.config), self.loaded)
        if not result.passed:
            raise ScenarioFailed(result.render(verbose=True, lang=_lang(self.config)))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, InvalidInput):
            return excinfo.value.render(_lang(self.config))
        if isinstance(excinfo.value, ScenarioFailed):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.loaded.line - 1, f"scenario: {self.name}"


class InvalidScenarioFile(pytest.Item):
    """Stands for a scenario file that does not load, so the run fails with its problems, not a traceback."""

    def __init__(self, *, problems: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.problems = problems

    def runtest(self) -> None:
        raise ScenarioFailed(self.problems)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        return str(excinfo.value)

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, "invalid scenario file"
