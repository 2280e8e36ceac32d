"""What a rule or graph edge brings to the advice: its citations (with links to the law as of the reference date)
and its explanation."""

from __future__ import annotations

from collections.abc import Iterable

from .._memo import remembered
from ..model import Citation, CompiledRule, Source, Text, Vocabulary


def citation(source: Source, vocab: Vocabulary, reference_date: str | None = None) -> Citation:
    """A source as the advice cites it: statute and regulation links are built from the law's BWB id and the date."""
    read = source.text_read.isoformat() if source.text_read else None
    if source.kind == "practice" or source.law is None:
        return Citation(law=source.law, bwb_id=source.bwb_id, article=source.article, paragraph=source.lid,
                        url=source.url, kind=source.kind, title=source.title, confidence=source.confidence,
                        text_read=read)
    law = vocab.laws[source.law]
    return Citation(law=source.law, bwb_id=law.bwb_id, article=source.article, paragraph=source.lid, sub=source.sub,
                    url=source.url or law.url(source.article, reference_date), kind=source.kind,
                    title=source.title, confidence=source.confidence, text_read=read)


def _cite_key(c: Citation) -> tuple[str, ...]:
    return (c.law or "", c.article or "", c.paragraph or "", c.sub or "", c.title or "", c.url or "")


def _cite_order(key: tuple[str, ...]) -> tuple[bool, tuple[str, ...]]:
    # The law first, practice after it: a practice source (no law) would otherwise sort before every article and read
    # as the lead source of a finding.
    return (key[0] == "", key)


def citations(sources: Iterable[Source], vocab: Vocabulary, reference_date: str | None = None) -> list[Citation]:
    """The citations of some sources, without doubles, in a stable order."""
    unique = {_cite_key(c): c for c in (citation(s, vocab, reference_date) for s in sources)}
    return [unique[k] for k in sorted(unique, key=_cite_order)]


def explanation(rule: CompiledRule) -> Text:
    """The rule's explanation, in Dutch and English."""
    return Text(nl=rule.rule.explanation.nl, en=rule.rule.explanation.en)


class Citer:
    """Citations, made once per set of sources and reference date: building them is most of the cost of a trace.
    The lists it returns are shared between advices; never change them."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab
        self._made: dict[tuple[tuple[int, ...], str], list[Citation]] = {}

    def rules(self, rules: Iterable[CompiledRule], day: str) -> list[Citation]:
        """The citations of some rules, on a reference date."""
        return self.sources([s for r in rules for s in r.rule.sources], day)

    def sources(self, sources: list[Source], day: str) -> list[Citation]:
        """The citations of some sources, on a reference date."""
        # Sources belong to the rules and the graph, which live as long as the engine: their ids are stable.
        return remembered(self._made, (tuple(map(id, sources)), day), lambda: citations(sources, self.vocab, day))
