"""Backends: what evaluates the compiled rules. `reference` is the definition, in plain Python; `durable` runs the
same rules on durable_rules' C core where it is installed. Add your own by subclassing `Backend`."""

from typing import TYPE_CHECKING

from ..._lazy import attach

if TYPE_CHECKING:
    from ._base import Backend as Backend
    from ._base import FlatFacts as FlatFacts
    from ._base import Session as Session
    from ._base import SubjectFacts as SubjectFacts
    from ._registry import AUTO as AUTO
    from ._registry import backend_class as backend_class
    from ._registry import backend_names as backend_names
    from ._registry import register_backend as register_backend
    from ._registry import resolve_backend as resolve_backend
    from ._registry import unregister_backend as unregister_backend

if not TYPE_CHECKING:  # at run time each name is imported on first use; type checkers read the imports above
    __getattr__, __dir__, __all__ = attach(__name__, __file__)
