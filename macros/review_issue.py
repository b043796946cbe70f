"""Keep one GitHub issue, "Fällige Überprüfungen", in step with the review report.

Run weekly by `.github/workflows/review.yml` through `make review-issue`. It
uses the `gh` command that every GitHub runner has (authenticated by the
workflow's token, which may only write issues): the issue is created when
something is due, its text replaced when the report changes, and it is closed
with a comment once nothing is due any more.
"""
from __future__ import annotations

import json
import subprocess
import tempfile

from .render.review import NOTHING_DUE

TITLE = "Fällige Überprüfungen"


def _gh(*args: str) -> str:
    return subprocess.run(["gh", *args], check=True, capture_output=True, text=True).stdout


def _open_issue() -> int | None:
    found = json.loads(_gh("issue", "list", "--state", "open", "--search", f'in:title "{TITLE}"', "--json", "number,title"))
    numbers = [issue["number"] for issue in found if issue["title"] == TITLE]
    return min(numbers) if numbers else None


def sync(report: str, nothing_due: bool) -> str:
    """Create, update or close the issue; returns what was done, in German, for the workflow log."""
    number = _open_issue()
    if nothing_due:
        if number is None:
            return "Nichts fällig, kein offenes Issue."
        _gh("issue", "close", str(number), "--comment", NOTHING_DUE)
        return f"Nichts mehr fällig: Issue #{number} geschlossen."
    with tempfile.NamedTemporaryFile("w", suffix=".md", encoding="utf-8") as body:
        body.write(report)
        body.flush()
        if number is None:
            url = _gh("issue", "create", "--title", TITLE, "--body-file", body.name).strip()
            return f"Issue angelegt: {url}"
        _gh("issue", "edit", str(number), "--body-file", body.name)
        return f"Issue #{number} aktualisiert."
