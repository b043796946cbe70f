"""Tables that readers filter and sort, and that stay light with thousands of rows.

A page shows at most one page of rows (`PAGE_SIZE`) as a plain table, with
links to the other pages, so it reads without script. The filter bar is
`hidden` until `assets/tables.js` shows it. With a data file (`data_url`),
the first filter or sort loads every row of the table as escaped HTML from
that file and shows the matches a page at a time, so filters answer at once
even for thousands of rows and nothing is loaded before a reader asks.
"""
from __future__ import annotations

import html
import json
import math
import re
from dataclasses import dataclass, field

from .escape import html_text
from .html import scroll_region

PAGE_SIZE = 50
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Row:
    cells: list[str]  # escaped HTML of each cell
    filters: dict[str, str] = field(default_factory=dict)  # values the filter controls compare with
    sort: list[str] = field(default_factory=list)  # a sort key per cell; "" sorts by the cell's text


@dataclass(frozen=True)
class TableSpec:
    noun: str  # what a row is, plural: "Journeys"
    label: str  # the table's accessible name
    controls: list[str]
    headers: list[tuple[str, bool]]  # (text, sortable)
    css: str = ""


def text_control(placeholder: str) -> str:
    return f'<label>Suchen <input type="search" data-filter-text placeholder="{html_text(placeholder)}"></label>'


def select_control(name: str, label: str, options: list[tuple[str, str]]) -> str:
    choices = "".join(f'<option value="{html_text(value)}">{html_text(text)}</option>' for value, text in options)
    return f'<label>{label} <select data-filter="{name}"><option value="">alle</option>{choices}</select></label>'


def checkbox_control(name: str, label: str) -> str:
    return f'<label><input type="checkbox" data-filter="{name}" value="1"> {label}</label>'


def row_html(row: Row) -> str:
    attributes = "".join(f' data-{name}="{html_text(value)}"' for name, value in row.filters.items())
    cells = "".join(
        f'<td data-sort="{html_text(key)}">{cell}</td>' if key else f"<td>{cell}</td>"
        for cell, key in zip(row.cells, row.sort or [""] * len(row.cells))
    )
    return f"<tr{attributes}>{cells}</tr>"


def _text(cell: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", cell)).split())


def data_file(rows: list[Row]) -> str:
    """Every row for the script: its HTML, its text for searching, its filter values and its explicit sort keys
    (columns without one sort by their text, which the script reads from the HTML when asked)."""
    entries = [
        {"h": row_html(row), "t": " ".join(_text(cell) for cell in row.cells).casefold(), "f": row.filters, "s": row.sort}
        for row in rows
    ]
    return json.dumps({"rows": entries}, ensure_ascii=False, separators=(",", ":"))


def page_count(rows: int, size: int = PAGE_SIZE) -> int:
    return max(1, math.ceil(rows / size))


def table_page(spec: TableSpec, items: list, to_row, *, page: int = 1, page_url=None, data_url: str = "", size: int = PAGE_SIZE) -> str:
    """Page `page` of the table of `items`, each drawn by `to_row`; `page_url(n)` links the pages
    (without it, only the first `size` rows show). Only the rows of this page are drawn."""
    pages = page_count(len(items), size)
    shown = [to_row(item) for item in items[(page - 1) * size : page * size]]
    head = "".join(f'<th scope="col"{" data-sortable" if sortable else ""}>{text}</th>' for text, sortable in spec.headers)
    count = f"{len(items)} {html_text(spec.noun)}"
    data = f' data-rows="{html_text(data_url)}" data-size="{size}"' if data_url else ""
    return (
        f'<div class="kw-filterable" data-noun="{html_text(spec.noun)}" data-total="{len(items)}"{data}>'
        f'<div class="kw-filters" role="search" aria-label="{html_text(spec.label)} filtern" hidden>{" ".join(spec.controls)} '
        f'<span class="kw-count" aria-live="polite">{count}</span></div>'
        + scroll_region(spec.label, f'<table class="kw-table {spec.css}"><thead><tr>{head}</tr></thead>'
                        f'<tbody>{"".join(row_html(r) for r in shown)}</tbody></table>')
        + f"{_pages(page, pages, page_url, len(items), len(shown))}"
        '<p class="kw-more-rows" hidden><button type="button" class="md-button">Weitere anzeigen</button></p></div>'
    )


def _pages(page: int, pages: int, page_url, total: int, shown: int) -> str:
    if page_url is None:
        rest = total - shown
        return f'<p class="kw-pages">… und {rest} weitere. Filtere oder sortiere, um alle zu sehen.</p>' if rest > 0 else ""
    if pages == 1:
        return ""
    near = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
    parts = []
    for before, n in zip([0, *near], near):
        if n - before > 1:
            parts.append("…")
        current = ' aria-current="page"' if n == page else ""
        parts.append(f'<a{current} href="{html_text(page_url(n))}">{n}</a>')
    return f'<nav class="kw-pages" aria-label="Seiten der Tabelle">Seite {page} von {pages}: {" ".join(parts)}</nav>'
