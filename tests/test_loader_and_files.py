"""Loading files safely, and checks of meaning that span several files.

YAML is read without ever running code; bombs and oversized files are refused with a location; one bad
file never hides the problems of another; problems across files (duplicate ids, contradicting rules,
cycles, graph edges to nowhere) name the file and line of the rule or edge at fault.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from pmm_rules.errors import InvalidInput, format_path
from pmm_rules.load import MAX_FILE_BYTES, check_paths
from pmm_rules.load import read_yaml as load_file

from .test_validator_corpus import VALID_RULE_FILE

Writer = Callable[[str, str], Path]


def _summary(problems: list) -> list[tuple[str, int, int, str, str]]:  # type: ignore[type-arg]
    return [(Path(p.file).name, p.line, p.column, p.code, format_path(p.path)) for p in problems]


def test_python_tags_are_refused_and_never_executed(write: Writer, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    path = write("kwaad.yaml", f"""
        schema_version: 1
        domain: proef
        rules: !!python/object/apply:os.system ["touch {marker}"]
        """)
    problems = check_paths([path]).problems
    assert [(p.line, p.column, p.code) for p in problems] == [(3, 8, "yaml-tag")]
    assert not marker.exists()


def test_an_alias_bomb_is_refused_with_its_location(write: Writer) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 10) + "]" for i in range(8)]
    with pytest.raises(InvalidInput) as caught:
        load_file(write("bom.yaml", "\n".join(lines) + "\n"))
    assert [(p.line, p.column, p.code) for p in caught.value.problems] == [(1, 14, "yaml-too-many-nodes")]


def test_an_oversized_file_is_refused_before_parsing(write: Writer) -> None:
    path = write("groot.yaml", "# " + "x" * MAX_FILE_BYTES + "\n")
    problems = check_paths([path]).problems
    assert [(p.code, p.line) for p in problems] == [("file-too-large", 1)]


def test_a_file_that_is_not_utf8_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("schema_version: 1\ndomain: proef\n# coördinatie\n".encode("latin-1"))
    problems = check_paths([path]).problems
    assert [(p.code, p.line) for p in problems] == [("file-encoding", 3)]


def test_merge_keys_are_refused(write: Writer) -> None:
    path = write("merge.yaml", """
        schema_version: 1
        domain: proef
        basis: &basis {kind: regime}
        rules:
          - <<: *basis
            id: proef.x
        """)
    codes = {p.code for p in check_paths([path]).problems}
    assert "yaml-merge-key" in codes


def test_a_missing_file_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    problems = check_paths([tmp_path / "bestaat-niet.yaml"]).problems
    assert [p.code for p in problems] == ["file-unreadable"]


def test_one_bad_file_does_not_hide_another(write: Writer) -> None:
    broken = write("kapot.yaml", "schema_version: 1\nrules: [\n")
    valid = write("goed.yaml", VALID_RULE_FILE)
    wrong = write("fout.yaml", VALID_RULE_FILE.replace("proef.wmo.begeleiding", "proef.ander")
                  .replace("ge: 18", "gte: 18"))
    base = check_paths([broken, valid, wrong])
    assert {Path(p.file).name for p in base.problems} == {"kapot.yaml", "fout.yaml"}
    assert [r.rule.id for r in base.rules] == ["proef.wmo.begeleiding"], "the good rule is still loaded"


def test_a_rule_id_used_twice_names_both_places(write: Writer) -> None:
    first = write("a.yaml", VALID_RULE_FILE)
    second = write("b.yaml", VALID_RULE_FILE.replace("Begeleiding valt onder", "Nogmaals"))
    problems = check_paths([first, second]).problems
    assert _summary(problems) == [("b.yaml", 4, 5, "duplicate-rule-id", "rules[0].id")]
    assert problems[0].message == f"regel-id 'proef.wmo.begeleiding' wordt ook gebruikt in {first}:4"
    assert problems[0].text("message", "en") == f"rule id 'proef.wmo.begeleiding' is also used at {first}:4"


def test_rules_that_claim_the_same_situation_with_opposite_conclusions_are_refused(write: Writer) -> None:
    applies = write("a.yaml", VALID_RULE_FILE)
    excluded = write("b.yaml", VALID_RULE_FILE.replace("proef.wmo.begeleiding", "proef.wmo.uitgesloten")
                     .replace("status: applies", "status: excluded"))
    problems = check_paths([applies, excluded]).problems
    assert _summary(problems) == [("b.yaml", 4, 5, "contradicting-rules", "rules[0]")]


def test_opposite_rules_that_follow_each_other_in_time_are_fine(write: Writer) -> None:
    old = write("a.yaml", VALID_RULE_FILE.replace("valid_from: 2015-01-01", "valid_from: 2015-01-01\n"
                                                  "    valid_to: 2020-12-31"))
    new = write("b.yaml", VALID_RULE_FILE.replace("proef.wmo.begeleiding", "proef.wmo.nieuw")
                .replace("status: applies", "status: excluded").replace("2015-01-01", "2021-01-01"))
    assert check_paths([old, new]).problems == []


def test_rules_that_read_each_other_in_a_cycle_are_refused_with_their_ids(write: Writer) -> None:
    rule = """
      - id: proef.kring.{me}
        title: Afleiding {me} leest {other}
        kind: derive
        subject: need
        sources: [{{law: wmo2015, article: 2.3.5, bwb_id: BWBR0035362}}]
        valid_from: 2015-01-01
        when: {{fact: derived.{other}, eq: true}}
        then: {{derive: {me}}}
        explanation: {{nl: x, en: x}}
    """
    header = "schema_version: 1\ndomain: proef\nrules:\n"
    text = header + rule.format(me="a", other="b") + rule.format(me="b", other="a")
    problems = check_paths([write("kring.yaml", text)]).problems
    assert [(p.code, p.line) for p in problems] == [("rule-cycle", 5)]
    assert problems[0].text("message", "en") == \
        "these rules read each other's conclusions in a cycle: proef.kring.a, proef.kring.b"


GRAPH = """
    schema_version: 1
    nodes:
      - {id: wlz, type: law}
      - {id: wmo2015, type: law}
      - {id: gemeente, type: actor}
    edges:
      - {from: wlz, to: wmo2015, type: precedes, nature: discretionary}
      - {from: gemeente, to: wmo2015, type: executes}
    """


def test_a_valid_graph_file_has_no_problems(write: Writer) -> None:
    assert check_paths([write("graaf.yaml", GRAPH)]).problems == []


@pytest.mark.parametrize(("edge", "expected"), [
    ("{from: wlz, to: wmo2015, type: precedes}", (9, 5, "missing-field", "edges[2]")),
    ("{from: gemeente, to: wmo, type: finances}", (9, 22, "unknown-node", "edges[2].to")),
    ("{from: wmo2015, to: gemeente, type: executes}", (9, 6, "edge-endpoint", "edges[2].from")),
    ("{from: wmo2015, to: wlz, type: precedes, nature: mandatory}", (7, 5, "precedence-cycle", "edges[0]")),
    ("{from: gemeente, to: wmo2015, type: pays}", (9, 35, "not-allowed", "edges[2].type")),
    ("{from: gemeente, to: wmo2015, type: executes, provisions: [begeleidng]}", (9, 64, "unknown-identifier",
                                                                                "edges[2].provisions[0]")),
], ids=["precedes-without-nature", "unknown-node", "wrong-endpoint-type", "precedence-cycle", "unknown-edge-type",
        "unknown-provision"])
def test_graph_mistakes_are_reported_at_the_edge(write: Writer, edge: str,
                                                expected: tuple[int, int, str, str]) -> None:
    path = write("graaf.yaml", GRAPH.rstrip() + f"\n      - {edge}\n")
    problems = check_paths([path]).problems
    summary = [(p.line, p.column, p.code, format_path(p.path)) for p in problems]
    assert expected in summary, [p.render() for p in problems]


PRECEDENCE_BY_PROVISION = """
    schema_version: 1
    nodes:
      - {id: jeugdwet, type: law}
      - {id: wmo2015, type: law}
    edges:
      - {from: jeugdwet, to: wmo2015, type: precedes, nature: mandatory, provisions: [begeleiding]}
      - {from: wmo2015, to: jeugdwet, type: precedes, nature: discretionary, provisions: [beschermd_wonen]}
    """


def test_opposite_precedence_for_different_provisions_is_no_cycle(write: Writer) -> None:
    # Jeugdwet art 1.2 lid 1 sub b: the Jeugdwet goes before the Wmo 2015 for begeleiding, not for beschermd wonen.
    assert check_paths([write("graaf.yaml", PRECEDENCE_BY_PROVISION)]).problems == []


def test_opposite_precedence_for_the_same_provision_is_a_cycle_named_with_it(write: Writer) -> None:
    path = write("graaf.yaml", PRECEDENCE_BY_PROVISION.replace("[beschermd_wonen]", "[beschermd_wonen, begeleiding]"))
    problems = check_paths([path]).problems
    assert [(p.code, p.line, p.text("message", "en")) for p in problems] == [
        ("precedence-cycle", 6, "precedence (precedes edges) forms a cycle for begeleiding: "
                                "jeugdwet → wmo2015 → jeugdwet")]


def test_an_invalid_case_lists_every_problem_with_its_path(write: Writer) -> None:
    from pmm_rules.load import load_case

    path = write("casus.yaml", """
        schema_version: 1
        id: proef
        reference_date: 2026-11-01
        members:
          - {id: kind, age: -3}
        needs:
          - {id: n1, member: vader, provision: begeleiding}
        """)
    with pytest.raises(InvalidInput) as caught:
        load_case(path)
    summary = [(p.line, p.code, format_path(p.path)) for p in caught.value.problems]
    assert summary == [(5, "out-of-range", "members[0].age"), (7, "case-reference", "needs[0].member")]


def test_a_ciz_refusal_after_the_reference_date_is_refused_where_it_is(write: Writer) -> None:
    from pmm_rules.load import load_case

    path = write("casus.yaml", """
        schema_version: 1
        id: proef
        reference_date: 2026-11-01
        members:
          - {id: m, age: 60, wlz_refusal: {date: 2026-12-01, objection: geen}}
        """)
    with pytest.raises(InvalidInput) as caught:
        load_case(path)
    summary = [(p.code, format_path(p.path)) for p in caught.value.problems]
    assert summary == [("case-reference", "members[0].wlz_refusal.date")]
