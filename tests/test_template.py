"""Placeholders in explanations (`{member.wlz_objection_last_day}`): every one in the bundled rules names a fact the
rule reads or a display value, stands in a rule whose explanation the advice fills in (notices and collisions), and
appears in both languages; a filled text never shows a brace."""

from __future__ import annotations

import datetime as dt

from pmm_rules import Case, Engine
from pmm_rules.advise._template import DISPLAY_VALUES, placeholders


def test_every_placeholder_is_a_fact_the_rule_reads_or_a_display_value() -> None:
    engine = Engine.default("reference")
    found = 0
    for rule in engine.rulebase.compiled:
        nl, en = placeholders(rule.rule.explanation.nl), placeholders(rule.rule.explanation.en)
        assert sorted(nl) == sorted(en), rule.id
        if not nl:
            continue
        found += 1
        assert rule.kind in ("notice", "collision"), f"{rule.id}: only notices and collisions are filled in"
        for path in nl:
            assert path in DISPLAY_VALUES or path in rule.reads, f"{rule.id}: {path}"
    assert found >= 4


def test_a_missing_value_shows_the_fallback() -> None:
    case = Case.model_validate({
        "schema_version": 1, "id": "t", "reference_date": "2026-11-01",
        "members": [{"id": "j", "age": 17, "conditions": ["psychosociale_problemen"]}],
        "needs": [{"id": "b", "member": "j", "provision": "begeleiding", "own_means_sufficient": False}]})
    advice = Engine.default("reference").advise(case, evaluated_at="x")
    assert advice.notices == []  # no birth date: whether the 18th birthday is near is unknown
    dated = case.model_copy(update={"members": [case.members[0].model_copy(update={
        "age": None, "birth_date": dt.date(2009, 3, 1)})]})
    notices = Engine.default("reference").advise(dated, evaluated_at="x").notices
    text = next(n for n in notices if n.notice == "verlenging_jeugdhulp").explanation
    assert "1-3-2027" in text.nl and "2027-03-01" in text.en and "{" not in text.nl + text.en
