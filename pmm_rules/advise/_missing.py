"""Missing facts: the facts whose absence left a rule undetermined, each with the question that supplies it."""

from __future__ import annotations

from .._memo import remembered
from ..evaluate import Evaluation, case_path
from ..model import MissingFact, Text, Vocabulary, trusted


class MissingFacts:
    """Finds the missing facts of an evaluation; keeps what it learns about fact paths and questions."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab
        self._fact_of_path: dict[str, str] = {}
        self._questions: dict[str, Text] = {}  # bounded: one per vocabulary fact

    def __call__(self, ev: Evaluation) -> list[MissingFact]:
        found: dict[str, tuple[str, set[str]]] = {}
        by_id = ev.rules_by_id
        subjects = {s.key: s for s in ev.subjects}
        undetermined = sorted(pair for pair, outcome in ev.outcomes.items() if outcome == "undetermined")
        places: dict[tuple[str, str], str] = {}
        for rule_id, key in undetermined:
            rule, subject = by_id.get(rule_id), subjects.get(key)
            if rule is None or subject is None:
                continue
            facts = ev.values.get(key, subject.facts)
            for path in rule.case_reads:
                if facts.get(path) is not None:
                    continue
                where = places.get((key, path))
                if where is None:
                    where = places[(key, path)] = case_path(subject, path, ev.case)
                entry = found.get(where)
                if entry is None:
                    entry = found[where] = (self._vocabulary_path(path), set())
                entry[1].add(rule_id)
        return [trusted(MissingFact, path=where, question=self._question(found[where][0], where),
                        rules=sorted(found[where][1]))
                for where in sorted(found)]

    def _vocabulary_path(self, path: str) -> str:
        """The vocabulary fact behind a flag path (`member.conditions.spraakbeperking` -> `member.conditions`)."""
        def find() -> str:
            head = path.rsplit(".", 1)[0]
            return path if self.vocab.fact(path) is not None else head if self.vocab.fact(head) is not None else path
        return remembered(self._fact_of_path, path, find)  # paths come from the rules, not from cases

    def _question(self, base_path: str, where: str) -> Text:
        question = self._questions.get(base_path)
        if question is None:
            fact = self.vocab.fact(base_path)
            if fact is None:
                return Text(nl=where, en=where)
            question = self._questions[base_path] = Text(nl=fact.question_nl, en=fact.question_en)
        return question
