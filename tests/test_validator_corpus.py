"""The validator on the mistakes jurists make: every mistake reported where it is, in words that say what to fix.

Each entry changes one thing in a valid rule file and states the exact problem(s) expected: line, column,
code, path to the value and message. One bad rule file must never hide another, nor a traceback escape.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from pmm_rules.load import check_paths

VALID_RULE_FILE = """\
schema_version: 1
domain: proef
rules:
  - id: proef.wmo.begeleiding
    title: Begeleiding valt onder de Wmo 2015
    kind: regime
    subject: need
    sources:
      - {law: wmo2015, article: 2.3.5, lid: 3, bwb_id: BWBR0035362}
    valid_from: 2015-01-01
    when:
      all:
        - {fact: need.provision, eq: begeleiding}
        - {fact: member.age, ge: 18}
    then:
      regime: {law: wmo2015, status: applies}
    explanation:
      nl: Begeleiding voor een volwassene is een maatwerkvoorziening van de Wmo 2015.
      en: Support for an adult is a Wmo 2015 customised provision.
"""


@dataclass(frozen=True)
class Mistake:
    name: str
    description: str
    old: str
    new: str
    expected: list[tuple[int, int, str, str, str]]


MISTAKES = [
    Mistake('tab', 'a tab used for indentation',
            '    kind: regime',
            '\tkind: regime',
            [(6, 1, 'yaml-tab', '(document)', 'a tab character is used for indentation')]),
    Mistake('dupkey', 'a key given twice (PyYAML would keep the last silently)',
            '    kind: regime\n',
            '    kind: regime\n    kind: derive\n',
            [(7, 5, 'yaml-duplicate-key', 'rules[0].kind', "duplicate key 'kind' (first given on line 6)")]),
    Mistake('op_typo', "a misspelt operator ('gte')",
            'ge: 18',
            'gte: 18',
            [(14, 30, 'unknown-operator', 'rules[0].when.all[1].gte', "unknown operator 'gte'")]),
    Mistake('unknown_provision', 'a misspelt provision',
            'eq: begeleiding',
            'eq: begeleidng',
            [(13, 34, 'value-type', 'rules[0].when.all[0].eq', "'begeleidng' does not fit fact 'need.provision'")]),
    Mistake('no_bwb', 'an article cited without BWB id',
            ', bwb_id: BWBR0035362',
            '',
            [(9, 9, 'source-incomplete', 'rules[0].sources[0]', "a statute source needs 'bwb_id'")]),
    Mistake('other_bwb', 'the BWB id of another law',
            'BWBR0035362',
            'BWBR0034925',
            [(9, 48, 'bwb-mismatch', 'rules[0].sources[0].bwb_id', "BWB id BWBR0034925 is not the id of Wet maatschappelijke ondersteuning 2015 but of law 'jeugdwet'")]),
    Mistake('valid_to_before', 'valid_to before valid_from',
            '    valid_from: 2015-01-01\n',
            '    valid_from: 2015-01-01\n    valid_to: 2014-12-31\n',
            [(11, 5, 'validity', 'rules[0].valid_to', 'valid_to 2014-12-31 is before valid_from 2015-01-01')]),
    Mistake('unknown_fact', 'a condition on a fact that does not exist',
            'member.age',
            'member.leeftijd',
            [(14, 12, 'unknown-fact', 'rules[0].when.all[1].fact', "unknown fact 'member.leeftijd'; did you mean 'member.age'?")]),
    Mistake('string_for_number', 'a word where a number belongs',
            'ge: 18',
            'ge: achttien',
            [(14, 30, 'wrong-type', 'rules[0].when.all[1].ge', "'achttien' does not fit here")]),
    Mistake('quoted_number', 'a number in quotes',
            'ge: 18',
            'ge: "18"',
            [(14, 30, 'value-type', 'rules[0].when.all[1].ge', "'18' does not fit fact 'member.age'")]),
    Mistake('unknown_law', 'an unknown law id',
            'law: wmo2015, article',
            'law: wmo, article',
            [(9, 10, 'unknown-law', 'rules[0].sources[0].law', "unknown law 'wmo'")]),
    Mistake('bad_status', 'a Dutch word for a regime status',
            'status: applies',
            'status: geldt',
            [(16, 30, 'not-allowed', 'rules[0].then.regime.status', "text 'geldt' is not allowed here")]),
    Mistake('missing_en', 'an explanation without English',
            '      en: Support for an adult is a Wmo 2015 customised provision.\n',
            '',
            [(17, 5, 'missing-field', 'rules[0].explanation', "required field 'en' is missing")]),
    Mistake('two_ops', 'two operators in one comparison',
            'ge: 18}',
            'ge: 18, lt: 23}',
            [(14, 11, 'invalid', 'rules[0].when.all[1]', 'a comparison needs exactly one operator (eq, ne, lt, le, gt, ge, in, not_in, contains, not_contains, exists); found lt, ge')]),
    Mistake('when_typo', "'condition:' written for 'when:'",
            '    when:',
            '    condition:',
            [(4, 5, 'missing-field', 'rules[0]', "required field 'when' is missing"), (11, 5, 'unknown-field', 'rules[0].condition', "unknown field 'condition'")]),
    Mistake('bad_id', 'a rule id with capitals and a space',
            'id: proef.wmo.begeleiding',
            'id: Proef Wmo',
            [(4, 5, 'bad-format', 'rules[0].id', "text 'Proef Wmo' does not have the required form")]),
    Mistake('article_form', "'art.' written into the article number",
            'article: 2.3.5',
            'article: "art. 2.3.5"',
            [(9, 24, 'article-form', 'rules[0].sources[0].article', "'art. 2.3.5' is not written as Wet maatschappelijke ondersteuning 2015 numbers its articles")]),
    Mistake('kind_mismatch', 'a kind that does not match the conclusion',
            'kind: regime',
            'kind: collision',
            [(15, 5, 'kind-mismatch', 'rules[0].then', "a rule of kind 'collision' concludes 'regime'")]),
    Mistake('contains_enum', "'contains' on a fact that is not a set",
            '{fact: need.provision, eq: begeleiding}',
            '{fact: need.provision, contains: begeleiding}',
            [(13, 34, 'operator-type', 'rules[0].when.all[0].contains', "operator 'contains' does not fit 'need.provision', which is of type enum")]),
    Mistake('lt_enum', "'lt' on an enumeration",
            '{fact: need.provision, eq: begeleiding}',
            '{fact: need.provision, lt: 3}',
            [(13, 34, 'operator-type', 'rules[0].when.all[0].lt', "operator 'lt' does not fit 'need.provision', which is of type enum")]),
    Mistake('bad_date', 'a date that does not exist',
            'valid_from: 2015-01-01',
            'valid_from: 2015-13-01',
            [(10, 17, 'yaml-bad-date', 'rules[0].valid_from', "'2015-13-01' looks like a date but is not one (the month must be from 1 to 12)")]),
    Mistake('practice_no_url', 'a practice source without url',
            '{law: wmo2015, article: 2.3.5, lid: 3, bwb_id: BWBR0035362}',
            '{kind: practice, title: Convenant}',
            [(9, 9, 'source-incomplete', 'rules[0].sources[0]', "a practice source needs 'url'")]),
    Mistake('bad_subject', 'an unknown subject',
            'subject: need',
            'subject: huishouden',
            [(7, 5, 'not-allowed', 'rules[0].subject', "text 'huishouden' is not allowed here")]),
    Mistake('need_fact_in_case_rule', 'a regime rule for the whole case',
            'subject: need',
            'subject: case',
            [(7, 5, 'subject-kind', 'rules[0].subject', "a 'regime' rule cannot have subject 'case'"), (13, 12, 'unknown-fact', 'rules[0].when.all[0].fact', "fact 'need.provision' is not available to case rules (only to: need)"), (14, 12, 'unknown-fact', 'rules[0].when.all[1].fact', "fact 'member.age' is not available to case rules (only to: need)")]),
    Mistake('yaml_syntax', 'an unclosed flow mapping: the brace that opened, not the indentation, is named',
            '{fact: member.age, ge: 18}',
            '{fact: member.age, ge: 18',
            [(15, 9, 'yaml-unclosed', '(document)', "the '{' on line 14, column 11 is not closed")]),
    Mistake('unclosed_list', 'an unclosed list of values',
            '{fact: need.provision, eq: begeleiding}',
            '{fact: need.provision, in: [begeleiding, dagbesteding}',
            [(13, 64, 'yaml-unclosed', '(document)', "the '[' on line 13, column 38 is not closed")]),
    Mistake('colon_in_title', "an unquoted ': ' inside a value",
            'title: Begeleiding valt onder de Wmo 2015',
            'title: Wmo: maatwerk',
            [(5, 12, 'yaml-syntax', '(document)', "the value contains ': ' and must therefore be quoted")]),
    Mistake('date_day_first', 'a date written day-month-year',
            'valid_from: 2015-01-01',
            'valid_from: 1-1-2015',
            [(10, 5, 'date-form', 'rules[0].valid_from', "date '1-1-2015' is not in the form YYYY-MM-DD")]),
    Mistake('date_slashes', 'a date written with slashes',
            'valid_from: 2015-01-01',
            'valid_from: 2015/01/01',
            [(10, 5, 'date-form', 'rules[0].valid_from', "date '2015/01/01' is not in the form YYYY-MM-DD")]),
    Mistake('lid_word', "a lid written as a word ('een')",
            'lid: 3,',
            'lid: een,',
            [(9, 40, 'lid-form', 'rules[0].sources[0].lid', "lid 'een' is not a lid number")]),
    Mistake('article_awb_style', "a Wmo 2015 article written the Awb's way",
            'article: 2.3.5',
            'article: "2:3"',
            [(9, 24, 'article-form', 'rules[0].sources[0].article', "'2:3' is not written as Wet maatschappelijke ondersteuning 2015 numbers its articles")]),
    Mistake('unknown_derived', 'a derived fact no rule derives',
            '{fact: member.age, ge: 18}',
            '{fact: derived.bestaat_niet, eq: true}',
            [(14, 12, 'unknown-fact', 'rules[0].when.all[1].fact', "no need rule derives 'bestaat_niet'")]),
    Mistake('in_not_list', "'in' with a single value",
            'eq: begeleiding',
            'in: begeleiding',
            [(13, 34, 'wrong-type', 'rules[0].when.all[0].in', "text 'begeleiding' is not a list")]),
    Mistake('empty_all', 'an empty all: list',
            '      all:\n        - {fact: need.provision, eq: begeleiding}\n        - {fact: member.age, ge: 18}\n',
            '      all: []\n',
            [(12, 7, 'empty-list', 'rules[0].when.all', 'the list must not be empty')]),
    Mistake('bad_collision_kind', 'an unknown collision kind',
            'regime: {law: wmo2015, status: applies}',
            'collision: {kind: botsing}',
            [(16, 19, 'not-allowed', 'rules[0].then.collision.kind', "text 'botsing' is not allowed here")]),
    Mistake('schema_version', 'an unsupported schema version',
            'schema_version: 1',
            'schema_version: 2',
            [(1, 1, 'not-allowed', 'schema_version', 'number 2 is not allowed here')]),
    Mistake('lid_float', "'lid: 3.5' read by YAML as a number",
            'lid: 3,',
            'lid: 3.5,',
            [(9, 40, 'wrong-type', 'rules[0].sources[0].lid', 'number 3.5 is not text or a whole number')]),
    Mistake('boolean_word', "'ja' where true belongs",
            'ge: 18}',
            'ge: 18}\n        - {fact: need.urgent, eq: ja}',
            [(15, 31, 'value-type', 'rules[0].when.all[2].eq', "'ja' does not fit fact 'need.urgent'")]),
    Mistake('no_sources', 'a rule without sources',
            '    sources:\n      - {law: wmo2015, article: 2.3.5, lid: 3, bwb_id: BWBR0035362}\n',
            '    sources: []\n',
            [(8, 5, 'missing-source', 'rules[0].sources', 'the rule cites no source')]),
    Mistake('technical_rule_with_claim', 'a technical rule that still cites (it makes no legal claim)',
            '    kind: regime\n',
            '    kind: regime\n    technical: true\n',
            [(7, 5, 'technical-kind', 'rules[0].technical', 'only a derive rule can be technical, not a regime rule'),
             (9, 5, 'technical-sources', 'rules[0].sources', 'a technical rule makes no legal claim and cites nothing')]),
]


def _problems(path: Path) -> list[tuple[int, int, str, str, str]]:
    from pmm_rules.errors import format_path

    return [(p.line, p.column, p.code, format_path(p.path), p.text("message", "en") or "")
            for p in check_paths([path]).problems]


def test_the_unchanged_rule_file_is_valid(write: Callable[[str, str], Path]) -> None:
    assert _problems(write("regel.yaml", VALID_RULE_FILE)) == []


def test_the_corpus_holds_at_least_25_distinct_mistakes() -> None:
    assert len({m.name for m in MISTAKES}) == len(MISTAKES) >= 25


@pytest.mark.parametrize("mistake", MISTAKES, ids=[m.name for m in MISTAKES])
def test_each_mistake_is_reported_exactly(mistake: Mistake, write: Callable[[str, str], Path]) -> None:
    assert mistake.old in VALID_RULE_FILE, "the mistake must change the valid file"
    path = write("regel.yaml", VALID_RULE_FILE.replace(mistake.old, mistake.new, 1))
    assert _problems(path) == mistake.expected, mistake.description


def test_all_mistakes_of_all_files_are_reported_in_one_run(write: Callable[[str, str], Path]) -> None:
    paths = [write(f"{m.name}.yaml", VALID_RULE_FILE.replace(m.old, m.new, 1).replace("proef.wmo.begeleiding",
                                                                                       f"proef.{m.name}.regel"))
             for m in MISTAKES]
    problems = check_paths(paths).problems
    reported = {Path(p.file).stem for p in problems}
    assert reported == {m.name for m in MISTAKES}
