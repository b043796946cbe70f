"""The improvement backlog: every improvement of every journey, and who carries how many."""
from __future__ import annotations

import datetime as dt

from ..labels import STATUS_LABELS
from ..portfolio import BacklogItem, OwnerCount, per_owner
from .blocks import Href, german_date, improvement_status, journey_url, link, step_names
from .escape import flat, html_text
from .filter_table import attributes, checkbox_control, filterable_table, select_control, text_control


def owner_key(owner: str) -> str:
    return flat(owner).casefold()


def backlog_summary(items: list[BacklogItem]) -> str:
    """One sentence with the totals, so the state is clear before any table."""
    counts = {status: sum(1 for i in items if i.improvement.status == status) for status in STATUS_LABELS}
    overdue = sum(i.overdue for i in items)
    parts = ", ".join(f"{counts[status]} {word}" for status, word in STATUS_LABELS.items())
    return f'<p class="kw-summary"><strong>{len(items)} Maßnahmen</strong>: {parts}. <strong>{overdue} überfällig.</strong></p>'


def owner_table(owners: list[OwnerCount]) -> str:
    rows = "".join(
        f"<tr><td>{html_text(o.owner)}</td><td>{o.counts['open']}</td><td>{o.counts['in_progress']}</td>"
        f"<td>{o.counts['done']}</td><td>{o.overdue}</td></tr>"
        for o in owners
    )
    return (
        '<div class="kw-scroll" role="region" tabindex="0" aria-label="Maßnahmen je Verantwortlichen">'
        '<table class="kw-table"><caption>Maßnahmen je Verantwortlichen, die mit den meisten überfälligen zuerst</caption>'
        '<thead><tr><th scope="col">Verantwortlich</th><th scope="col">geplant</th><th scope="col">läuft</th>'
        '<th scope="col">erledigt</th><th scope="col">überfällig</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    )


def backlog_table(items: list[BacklogItem], href: Href, today: dt.date) -> str:
    """Every improvement, overdue first, filterable by owner, status and overdue."""
    owners = per_owner(items)
    rows = [
        f"<tr{attributes({'owner': owner_key(i.improvement.owner), 'status': i.improvement.status, 'overdue': '1' if i.overdue else '0'})}>"
        f"<td>{html_text(i.improvement.action)}</td>"
        f"<td>{link(href, journey_url(i.journey.id), i.journey.title)}</td>"
        f"<td>{html_text(i.improvement.owner)}</td>"
        f'<td data-sort="{i.improvement.due or "9999"}">{german_date(i.improvement.due) if i.improvement.due else "–"}</td>'
        f"<td>{improvement_status(i.improvement, today)}</td>"
        f"<td>{html_text(i.improvement.success_criteria)}</td>"
        f"<td>{step_names(i.steps)}</td></tr>"
        for i in items
    ]
    return filterable_table(
        noun="Maßnahmen",
        label="Alle Maßnahmen",
        controls=[
            text_control("Maßnahme, Journey …"),
            select_control("owner", "Verantwortlich", [(owner_key(o.owner), o.owner) for o in sorted(owners, key=lambda o: o.owner.casefold())]),
            select_control("status", "Stand", list(STATUS_LABELS.items())),
            checkbox_control("overdue", "nur überfällige"),
        ],
        headers=[("Maßnahme", True), ("Journey", True), ("Verantwortlich", True), ("Fällig", True), ("Stand", True),
                 ("Erfolgskriterium", False), ("Setzt an bei", False)],
        rows=rows,
        css="kw-backlog-table",
    )
