"""Citations: a statute or regulation source names a known law, its own BWB id and an article in that law's
numbering; a practice source names its title and where it is published."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from ..errors import PathElement, Problem, shorten, visible
from ..model import Source, Vocabulary, closest
from ._yaml import Located


def url_problem(url: str) -> str | None:
    """Why `url` cannot be a source link, or None: only https:// addresses with a host, written plainly (rule text
    is data: a `javascript:` or `data:` link in an advice page would run in the reader's browser)."""
    if not url.lower().startswith("https://"):
        scheme = url.split(":", 1)[0] if ":" in url else ""
        return (f"the link uses '{shorten(scheme, 20)}:'; only https:// links are allowed" if scheme
                else "the link has no https:// in front")
    if re.search(r"[\s\"'<>\\`]", url) or visible(url) != url:
        return "the link holds spaces, quotes, angle brackets, backslashes or control characters"
    try:
        host = urlsplit(url).hostname
    except ValueError:
        host = None
    return None if host else "the link names no host"


def source_problems(located: Located, source: Source, path: tuple[PathElement, ...],
                     vocab: Vocabulary) -> Iterable[Problem]:
    if source.url is not None:
        if source.kind != "practice":
            yield located.problem((*path, "url"), "source-url",
                                  f"a {source.kind} source takes no url: its link is built from the BWB id",
                                  hint="remove url; for a page about the law, add a practice source")
        elif (why := url_problem(source.url)) is not None:
            yield located.problem((*path, "url"), "source-url", why, expected="https://...",
                                  hint="link to the https:// address of the publication")
    if source.kind == "practice":
        for name in ("title", "url"):
            if not getattr(source, name):
                yield located.problem(path, "source-incomplete", f"a practice source needs '{name}'",
                                      hint="name the covenant or agreement and where it is published")
        return
    for name in ("law", "article", "bwb_id"):
        if not getattr(source, name):
            yield located.problem(path, "source-incomplete", f"a {source.kind} source needs '{name}'",
                                  hint="cite law, article (and lid where it matters) and BWB id")
    if not source.law:
        return
    law = vocab.laws.get(source.law)
    if law is None:
        guess = closest(source.law, list(vocab.laws))
        yield located.problem((*path, "law"), "unknown-law", f"unknown law '{source.law}'",
                              expected="one of " + ", ".join(vocab.laws),
                              hint=f"did you mean '{guess}'?" if guess else None)
        return
    if source.bwb_id and source.bwb_id != law.bwb_id:
        other = next((lid for lid, item in vocab.laws.items() if item.bwb_id == source.bwb_id), None)
        yield located.problem((*path, "bwb_id"), "bwb-mismatch",
                              f"BWB id {source.bwb_id} is not the id of {law.name}"
                              + (f" but of law '{other}'" if other else ""),
                              expected=law.bwb_id, hint=f"use bwb_id: {law.bwb_id}, or correct the law")
    if source.article and not law.article_is_well_formed(source.article):
        yield located.problem((*path, "article"), "article-form",
                              f"'{source.article}' is not written as {law.name} numbers its articles",
                              expected=law.article_example)
    if law.regulation and source.kind != "regulation":
        yield located.problem((*path, "kind"), "source-kind", f"{law.name} is a regulation (AMvB)",
                              expected="kind: regulation")
    if not law.regulation and source.kind == "regulation":
        yield located.problem((*path, "kind"), "source-kind", f"{law.name} is a statute", expected="kind: statute")
