"""The guard around every request: bearer token, body cap, security headers and the one log line per request.

A plain ASGI middleware (not Starlette's `BaseHTTPMiddleware`, which costs a task per request): it refuses early
what it can refuse early (a wrong token, a declared body over the cap) and counts the bytes of every body it lets
through, so a body without a Content-Length cannot grow past the cap either.
"""

from __future__ import annotations

import hmac
import logging
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.exceptions import HTTPException

from ._problems import KINDS, PROBLEM_MEDIA_TYPE, problem_body, problem_bytes
from ._settings import Settings

log = logging.getLogger("pmm_rules.serve")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# The page loads scripts and styles from this server only, never inline; Graphviz runs as WebAssembly.
PAGE_CSP = ("default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none'; "
            "frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
]


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than {limit} bytes")


class Guard:
    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings
        self.token = settings.token.encode("utf-8") if settings.token else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = [0]
        state = scope.setdefault("state", {})

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                headers += [h for h in SECURITY_HEADERS if h[0] not in names]
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", PAGE_CSP.encode()))
                message["headers"] = headers
            await send(message)

        try:
            refusal = self._refusal(scope)
            if refusal is not None:
                await self._problem(scope, send_with_headers, *refusal)
                return
            limit = self.settings.max_body_bytes
            seen = [0]

            async def counted() -> Message:
                message = await receive()
                if message["type"] == "http.request":
                    seen[0] += len(message.get("body", b""))
                    if seen[0] > limit:
                        raise BodyTooLarge(limit)
                return message

            try:
                await self.app(scope, counted, send_with_headers)
            except Exception as exc:
                # A bug, not bad input: answer with problem details and log the kind of error only. Its message
                # and a traceback could quote case content, so neither reaches the log (nor uvicorn's).
                log.error("internal error on %s %s: %s", scope.get("method"), scope.get("path"), type(exc).__name__)
                if status[0] == 0:
                    await self._problem(scope, send_with_headers, 500, "an internal error; the server log names its "
                                        "kind", [])
        finally:
            # One line per request: method, path, status, duration and the case id; never case content.
            case_id = state.get("case_id")
            log.info("%s %s %s %.1f ms%s", scope.get("method"), scope.get("path"), status[0],
                     (time.perf_counter() - started) * 1000, f" case={case_id}" if case_id else "")

    def _refusal(self, scope: Scope) -> tuple[int, str, list[tuple[bytes, bytes]]] | None:
        headers = dict(scope.get("headers", []))
        path: str = scope.get("path", "")
        if self.token is not None and (path == "/v1" or path.startswith("/v1/")):
            given = headers.get(b"authorization", b"")
            scheme, _, credentials = given.partition(b" ")
            if scheme.lower() != b"bearer" or not hmac.compare_digest(credentials.strip(), self.token):
                return (401, "give the token as 'Authorization: Bearer <token>'",
                        [(b"www-authenticate", b'Bearer realm="pmm-rules"')])
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                return 400, "the Content-Length header is not a number", []
            if size > self.settings.max_body_bytes:
                return 413, f"the request body is larger than {self.settings.max_body_bytes} bytes", []
        return None

    async def _problem(self, scope: Scope, send: Send, status: int, detail: str,
                       extra: list[tuple[bytes, bytes]]) -> None:
        kind, title = KINDS[status]
        body = problem_bytes(problem_body(status, kind, title, detail, scope.get("path")))
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", PROBLEM_MEDIA_TYPE.encode()),
                                (b"content-length", str(len(body)).encode()), *extra]})
        await send({"type": "http.response.body", "body": body})
