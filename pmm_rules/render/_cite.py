"""How a note cites the law: "art. 3.1.1 lid 1 sub a Wlz", with "(waarschijnlijk)" or "(niet geverifieerd)" where
the source is not verified, and "praktijk: <title>" for a practice source. `article_text` is the short key form
(`wlz art. 3.1.1 lid 1 sub a`) that reports count by."""

from __future__ import annotations

from ..labels import Lang
from ..model import Citation
from ._note import cite_text, cites_line, plain


def article_text(c: Citation) -> str:
    """`wlz art. 3.1.1 lid 1 sub a`: the law's id first, one key per article paragraph (signals count by it)."""
    lid = f" lid {c.paragraph}" if c.paragraph else ""
    part = f" sub {c.sub}" if c.sub else ""
    return f"{c.law} art. {c.article}{lid}{part}"


def cite(c: Citation, lang: Lang = "nl") -> str:
    """One citation as a note says it, marked where it is not verified."""
    return cite_text(c, lang)


def cites(citations: list[Citation], lang: Lang) -> str:
    """Several citations on one line, the paragraphs of an article and the articles of a law said once."""
    return plain(cites_line(citations, lang))
