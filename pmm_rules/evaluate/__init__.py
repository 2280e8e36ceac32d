"""Evaluating: a case's facts (`subjects_of`), the rules valid on its reference date (`Plan`), and a backend
that decides, in three-valued logic, which rules fire for which subject (`Evaluator.evaluate`)."""

from typing import TYPE_CHECKING

from .._lazy import attach

if TYPE_CHECKING:
    from . import backends as backends
    from ._evaluation import Evaluation as Evaluation
    from ._evaluation import Evaluator as Evaluator
    from ._facts import Subject as Subject
    from ._facts import case_path as case_path
    from ._facts import subjects_of as subjects_of
    from ._plan import REGIME_FACT as REGIME_FACT
    from ._plan import Plan as Plan
    from ._plan import Stratum as Stratum
    from ._plan import derived_value as derived_value
    from ._plan import regime_status as regime_status
    from ._termijnen import bezwaartermijn_last_day as bezwaartermijn_last_day
    from ._termijnen import easter_sunday as easter_sunday
    from ._termijnen import feestdagen as feestdagen
    from ._termijnen import is_rustdag as is_rustdag
    from ._termijnen import last_day_of_term as last_day_of_term
    from .backends import AUTO as AUTO
    from .backends import Backend as Backend
    from .backends import FlatFacts as FlatFacts
    from .backends import Session as Session
    from .backends import SubjectFacts as SubjectFacts
    from .backends import backend_class as backend_class
    from .backends import backend_names as backend_names
    from .backends import register_backend as register_backend
    from .backends import resolve_backend as resolve_backend
    from .backends import unregister_backend as unregister_backend
    from .backends.reference import OpenTest as OpenTest
    from .backends.reference import compile_open as compile_open
    from .backends.reference import kleene as kleene
    from .backends.reference import open_leaves as open_leaves

if not TYPE_CHECKING:  # at run time each name is imported on first use; type checkers read the imports above
    __getattr__, __dir__, __all__ = attach(__name__, __file__)
