"""JSON Schemas of every file format, generated from the pydantic models and shipped in the package.

The shipped files (`pmm_rules/schemas/*.json`) are what `pmm-rules schema NAME` prints and what the
validator checks shape against; `python -m pmm_rules.schemas` regenerates them after a model changes
(a test fails while they are stale).
"""

from __future__ import annotations

import json
import sys
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel

SCHEMA_NAMES = ("rule", "graph", "vocabulary", "case", "advice", "scenario")
_BASE_URL = "https://pmm-rules.invalid/schema/v1/"


def _models() -> dict[str, type[BaseModel]]:
    from .advice import Advice
    from .case import Case
    from .graphspec import GraphFile
    from .rules import RuleFile
    from .scenario import ScenarioFile
    from .vocabulary_model import VocabularyFile

    return {"rule": RuleFile, "graph": GraphFile, "vocabulary": VocabularyFile, "case": Case,
            "advice": Advice, "scenario": ScenarioFile}


def generate(name: str) -> dict[str, Any]:
    model = _models()[name]
    schema = model.model_json_schema(by_alias=True, mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{_BASE_URL}{name}.json",
            "title": f"pmm_rules {name} file (schema_version 1)", **schema}


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


@cache
def shipped(name: str) -> dict[str, Any]:
    """The shipped schema `name` (one of SCHEMA_NAMES)."""
    if name not in SCHEMA_NAMES:
        raise KeyError(name)
    text = resources.files("pmm_rules").joinpath(f"schemas/{name}.json").read_text(encoding="utf-8")
    result: dict[str, Any] = json.loads(text)
    return result


def write_all(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMA_NAMES:
        path = directory / f"{name}.json"
        path.write_text(render(generate(name)), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover - maintenance entry point
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "schemas"
    for path in write_all(target):
        print(path)
