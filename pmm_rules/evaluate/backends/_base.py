"""What a backend is: the documented extension point for evaluating the compiled form of a rule base.

A backend gets the compiled rules once, and opens one `Session` per evaluation of a case. The engine calls
`Session.run` once per stratum, with the rules of that stratum valid on the case's reference date and the
facts of each subject (the case, each need, each debt); derived facts of earlier strata are already in them.
The session answers, per (rule id, subject key), whether the rule's condition is definitely true
("fired") or unknown ("undetermined") in Kleene logic; what it leaves out is "not_fired".

The reference backend (`pmm_rules.evaluate.backends.reference`) is the definition of these semantics in a
few lines; any other backend must give the same outcomes on every input (the differential tests hold the
bundled ones to that).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from typing import Self

    from ...errors import Problem, Severity
    from ...model import CompiledRule, Outcome

FlatFacts = dict[str, Any]
"""The facts of one subject: fact path → value, `None` where unknown."""

SubjectFacts = tuple[str, str, FlatFacts]
"""One subject to evaluate: its key ("case", "need:<id>", "debt:<id>"), its kind ("case", "need", "debt"),
and its facts."""


class Session(ABC):
    """One evaluation of one case. Enter it before the first `run` and leave it after the last, always:
    a backend that keeps state per evaluation creates it on entry and frees it on exit."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    @abstractmethod
    def run(self, rules: list[CompiledRule], stratum: int,
            subjects: list[SubjectFacts]) -> dict[tuple[str, str], Outcome]:
        """Outcome per (rule id, subject key) for the rules of one stratum, each rule only for the subjects
        of its kind; rules that do not fire for a subject may be left out (they are "not_fired")."""


class Backend(ABC):
    """Evaluates the compiled rules. Subclass it, give it a `name`, and register it with
    `pmm_rules.evaluate.register_backend` to make it selectable by name (the CLI's --backend, the pytest
    plugin's --pmm-backend and `Engine.default(backend=...)`).

    The constructor gets every compiled rule of the rule base once; do the expensive work there."""

    name: ClassVar[str]

    @abstractmethod
    def __init__(self, rules: Iterable[CompiledRule]) -> None:
        """Prepare to evaluate these rules (every rule of the rule base, of every stratum and date)."""

    @abstractmethod
    def session(self) -> Session:
        """A new session for one evaluation."""

    @classmethod
    def available(cls) -> bool:
        """Whether this backend can run in this process (its libraries import); "auto" skips it if not."""
        return True

    @classmethod
    def limit_problems(cls, rules: Sequence[CompiledRule], severity: Severity = "error") -> list[Problem]:
        """What in these rules this backend cannot run (fixed limits of its engine), as problems placed at the
        rules, for `pmm-rules validate`. Must not start the engine: a rule set past a limit may hang it. The
        constructor refuses the same rules with `EngineLimitError`."""
        return []
