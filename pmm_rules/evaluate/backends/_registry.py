"""The backends by name: what "auto" stands for, what the CLI and the pytest plugin offer, what the docs list.

Entries are import paths, so that listing the names (for `pmm-rules --help`) imports no backend.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._base import Backend

AUTO = "auto"

# Name → "module:class", in order of preference for "auto": the first that is available is chosen.
_BACKENDS: dict[str, str] = {
    "durable": "pmm_rules.evaluate.backends.durable:DurableBackend",
    "reference": "pmm_rules.evaluate.backends.reference:ReferenceBackend",
}


def register_backend(name: str, target: str | type[Backend], *, preferred: bool = False) -> None:
    """Make a backend selectable by `name`: a `Backend` subclass, or its import path "package.module:Class".
    `preferred=True` puts it first in the order "auto" tries."""
    if not name or name == AUTO:
        raise ValueError(f"a backend cannot be called {name!r}")
    path = target if isinstance(target, str) else f"{target.__module__}:{target.__qualname__}"
    if preferred:
        _BACKENDS.pop(name, None)
        _BACKENDS.update({name: path, **_BACKENDS})
    else:
        _BACKENDS[name] = path


def unregister_backend(name: str) -> None:
    """Forget a backend registered with `register_backend`."""
    _BACKENDS.pop(name, None)


def backend_names() -> tuple[str, ...]:
    """The registered backends, most preferred first (without "auto")."""
    return tuple(_BACKENDS)


def backend_class(name: str) -> type[Backend]:
    """The class registered as `name` (imported now); `KeyError` for an unknown name."""
    module, _, attribute = _BACKENDS[name].partition(":")
    found: type[Backend] = getattr(importlib.import_module(module), attribute)
    return found


def resolve_backend(name: str = AUTO) -> str:
    """The backend a name stands for: itself, or for "auto" the first registered backend available here."""
    if name != AUTO:
        if name not in _BACKENDS:
            raise KeyError(f"no backend called {name!r} (known: {', '.join(_BACKENDS)})")
        return name
    for candidate in _BACKENDS:
        if backend_class(candidate).available():
            return candidate
    raise LookupError("no backend is available")  # pragma: no cover - the reference backend always is
