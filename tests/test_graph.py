"""The bundled responsibility graph: complete, acyclic where it must be, and consistent with the vocabulary."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from pmm_rules import Engine
from pmm_rules.advise import ResponsibilityGraph
from pmm_rules.load import default_vocabulary, load_rulebase

VOCAB = default_vocabulary()
CARE_AND_DEBT_LAWS = ["wmo2015", "jeugdwet", "zvw", "wlz", "wgs"]


@pytest.fixture(scope="module")
def graph() -> ResponsibilityGraph:
    return ResponsibilityGraph(g for _, g in load_rulebase().graphs)


def test_precedence_has_no_cycles(graph: ResponsibilityGraph) -> None:
    assert graph.precedence_cycles() == []


@pytest.mark.parametrize("law", CARE_AND_DEBT_LAWS)
def test_every_law_is_executed_and_financed_by_an_actor(graph: ResponsibilityGraph, law: str) -> None:
    for edge_type in ("executes", "finances"):
        actors = {e.from_ for e in graph.edges_of(edge_type) if e.to == law}
        assert actors, f"nobody {edge_type} {law}"
        assert actors <= set(VOCAB.values("actors"))


@pytest.mark.parametrize("provision", [p for p in VOCAB.values("provisions")])
def test_every_provision_is_provided_by_some_law(graph: ResponsibilityGraph, provision: str) -> None:
    assert any(e.to == provision for e in graph.edges_of("provides")), provision


def test_every_precedence_says_whether_it_is_mandatory_or_discretionary_and_cites_its_article(
        graph: ResponsibilityGraph) -> None:
    for edge in graph.edges_of("precedes"):
        assert edge.nature in ("mandatory", "discretionary")
        assert edge.sources and all(s.article for s in edge.sources if s.kind != "practice"), edge


def test_wlz_before_wmo_is_discretionary_as_wmo_2015_article_2_3_5_lid_6_says(graph: ResponsibilityGraph) -> None:
    edge = graph.precedence("wlz", "wmo2015", None) or next(
        e for e in graph.edges_of("precedes") if e.from_ == "wlz" and e.to == "wmo2015")
    assert edge.nature == "discretionary"
    assert any(s.article == "2.3.5" and s.lid == "6" for s in edge.sources)


def test_wlz_before_wmo_holds_for_stay_and_in_an_institution_not_for_household_help_at_home(
        graph: ResponsibilityGraph) -> None:
    assert graph.precedence("wlz", "wmo2015", "langdurig_verblijf") is not None
    assert graph.precedence("wlz", "wmo2015", "huishoudelijke_hulp", context="instelling") is not None
    assert graph.precedence("wlz", "wmo2015", "huishoudelijke_hulp", context="thuis") is None
    assert graph.precedence("wlz", "wmo2015", "woningaanpassing") is None  # an unknown context matches no such edge


def test_the_escalation_route_runs_regulier_maatwerkregister_lmm_let(graph: ResponsibilityGraph) -> None:
    assert graph.route() == ["regulier", "maatwerkregister", "lmm", "let"]
    escalation = nx.DiGraph((e.from_, e.to) for e in graph.edges_of("escalates_to"))
    assert nx.is_directed_acyclic_graph(escalation)
    assert not escalation.has_edge("maatwerkregister", "let"), "the LET is reached only through the LMM"


def test_the_engine_graph_is_the_bundled_graph() -> None:
    engine = Engine.default("reference")
    assert set(engine.graph.nodes) == set(ResponsibilityGraph(g for _, g in load_rulebase().graphs).nodes)


def _interpreter_case(reference_date: str) -> dict[str, object]:
    return {"schema_version": 1, "id": "tolk", "reference_date": reference_date,
            "members": [{"id": "man", "age": 40, "conditions": ["auditieve_beperking"]}],
            "needs": [{"id": "tolk", "member": "man", "provision": "tolkvoorziening", "context": "leefdomein"}]}


@pytest.mark.parametrize(("reference_date", "executor", "financier"), [
    ("2019-06-30", "gemeente", "gemeente"),   # before the centralisation of Wmo 2015 hoofdstuk 3a
    ("2019-07-01", "uwv", "rijk"),
])
def test_who_executes_and_pays_follows_the_law_of_the_reference_date(reference_date: str, executor: str,
                                                                     financier: str) -> None:
    from pmm_rules import Case

    advice = Engine.default("reference").advise(Case.model_validate(_interpreter_case(reference_date)))
    responsible = advice.needs[0].responsible
    assert responsible is not None
    assert (responsible.law, responsible.executor, responsible.financier) == ("wmo2015", executor, financier)


def test_an_edge_that_ends_before_it_starts_is_refused(tmp_path: Path) -> None:
    from pmm_rules.load import check_paths

    path = tmp_path / "graaf.yaml"
    path.write_text("schema_version: 1\nnodes:\n  - {id: wmo2015, type: law}\n  - {id: gemeente, type: actor}\n"
                    "edges:\n  - {from: gemeente, to: wmo2015, type: executes, valid_from: 2020-01-01,\n"
                    "     valid_to: 2019-01-01}\n", encoding="utf-8")
    problems = check_paths([path]).problems
    assert [(p.line, p.code) for p in problems] == [(7, "validity")]


def test_the_debt_edges_cite_the_article_that_gives_the_power_not_one_about_something_else(
        graph: ResponsibilityGraph) -> None:
    # Rv 475d lid 3 is the bailiff's redetermination, 475da the amount of the beslagvrije voet,
    # Pw 16 a hardship power, Wgs 3 lid 1 a task. The edges cite what gives the power (or, for financing, nothing).
    def cited(frm: str, to: str, edge_type: str) -> set[tuple[str | None, str | None]]:
        edges = [e for e in graph.edges_of(edge_type) if e.from_ == frm and e.to == to]
        assert edges, (frm, to, edge_type)
        return {(s.law, s.article) for e in edges for s in e.sources}

    assert ("rv", "438") in cited("rechtbank", "rv", "decides_access")
    assert ("rv", "475d") not in cited("rechtbank", "rv", "decides_access")
    assert cited("belastingdienst", "rv", "executes") == {("iw1990", "19")}
    assert cited("cjib", "rv", "executes") == {("wahv", "26")}
    assert cited("gemeente", "pw", "executes") == {("pw", "7")}
    assert cited("gemeente", "wgs", "finances") == set()
    for law in ("iw1990", "awir", "gemw", "wahv"):
        assert any(e.to == law for e in graph.edges_of("executes")), law
    smal, breed = graph.node("smal_moratorium"), graph.node("breed_moratorium")
    assert smal is not None and breed is not None
    assert {(s.law, s.article) for s in smal.sources if s.law} == {("fw", "287b")}
    # Wgs 5, and since 2021 the Besluit gemeentelijke schuldhulpverlening, which carries the afkoelingsperiode (art 1).
    assert {(s.law, s.article) for s in breed.sources if s.law} == {("wgs", "5"), ("bgs", "1")}
