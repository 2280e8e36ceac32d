"""Speed of `pmm-rules serve`: requests/s and latency of POST /v1/advice at 1, 8 and 32 concurrent clients, next to
in-process `engine.advise_json` measured in the same run. Not a test: it prints figures.

    python benchmarks/serve.py                 # about a minute
    python benchmarks/serve.py --requests 400  # a quick look

The server runs as users run it (`python -m pmm_rules serve`, default settings, its log to a file) on a free
loopback port; the clients are threads in this process, each with its own keep-alive connection, posting the
bundled example cases as JSON in turn. Targets: p95 under 20 ms at 8 clients, and at least half the
in-process throughput.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pmm_rules import Engine  # noqa: E402
from pmm_rules.load import load_case  # noqa: E402


def example_cases() -> list:
    paths = sorted(p for p in (ROOT / "examples").glob("*.yaml") if "\nmembers:" in p.read_text(encoding="utf-8"))
    return [load_case(p) for p in paths]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def in_process(engine: Engine, cases: list, requests: int) -> float:
    for case in cases:  # warm
        engine.advise_json(case)
    started = time.perf_counter()
    for i in range(requests):
        engine.advise_json(cases[i % len(cases)])
    return requests / (time.perf_counter() - started)


def over_http(port: int, bodies: list[bytes], clients: int, requests: int) -> tuple[float, list[float]]:
    latencies: list[float] = []
    lock = threading.Lock()
    per_client = max(1, requests // clients)
    barrier = threading.Barrier(clients + 1)
    failures: list[str] = []

    def client(number: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine: list[float] = []
        barrier.wait()
        for i in range(per_client):
            body = bodies[(number + i) % len(bodies)]
            started = time.perf_counter()
            connection.request("POST", "/v1/advice", body=body, headers={"Content-Type": "application/json"})
            response = connection.getresponse()
            response.read()
            mine.append(time.perf_counter() - started)
            if response.status != 200:
                failures.append(str(response.status))
        connection.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if failures:
        raise SystemExit(f"{len(failures)} requests failed: {sorted(set(failures))}")
    return len(latencies) / elapsed, latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000, help="requests per concurrency level")
    parser.add_argument("--backend", default="auto")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2],
                        help="server processes to measure (pmm-rules serve --workers N), each in turn")
    args = parser.parse_args()

    engine = Engine.default(backend=args.backend)
    cases = example_cases()
    bodies = [json.dumps(case.model_dump(mode="json", exclude_none=True)).encode() for case in cases]
    print(f"pmm-rules serve benchmark: {len(cases)} example cases, {args.requests} requests per level, "
          f"backend {engine.backend_name}, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    for workers in args.workers:
        measure(args, engine, cases, bodies, workers)


def measure(args: argparse.Namespace, engine: Engine, cases: list, bodies: list[bytes], workers: int) -> None:
    port = free_port()
    log = tempfile.NamedTemporaryFile(prefix="pmm-rules-serve-bench-", suffix=".log", delete=False)  # noqa: SIM115
    env = {k: v for k, v in os.environ.items() if k != "PMM_RULES_TOKEN"}
    server = subprocess.Popen([sys.executable, "-m", "pmm_rules", "serve", "--port", str(port), "--backend",
                               args.backend, "--workers", str(workers)], cwd=ROOT, env=env, stdout=log,
                              stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                probe = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                probe.request("GET", "/healthz")
                if probe.getresponse().status == 200:
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("the server did not start") from None
                time.sleep(0.1)
        over_http(port, bodies, 8, 400)  # warm every worker's caches and thread pool
        for clients in (1, 8, 32):
            # In-process advice right before each level: on a shared machine the baseline moves, so each ratio
            # compares figures taken within the same few seconds.
            local = in_process(engine, cases, args.requests // 2)
            rate, latencies = over_http(port, bodies, clients, args.requests)
            p50, p95, p99 = (percentile(latencies, q) * 1000 for q in (0.5, 0.95, 0.99))
            print(f"HTTP, {workers} worker(s), {clients:2} client(s): {rate:6,.0f} requests/s, in-process "
                  f"{local:4,.0f}/s ({rate / local:.2f} ×); p50 {p50:5.1f} ms, p95 {p95:5.1f} ms, p99 {p99:5.1f} ms, "
                  f"mean {statistics.fmean(latencies) * 1000:5.1f} ms")
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
        Path(log.name).unlink(missing_ok=True)

if __name__ == "__main__":
    main()
