"""The example cases the page offers: copies of `examples/*.yaml` shipped inside the package (a test keeps them
equal to the originals), so that an installed package has them too."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..load import read_yaml


@dataclass(frozen=True)
class Example:
    name: str  # the file name without .yaml: stemtolk
    case_id: str
    description: str  # the comment at the top of the file
    text: str  # the YAML as written
    data: Any


def examples_folder() -> Path:
    return Path(str(resources.files("pmm_rules").joinpath("scenarios/cases")))


@cache
def examples() -> dict[str, Example]:
    out: dict[str, Example] = {}
    for path in sorted(examples_folder().glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        comment = " ".join(line.lstrip("# ").strip() for line in text.splitlines() if line.startswith("#"))
        data = read_yaml(path).data
        out[path.stem] = Example(path.stem, str(data.get("id", path.stem)), comment, text, data)
    return out
