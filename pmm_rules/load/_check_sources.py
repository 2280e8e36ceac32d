"""Citations: a statute or regulation source names a known law, its own BWB id and an article in that law's
numbering; a practice source names its title and where it is published."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from ..errors import Message, PathElement, Problem, msg, shorten, visible
from ..model import Law, Source, Vocabulary, closest
from ._yaml import Located


def url_problem(url: str) -> Message | None:
    """Why `url` cannot be a source link, or None: only https:// addresses with a host, written plainly (rule text
    is data: a `javascript:` or `data:` link in an advice page would run in the reader's browser)."""
    if not url.lower().startswith("https://"):
        scheme = url.split(":", 1)[0] if ":" in url else ""
        return (msg("problem.source-url.scheme", scheme=shorten(scheme, 20)) if scheme
                else msg("problem.source-url.no_https"))
    if re.search(r"[\s\"'<>\\`]", url) or visible(url) != url:
        return msg("problem.source-url.characters")
    try:
        host = urlsplit(url).hostname
    except ValueError:
        host = None
    return None if host else msg("problem.source-url.no_host")


# A lid (paragraph) is numbered 1, 2, 3, ...; a few laws insert one with a letter (2a).
_LID = re.compile(r"[1-9][0-9]{0,2}[a-z]?")
_LID_WORDS = {"een": 1, "één": 1, "eerste": 1, "twee": 2, "tweede": 2, "drie": 3, "derde": 3, "vier": 4, "vierde": 4,
              "vijf": 5, "vijfde": 5, "zes": 6, "zesde": 6, "zeven": 7, "zevende": 7, "acht": 8, "achtste": 8,
              "negen": 9, "negende": 9, "tien": 10, "tiende": 10}


def _lid_hint(lid: str) -> Message:
    """How to write a lid: the number a word names (`een` → 1), or the number inside (`lid 3` → 3)."""
    word = lid.strip().lower()
    number = _LID_WORDS.get(word.removeprefix("lid ").strip())
    if number is None:
        digits = re.search(r"[1-9][0-9]{0,2}[a-z]?", word)
        number_text = digits.group() if digits and word.startswith(("lid", "l.", "lid.")) else None
    else:
        number_text = str(number)
    if number_text is not None:
        return msg("hint.lid-form.number", lid=number_text)
    return msg("hint.lid-form")


def _article_hint(article: str, law: Law) -> Message:
    """The law's own numbering, and the citation rewritten in it where the numbers are plain to see (`2:3.5` for
    the Wmo 2015 is `2.3.5`; `art. 10` for the Zvw is `10`)."""
    numbers = re.findall(r"\d+[a-z]*", article)
    candidates = [".".join(numbers), ":".join(numbers), "".join(numbers)] if numbers else []
    fitting = next((c for c in candidates if c != article and law.article_is_well_formed(c)), None)
    example = law.examples[0]
    form = ("colon" if ":" in example else f"dotted{min(example.count('.') + 1, 4)}" if "." in example
            else "plain")
    if fitting is not None:
        return msg("hint.article-form.rewrite", law=law.name, form=msg(f"says.article.{form}"), example=example,
                   article=fitting)
    return msg("hint.article-form", law=law.name, form=msg(f"says.article.{form}"), example=example)


def source_problems(located: Located, source: Source, path: tuple[PathElement, ...],
                     vocab: Vocabulary) -> Iterable[Problem]:
    if source.url is not None:
        if source.kind != "practice":
            yield located.problem((*path, "url"), "source-url",
                                  msg("problem.source-url.not_practice", kind=source.kind),
                                  hint=msg("hint.source-url.not_practice"))
        elif (why := url_problem(source.url)) is not None:
            yield located.problem((*path, "url"), "source-url", why, expected="https://...",
                                  hint=msg("hint.source-url"))
    if source.kind == "practice":
        for name in ("title", "url"):
            if not getattr(source, name):
                yield located.problem(path, "source-incomplete", msg("problem.source-incomplete.practice", field=name),
                                      hint=msg("hint.source-incomplete.practice"))
        return
    for name in ("law", "article", "bwb_id"):
        if not getattr(source, name):
            yield located.problem(path, "source-incomplete",
                                  msg("problem.source-incomplete", kind=msg(f"says.source.{source.kind}"), field=name),
                                  hint=msg("hint.source-incomplete"))
    if not source.law:
        return
    law = vocab.laws.get(source.law)
    if law is None:
        guess = closest(source.law, list(vocab.laws))
        yield located.problem((*path, "law"), "unknown-law", msg("problem.unknown-law", law=source.law),
                              expected=msg("says.one_of", options=list(vocab.laws)),
                              hint=msg("says.did_you_mean", guess=guess) if guess else None)
        return
    if source.bwb_id and source.bwb_id != law.bwb_id:
        other = next((lid for lid, item in vocab.laws.items() if item.bwb_id == source.bwb_id), None)
        yield located.problem((*path, "bwb_id"), "bwb-mismatch",
                              msg("problem.bwb-mismatch.other", id=source.bwb_id, law=law.name, other=other) if other
                              else msg("problem.bwb-mismatch", id=source.bwb_id, law=law.name),
                              expected=law.bwb_id, hint=msg("hint.bwb-mismatch", id=law.bwb_id))
    if source.article and not law.article_is_well_formed(source.article):
        yield located.problem((*path, "article"), "article-form",
                              msg("problem.article-form", article=source.article, law=law.name),
                              expected=msg("says.or_list", items=[f"'{e}'" for e in law.examples]),
                              hint=_article_hint(source.article, law))
    if source.lid is not None and not _LID.fullmatch(source.lid):
        yield located.problem((*path, "lid"), "lid-form", msg("problem.lid-form", lid=source.lid),
                              expected=msg("expected.lid-form"), hint=_lid_hint(source.lid))
    if law.regulation and source.kind != "regulation":
        yield located.problem((*path, "kind"), "source-kind", msg("problem.source-kind.regulation", law=law.name),
                              expected="kind: regulation")
    if not law.regulation and source.kind == "regulation":
        yield located.problem((*path, "kind"), "source-kind", msg("problem.source-kind.statute", law=law.name),
                              expected="kind: statute")
