"""The improvement backlog: every improvement of every journey, and who carries how many."""
from __future__ import annotations

import datetime as dt

from ..labels import STATUS_LABELS
from ..portfolio import BacklogItem, OwnerCount
from ..site_map import BACKLOG_DATA, backlog_page_url, journey_url
from ..text import text_key
from .values import german_date, improvement_status, step_names
from .escape import html_text
from .filter_table import Row, TableSpec, checkbox_control, select_control, table_page, text_control
from .html import Href, link, scroll_table


def backlog_summary(items: list[BacklogItem]) -> str:
    """One sentence with the totals, so the state is clear before any table."""
    counts = {status: sum(1 for i in items if i.improvement.status == status) for status in STATUS_LABELS}
    overdue = sum(i.overdue for i in items)
    parts = ", ".join(f"{counts[status]} {word}" for status, word in STATUS_LABELS.items())
    return f'<p class="kw-summary"><strong>{len(items)} Maßnahmen</strong>: {parts}. <strong>{overdue} überfällig.</strong></p>'


def owner_table(owners: list[OwnerCount]) -> str:
    rows = "".join(
        f"<tr><td>{html_text(o.owner)}</td><td>{o.overdue}</td><td>{o.counts['open']}</td><td>{o.counts['in_progress']}</td>"
        f"<td>{o.counts['done']}</td></tr>"
        for o in owners
    )
    return scroll_table(
        "Maßnahmen je Verantwortlichen", ["Verantwortlich", "überfällig", "geplant", "läuft", "erledigt"], rows,
        caption="Maßnahmen je Verantwortlichen, die mit den meisten überfälligen zuerst",
    )


def backlog_row(i: BacklogItem, href: Href, today: dt.date) -> Row:
    return Row(
            [
                html_text(i.improvement.action),
                link(href, journey_url(i.journey.id), i.journey.title),
                html_text(i.improvement.owner),
                german_date(i.improvement.due) if i.improvement.due else "–",
                improvement_status(i.improvement, today),
                html_text(i.improvement.success_criteria),
                step_names(i.steps),
            ],
            {"owner": text_key(i.improvement.owner), "status": i.improvement.status, "overdue": "1" if i.overdue else "0"},
            ["", "", "", i.improvement.due or "9999", "", "", ""],
        )


def backlog_table(items: list[BacklogItem], owners: list[OwnerCount], href: Href, today: dt.date, page: int = 1) -> str:
    """Every improvement, overdue first, a page at a time; filters by owner, status and overdue come with tables.js."""
    owners = sorted(owners, key=lambda o: o.owner.casefold())
    spec = TableSpec(
        noun="Maßnahmen",
        label="Alle Maßnahmen",
        controls=[
            text_control("Maßnahme, Journey …"),
            select_control("owner", "Verantwortlich", [(text_key(o.owner), o.owner) for o in owners]),
            select_control("status", "Stand", list(STATUS_LABELS.items())),
            checkbox_control("overdue", "nur überfällige"),
        ],
        headers=[("Maßnahme", True), ("Journey", True), ("Verantwortlich", True), ("Fällig", True), ("Stand", True),
                 ("Erfolgskriterium", False), ("Setzt an bei", False)],
        css="kw-backlog-table",
    )
    return table_page(
        spec, items, lambda i: backlog_row(i, href, today), page=page, page_url=lambda n: href(backlog_page_url(n)), data_url=href(BACKLOG_DATA)
    )
