"""Loading and checking rule, graph, case and scenario files: every problem, with its place.

Order of checks per file: YAML (strict, no code), shape (JSON Schema), meaning (pydantic models), then
the vocabulary (identifiers, fact paths, operator/type fit, citations). Across files: unique rule ids,
derived facts that some rule writes, acyclic strata and precedence, and no two rules claiming the same
situation with contradicting conclusions. One bad file never hides another.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .case import Case, reference_problems
from .compiler import CompiledRule, LoadedRule, compile_rules, node_json
from .errors import InvalidInput, PathElement, Problem, sort_problems
from .graphspec import EDGE_ENDPOINTS, GraphFile
from .rules import COMPARISON_OPS, Rule, RuleFile, Source
from .scenario import ScenarioFile
from .shape import shape_problems
from .vocabulary import Vocabulary, closest, default_vocabulary
from .yamlsafe import Located, from_data, load_file


def bundled_paths() -> list[Path]:
    """The rule and graph files shipped in the package."""
    root = resources.files("pmm_rules")
    paths = []
    for folder in ("rulesets", "graph"):
        directory = Path(str(root.joinpath(folder)))
        paths.extend(sorted(directory.glob("*.yaml")))
    return paths


def bundled_scenario_paths() -> list[Path]:
    directory = Path(str(resources.files("pmm_rules").joinpath("scenarios")))
    return sorted(directory.glob("*.yaml"))


def expand(paths: Sequence[str | Path]) -> list[Path]:
    """Files named, and the YAML files in folders named (sorted, so runs are reproducible)."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()))
        else:
            out.append(path)
    return out


def looks_like_scenario_file(path: Path) -> bool:
    """A YAML file whose top level has a `scenarios:` key (read cheaply, without parsing the file)."""
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            return any(line.startswith("scenarios:") for line in handle)
    except OSError:
        return False


def scenario_paths(paths: Sequence[str | Path]) -> list[Path]:
    """Files named, and the scenario files in folders named."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(p for p in expand([path]) if looks_like_scenario_file(p))
        else:
            out.append(path)
    return out


def _pydantic_path(loc: tuple[int | str, ...]) -> tuple[PathElement, ...]:
    """Map a pydantic error location to the path a YAML author sees (union tags and aliases removed)."""
    out: list[PathElement] = []
    for element in loc:
        if element == "comparison":
            continue
        if element in ("in_", "not_"):
            element = element[:-1]
        if element in ("all", "any", "not") and out and out[-1] == element:
            continue
        out.append(element)
    return tuple(out)


_UNION_BRANCHES = {"int": "a whole number", "float": "a number", "date": "a date (YYYY-MM-DD)", "str": "text",
                   "bool": "true or false"}


def _union_branch(element: PathElement) -> str | None:
    if isinstance(element, str):
        if element in _UNION_BRANCHES:
            return _UNION_BRANCHES[element]
        if element.startswith("list["):
            return "a list"
    return None


def model_problems(located: Located, model: type[BaseModel]) -> tuple[Any, list[Problem]]:
    try:
        return model.model_validate(located.data), []
    except ValidationError as exc:
        problems = []
        # A value that fits none of the branches of a union (int | float | date) gives one error per branch;
        # a jurist needs one message naming what would have fitted.
        unions: dict[tuple[PathElement, ...], tuple[Any, list[str]]] = {}
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            branch = _union_branch(loc[-1]) if loc else None
            if branch is not None:
                path = _pydantic_path(loc[:-1])
                unions.setdefault(path, (error.get("input"), []))[1].append(branch)
                continue
            path = _pydantic_path(loc)
            message = error["msg"].removeprefix("Value error, ")
            problems.append(located.problem(path, "invalid", message))
        for path, (value, branches) in unions.items():
            problems.append(located.problem(path, "wrong-type", f"{value!r} does not fit here",
                                            expected=" or ".join(dict.fromkeys(branches))))
        return None, problems


def _kind_of(located: Located) -> str | None:
    data = located.data
    if not isinstance(data, dict):
        return None
    if "rules" in data:
        return "rule"
    if "nodes" in data or "edges" in data:
        return "graph"
    if "scenarios" in data:
        return "scenario"
    if "members" in data:
        return "case"
    return None


# ---------------------------------------------------------------- rule semantics

_KIND_SUBJECTS = {
    "regime": ("need",), "derive": ("case", "need", "debt"), "collision": ("need", "case"),
    "escalation": ("case",), "timeout": ("case", "debt"), "deadline": ("case",), "bridging": ("need",),
    "leeway": ("need",),
}


@dataclass(frozen=True)
class FactInfo:
    type: str
    values: tuple[str, ...] = ()


def fact_info(path: str, subject: str, vocab: Vocabulary,
              derived_names: set[tuple[str, str]] | None = None) -> FactInfo | str:
    """Type of a fact path for a subject, or a message saying why the path is not known."""
    if path.startswith("derived."):
        name = path.removeprefix("derived.")
        if derived_names is not None and (subject, name) not in derived_names:
            known = sorted(n for s, n in derived_names if s == subject)
            guess = closest(name, known)
            return (f"no {subject} rule derives '{name}'" + (f"; did you mean 'derived.{guess}'?" if guess else ""))
        return FactInfo("bool")
    if path.startswith("regime."):
        law = path.removeprefix("regime.")
        if subject != "need":
            return "regime.* facts exist only for need rules"
        if law not in vocab.laws:
            guess = closest(law, list(vocab.laws))
            return f"unknown law '{law}'" + (f"; did you mean '{guess}'?" if guess else "")
        return FactInfo("enum", ("applies", "excluded", "none"))
    if path.startswith("collision."):
        kind = path.removeprefix("collision.")
        if subject != "need":
            return "collision.* facts exist only for need rules"
        if kind not in vocab.values("collision_kinds"):
            return f"unknown collision kind '{kind}'"
        return FactInfo("bool")
    fact = vocab.fact(path)
    if fact is None:
        guess = closest(path, list(vocab.facts))
        return f"unknown fact '{path}'" + (f"; did you mean '{guess}'?" if guess else "")
    if subject not in fact.subjects:
        return f"fact '{path}' is not available to {subject} rules (only to: {', '.join(fact.subjects)})"
    values = vocab.values(fact.values) if fact.values else ()
    return FactInfo(fact.type, values)


_OPS_BY_TYPE = {
    "bool": {"eq", "ne", "in", "not_in", "exists"},
    "int": {"eq", "ne", "lt", "le", "gt", "ge", "in", "not_in", "exists"},
    "number": {"eq", "ne", "lt", "le", "gt", "ge", "in", "not_in", "exists"},
    "date": {"eq", "ne", "lt", "le", "gt", "ge", "exists"},
    "enum": {"eq", "ne", "in", "not_in", "exists"},
    "set": {"contains", "not_contains", "exists"},
}


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _value_fits(value: Any, info: FactInfo) -> str | None:
    kind = info.type
    if kind == "bool" and not isinstance(value, bool):
        return "true or false"
    if kind == "int" and (isinstance(value, bool) or not isinstance(value, int)):
        return "a whole number"
    if kind == "number" and (isinstance(value, bool) or not isinstance(value, (int, float))):
        return "a number"
    if kind == "date" and not isinstance(value, dt.date):
        return "a date (YYYY-MM-DD)"
    if kind in ("enum", "set") and (not isinstance(value, str) or value not in info.values):
        return "one of " + ", ".join(info.values)
    return None


def _condition_problems(located: Located, cond: Any, path: tuple[PathElement, ...], subject: str,
                        vocab: Vocabulary, derived: set[tuple[str, str]] | None) -> Iterable[Problem]:
    if not isinstance(cond, dict):
        return
    for key in ("all", "any"):
        if key in cond and isinstance(cond[key], list):
            for i, part in enumerate(cond[key]):
                yield from _condition_problems(located, part, (*path, key, i), subject, vocab, derived)
            return
    if "not" in cond:
        yield from _condition_problems(located, cond["not"], (*path, "not"), subject, vocab, derived)
        return
    fact = cond.get("fact")
    ops = [k for k in cond if k != "fact"]
    if not isinstance(fact, str) or len(ops) != 1 or ops[0] not in COMPARISON_OPS:
        return
    op, value = ops[0], cond[ops[0]]
    info = fact_info(fact, subject, vocab, derived)
    if isinstance(info, str):
        yield located.problem((*path, "fact"), "unknown-fact", info,
                              hint="facts are listed in pmm_rules/vocabulary.yaml (pmm-rules schema vocabulary)")
        return
    if op not in _OPS_BY_TYPE[info.type]:
        allowed = sorted(_OPS_BY_TYPE[info.type])
        yield located.problem((*path, op), "operator-type", f"operator '{op}' does not fit '{fact}', which is "
                              f"{'a set' if info.type == 'set' else 'of type ' + info.type}",
                              expected="one of " + ", ".join(allowed),
                              hint="test a set with contains/not_contains" if info.type == "set" else None)
        return
    if op == "exists":
        return
    items = value if op in ("in", "not_in") and isinstance(value, list) else [value]
    for i, item in enumerate(items):
        wanted = _value_fits(item, info)
        if wanted:
            where = (*path, op, i) if op in ("in", "not_in") else (*path, op)
            guess = closest(str(item), list(info.values)) if info.values else None
            hint = f"did you mean '{guess}'?" if guess else None
            if isinstance(item, str) and info.type in ("int", "number") and _is_number(item):
                hint = f"remove the quotes: {item.strip()}"
            elif isinstance(item, str) and info.type == "date":
                hint = "write the date without quotes, as YYYY-MM-DD"
            elif isinstance(item, str) and info.type == "bool" and item.lower() in ("ja", "nee", "yes", "no"):
                hint = "write true or false"
            yield located.problem(where, "value-type", f"{item!r} does not fit fact '{fact}'", expected=wanted,
                                  hint=hint)


def _source_problems(located: Located, source: Source, path: tuple[PathElement, ...],
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


def _conclusion_problems(located: Located, rule: Any, path: tuple[PathElement, ...],
                         vocab: Vocabulary) -> Iterable[Problem]:
    name, value = rule.then.entry
    if name != rule.kind and not (rule.kind == "derive" and name == "derive"):
        yield located.problem((*path, "then"), "kind-mismatch",
                              f"a rule of kind '{rule.kind}' concludes '{name}'",
                              expected=f"then: {{{rule.kind}: ...}}", hint="make kind and conclusion agree")
    if rule.subject not in _KIND_SUBJECTS[rule.kind]:
        yield located.problem((*path, "subject"), "subject-kind",
                              f"a '{rule.kind}' rule cannot have subject '{rule.subject}'",
                              expected="one of " + ", ".join(_KIND_SUBJECTS[rule.kind]))

    def check(value: str, list_name: str, where: tuple[PathElement, ...]) -> Iterable[Problem]:
        options = vocab.values(list_name)
        if value not in options:
            guess = closest(value, options)
            yield located.problem((*path, "then", name, *where), "unknown-identifier",
                                  f"'{value}' is not a known {list_name.replace('_', ' ')} identifier",
                                  expected="one of " + ", ".join(options),
                                  hint=f"did you mean '{guess}'?" if guess else None)

    if name == "regime":
        yield from check(value.law, "laws", ("law",))
    elif name == "collision":
        for i, law in enumerate(value.laws):
            yield from check(law, "laws", ("laws", i))
    elif name == "timeout":
        yield from check(value.instrument, "timeout_instruments", ("instrument",))
        yield from check(value.via, "actors", ("via",))
        for i, creditor in enumerate(value.creditors):
            yield from check(creditor, "creditors", ("creditors", i))
    elif name == "deadline":
        yield from check(value.deadline, "deadlines", ("deadline",))
        yield from check(value.actor, "actors", ("actor",))
    elif name == "leeway":
        yield from check(value.basis, "leeway_bases", ("basis",))
        if value.target == "collision" and value.collision_kind is None:
            yield located.problem((*path, "then", "leeway"), "missing-field",
                                  "a leeway aimed at a collision needs 'collision_kind'")


def _partial_rule_problems(located: Located, shape: list[Problem], vocab: Vocabulary) -> list[Problem]:
    """Checks of a rule file that failed its shape check, so one run still reports everything.

    Rules without shape problems get every check; the others get the condition checks their raw data allows.
    """
    problems: list[Problem] = []
    rules = located.data.get("rules") if isinstance(located.data, dict) else None
    broken = {p.path[1] for p in shape if len(p.path) > 1 and p.path[0] == "rules"}
    for i, raw in enumerate(rules if isinstance(rules, list) else []):
        if not isinstance(raw, dict):
            continue
        if i not in broken:
            try:
                rule = Rule.model_validate(raw)
            except ValidationError:
                pass
            else:
                problems.extend(_rule_problems(located, rule, raw, ("rules", i), vocab, None))
                continue
        if raw.get("subject") in ("case", "need", "debt"):
            problems.extend(_condition_problems(located, raw.get("when"), ("rules", i, "when"), raw["subject"],
                                                vocab, None))
    return problems


def rule_file_problems(located: Located, parsed: RuleFile, vocab: Vocabulary,
                       derived: set[tuple[str, str]] | None) -> list[Problem]:
    problems: list[Problem] = []
    for i, rule in enumerate(parsed.rules):
        problems.extend(_rule_problems(located, rule, located.data["rules"][i], ("rules", i), vocab, derived))
    return problems


def _rule_problems(located: Located, rule: Rule, raw: Any, base: tuple[PathElement, ...], vocab: Vocabulary,
                   derived: set[tuple[str, str]] | None) -> list[Problem]:
    problems: list[Problem] = []
    for j, source in enumerate(rule.sources):
        problems.extend(_source_problems(located, source, (*base, "sources", j), vocab))
    if rule.valid_to is not None and rule.valid_to < rule.valid_from:
        problems.append(located.problem((*base, "valid_to"), "validity",
                                        f"valid_to {rule.valid_to} is before valid_from {rule.valid_from}",
                                        hint="swap the dates, or remove valid_to if the rule still holds"))
    problems.extend(_condition_problems(located, raw.get("when"), (*base, "when"), rule.subject, vocab, derived))
    problems.extend(_conclusion_problems(located, rule, base, vocab))
    return problems


# ---------------------------------------------------------------- graph semantics

_NODE_LISTS = {"law": "laws", "actor": "actors", "provision": "provisions", "step": "escalation_steps"}


def graph_file_problems(located: Located, parsed: GraphFile, vocab: Vocabulary) -> list[Problem]:
    problems: list[Problem] = []
    for i, node in enumerate(parsed.nodes):
        if node.type == "instrument":
            options = vocab.values("timeout_instruments") + vocab.values("bridging_instruments")
        else:
            options = vocab.values(_NODE_LISTS[node.type])
        if node.id not in options:
            guess = closest(node.id, options)
            problems.append(located.problem(("nodes", i, "id"), "unknown-identifier",
                                            f"'{node.id}' is not a known {node.type} identifier",
                                            expected="one of " + ", ".join(options),
                                            hint=f"did you mean '{guess}'?" if guess else None))
        for j, source in enumerate(node.sources):
            problems.extend(_source_problems(located, source, ("nodes", i, "sources", j), vocab))
    for i, edge in enumerate(parsed.edges):
        for j, source in enumerate(edge.sources):
            problems.extend(_source_problems(located, source, ("edges", i, "sources", j), vocab))
        for attr, list_name in (("provisions", "provisions"), ("contexts", "contexts"), ("conditions", "conditions")):
            for j, value in enumerate(getattr(edge, attr)):
                if value not in vocab.values(list_name):
                    problems.append(located.problem(("edges", i, attr, j), "unknown-identifier",
                                                    f"'{value}' is not a known {list_name} identifier",
                                                    hint=f"did you mean '{closest(value, vocab.values(list_name))}'?"))
        if edge.valid_from and edge.valid_to and edge.valid_to < edge.valid_from:
            problems.append(located.problem(("edges", i, "valid_to"), "validity",
                                            f"valid_to {edge.valid_to} is before valid_from {edge.valid_from}",
                                            hint="swap the dates, or remove valid_to if the edge still holds"))
        if edge.type == "precedes" and edge.nature is None:
            problems.append(located.problem(("edges", i), "missing-field", "a precedes edge needs 'nature'",
                                            expected="mandatory or discretionary"))
    return problems


# ---------------------------------------------------------------- the whole rule base


@dataclass
class RuleBase:
    """Rules and graph files that loaded cleanly, with everything found wrong along the way."""

    rules: list[LoadedRule] = field(default_factory=list)
    graphs: list[tuple[str, GraphFile]] = field(default_factory=list)
    compiled: list[CompiledRule] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    graph_files: dict[str, Located] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)


def _line_of(located: Located, path: tuple[PathElement, ...]) -> int:
    return located.where(path)[0]


def _strictly_valid(model: type[BaseModel], located: Located) -> BaseModel | None:
    try:
        return model.model_validate(located.data, strict=True)
    except ValidationError:
        return None


def check_paths(paths: Sequence[str | Path], vocab: Vocabulary | None = None) -> RuleBase:
    """Load and check rule and graph files (and scenario/case files, shape and meaning only)."""
    vocab = vocab or default_vocabulary()
    base = RuleBase()
    parsed_rules: list[tuple[Located, RuleFile]] = []
    for path in expand(paths):
        base.files.append(str(path))
        try:
            located = load_file(path)
        except InvalidInput as exc:
            base.problems.extend(exc.problems)
            continue
        base.problems.extend(located.problems)
        kind = _kind_of(located)
        if kind is None:
            base.problems.append(located.problem((), "unknown-file-kind",
                                                 "cannot tell what kind of file this is",
                                                 expected="a rule file (rules:), graph file (nodes:/edges:), "
                                                          "scenario file (scenarios:) or case (members:)"))
            continue
        models: dict[str, type[BaseModel]] = {"rule": RuleFile, "graph": GraphFile, "scenario": ScenarioFile,
                                              "case": Case}
        model = models[kind]
        # Fast path: a file the model accepts in strict mode (no coercion at all) also fits the schema, which
        # is generated from the model; jsonschema, which gives the friendlier messages, is three quarters of
        # the time of a clean run. Anything strict mode refuses takes the full path below.
        parsed = _strictly_valid(model, located) if not located.problems else None
        problems: list[Problem] = []
        if parsed is None:
            # A value YAML could not read (a bad date) is reported once, by the loader, not again as missing.
            unreadable = {p.path for p in located.problems if p.code.startswith("yaml-bad") or p.code == "yaml-tag"}
            shape = [p for p in shape_problems(located, kind) if p.path not in unreadable]
            if located.problems and unreadable and not shape:
                continue
            if shape:
                base.problems.extend(shape)
                if kind == "rule":
                    base.problems.extend(_partial_rule_problems(located, shape, vocab))
                continue
            parsed, problems = model_problems(located, model)
        base.problems.extend(problems)
        if located.problems:
            continue
        if parsed is None:
            continue
        if isinstance(parsed, RuleFile):
            parsed_rules.append((located, parsed))
        elif isinstance(parsed, GraphFile):
            base.problems.extend(graph_file_problems(located, parsed, vocab))
            base.graphs.append((located.file, parsed))
            base.graph_files[located.file] = located
        elif isinstance(parsed, ScenarioFile):
            base.problems.extend(scenario_file_problems(located, parsed))

    derived: set[tuple[str, str]] = {(rule.subject, rule.then.derive) for _, rf in parsed_rules for rule in rf.rules
               if rule.then.derive is not None}
    seen: dict[str, tuple[str, int]] = {}
    for located, parsed in parsed_rules:
        file_problems = rule_file_problems(located, parsed, vocab, derived)
        base.problems.extend(file_problems)
        bad_rules = {p.path[1] for p in [*file_problems, *located.problems]
                     if len(p.path) > 1 and p.path[0] == "rules"}
        for i, rule in enumerate(parsed.rules):
            line = _line_of(located, ("rules", i))
            if rule.id in seen:
                first_file, first_line = seen[rule.id]
                base.problems.append(located.problem(("rules", i, "id"), "duplicate-rule-id",
                                                     f"rule id '{rule.id}' is also used at {first_file}:{first_line}",
                                                     hint="rule ids must be unique across all rule files"))
                continue
            seen[rule.id] = (located.file, line)
            if i not in bad_rules:
                column = located.where(("rules", i))[1]
                base.rules.append(LoadedRule(rule, located.file, line, column, i))
    base.compiled, strata_problems = compile_rules(base.rules)
    base.problems.extend(strata_problems)
    base.problems.extend(_conflict_problems(base.compiled))
    base.problems.extend(_precedence_problems(base.graphs, base.graph_files))
    base.problems.extend(graph_consistency_problems(base.graphs, base.graph_files))
    base.problems = sort_problems(base.problems)
    return base


def _overlaps(a: CompiledRule, b: CompiledRule) -> bool:
    a_end = a.valid_to or "9999-12-31"
    b_end = b.valid_to or "9999-12-31"
    return a.valid_from <= b_end and b.valid_from <= a_end


def _conflict_problems(rules: list[CompiledRule]) -> list[Problem]:
    groups: dict[tuple[str, str, str], list[CompiledRule]] = {}
    for rule in rules:
        key = (rule.subject, rule.kind, json.dumps(node_json(rule.condition), sort_keys=True, default=str))
        groups.setdefault(key, []).append(rule)
    problems = []
    for group in groups.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if _contradicts(a, b) and _overlaps(a, b):
                    problems.append(Problem(b.file, b.line, b.column, "contradicting-rules",
                                            f"rule '{b.id}' claims the same situation as '{a.id}' "
                                            f"({a.file}:{a.line}) with a contradicting conclusion over "
                                            "overlapping validity", ("rules", b.index),
                                            hint="narrow one rule's condition, or end one's validity (valid_to) "
                                                 "before the other's starts"))
    return problems


def _contradicts(a: CompiledRule, b: CompiledRule) -> bool:
    (name_a, value_a), (name_b, value_b) = a.conclusion, b.conclusion
    if name_a != name_b:
        return False
    if name_a == "regime":
        return bool(value_a.law == value_b.law and value_a.status != value_b.status)
    if name_a == "escalation":
        return bool(value_a.next_step != value_b.next_step)
    return False


def _precedence_problems(graphs: list[tuple[str, GraphFile]],
                         located: dict[str, Located] | None = None) -> list[Problem]:
    from .graph import precedence_cycles

    where: dict[tuple[str, str], tuple[str, int]] = {}  # (from, to) -> the first edge's file and index
    edges = []
    for file, graph in graphs:
        for i, edge in enumerate(graph.edges):
            if edge.type == "precedes":
                where.setdefault((edge.from_, edge.to), (file, i))
                edges.append(edge)
    problems = []
    for cycle, provisions in precedence_cycles(edges):
        file, index = where[(cycle[0], cycle[1 % len(cycle)])]
        path = ("edges", index)
        line, column = located[file].where(path) if located and file in located else (1, 1)
        scope = f" for {', '.join(provisions)}" if provisions else ""
        problems.append(Problem(file, line, column, "precedence-cycle",
                                "precedence (precedes edges) forms a cycle" + scope + ": "
                                + " → ".join([*cycle, cycle[0]]),
                                path, hint="a law cannot go before itself; remove one precedes edge, or limit it "
                                           "to the provisions where it holds"))
    return problems


def graph_consistency_problems(graphs: list[tuple[str, GraphFile]],
                               located: dict[str, Located] | None = None) -> list[Problem]:
    """Edges whose endpoints are missing or of the wrong type, across all graph files."""
    located = located or {}

    def problem(file: str, path: tuple[PathElement, ...], code: str, message: str, hint: str | None = None) -> Problem:
        if file in located:
            return located[file].problem(path, code, message, hint=hint)
        return Problem(file, 1, 1, code, message, path, hint=hint)

    types: dict[str, str] = {}
    for _, graph in graphs:
        for node in graph.nodes:
            types.setdefault(node.id, node.type)
    problems = []
    for file, graph in graphs:
        for i, edge in enumerate(graph.edges):
            want_from, want_to = EDGE_ENDPOINTS[edge.type]
            for key, end, wanted in (("from", edge.from_, want_from), ("to", edge.to, want_to)):
                actual = types.get(end)
                if actual is None:
                    problems.append(problem(file, ("edges", i, key), "unknown-node",
                                            f"node '{end}' is not declared in any graph file checked",
                                            hint=f"declare it in 'nodes:' as {{id: {end}, type: {wanted}}}, or "
                                                 "check the graph files together (pmm-rules validate FOLDER)"))
                elif actual != wanted:
                    problems.append(problem(file, ("edges", i, key), "edge-endpoint",
                                            f"a '{edge.type}' edge needs a node of type {wanted} here, "
                                            f"but '{end}' is of type {actual}"))
    return problems


def load_rulebase(paths: Sequence[str | Path] | None = None) -> RuleBase:
    """The rule base of `paths` (default: the bundled files); raise `InvalidInput` if anything is wrong."""
    base = check_paths(paths if paths is not None else bundled_paths())
    if base.problems:
        raise InvalidInput(base.problems, what="the rule base")
    return base


# ---------------------------------------------------------------- cases and scenarios


def validate_case_data(located: Located) -> Case:
    """A valid `Case` from located data, or `InvalidInput` with every problem, each at its line and path."""
    references = [located.problem(path, "case-reference", message)
                  for path, message in reference_problems(located.data)]
    problems = [*located.problems, *shape_problems(located, "case"), *references]
    if problems:
        raise InvalidInput(sort_problems(problems), what=f"case {located.file}")
    parsed, problems = model_problems(located, Case)
    if problems:
        raise InvalidInput(sort_problems(problems), what=f"case {located.file}")
    assert isinstance(parsed, Case)
    return parsed


def load_case_file(path: str | Path) -> Case:
    path = Path(path)
    if path.suffix == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise InvalidInput([Problem(str(path), 1, 1, "file-unreadable", f"cannot read the file: {exc.strerror}")],
                               what=str(path)) from None
        except json.JSONDecodeError as exc:
            raise InvalidInput([Problem(str(path), exc.lineno, exc.colno, "json-syntax", exc.msg)],
                               what=str(path)) from None
        return validate_case_data(from_data(data, str(path)))
    return validate_case_data(load_file(path))


def scenario_file_problems(located: Located, parsed: ScenarioFile) -> list[Problem]:
    problems: list[Problem] = []
    base_dir = Path(located.file).parent
    for i, scenario in enumerate(parsed.scenarios):
        problems.extend(expectation_problems(located, i))
        if isinstance(scenario.case, str):
            if not (base_dir / scenario.case).is_file():
                problems.append(located.problem(("scenarios", i, "case"), "case-missing",
                                                f"case file '{scenario.case}' does not exist",
                                                hint="paths are relative to the scenario file"))
        else:
            try:
                validate_case_data(Located(scenario.case, located.file,
                                           {k[3:]: v for k, v in located.marks.items()
                                            if k[:3] == ("scenarios", i, "case")}))
            except InvalidInput as exc:
                problems.extend(Problem(p.file, p.line, p.column, p.code, p.message,
                                        ("scenarios", i, "case", *p.path), p.expected, p.hint) for p in exc.problems)
    return problems


def _matched_values(matcher: Any) -> list[tuple[tuple[PathElement, ...], Any]]:
    """The values a list matcher names, with their path below the matcher."""
    if isinstance(matcher, list):
        return [((j,), v) for j, v in enumerate(matcher)]
    if isinstance(matcher, dict):
        out: list[tuple[tuple[PathElement, ...], Any]] = []
        for key in ("contains", "excludes", "equals"):
            if isinstance(matcher.get(key), list):
                out += [((key, j), v) for j, v in enumerate(matcher[key])]
        return out
    return []


def expectation_problems(located: Located, index: int, vocab: Vocabulary | None = None) -> list[Problem]:
    """Identifiers in a scenario's `expect:` that the vocabulary does not know: a typo there would make an
    expectation pass silently (`excludes: [breed_moratorim]` is always true)."""
    vocab = vocab or default_vocabulary()
    scenarios = located.data.get("scenarios") if isinstance(located.data, dict) else None
    if not isinstance(scenarios, list) or index >= len(scenarios) or not isinstance(scenarios[index], dict):
        return []
    expect = scenarios[index].get("expect")
    if not isinstance(expect, dict):
        return []
    base: tuple[PathElement, ...] = ("scenarios", index, "expect")
    problems: list[Problem] = []

    def check(value: Any, list_name: str, path: tuple[PathElement, ...], allow_none: bool = False) -> None:
        if value is None and allow_none:
            return
        options = vocab.values(list_name)
        if value not in options:
            guess = closest(str(value), list(options))
            problems.append(located.problem((*base, *path), "unknown-identifier",
                                            f"{value!r} is not a known {list_name} identifier",
                                            expected="one of " + ", ".join(options),
                                            hint=f"did you mean '{guess}'?" if guess else None))

    for key, list_name in (("collisions", "collision_kinds"), ("timeouts", "timeout_instruments"),
                           ("deadlines", "deadlines"), ("leeway", "leeway_bases")):
        for sub, value in _matched_values(expect.get(key)):
            check(value, list_name, (key, *sub))
    for key, list_name in (("timeout_terms", "timeout_instruments"), ("deadline_terms", "deadlines"),
                           ("leeway_targets", "leeway_bases")):
        if isinstance(expect.get(key), dict):
            for name in expect[key]:
                check(name, list_name, (key, name))
    escalation = expect.get("escalation")
    if isinstance(escalation, dict):
        for key in ("next_step", "current_step"):
            if key in escalation:
                check(escalation[key], "escalation_steps", ("escalation", key), allow_none=True)
    bridging = expect.get("bridging")
    if isinstance(bridging, dict):
        if "likely_financier" in bridging:
            check(bridging["likely_financier"], "actors", ("bridging", "likely_financier"), allow_none=True)
        for sub, value in _matched_values(bridging.get("candidates")):
            check(value, "laws", ("bridging", "candidates", *sub))
    needs = expect.get("needs")
    if isinstance(needs, dict):
        for need_id, need in needs.items():
            if not isinstance(need, dict):
                continue
            regimes = need.get("regimes")
            if isinstance(regimes, dict):
                for law in regimes:
                    check(law, "laws", ("needs", need_id, "regimes", law))
            for sub, value in _matched_values(need.get("collisions")):
                check(value, "collision_kinds", ("needs", need_id, "collisions", *sub))
            responsible = need.get("responsible")
            if isinstance(responsible, dict):
                for key, list_name in (("law", "laws"), ("executor", "actors"), ("financier", "actors")):
                    if key in responsible:
                        check(responsible[key], list_name, ("needs", need_id, "responsible", key), allow_none=True)
    return problems
