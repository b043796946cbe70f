"""What the Mitmachen and Werkzeuge pages quote from the repository is what the repository holds.

A checklist or an example that drifts from its source teaches teams the wrong thing, so the pages
are compared with the files they show: the pull request template and a real persona file.
"""
from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TEMPLATE = REPO / ".github" / "pull_request_template.md"
EDITING_PAGE = REPO / "docs" / "mitmachen" / "journey-bearbeiten.md"
PERSONA_PAGE = REPO / "docs" / "mitmachen" / "persona-datei.md"
PERSONA_FILE = REPO / "journeys" / "personas" / "amira-alleinerziehend.yml"
YAML_BLOCK = re.compile(r"^```yaml\n(.*?)^```$", re.M | re.S)


def checklist(text: str, heading: str) -> list[str]:
    """The `- [ ]` items of the section under `heading` (any level)."""
    section = re.split(rf"^#+ {re.escape(heading)}\n", text, maxsplit=1, flags=re.M)[1]
    section = re.split(r"^#+ ", section, maxsplit=1, flags=re.M)[0]
    return [line for line in section.splitlines() if line.startswith("- [ ] ")]


def test_the_checklist_in_mitmachen_is_the_pull_request_template():
    template = checklist(TEMPLATE.read_text(encoding="utf-8"), "Checkliste für Journeys und Personas")
    page = checklist(EDITING_PAGE.read_text(encoding="utf-8"), "Die Checkliste in der Vorlage")
    assert len(template) >= 8
    assert page == template, "Übernimm die Punkte aus .github/pull_request_template.md wörtlich in journey-bearbeiten.md."


def test_the_checklist_asks_for_the_fields_teams_now_have():
    text = " ".join(checklist(TEMPLATE.read_text(encoding="utf-8"), "Checkliste für Journeys und Personas"))
    for field in ("`evidence`", "`confidence: assumed`", "`steps`", "`last_reviewed`", "`sources`", "`status`"):
        assert field in text, field


def test_the_persona_example_is_the_real_persona_file():
    blocks = YAML_BLOCK.findall(PERSONA_PAGE.read_text(encoding="utf-8"))
    real = PERSONA_FILE.read_text(encoding="utf-8")
    assert real in blocks, "Das YAML-Beispiel in mitmachen/persona-datei.md weicht von journeys/personas/amira-alleinerziehend.yml ab."
