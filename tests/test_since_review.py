"""The journey page says what changed since the last review, from git history, and says nothing without it."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess

from macros.git_history import changes_since_review
from macros.model import load_catalog

from .conftest import REPO, make_project, run_mkdocs
from .test_pr_summary import PASSAMT, STEP, edit


def commit(repo, message: str, day: str) -> None:
    env = dict(os.environ, GIT_AUTHOR_DATE=f"{day}T12:00:00", GIT_COMMITTER_DATE=f"{day}T12:00:00")
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-am" if message != "Anfang" else "-m", message],
                   cwd=repo, env=env, check=True)


def test_a_journey_changed_after_its_review_says_so_on_its_page(tmp_path):
    project = make_project(tmp_path / "project", REPO / "journeys", {"index.md": "# Start\n"})
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=project, check=True)
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    commit(project, "Anfang", "2026-09-15")  # the day passamt-kinderpass was last reviewed
    edit(project / PASSAMT, f'action: "{STEP}"\n        emotion: 3', f'action: "{STEP}"\n        emotion: 2')
    commit(project, "Nach dem Gespräch", "2026-10-01")

    result = run_mkdocs(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    page = (tmp_path / "site" / "journeys" / "passamt-kinderpass" / "index.html").read_text(encoding="utf-8")
    assert "Seit der letzten Überprüfung am 15.9.2026 geändert" in page and "Gefühl bei 1 Schritt schlechter" in page
    assert "Gefühl: 3 (neutral) → 2 (schlecht)" in page
    unchanged = (tmp_path / "site" / "journeys" / "passamt-kinderpass-soll" / "index.html").read_text(encoding="utf-8")
    assert "kw-since-review" not in unchanged


def test_without_history_nothing_shows(tmp_path):
    shutil.copytree(REPO / "journeys", tmp_path / "journeys")
    catalog, _ = load_catalog(tmp_path / "journeys")
    assert changes_since_review(tmp_path / "journeys", catalog, dt.date(2026, 12, 7)) == {}
