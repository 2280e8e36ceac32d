"""Lazy re-exports for package `__init__` modules, so that importing a package costs nothing until a name is used.

`pmm-rules --help` must not import the engine, pydantic or networkx; yet each package re-exports its public API
from its private modules. A package lists that API once, as `from ._x import Name as Name` lines inside an
`if TYPE_CHECKING:` block (which type checkers read), and calls `attach(__name__, __file__)`: the same lines,
read from the source, tell `__getattr__` where each name lives. This is what `lazy_loader.attach_stub` does
with a stub file, without the extra file.
"""

from __future__ import annotations

import ast
import importlib
from collections.abc import Callable
from typing import Any


def _exports(init_file: str) -> dict[str, tuple[str, str | None]]:
    """Name → (relative module, attribute; None for a submodule), from the `if TYPE_CHECKING:` imports of a
    package's `__init__.py`."""
    with open(init_file, encoding="utf-8") as handle:
        tree = ast.parse(handle.read(), init_file)
    found: dict[str, tuple[str, str | None]] = {}
    for node in tree.body:
        if not (isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"):
            continue
        for statement in node.body:
            if isinstance(statement, ast.ImportFrom) and statement.level >= 1:
                module = "." * statement.level + (statement.module or "")
                for alias in statement.names:
                    if statement.module:
                        found[alias.asname or alias.name] = (module, alias.name)
                    else:  # `from . import submodule as submodule`
                        found[alias.asname or alias.name] = (module + alias.name, None)
    return found


def attach(package: str, init_file: str) -> tuple[Callable[[str], Any], Callable[[], list[str]], list[str]]:
    """`__getattr__`, `__dir__` and `__all__` for a package whose public names are its TYPE_CHECKING imports."""
    exports = _exports(init_file)

    def __getattr__(name: str) -> Any:
        where = exports.get(name)
        if where is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module, attribute = where
        found = importlib.import_module(module, package)
        return found if attribute is None else getattr(found, attribute)

    def __dir__() -> list[str]:
        return sorted(exports)

    return __getattr__, __dir__, sorted(exports)
