"""One precedence for a regime's status: what the advice shows and what later rules read as `regime.<law>`."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

import pytest

from pmm_rules import Case, Engine
from pmm_rules.errors import EngineError, EngineLimitError
from pmm_rules.evaluate import (
    REGIME_FACT,
    Backend,
    Session,
    SubjectFacts,
    regime_status,
    register_backend,
    unregister_backend,
)
from pmm_rules.load import load_rulebase
from pmm_rules.model import CompiledRule, Outcome

from .common import EXAMPLES

FIRED_EXCLUSION = ("excluded", "fired")
OPEN_EXCLUSION = ("excluded", "undetermined")
FIRED_APPLIES = ("applies", "fired")
OPEN_APPLIES = ("applies", "undetermined")
FIRED_CANDIDATE = ("candidate", "fired")
OPEN_CANDIDATE = ("candidate", "undetermined")


@pytest.mark.parametrize(("found", "status"), [
    ([FIRED_EXCLUSION, FIRED_APPLIES], "excluded"),  # an exclusion that holds wins
    ([FIRED_EXCLUSION], "excluded"),
    ([FIRED_APPLIES], "applies"),
    ([FIRED_APPLIES, OPEN_EXCLUSION], "undetermined"),  # it applies unless the open exclusion holds
    ([OPEN_APPLIES], "undetermined"),
    ([OPEN_APPLIES, OPEN_EXCLUSION], "undetermined"),
    ([OPEN_EXCLUSION], None),  # nothing says the regime could apply: out, whatever the exclusion turns out to be
    ([FIRED_CANDIDATE], "undetermined"),  # a candidate waits for its decision: open, however sure its criterion
    ([OPEN_CANDIDATE], "undetermined"),
    ([FIRED_CANDIDATE, FIRED_APPLIES], "applies"),  # once a rule says it applies, the candidate adds nothing
    ([FIRED_CANDIDATE, FIRED_EXCLUSION], "excluded"),
    ([], None),
])
def test_the_status_of_a_regime_follows_one_precedence(found: list[tuple[str, str]], status: str | None) -> None:
    assert regime_status(found) == status


def test_a_status_is_the_same_whatever_the_order_of_the_rules() -> None:
    kinds = [FIRED_EXCLUSION, OPEN_EXCLUSION, FIRED_APPLIES, OPEN_APPLIES, FIRED_CANDIDATE, OPEN_CANDIDATE]
    for size in range(len(kinds) + 1):
        for found in itertools.combinations(kinds, size):
            assert len({regime_status(order) for order in itertools.permutations(found)}) == 1


def test_later_rules_read_what_the_advice_shows(reference_engine: Engine) -> None:
    # The wheelchair of the deadlock example: the only Wlz rule about it is an exclusion nobody can decide yet
    # (is the client in an institution?). The advice leaves the Wlz out, and the overlap rule that reads
    # `regime.wlz` sees the same: no Wlz regime, so no Wlz/Wmo overlap to wait for.
    case = Case.from_yaml(EXAMPLES / "hulpmiddel_patstelling.yaml")
    advice = reference_engine.advise(case, evaluated_at="test")
    evaluation = reference_engine.evaluate(case)
    shown = {r.law: r.status for n in advice.needs if n.need == "rolstoel" for r in n.regimes}
    assert "wlz" not in shown
    assert evaluation.values["need:rolstoel"]["regime.wlz"] == REGIME_FACT[None] == "none"
    assert evaluation.outcomes.get(("zorg.overlap.wlz_wmo", "need:rolstoel"), "not_fired") == "not_fired"
    for law, status in shown.items():
        assert evaluation.values["need:rolstoel"].get(f"regime.{law}", REGIME_FACT[status]) == REGIME_FACT[status]


def test_an_engine_limit_stays_a_limit_when_the_case_id_is_added() -> None:
    error = EngineLimitError("too many properties").with_context("case c-1")
    assert isinstance(error, EngineLimitError)
    assert str(error) == "case c-1: too many properties"
    assert type(EngineError("x").with_context("case c-1")) is EngineError


class _LimitedSession(Session):
    def run(self, rules: list[CompiledRule], stratum: int,
            subjects: list[SubjectFacts]) -> dict[tuple[str, str], Outcome]:
        raise EngineLimitError("a fact would carry 300 properties")


class _LimitedBackend(Backend):
    """A backend that cannot hold any case: what the engine does with its error."""

    name = "limited"

    def __init__(self, rules: Iterable[CompiledRule]) -> None:
        self.rules = list(rules)

    def session(self) -> Session:
        return _LimitedSession()


def test_the_engine_adds_the_case_id_to_a_backend_error_and_keeps_its_class() -> None:
    register_backend("limited", _LimitedBackend)
    try:
        engine = Engine(load_rulebase(), backend="limited")
        assert engine.backend_name == "limited"
        with pytest.raises(EngineLimitError, match=r"^case voorbeeld-stemtolk: a fact would carry 300 properties$"):
            engine.evaluate(Case.from_yaml(EXAMPLES / "stemtolk.yaml"))
    finally:
        unregister_backend("limited")
