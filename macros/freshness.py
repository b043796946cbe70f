"""How fresh the data is: review status of journeys and personas, overdue improvements.

Maps go stale once the workshop is over. Every journey and persona says when its
team last checked it (`last_reviewed`) and how often it should (`review_interval`,
months); from that and the one notion of today, each gets a review status.
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from .model import Improvement

DUE_SOON_DAYS = 30

CURRENT, DUE_SOON, OVERDUE, NEVER = "current", "due_soon", "overdue", "never"
# Worst first: the order in which lists and sorting show them.
REVIEW_ORDER = (OVERDUE, NEVER, DUE_SOON, CURRENT)
REVIEW_LABELS = {
    CURRENT: "aktuell",
    DUE_SOON: "Überprüfung bald fällig",
    OVERDUE: "Überprüfung überfällig",
    NEVER: "nie überprüft",
}


@dataclass(frozen=True)
class Review:
    status: str
    due: dt.date | None  # when the next review is due; None if never reviewed

    @property
    def label(self) -> str:
        return REVIEW_LABELS[self.status]

    @property
    def rank(self) -> int:
        return REVIEW_ORDER.index(self.status)


def add_months(date: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day (31 January + 1 month = 28/29 February)."""
    month_index = date.month - 1 + months
    year, month = date.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(date.day, calendar.monthrange(year, month)[1]))


def review(last_reviewed: str, interval_months: int, today: dt.date) -> Review:
    """The review status of anything with `last_reviewed` and `review_interval`."""
    if not last_reviewed:
        return Review(NEVER, None)
    due = add_months(dt.date.fromisoformat(last_reviewed), interval_months)
    if due < today:
        return Review(OVERDUE, due)
    if (due - today).days <= DUE_SOON_DAYS:
        return Review(DUE_SOON, due)
    return Review(CURRENT, due)


def is_overdue(improvement: Improvement, today: dt.date) -> bool:
    """Past its due date and not done."""
    return bool(improvement.due) and improvement.status != "done" and dt.date.fromisoformat(improvement.due) < today
