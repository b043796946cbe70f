"""`python -m macros …` as an editor runs it: real files, exit codes, messages.

The commands run in process (`macros.cli.main`); one test starts the real `python -m macros` as a subprocess.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from .helpers import FIXTURES as ALL_FIXTURES, Ran, run_cli, run_module

FIXTURES = ALL_FIXTURES / "valid" / "journeys"


def run(cwd: Path, *args: str) -> Ran:
    return run_cli(*args, cwd=cwd)


@pytest.fixture
def project(tmp_path) -> Path:
    shutil.copytree(FIXTURES, tmp_path / "journeys")
    return tmp_path


def test_validate_valid_tree(project):
    result = run(project, "validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "" and "Alles in Ordnung: 2 Journeys, 2 Personas." in result.stderr


def test_validate_reports_path_line_column_and_exits_1(project):
    """The real command line (a subprocess): message on stdout, exit code 1, no traceback."""
    target = project / "journeys" / "team-a" / "amt-neu.yml"
    target.write_text(target.read_text(encoding="utf-8").replace("emotion: 5", "emotion: 9"), encoding="utf-8")
    result = run_module("validate", cwd=project)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "journeys/team-a/amt-neu.yml:22:18: „emotion“ muss eine ganze Zahl von 1 bis 5 sein, hier steht 9."
    ]
    assert "Traceback" not in result.stderr


def test_validate_single_file_still_knows_the_personas(project):
    result = run(project, "validate", "journeys/team-a/amt.yml")
    assert result.returncode == 0, result.stdout


def test_github_format_annotates_lines(project):
    (project / "journeys" / "personas" / "ben.yml").write_text("name: Ben\nsegment: spender\n", encoding="utf-8")
    result = run(project, "validate", "--format", "github")
    assert result.returncode == 1
    assert result.stdout.startswith("::error file=journeys/personas/ben.yml,line=2,col=10::„segment“ darf nur")


@pytest.mark.parametrize(
    "args", [[], ["validate", "gibt/es/nicht"], ["schema", "auto"], ["new", "journey", "Böse Kennung"], ["search-index", "journeys"]]
)
def test_usage_errors_exit_2_without_traceback(project, args):
    result = run(project, *args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stderr.strip()


@pytest.mark.parametrize("kind", ["journey", "persona"])
def test_schema_alone_accepts_valid_and_refuses_invalid_data(project, kind):
    result = run(project, "schema", kind)
    schema = json.loads(result.stdout)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    folder = "personas" if kind == "persona" else "team-a"
    for path in (project / "journeys" / folder).glob("*.yml"):
        data = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
        assert list(validator.iter_errors(data)) == []
        broken = dict(data, unbekannt=1)
        assert not validator.is_valid(broken)
    if kind == "persona":
        assert not validator.is_valid({"name": "X", "segment": "kundschaft"})
    else:
        step = {"action": "x", "emotion": 6}
        assert not validator.is_valid({"title": "t", "persona": "p", "owner": "o", "stages": [{"name": "n", "steps": [step]}]})
        assert not validator.is_valid({"title": "t", "persona": "p", "owner": "o", "last_reviewed": "2026-02-30", "stages": []})


def test_new_files_are_valid_and_point_to_the_schema(project):
    assert run(project, "new", "persona", "carla").returncode == 0
    result = run(project, "new", "journey", "bauantrag", "--team", "bauamt")
    assert result.returncode == 0, result.stderr
    created = project / "journeys" / "bauamt" / "bauantrag.yml"
    first_line = created.read_text(encoding="utf-8").splitlines()[0]
    assert first_line.startswith("# yaml-language-server: $schema=")
    schema_path = (created.parent / first_line.split("$schema=")[1]).resolve()
    assert schema_path.name == "journey.schema.json" and schema_path.is_file()
    assert run(project, "validate").returncode == 0
    assert run(project, "new", "journey", "bauantrag").returncode == 2, "an existing id is not overwritten"


def test_render_prints_mermaid_source(project):
    result = run(project, "render", "journeys/team-a/amt-neu.yml")
    assert result.returncode == 0
    assert result.stdout.splitlines()[:3] == ["journey", "    title Amt#44; neu", "    section Termin"]


def test_summary_shows_diagrams_and_problems_for_a_pull_request(project):
    broken = project / "journeys" / "personas" / "ben.yml"
    broken.write_text("name: Ben\nsegment: donor\nalter: 40\n", encoding="utf-8")
    result = run(project, "summary", "journeys/team-a/amt.yml", "journeys/personas/ben.yml", "docs/x.md")
    assert result.returncode == 1
    out = result.stdout
    assert "```mermaid\njourney\n" in out and "❌ 1 Fehler" in out and "Zeile 3, Spalte 1: Unbekanntes Feld „alter“" in out
    assert "<img" not in out, "data text is escaped for Markdown"


def test_search_index_refuses_a_site_whose_pages_do_not_mark_their_article(project):
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text('<html lang="de"><body><p>Kein Artikel</p></body></html>', encoding="utf-8")
    result = run(project, "search-index", "site")
    assert result.returncode == 1
    assert "Keine Seite markiert ihren Artikel mit data-pagefind-body" in result.stderr and "Traceback" not in result.stderr
