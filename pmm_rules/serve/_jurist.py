"""For jurists: the rules by law and article, each with the scenarios that evaluate it and whether they pass.

The bundled scenarios run once per engine (under a second), on first use; what `pmm-rules explain` and
`pmm-rules test` show is then answered from that run.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..advise import citations
from ..engine import Engine
from ..errors import InvalidInput, Problem
from ..labels import Lang, name
from ..load import bundled_scenario_paths, load_scenarios
from ..model import LoadedRule
from ..tools.explain import condition_text, find_rule
from ..tools.scenarios import Result, run_scenario


@dataclass
class ScenarioRun:
    """One scenario's result: whether it passed and which rules fired or were undetermined in it."""

    id: str
    file: str
    line: int
    name: str
    passed: bool
    mismatches: list[str]
    fired: set[str] = field(default_factory=set)
    undetermined: set[str] = field(default_factory=set)
    evaluated: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, result: Result, lang: Lang = "nl") -> ScenarioRun:
        run = cls(result.scenario.id, Path(result.scenario.file).name, result.scenario.line,
                  result.scenario.scenario.name, result.passed, [m.render(lang).strip() for m in result.mismatches])
        for entry in result.advice.trace:
            run.evaluated.add(entry.rule)
            if entry.outcome == "fired":
                run.fired.add(entry.rule)
            elif entry.outcome == "undetermined":
                run.undetermined.add(entry.rule)
        return run

    def summary(self) -> dict[str, Any]:
        return {"id": self.id, "file": self.file, "line": self.line, "name": self.name, "passed": self.passed,
                "mismatches": self.mismatches}


def _article_key(article: str) -> list[Any]:
    return [(0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"[.:]", article)]


class Jurist:
    """The rule index and the bundled scenario runs of one engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._runs: list[ScenarioRun] | None = None
        self._broken: list[Problem] = []
        self._lock = threading.Lock()

    def runs(self) -> list[ScenarioRun]:
        with self._lock:
            if self._runs is None:
                runs: list[ScenarioRun] = []
                for path in bundled_scenario_paths():
                    try:
                        loaded = load_scenarios(path, [path.parent])
                    except InvalidInput as exc:
                        self._broken.extend(exc.problems)
                        continue
                    runs.extend(ScenarioRun.of(run_scenario(self.engine, scenario)) for scenario in loaded)
                self._runs = runs
            return self._runs

    def laws(self, lang: Lang = "nl") -> list[dict[str, Any]]:
        """Every law the rules cite, with its articles and, per article, the rules that cite it."""
        vocab = self.engine.vocabulary
        found: dict[str, dict[str, set[str]]] = {}
        for loaded in self.engine.rulebase.rules:
            for source in loaded.rule.sources:
                if source.law and source.article:
                    found.setdefault(source.law, {}).setdefault(source.article, set()).add(loaded.rule.id)
        out = []
        for law in sorted(found):
            known = vocab.laws.get(law)
            full = known.name if known is not None else None
            out.append({"law": law, "name": name("law", law, lang, default=full), "full_name": full or law,
                        "articles": [{"article": article, "rules": sorted(rules)} for article, rules
                                     in sorted(found[law].items(), key=lambda a: _article_key(a[0]))]})
        return out

    def summary(self, loaded: LoadedRule) -> dict[str, Any]:
        rule = loaded.rule
        runs = self.runs()
        rule_id = rule.id
        return {
            "id": rule_id, "title": rule.title, "kind": rule.kind, "subject": rule.subject,
            "file": Path(loaded.file).name, "line": loaded.line,
            "valid_from": rule.valid_from.isoformat(), "valid_to": rule.valid_to.isoformat() if rule.valid_to else None,
            "sources": [{"law": s.law, "article": s.article, "lid": s.lid, "sub": s.sub, "kind": s.kind,
                         "title": s.title} for s in rule.sources],
            "scenarios": {
                "fires_in": [r.summary() for r in runs if rule_id in r.fired],
                "undetermined_in": [r.summary() for r in runs if rule_id in r.undetermined],
                "not_fired_in": [r.summary() for r in runs
                                 if rule_id in r.evaluated and rule_id not in r.fired | r.undetermined],
            },
        }

    def rules(self, law: str | None = None, article: str | None = None) -> list[dict[str, Any]]:
        out = []
        for loaded in self.engine.rulebase.rules:
            sources = loaded.rule.sources
            if law and not any(s.law == law for s in sources):
                continue
            if article and not any(s.article == article and (not law or s.law == law) for s in sources):
                continue
            out.append(self.summary(loaded))
        return sorted(out, key=lambda r: r["id"])

    def rule(self, rule_id: str, lang: Lang = "nl") -> dict[str, Any]:
        """What `pmm-rules explain` shows, as data; `KeyError` with a suggestion if the rule is unknown."""
        loaded = find_rule(self.engine, rule_id)
        rule = loaded.rule
        kind, conclusion = rule.then.entry
        shown = conclusion if isinstance(conclusion, str) else conclusion.model_dump(
            mode="json", exclude_defaults=True, by_alias=True)
        return {
            **self.summary(loaded),
            "when": condition_text(rule.when, 0, lang),
            "then": {"kind": kind, "conclusion": shown},
            "explanation": {"nl": rule.explanation.nl, "en": rule.explanation.en},
            "citations": [c.model_dump(mode="json") for c in citations(rule.sources, self.engine.vocabulary)],
            "notes": [s.note for s in rule.sources if s.note],
        }

