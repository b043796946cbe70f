"""Escaping untrusted data text for the two places it lands: HTML and Mermaid.

Mermaid has no quoting that is safe for every diagram type, but every diagram
accepts entity codes such as `#59;` and turns them back into the character in
the finished SVG. So everything but letters, digits and spaces becomes an
entity code: no `:`, `;`, `#`, `%`, quote or bracket can reach Mermaid's
parser, and no text can start a directive, comment or keyword. Letters, digits,
spaces and `-.?!` stay as they are, so the source stays readable.
"""
from __future__ import annotations

import html
import re
import string

from ..text import flat

# Mermaid strips the last ";" of lines that match "style…:…#…;" or "classDef…" (see its
# encodeEntities), which would break an entity code: their first letter is always encoded.
_TRIGGERS = re.compile(r"(?i)style|classdef")
# Punctuation that no diagram type used here treats as syntax inside a label; kept for readable sources.
_PLAIN = frozenset(" -.?!")
# Words that mean something at the start of a line or label in some diagram type.
_KEYWORDS = re.compile(r"(?i)(title|section|acc|journey|click|class|link|end|subgraph|direction|graph|flowchart)")


# `&` first and `#` second, so no entity written here is escaped again. A chain of `str.replace` is three times
# faster than `str.translate` with a table, and the build escapes every text of every journey.
_HTML = (("&", "&amp;"), ("#", "&#35;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#39;"),
         ("{", "&#123;"), ("}", "&#125;"), ("%", "&#37;"))
_HTML_SPECIAL = re.compile("[" + re.escape("".join(char for char, _ in _HTML)) + "]")


def html_text(text: str) -> str:
    """Text for HTML content and attribute values, on one line.

    Braces, `%` and `#` become entities too, so no template engine that might see
    the page later (Jinja in mkdocs-macros) finds anything to evaluate.
    """
    text = flat(text)
    if _HTML_SPECIAL.search(text) is None:  # most texts: one search instead of nine replacements
        return text
    for char, entity in _HTML:
        text = text.replace(char, entity)
    return text


def html_paragraphs(text: str) -> str:
    """Multi-line text as paragraphs: blank lines separate them, no raw newline survives."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if flat(p)]
    return "".join(f"<p>{html_text(p)}</p>" for p in paragraphs)


# Every ASCII punctuation character may mean something in GitHub-flavoured Markdown: each gets a backslash,
# which CommonMark reads as the literal character. `<`, `>` and `&` become entities, so no tag or entity can start.
_MARKDOWN = {c: "\\" + c for c in string.punctuation} | {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def markdown_text(text: str) -> str:
    """One line of literal text inside Markdown (a pull-request summary): no markup, no HTML, no link."""
    return flat(text).translate(str.maketrans(_MARKDOWN))


class _MermaidChars(dict):
    """`str.translate` table filled on first use: a character stays if it is plain, else becomes its entity code."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        plain = char in _PLAIN or (char.isalnum() and (char.isascii() or char.isalpha()))
        self[code] = char if plain else f"#{code};"
        return self[code]


_MERMAID_CHARS = _MermaidChars()


def mermaid_text(text: str) -> str:
    """One line of literal text inside a Mermaid diagram."""
    line = flat(text)
    if not line:  # only invisible characters: Mermaid needs something to draw, a dash says "no text"
        return "#8211;"
    # The first letter of a trigger word, and of a keyword at the start, is encoded although it is plain.
    starts = [match.start() for match in _TRIGGERS.finditer(line)]
    if _KEYWORDS.match(line) and starts[:1] != [0]:
        starts.insert(0, 0)
    out, last = [], 0
    for start in starts:
        out += [line[last:start].translate(_MERMAID_CHARS), f"#{ord(line[start])};"]
        last = start + 1
    out.append(line[last:].translate(_MERMAID_CHARS))
    return "".join(out)


def mermaid_block(source: str) -> str:
    """A diagram for the page: HTML-escaped so the browser's text equals `source`."""
    return f'<pre class="mermaid"><code>{html.escape(source, quote=False)}</code></pre>'


# Spreadsheets run a cell that starts with one of these as a formula ("CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_text(text: str) -> str:
    """One cell of an exported CSV file: the text as it is, but never a formula in a spreadsheet.

    A leading apostrophe makes spreadsheet software show the cell as text; it is
    what OWASP recommends against formula injection.
    """
    return "'" + text if text.startswith(_FORMULA_START) else text
