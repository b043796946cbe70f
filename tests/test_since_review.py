"""The journey page says what changed since the last review, from git history, and says nothing without it."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from macros.git_history import changes_since_review
from macros.local_browser import serve
from macros.loader import load_catalog

from .helpers import PASSAMT, REPO, STEP, PageWatch, build_site, edit, make_project, serious_violations


def commit(repo, day: str, *args: str) -> None:
    env = dict(os.environ, GIT_AUTHOR_DATE=f"{day}T12:00:00", GIT_COMMITTER_DATE=f"{day}T12:00:00")
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", *args], cwd=repo, env=env, check=True)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The handbook built from a history: everything committed on the review day of passamt-kinderpass, one change later."""
    tmp = tmp_path_factory.mktemp("history")
    project = make_project(tmp / "project", REPO / "journeys", {"index.md": "# Start\n"})
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=project, check=True)
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    commit(project, "2026-09-15", "-m", "Anfang")  # the day passamt-kinderpass was last reviewed
    edit(project / PASSAMT, f'action: "{STEP}"\n        emotion: 3', f'action: "{STEP}"\n        emotion: 2')
    commit(project, "2026-10-01", "-am", "Nach dem Gespräch")
    result = build_site(project, tmp / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp / "site"


@pytest.mark.build
def test_a_journey_changed_after_its_review_says_so_on_its_page(site):
    page = (site / "journeys" / "passamt-kinderpass" / "index.html").read_text(encoding="utf-8")
    assert "Seit der letzten Überprüfung am 15.9.2026 geändert" in page and "Gefühl bei 1 Schritt schlechter" in page
    assert "Gefühl: 3 (neutral) → 2 (schlecht)" in page
    unchanged = (site / "journeys" / "passamt-kinderpass-soll" / "index.html").read_text(encoding="utf-8")
    assert "kw-since-review" not in unchanged


@pytest.mark.browser
def test_the_note_is_readable_and_accessible_in_the_browser(browser, site):
    server = serve(site)
    try:
        # Opened as a reader opens it: `visit` also fires `beforeprint` to draw the diagrams, and Material opens every
        # <details> for print, which would leave the note already open.
        origin = f"http://127.0.0.1:{server.server_address[1]}/"
        watch = PageWatch(browser, origin)
        watch.goto(origin + "journeys/passamt-kinderpass/")
        note = watch.page.locator(".kw-since-review")
        assert note.is_visible() and "Gefühl bei 1 Schritt schlechter" in note.inner_text()
        note.locator("summary").click()
        assert note.locator("li").first.is_visible()
        assert serious_violations(watch.page) == [] and watch.foreign == []
        watch.close()
    finally:
        server.shutdown()


def test_without_history_nothing_shows(tmp_path):
    shutil.copytree(REPO / "journeys", tmp_path / "journeys")
    catalog, _ = load_catalog(tmp_path / "journeys")
    assert changes_since_review(tmp_path / "journeys", catalog, dt.date(2026, 12, 7)) == {}
