"""pmm_rules: maatwerk as code for the Dutch social domain.

Encodes Wmo 2015, Jeugdwet, Zvw, Wlz and schuldhulpverlening (with Awb and Participatiewet leeway) as
YAML rules and a responsibility graph, and turns a stuck case into explained advice. Decision support,
never a decision.

    >>> from pmm_rules import Engine, Case
    >>> advice = Engine.default().advise(Case.from_yaml("examples/stemtolk.yaml"))
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .advice import Advice
from .case import Case
from .errors import EngineError, EngineLimitError, InvalidInput, PmmRulesError, Problem

__version__ = "0.1.0"

if TYPE_CHECKING:  # type checkers see the real class; at run time it is imported on first use
    from .engine import Engine

__all__ = [
    "Advice",
    "Case",
    "Engine",
    "EngineError",
    "EngineLimitError",
    "InvalidInput",
    "PmmRulesError",
    "Problem",
    "__version__",
]


def __getattr__(name: str) -> object:
    # The engine pulls in the rule base and (where available) durable_rules; import it on first use.
    if name == "Engine":
        from .engine import Engine

        return Engine
    raise AttributeError(name)
