"""Citations: a statute or regulation source names a known law, its own BWB id and an article in that law's
numbering; a practice source names its title and where it is published."""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import PathElement, Problem
from ..model import Source, Vocabulary, closest
from ._yaml import Located


def source_problems(located: Located, source: Source, path: tuple[PathElement, ...],
                     vocab: Vocabulary) -> Iterable[Problem]:
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
