"""The review report: what is due, grouped by owner, as text, Markdown (for an issue) or GitHub annotations.

Stale journeys and personas (review overdue, due soon or never done) belong to
the team that owns the file; overdue improvements to the person or role named
in the improvement. A report, not a check: nothing here fails a build.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..journey_diff import Change
from ..labels import STATUS_LABELS
from ..model import Catalog
from ..portfolio import backlog, reviews
from ..problems import NOTICE, Problem
from .values import german_date
from .changes import verdict
from ..text import flat
from .escape import markdown_text

NOTHING_DUE = "Nichts fällig: Alle Journeys und Personas sind rechtzeitig überprüft, und keine Maßnahme ist überfällig."


@dataclass(frozen=True)
class DueItem:
    owner: str
    what: str  # "Journey", "Persona" or "Maßnahme"
    title: str
    journey: str  # for an improvement: the title of its journey
    path: str  # the file, as shown to editors
    line: int
    status: str  # in words, with the date
    changed: str = ""  # for a journey: what changed since its last review (verdict), when git history says so


def due_items(
    catalog: Catalog, today: dt.date, prefix: str, owner: str = "", since_review: dict[str, tuple[Change, ...]] | None = None
) -> list[DueItem]:
    """What is due, by owner; `since_review` (journey id → changes, from git history) tells the team what to look at first."""
    since_review = since_review or {}
    items = []
    for reviewed in reviews(catalog, today):
        state = reviewed.review
        if state.status == "current":
            continue
        when = f", fällig seit {german_date(state.due)}" if state.status == "overdue" else (
            f", fällig am {german_date(state.due)}" if state.due else "")
        items.append(
            DueItem(reviewed.owner or "ohne Team", "Journey" if reviewed.kind == "journey" else "Persona", reviewed.title, "",
                    f"{prefix}/{reviewed.item.source}", reviewed.item.review_line, state.label + when,
                    verdict(list(since_review[reviewed.item.id])) if reviewed.kind == "journey" and reviewed.item.id in since_review else "")
        )
    for item in backlog(catalog, today):
        if item.overdue:
            improvement = item.improvement
            items.append(
                DueItem(improvement.owner, "Maßnahme", improvement.action, item.journey.title, f"{prefix}/{item.journey.source}",
                        improvement.line, f"überfällig seit {german_date(improvement.due)} ({STATUS_LABELS[improvement.status]})")
            )
    wanted = flat(owner).casefold()
    return [i for i in items if wanted in flat(i.owner).casefold()]


def _by_owner(items: list[DueItem]) -> list[tuple[str, list[DueItem]]]:
    groups: dict[str, list[DueItem]] = {}
    for item in items:
        groups.setdefault(flat(item.owner), []).append(item)
    return sorted(groups.items(), key=lambda pair: (-len(pair[1]), pair[0].casefold()))


def _what(item: DueItem) -> str:
    return f"{item.what} „{flat(item.title)}“" + (f" in „{flat(item.journey)}“" if item.journey else "")


def _changed(item: DueItem) -> str:
    return f"; seit der letzten Überprüfung geändert: {item.changed}" if item.changed else ""


def as_text(items: list[DueItem]) -> str:
    if not items:
        return NOTHING_DUE
    lines = []
    for owner, group in _by_owner(items):
        lines.append(f"{owner} ({len(group)})")
        lines += [f"  {_what(i)}: {i.status}{_changed(i)} – {i.path}:{i.line}" for i in group]
    return "\n".join(lines)


def as_markdown(items: list[DueItem], today: dt.date) -> str:
    lines = [f"Stand: {german_date(today)}. Diese Liste schreibt ein Workflow jede Woche neu (`python -m macros review`).", ""]
    if not items:
        return "\n".join(lines + [NOTHING_DUE])
    lines += [f"**{len(items)} Einträge** bei {len(_by_owner(items))} Verantwortlichen.", ""]
    for owner, group in _by_owner(items):
        lines += [f"### {markdown_text(owner)} ({len(group)})", ""]
        lines += [f"- {markdown_text(_what(i))}: {markdown_text(i.status + _changed(i))} – `{i.path.replace('`', '')}` Zeile {i.line}" for i in group]
        lines.append("")
    return "\n".join(lines)


def as_annotations(items: list[DueItem]) -> str:
    """Notices on the lines concerned; a warning level would read as a failure."""
    return "\n".join(
        Problem(i.path, i.line, 1, f"{_what(i)}: {i.status} (verantwortlich: {flat(i.owner)})", NOTICE).github_annotation()
        for i in items
    )
