"""Bounded memoisation for what is made once per rule base, date or rule and then read for every case."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

V = TypeVar("V")


def remembered(cache: dict[K, V], key: K, make: Callable[[], V], limit: int = 100_000) -> V:
    """`cache[key]`, made by `make()` the first time. A full cache takes no new entries: memory stays bounded
    however varied the cases, and what is not kept is simply made again."""
    found = cache.get(key)
    if found is None:
        found = make()
        if len(cache) < limit:
            cache[key] = found
    return found


K = TypeVar("K", bound=Hashable)
