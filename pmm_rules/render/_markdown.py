"""The advice as Markdown: a report to paste into a case file or a wiki. What it says is built in `_note`; this
lays it out, every value escaped (`md`): no value can make a link, an image, a tag, a list or a table cell."""

from __future__ import annotations

from ..labels import Lang
from ..model import Advice
from ._escape import md
from ._note import Item, Items, Line, Para, Strong, Table, build_note


def _line(line: Line) -> str:
    return "".join(f"**{md(p.text)}**" if isinstance(p, Strong) else md(p if isinstance(p, str) else p.text)
                   for p in line)


def _items(items: Items, pad: str = "") -> list[str]:
    out = []
    for number, item in enumerate(items.items, 1):
        marker = f"{number}. " if items.ordered else "- "
        out += _item(item, pad, marker)
    return out


def _item(item: Item, pad: str, marker: str) -> list[str]:
    inner = pad + " " * len(marker)
    out = [f"{pad}{marker}{_line(item.line)}"]
    for line in item.lines:  # further paragraphs of the same point
        out += ["", f"{inner}{_line(line)}"]
    if item.items:
        out += ["", *_items(Items(item.items), inner)]
    for line in item.after:  # the sources, below the point and its list
        out += ["", f"{inner}{_line(line)}"]
    return out


def to_markdown(advice: Advice, lang: Lang = "nl") -> str:
    note = build_note(advice, lang)
    out = [f"# {md(note.title)}", ""]
    for para in note.head:
        out += [f"> {_line(para.line)}" if para.style == "warning" else f"*{_line(para.line)}*", ""]
    for section in note.sections:
        out += [f"## {md(section.title)}", ""]
        for block in section.blocks:
            if isinstance(block, Para):
                out += [f"*{_line(block.line)}*" if block.style == "small" else _line(block.line), ""]
            elif isinstance(block, Items):
                out += [*_items(block), ""]
            elif isinstance(block, Table):
                out.append("| " + " | ".join(md(h[:1].upper() + h[1:]) for h in block.header) + " |")
                out.append("|" + "---|" * len(block.header))
                out += ["| " + " | ".join(_line(cell) for cell in row) + " |" for row in block.rows]
                out.append("")
    out += ["---", md(note.receipt), ""]
    return "\n".join(out)
