"""Tables that readers can filter and sort: the journey catalog and the improvement backlog.

The HTML is a plain table that reads without script. The filter bar is
`hidden` and shown by `assets/tables.js`, which filters rows by their `data-*`
attributes and a text search, and turns headers marked `data-sortable` into
sort buttons. Values in attributes and options go through `html_text`.
"""
from __future__ import annotations

from .escape import html_text


def text_control(placeholder: str) -> str:
    return f'<label>Suchen <input type="search" data-filter-text placeholder="{html_text(placeholder)}"></label>'


def select_control(name: str, label: str, options: list[tuple[str, str]]) -> str:
    choices = "".join(f'<option value="{html_text(value)}">{html_text(text)}</option>' for value, text in options)
    return f'<label>{label} <select data-filter="{name}"><option value="">alle</option>{choices}</select></label>'


def checkbox_control(name: str, label: str) -> str:
    return f'<label><input type="checkbox" data-filter="{name}" value="1"> {label}</label>'


def attributes(values: dict[str, str]) -> str:
    """`data-*` attributes of a row, which the filters compare against."""
    return "".join(f' data-{name}="{html_text(value)}"' for name, value in values.items())


def filterable_table(
    *, noun: str, label: str, controls: list[str], headers: list[tuple[str, bool]], rows: list[str], css: str = ""
) -> str:
    """The filter bar (for scripts) above a table; `headers` are (text, sortable)."""
    head = "".join(f'<th scope="col"{" data-sortable" if sortable else ""}>{text}</th>' for text, sortable in headers)
    return (
        f'<div class="kw-filterable" data-noun="{html_text(noun)}">'
        f'<div class="kw-filters" role="search" aria-label="{html_text(label)} filtern" hidden>{" ".join(controls)} '
        f'<span class="kw-count" aria-live="polite">{len(rows)} {html_text(noun)}</span></div>'
        f'<div class="kw-scroll" role="region" tabindex="0" aria-label="{html_text(label)}">'
        f'<table class="kw-table {css}"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
        "</div></div>"
    )
