"""Advising: from an evaluation and the responsibility graph to the advice of the contract.

One module per part of the advice: `_regimes` (per need: regimes and who is responsible), `_collisions`,
`_route` (the escalation route), `_timeouts` (time-outs and deadlines), `_bridging` (the overbruggingsprocedure
and its candidates), `_leeway`, `_missing` (missing facts), `_trace`; `_sources` makes the citations;
`_responsibility` is the graph; `_compose` puts them together.
"""

from typing import TYPE_CHECKING

from .._lazy import attach

if TYPE_CHECKING:
    from ._bridging import candidates as candidates
    from ._compose import Composer as Composer
    from ._responsibility import ResponsibilityGraph as ResponsibilityGraph
    from ._responsibility import Situation as Situation
    from ._sources import Citer as Citer
    from ._sources import citation as citation
    from ._sources import citations as citations
    from ._trace import TraceMode as TraceMode
    from ._trace import trace_mode as trace_mode

if not TYPE_CHECKING:  # at run time each name is imported on first use; type checkers read the imports above
    __getattr__, __dir__, __all__ = attach(__name__, __file__)
