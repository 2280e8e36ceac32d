"""The models: what a case, a rule file, a graph file, a scenario file, the vocabulary and the advice are.

Pydantic models give each format its meaning (and, through `pmm_rules.model.generate_schema`, the JSON Schemas
that ship in `pmm_rules/schemas/`); the compiled form (`CompiledRule` over `Expr` trees) is what both
backends evaluate. Nothing here reads a file: `pmm_rules.load` does that.
"""

from typing import TYPE_CHECKING

from .._lazy import attach

if TYPE_CHECKING:
    from ._advice import DISCLAIMER as DISCLAIMER
    from ._advice import Advice as Advice
    from ._advice import AdviceWarning as AdviceWarning
    from ._advice import Bridging as Bridging
    from ._advice import Candidate as Candidate
    from ._advice import Citation as Citation
    from ._advice import Collision as Collision
    from ._advice import Deadline as Deadline
    from ._advice import Escalation as Escalation
    from ._advice import FinalFinancier as FinalFinancier
    from ._advice import FirstAction as FirstAction
    from ._advice import Leeway as Leeway
    from ._advice import MissingFact as MissingFact
    from ._advice import NeedAdvice as NeedAdvice
    from ._advice import NeedBridging as NeedBridging
    from ._advice import Notice as Notice
    from ._advice import OpenItem as OpenItem
    from ._advice import Receipt as Receipt
    from ._advice import Regime as Regime
    from ._advice import Responsible as Responsible
    from ._advice import RouteStep as RouteStep
    from ._advice import Text as Text
    from ._advice import Timeout as Timeout
    from ._advice import TraceEntry as TraceEntry
    from ._advice import Weight as Weight
    from ._advice import trusted as trusted
    from ._advice import trusted_from as trusted_from
    from ._case import Attempt as Attempt
    from ._case import CareNeed as CareNeed
    from ._case import Case as Case
    from ._case import Debt as Debt
    from ._case import DebtAssistance as DebtAssistance
    from ._case import Income as Income
    from ._case import Member as Member
    from ._case import Municipality as Municipality
    from ._case import Need as Need
    from ._case import Refusal as Refusal
    from ._case import WlzRefusal as WlzRefusal
    from ._case import age_on as age_on
    from ._case import months_until as months_until
    from ._case import reference_problems as reference_problems
    from ._compiled import DERIVED_PREFIXES as DERIVED_PREFIXES
    from ._compiled import All as All
    from ._compiled import Any_ as Any_
    from ._compiled import CompiledRule as CompiledRule
    from ._compiled import Expr as Expr
    from ._compiled import Leaf as Leaf
    from ._compiled import LoadedRule as LoadedRule
    from ._compiled import Not as Not
    from ._compiled import Op as Op
    from ._compiled import derived_root as derived_root
    from ._compiled import is_derived_path as is_derived_path
    from ._compiled import leaves as leaves
    from ._compiled import node_json as node_json
    from ._compiled import writes_of as writes_of
    from ._graphfile import EDGE_ENDPOINTS as EDGE_ENDPOINTS
    from ._graphfile import EdgeType as EdgeType
    from ._graphfile import GraphEdge as GraphEdge
    from ._graphfile import GraphFile as GraphFile
    from ._graphfile import GraphNode as GraphNode
    from ._graphfile import NodeType as NodeType
    from ._graphfile import precedence_cycles as precedence_cycles
    from ._graphfile import valid_on as valid_on
    from ._identifiers import NOT_ATTEMPTED as NOT_ATTEMPTED
    from ._identifiers import VOCABULARY_LISTS as VOCABULARY_LISTS
    from ._identifiers import Actor as Actor
    from ._identifiers import CollisionKind as CollisionKind
    from ._identifiers import Creditor as Creditor
    from ._identifiers import MissingFactImpact as MissingFactImpact
    from ._identifiers import Outcome as Outcome
    from ._identifiers import Provision as Provision
    from ._identifiers import RegimeStatus as RegimeStatus
    from ._identifiers import Step as Step
    from ._identifiers import StepStatus as StepStatus
    from ._identifiers import SubjectKind as SubjectKind
    from ._rules import COMPARISON_OPS as COMPARISON_OPS
    from ._rules import RULE_ID_PATTERN as RULE_ID_PATTERN
    from ._rules import AllOf as AllOf
    from ._rules import AnyOf as AnyOf
    from ._rules import Comparison as Comparison
    from ._rules import Conclusion as Conclusion
    from ._rules import Condition as Condition
    from ._rules import NoticeConclusion as NoticeConclusion
    from ._rules import NotOf as NotOf
    from ._rules import Rule as Rule
    from ._rules import RuleFile as RuleFile
    from ._rules import RuleKind as RuleKind
    from ._rules import RuleText as RuleText
    from ._rules import Source as Source
    from ._scenario import Expectation as Expectation
    from ._scenario import Scenario as Scenario
    from ._scenario import ScenarioFile as ScenarioFile
    from ._schemas import SCHEMA_NAMES as SCHEMA_NAMES
    from ._schemas import generate_schema as generate_schema
    from ._schemas import schema_text as schema_text
    from ._schemas import write_schemas as write_schemas
    from ._vocabulary import FactType as FactType
    from ._vocabulary import Law as Law
    from ._vocabulary import Vocabulary as Vocabulary
    from ._vocabulary import VocabularyFact as VocabularyFact
    from ._vocabulary import closest as closest
    from ._vocabulary import vocabulary_from_data as vocabulary_from_data
    from ._vocabulary_file import VocabularyFile as VocabularyFile

if not TYPE_CHECKING:  # at run time each name is imported on first use; type checkers read the imports above
    __getattr__, __dir__, __all__ = attach(__name__, __file__)
