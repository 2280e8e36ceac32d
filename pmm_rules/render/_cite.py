"""How a note cites the law: `wlz art. 3.1.1 lid 1 sub a`, and whether the source is verified."""

from __future__ import annotations

from ..labels import Lang, words
from ..model import Citation


def article_text(c: Citation) -> str:
    """`wlz art. 3.1.1 lid 1 sub a`, as a Dutch jurist cites it."""
    lid = f" lid {c.paragraph}" if c.paragraph else ""
    part = f" sub {c.sub}" if c.sub else ""
    return f"{c.law} art. {c.article}{lid}{part}"


def cite(c: Citation, lang: Lang = "nl") -> str:
    """One citation as a note shows it, marked where it is not verified."""
    w = words(lang)
    text = (c.title or c.url or "?") if c.kind == "practice" or not c.article else article_text(c)
    if c.confidence != "verified":
        text += f" ({w['unverified'] if c.confidence == 'unverified' else w['likely_conf']})"
    return text


def cites(citations: list[Citation], lang: Lang) -> str:
    """Several citations on one line."""
    return "; ".join(cite(c, lang) for c in citations)
