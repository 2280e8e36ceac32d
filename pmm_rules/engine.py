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
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from ._version import __version__
from .advise import Composer, ResponsibilityGraph, TraceMode
from .errors import EngineError, shorten, visible
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
        """Advice for many cases, in input order; `workers > 1` uses one process per worker. Raises `EngineError`
        at the first case that cannot be advised; `advise_each` reports it and goes on.

        Advice models are large (a hundred trace entries): sending them back from a worker costs about what
        composing them does. For throughput with processes, use `advise_many_json`."""
        for result in self.advise_each(cases, workers=workers, chunksize=chunksize, trace=trace):
            if isinstance(result, CaseFailure):
                raise EngineError(f"case {result.case_id}: {result.reason}")
            yield result

    def advise_many_json(self, cases: Iterable[Case], *, workers: int = 1, chunksize: int = 64,
                         evaluated_at: str | None = None, trace: bool | TraceMode = "full") -> Iterator[str]:
        """The contract JSON of each case, one line each ending in a newline (JSON Lines), in input order.
        Raises `EngineError` at the first case that cannot be advised; `advise_each_json` reports it and goes on.

        The fast way to advise a batch: with `workers > 1` each worker process writes the JSON itself, and
        only text comes back. Memory stays bounded however long `cases` is: at most a few chunks per worker
        are in flight."""
        for result in self.advise_each_json(cases, workers=workers, chunksize=chunksize, evaluated_at=evaluated_at,
                                            trace=trace):
            if isinstance(result, CaseFailure):
                raise EngineError(f"case {result.case_id}: {result.reason}")
            yield result

    def advise_each(self, cases: Iterable[Case], *, workers: int = 1, chunksize: int = 64,
                    trace: bool | TraceMode = "full") -> Iterator[Advice | CaseFailure]:
        """For each case, in input order, its advice or a `CaseFailure` saying why there is none: one case
        the engine cannot advise, or a worker process that dies on it, never costs the others."""
        if workers <= 1:
            for case in cases:
                yield _guarded(case.id, functools.partial(self.advise, case, trace=trace))
            return
        for chunk in self._in_workers(functools.partial(_advise_chunk, trace=trace), cases, workers, chunksize):
            yield from chunk

    def advise_each_json(self, cases: Iterable[Case], *, workers: int = 1, chunksize: int = 64,
                         evaluated_at: str | None = None,
                         trace: bool | TraceMode = "full") -> Iterator[str | CaseFailure]:
        """For each case, in input order, its contract JSON line (as `advise_many_json`) or a `CaseFailure`."""
        if workers <= 1:
            for case in cases:
                yield _guarded(case.id, functools.partial(self.advise_json, case, evaluated_at=evaluated_at,
                                                          trace=trace))
            return
        for chunk in self._in_workers(functools.partial(_advise_chunk_json, evaluated_at=evaluated_at, trace=trace),
                                      cases, workers, chunksize):
            yield from chunk

    def _in_workers(self, work: Callable[[list[dict[str, Any]]], list[_T | CaseFailure]], cases: Iterable[Case],
                    workers: int, chunksize: int) -> Iterator[list[_T | CaseFailure]]:
        """Chunks of cases through `work` in worker processes, results in input order, a bounded number in flight.

        Cases travel as plain data (`model_dump`): pickling the pydantic models costs the sending process
        three times as much, and that process is the one that must keep up with all the workers. A worker that
        dies breaks the pool: the chunks in flight are sent again to a new one, and the chunk that was being
        advised case by case, so that only the case that kills a worker is lost. Leaving early (an exception, a
        signal, the consumer closing the iterator) terminates the workers: none is left behind."""
        paths = [p for p in self.rulebase.files] or None
        start = functools.partial(_init_worker, paths, self.backend_name, self.vocabulary)
        chunks = _chunked(((case.id, case.model_dump()) for case in cases), max(1, chunksize))
        pool = _Pool(workers, start)
        pending: collections.deque[tuple[list[tuple[str, dict[str, Any]]], Future[list[_T | CaseFailure]]]] = \
            collections.deque()
        try:
            for chunk in chunks:
                pending.append((chunk, pool.submit(work, [data for _, data in chunk])))
                if len(pending) >= 4 * workers:
                    yield self._finish(pool, work, pending)
            while pending:
                yield self._finish(pool, work, pending)
        except BaseException:
            pool.stop()
            raise
        pool.close()

    @staticmethod
    def _finish(pool: _Pool, work: Callable[[list[dict[str, Any]]], list[_T | CaseFailure]],
                pending: collections.deque[tuple[list[tuple[str, dict[str, Any]]], Future[list[_T | CaseFailure]]]]
                ) -> list[_T | CaseFailure]:
        chunk, future = pending.popleft()
        try:
            return future.result()
        except BrokenProcessPool:
            pass
        # A worker died. The pool is broken: every chunk in flight is sent again to a new one, and this chunk is
        # advised one case at a time, so that the case that kills a worker is the only one lost.
        pool.restart()
        for i, (waiting, _) in enumerate(pending):
            pending[i] = (waiting, pool.submit(work, [data for _, data in waiting]))
        out: list[_T | CaseFailure] = []
        for case_id, data in chunk:
            try:
                out.extend(pool.submit(work, [data]).result())
            except BrokenProcessPool:
                out.append(CaseFailure(case_id, "the worker process advising this case stopped unexpectedly (it "
                                                "crashed or ran out of memory)"))
                pool.restart()
                for i, (waiting, _) in enumerate(pending):
                    pending[i] = (waiting, pool.submit(work, [data for _, data in waiting]))
        return out


@dataclass(frozen=True)
class CaseFailure:
    """A case the engine could not advise: its id and why, in one line (never a traceback)."""

    case_id: str
    reason: str


def _guarded(case_id: str, advise: Callable[[], _R]) -> _R | CaseFailure:
    """`advise()`, or a `CaseFailure` with the reason if it raises: one case never sinks a batch."""
    try:
        return advise()
    except Exception as exc:  # anything at all: the batch goes on, the failure is reported with its case
        log.error("case %s could not be advised: %s", case_id, type(exc).__name__)
        reason = str(exc) if isinstance(exc, EngineError) else f"{type(exc).__name__}: {exc}"
        return CaseFailure(case_id, visible(shorten(reason, 300), newlines=False))


class _Pool:
    """A process pool that can be replaced when a worker dies, and stopped at once when the batch is left."""

    def __init__(self, workers: int, initializer: Callable[[], None]) -> None:
        self.workers, self.initializer = workers, initializer
        self.pool = ProcessPoolExecutor(max_workers=workers, initializer=initializer)

    def submit(self, work: Callable[[list[dict[str, Any]]], _R], chunk: list[dict[str, Any]]) -> Future[_R]:
        return self.pool.submit(work, chunk)

    def restart(self) -> None:
        self.stop()
        self.pool = ProcessPoolExecutor(max_workers=self.workers, initializer=self.initializer)

    def close(self) -> None:
        self.pool.shutdown(wait=True)

    def stop(self) -> None:
        """Stop the workers: nothing new is started, each finishes the chunk it holds (a fraction of a second) and
        exits; one that has not exited after `STOP_GRACE` seconds is killed."""
        # ProcessPoolExecutor has no public way to reach its workers before Python 3.14 (terminate_workers); its
        # `_processes` (pid -> Process), `_result_queue` and `_executor_manager_thread` are there since 3.9.
        processes = list(dict(getattr(self.pool, "_processes", None) or {}).values())
        self.pool.shutdown(wait=False, cancel_futures=True)
        deadline = time.monotonic() + STOP_GRACE
        for process in processes:
            process.join(timeout=max(0.0, deadline - time.monotonic()))
        for process in processes:
            if process.is_alive():
                process.kill()
                process.join(timeout=5)
        # Wait for the pool's manager thread, or it may write to a closed pipe when the interpreter exits. (A worker
        # killed halfway through writing a result can leave it blocked on the rest for good: the command line then
        # leaves with os._exit, see pmm_rules.tools.cli.run.)
        manager = getattr(self.pool, "_executor_manager_thread", None)
        if isinstance(manager, threading.Thread):
            manager.join(timeout=STOP_GRACE)


STOP_GRACE = 10.0  # seconds a worker gets to finish its chunk when a batch is stopped


_T = TypeVar("_T")
_R = TypeVar("_R")


def _chunked(items: Iterable[_T], size: int) -> Iterator[list[_T]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


_worker_engine: Engine | None = None


def _init_worker(paths: list[str] | None, backend: BackendName, vocabulary: Vocabulary) -> None:
    global _worker_engine
    # Ctrl-C reaches the whole process group: the parent stops the batch and its workers (each finishes its chunk
    # and exits), which must not each print a KeyboardInterrupt traceback. SIGTERM ends a worker at once, whatever
    # handler it inherited from the parent at the fork: the pool itself terminates its workers with it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # A fresh engine, not `Engine.default`: a forked worker would inherit the parent's cached engine together
    # with whatever locks the parent's threads held at the fork.
    _worker_engine = Engine(load_rulebase(paths, vocabulary), backend, vocabulary)
    # The rules, graph and models live as long as the worker: keep them out of every garbage collection.
    # Each advice allocates thousands of objects, and full collections over the engine cost a third of the time.
    gc.freeze()


def _advise_chunk(cases: list[dict[str, Any]], trace: bool | TraceMode) -> list[Advice | CaseFailure]:
    engine = _worker_engine
    assert engine is not None
    return [_guarded(str(data.get("id")), functools.partial(_advise_data, engine, data, trace)) for data in cases]


def _advise_data(engine: Engine, data: dict[str, Any], trace: bool | TraceMode) -> Advice:
    return engine.advise(Case.model_validate(data), trace=trace)


def _advise_data_json(engine: Engine, data: dict[str, Any], evaluated_at: str | None,
                      trace: bool | TraceMode) -> str:
    return engine.advise_json(Case.model_validate(data), evaluated_at=evaluated_at, trace=trace)


def _advise_chunk_json(cases: list[dict[str, Any]], evaluated_at: str | None,
                       trace: bool | TraceMode) -> list[str | CaseFailure]:
    engine = _worker_engine
    assert engine is not None
    return [_guarded(str(data.get("id")), functools.partial(_advise_data_json, engine, data, evaluated_at, trace))
            for data in cases]
