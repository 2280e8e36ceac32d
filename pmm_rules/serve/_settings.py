"""What a running service is allowed to do: where it listens, who may call it, how much and how long."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, replace
from typing import Any

TOKEN_VARIABLE = "PMM_RULES_TOKEN"
SETTINGS_VARIABLE = "PMM_RULES_SERVE_SETTINGS"  # how `--workers N` hands the settings to each worker process
MIB = 1024 * 1024


@dataclass(frozen=True)
class Settings:
    """The service's settings; every default is the safe one."""

    host: str = "127.0.0.1"  # localhost only, unless --host says otherwise
    port: int = 8000
    token: str | None = field(default=None, repr=False)  # when set, every /v1 route wants `Authorization: Bearer`
    max_body_bytes: int = MIB  # larger request bodies get 413
    time_limit: float = 10.0  # seconds per request (per case in a batch); past it, 503
    cors_origins: tuple[str, ...] = ()  # no CORS unless configured
    backend: str = "auto"
    rules: tuple[str, ...] = ()  # own rule and graph files instead of the bundled ones
    root_path: str = ""  # the path prefix under a reverse proxy, e.g. /pmm
    log_level: str = "info"
    workers: int = 1  # server processes, each with its own engine

    @classmethod
    def from_env(cls, **values: Any) -> Settings:
        """Settings from `values`, with the token from the environment (`PMM_RULES_TOKEN`) unless given."""
        settings = cls(**{k: v for k, v in values.items() if v is not None})
        if settings.token is None and os.environ.get(TOKEN_VARIABLE):
            settings = replace(settings, token=os.environ[TOKEN_VARIABLE])
        return settings

    def to_environment(self) -> str:
        """The settings for worker processes, as JSON; never the token (it stays in PMM_RULES_TOKEN)."""
        return json.dumps({k: v for k, v in asdict(self).items() if k != "token"})

    @classmethod
    def from_environment(cls) -> Settings:
        values = json.loads(os.environ.get(SETTINGS_VARIABLE, "{}"))
        for key in ("cors_origins", "rules"):
            if key in values:
                values[key] = tuple(values[key])
        return cls.from_env(**values)
