"""The note people read, before it becomes text, Markdown or HTML: what the three formats say, in one place.

`build_note` turns an advice into sections of paragraphs and lists in one language, every identifier said by its
human name (`labels.name`), citations as a jurist writes them ("art. 2.3.5 lid 6 Wmo 2015"). The writers
(`_text`, `_markdown`, `_html`) only lay it out and escape it, so the three formats cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from ..labels import Lang, label, name, words
from ..model import Advice, Citation, Leeway, NeedAdvice, OpenItem

# ---------------------------------------------------------------- the parts of a note


@dataclass(frozen=True)
class Strong:
    """Text that stands out: a name a paragraph is about."""

    text: str


@dataclass(frozen=True)
class Link:
    """A citation: its text, and the source it leads to (a writer links only what it may)."""

    text: str
    url: str | None


Part = str | Strong | Link
Line = tuple[Part, ...]


@dataclass
class Item:
    """One point of a list, with what belongs under it: further lines, a list, and the sources last."""

    line: Line
    lines: list[Line] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    after: list[Line] = field(default_factory=list)


@dataclass
class Items:
    items: list[Item]
    ordered: bool = False


@dataclass
class Para:
    line: Line
    style: str = ""  # "", "warning", "disclaimer", "small"


@dataclass
class Table:
    """An overview (Markdown and HTML only; the text note says the same in its lists)."""

    header: list[str]
    rows: list[list[Line]]


Block = Items | Para | Table


@dataclass
class Section:
    key: str
    title: str
    blocks: list[Block]


@dataclass
class Note:
    lang: Lang
    title: str
    head: list[Para]
    sections: list[Section]
    receipt: str


# ---------------------------------------------------------------- names


def day(value: str, lang: Lang) -> str:
    """`2026-11-01` as "1 november 2026" ("1 November 2026"); a text that is not a date stays as it is."""
    try:
        date = dt.date.fromisoformat(value)
    except ValueError:
        return value
    return f"{date.day} {label('notes.months', lang).split()[date.month - 1]} {date.year}"


def actor(ident: str | None, lang: Lang) -> str:
    """An organisation or a creditor by name; `?` where the advice names none."""
    if not ident:
        return "?"
    return name("actor", ident, lang, default=name("creditor", ident, lang))


def joined(parts: Sequence[str], lang: Lang) -> str:
    """"a, b en c"."""
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} {label('notes.and', lang)} {parts[-1]}"


# ---------------------------------------------------------------- citations


def _paragraphs(values: list[str], lang: Lang) -> str:
    if len(values) == 1:
        return f"{label('notes.lid', lang)} {values[0]}"
    values = sorted(dict.fromkeys(values), key=lambda v: (int(v) if v.isdigit() else 10**6, v))
    numbers = [int(v) for v in values if v.isdigit()]
    if len(numbers) == len(values) >= 3 and numbers == list(range(numbers[0], numbers[0] + len(numbers))):
        return f"{label('notes.leden', lang)} {numbers[0]} {label('notes.through', lang)} {numbers[-1]}"
    return f"{label('notes.leden', lang)} {joined(values, lang)}"


def _confidence(c: Citation, lang: Lang) -> str:
    return "" if c.confidence == "verified" else f" ({name('confidence', c.confidence, lang)})"


def citation_links(citations: Iterable[Citation], lang: Lang) -> list[Link]:
    """Citations as a jurist writes them: "art. 287b leden 1 t/m 5 Fw", "art. 2.9 Bzv (waarschijnlijk)",
    "praktijk: <title>". The paragraphs of one article are said once; the order of the advice is kept."""
    groups: list[tuple[Citation, list[Citation]]] = []
    for c in citations:
        if c.kind == "practice" or not c.article:
            groups.append((c, [c]))
            continue
        last = groups[-1][0] if groups else None
        if (last is not None and last.kind != "practice" and last.article and
                (last.law, last.article, last.confidence, last.url) == (c.law, c.article, c.confidence, c.url)
                and not last.sub and not c.sub and last.paragraph and c.paragraph):
            groups[-1][1].append(c)
        else:
            groups.append((c, [c]))
    out = []
    for first, members in groups:
        if first.kind == "practice" or not first.article:
            text = f"{label('notes.practice', lang)}: {first.title or first.url or '?'}"
        else:
            text = f"{label('notes.article', lang)} {first.article}"
            paragraphs = [m.paragraph for m in members if m.paragraph]
            if paragraphs:
                text += " " + _paragraphs(paragraphs, lang)
            if first.sub:
                text += f" {label('notes.sub', lang)} {first.sub}"
            text += " " + name("law_abbr", first.law, lang, default=name("law", first.law, lang))
        out.append(Link(text + _confidence(first, lang), first.url))
    return out


def cites_line(citations: Iterable[Citation], lang: Lang) -> Line:
    """Citations on one line: the articles of one law in a row name the law once ("art. 1.1.1 lid 1, art. 1.2.1
    sub a Wmo 2015"); laws and practice sources are separated by semicolons."""
    runs: list[tuple[tuple[str | None, str], list[tuple[Citation, Link]]]] = []
    for c in citations:
        link = citation_links([c], lang)[0]
        key: tuple[str | None, str] = ((c.law, c.confidence) if c.kind != "practice" and c.article
                                       else (None, str(len(runs))))
        if runs and runs[-1][0] == key and key[0] is not None:
            runs[-1][1].append((c, link))
        else:
            runs.append((key, [(c, link)]))
    out: list[Part] = []
    for i, (key, members) in enumerate(runs):
        if i:
            out.append("; ")
        if key[0] is None or len(members) == 1:
            out += [link for _, link in members]
            continue
        merged = citation_links([c for c, _ in members], lang)  # one article's paragraphs said once
        law = name("law_abbr", key[0], lang, default=name("law", key[0], lang))
        suffix = " " + law + _confidence(members[0][0], lang)
        for j, link in enumerate(merged):
            if j:
                out.append(", ")
            out.append(Link(link.text.removesuffix(suffix), link.url))
        out.append(suffix)
    return tuple(out)


def cite_text(c: Citation, lang: Lang = "nl") -> str:
    """One citation as a note says it: "art. 2.3.5 lid 6 Wmo 2015", "praktijk: <title> (waarschijnlijk)"."""
    return citation_links([c], lang)[0].text


# ---------------------------------------------------------------- grouping

_T = TypeVar("_T")


def grouped(items: Iterable[_T], key: Callable[[_T], Hashable]) -> list[list[_T]]:
    """Items with the same key together, in the order each key first appears."""
    groups: dict[Hashable, list[_T]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return list(groups.values())


# ---------------------------------------------------------------- the note


class Speaker:
    """Says the parts of one advice in one language: needs, collisions, laws and organisations by their names."""

    def __init__(self, advice: Advice, lang: Lang) -> None:
        self.advice = advice
        self.lang = lang
        self.w = words(lang)
        self.needs = {n.need: n for n in advice.needs}
        self.collisions = {c.id: c for c in advice.collisions}
        seen: dict[tuple[str, str], int] = {}
        for n in advice.needs:
            seen[(n.provision, n.member)] = seen.get((n.provision, n.member), 0) + 1
        self._shared = {k for k, count in seen.items() if count > 1}

    def t(self, text: object) -> str:
        """A text of the advice in this language."""
        return str(getattr(text, self.lang))

    def n(self, kind: str, ident: str | None) -> str:
        return name(kind, ident, self.lang)

    def law(self, ident: str | None) -> str:
        return name("law", ident, self.lang) if ident else "?"

    def actor(self, ident: str | None) -> str:
        return actor(ident, self.lang)

    def need_title(self, need: NeedAdvice) -> str:
        """"hulpmiddel voor client (thuis)"."""
        text = label("notes.need_of", self.lang, provision=self.n("provision", need.provision), member=need.member)
        return text + (f" ({self.n('context', need.context)})" if need.context else "")

    def need(self, ident: str | None) -> str:
        """A need as the professional knows it: "hulpmiddel voor client"; where the household has two such
        needs, with where it is needed, or else the name the case gives it."""
        if ident is None:
            return self.w["notes.household"]
        need = self.needs.get(ident)
        if need is None:
            return ident
        text = label("notes.need_of", self.lang, provision=self.n("provision", need.provision), member=need.member)
        if (need.provision, need.member) not in self._shared:
            return text
        contexts = [n.context for n in self.advice.needs if (n.provision, n.member) == (need.provision, need.member)]
        if need.context and contexts.count(need.context) == 1:
            return f"{text} ({self.n('context', need.context)})"
        return f"{text} ({ident})"

    def target(self, target: str) -> str:
        """What a leeway entry is about: a collision, a need, a debt or the household."""
        if target == "huishouden":
            return self.n("target", "huishouden")
        if target.startswith("schuld:"):
            return label("notes.debt", self.lang, debt=target.removeprefix("schuld:"))
        collision = self.collisions.get(target)
        if collision is not None:
            return f"{self.n('collision', collision.kind)} — {self.need(collision.need)}"
        return self.need(target) if target in self.needs else target

    def about(self, path: str | None) -> str:
        """Whom a missing fact is about, from where it goes in the case."""
        if not path:
            return ""
        parts = path.split(".")
        if len(parts) >= 2 and parts[0] == "needs":
            return self.need(parts[1])
        if len(parts) >= 2 and parts[0] == "members":
            return label("notes.member", self.lang, member=parts[1])
        if len(parts) >= 2 and parts[0] == "debts":
            return label("notes.debt", self.lang, debt=parts[1])
        return ""

    def open_item(self, item: OpenItem) -> str:
        if item.kind == "fact" and item.question is not None:
            return self.t(item.question)
        text = self.t(item.text) if item.text is not None else item.rule
        return text.split(". ", 1)[0].rstrip(".") + "."

    def cites(self, citations: list[Citation]) -> Line:
        return cites_line(citations, self.lang)

    # ------------------------------------------------------------ sections

    def needs_section(self) -> Section:
        w, blocks = self.w, list[Block]()
        if not self.advice.needs:
            return Section("needs", w["needs"], [Para((w["none_needs"],))])
        blocks.append(Table([w["table.need"], w["table.regimes"], w["responsible"], w["collisions"]],
                            [self._need_row(need) for need in self.advice.needs]))
        blocks.append(Items([self._need_item(need) for need in self.advice.needs]))
        return Section("needs", w["needs"], blocks)

    def _responsible(self, need: NeedAdvice) -> str:
        r = need.responsible
        if r is None:
            return self.w["no_responsible"]
        text = f"{self.law(r.law)} — {self.w['executes']} {self.actor(r.executor)}, {self.w['pays']} " \
               f"{self.actor(r.financier)}"
        if r.pays_out:
            text += f", {self.w['pays_out']} {self.actor(r.pays_out)}"
        return text

    def _need_row(self, need: NeedAdvice) -> list[Line]:
        regimes = "; ".join(f"{self.law(r.law)}: {self.n('status', r.status)}" for r in need.regimes) or "–"
        kinds = sorted({self.n("collision", self.collisions[c].kind) for c in need.collisions
                        if c in self.collisions})
        interim = f" ({self.w['interim']})" if need.responsible and need.responsible.status == "undetermined" else ""
        return [(need.need, f": {self.need_title(need)}"), (regimes,), (self._responsible(need) + interim,),
                ("; ".join(kinds) or "–",)]

    def _need_item(self, need: NeedAdvice) -> Item:
        item = Item((Strong(need.need), f": {self.need_title(need)}"))
        for regime in need.regimes:
            sub = Item((f"{self.law(regime.law)}: {self.n('status', regime.status)}",
                        *((" — ", *self.cites(regime.citations)) if regime.citations else ())))
            sub.lines += [(f"{self.w['open']}: {self.open_item(o)}",) for o in regime.open]
            item.items.append(sub)
        label_ = self.w["responsible"] + (f" ({self.w['interim']})" if need.responsible
                                          and need.responsible.status == "undetermined" else "")
        item.items.append(Item((f"{label_}: {self._responsible(need)}" if need.responsible
                                else self.w["no_responsible"],)))
        if need.final_financier:
            f = need.final_financier
            item.items.append(Item((f"{self.w['final_financier']}: {self.actor(f.financier)} "
                                    f"({self.w['notes.under']} {self.law(f.law)}) — "
                               + "; ".join(self.t(r) for r in f.reasons),
                                    *((" (", *self.cites(f.citations), ")") if f.citations else ()))))
        return item

    def collisions_section(self) -> Section:
        """One paragraph per collision: the same finding (kind, rule and explanation) on several needs is said
        once, with every need it concerns."""
        w = self.w
        groups = grouped(self.advice.collisions, lambda c: (c.kind, c.rule, c.explanation.nl, c.explanation.en))
        items = []
        for group in groups:
            c = group[0]
            laws = list(dict.fromkeys(law for x in group for law in x.laws))
            item = Item((Strong(self.n("collision", c.kind)),))
            where = joined(list(dict.fromkeys(self.need(x.need) for x in group)), self.lang)
            item.lines.append((f"{w['notes.concerns']}: {where}",))
            if laws:
                item.lines.append((f"{w['notes.laws']}: {joined([self.law(x) for x in laws], self.lang)}",))
            item.lines.append((self.t(c.explanation),))
            if c.citations:
                item.after.append(self.cites(c.citations))
            items.append(item)
        return Section("collisions", w["collisions"], [Items(items)] if items else [Para((w["none"],))])

    def route_section(self) -> Section:
        w, esc = self.w, self.advice.escalation
        blocks: list[Block] = []
        steps = " → ".join(f"{self.n('step', s.step)}: {self.n('step_status', s.status)}" for s in esc.route)
        blocks.append(Para((steps,)))
        blocks.append(Para((f"{w['current']}: {self.n('step', esc.current_step) or '–'}; "
                            f"{w['next'].lower()}: ", Strong(self.n("step", esc.next_step) or "–"))))
        blocks += [Para((self.t(r),)) for r in esc.reasons]
        nxt = next((s for s in esc.route if s.step == esc.next_step), None)
        if nxt is not None and (nxt.acts or nxt.prepare or nxt.figures):
            if nxt.acts:
                blocks.append(Para((Strong(w["notes.who_acts"] + ":"), " " + nxt.acts)))
            if nxt.prepare:
                blocks.append(Para((Strong(w["notes.prepare"] + ":"), " " + nxt.prepare)))
            blocks += [Para((f"· {figure}",)) for figure in nxt.figures]
        if esc.first_actions:
            blocks.append(Para((Strong(w["first_actions"] + ":"),)))
            items = []
            for a in esc.first_actions:
                who = self.actor(a.actor) + (f" ({self.law(a.law)})" if a.law else "")
                item = Item((Strong(who), f": {self.t(a.action)}"))
                if a.need:
                    item.lines.append((f"{w['notes.concerns']}: {self.need(a.need)}",))
                if a.citations:
                    item.after.append(self.cites(a.citations))
                items.append(item)
            blocks.append(Items(items))
        return Section("route", w["escalation"], blocks)

    def timeouts_section(self) -> Section | None:
        w = self.w
        if not self.advice.timeouts:
            return None
        items = []
        for t in self.advice.timeouts:
            terms = [f"{w['notes.ask']} {self.actor(t.via)}"]
            if t.max_months:
                terms.append(label("notes.max", self.lang, months=t.max_months))
            if t.extension_months:
                terms.append(label("notes.extension", self.lang, months=t.extension_months))
            if t.all_creditors:
                terms.append(w["all_creditors"])
            elif t.creditors:
                terms.append(label("notes.for_creditors", self.lang,
                                   creditors=joined([self.actor(c) for c in t.creditors], self.lang)))
            item = Item((Strong(self.n("instrument", t.instrument)), " — " + "; ".join(terms)))
            if t.conditions:
                item.lines.append((f"{w['notes.conditions']}:",))
                item.items = [Item((self.t(c),)) for c in t.conditions]
            if t.citations:
                item.after.append(self.cites(t.citations))
            items.append(item)
        return Section("timeouts", w["timeouts"], [Items(items)])

    def deadlines_section(self) -> Section | None:
        if not self.advice.deadlines:
            return None
        items = []
        for d in self.advice.deadlines:
            within = label("notes.within", self.lang, amount=d.amount, unit=self.n("unit", d.unit))
            by = label("notes.by", self.lang, actor=self.actor(d.actor))
            item = Item((Strong(self.n("deadline", d.deadline)), f": {within}, {by}"))
            item.lines.append((self.t(d.explanation),))
            if d.citations:
                item.after.append(self.cites(d.citations))
            items.append(item)
        return Section("deadlines", self.w["deadlines"], [Items(items)])

    def notices_section(self) -> Section | None:
        w = self.w
        if not self.advice.notices:
            return None
        items = []
        for x in self.advice.notices:
            about = []
            if x.need:
                about.append(self.need(x.need))
            if x.debt:
                about.append(label("notes.debt", self.lang, debt=x.debt))
            if x.creditors:
                about.append(f"{w['creditors']}: {joined([self.actor(c) for c in x.creditors], self.lang)}")
            item = Item((Strong(self.n("notice", x.notice)),
                         *((f" ({'; '.join(about)})",) if about else ())))
            item.lines.append((self.t(x.explanation),))
            item.items = [Item((self.t(c),)) for c in x.conditions]
            if x.citations:
                item.after.append(self.cites(x.citations))
            items.append(item)
        return Section("notices", w["notices"], [Items(items)])

    def bridging_section(self) -> Section:
        w, b = self.w, self.advice.bridging
        if not b.applicable:
            return Section("bridging", w["bridging"], [Para((w["bridging_no"],))])
        blocks: list[Block] = [
            Para((f"{w['bridging_yes']}: {joined([self.need(n) for n in b.needs], self.lang)}.",)),
            Para((f"{w['likely']}: ", Strong(self.actor(b.likely_financier) if b.likely_financier
                                              else w["unknown_financier"]), "."))]
        items = []
        for ranking in b.per_need:
            likely = self.actor(ranking.likely_financier) if ranking.likely_financier else w["unknown_financier"]
            item = Item((Strong(self.need(ranking.need)), f" — {w['likely'].lower()}: {likely}"))
            for cand in ranking.candidates:
                points = label("notes.points", self.lang, score=cand.score)
                sub = Item((f"{self.actor(cand.financier)} ({self.w['notes.under']} {self.law(cand.law)}): "
                            f"{points}",))
                sub.lines += [(f"{self.t(wt.reason)} ({wt.value:+d})" if wt.value else self.t(wt.reason),)
                              for wt in cand.weights]
                item.items.append(sub)
            items.append(item)
        if items:
            blocks.append(Items(items))
        if b.citations:
            blocks.append(Para(self.cites(b.citations), "small"))
        return Section("bridging", w["bridging"], blocks)

    def leeway_section(self) -> Section | None:
        """Each article once, with what it allows, its limits and everything it concerns."""
        w = self.w
        if not self.advice.leeway:
            return None

        def key(lw: Leeway) -> Hashable:
            return (lw.basis, lw.explanation.nl, lw.explanation.en,
                    lw.limits.nl if lw.limits else None, lw.limits.en if lw.limits else None)

        items = []
        for group in grouped(self.advice.leeway, key):
            lw = group[0]
            item = Item((Strong(self.n("basis", lw.basis)),))
            targets = list(dict.fromkeys(self.target(x.target) for x in group))
            item.lines.append((f"{w['notes.at']}: {'; '.join(targets)}",))
            item.lines.append((f"{w['notes.allows']}: {self.t(lw.explanation)}",))
            if lw.limits:
                item.lines.append((f"{w['limits']}: {self.t(lw.limits)}",))
            if lw.citations:
                item.after.append(self.cites(lw.citations))
            items.append(item)
        return Section("leeway", w["leeway"], [Items(items)])

    def missing_section(self) -> Section | None:
        if not self.advice.missing_facts:
            return None
        items = []
        for m in self.advice.missing_facts:
            about = self.about(m.path)
            items.append(Item((self.t(m.question), *((f" — {about}",) if about else ()),
                               f"; {self.w['impact.' + m.impact]}")))
        return Section("missing", self.w["missing"], [Items(items, ordered=True)])

    def note(self) -> Note:
        a, w = self.advice, self.w
        head = [Para((Strong(w["warnings"] + ":"), " " + self.t(x.text)), "warning") for x in a.warnings]
        head.append(Para((self.t(a.disclaimer),), "disclaimer"))
        sections = [self.needs_section(), self.collisions_section(), self.route_section(),
                    self.timeouts_section(), self.deadlines_section(), self.notices_section(),
                    self.bridging_section(), self.leeway_section(), self.missing_section()]
        r = a.receipt
        receipt = (f"{w['receipt']}: {r.engine_version}, {label('notes.rules', self.lang, count=r.rule_count)} "
                   f"(sha256 {r.rules_sha256[:16]}…), {label('notes.engine', self.lang, backend=r.backend)}, "
                   f"{r.evaluated_at}")
        return Note(self.lang, f"{w['title']} {a.case_id} ({w['peildatum']} {day(a.reference_date, self.lang)})",
                    head, [s for s in sections if s is not None], receipt)


def build_note(advice: Advice, lang: Lang = "nl") -> Note:
    """The note of an advice in one language, ready for a writer."""
    return Speaker(advice, lang).note()


def plain(line: Line) -> str:
    """A line without its markup."""
    return "".join(p if isinstance(p, str) else p.text for p in line)
