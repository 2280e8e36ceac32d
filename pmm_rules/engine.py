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
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from ._version import __version__
from .advise import Composer, ResponsibilityGraph, TraceMode
from .evaluate import AUTO, Backend, Evaluation, Evaluator, backend_class, resolve_backend
from .load import RuleBase, default_vocabulary, load_rulebase, rules_sha256
from .model import Advice, Case, Vocabulary

log = logging.getLogger("pmm_rules")

BackendName = str  # "auto", or a name from `pmm_rules.evaluate.backend_names()`


class Engine:
    """Rules, graph and a backend, compiled once; `advise` is safe to call from many threads."""

    def __init__(self, rulebase: RuleBase, backend: BackendName = AUTO,
                 vocabulary: Vocabulary | None = None) -> None:
        self.rulebase = rulebase
        self.vocabulary = vocabulary or rulebase.vocabulary or default_vocabulary()
        self.rules = list(rulebase.compiled)
        self.graph = ResponsibilityGraph(g for _, g in rulebase.graphs)
        self.backend: Backend = backend_class(resolve_backend(backend))(self.rules)
        self.rules_sha256 = rules_sha256(self.rules)
        self._evaluator = Evaluator(self.rules, self.backend, self.vocabulary)
        self._composer = Composer(self.graph, self.vocabulary, self.rules)

    _defaults: ClassVar[dict[str, Engine]] = {}
    _defaults_lock = threading.Lock()

    @classmethod
    def default(cls, backend: BackendName = AUTO) -> Engine:
        """The engine over the bundled rules and graph (built once per process and backend)."""
        backend = resolve_backend(backend)  # one engine for "auto" and the backend it stands for
        with cls._defaults_lock:
            if backend not in cls._defaults:
                cls._defaults[backend] = cls(load_rulebase(), backend)
            return cls._defaults[backend]

    @classmethod
    def from_paths(cls, paths: Sequence[str | Path], backend: BackendName = AUTO,
                   vocabulary: Vocabulary | None = None) -> Engine:
        """An engine over your own rule and graph files, checked against your own vocabulary if you give one
        (`pmm_rules.load.load_vocabulary`); raises `InvalidInput` listing every problem."""
        return cls(load_rulebase(paths, vocabulary), backend)

    @property
    def backend_name(self) -> str:
        return self.backend.name

    def evaluate(self, case: Case) -> Evaluation:
        """Outcome of every rule valid on the case's reference date, for every subject it concerns."""
        return self._evaluator.evaluate(case)

    def advise(self, case: Case, *, evaluated_at: str | None = None, trace: bool | TraceMode = "full") -> Advice:
        """Explained advice for a case (the advice of docs/design.md). Decision support, never a decision.

        `trace` says how much of the trace to keep: `full` (every rule for every subject, the default), `fired`
        (the rules that fired) or `none` (True and False mean full and none). Without it an advice is a fifth of
        the size: for summaries that do not read it (`pmm-rules signals`) and for large batches. An advice to keep
        or show should have its full trace."""
        advice = self._composer.compose(self._evaluator.evaluate(case), with_trace=trace, **self._receipt(evaluated_at))
        log.debug("case %s advised (%s)", case.id, self.backend.name)
        return advice

    def _receipt(self, evaluated_at: str | None) -> dict[str, Any]:
        stamp = evaluated_at or dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
        return {"engine_version": f"pmm_rules {__version__}", "backend": self.backend.name,
                "rules_sha256": self.rules_sha256, "rule_count": len(self.rules), "evaluated_at": stamp}

    def advise_json(self, case: Case, *, evaluated_at: str | None = None, indent: int | None = None,
                    trace: bool | TraceMode = "full") -> str:
        """`advise(case, trace=trace).to_json(indent=indent)`: the contract JSON, one line by default (JSON Lines).

        Faster than that when on one line: the trace is written straight to JSON, never built as models."""
        if indent is not None:
            return self.advise(case, evaluated_at=evaluated_at, trace=trace).to_json(indent=indent)
        return self._composer.compose_json(self._evaluator.evaluate(case), trace=trace,
                                           **self._receipt(evaluated_at))

    def advise_many(self, cases: Iterable[Case], *, workers: int = 1, chunksize: int = 64,
                    trace: bool | TraceMode = "full") -> Iterator[Advice]:
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
                         evaluated_at: str | None = None, trace: bool | TraceMode = "full") -> Iterator[str]:
        """The contract JSON of each case, one line each ending in a newline (JSON Lines), in input order.

        The fast way to advise a batch: with `workers > 1` each worker process writes the JSON itself, and
        only text comes back. Memory stays bounded however long `cases` is: at most a few chunks per worker
        are in flight."""
        if workers <= 1:
            for case in cases:
                yield self.advise_json(case, evaluated_at=evaluated_at, trace=trace)
            return
        for chunk in self._in_workers(functools.partial(_advise_chunk_json, evaluated_at=evaluated_at, trace=trace),
                                      cases, workers, chunksize):
            yield from chunk

    def _in_workers(self, work: Callable[[list[dict[str, Any]]], list[_T]], cases: Iterable[Case], workers: int,
                    chunksize: int) -> Iterator[list[_T]]:
        """Chunks of cases through `work` in worker processes, results in input order, a bounded number in flight.

        Cases travel as plain data (`model_dump`): pickling the pydantic models costs the sending process
        three times as much, and that process is the one that must keep up with all the workers."""
        paths = [p for p in self.rulebase.files] or None
        start = functools.partial(_init_worker, paths, self.backend_name, self.vocabulary)
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


def _init_worker(paths: list[str] | None, backend: BackendName, vocabulary: Vocabulary) -> None:
    global _worker_engine
    # A fresh engine, not `Engine.default`: a forked worker would inherit the parent's cached engine together
    # with whatever locks the parent's threads held at the fork.
    _worker_engine = Engine(load_rulebase(paths, vocabulary), backend, vocabulary)
    # The rules, graph and models live as long as the worker: keep them out of every garbage collection.
    # Each advice allocates thousands of objects, and full collections over the engine cost a third of the time.
    gc.freeze()


def _advise_chunk(cases: list[dict[str, Any]], trace: bool | TraceMode) -> list[Advice]:
    assert _worker_engine is not None
    return [_worker_engine.advise(Case.model_validate(data), trace=trace) for data in cases]


def _advise_chunk_json(cases: list[dict[str, Any]], evaluated_at: str | None, trace: bool | TraceMode) -> list[str]:
    assert _worker_engine is not None
    return [_worker_engine.advise_json(Case.model_validate(data), evaluated_at=evaluated_at, trace=trace)
            for data in cases]
