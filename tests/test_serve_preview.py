"""`make serve`: a saved journey reaches the served page, and only the pages it touches are rebuilt."""
from __future__ import annotations

import pytest

from .helpers import edit, served_handbook
from .live_serve import LiveServe

JOURNEY = "passamt-kinderpass"
TITLE = 'title: "Pass für ein Kind beantragen – wie es heute läuft"'


# Both tests use the one server, so they run in the same worker under pytest-xdist.
pytestmark = [pytest.mark.build, pytest.mark.xdist_group("serve")]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """One `mkdocs serve` of a small handbook for both tests (its first full build is the costly part);
    each test edits other files and reads only the log written after its edit."""
    project = served_handbook(tmp_path_factory.mktemp("serve") / "handbook")
    serve = LiveServe(project)
    serve.wait_for(f"journeys/{JOURNEY}/", "Pass für ein Kind beantragen", timeout_s=300)
    yield project, serve
    serve.stop()


def test_a_saved_journey_is_served_with_the_change_and_only_its_pages_are_rebuilt(served):
    project, serve = served
    before = len(serve.log())
    source = next((project / "journeys").rglob(f"{JOURNEY}.yml"))
    edit(source, TITLE, 'title: "Pass für ein Kind beantragen – frisch geändert"')
    serve.wait_for(f"journeys/{JOURNEY}/", "Pass für ein Kind beantragen – frisch geändert", timeout_s=300)
    serve.wait_for("journeys/", "Pass für ein Kind beantragen – frisch geändert", timeout_s=60)  # the catalog lists it
    assert f"Nur geänderte Journeys neu: {JOURNEY}" in serve.log()[before:]
    other = serve.get("journeys/steueramt-vorladung/")
    assert other is not None and "frisch geändert" not in other


def test_a_changed_handbook_page_still_rebuilds_everything(served):
    project, serve = served
    before = len(serve.log())
    edit(project / "docs" / "index.md", "\n", "\nEin frisch eingefügter Satz.\n")
    serve.wait_for("", "Ein frisch eingefügter Satz.", timeout_s=300)
    assert "Nur geänderte Journeys neu" not in serve.log()[before:]
