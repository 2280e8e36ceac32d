"""The advice as a plain-text note, as a senior colleague would write it: what applies, what blocks, what to do
next, with the articles behind each point. What it says is built in `_note`; this lays it out as text."""

from __future__ import annotations

from ..labels import Lang
from ..model import Advice, OpenItem
from ._escape import visible_text
from ._note import Item, Items, Para, Table, build_note, plain


def open_text(item: OpenItem, lang: Lang) -> str:
    """What is still open for an undetermined regime: the question for a fact, the first sentence of a decision."""
    if item.kind == "fact" and item.question is not None:
        return str(getattr(item.question, lang))
    text = getattr(item.text, lang) if item.text is not None else item.rule
    return text.split(". ", 1)[0].rstrip(".") + "."


def _items(items: Items, depth: int) -> list[str]:
    pad = "    " * depth
    out = []
    for number, item in enumerate(items.items, 1):
        out += _item(item, f"{number}. " if items.ordered else ("- " if depth == 0 else "· "), pad)
    return out


def _item(item: Item, marker: str, pad: str) -> list[str]:
    out = [f"{pad}{marker}{plain(item.line)}"]
    out += [f"{pad}    {plain(line)}" for line in item.lines]
    if item.items:
        out += _items(Items(item.items), len(pad) // 4 + 1)
    out += [f"{pad}    {plain(line)}" for line in item.after]
    return out


def to_text(advice: Advice, lang: Lang = "nl") -> str:
    """A plain-text note: what applies, what blocks, what to do next, with the articles behind each point."""
    note = build_note(advice, lang)
    out = [note.title] + [plain(p.line) for p in note.head]
    for section in note.sections:
        out += ["", f"{section.title}:"]
        for block in section.blocks:
            if isinstance(block, Para):
                out.append(f"  {plain(block.line)}")
            elif isinstance(block, Items):
                out += _items(block, 0)
            elif isinstance(block, Table):
                continue  # the lists say the same, with the articles
    out += ["", note.receipt]
    return visible_text("\n".join(out) + "\n")  # rule and case text: control characters shown, not acted on
