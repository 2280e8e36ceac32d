"""Extending pmm_rules without touching its Python: a new law, a new output format, a new backend."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from pmm_rules import Case, Engine
from pmm_rules.labels import Lang
from pmm_rules.load import load_vocabulary
from pmm_rules.model import Advice
from pmm_rules.render import ADVICE_FORMATS, register_advice_format, render_advice
from pmm_rules.tools.cli import main

from .common import PACKAGE

# A law made up for this test (not Dutch law): what a rule author adds for a law the bundled rules lack.
NEW_LAW = """
  proefwet: {name: Proefwet (alleen voor deze test), bwb_id: BWBR9999999, article_style: plain}
"""

RULES = """
schema_version: 1
domain: proef
rules:
  - id: proefwet.regime.begeleiding
    title: De Proefwet geldt voor begeleiding van volwassenen
    kind: regime
    subject: need
    sources:
      - {law: proefwet, article: '3', lid: '1', bwb_id: BWBR9999999}
    valid_from: 2020-01-01
    when:
      all:
        - {fact: need.provision, eq: begeleiding}
        - {fact: member.age, ge: 18}
    then:
      regime: {law: proefwet, status: applies}
    explanation: {nl: De Proefwet geldt., en: The Proefwet applies.}
"""

GRAPH = """
schema_version: 1
nodes:
  - {id: proefwet, type: law}
  - {id: gemeente, type: actor}
  - {id: begeleiding, type: provision}
edges:
  - {from: gemeente, to: proefwet, type: executes}
  - {from: gemeente, to: proefwet, type: finances}
  - {from: proefwet, to: begeleiding, type: provides}
"""


@pytest.fixture
def proef(tmp_path: Path) -> tuple[Path, Path]:
    vocabulary = (PACKAGE / "vocabulary.yaml").read_text(encoding="utf-8")
    vocabulary = vocabulary.replace("\nactors:\n", NEW_LAW + "\nactors:\n", 1)
    (tmp_path / "vocabulary.yaml").write_text(vocabulary, encoding="utf-8")
    rules = tmp_path / "regels"
    rules.mkdir()
    (rules / "proef.yaml").write_text(textwrap.dedent(RULES), encoding="utf-8")
    (rules / "graaf.yaml").write_text(textwrap.dedent(GRAPH), encoding="utf-8")
    return tmp_path / "vocabulary.yaml", rules


def test_a_new_law_needs_the_vocabulary_a_rule_file_and_the_graph_only(proef: tuple[Path, Path]) -> None:
    vocabulary_file, rules = proef
    engine = Engine.from_paths([rules], backend="reference", vocabulary=load_vocabulary(vocabulary_file))
    case = Case.model_validate({"schema_version": 1, "id": "proef-1", "reference_date": "2026-01-01",
                                "members": [{"id": "a", "age": 40}],
                                "needs": [{"id": "n", "member": "a", "provision": "begeleiding"}]})
    need = engine.advise(case, evaluated_at="test").needs[0]
    assert [(r.law, r.status) for r in need.regimes] == [("proefwet", "applies")]
    assert need.responsible is not None
    assert (need.responsible.law, need.responsible.executor, need.responsible.financier) == \
        ("proefwet", "gemeente", "gemeente")
    assert need.regimes[0].citations[0].url == "https://wetten.overheid.nl/BWBR9999999/2026-01-01#Artikel3"


def test_without_the_new_law_in_the_vocabulary_the_rule_file_is_refused(proef: tuple[Path, Path],
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    _, rules = proef
    assert main(["validate", str(rules)]) == 1
    assert "onbekende wet 'proefwet'" in capsys.readouterr().out


def _shout(advice: Advice, lang: Lang = "nl") -> str:
    return f"{advice.case_id.upper()}: {len(advice.needs)}\n"


@pytest.mark.usefixtures("restore_formats")
def test_a_new_output_format_is_one_registration(capsys: pytest.CaptureFixture[str]) -> None:
    register_advice_format("kort", _shout, batch=True, help="case id and number of needs")
    case = Case.from_yaml(PACKAGE.parent / "examples" / "stemtolk.yaml")
    assert render_advice(Engine.default("reference").advise(case), "kort") == "VOORBEELD-STEMTOLK: 2\n"
    assert main(["advise", str(PACKAGE.parent / "examples" / "stemtolk.yaml"), "--format", "kort"]) == 0
    assert capsys.readouterr().out == "VOORBEELD-STEMTOLK: 2\n"


@pytest.fixture
def restore_formats() -> Iterator[None]:
    before = dict(ADVICE_FORMATS)
    yield
    ADVICE_FORMATS.clear()
    ADVICE_FORMATS.update(before)
