"""The view across journeys, computed on real fixture files at fixed dates."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import sys
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from macros import freshness, portfolio
from macros.loader import load_catalog
from macros.render import review
from macros.render.escape import csv_text
from macros.render.export import IMPROVEMENT_COLUMNS, STEP_COLUMNS, open_data
from macros.today import today

from .helpers import Ran, property_settings, run_cli

ROOT = Path(__file__).resolve().parent / "fixtures" / "portfolio" / "journeys"
DAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def catalog():
    """The portfolio fixtures, loaded once for this module."""
    loaded, _ = load_catalog(ROOT, today=DAY)
    return loaded


def test_fixture_is_valid():
    _, problems = load_catalog(ROOT, today=DAY)
    assert [p for p in problems if p.is_error] == []


@pytest.mark.parametrize(
    ("last", "months", "on", "status", "due"),
    [
        ("", 12, DAY, "never", None),
        ("2025-11-01", 12, DAY, "overdue", "2026-11-01"),
        ("2025-11-23", 12, DAY, "due_soon", "2026-11-23"),  # due today: not yet overdue
        ("2025-12-23", 12, DAY, "due_soon", "2026-12-23"),  # exactly 30 days ahead
        ("2025-12-24", 12, DAY, "current", "2026-12-24"),
        ("2026-01-31", 1, DAY, "overdue", "2026-02-28"),  # month end, no 31 February
        ("2024-02-29", 12, DAY, "overdue", "2025-02-28"),
    ],
)
def test_review_status_against_one_today(last, months, on, status, due):
    state = freshness.review(last, months, on)
    assert state.status == status
    assert (state.due.isoformat() if state.due else None) == due


def test_today_comes_from_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2030, 5, 6, 23, 59, tzinfo=dt.timezone.utc).timestamp())))
    assert today() == dt.date(2030, 5, 6)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert today() == dt.date.today()


def test_reviews_worst_first(catalog):
    found = [(r.item.id, r.review.status) for r in portfolio.reviews(catalog, DAY)]
    assert found[:2] == [("antrag", "overdue"), ("bo", "never")]
    assert ("spende", "due_soon") in found and ("cy", "current") in found


def test_overdue_improvements_and_counts_per_owner(catalog):
    items = portfolio.backlog(catalog, DAY)
    assert [(i.improvement.action[:10], i.overdue) for i in items] == [
        ("=HYPERLINK", True), ("Formular v", True), ("Rückruf an", False), ("Hotline ve", False),
    ], "overdue first, by due date; done last"
    assert [n for n, _ in items[1].steps] == [2, 1], "steps it addresses, by id, in the order named"
    owners = {o.owner: (o.counts, o.overdue) for o in portfolio.per_owner(items)}
    assert owners["Leitung"] == ({"open": 1, "in_progress": 0, "done": 1}, 0)
    assert owners["Team A"][1] == 1 and owners["Team B"][1] == 1


def test_pain_hotspots_group_topics_and_texts_across_journeys_but_not_plans(catalog):
    spots = {(h.label, h.by_topic): h for h in portfolio.pain_hotspots(catalog)}
    assert set(spots) == {("Wartezeit", True), ("Formular ist unverständlich", False)}
    text = spots[("Formular ist unverständlich", False)]
    assert {j.id for j in text.journeys} == {"antrag", "spende"}, "the target journey's same text does not count"
    assert text.teams == {"Team A", "Team B"}


def test_lowest_moments_moments_of_truth_and_averages(catalog):
    assert [(r.journey.id, r.number) for r in portfolio.lowest_moments(catalog)][:3] == [("antrag", 2), ("spende", 2), ("antrag", 1)]
    assert [r.step.action for r in portfolio.moments_of_truth(catalog)] == ["Formular ausfüllen", "Erhält Dank per Post"]
    channels = {a.label: (a.steps, round(a.emotion, 2)) for a in portfolio.average_emotion(catalog, "channel")}
    assert channels == {"Post": (3, 2.0), "Website": (2, 3.0)}, "channel names match regardless of case; plans excluded"


def test_gaps_and_evidence_backing(catalog):
    assert portfolio.segments_without_journeys(catalog) == ["volunteer", "internal", "external", "obligated"]
    assert [p.id for p in portfolio.personas_without_journeys(catalog)] == ["cy"]
    backing = {b.journey.id: b for b in portfolio.backing(catalog)}
    assert (backing["antrag"].with_evidence, backing["antrag"].assumed, backing["antrag"].steps) == (1, 1, 3)
    assert backing["spende"].with_evidence == 1, "evidence on a pain point backs its step"
    assert backing["antrag-soll"].planned == 1


def test_review_report_groups_by_owner_in_every_format(catalog):
    items = review.due_items(catalog, DAY, "journeys")
    text = review.as_text(items)
    assert text.splitlines()[0] == "Team B (3)" and "Team A (2)" in text.splitlines()
    assert "Journey „Antrag stellen“: Überprüfung überfällig, fällig seit 1.11.2026 – journeys/team-a/antrag.yml:5" in text
    assert "Maßnahme „Formular vereinfachen“ in „Antrag stellen“: überfällig seit 31.3.2026 (läuft)" in text
    assert review.due_items(catalog, DAY, "journeys", owner="leitung") == []
    markdown = review.as_markdown(items, DAY)
    assert "### Team A (2)" in markdown and '\\=HYPERLINK\\(\\"http\\:' in markdown
    annotations = review.as_annotations(items).splitlines()
    assert annotations[0].startswith("::notice file=journeys/team-a/antrag.yml,line=5,col=1::")
    assert review.as_text([]) == review.NOTHING_DUE


def test_review_report_says_what_changed_in_a_due_journey_since_its_review(catalog):
    from dataclasses import replace

    from macros.journey_diff import diff

    before = catalog.journeys["antrag"]
    step = before.stages[0].steps[0]
    after = replace(before, stages=(replace(before.stages[0], steps=(replace(step, emotion=1 if step.emotion != 1 else 5), *before.stages[0].steps[1:])),
                                    *before.stages[1:]))
    items = review.due_items(catalog, DAY, "journeys", since_review={"antrag": tuple(diff(before, after, DAY))})
    line = next(line for line in review.as_text(items).splitlines() if "Journey „Antrag stellen“" in line)
    assert "; seit der letzten Überprüfung geändert: Gefühl bei 1 Schritt" in line


def run(*args: str, cwd: Path, env: dict[str, str]) -> Ran:
    """`python -m macros ARGS` in process, with `env` added to the environment."""
    return run_cli(*args, cwd=cwd, **env)


@pytest.fixture
def project(tmp_path) -> Path:
    import shutil

    shutil.copytree(ROOT, tmp_path / "journeys")
    return tmp_path


def test_review_command_is_a_report_that_exits_0(project):
    env = dict(SOURCE_DATE_EPOCH=str(int(dt.datetime(2026, 11, 23, tzinfo=dt.timezone.utc).timestamp())))
    result = run("review", "--owner", "team b", cwd=project, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "Team B (3)"
    result = run("review", "--format", "github", cwd=project, env=env)
    assert result.returncode == 0 and result.stdout.startswith("::notice file=journeys/")
    late = dict(env, SOURCE_DATE_EPOCH="0")
    result = run("review", cwd=project, env=late)
    assert result.returncode == 0 and "Die Daten haben Fehler" in result.stderr, "reviews after 1970 lie in the future then"


FAKE_GH = '''"""Stands in for GitHub's gh CLI, which cannot reach GitHub here: keeps issues in a JSON file."""
import json, os, sys
state_path = os.environ["FAKE_GH_STATE"]
state = json.load(open(state_path)) if os.path.exists(state_path) else {"issues": [], "calls": []}
args = sys.argv[1:]
state["calls"].append(args)
def option(name):
    return args[args.index(name) + 1]
if args[:2] == ["issue", "list"]:
    print(json.dumps([{"number": i["number"], "title": i["title"]} for i in state["issues"] if i["state"] == "open"]))
elif args[:2] == ["issue", "create"]:
    number = len(state["issues"]) + 1
    state["issues"].append({"number": number, "title": option("--title"), "body": open(option("--body-file")).read(), "state": "open"})
    print(f"https://github.com/o/r/issues/{number}")
elif args[:2] == ["issue", "edit"]:
    state["issues"][int(args[2]) - 1]["body"] = open(option("--body-file")).read()
elif args[:2] == ["issue", "close"]:
    state["issues"][int(args[2]) - 1].update(state="closed", comment=option("--comment"))
json.dump(state, open(state_path, "w"))
'''


def test_review_issue_is_created_updated_and_closed(project, tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "gh").write_text(f"#!{sys.executable} -S\n{FAKE_GH}", encoding="utf-8")  # no shim, no site-packages
    (bin_dir / "gh").chmod(0o755)
    state = tmp_path / "gh.json"
    env = dict(PATH=f"{bin_dir}:{os.environ['PATH']}", FAKE_GH_STATE=str(state),
               SOURCE_DATE_EPOCH=str(int(dt.datetime(2026, 11, 23, tzinfo=dt.timezone.utc).timestamp())))

    def issues():
        return json.loads(state.read_text())["issues"]

    assert run("review-issue", cwd=project, env=env).returncode == 0
    (issue,) = issues()
    assert issue["title"] == "Fällige Überprüfungen" and issue["state"] == "open" and "### Team A" in issue["body"]
    target = project / "journeys" / "team-a" / "antrag.yml"
    target.write_text(target.read_text(encoding="utf-8").replace("status: in_progress", "status: done"), encoding="utf-8")
    result = run("review-issue", cwd=project, env=env)
    assert result.returncode == 0 and "aktualisiert" in result.stdout
    assert len(issues()) == 1 and "Formular vereinfachen" not in issues()[0]["body"]
    for path in (project / "journeys").rglob("*.yml"):  # everything reviewed and done: nothing due
        text = path.read_text(encoding="utf-8").replace("status: open", "status: done").replace("status: in_progress", "status: done")
        text = "\n".join(line for line in text.splitlines() if not line.startswith(("last_reviewed:", "review_interval:")))
        path.write_text(text + "\nlast_reviewed: 2026-11-20\n", encoding="utf-8")
    result = run("review-issue", cwd=project, env=env)
    assert result.returncode == 0, result.stderr
    assert issues()[0]["state"] == "closed" and issues()[0]["comment"] == review.NOTHING_DUE
    assert run("review-issue", cwd=project, env=env).stdout.startswith("Nichts fällig, kein offenes Issue.")


def test_open_data_follows_the_published_schema_and_opens_in_german_spreadsheets(catalog):
    files = {f.path: f.content for f in open_data(catalog, DAY)}
    journeys = json.loads(files["api/journeys.json"])
    schema = json.loads(files["api/schema/journey.schema.json"])
    assert journeys["schema_version"] == schema["x-version"] and journeys["count"] == 3
    for entry in journeys["journeys"]:
        jsonschema.validate(entry["data"], schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    antrag = next(e for e in journeys["journeys"] if e["id"] == "antrag")
    assert (antrag["review_status"], antrag["improvements_overdue"], antrag["lowest_emotion"]) == ("overdue", 1, 1)
    personas = json.loads(files["api/personas.json"])
    persona_schema = json.loads(files["api/schema/persona.schema.json"])
    for entry in personas["personas"]:
        jsonschema.validate(entry["data"], persona_schema)
    raw = files["api/journeys.csv"]
    assert raw.startswith("\ufeff".encode()), "UTF-8 with byte order mark: umlauts survive in German Excel"
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [c.name for c in STEP_COLUMNS] and len(rows) == 1 + sum(len(j.steps) for j in catalog.journeys.values())
    assert "Formular ausfüllen" in {r[rows[0].index("action")] for r in rows}
    improvements = list(csv.reader(io.StringIO(files["api/massnahmen.csv"].decode("utf-8-sig")), delimiter=";"))
    assert improvements[0] == [c.name for c in IMPROVEMENT_COLUMNS]
    assert any(r[2] == "'=HYPERLINK(\"http://example.org\")" and r[7] == "ja" for r in improvements), "a formula stays text"


@property_settings(100)
@given(st.text())
def test_no_cell_becomes_a_formula(text):
    cell = csv_text(text)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert cell.removeprefix("'") == text if text.startswith(("=", "+", "-", "@", "\t", "\r")) else cell == text
