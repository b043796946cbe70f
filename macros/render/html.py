"""The HTML pieces every renderer builds with: links, lists, tables, facts, scroll regions.

Data text goes through `html_text` here; headers, captions and labels given as
HTML are the renderers' own fixed German words. `Href` turns a site-root
URL from `site_map` into a link from the page being rendered.
"""
from __future__ import annotations

from typing import Callable

from .escape import html_text

Href = Callable[[str], str]


def link(href: Href, url: str, text: str) -> str:
    return f'<a href="{html_text(href(url))}">{html_text(text)}</a>'


def bullet_list(items: tuple[str, ...] | list[str]) -> str:
    if not items:
        return ""
    return "<ul>" + "".join(f"<li>{html_text(item)}</li>" for item in items) + "</ul>"


def scroll_region(label: str, content: str, *, css: str = "kw-scroll", described_by: str = "") -> str:
    """A region wider than the page may be: reachable by keyboard, and it says what it holds (and that it scrolls)."""
    described = f' aria-describedby="{described_by}"' if described_by else ""
    return f'<div class="{css}" role="region" tabindex="0" aria-label="{html_text(label)}"{described}>{content}</div>'


def table(headers: list[str], rows: list[str] | str, *, caption: str = "", css: str = "kw-table") -> str:
    """A table with column headers; `rows` are finished `<tr>` elements."""
    head = "".join(f'<th scope="col">{h}</th>' for h in headers)
    cap = f"<caption>{caption}</caption>" if caption else ""
    body = rows if isinstance(rows, str) else "".join(rows)
    return f'<table class="{css}">{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def scroll_table(label: str, headers: list[str], rows: list[str] | str, *, caption: str = "", css: str = "kw-table") -> str:
    """The usual table of the handbook: in a scroll region named `label`."""
    return scroll_region(label, table(headers, rows, caption=caption, css=css))


def facts(pairs: list[tuple[str, str]], css: str = "") -> str:
    """Label and value pairs as a description list; values are HTML."""
    cls = f' class="{css}"' if css else ""
    return f"<dl{cls}>" + "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in pairs) + "</dl>"
