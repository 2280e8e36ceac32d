"""What a rule or graph edge brings to the advice: its citations (with links to the law as of the reference date)
and its explanation."""

from __future__ import annotations

from collections.abc import Iterable

from .._memo import Memo, remembered
from ..model import Citation, CompiledRule, Source, Text, Vocabulary, trusted


def citation(source: Source, vocab: Vocabulary, reference_date: str | None = None) -> Citation:
    """A source as the advice cites it: statute and regulation links are built from the law's BWB id and the date,
    always (a rule file cannot point a statute's link elsewhere; `validate` refuses a url there)."""
    read = source.text_read.isoformat() if source.text_read else None
    if source.kind == "practice" or source.law is None:
        return Citation(law=source.law, bwb_id=source.bwb_id, article=source.article, paragraph=source.lid,
                        url=source.url, kind=source.kind, title=source.title, confidence=source.confidence,
                        text_read=read)
    law = vocab.laws[source.law]
    return Citation(law=source.law, bwb_id=law.bwb_id, article=source.article, paragraph=source.lid, sub=source.sub,
                    url=law.url(source.article, reference_date), kind=source.kind,
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


# Stands for the reference date in a statute link while citations are made once for all dates; a space keeps it
# out of every link a rule file may give (validate refuses links with spaces).
DATE_SLOT = "<reference date>"
CITATION_CACHE_BYTES = 16 << 20  # the dated citations kept per engine (those of about a hundred dates)
CITATION_BYTES = 900  # what one dated citation takes: the model, its dict and its link (measured: about 800)


def _citations_size(key: tuple[tuple[int, ...], str], value: list[Citation]) -> int:
    return CITATION_BYTES * len(value) + 8 * len(key[0]) + 200


class Citer:
    """Citations, made once per set of sources and reference date: building them is most of the cost of a trace.
    The lists it returns are shared between advices; never change them.

    Only statute links depend on the date. The citations of a set of sources are validated once, with a slot for
    the date (`undated`, bounded by the rule base); those of a date are copies with the date filled in, kept in
    a cache bounded in bytes (a batch over ten thousand reference dates does not grow the process)."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab
        self._undated: dict[tuple[int, ...], list[Citation]] = {}
        self._made: Memo[tuple[tuple[int, ...], str], list[Citation]] = Memo(CITATION_CACHE_BYTES,
                                                                             size=_citations_size)

    def rules(self, rules: Iterable[CompiledRule], day: str) -> list[Citation]:
        """The citations of some rules, on a reference date."""
        return self.sources([s for r in rules for s in r.rule.sources], day)

    def sources(self, sources: list[Source], day: str) -> list[Citation]:
        """The citations of some sources, on a reference date."""
        # Sources belong to the rules and the graph, which live as long as the engine: their ids are stable.
        key = tuple(map(id, sources))
        return self._made.get((key, day), lambda: self._dated(key, sources, day))

    def undated(self, sources: list[Source]) -> list[Citation]:
        """The citations of some sources with DATE_SLOT where statute links have the reference date."""
        key = tuple(map(id, sources))
        return remembered(self._undated, key, lambda: citations(sources, self.vocab, DATE_SLOT))

    def _dated(self, key: tuple[int, ...], sources: list[Source], day: str) -> list[Citation]:
        return [trusted(Citation, **{**c.__dict__, "url": c.url.replace(DATE_SLOT, day)})
                if c.url is not None and DATE_SLOT in c.url else c for c in self.undated(sources)]
