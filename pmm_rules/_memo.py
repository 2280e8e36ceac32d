"""Bounded memoisation for what is made once per rule base, date or rule and then read for every case.

Memory is bounded by design, in bytes: a cache keyed by something a case chooses (its reference date, the facts
it gives) holds at most its budget, however many distinct dates or facts a batch brings. A `Memo` estimates each
value's size once, when it is made, and forgets the least recently used values when a new one needs room (or,
for hot caches read a hundred times per advice, simply takes no new values once full). What is not kept is made
again: slower, never wrong.
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

_MAX_OBJECTS = 200_000  # approx_size stops counting here: a value that large is over any budget anyway


def approx_size(value: Any) -> int:
    """The bytes a value and everything it holds take, roughly (shared objects once), as `sys.getsizeof` counts
    them: for deciding what a cache keeps, not for accounting."""
    seen: set[int] = set()
    todo = [value]
    total = 0
    while todo and len(seen) < _MAX_OBJECTS:
        item = todo.pop()
        if id(item) in seen or item is None or isinstance(item, (bool, type)):
            continue
        seen.add(id(item))
        total += sys.getsizeof(item)
        if isinstance(item, (str, bytes, int, float)):
            continue
        if isinstance(item, dict):
            todo.extend(item.keys())
            todo.extend(item.values())
        elif isinstance(item, (list, tuple, set, frozenset)):
            todo.extend(item)
        else:
            fields = getattr(item, "__dict__", None)
            if isinstance(fields, dict):
                total += sys.getsizeof(fields)
                todo.extend(fields.values())
    return total + (0 if not todo else 1 << 30)


class Memo(Generic[K, V]):
    """Values made once per key and kept while they fit in `budget` bytes; safe to use from many threads.

    `lru=True` (the default) makes room for a new value by forgetting the least recently used ones; `lru=False`
    keeps what it has and takes nothing new once full, which makes a hit a plain dictionary look-up, for caches on
    the hottest paths. `size` estimates a value's bytes (default: `approx_size` of key and value)."""

    def __init__(self, budget: int, *, size: Callable[[K, V], int] | None = None, lru: bool = True) -> None:
        self.budget = budget
        self.used = 0
        self._size = size or (lambda key, value: approx_size(key) + approx_size(value))
        self._lru = lru
        self._data: OrderedDict[K, tuple[V, int]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._data)

    def lookup(self, key: K) -> V | None:
        """The value kept for `key`, or None (for hot loops that make the value inline and `put` it)."""
        found = self._data.get(key)
        return None if found is None else found[0]

    def get(self, key: K, make: Callable[[], V]) -> V:
        found = self._data.get(key)
        if found is not None:
            if self._lru:
                with self._lock:
                    if key in self._data:
                        self._data.move_to_end(key)
            return found[0]
        value = make()
        self.put(key, value)
        return value

    def put(self, key: K, value: V) -> None:
        size = self._size(key, value)
        if size > self.budget:
            return
        with self._lock:
            if key in self._data:
                return
            if not self._lru and self.used + size > self.budget:
                return
            while self.used + size > self.budget and self._data:
                _, (_, freed) = self._data.popitem(last=False)
                self.used -= freed
            self._data[key] = (value, size)
            self.used += size

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
            self.used = 0


def remembered(cache: dict[K, V] | Memo[K, V], key: K, make: Callable[[], V], limit: int = 10_000) -> V:
    """`cache[key]`, made by `make()` the first time. With a `Memo`, its byte budget bounds memory; a plain dict
    takes no new entries once it holds `limit` (only for keys that come from the rules, never from cases)."""
    if isinstance(cache, Memo):
        return cache.get(key, make)
    found = cache.get(key)
    if found is None:
        found = make()
        if len(cache) < limit:
            cache[key] = found
    return found
