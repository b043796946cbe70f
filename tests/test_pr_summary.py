"""The pull-request summary and `macros diff` for a branch in a real temporary git repository.

The repository's journeys are committed on `main`; a branch changes one emotion, adds a
pain point and marks an improvement done, as a team would in a pull request.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from macros.render.escape import markdown_text

from .helpers import PAIN, PASSAMT, REPO, STEP, Ran, edit, git, run_cli

IMPROVEMENT = "Terminbestätigung für Pässe von Kindern: nur die Unterlagen dieses Falls nennen, jede mit einem Satz zu ihrem Zweck"


def macros(repo: Path, *args: str) -> Ran:
    return run_cli(*args, cwd=repo)


@pytest.fixture
def repo(tmp_path) -> Path:
    shutil.copytree(REPO / "journeys", tmp_path / "journeys")
    (tmp_path / "docs" / "praxis").mkdir(parents=True)
    (tmp_path / "docs" / "praxis" / "pc.md").write_text('# PC\n\n{{ journey_map("pc-bestellung-soll") }}\n', encoding="utf-8")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "Stand auf main")
    git(tmp_path, "switch", "-q", "-c", "aenderung")
    return tmp_path


def test_summary_shows_the_three_changes_of_a_pull_request(repo):
    passamt = repo / PASSAMT
    edit(passamt, f'action: "{STEP}"\n        emotion: 3', f'action: "{STEP}"\n        emotion: 2')
    edit(passamt, '        pain_points:\n          - text: "Der Hinweis steht',
         f'        pain_points:\n          - "{PAIN}"\n          - text: "Der Hinweis steht')
    edit(passamt, "    status: in_progress\n    steps: [hinweis-lesen, regel-erklaert]", "    status: done\n    steps: [hinweis-lesen, regel-erklaert]")
    git(repo, "commit", "-q", "-am", "Passamt nach dem Workshop")

    result = macros(repo, "summary", "--preview-artifact", PASSAMT)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    verdict = next(line for line in out.splitlines() if line.startswith("**Pass für ein Kind beantragen"))
    assert verdict.endswith("Gefühl bei 1 Schritt schlechter, 1 Schmerzpunkt neu, 1 Maßnahme erledigt")
    rows = [line for line in out.splitlines() if line.startswith("| ")]
    assert f"| Termin vereinbaren | {markdown_text(STEP)} | Gefühl: 3 (neutral) → 2 (schlecht) |" in rows
    assert f"| Termin vereinbaren | {markdown_text(STEP)} | Schmerzpunkt neu: „{markdown_text(PAIN)}“ |" in rows
    assert f"| – | – | Maßnahme „{markdown_text(IMPROVEMENT)}“: Stand: läuft → erledigt |" in rows
    assert "<b>" not in out
    table = MarkdownIt("commonmark").enable("table").parse(out)
    cells = ["".join(c.content for c in t.children if c.type == "text") for t in table if t.type == "inline"]
    assert sum(1 for t in table if t.type == "tr_open") == 4, "a header and three rows: no data text breaks the table"
    assert STEP in cells and "Gefühl: 3 (neutral) → 2 (schlecht)" in cells and f"Schmerzpunkt neu: „{PAIN}“" in cells
    assert "xychart-beta" in out and "    line [4, 3, 2, 2, 1, 2, 1, 2]\n    line [4, 2, 2, 2, 1, 2, 1, 2]" in out
    assert "Artefakt **vorschau**" in out

    text = macros(repo, "diff").stdout
    assert text.startswith(f"{PASSAMT}\n  Gefühl bei 1 Schritt schlechter")
    assert f"  - Termin vereinbaren › {STEP}: Schmerzpunkt neu: „{PAIN}“" in text.splitlines()


def test_renamed_new_deleted_reformatted_and_broken_files(repo):
    git(repo, "mv", "journeys/kirchgemeinde/taufe-online-anmelden.yml", "journeys/kirchgemeinde/taufe-anmelden.yml")
    git(repo, "rm", "-q", "journeys/onlinehandel/pc-bestellung-soll.yml")
    spenden = repo / "journeys/fundraising/spenden-erstspende.yml"
    spenden.write_text("# Nur ein Kommentar mehr\n" + spenden.read_text(encoding="utf-8").replace('"', "'").replace("''", '"'), encoding="utf-8")
    shutil.copy(repo / PASSAMT, repo / "journeys/buergerservice/passamt-neu.yml")
    edit(repo / "journeys/buergerservice/passamt-neu.yml", "compare_with: passamt-kinderpass-soll\n", "")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Umbauen")

    result = macros(repo, "summary")
    out = result.stdout
    assert result.returncode == 1, "the current journey still compares with the deleted one"
    assert "### `journeys/kirchgemeinde/taufe-online-anmelden.yml` → `journeys/kirchgemeinde/taufe-anmelden.yml`" in out
    assert "Datei umbenannt oder verschoben" in out
    deleted = out.split("### `journeys/onlinehandel/pc-bestellung-soll.yml`")[1].split("###")[0]
    assert "Datei gelöscht" in deleted and f"- Praxisseite: {markdown_text('docs/praxis/pc.md')}" in deleted
    assert "- Vergleich: PC im Black\\-Friday\\-Angebot bestellen" in deleted
    spenden_part = out.split("### `journeys/fundraising/spenden-erstspende.yml`")[1].split("###")[0]
    assert "nur umformatiert" in spenden_part and "xychart" not in spenden_part
    new_part = out.split("### `journeys/buergerservice/passamt-neu.yml`")[1].split("###")[0]
    assert "(neu)" in new_part and "```mermaid\njourney\n" in new_part

    text = macros(repo, "diff").stdout
    assert "journeys/kirchgemeinde/taufe-online-anmelden.yml → journeys/kirchgemeinde/taufe-anmelden.yml" in text
    assert "  Darauf verweist noch: Vergleich „PC im Black-Friday-Angebot bestellen" in text and "Praxisseite „docs/praxis/pc.md“" in text
    assert "journeys/fundraising/spenden-erstspende.yml\n  Nur umformatiert: keine Änderung am Inhalt." in text


def test_an_old_version_that_does_not_load_is_named_not_a_crash(repo):
    broken = repo / "journeys/personas/lena-taufe.yml"
    good = broken.read_text(encoding="utf-8")
    broken.write_text("name: [kaputt\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "kaputt")
    git(repo, "branch", "-f", "main")
    broken.write_text(good, encoding="utf-8")
    git(repo, "commit", "-q", "-am", "repariert")
    result = macros(repo, "summary")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Die alte Fassung ließ sich nicht laden" in result.stdout and "Traceback" not in result.stderr


def test_without_git_the_summary_shows_the_named_files_as_before(tmp_path):
    shutil.copytree(REPO / "journeys", tmp_path / "journeys")
    result = macros(tmp_path, "summary", PASSAMT)
    assert result.returncode == 0
    assert "Kein Vergleich mit dem Stand vorher" in result.stdout and "```mermaid\njourney\n" in result.stdout
    assert macros(tmp_path, "diff").returncode == 2
