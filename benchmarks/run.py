"""Speed and memory of pmm_rules, measured and printed (not a test; run `python benchmarks/run.py`).

Each figure is printed next to a baseline measured in the same run on the same machine, so the numbers
mean something anywhere:
- validation of 1,000 generated rule files, against merely parsing them with PyYAML;
- single-advice latency (p50/p95/p99) per backend;
- batch throughput over generated cases per backend, and the durable/reference ratio;
- JSON Lines throughput (`advise_many_json`) in one process and with one worker process per core;
- a big batch (default 100,000 cases) as JSON Lines with one worker process per core, per backend;
- peak memory, and resident memory after 10% and 100% of a long run, each case on a reference date of its own
  (flat means no leak, and no cache that grows with the dates a batch brings).

Options: --cases N (batch size, default 10,000), --big N (the big batch, default 100,000; 0 skips it),
--long N (evaluations for the memory check, default 100,000; 0 skips it), --quick (small sizes, for a smoke
run).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

from pmm_rules import Case, Engine
from pmm_rules.evaluate.backends.durable import available as durable_available
from pmm_rules.load import check_paths, default_vocabulary

ROOT = Path(__file__).resolve().parent.parent
VOCAB = default_vocabulary()


def rss_mib() -> float:
    """Current resident set size (Linux /proc), falling back to the peak where /proc is missing."""
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return peak_mib()


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ---------------------------------------------------------------- generated inputs


def generated_rule_file(rng: random.Random, index: int) -> str:
    rules = []
    for i in range(5):
        age = rng.randint(0, 30)
        rules.append({
            "id": f"bench.f{index}.r{i}", "title": f"Gegenereerde regel {i}", "kind": "regime", "subject": "need",
            "sources": [{"law": "wmo2015", "article": "2.3.5", "lid": rng.randint(1, 6), "bwb_id": "BWBR0035362"}],
            "valid_from": dt.date(2015, 1, 1),  # unquoted in the YAML, as jurists write dates
            "when": {"all": [{"fact": "need.provision", "eq": rng.choice(VOCAB.values("provisions"))},
                             {"fact": "member.age", rng.choice(["lt", "ge"]): age},
                             {"any": [{"fact": "member.conditions", "contains": rng.choice(VOCAB.values("conditions"))},
                                      {"fact": "need.urgent", "eq": rng.random() < 0.5}]}]},
            "then": {"regime": {"law": "wmo2015", "status": "applies"}},
            "explanation": {"nl": "Gegenereerd.", "en": "Generated."},
        })
    return yaml.safe_dump({"schema_version": 1, "domain": "bench", "rules": rules}, sort_keys=False)


def example_cases() -> list[dict[str, Any]]:
    out = []
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "members" in data:
            out.append(data)
    return out


def generated_cases(n: int, seed: int = 7, distinct_dates: bool = False) -> Iterator[Case]:
    """Variations of the example cases: other ages, conditions, threats, attempts and PMM membership; with
    `distinct_dates`, each on a reference date of its own (one day apart, from 2026-12-01)."""
    rng = random.Random(seed)
    first_day = dt.date(2026, 12, 1)
    templates = example_cases()
    conditions = VOCAB.values("conditions")
    for i in range(n):
        data = dict(rng.choice(templates))
        data["id"] = f"bench-{i}"
        data["members"] = [{**m, "conditions": rng.sample(conditions, rng.randint(0, 2))}
                           | ({"age": rng.randint(0, 90)} if "birth_date" not in m else {})
                           for m in data["members"]]
        data["municipality"] = {"name": "Benchstad", "pmm_connected": rng.random() < 0.6}
        if rng.random() < 0.5:
            data["threats"] = rng.sample(VOCAB.values("threats"), rng.randint(0, 2))
        steps = ["regulier", "maatwerkregister", "lmm", "let"][: rng.randint(0, 4)]
        data["attempts"] = [{"step": s, "outcome": rng.choice(["vastgelopen", "lopend"])} for s in steps]
        if distinct_dates:
            data["reference_date"] = (first_day + dt.timedelta(days=i)).isoformat()
        yield Case.model_validate(data)


# ---------------------------------------------------------------- measurements


def freeze() -> None:
    gc.collect()
    gc.freeze()


def timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def bench_validation(files: int) -> None:
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i in range(files):
            path = Path(tmp) / f"regels_{i:04d}.yaml"
            path.write_text(generated_rule_file(rng, i), encoding="utf-8")
            paths.append(path)
        parse = timed(lambda: [yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) for p in paths])
        holder: dict[str, Any] = {}
        validate = timed(lambda: holder.setdefault("base", check_paths(paths)))
        problems = len(holder["base"].problems)
    print(f"validate {files} rule files ({files * 5} rules): {validate:.2f} s "
          f"(baseline, PyYAML parse only: {parse:.2f} s; {problems} problems found)")


def bench_latency(engine: Engine, cases: list[Case], rounds: int) -> list[float]:
    for case in cases:  # warm up
        engine.advise(case)
    samples = []
    for _ in range(rounds):
        for case in cases:
            start = time.perf_counter()
            engine.advise(case)
            samples.append((time.perf_counter() - start) * 1000)
    return samples


def percentile(samples: list[float], q: float) -> float:
    return statistics.quantiles(samples, n=100)[int(q) - 1]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--long", type=int, default=100_000)
    parser.add_argument("--big", type=int, default=100_000)
    parser.add_argument("--files", type=int, default=1_000)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    if args.quick:
        args.cases, args.long, args.files, args.big = 500, 0, 100, 0
    cores = os.cpu_count() or 1
    print(f"pmm_rules benchmark — Python {sys.version.split()[0]}, {cores} core(s)")

    bench_validation(args.files)

    backends = ["reference", *(["durable"] if durable_available() else [])]
    engines = {name: Engine.default(name) for name in backends}
    print(f"rule base: {len(engines['reference'].rules)} rules")
    examples = [Case.model_validate(d) for d in example_cases()]
    # The engines and the inputs live for the whole run: keep them out of the garbage collector's full passes,
    # so the figures measure the engine and not the size of this script's own heap.
    freeze()
    for name, engine in engines.items():
        samples = bench_latency(engine, examples, rounds=max(1, 400 // len(examples)))
        print(f"advice latency, {name:9}: p50 {percentile(samples, 50):.2f} ms, p95 {percentile(samples, 95):.2f} ms, "
              f"p99 {percentile(samples, 99):.2f} ms over {len(samples)} advices")

    batch = list(generated_cases(args.cases))
    freeze()
    # Both backends advise the same thirds of the batch in turn, so noise on a shared machine falls on both.
    seconds_per_backend = dict.fromkeys(engines, 0.0)
    thirds = [batch[i::3] for i in range(3)]
    for part in thirds:
        for name, engine in engines.items():
            seconds_per_backend[name] += timed(lambda engine=engine, part=part: sum(
                1 for _ in engine.advise_many(part)))
    throughput: dict[str, float] = {}
    for name, seconds in seconds_per_backend.items():
        throughput[name] = len(batch) / seconds
        print(f"batch throughput, {name:9}: {throughput[name]:,.0f} cases/s ({len(batch):,} cases in {seconds:.1f} s; "
              "Advice models, one process)")
    if "durable" in throughput:
        print(f"durable / reference throughput ratio: {throughput['durable'] / throughput['reference']:.2f} "
              "(target ≥ 0.5)")

    for name, engine in engines.items():
        for workers in sorted({1, cores}):
            seconds = timed(lambda engine=engine, workers=workers: sum(
                1 for _ in engine.advise_many_json(batch, workers=workers)))
            print(f"JSON Lines, {name:9}, {workers} process(es): {len(batch) / seconds:,.0f} cases/s "
                  f"({len(batch):,} cases in {seconds:.1f} s)")

    if args.big:
        for trace in ("full", "none"):
            for name, engine in engines.items():
                lines = 0
                start = time.perf_counter()
                for line in engine.advise_many_json(generated_cases(args.big, seed=5), workers=cores, trace=trace):
                    lines += 1
                    size = len(line)
                seconds = time.perf_counter() - start
                print(f"big batch, {name:9}, trace {trace:4}: {lines:,} cases in {seconds:.1f} s with {cores} worker "
                      f"processes ({lines / seconds:,.0f} cases/s, cases built while it runs; target without trace: "
                      f"100,000 in under 60 s; last line {size / 1000:.0f} kB)")

    if args.long:
        engine = engines["durable" if "durable" in engines else "reference"]
        checkpoints = {args.long // 10: 0.0, args.long: 0.0}
        start = time.perf_counter()
        for i, case in enumerate(generated_cases(args.long, seed=11, distinct_dates=True), start=1):
            engine.advise(case)
            if i in checkpoints:
                checkpoints[i] = rss_mib()
        seconds = time.perf_counter() - start
        (first, first_rss), (last, last_rss) = sorted(checkpoints.items())
        print(f"long run, {engine.backend_name}: {args.long:,} advices on as many reference dates in {seconds:.1f} s; "
              "resident memory "
              f"{first_rss:.1f} MiB after {first:,}, {last_rss:.1f} MiB after {last:,} "
              f"(growth {last_rss - first_rss:+.1f} MiB)")
    print(f"peak resident memory: {peak_mib():.1f} MiB")


if __name__ == "__main__":
    main()
