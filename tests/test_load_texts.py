"""Loading from contents in memory (`load_texts`) is the same loader as loading from the folder."""
from __future__ import annotations

from pathlib import Path

from macros.model import load_catalog, load_texts
from macros.problems import errors

REPO = Path(__file__).resolve().parent.parent
JOURNEYS = REPO / "journeys"


def test_the_repository_from_a_mapping_is_the_repository_from_the_folder():
    texts = {p.relative_to(JOURNEYS).as_posix(): p.read_bytes() for p in sorted(JOURNEYS.rglob("*.yml"))}
    from_folder = load_catalog(JOURNEYS)
    from_texts = load_texts(texts)
    assert from_texts == from_folder
    assert [j.source for j in from_texts[0].journeys.values()] == [j.source for j in from_folder[0].journeys.values()]


def test_the_same_problems_with_the_same_positions(tmp_path):
    texts = {
        "personas/mira.yml": "name: Mira\nsegment: obligated\n",
        "team/pass.yml": "title: Pass\npersona: mirra\nowner: Team A\nstages:\n  - name: Termin\n    steps:\n      - action: Termin\n        emotion: 9\n",
        "team/amt.yml": "title: Amt\npersona: mirra\nowner: Team A\nstages:\n  - name: Termin\n    steps:\n      - action: Termin\n        emotion: 2\n",
        "team/Falsch.yml": "title: x\n",
    }
    for source, text in texts.items():
        (tmp_path / "journeys" / source).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "journeys" / source).write_text(text, encoding="utf-8")
    assert load_texts(texts) == load_catalog(tmp_path / "journeys")
    assert load_texts(texts, only={"team/amt.yml"}) == load_catalog(tmp_path / "journeys", [tmp_path / "journeys/team/amt.yml"])


def test_a_mapping_alone_no_file_on_disk():
    texts = {
        "personas/mira.yml": b"name: Mira\nsegment: obligated\n",
        "team/pass.yml": "title: Pass\npersona: mira\nowner: Team A\nstages:\n  - name: Termin\n    steps:\n      - action: Termin buchen\n        emotion: 3\n",
        "team/kaputt.yml": "title: [\n",
    }
    catalog, problems = load_texts(texts, label="alt")
    assert catalog.journeys["pass"].steps[0].action == "Termin buchen"
    assert catalog.journeys["pass"].source == "team/pass.yml"
    assert catalog.personas["mira"].name == "Mira"
    assert [p.path for p in errors(problems)] == ["alt/team/kaputt.yml"]


def test_only_loads_the_named_sources_and_still_knows_the_others():
    texts = {"personas/mira.yml": "nicht: [gültig", "team/pass.yml": "title: Pass\npersona: mira\nowner: Team A\nstages:\n  - name: T\n    steps:\n      - action: A\n        emotion: 3\n"}
    catalog, problems = load_texts(texts, only={"team/pass.yml"})
    assert list(catalog.journeys) == ["pass"] and not catalog.personas
    assert errors(problems) == []
