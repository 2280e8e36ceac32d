"""Advice for a file of cases (JSON Lines), written byte for byte, to prove that a change of code keeps the advice.

    python benchmarks/advice_snapshot.py cases.jsonl > before.jsonl     # on the old tree
    python benchmarks/advice_snapshot.py cases.jsonl > after.jsonl      # on the new tree
    cmp before.jsonl after.jsonl

Only the public API is used, so the script runs unchanged on both sides of a refactoring. The evaluation time is
fixed, so equal advice gives equal bytes; every backend that runs here is written (one block per backend), both
as `advise(case).to_json()` and as `advise_json(case)`.
"""

from __future__ import annotations

import json
import sys

from pmm_rules import Case, Engine

STAMP = "snapshot"


def main(path: str) -> None:
    with open(path, encoding="utf-8") as handle:
        cases = [Case.model_validate(json.loads(line)) for line in handle if line.strip()]
    out = sys.stdout
    for backend in ("reference", "durable"):
        try:
            engine = Engine.default(backend=backend)
        except Exception as exc:  # durable_rules is not installed here: say so, and go on
            out.write(f"# backend {backend} not available: {type(exc).__name__}\n")
            continue
        out.write(f"# backend {backend}\n")
        for case in cases:
            out.write(engine.advise(case, evaluated_at=STAMP).to_json())
            out.write(engine.advise_json(case, evaluated_at=STAMP))


if __name__ == "__main__":
    main(sys.argv[1])
