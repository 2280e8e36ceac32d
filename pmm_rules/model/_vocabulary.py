"""The identifiers and fact paths of pmm_rules (docs/design.md, identifiers), as read from a vocabulary file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from ._identifiers import NOT_ATTEMPTED

FactType = Literal["bool", "int", "number", "date", "enum", "set"]

# The broad form of each article style, for a law whose vocabulary entry gives no `article_pattern` of its own
# (the bundled vocabulary gives one for every law).
_ARTICLE_STYLES = {
    # Wmo 2015, Jeugdwet, Wlz, Bzv: chapter.section.article, e.g. 2.3.5, 3a.1.1, 1.2, 2.1.4a
    "dotted": re.compile(r"^\d+[a-z]?(\.\d+[a-z]*){0,3}$"),
    # Zvw, Wgs, Fw, Rv, Pw: a plain number with optional letters, e.g. 10, 4a, 287b, 475da
    "plain": re.compile(r"^\d+[a-z]{0,3}$"),
    # Awb: chapter:article, e.g. 3:4, 4:84, 7:10a
    "colon": re.compile(r"^\d+:\d+[a-z]?$"),
}
_ARTICLE_EXAMPLES = {"dotted": ("2.3.5", "3a.1.1"), "plain": ("287b", "16"), "colon": ("3:4", "4:84")}


@dataclass(frozen=True)
class Law:
    id: str
    name: str
    bwb_id: str
    article_style: str
    regulation: bool = False
    article_pattern: str | None = None
    article_examples: tuple[str, ...] = ()

    def article_is_well_formed(self, article: str) -> bool:
        """Whether `article` is numbered as this law numbers its articles (its `article_pattern`)."""
        pattern = re.compile(self.article_pattern) if self.article_pattern else _ARTICLE_STYLES[self.article_style]
        return bool(pattern.fullmatch(article))

    @property
    def examples(self) -> tuple[str, ...]:
        """Article numbers as this law writes them."""
        return self.article_examples or _ARTICLE_EXAMPLES[self.article_style]

    @property
    def article_example(self) -> str:
        return " or ".join(f"'{e}'" for e in self.examples)

    def url(self, article: str | None = None, reference_date: str | None = None) -> str:
        """wetten.overheid.nl link to the law (as of a date) and, where given, to the article."""
        url = f"https://wetten.overheid.nl/{self.bwb_id}"
        if reference_date:
            url += f"/{reference_date}"
        if article:
            url += f"#Artikel{article.replace(':', '')}" if self.article_style == "colon" else f"#Artikel{article}"
        return url


@dataclass(frozen=True)
class VocabularyFact:
    path: str
    type: FactType
    subjects: tuple[str, ...]
    question_nl: str
    question_en: str
    values: str | None = None


@dataclass(frozen=True)
class Vocabulary:
    laws: dict[str, Law]
    actors: dict[str, str]
    lists: dict[str, tuple[str, ...]]
    facts: dict[str, VocabularyFact]

    def values(self, list_name: str) -> tuple[str, ...]:
        return self.lists[list_name]

    def fact(self, path: str) -> VocabularyFact | None:
        return self.facts.get(path)

    @property
    def creditors(self) -> tuple[str, ...]:
        return self.lists["creditors"]


def vocabulary_from_data(raw: dict[str, Any]) -> Vocabulary:
    """The vocabulary of a (checked) vocabulary file's data."""
    laws = {lid: Law(lid, spec["name"], spec["bwb_id"], spec["article_style"], bool(spec.get("regulation")),
                     spec.get("article_pattern"), tuple(spec.get("article_examples") or ()))
            for lid, spec in raw["laws"].items()}
    actors = {aid: spec["name"] for aid, spec in raw["actors"].items()}
    lists: dict[str, tuple[str, ...]] = {
        key: tuple(value) for key, value in raw.items()
        if isinstance(value, list) and key not in {"laws", "actors", "facts"}
    }
    lists["laws"] = tuple(laws)
    lists["actors"] = tuple(actors)
    lists["creditors"] = tuple(actors) + lists["creditor_others"]
    lists["attempt_outcomes_or_none"] = (*lists["attempt_outcomes"], NOT_ATTEMPTED)
    lists["subjects"] = ("case", "need", "debt")
    facts = {
        path: VocabularyFact(path, spec["type"], tuple(spec["subjects"]), spec["question"]["nl"],
                             spec["question"]["en"], spec.get("values"))
        for path, spec in raw["facts"].items()
    }
    return Vocabulary(laws, actors, lists, facts)


def closest(word: str, options: tuple[str, ...] | list[str]) -> str | None:
    """The option a typo most likely meant, for 'did you mean' hints."""
    import difflib

    if len(str(word)) > 200:  # nobody mistypes this much, and difflib's time grows with the square of it
        return None
    matches = difflib.get_close_matches(str(word), [str(o) for o in options], n=1, cutoff=0.6)
    return matches[0] if matches else None
