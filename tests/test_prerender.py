"""Fragments drawn ahead in a second process give the very same site as fragments drawn by the page itself."""
from __future__ import annotations

import filecmp

import pytest

from macros import loader, prerender, session
from macros.render.pages import generated_pages

from .helpers import FIXTURES, SMALL_PAGES, build_site, make_project, served_handbook

pytestmark = pytest.mark.build


def different_files(one, other) -> list[str]:
    comparison = filecmp.dircmp(one, other)
    found = [f"{comparison.left}/{name}" for name in comparison.diff_files + comparison.left_only + comparison.right_only]
    for sub in comparison.subdirs.values():
        found += different_files(sub.left, sub.right)
    return found


SMALL_PROJECTS = {
    "handbook": served_handbook,  # journeys of the repository, one with its target, and every persona
    "tricky": lambda target: make_project(target, FIXTURES / "valid" / "journeys", SMALL_PAGES),
}


@pytest.mark.parametrize("kind", SMALL_PROJECTS)
def test_a_build_with_fragments_drawn_ahead_writes_the_same_site(kind, tmp_path, monkeypatch):
    project = SMALL_PROJECTS[kind](tmp_path / "project")
    alone = build_site(project, tmp_path / "alone")
    assert alone.returncode == 0, alone.stderr

    monkeypatch.setattr(prerender, "WORTH_A_PROCESS", 1)
    start, take, parse = prerender.DrawnAhead.__init__, prerender.DrawnAhead.page, loader.read_document

    # A build never waits; here it reads only after the second process has sent its half of the files,
    # and every page's fragments and the data files must come from there.
    def started_and_read(self, *args):
        start(self, *args)
        self.wait_until_read()

    def once_all_arrived(self, url):
        self.wait()
        return take(self, url)

    parsed = []

    def counted(where, raw):
        parsed.append(where)
        return parse(where, raw)

    monkeypatch.setattr(prerender.DrawnAhead, "__init__", started_and_read)
    monkeypatch.setattr(prerender.DrawnAhead, "page", once_all_arrived)
    monkeypatch.setattr(loader, "read_document", counted)
    finished = []
    monkeypatch.setattr(prerender.DrawnAhead, "stop", lambda self: finished.append(self))  # at the end of the build
    ahead = build_site(project, tmp_path / "ahead")
    assert ahead.returncode == 0, ahead.stderr
    files = len(loader.yaml_files(project / "journeys"))
    pages = len(generated_pages(session.catalog(project)))
    sent = [(drawing.shared, drawing.taken, drawing.data_files("journeys") is not None) for drawing in finished]
    assert sent == [(files - files // 2, pages, True)], "half of the files read, every page drawn, the data files made"
    assert len(parsed) == files // 2, "the build reads only the files the second process has not sent"
    assert different_files(tmp_path / "alone", tmp_path / "ahead") == []
