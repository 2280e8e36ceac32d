"""Running the service: `pmm-rules serve` calls `run(settings)`, which starts uvicorn on the settings' address."""

from __future__ import annotations

import logging
import os

from ._settings import SETTINGS_VARIABLE, Settings


def run(settings: Settings) -> None:
    """Serve until interrupted. Logs go to stderr: one line per request, never case content."""
    import uvicorn

    from ._app import create_app

    logging.basicConfig(level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if settings.workers > 1:
        # Each worker process imports the app factory and builds its own engine (docs/api.md: never share one
        # across a fork); the settings travel in the environment, the token in its own variable as before.
        os.environ[SETTINGS_VARIABLE] = settings.to_environment()
        uvicorn.run("pmm_rules.serve._app:app_from_environment", factory=True, workers=settings.workers,
                    host=settings.host, port=settings.port, access_log=False, log_level=settings.log_level,
                    server_header=False, root_path=settings.root_path, proxy_headers=True)
        return
    app = create_app(settings)
    logging.getLogger("pmm_rules.serve").info(
        "serving on http://%s:%d%s (token %s, body cap %d bytes, time limit %g s, CORS %s)", settings.host,
        settings.port, settings.root_path or "/", "required" if settings.token else "off", settings.max_body_bytes,
        settings.time_limit, ", ".join(settings.cors_origins) or "off")
    # uvicorn's access log would print query strings; the guard logs one line per request instead.
    uvicorn.run(app, host=settings.host, port=settings.port, access_log=False, log_level=settings.log_level,
                server_header=False, root_path=settings.root_path, proxy_headers=True)
