"""What many tests share: where things are, and which backends run here. (Imported by the tests themselves;
`conftest.py` only holds fixtures.)"""

from __future__ import annotations

from pathlib import Path

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
