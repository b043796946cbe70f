"""The one notion of "today" for review dates, overdue improvements and date checks.

Reproducible builds set `SOURCE_DATE_EPOCH` (seconds since 1970, UTC); then the
same sources give the same site on any day. Without it, today is the date of
the machine that builds.
"""
from __future__ import annotations

import datetime as dt
import os


class DateError(ValueError):
    """SOURCE_DATE_EPOCH is set but is no number of seconds."""


def today() -> dt.date:
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return dt.date.today()
    try:
        return dt.datetime.fromtimestamp(int(raw), tz=dt.timezone.utc).date()
    except (ValueError, OverflowError, OSError):
        raise DateError(f"SOURCE_DATE_EPOCH muss eine ganze Zahl sein (Sekunden seit 1970), hier steht „{raw[:40]}“.") from None
