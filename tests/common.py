"""What many tests share: where things are, and which backends run here. (Imported by the tests themselves;
`conftest.py` only holds fixtures.)"""

from __future__ import annotations

from pathlib import Path

import yaml

from pmm_rules import Case
from pmm_rules.evaluate import backend_class, backend_names

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "pmm_rules"
EXAMPLES = ROOT / "examples"
DOCS = ROOT / "docs"
# The example cases are the YAML files of examples/ that hold a case (a `members:` list).
BUNDLED_CASES = PACKAGE / "scenarios" / "cases"
"""The example cases as the package ships them: the bundled scenarios and the page of `pmm-rules serve` read these."""
EXAMPLE_CASES = sorted(p for p in EXAMPLES.glob("*.yaml") if "\nmembers:" in p.read_text(encoding="utf-8"))
# Every registered backend that can run here, the reference first: it is the oracle.
BACKENDS = sorted((name for name in backend_names() if backend_class(name).available()),
                  key=lambda name: name != "reference")


def scenario_case(scenario_file: Path, name_start: str, **changes: object) -> Case:
    """The inline case of the scenario in `scenario_file` whose name starts with `name_start`, with top-level fields
    changed: tests that look where a scenario cannot (a condition's words, a citation's lid) use the scenario's case."""
    for scenario in yaml.safe_load(scenario_file.read_text(encoding="utf-8"))["scenarios"]:
        if scenario["name"].startswith(name_start) and isinstance(scenario["case"], dict):
            return Case.model_validate({**scenario["case"], **changes})
    raise AssertionError(f"no scenario {name_start!r} in {scenario_file.name}")
