"""`make serve`: a saved journey reaches the served page, and only the pages it touches are rebuilt."""
from __future__ import annotations

from .helpers import edit

JOURNEY = "passamt-kinderpass"
TITLE = 'title: "Pass für ein Kind beantragen – wie es heute läuft"'


def test_a_saved_journey_is_served_with_the_change_and_only_its_pages_are_rebuilt(live_handbook):
    project, serve = live_handbook
    before = len(serve.log())
    source = next((project / "journeys").rglob(f"{JOURNEY}.yml"))
    edit(source, TITLE, 'title: "Pass für ein Kind beantragen – frisch geändert"')
    serve.wait_for(f"journeys/{JOURNEY}/", "Pass für ein Kind beantragen – frisch geändert", timeout_s=300)
    serve.wait_for("journeys/", "Pass für ein Kind beantragen – frisch geändert", timeout_s=60)  # the catalog lists it
    assert f"Nur geänderte Journeys neu: {JOURNEY}" in serve.log()[before:]
    other = serve.get("journeys/steueramt-vorladung/")
    assert other is not None and "frisch geändert" not in other


def test_a_changed_handbook_page_still_rebuilds_everything(live_handbook):
    project, serve = live_handbook
    before = len(serve.log())
    edit(project / "docs" / "index.md", "\n", "\nEin frisch eingefügter Satz.\n")
    serve.wait_for("", "Ein frisch eingefügter Satz.", timeout_s=300)
    assert "Nur geänderte Journeys neu" not in serve.log()[before:]
