"""File formats: shipped JSON Schemas match the models, bundled files match the schemas, and valid generated
rule files load and round-trip unchanged."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmm_rules.load import bundled_paths, bundled_scenario_paths, check_paths, default_vocabulary
from pmm_rules.load import shipped_schema as shipped
from pmm_rules.model import SCHEMA_NAMES, RuleFile
from pmm_rules.model import generate_schema as generate

from .common import EXAMPLE_CASES, ROOT


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_the_shipped_schema_is_the_one_the_models_generate(name: str) -> None:
    assert shipped(name) == generate(name), "run: python -m pmm_rules.schemas"


def _schema_for(path: Path) -> str:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if "rules" in data:
        return "rule"
    if "scenarios" in data:
        return "scenario"
    if "members" in data:
        return "case"
    return "graph"


BUNDLED = [*bundled_paths(), *bundled_scenario_paths(), *EXAMPLE_CASES, ROOT / "pmm_rules" / "vocabulary.yaml"]


@pytest.mark.slow
@pytest.mark.parametrize("path", BUNDLED, ids=[f"{p.parent.name}/{p.name}" for p in BUNDLED])
def test_every_bundled_file_is_valid_against_its_published_schema(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    name = "vocabulary" if path.name == "vocabulary.yaml" else _schema_for(path)
    jsonschema.validate(_jsonable(data), shipped(name))


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


# ---------------------------------------------------------------- generated rule files

VOCAB = default_vocabulary()
FACTS = {"member.age": ("int", st.integers(0, 120)), "need.urgent": ("bool", st.booleans()),
         "need.provision": ("enum", st.sampled_from(VOCAB.values("provisions"))),
         "member.conditions": ("set", st.sampled_from(VOCAB.values("conditions"))),
         "case.reference_date": ("date", st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31)))}
OPS = {"int": ["eq", "ne", "lt", "le", "gt", "ge"], "bool": ["eq", "ne"], "enum": ["eq", "ne", "in", "not_in"],
       "set": ["contains", "not_contains"], "date": ["lt", "le", "gt", "ge"]}


@st.composite
def comparison(draw: st.DrawFn) -> dict[str, Any]:
    fact = draw(st.sampled_from(sorted(FACTS)))
    kind, values = FACTS[fact]
    op = draw(st.sampled_from([*OPS[kind], "exists"]))
    if op == "exists":
        return {"fact": fact, "exists": draw(st.booleans())}
    if op in ("in", "not_in"):
        return {"fact": fact, op: draw(st.lists(values, min_size=1, max_size=3, unique=True))}
    return {"fact": fact, op: draw(values)}


conditions = st.recursive(comparison(), lambda inner: st.one_of(
    st.builds(lambda xs: {"all": xs}, st.lists(inner, min_size=1, max_size=3)),
    st.builds(lambda xs: {"any": xs}, st.lists(inner, min_size=1, max_size=3)),
    st.builds(lambda x: {"not": x}, inner)), max_leaves=5)

text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(
    lambda s: s.strip() == s and s != "")


@st.composite
def rule_files(draw: st.DrawFn) -> dict[str, Any]:
    rules = []
    for i in range(draw(st.integers(1, 4))):
        start = draw(st.dates(dt.date(2000, 1, 1), dt.date(2030, 1, 1)))
        rule: dict[str, Any] = {
            "id": f"gen.r{i}.{draw(st.from_regex(r'[a-z][a-z0-9_]{0,10}', fullmatch=True))}",
            "title": draw(text.filter(lambda s: len(s) >= 3)),
            "kind": "regime", "subject": "need",
            "sources": [{"law": "wlz", "article": draw(st.sampled_from(["3.2.1", "3.2.3", "1.1.1"])),
                         "lid": draw(st.sampled_from([1, 2, "2a"])), "bwb_id": "BWBR0035917"}],
            "valid_from": start,
            "when": draw(conditions),
            "then": {"regime": {"law": "wlz", "status": "applies" if i % 2 == 0 else "excluded"}},
            "explanation": {"nl": draw(text), "en": draw(text)},
        }
        if draw(st.booleans()):
            rule["valid_to"] = start + dt.timedelta(days=draw(st.integers(0, 4000)))
        rules.append(rule)
    return {"schema_version": 1, "domain": "gegenereerd", "rules": rules}


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=rule_files())
def test_valid_generated_rule_files_load_without_problems_and_round_trip(data: dict[str, Any],
                                                                         tmp_path: Path) -> None:
    path = tmp_path / "gegenereerd.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    base = check_paths([path])
    # Two generated rules may claim the same situation with opposite conclusions; that is a finding, not a crash.
    assert {p.code for p in base.problems} <= {"contradicting-rules"}, [p.render() for p in base.problems]
    loaded = RuleFile.model_validate(data)
    dumped = yaml.safe_dump(loaded.model_dump(mode="json", by_alias=True, exclude_defaults=True),
                            allow_unicode=True, sort_keys=False)
    assert RuleFile.model_validate(yaml.safe_load(dumped)) == loaded


def test_the_authoring_reference_in_docs_is_generated_from_the_shipped_schemas() -> None:
    from pmm_rules.tools.docgen import generate

    committed = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")
    assert committed == generate(), "run: python -m pmm_rules.tools.docgen > docs/reference.md"


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_every_property_of_every_format_is_described(name: str) -> None:
    schema = shipped(name)
    undescribed = [f"{where}.{prop}" for where, part in [(name, schema), *schema.get("$defs", {}).items()]
                   for prop, spec in part.get("properties", {}).items() if "description" not in spec]
    assert not undescribed


def test_the_advice_schema_requires_every_field_it_always_writes_and_marks_dates() -> None:
    schema = shipped("advice")
    for where, part in [("Advice", schema), *schema["$defs"].items()]:
        assert set(part.get("properties", {})) <= set(part.get("required", [])), where
    assert schema["properties"]["reference_date"]["format"] == "date"


def test_the_page_of_practice_sources_is_generated_from_the_rules() -> None:
    from pmm_rules.tools.docgen import sources_page

    committed = (ROOT / "docs" / "recht" / "bronnen.md").read_text(encoding="utf-8")
    assert committed == sources_page(), "run: python -m pmm_rules.tools.docgen bronnen > docs/recht/bronnen.md"
