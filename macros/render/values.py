"""Values as readers see them, shared by the pages: dates, emotion, review and improvement status, step names.

Never colour alone: every badge says its state in words.
"""
from __future__ import annotations

import datetime as dt

from ..freshness import REVIEW_LABELS, Review, is_overdue
from ..labels import EMOTION_WORDS, STATUS_LABELS
from ..model import Improvement
from .escape import html_text
from .faces import emotion_icon


def emotion_label(emotion: int) -> str:
    """Our own face icon (no emoji font needed) and always the number and the word."""
    return f'<span class="kw-emotion-label">{emotion_icon(emotion)} {emotion} – {EMOTION_WORDS[emotion]}</span>'


def german_date(iso: str | dt.date) -> str:
    """2026-03-01 as readers write it: 1.3.2026."""
    date = dt.date.fromisoformat(iso) if isinstance(iso, str) else iso
    return f"{date.day}.{date.month}.{date.year}"


def review_badge(state: Review) -> str:
    """The review status in words (never colour alone), with the date it is or was due."""
    when = ""
    if state.due is not None:
        when = f" (fällig seit {german_date(state.due)})" if state.status == "overdue" else f" (fällig am {german_date(state.due)})"
    return f'<span class="kw-badge kw-review-{state.status}">{REVIEW_LABELS[state.status]}</span>{when}'


def overdue_badge() -> str:
    return '<span class="kw-badge kw-overdue">überfällig</span>'


def improvement_status(improvement: Improvement, today: dt.date) -> str:
    status = STATUS_LABELS[improvement.status]
    return f"{status} {overdue_badge()}" if is_overdue(improvement, today) else status


def step_names(steps) -> str:
    """Steps an improvement addresses, as "Schritt 3: …", one per line."""
    return "<br>".join(f"Schritt {n}: {html_text(step.action)}" for n, step in steps)
