"""pmm_rules: maatwerk as code for the Dutch social domain.

Encodes Wmo 2015, Jeugdwet, Zvw, Wlz and schuldhulpverlening (with Awb and Participatiewet leeway) as
YAML rules and a responsibility graph, and turns a stuck case into explained advice. Decision support,
never a decision.

    >>> from pmm_rules import Engine, Case
    >>> advice = Engine.default().advise(Case.from_yaml("examples/stemtolk.yaml"))

The flow, one subpackage per stage (each imports only from the stages before it): `model` (what the formats
mean) → `load` (reading and checking files) → `evaluate` (facts, plan, backends) → `advise` (the parts of the
advice) → `render` (notes, JSON, graphs, reports) → `Engine` (the facade) → `tools` (CLI, what-if, explain,
signals, scenarios, pytest plugin). Importing this package loads nothing until a name is used.
"""

from typing import TYPE_CHECKING

from ._lazy import attach
from ._version import __version__ as __version__

if TYPE_CHECKING:
    from .engine import Engine as Engine
    from .errors import EngineError as EngineError
    from .errors import EngineLimitError as EngineLimitError
    from .errors import InvalidInput as InvalidInput
    from .errors import PmmRulesError as PmmRulesError
    from .errors import Problem as Problem
    from .errors import format_path as format_path
    from .evaluate import Backend as Backend
    from .evaluate import Session as Session
    from .evaluate import register_backend as register_backend
    from .model import Advice as Advice
    from .model import Case as Case

if not TYPE_CHECKING:  # at run time each name is imported on first use; type checkers read the imports above
    __getattr__, __dir__, _exported = attach(__name__, __file__)
    __all__ = [*_exported, "__version__"]
