"""The engine: evaluates the rule base on a case, stratum by stratum, and composes the advice.

    >>> from pmm_rules import Engine, Case
    >>> engine = Engine.default()                      # durable_rules where it runs, else the reference
    >>> advice = engine.advise(Case.from_yaml("examples/stemtolk.yaml"))
    >>> Engine.default(backend="reference")            # the pure-Python evaluator
"""

from __future__ import annotations

import collections
import datetime as dt
import functools
import gc
import itertools
import logging
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Literal, Protocol, TypeVar

from . import __version__
from .advice import Advice
from .case import Case
from .compiler import CompiledRule, Outcome, derived_root, rules_sha256
from .compose import Composer, Evaluation
from .errors import EngineError
from .facts import FlatFacts, subjects_of
from .graph import ResponsibilityGraph
from .memo import remembered
from .reference import ReferenceBackend
from .validation import RuleBase, load_rulebase
from .vocabulary import Vocabulary, default_vocabulary

log = logging.getLogger("pmm_rules")

ConcreteBackend = Literal["durable", "reference"]
BackendName = Literal["auto", "durable", "reference"]


class _Session(Protocol):
    def __enter__(self) -> _Session: ...
    def __exit__(self, *exc: object) -> None: ...
    def run(self, rules: list[CompiledRule], stratum: int,
            subjects: list[tuple[str, str, FlatFacts]]) -> dict[tuple[str, str], Outcome]: ...


class _Backend(Protocol):
    @property
    def name(self) -> ConcreteBackend: ...

    def session(self) -> Any: ...


def resolve_backend(name: BackendName) -> ConcreteBackend:
    """The backend "auto" stands for here: durable_rules where it runs (Python 3.11, 3.12), else the reference."""
    if name != "auto":
        return name
    from . import durable_backend

    return "durable" if durable_backend.available() else "reference"


def _make_backend(name: BackendName, rules: list[CompiledRule]) -> _Backend:
    if resolve_backend(name) == "reference":
        return ReferenceBackend(rules)
    from . import durable_backend

    return durable_backend.DurableBackend(rules)


def _derived_value(kind: str, writers: list[tuple[CompiledRule, Outcome]]) -> Any:
    """The value later rules read for a derived path, from the outcomes of the rules that write it."""
    if kind == "regime":
        excluded = [o for r, o in writers if r.conclusion[1].status == "excluded"]
        applies = [o for r, o in writers if r.conclusion[1].status == "applies"]
        if "fired" in excluded:
            return "excluded"
        if "fired" in applies and "undetermined" not in excluded:
            return "applies"
        if "undetermined" in excluded or "undetermined" in applies or "fired" in applies:
            return None
        return "none"
    outcomes = [o for _, o in writers]
    if "fired" in outcomes:
        return True
    return None if "undetermined" in outcomes else False


@dataclass(frozen=True)
class _Stratum:
    number: int
    rules: list[CompiledRule]
    kinds: frozenset[str]  # the subject kinds its rules are about
    # per subject kind: the derived paths its rules write, the kind of value, and every valid writer
    derived: dict[str, list[tuple[str, str, list[CompiledRule]]]]


@dataclass(frozen=True)
class _Plan:
    rules: list[CompiledRule]
    strata: list[_Stratum]

    @classmethod
    def of(cls, valid: list[CompiledRule]) -> _Plan:
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
            strata.append(_Stratum(number, rules, frozenset(r.subject for r in rules), derived))
        return cls(valid, strata)


class Engine:
    """Rules, graph and a backend, compiled once; `advise` is safe to call from many threads."""

    def __init__(self, rulebase: RuleBase, backend: BackendName = "auto",
                 vocabulary: Vocabulary | None = None) -> None:
        self.rulebase = rulebase
        self.vocabulary = vocabulary or default_vocabulary()
        self.rules = list(rulebase.compiled)
        self.graph = ResponsibilityGraph(g for _, g in rulebase.graphs)
        self.backend = _make_backend(backend, self.rules)
        self.rules_sha256 = rules_sha256(self.rules)
        self._composer = Composer(self.graph, self.vocabulary)
        self._plans: dict[str, _Plan] = {}

    _defaults: ClassVar[dict[str, Engine]] = {}
    _defaults_lock = threading.Lock()

    @classmethod
    def default(cls, backend: BackendName = "auto") -> Engine:
        """The engine over the bundled rules and graph (built once per process and backend)."""
        backend = resolve_backend(backend)  # one engine for "auto" and the backend it stands for
        with cls._defaults_lock:
            if backend not in cls._defaults:
                cls._defaults[backend] = cls(load_rulebase(), backend)
            return cls._defaults[backend]

    @classmethod
    def from_paths(cls, paths: Sequence[str | Path], backend: BackendName = "auto") -> Engine:
        """An engine over your own rule and graph files (raises `InvalidInput` listing every problem)."""
        return cls(load_rulebase(paths), backend)

    @property
    def backend_name(self) -> ConcreteBackend:
        return self.backend.name

    def evaluate(self, case: Case) -> Evaluation:
        """Outcome of every rule valid on the case's reference date, for every subject it concerns."""
        plan = self._plan(case.reference_date.isoformat())
        subjects = subjects_of(case, self.vocabulary)
        values: dict[str, dict[str, Any]] = {s.key: dict(s.facts) for s in subjects}
        outcomes: dict[tuple[str, str], Outcome] = {}
        try:
            with self.backend.session() as session:
                for stratum in plan.strata:
                    batch = [(s.key, s.kind, values[s.key]) for s in subjects if s.kind in stratum.kinds]
                    if not batch:
                        continue
                    outcomes.update(session.run(stratum.rules, stratum.number, batch))
                    for subject in subjects:
                        for path, kind, writers in stratum.derived.get(subject.kind, ()):
                            values[subject.key][path] = _derived_value(
                                kind, [(w, outcomes.get((w.id, subject.key), "not_fired")) for w in writers])
        except EngineError as exc:
            log.error("case %s: engine error: %s", case.id, exc)
            raise EngineError(f"case {case.id}: {exc}") from None
        return Evaluation(case=case, subjects=subjects, rules=plan.rules, outcomes=outcomes, values=values)

    def _plan(self, day: str) -> _Plan:
        """What to evaluate on a reference date: the valid rules per stratum (made once per date)."""
        return remembered(self._plans, day, lambda: _Plan.of([r for r in self.rules if r.valid_on(day)]),
                          limit=10_000)

    def advise(self, case: Case, *, evaluated_at: str | None = None, trace: bool = True) -> Advice:
        """Explained advice for a case (DESIGN.md §3.3). Decision support, never a decision.

        `trace=False` leaves `advice.trace` empty: for summaries that do not read it (`pmm-rules signals`),
        it makes the advice a fifth of the size. An advice to keep or show should have its trace."""
        advice = self._composer.compose(self.evaluate(case), with_trace=trace, **self._receipt(evaluated_at))
        log.debug("case %s advised (%s)", case.id, self.backend.name)
        return advice

    def _receipt(self, evaluated_at: str | None) -> dict[str, Any]:
        stamp = evaluated_at or dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
        return {"engine_version": f"pmm_rules {__version__}", "backend": self.backend.name,
                "rules_sha256": self.rules_sha256, "rule_count": len(self.rules), "evaluated_at": stamp}

    def advise_json(self, case: Case, *, evaluated_at: str | None = None, indent: int | None = None) -> str:
        """`advise(case).to_json(indent=indent)`: the contract JSON, one line by default (JSON Lines).

        Faster than that when on one line: the trace is written straight to JSON, never built as models."""
        if indent is not None:
            return self.advise(case, evaluated_at=evaluated_at).to_json(indent=indent)
        return self._composer.compose_json(self.evaluate(case), **self._receipt(evaluated_at))

    def advise_many(self, cases: Iterable[Case], *, workers: int = 1, chunksize: int = 64,
                    trace: bool = True) -> Iterator[Advice]:
        """Advice for many cases, in input order; `workers > 1` uses one process per worker.

        Advice models are large (a hundred trace entries): sending them back from a worker costs about what
        composing them does. For throughput with processes, use `advise_many_json`."""
        if workers <= 1:
            for case in cases:
                yield self.advise(case, trace=trace)
            return
        for chunk in self._in_workers(functools.partial(_advise_chunk, trace=trace), cases, workers, chunksize):
            yield from chunk

    def advise_many_json(self, cases: Iterable[Case], *, workers: int = 1, chunksize: int = 64,
                         evaluated_at: str | None = None) -> Iterator[str]:
        """The contract JSON of each case, one line each ending in a newline (JSON Lines), in input order.

        The fast way to advise a batch: with `workers > 1` each worker process writes the JSON itself, and
        only text comes back. Memory stays bounded however long `cases` is: at most a few chunks per worker
        are in flight."""
        if workers <= 1:
            for case in cases:
                yield self.advise_json(case, evaluated_at=evaluated_at)
            return
        for chunk in self._in_workers(functools.partial(_advise_chunk_json, evaluated_at=evaluated_at),
                                      cases, workers, chunksize):
            yield from chunk

    def _in_workers(self, work: Callable[[list[dict[str, Any]]], list[_T]], cases: Iterable[Case], workers: int,
                    chunksize: int) -> Iterator[list[_T]]:
        """Chunks of cases through `work` in worker processes, results in input order, a bounded number in flight.

        Cases travel as plain data (`model_dump`): pickling the pydantic models costs the sending process
        three times as much, and that process is the one that must keep up with all the workers."""
        paths = [p for p in self.rulebase.files] or None
        start = functools.partial(_init_worker, paths, self.backend_name)
        chunks = _chunked((case.model_dump() for case in cases), max(1, chunksize))
        with ProcessPoolExecutor(max_workers=workers, initializer=start) as pool:
            pending: collections.deque[Future[list[_T]]] = collections.deque()
            for chunk in chunks:
                pending.append(pool.submit(work, chunk))
                if len(pending) >= 4 * workers:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()


_T = TypeVar("_T")


def _chunked(items: Iterable[_T], size: int) -> Iterator[list[_T]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


_worker_engine: Engine | None = None


def _init_worker(paths: list[str] | None, backend: BackendName) -> None:
    global _worker_engine
    # A fresh engine, not `Engine.default`: a forked worker would inherit the parent's cached engine together
    # with whatever locks the parent's threads held at the fork.
    _worker_engine = Engine(load_rulebase(paths), backend)
    # The rules, graph and models live as long as the worker: keep them out of every garbage collection.
    # Each advice allocates thousands of objects, and full collections over the engine cost a third of the time.
    gc.freeze()


def _advise_chunk(cases: list[dict[str, Any]], trace: bool) -> list[Advice]:
    assert _worker_engine is not None
    return [_worker_engine.advise(Case.model_validate(data), trace=trace) for data in cases]


def _advise_chunk_json(cases: list[dict[str, Any]], evaluated_at: str | None) -> list[str]:
    assert _worker_engine is not None
    return [_worker_engine.advise_json(Case.model_validate(data), evaluated_at=evaluated_at) for data in cases]
