"""Text from rule, graph, vocabulary and case files is data, never markup: how each output writes it.

Rule files are written by jurists and cases come from systems we do not control, so every value that reaches an
output is escaped for that output at the point where it is written:
- terminals and plain text (`visible_text`): control characters (ESC, BEL, CR, C1, bidi overrides) become
  visible escapes;
- Markdown (`md`, `md_code`): no raw HTML, no links or images, no table or list structure from a value;
- HTML (`escape_html`, `safe_url`): escaped text, and links only to https:// addresses;
- CSV (`csv_cell`): no spreadsheet formulas;
- JSON (`json_text`): JSON escapes itself; the invisible characters it leaves raw are written as \\u escapes.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from ..errors import visible

__all__ = ["csv_cell", "escape_html", "json_text", "md", "md_code", "safe_url", "visible_text"]


def visible_text(value: str) -> str:
    """Plain text for a terminal or a file: control characters shown as escapes (newlines kept)."""
    return visible(value)


# Markdown punctuation that can start markup anywhere in a line: emphasis, code, links and images, tables,
# strikethrough; `<` and `&` become entities (no raw HTML, no autolinks, no entity tricks).
_MD_INLINE = re.compile(r"([\\`*_\[\]|~])")
# What only starts markup at the start of a line (headings, lists, quotes): escaped where a value begins.
_MD_LEADING = re.compile(r"^(\s*)([#+\-=]|\d+(?=[.)]))")


def md(value: object) -> str:
    """A value as Markdown text that renders as exactly that text, on one line: never a tag, link, image, list,
    heading or table cell boundary."""
    out = visible(str(value), newlines=False)
    out = out.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    out = _MD_INLINE.sub(r"\\\1", out)
    return _MD_LEADING.sub(_escape_leading, out)


def _escape_leading(match: re.Match[str]) -> str:
    space, marker = match.group(1), match.group(2)
    return space + (marker + "\\" if marker[0].isdigit() else "\\" + marker)  # "1\. ", "\# "


def md_code(value: object) -> str:
    """A value as a Markdown code span (backticks included) that no backtick inside it can end early."""
    out = visible(str(value), newlines=False)
    longest = max((len(run) for run in re.findall(r"`+", out)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if out.startswith("`") or out.endswith("`") else ""
    return f"{fence}{pad}{out}{pad}{fence}"


def escape_html(value: object) -> str:
    """A value as HTML text or attribute value: escaped, control characters shown as escapes."""
    return html.escape(visible(str(value)), quote=True)


def safe_url(url: str | None) -> str | None:
    """`url` if it may be a link in a page: https:// with a host, and nothing a browser would read otherwise
    (no spaces, quotes, angle brackets, backslashes or control characters). None for anything else
    (`javascript:`, `data:`, `http:`); `pmm-rules validate` refuses those in rule files already."""
    if not url or not url.lower().startswith("https://") or re.search(r"[\s\"'<>\\`]", url) or visible(url) != url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme == "https" and parts.hostname else None


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A CSV cell a spreadsheet shows as text: a text that starts like a formula gets a leading apostrophe."""
    if not isinstance(value, str):
        return value
    out = visible(value, newlines=False)
    return "'" + out if out.startswith(_FORMULA) else out


_JSON_INVISIBLE = re.compile("[\\x7f-\\x9f\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069\\ufeff]")


def json_text(value: str) -> str:
    """JSON text with the characters JSON leaves raw but terminals act on (DEL, C1, bidi overrides, line
    separators) written as \\u escapes: the same JSON value, safe to print."""
    return _JSON_INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", value)
