"""JSON Schemas of every file format, generated from the pydantic models and shipped in the package.

The shipped files (`pmm_rules/schemas/*.json`) are what `pmm-rules schema NAME` prints and what the
validator checks shape against; `python -m pmm_rules.model._schemas` regenerates them after a model changes
(a test fails while they are stale).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the CLI reads SCHEMA_NAMES for its --help, which must not import pydantic
    from pydantic import BaseModel

SCHEMA_NAMES = ("rule", "graph", "vocabulary", "case", "advice", "scenario")
_BASE_URL = "https://pmm-rules.invalid/schema/v1/"


def _models() -> dict[str, type[BaseModel]]:
    from ._advice import Advice
    from ._case import Case
    from ._graphfile import GraphFile
    from ._rules import RuleFile
    from ._scenario import ScenarioFile
    from ._vocabulary_file import VocabularyFile

    return {"rule": RuleFile, "graph": GraphFile, "vocabulary": VocabularyFile, "case": Case,
            "advice": Advice, "scenario": ScenarioFile}


def generate_schema(name: str) -> dict[str, Any]:
    model = _models()[name]
    # The advice is output: its schema describes what is written (every field, always); the other formats are input.
    schema = model.model_json_schema(by_alias=True, mode="serialization" if name == "advice" else "validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{_BASE_URL}{name}.json",
            "title": f"pmm_rules {name} file (schema_version 1)", **schema}


def schema_text(schema: dict[str, Any]) -> str:
    """A schema as the shipped files write it (sorted keys, so regenerating gives the same bytes)."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_schemas(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMA_NAMES:
        path = directory / f"{name}.json"
        path.write_text(schema_text(generate_schema(name)), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover - maintenance entry point
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent.parent / "schemas"
    for path in write_schemas(target):
        print(path)
