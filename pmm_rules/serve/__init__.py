"""`pmm-rules serve`: the advice as a web service with an OpenAPI document, and a page for trainers and jurists.

The last stage of the flow (after `tools`): it offers the engine, what-if, explain, validation and scenario runs
over HTTP (FastAPI on uvicorn, the `serve` extra), safe by default (localhost, an optional bearer token, capped
bodies, a time limit, RFC 9457 problems, no case content in logs, a strict Content Security Policy), and serves a
page (`static/`) that works offline. Importing this package loads nothing until a name is used; FastAPI is
imported only when an app is made.
"""

from typing import TYPE_CHECKING

from .._lazy import attach

if TYPE_CHECKING:
    from ._app import create_app as create_app
    from ._run import run as run
    from ._settings import Settings as Settings

if not TYPE_CHECKING:  # at run time each name is imported on first use; type checkers read the imports above
    __getattr__, __dir__, __all__ = attach(__name__, __file__)
