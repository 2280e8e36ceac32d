"""Missing facts: the facts whose absence left a rule undetermined, each with the question that supplies it,
only where the case makes the question worth asking, and ranked by how much the answer can change the advice and,
within that, by how urgent the instrument is that waits for the answer (the time-out order of `URGENCY`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .._memo import remembered
from ..evaluate import Evaluation, OpenTest, Subject, case_path, compile_open
from ..model import (
    CompiledRule,
    MissingFact,
    MissingFactImpact,
    NeedAdvice,
    Text,
    Vocabulary,
    derived_root,
    is_derived_path,
    trusted,
)
from ._timeouts import URGENCY

# Rule kinds, by how much a fact they wait for can change the advice.
_DECISIVE_KINDS = frozenset({"collision", "bridging"})
_RELEVANT_KINDS = frozenset({"escalation", "timeout", "deadline"})
_IMPACT_ORDER: dict[MissingFactImpact, int] = {"beslissend": 0, "relevant": 1, "aanvullend": 2}
# Urgency of what waits for a fact: a time-out by its place in URGENCY (an eviction before a pause), every other rule
# after all time-outs. The question for the eviction date comes before the question about the escalation route.
_URGENCY_RANK = {instrument: rank for rank, instrument in enumerate(URGENCY)}
_NOT_URGENT = len(URGENCY)


class Questions:
    """The vocabulary fact behind a fact path, and the question that supplies it (made once per path)."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab
        self._fact_of_path: dict[str, str] = {}
        self._questions: dict[str, Text] = {}  # bounded: one per vocabulary fact
        self._open: dict[str, OpenTest] = {}  # one per rule id
        self._order = {path: i for i, path in enumerate(vocab.facts)}

    def vocabulary_path(self, path: str) -> str:
        """The vocabulary fact behind a flag path (`member.conditions.spraakbeperking` -> `member.conditions`)."""
        def find() -> str:
            head = path.rsplit(".", 1)[0]
            return path if self.vocab.fact(path) is not None else head if self.vocab.fact(head) is not None else path
        return remembered(self._fact_of_path, path, find)  # paths come from the rules, not from cases

    def order(self, path: str) -> int:
        """The place of a path's fact in the vocabulary (unknown facts last)."""
        return self._order.get(self.vocabulary_path(path), len(self._order))

    def question(self, path: str, where: str) -> Text:
        """The question for a fact path; `where` (the place in the case) if the vocabulary has none."""
        base = self.vocabulary_path(path)
        question = self._questions.get(base)
        if question is None:
            fact = self.vocab.fact(base)
            if fact is None:
                return Text(nl=where, en=where)
            question = self._questions[base] = Text(nl=fact.question_nl, en=fact.question_en)
        return question

    def unknown(self, ev: Evaluation, rule: CompiledRule, subject: Subject) -> Iterable[tuple[str, str]]:
        """(fact path, place in the case) of every case fact the subject does not know and that still decides the
        rule (an unknown fact in a part of the condition that is decided already is not asked)."""
        facts = ev.values.get(subject.key, subject.facts)
        test = self._open.get(rule.id)
        if test is None:
            test = self._open[rule.id] = compile_open(rule.condition)
        for path in dict.fromkeys(test(facts)[1]):
            if not is_derived_path(path):
                yield path, case_path(subject, path, ev.case)


@dataclass
class _Asked:
    path: str  # the fact path behind the question
    rules: set[str]
    subjects: set[str]
    impact: MissingFactImpact
    urgency: int


class MissingFacts:
    """Finds, filters and ranks the missing facts of an evaluation."""

    def __init__(self, questions: Questions) -> None:
        self.questions = questions
        self._reach: dict[tuple[str, ...], dict[str, frozenset[str]]] = {}
        self._reader_maps: dict[tuple[str, ...], dict[tuple[str, str], list[CompiledRule]]] = {}

    def __call__(self, ev: Evaluation, needs: list[NeedAdvice]) -> list[MissingFact]:
        by_id = ev.rules_by_id
        subjects = {s.key: s for s in ev.subjects}
        reach = self._kinds_reached(ev.rules)
        settled = {n.need for n in needs if n.responsible is not None and n.responsible.status == "applies"}
        debt_case = bool(ev.values.get("case", {}).get("case.debt_context"))
        debt_needs = {f"need:{n.id}" for n in ev.case.needs or [] if n.provision == "schuldhulpverlening"}
        skip_route = debt_case and self._route_settled(ev)
        found: dict[str, _Asked] = {}
        waiting = _Waiting(ev, self._readers(ev.rules))
        for rule_id, key in sorted(pair for pair, outcome in ev.outcomes.items() if outcome == "undetermined"):
            rule, subject = by_id.get(rule_id), subjects.get(key)
            if rule is None or subject is None:
                continue
            if subject.kind == "need" and not waiting(rule, key):
                continue
            # Debt questions only where the case is about debts; care questions only for care needs.
            if not debt_case and (rule.domain == "schulden" or subject.kind == "debt"):
                continue
            if rule.domain == "zorg" and key in debt_needs:
                continue
            if skip_route and rule.kind == "escalation":
                continue
            kinds = (waiting.kinds(rule, key) if subject.kind == "need" and rule.kind in ("derive", "regime")
                     else reach[rule.id])
            impact = self._impact(kinds, subject, settled)
            urgency = _urgency(rule)
            for path, where in self.questions.unknown(ev, rule, subject):
                asked = found.get(where)
                if asked is None:
                    asked = found[where] = _Asked(path, set(), set(), impact, urgency)
                elif self.questions.order(path) < self.questions.order(asked.path):
                    asked.path = path  # one place, several facts: ask the vocabulary's first (regulier before let)
                asked.rules.add(rule_id)
                asked.subjects.add(key)
                if _IMPACT_ORDER[impact] < _IMPACT_ORDER[asked.impact]:
                    asked.impact = impact
                asked.urgency = min(asked.urgency, urgency)
        order = sorted(found, key=lambda w: (_IMPACT_ORDER[found[w].impact], found[w].urgency,
                                             -len(found[w].subjects), -len(found[w].rules), w))
        return [trusted(MissingFact, path=where, question=self.questions.question(found[where].path, where),
                        rules=sorted(found[where].rules), impact=found[where].impact, rank=rank)
                for rank, where in enumerate(order, start=1)]

    @staticmethod
    def _route_settled(ev: Evaluation) -> bool:
        """True for a debt case with no care need whose route has not left the regular step and where nothing is
        stuck: the answer to a route question (the LET, the PMM connection) cannot change the advice then."""
        if any(n.provision != "schuldhulpverlening" for n in ev.case.needs or []):
            return False
        return all(a.step == "regulier" and a.outcome != "vastgelopen" for a in ev.case.attempts or [])

    @staticmethod
    def _impact(kinds: frozenset[str], subject: Subject, settled: set[str]) -> MissingFactImpact:
        if kinds & _DECISIVE_KINDS or ("regime" in kinds and subject.kind == "need" and subject.id not in settled):
            return "beslissend"
        if kinds & _RELEVANT_KINDS or "regime" in kinds:
            return "relevant"
        return "aanvullend"

    def _readers(self, rules: list[CompiledRule]) -> dict[tuple[str, str], list[CompiledRule]]:
        """Per (subject kind, derived path): the rules that read it."""
        def make() -> dict[tuple[str, str], list[CompiledRule]]:
            readers: dict[tuple[str, str], list[CompiledRule]] = {}
            for rule in rules:
                for path in rule.reads:
                    root = derived_root(path)
                    if root is not None:
                        readers.setdefault((rule.subject, root), []).append(rule)
            return readers
        return remembered(self._reader_maps, tuple(r.id for r in rules), make, limit=1_000)

    def _kinds_reached(self, rules: list[CompiledRule]) -> dict[str, frozenset[str]]:
        """Per rule: its own kind and the kinds of every rule that reads what it concludes, directly or through
        others. A derive rule that decides a regime asks a question as decisive as the regime rule's own."""
        def make() -> dict[str, frozenset[str]]:
            readers = self._readers(rules)
            reached: dict[str, frozenset[str]] = {}

            def kinds(rule: CompiledRule) -> frozenset[str]:
                if rule.id not in reached:
                    reached[rule.id] = frozenset({rule.kind})  # strata are acyclic; this only guards
                    found = {rule.kind}
                    for reader in readers.get((rule.subject, rule.writes), []) if rule.writes else []:
                        found |= kinds(reader)
                    reached[rule.id] = frozenset(found)
                return reached[rule.id]

            for rule in rules:
                kinds(rule)
            return reached
        return remembered(self._reach, tuple(r.id for r in rules), make, limit=1_000)


class _Waiting:
    """Whether the facts of an undetermined rule on a need can still change the advice (regimes as
    evaluate.regime_status decides them):

    - an exclusion of a law that nothing says could apply changes nothing: the regime stays out (the Wlz criterion
      for a wheelchair at home);
    - an application or candidate of a law whose exclusion fired changes nothing: the exclusion wins;
    - an application or candidate of a law that another application already makes apply (no exclusion open)
      changes nothing either (a pending application once there is a Wlz indication);
    - a derive rule matters only through a rule that reads it and still matters (a Wlz criterion once there is a Wlz
      indication does not); a derive rule nobody reads keeps its questions.
    """

    def __init__(self, ev: Evaluation, readers: dict[tuple[str, str], list[CompiledRule]]) -> None:
        self.ev = ev
        self.readers = readers
        self._seen: dict[tuple[str, str], bool] = {}
        self._by_law: dict[str, list[CompiledRule]] = {}
        for rule in ev.need_regime_rules:
            self._by_law.setdefault(rule.conclusion[1].law, []).append(rule)

    def __call__(self, rule: CompiledRule, key: str) -> bool:
        found = self._seen.get((rule.id, key))
        if found is None:
            self._seen[(rule.id, key)] = True  # strata are acyclic; this only guards
            found = self._matters(rule, key)
            self._seen[(rule.id, key)] = found
        return found

    def _matters(self, rule: CompiledRule, key: str) -> bool:
        if rule.kind == "regime":
            status = rule.conclusion[1].status
            others = [(r.conclusion[1].status, self.ev.outcomes.get((r.id, key)))
                      for r in self._by_law.get(rule.conclusion[1].law, []) if r.id != rule.id]
            if ("excluded", "fired") in others:
                return False  # an exclusion that fired decides the regime
            if status == "excluded":
                return any(s != "excluded" and o in ("fired", "undetermined") for s, o in others)
            # another application fired and no exclusion is open: the regime applies whatever this rule says
            return not (("applies", "fired") in others and ("excluded", "undetermined") not in others)
        if rule.kind == "derive":
            return not self._readers_of(rule) or bool(self._waiting_readers(rule, key))
        return True

    def _readers_of(self, rule: CompiledRule) -> list[CompiledRule]:
        return self.readers.get((rule.subject, rule.writes), []) if rule.writes else []

    def _waiting_readers(self, rule: CompiledRule, key: str) -> list[CompiledRule]:
        return [reader for reader in self._readers_of(rule)
                if self.ev.outcomes.get((reader.id, key)) == "undetermined" and self(reader, key)]

    def kinds(self, rule: CompiledRule, key: str) -> frozenset[str]:
        """The kinds a derive or regime rule's answer can still reach for this subject: its own and those of the
        rules that read its conclusion and are still undetermined (through other derive and regime rules too). A
        reader that fired or was ruled out while this answer was unknown gives the same outcome whatever the answer
        (three-valued logic), so a gap rule already ruled out by an applying law does not make the question decisive."""
        found = {rule.kind}
        for reader in self._waiting_readers(rule, key):
            found |= self.kinds(reader, key) if reader.kind in ("derive", "regime") else {reader.kind}
        return frozenset(found)


def _may_apply(ev: Evaluation, exclusion: CompiledRule, key: str) -> bool:
    """Whether some rule of the excluded law could still make it apply (or a candidate) for the subject."""
    law = exclusion.conclusion[1].law
    return any(rule.conclusion[1].law == law and rule.conclusion[1].status != "excluded"
               and ev.outcomes.get((rule.id, key)) in ("fired", "undetermined") for rule in ev.need_regime_rules)


def _urgency(rule: CompiledRule) -> int:
    """How urgent the rule is that waits for a fact: a time-out by its instrument, anything else after those."""
    if rule.kind != "timeout":
        return _NOT_URGENT
    return _URGENCY_RANK.get(rule.conclusion[1].instrument, _NOT_URGENT)
