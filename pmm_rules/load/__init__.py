"""Loading: every input read, checked and turned into models, with every problem at its file, line and column.

The one road for input is `_inputs` (files, folders, JSON Lines, bundled resources); `_yaml` parses YAML
strictly (no code, no duplicate keys, bounded aliases); `_shape` checks a document against its JSON Schema
and `_check_*` check what it means, per file kind; `_rulebase` loads rule and graph files together and
compiles them (`_compile`) into the form the backends evaluate.
"""

from typing import TYPE_CHECKING

from .._lazy import attach

if TYPE_CHECKING:
    from ._casepath import PathError as PathError
    from ._casepath import parse_value as parse_value
    from ._casepath import set_path as set_path
    from ._cases import case_from_data as case_from_data
    from ._cases import iter_cases as iter_cases
    from ._cases import iter_located_cases as iter_located_cases
    from ._cases import load_case as load_case
    from ._cases import validate_case_data as validate_case_data
    from ._check_rules import FactInfo as FactInfo
    from ._check_rules import fact_info as fact_info
    from ._check_scenario import expectation_problems as expectation_problems
    from ._compile import compile_condition as compile_condition
    from ._compile import compile_rules as compile_rules
    from ._compile import rules_sha256 as rules_sha256
    from ._compile import stratify as stratify
    from ._inputs import CASE_SUFFIXES as CASE_SUFFIXES
    from ._inputs import JSON_LINES_SUFFIX as JSON_LINES_SUFFIX
    from ._inputs import STDIN as STDIN
    from ._inputs import PathRefused as PathRefused
    from ._inputs import bundled_paths as bundled_paths
    from ._inputs import bundled_scenario_paths as bundled_scenario_paths
    from ._inputs import case_files as case_files
    from ._inputs import default_roots as default_roots
    from ._inputs import default_vocabulary as default_vocabulary
    from ._inputs import expand as expand
    from ._inputs import file_kind as file_kind
    from ._inputs import json_located as json_located
    from ._inputs import looks_like_scenario_file as looks_like_scenario_file
    from ._inputs import open_regular as open_regular
    from ._inputs import read_bytes as read_bytes
    from ._inputs import read_document as read_document
    from ._inputs import read_stdin_document as read_stdin_document
    from ._inputs import read_text as read_text
    from ._inputs import read_yaml as read_yaml
    from ._inputs import resolve_below as resolve_below
    from ._inputs import scenario_paths as scenario_paths
    from ._inputs import shipped_schema as shipped_schema
    from ._pydantic import model_problems as model_problems
    from ._rulebase import RuleBase as RuleBase
    from ._rulebase import check_paths as check_paths
    from ._rulebase import load_rulebase as load_rulebase
    from ._scenarios import LoadedScenario as LoadedScenario
    from ._scenarios import load_scenarios as load_scenarios
    from ._shape import shape_problems as shape_problems
    from ._vocabulary import load_vocabulary as load_vocabulary
    from ._yaml import MAX_ALIASES as MAX_ALIASES
    from ._yaml import MAX_DEPTH as MAX_DEPTH
    from ._yaml import MAX_FILE_BYTES as MAX_FILE_BYTES
    from ._yaml import Located as Located
    from ._yaml import from_data as from_data
    from ._yaml import load_text as load_text

if not TYPE_CHECKING:  # at run time each name is imported on first use; type checkers read the imports above
    __getattr__, __dir__, __all__ = attach(__name__, __file__)
