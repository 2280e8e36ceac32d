"""The advice as one self-contained HTML page: no scripts, no external resources, every value escaped. What it
says is built in `_note`; this lays it out."""

from __future__ import annotations

from ..labels import Lang
from ..model import Advice
from ._escape import escape_html as e  # every value, also from rule and case files: escaped, control chars shown
from ._escape import safe_url
from ._note import Item, Items, Line, Link, Para, Strong, Table, build_note

_CSS = ("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;"
        "line-height:1.45}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.4rem;"
        "text-align:left;vertical-align:top}.disclaimer,.warning{background:#fff4d6;padding:.6rem;"
        "border-left:4px solid #e0a800}li{margin:.3rem 0}li p{margin:.2rem 0}small,.small{color:#555}"
        "code{font-size:90%}")


def _line(line: Line) -> str:
    out = []
    for part in line:
        if isinstance(part, Strong):
            out.append(f"<b>{e(part.text)}</b>")
        elif isinstance(part, Link):
            url = safe_url(part.url)  # https:// only: never javascript:, data: or anything a rule file slipped in
            out.append(f'<a href="{e(url)}" rel="noreferrer">{e(part.text)}</a>' if url else e(part.text))
        else:
            out.append(e(part))
    return "".join(out)


def _items(items: Items) -> str:
    tag = "ol" if items.ordered else "ul"
    return f"<{tag}>" + "".join(_item(item) for item in items.items) + f"</{tag}>"


def _item(item: Item) -> str:
    return ("<li>" + _line(item.line) + "".join(f"<p>{_line(line)}</p>" for line in item.lines)
            + (_items(Items(item.items)) if item.items else "")
            + "".join(f"<p><small>{_line(line)}</small></p>" for line in item.after) + "</li>")


def _block(block: Para | Items | Table) -> str:
    if isinstance(block, Para):
        cls = f' class="{e(block.style)}"' if block.style else ""
        return f"<p{cls}>{_line(block.line)}</p>"
    if isinstance(block, Items):
        return _items(block)
    header = "".join(f"<th>{e(h[:1].upper() + h[1:])}</th>" for h in block.header)
    return (f"<table><thead><tr>{header}</tr></thead><tbody>"
            + "".join("<tr>" + "".join(f"<td>{_line(cell)}</td>" for cell in row) + "</tr>" for row in block.rows)
            + "</tbody></table>")


def to_html(advice: Advice, lang: Lang = "nl") -> str:
    """One self-contained page (no scripts, no external resources)."""
    note = build_note(advice, lang)
    body = [f"<h1>{e(note.title)}</h1>"] + [_block(p) for p in note.head]
    for section in note.sections:
        body.append(f'<h2 id="{e(section.key)}">{e(section.title)}</h2>')
        body += [_block(block) for block in section.blocks]
    return f"""<!doctype html>
<html lang="{e(lang)}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{e(note.title)}</title>
<style>{_CSS}</style></head><body>
{chr(10).join(body)}
<hr><p><small>{e(note.receipt)}</small></p>
</body></html>
"""
