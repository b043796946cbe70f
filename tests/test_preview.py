"""The `vorschau` artifact as a reviewer opens it: a file from disk (file://) in real Chromium."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from macros.loader import load_catalog

from .helpers import PAIN, PASSAMT, REPO, STEP, PageWatch, edit, git, run_cli, serious_violations

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def preview(tmp_path_factory) -> Path:
    """A branch that changes a journey and a persona, and the preview CI would upload for it."""
    repo = tmp_path_factory.mktemp("repo")
    shutil.copytree(REPO / "journeys", repo / "journeys")
    shutil.copytree(REPO / "docs" / "assets", repo / "docs" / "assets", ignore=shutil.ignore_patterns("vendor"))
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "main")
    git(repo, "switch", "-q", "-c", "aenderung")
    edit(repo / PASSAMT, f'action: "{STEP}"\n        emotion: 3', f'action: "{STEP}"\n        emotion: 2')
    edit(repo / PASSAMT, '        pain_points:\n          - text: "Der Hinweis steht', f'        pain_points:\n          - "{PAIN}"\n          - text: "Der Hinweis steht')
    edit(repo / "journeys/personas/amira-alleinerziehend.yml", "goals:\n", 'goals:\n  - "Nur einmal aufs Amt"\n')
    git(repo, "commit", "-q", "-am", "Änderung")
    result = run_cli("preview", "vorschau", cwd=repo)
    assert result.returncode == 0, result.stdout + result.stderr
    return repo / "vorschau"


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def open_file(browser, path: Path) -> PageWatch:
    watch = PageWatch(browser, path.as_uri(), viewport={"width": 1280, "height": 900})
    watch.goto(path.as_uri())
    return watch


def test_every_step_pain_point_and_opportunity_is_visible_without_any_request(browser, preview):
    assert sorted(p.name for p in preview.iterdir()) == ["amira-alleinerziehend.html", "index.html", "passamt-kinderpass.html"]
    page_file = preview / "passamt-kinderpass.html"
    assert "<script" not in page_file.read_text(encoding="utf-8")
    watch = open_file(browser, page_file)
    page = watch.page
    journey = load_catalog(page_file.parent.parent / "journeys")[0].journeys["passamt-kinderpass"]
    shown = squeezed(page.locator("table.kw-map").inner_text())
    expected = [s.action for s in journey.steps] + [p.text for s in journey.steps for p in s.pain_points]
    expected += [o for s in journey.steps for o in s.opportunities]
    assert PAIN in expected
    missing = [text for text in expected if squeezed(text) not in shown]
    assert missing == []
    assert page.locator("svg.kw-blueprint-svg, .kw-blueprint svg").count() >= 1 and page.locator(".kw-curve").count() >= 1
    changes = page.locator(".kw-changes").inner_text()
    assert "Gefühl: 3 (neutral) → 2 (schlecht)" in changes and PAIN in changes
    assert watch.requests == [page_file.as_uri()], "the page asks for nothing but itself"
    assert watch.errors == []
    assert serious_violations(page) == []
    watch.close()


@pytest.mark.parametrize("name", ["amira-alleinerziehend.html", "index.html"])
def test_persona_preview_and_index_open_from_disk_and_are_accessible(browser, preview, name):
    watch = open_file(browser, preview / name)
    text = watch.page.locator("main").inner_text()
    assert ("Nur einmal aufs Amt" in text) if name.startswith("amira") else ("Pass für ein Kind beantragen" in text)
    assert watch.requests == [(preview / name).as_uri()] and watch.errors == []
    assert serious_violations(watch.page) == []
    watch.close()
