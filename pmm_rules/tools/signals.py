"""Systeemleren: run many cases and report the collisions that keep coming back, by rule and by article.

The report is aggregate only: counts and shares. Nothing of a case appears in it, not even the id of a case that
could not be read or advised (an id may be a name): only how many there were. Where they are (file and line) is
for the operator, on stderr.
"""

from __future__ import annotations

import collections
import csv
import io
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TextIO

from ..engine import CaseFailure, Engine
from ..labels import Lang, label, name, words
from ..model import Advice, Case, Citation
from ..render import SignalsFormat, article_text, cite_text, csv_cell, json_text, md, md_code
from ._progress import Progress


def _article(c: Citation) -> str:
    if c.kind == "practice":
        return label("signals.practice", title=c.title)
    return article_text(c)


@dataclass
class Signals:
    """Counts over a set of advices."""

    cases: int = 0
    cases_with_collision: int = 0
    by_rule: Counter[tuple[str, str, str]] = field(default_factory=Counter)  # (rule, kind, laws) → cases
    by_article: Counter[str] = field(default_factory=Counter)
    articles: dict[str, Citation] = field(default_factory=dict)  # key of by_article → a citation, for its name
    by_kind: Counter[str] = field(default_factory=Counter)
    next_steps: Counter[str] = field(default_factory=Counter)
    bridging: int = 0
    likely_financiers: Counter[str] = field(default_factory=Counter)
    unreadable: int = 0  # inputs that were not a valid case
    failed: list[tuple[str, int]] = field(default_factory=list)  # (file, line) of cases the engine could not advise

    def add(self, advice: Advice) -> None:
        self.cases += 1
        if advice.collisions:
            self.cases_with_collision += 1
        rules = {(c.rule, c.kind, "+".join(c.laws)) for c in advice.collisions}
        self.by_rule.update(rules)
        self.by_kind.update({c.kind for c in advice.collisions})
        found = {_article(cit): cit for c in advice.collisions for cit in c.citations}
        self.by_article.update(found.keys())
        for key, cit in found.items():
            self.articles.setdefault(key, cit)
        self.next_steps[advice.escalation.next_step or label("signals.none")] += 1
        if advice.bridging.applicable:
            self.bridging += 1
            self.likely_financiers[advice.bridging.likely_financier or label("signals.undetermined")] += 1

    def share(self, count: int) -> float:
        return round(count / self.cases, 4) if self.cases else 0.0

    def as_dict(self) -> dict[str, object]:
        def rows(counter: Counter[str]) -> list[dict[str, object]]:
            return [{"key": k, "cases": n, "share": self.share(n)} for k, n in _ranked(counter)]

        return {
            "cases": self.cases,
            "cases_with_collision": self.cases_with_collision,
            "collisions_by_rule": [
                {"rule": rule, "kind": kind, "laws": laws.split("+") if laws else [], "cases": n,
                 "share": self.share(n)}
                for (rule, kind, laws), n in sorted(self.by_rule.items(), key=lambda kv: (-kv[1], kv[0]))],
            "collisions_by_article": rows(self.by_article),
            "collisions_by_kind": rows(self.by_kind),
            "next_steps": rows(self.next_steps),
            "bridging": {"cases": self.bridging, "share": self.share(self.bridging),
                         "likely_financiers": rows(self.likely_financiers)},
            "unreadable": self.unreadable,
            "not_advised": len(self.failed),
        }


def _ranked(counter: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))


def collect_signals(engine: Engine, cases: Iterable[Case], *, workers: int = 1, progress: TextIO | None = None,
                    total: int | None = None, sources: collections.deque[tuple[str, int]] | None = None) -> Signals:
    """Counts over the advice of `cases`; a case the engine cannot advise is counted, not fatal. `sources`, if
    given, holds the (file, line) of each case in order, as `cases` yields them: failures are kept by place."""
    signals = Signals()
    bar = Progress(progress, total) if progress is not None else None
    for result in engine.advise_each(cases, workers=workers, trace=False):  # the counts never read the trace
        where = sources.popleft() if sources else ("?", 0)
        if bar is not None:
            bar.step()
        if isinstance(result, CaseFailure):
            signals.failed.append(where)
            continue
        signals.add(result)
    if bar is not None:
        bar.done()
    return signals


def render(signals: Signals, fmt: SignalsFormat, lang: Lang = "nl") -> str:
    data = signals.as_dict()
    if fmt == "json":
        return json_text(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True)) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["section", "key", "kind", "laws", "cases", "share"])
        for row in signals.as_dict()["collisions_by_rule"]:  # type: ignore[attr-defined]
            writer.writerow([csv_cell(v) for v in ("rule", row["rule"], row["kind"], " ".join(row["laws"]),
                                                   row["cases"], row["share"])])
        for section, counter in (("article", signals.by_article), ("kind", signals.by_kind),
                                 ("next_step", signals.next_steps), ("likely_financier", signals.likely_financiers)):
            for key, n in _ranked(counter):
                writer.writerow([csv_cell(v) for v in (section, key, "", "", n, signals.share(n))])
        writer.writerow(["unreadable", "", "", "", signals.unreadable, ""])
        writer.writerow(["not_advised", "", "", "", len(signals.failed), ""])
        return buffer.getvalue()

    def pct(n: int) -> str:
        text = f"{100 * signals.share(n):.1f}%"
        return text.replace(".", ",") if lang == "nl" else text  # 12,5% in Dutch

    w = words(lang)
    lines = [f"# {w['signals.title']}", "",
             label("signals.summary", lang, cases=signals.cases, with_collision=signals.cases_with_collision,
                   share=pct(signals.cases_with_collision)), "",
             f"## {w['signals.by_rule']}", "", w["signals.by_rule_header"], "|---|---|---|---:|---:|"]
    # names for people; the rule stays an id, in code: `pmm-rules explain <id>` shows it
    for (rule, kind, laws), n in sorted(signals.by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
        said = ", ".join(name("law", law, lang) for law in laws.split("+") if law)
        lines.append(f"| {md_code(rule)} | {md(name('collision', kind, lang))} | {md(said)} | {n} | {pct(n)} |")
    lines += ["", f"## {w['signals.by_article']}", "", w["signals.by_article_header"], "|---|---:|---:|"]
    lines += [f"| {md(cite_text(signals.articles[k], lang) if k in signals.articles else k)} | {n} | {pct(n)} |"
              for k, n in _ranked(signals.by_article)]
    lines += ["", f"## {w['signals.next_step']}", "", w["signals.next_step_header"], "|---|---:|---:|"]
    lines += [f"| {md(w['signals.none'] if k == label('signals.none') else name('step', k, lang))} | {n} | {pct(n)} |"
              for k, n in _ranked(signals.next_steps)]
    lines += ["", label("signals.bridging", lang, cases=signals.bridging, share=pct(signals.bridging))]
    if signals.likely_financiers:
        lines += ["", w["signals.financier_header"], "|---|---:|"]
        undetermined = label("signals.undetermined")
        lines += [f"| {md(w['signals.undetermined'] if k == undetermined else name('actor', k, lang))} | {n} |"
                  for k, n in _ranked(signals.likely_financiers)]
    if signals.unreadable or signals.failed:
        lines += ["", label("signals.unreadable", lang, count=signals.unreadable, failed=len(signals.failed))]
    return "\n".join(lines) + "\n"
