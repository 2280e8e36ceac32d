"""Embedding pmm_rules in a case system: hand over a case as plain data, get explained advice back.

    python examples/embed.py [ADVICE.json]

Prints, per need, who is responsible, and the next escalation step; writes the advice as the JSON
contract (docs/design.md, 3.3) to ADVICE.json (default: advice.json); then shows what a case system gets for a
case that is not valid. See docs/api.md.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from pmm_rules import Case, Engine, InvalidInput

# A case as a case system holds it: plain data (from a database row, a form, a JSON request), with
# pseudonymous ids only, never a name or a BSN. Facts that are not given are unknown, not false.
CASE: dict[str, Any] = {
    "schema_version": 1,
    "id": "crm-2026-0042",
    "reference_date": "2026-11-01",
    "municipality": {"name": "Voorbeeldstad", "pmm_connected": True},
    "members": [{"id": "client", "age": 58, "conditions": ["lichamelijke_beperking", "somatische_aandoening"]}],
    "needs": [
        {"id": "verzorging", "member": "client", "provision": "persoonlijke_verzorging", "medical": True},
        {"id": "huishouden", "member": "client", "provision": "huishoudelijke_hulp"},
        {"id": "rolstoel", "member": "client", "provision": "hulpmiddel", "context": "thuis", "urgent": True},
    ],
    "refusals": [
        {"need": "rolstoel", "by": "gemeente", "points_to": "zorgverzekeraar"},
        {"need": "rolstoel", "by": "zorgverzekeraar", "points_to": "gemeente"},
    ],
    "attempts": [{"step": "regulier", "outcome": "vastgelopen"}],
    "involved": ["gemeente", "zorgverzekeraar"],
}


def main(output: Path) -> None:
    engine = Engine.default()  # built once per process; safe to share between threads

    # Case.from_data raises InvalidInput listing every problem; Case.model_validate raises pydantic's
    # ValidationError instead.
    case = Case.from_data(CASE, source=CASE["id"])
    advice = engine.advise(case)

    collisions = {c.id: c for c in advice.collisions}
    print(f"case {advice.case_id} (reference date {advice.reference_date})")
    for need in advice.needs:
        if need.responsible is not None:
            who = (f"{need.responsible.law}: executor {need.responsible.executor}, "
                   f"financier {need.responsible.financier}")
        else:
            who = "no responsible regime yet"
        kinds = ", ".join(collisions[c].kind for c in need.collisions)
        print(f"  {need.need} ({need.provision}): {who}" + (f" [{kinds}]" if kinds else ""))
    print(f"next step: {advice.escalation.next_step or 'none'}")

    output.write_text(advice.to_json(), encoding="utf-8")
    print(f"advice written to {output}")

    # A case with mistakes: the case system gets every problem at once, each with the path to the value.
    bad = {**CASE, "id": "crm-2026-0043", "members": [{"id": "client", "age": -1}],
           "needs": [*CASE["needs"], {"id": "vervoer", "member": "partner", "provision": "taxi"}]}
    try:
        engine.advise(Case.from_data(bad, source=bad["id"]))
    except InvalidInput as exc:
        print(f"case {bad['id']} refused ({len(exc.problems)} problems):")
        for problem in exc.problems:
            print(f"  {problem.described()}")  # Dutch; problem.described("en") in English


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "advice.json"))
