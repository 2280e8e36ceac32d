"""What to evaluate on a reference date, stratum by stratum, and the values later strata read.

A rule base holds rules of every period; a case is evaluated on the rules valid on its reference date. The
plan for a date (made once per date) lists them per stratum, with the derived facts some rule reads: after a
stratum, the engine writes those values into the subjects' facts, three-valued like everything else.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..model import CompiledRule, Outcome, RegimeStatus, derived_root


def regime_status(found: Iterable[tuple[str, Outcome]]) -> RegimeStatus | None:
    """The status of one law's regime for one need, from its regime rules: each rule's concluded status
    ("applies", "excluded" or "candidate") with its outcome. None: no rule says the regime could apply.

    An exclusion that fired wins; a rule that fired for "applies" gives "applies" unless an exclusion is still
    undetermined; whatever could still apply is "undetermined": an application that is undetermined, and a
    candidate (a law that waits for a decision outside the facts, such as a CIZ indication), fired or not yet.
    An undetermined exclusion alone leaves the regime out: nothing says it applies, so whether it is also
    excluded changes nothing. The advice shows this status, and rules that read `regime.<law>` get it as a fact
    (see `derived_value`): one precedence for both.
    """
    seen = set(found)
    if ("excluded", "fired") in seen:
        return "excluded"
    if ("applies", "fired") in seen and ("excluded", "undetermined") not in seen:
        return "applies"
    if seen & {("applies", "fired"), ("applies", "undetermined"), ("candidate", "fired"),
               ("candidate", "undetermined")}:
        return "undetermined"
    return None


# What a rule reading `regime.<law>` sees for each status: "none" when no regime rule could apply.
REGIME_FACT: dict[RegimeStatus | None, str | None] = {
    "applies": "applies", "excluded": "excluded", "undetermined": None, None: "none"}


def derived_value(kind: str, writers: list[tuple[CompiledRule, Outcome]]) -> Any:
    """The value later rules read for a derived path, from the outcomes of the rules that write it."""
    if kind == "regime":
        return REGIME_FACT[regime_status((r.conclusion[1].status, o) for r, o in writers)]
    outcomes = [o for _, o in writers]
    if "fired" in outcomes:
        return True
    return None if "undetermined" in outcomes else False


@dataclass(frozen=True)
class Stratum:
    number: int
    rules: list[CompiledRule]
    kinds: frozenset[str]  # the subject kinds its rules are about
    # per subject kind: the derived paths its rules write, the kind of value, and every valid writer
    derived: dict[str, list[tuple[str, str, list[CompiledRule]]]]


@dataclass(frozen=True)
class Plan:
    rules: list[CompiledRule]
    strata: list[Stratum]

    @classmethod
    def of(cls, valid: list[CompiledRule]) -> Plan:
        writers: dict[str, list[CompiledRule]] = {}
        for rule in valid:
            if rule.writes:
                writers.setdefault(rule.writes, []).append(rule)
        # Only conclusions that some rule reads become facts (every regime rule writes one; few are read).
        read = {root for rule in valid for path in rule.reads if (root := derived_root(path)) is not None}
        strata = []
        for number in sorted({r.stratum for r in valid}):
            rules = [r for r in valid if r.stratum == number]
            derived: dict[str, list[tuple[str, str, list[CompiledRule]]]] = {}
            for path in sorted({r.writes for r in rules if r.writes is not None and r.writes in read}):
                for kind in sorted({w.subject for w in writers[path]}):
                    derived.setdefault(kind, []).append(
                        (path, path.split(".", 1)[0], [w for w in writers[path] if w.subject == kind]))
            strata.append(Stratum(number, rules, frozenset(r.subject for r in rules), derived))
        return cls(valid, strata)
