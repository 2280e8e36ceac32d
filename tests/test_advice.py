"""Advice on the bundled rules: the contract of docs/design.md (3.3), deterministic and safe to embed."""

from __future__ import annotations

import contextlib
import json
import random
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmm_rules import Case, Engine
from pmm_rules.load import bundled_paths
from pmm_rules.load import shipped_schema as shipped
from pmm_rules.model import Advice

from .common import EXAMPLE_CASES

STAMP = "2026-11-23T00:00:00+00:00"


def _advice_json(engine: Engine, case: Case) -> str:
    return engine.advise(case, evaluated_at=STAMP).to_json()


@pytest.mark.slow
@pytest.mark.parametrize("path", EXAMPLE_CASES, ids=[p.stem for p in EXAMPLE_CASES])
def test_advice_on_every_example_follows_the_published_schema(engine: Engine, path: Path) -> None:
    import jsonschema

    advice = json.loads(_advice_json(engine, Case.from_yaml(path)))
    jsonschema.validate(advice, shipped("advice"))
    assert advice["case_id"] == Case.from_yaml(path).id
    assert advice["disclaimer"]["nl"].startswith("Beslisondersteuning, geen besluit")


@pytest.mark.parametrize("path", EXAMPLE_CASES, ids=[p.stem for p in EXAMPLE_CASES])
def test_every_finding_cites_its_sources(engine: Engine, path: Path) -> None:
    advice = engine.advise(Case.from_yaml(path))
    cited: list[Any] = [*advice.collisions, *advice.timeouts, *advice.deadlines, *advice.leeway]
    cited += [r for n in advice.needs for r in n.regimes]
    for finding in cited:
        assert finding.citations, finding
        for c in finding.citations:
            assert (c.kind == "practice" and c.url) or (c.bwb_id and c.article), c


def test_an_absent_fact_is_unknown_and_asked_for_not_taken_as_false(reference_engine: Engine) -> None:
    full = Case.from_yaml(EXAMPLE_CASES[0])
    data = full.model_dump(mode="json", exclude_none=True)
    data.pop("municipality", None)
    data["attempts"] = [{"step": "regulier", "outcome": "vastgelopen"}]
    advice = reference_engine.advise(Case.model_validate(data))
    assert advice.escalation.next_step is None or advice.escalation.next_step in ("maatwerkregister", "lmm")
    assert "municipality.pmm_connected" in {m.path for m in advice.missing_facts}
    question = next(m.question for m in advice.missing_facts if m.path == "municipality.pmm_connected")
    assert question.nl and question.en


def test_the_receipt_identifies_engine_rules_and_date(engine: Engine) -> None:
    case = Case.from_yaml(EXAMPLE_CASES[0])
    receipt = engine.advise(case).receipt
    assert receipt.backend == engine.backend_name
    assert len(receipt.rules_sha256) == 64
    assert receipt.reference_date == case.reference_date.isoformat()
    assert receipt.rule_count == len(engine.rules)


# ---------------------------------------------------------------- determinism


def test_the_same_case_gives_the_same_bytes_twice(engine: Engine) -> None:
    for path in EXAMPLE_CASES:
        case = Case.from_yaml(path)
        assert _advice_json(engine, case) == _advice_json(engine, case)


@pytest.mark.slow
def test_the_order_in_which_rule_files_load_does_not_change_the_advice() -> None:
    forward = Engine.from_paths(bundled_paths(), backend="reference")
    backward = Engine.from_paths(list(reversed(bundled_paths())), backend="reference")
    assert forward.rules_sha256 == backward.rules_sha256
    for path in EXAMPLE_CASES:
        case = Case.from_yaml(path)
        assert _advice_json(forward, case) == _advice_json(backward, case)


_LISTS = ("members", "needs", "debts", "threats", "creditors_refusing", "attempts", "refusals", "involved")


def _shuffled(data: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    out = dict(data)
    for key in _LISTS:
        if isinstance(out.get(key), list):
            items = list(out[key])
            # The order of attempts on one step is meaningful (the last outcome counts); keep it per step.
            if key == "attempts":
                steps = sorted({a["step"] for a in items}, key=lambda _: rng.random())
                items = [a for s in steps for a in items if a["step"] == s]
            else:
                rng.shuffle(items)
            out[key] = items
    for member in out.get("members", []):
        if isinstance(member.get("conditions"), list):
            member["conditions"] = rng.sample(member["conditions"], len(member["conditions"]))
    return out


@pytest.mark.slow
@settings(deadline=None)
@given(seed=st.integers(0, 2**32 - 1), index=st.integers(0, len(EXAMPLE_CASES) - 1))
def test_shuffling_the_lists_of_a_case_does_not_change_the_advice(seed: int, index: int) -> None:
    engine = Engine.default("reference")
    data = Case.from_yaml(EXAMPLE_CASES[index]).model_dump(mode="json", exclude_none=True)
    original = _advice_json(engine, Case.model_validate(data))
    assert _advice_json(engine, Case.model_validate(_shuffled(data, random.Random(seed)))) == original


@pytest.mark.slow
def test_concurrent_advice_from_eight_threads_equals_sequential_advice(engine: Engine) -> None:
    cases = [Case.from_yaml(p) for p in EXAMPLE_CASES] * 25
    sequential = [_advice_json(engine, c) for c in cases]
    barrier = threading.Barrier(8)

    def advise(case: Case) -> str:
        with contextlib.suppress(threading.BrokenBarrierError):  # start together where possible
            barrier.wait(timeout=0.05)
        return _advice_json(engine, case)

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(advise, cases)) == sequential


@pytest.mark.slow
def test_batch_advice_in_worker_processes_equals_sequential_advice() -> None:
    engine = Engine.default("reference")
    cases = [Case.from_yaml(p) for p in EXAMPLE_CASES] * 3
    sequential = [engine.advise(c).model_dump(exclude={"receipt"}) for c in cases]
    parallel = [a.model_dump(exclude={"receipt"}) for a in engine.advise_many(cases, workers=2, chunksize=4)]
    assert parallel == sequential


def test_advice_round_trips_through_its_json_contract(engine: Engine) -> None:
    for path in EXAMPLE_CASES:
        advice = engine.advise(Case.from_yaml(path), evaluated_at=STAMP)
        assert Advice.model_validate_json(advice.to_json()) == advice


def test_exists_on_a_set_fact_tells_whether_the_list_was_given(engine: Engine, write: Any) -> None:
    rules = write("regels.yaml", """
        schema_version: 1
        domain: proef
        rules:
          - id: proef.indicaties.bekend
            title: Het is bekend welke indicaties er zijn
            kind: derive
            subject: need
            sources: [{law: wlz, article: 3.2.3, bwb_id: BWBR0035917}]
            valid_from: 2015-01-01
            when: {fact: member.indications, exists: true}
            then: {derive: indicaties_bekend}
            explanation: {nl: x, en: x}
        """)
    engine = Engine.from_paths([rules], backend=engine.backend_name)
    base = {"schema_version": 1, "id": "p", "reference_date": "2026-01-01",
            "needs": [{"id": "n", "member": "m", "provision": "begeleiding"}]}
    for indications, expected in ((None, "not_fired"), ([], "fired"), (["wlz_indicatie"], "fired")):
        member: dict[str, Any] = {"id": "m"} if indications is None else {"id": "m", "indications": indications}
        outcomes = engine.evaluate(Case.model_validate({**base, "members": [member]})).outcomes
        assert outcomes.get(("proef.indicaties.bekend", "need:n"), "not_fired") == expected, indications


def test_trusted_trace_entries_are_exactly_what_validation_would_build(engine: Engine) -> None:
    from pmm_rules.model import TraceEntry

    for path in EXAMPLE_CASES:
        for entry in engine.advise(Case.from_yaml(path)).trace:
            assert TraceEntry.model_validate(entry.model_dump()) == entry
            assert entry.model_fields_set == set(TraceEntry.model_fields)


def test_a_wlz_client_at_home_gets_no_precedence_from_the_institution_article() -> None:
    """Wmo 2015 art 2.3.5 lid 6 concerns stay in an institution: for household help at home the overlap names the
    delivery form and does not cite lid 6, while the same need in an institution does."""
    from pmm_rules import Case, Engine

    def advice_for(at_home: bool) -> Any:
        member = {"id": "m", "age": 78, "indications": ["wlz_indicatie"], "in_institution": not at_home,
                  "wlz_delivery_form": "vpt" if at_home else "instelling"}
        need = {"id": "hh", "member": "m", "provision": "huishoudelijke_hulp", "own_means_sufficient": False,
                "context": "thuis" if at_home else "instelling"}
        case = Case.model_validate({"schema_version": 1, "id": "thuis", "reference_date": "2026-11-01",
                                    "members": [member], "needs": [need], "refusals": []})
        return Engine.default(backend="reference").advise(case, evaluated_at="test")

    def cites_lid_6(collision: Any) -> bool:
        return any((c.law, c.article, c.paragraph) == ("wmo2015", "2.3.5", "6") for c in collision.citations)

    home, institution = advice_for(True), advice_for(False)
    assert [(c.rule, cites_lid_6(c)) for c in home.collisions] == [("zorg.overlap.wlz_wmo_thuis", False)]
    assert home.needs[0].responsible is None
    assert [(c.rule, cites_lid_6(c)) for c in institution.collisions] == [("zorg.overlap.wlz_wmo", True)]
    assert institution.needs[0].responsible is not None and institution.needs[0].responsible.law == "wlz"


def test_a_citation_says_which_version_of_the_text_its_claim_was_read_in() -> None:
    """A rule valid before 2021 cites the Wlz as read in its 2020 text; the link points at the law on the reference
    date, `text_read` at the version the claim was checked against."""
    from pmm_rules import Case, Engine

    member = {"id": "a", "age": 17, "conditions": ["psychische_stoornis"],
              "care_need": {"permanent_toezicht": True, "zorg_24uur_nabijheid": False, "blijvend": True},
              "indications": [], "pending": []}
    case = Case.model_validate({"schema_version": 1, "id": "psych", "reference_date": "2020-12-31",
                                "members": [member], "needs": [{"id": "bw", "member": "a",
                                                                "provision": "beschermd_wonen"}]})
    advice = Engine.default(backend="reference").advise(case, evaluated_at="test")
    regime = next(r for r in advice.needs[0].regimes if r.law == "wlz")
    assert "wlz.regime.psychisch_voor_2021" in regime.rules
    read = {(c.article, c.text_read) for c in regime.citations if c.law == "wlz"}
    assert ("3.2.1", "2020-03-19") in read
    assert all("/2020-12-31#" in c.url for c in regime.citations if c.law == "wlz" and c.url)
