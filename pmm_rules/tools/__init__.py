"""The tools around the engine: the `pmm-rules` command line, what-if, explain, signals (systeemleren), the
scenario runner and the pytest plugin, and the generator of the authoring reference."""

from typing import TYPE_CHECKING

from .._lazy import attach

if TYPE_CHECKING:
    from .explain import explain as explain
    from .scenarios import Mismatch as Mismatch
    from .scenarios import Result as Result
    from .scenarios import check_scenario as check_scenario
    from .scenarios import run_scenario as run_scenario
    from .signals import Signals as Signals
    from .signals import collect_signals as collect_signals
    from .whatif import WhatIf as WhatIf
    from .whatif import compare_advice as compare_advice
    from .whatif import what_if as what_if

if not TYPE_CHECKING:  # at run time each name is imported on first use; type checkers read the imports above
    __getattr__, __dir__, __all__ = attach(__name__, __file__)
