"""Memory is bounded by design: it does not grow with the number of distinct reference
dates a batch brings, and every cache keyed by something a case chooses is bounded in bytes, not in entries.

Before, each new reference date kept about 340 kB per engine (its plan, its citations, its trace pieces, up to
10,000 dates: 60 MB became 1.5 GB). Now the rules valid on a date are planned once per period of validity, and
what depends on the date itself lives in caches of a fixed number of bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import threading

import pytest
import yaml

from pmm_rules import Case, Engine
from pmm_rules._memo import Memo

from .common import EXAMPLE_CASES
from .isolated import run_code


def test_a_memo_keeps_values_within_its_bytes_and_forgets_the_least_recently_used() -> None:
    memo: Memo[int, str] = Memo(1000, size=lambda key, value: len(value))
    for key in range(10):
        memo.put(key, "x" * 300)
    assert memo.used <= 1000 and len(memo) == 3
    assert memo.lookup(9) is not None and memo.lookup(0) is None
    memo.get(7, lambda: "never made")  # a hit makes 7 the most recent
    memo.put(10, "y" * 300)
    assert memo.lookup(7) is not None and memo.lookup(8) is None
    memo.put(11, "z" * 5000)  # larger than the whole budget: made, not kept
    assert memo.lookup(11) is None and memo.used <= 1000


def test_a_hot_memo_takes_nothing_new_once_full() -> None:
    memo: Memo[int, str] = Memo(1000, size=lambda key, value: len(value), lru=False)
    for key in range(10):
        memo.put(key, "x" * 300)
    assert sorted(memo._data) == [0, 1, 2] and memo.used == 900


def test_a_memo_is_safe_from_many_threads() -> None:
    memo: Memo[int, int] = Memo(50 * 100, size=lambda key, value: 100)

    def work(offset: int) -> None:
        for i in range(2000):
            assert memo.get((i * 7 + offset) % 300, lambda i=i: (i * 7 + offset) % 300) == (i * 7 + offset) % 300

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert memo.used == 100 * len(memo) <= 5000


def _cases(count: int, start: dt.date) -> list[Case]:
    templates = [json.loads(json.dumps(yaml.safe_load(p.read_text(encoding="utf-8")), default=str))
                 for p in EXAMPLE_CASES]
    out = []
    for i in range(count):
        data = dict(templates[i % len(templates)])
        data.update(id=f"c{i}", reference_date=(start + dt.timedelta(days=i)).isoformat())
        out.append(Case.model_validate(data))
    return out


@pytest.mark.slow
def test_one_plan_per_period_of_validity_whatever_the_number_of_dates(engine: Engine) -> None:
    for case in _cases(400, dt.date(2027, 1, 1)):
        engine.evaluate(case)
    periods = len({(r.valid_from, r.valid_to) for r in engine.rules}) * 2 + 1
    assert len(engine._evaluator._plans) <= periods
    layouts = getattr(engine.backend, "_layouts", None)
    assert layouts is None or layouts.used <= layouts.budget


@pytest.mark.slow
def test_the_date_keyed_caches_stay_within_their_bytes(engine: Engine) -> None:
    composer = engine._composer
    for case in _cases(300, dt.date(2030, 1, 1)):
        engine.advise_json(case, evaluated_at="x")
        engine.advise(case, evaluated_at="x")
    for memo in (composer.citer._made, composer.trace._plans, composer.trace._cites, composer.trace._entry_json):
        assert 0 < memo.used <= memo.budget
    # and what a cache forgot is made again, the same
    case = _cases(1, dt.date(2030, 1, 1))[0]
    assert engine.advise_json(case, evaluated_at="x") == engine.advise(case, evaluated_at="x").to_json(indent=None)


GROWTH = """
import datetime as dt, gc, json, os, sys
sys.path.insert(0, os.getcwd())
from tests.test_memory import _cases
from pmm_rules import Engine

def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

engine = Engine.default(sys.argv[1])
cases = _cases(1200, dt.date(2027, 1, 1))
marks = []
for i, case in enumerate(cases, 1):
    engine.advise_json(case)
    if i in (300, 1200):
        gc.collect()
        marks.append(rss())
print(json.dumps(marks))
"""


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["reference", "durable"])
def test_resident_memory_does_not_grow_with_distinct_reference_dates(backend: str) -> None:
    from pmm_rules.evaluate import backend_class

    if not backend_class(backend).available():
        pytest.skip(f"the {backend} backend does not run on this Python")
    first, last = run_code(GROWTH, backend, timeout=600).json()
    # 900 more dates: before, about 300 MB more (340 kB per date); now the caches were already full at date 300
    assert last - first < 25, (first, last)
