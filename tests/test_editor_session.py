"""The editor's engine in CPython: the same messages as `python -m macros validate`, the same HTML as the site."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import strategies as st

from macros import cli
from macros.editor import api
from macros.editor.session import PLAIN_KEYS, EditorError, EditorSession, preview_parts
from macros.editor.yaml_edit import apply
from macros.loader import kind_of
from macros.yamlsource import read_document

from .helpers import property_settings

REPO = Path(__file__).resolve().parent.parent
JOURNEYS = REPO / "journeys"
FILES = {p.relative_to(JOURNEYS).as_posix(): p.read_text(encoding="utf-8") for p in sorted(JOURNEYS.rglob("*.yml"))}
PASSAMT = "buergerservice/passamt-kinderpass.yml"
NAME = "Amira, 34, alleinerziehend"


def _validate(project: Path, capsys, monkeypatch) -> list[str]:
    """What `python -m macros validate` prints for the project, line by line."""
    monkeypatch.chdir(project)
    capsys.readouterr()
    cli.main(["validate"])
    return capsys.readouterr().out.splitlines()


def _as_cli(state: dict) -> list[str]:
    hint = {"error": "", "warning": "Hinweis: "}
    return [f"journeys/{state['path']}:{p['line']}:{p['column']}: {hint[p['severity']]}{p['message']}" for p in state["problems"]]


BROKEN = {
    "emotion out of range": ("emotion: 3", "emotion: 7"),
    "unknown persona": ("persona: amira-alleinerziehend", "persona: amira-alleinerziehnd"),
    "typo in a key": ("touchpoint:", "touchpont:"),
    "syntax": ('owner: "Team Bürgerservice"', 'owner: "Team Bürgerservice'),
    "date that does not exist": ("last_reviewed: 2026-09-15", "last_reviewed: 2026-02-30"),
    "step reference": ("steps: [ohne-plan]", "steps: [ohne-plann]"),
    "published without source": ('evidence: ["Quelle: Fachartikel (Nachschlagen › Quellen)"]', 'evidence: ["Fachartikel"]'),
}


@pytest.fixture(scope="module")
def one_page():
    """One editor page in which a clerk opens one file after another (the others come from its memo)."""
    return EditorSession(FILES)


@pytest.mark.parametrize("change", BROKEN.values(), ids=BROKEN.keys())
def test_problems_are_those_of_validate_for_the_same_content(change, tmp_path, capsys, monkeypatch, one_page):
    old, new = change
    text = FILES[PASSAMT].replace(old, new, 1)
    assert text != FILES[PASSAMT]
    shutil.copytree(JOURNEYS, tmp_path / "journeys")
    (tmp_path / "journeys" / PASSAMT).write_text(text, encoding="utf-8")
    printed = [line for line in _validate(tmp_path, capsys, monkeypatch) if line.startswith(f"journeys/{PASSAMT}:")]
    one_page.open(PASSAMT)
    state = one_page.set_text(text)
    assert printed and _as_cli(state) == printed
    assert state["changed"]


def test_validate_finds_nothing_in_the_repository_either(capsys, monkeypatch):
    assert _validate(REPO, capsys, monkeypatch) == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: Path(p).stem)
def test_every_file_opens_unchanged_without_problems_and_with_a_preview(path, one_page):
    state = one_page.open(path)
    assert state["text"] == FILES[path] and not state["changed"]
    assert state["kind"] == kind_of(Path(path))
    assert state["problems"] == []
    assert state["preview"]["html"]
    assert bool(state["preview"]["mermaid"]) == (state["kind"] == "journey")


def test_problem_paths_point_into_the_document():
    session = EditorSession(FILES)
    session.open(PASSAMT)
    state = session.apply([{"op": "set", "path": ["stages", 0, "steps", 1, "emotion"], "value": 9},
                           {"op": "delete", "path": ["stages", 1, "steps", 0, "action"]}])
    paths = {tuple(p["path"]) for p in state["problems"]}
    assert ("stages", 0, "steps", 1, "emotion") in paths and ("stages", 1, "steps", 0) in paths
    assert state["preview"] is None and state["data"]["stages"][0]["steps"][1]["emotion"] == 9


def test_the_preview_is_the_sites_rendering(repo_site):
    """Each fragment of the preview, rendered for the journey's or persona's own page, is on that page as built."""
    session = EditorSession(FILES)
    for path in FILES:
        state = session.open(path)
        ident = Path(path).stem
        assert "".join(preview_parts(session.catalog, ident, session.today)) == state["preview"]["html"]
        url = f"{'personas' if state['kind'] == 'persona' else 'journeys'}/{ident}/"
        page = (repo_site / url / "index.html").read_text(encoding="utf-8")
        for part in preview_parts(session.catalog, ident, session.today, url):
            assert part in page


def test_an_emotion_moves_the_curve_and_the_steps_are_choices():
    session = EditorSession(FILES)
    before = session.open(PASSAMT)
    after = session.apply([{"op": "set", "path": ["stages", 0, "steps", 1, "emotion"], "value": 1}])
    assert after["preview"]["html"] != before["preview"]["html"]
    changed = [(a, b) for a, b in zip(before["preview"]["mermaid"].splitlines(), after["preview"]["mermaid"].splitlines()) if a != b]
    assert len(changed) == 1 and changed[0][0].endswith(": 3: Amira") and changed[0][1].endswith(": 1: Amira")
    assert after["choices"]["steps"][0] == {"value": "termin-buchen", "label": "1.1 " + after["data"]["stages"][0]["steps"][0]["action"]}
    assert {"value": "amira-alleinerziehend", "label": NAME} in after["choices"]["personas"]
    assert "passamt-kinderpass" not in [c["value"] for c in after["choices"]["journeys"]]


def test_a_new_file_is_the_starter_of_macros_new(tmp_path, monkeypatch):
    shutil.copytree(JOURNEYS, tmp_path / "journeys")
    monkeypatch.chdir(tmp_path)
    for kind, path, args in (("journey", "neu/wohngeld-antrag.yml", ["--team", "neu"]), ("persona", "personas/neue-person.yml", [])):
        assert cli.main(["new", kind, Path(path).stem, *args]) == 0
        written = (tmp_path / "journeys" / path).read_text(encoding="utf-8").splitlines()
        state = EditorSession(FILES).create(kind, path)
        created = state["text"].splitlines()
        assert created[1:] == written[1:]
        assert created[0] == f"# yaml-language-server: $schema=../../macros/schemas/{kind}.schema.json"
        assert state["changed"] is False and not [p for p in state["problems"] if p["severity"] == "error"]


def test_requests_that_do_not_fit_are_refused_in_german():
    session = EditorSession(FILES)
    with pytest.raises(EditorError, match="keine Datei geöffnet"):
        session.set_text("title: x\n")
    with pytest.raises(EditorError, match="gibt es im Katalog nicht"):
        session.open("team/fehlt.yml")
    with pytest.raises(EditorError, match="gibt es schon"):
        session.create("journey", "anderes-team/passamt-kinderpass.yml")
    with pytest.raises(EditorError, match="Personas liegen in personas/"):
        session.create("persona", "team/neue-person.yml")
    session.open(PASSAMT)
    with pytest.raises(EditorError, match="gibt es nicht"):
        session.apply([{"op": "delete", "path": ["stages", 9]}])


def test_hostile_text_stays_literal_in_the_preview():
    hostile = '<script>alert(1)</script> {{ config }} {% raw %} ]]; click A call x() %%{init: {}}%%'
    session = EditorSession(FILES)
    session.open(PASSAMT)
    state = session.apply([{"op": "set", "path": ["stages", 0, "steps", 0, "action"], "value": hostile}])
    assert "<script>" not in state["preview"]["html"] and "{{" not in state["preview"]["html"]
    assert "<script>" not in state["preview"]["mermaid"] and "%%{" not in state["preview"]["mermaid"]
    assert state["data"]["stages"][0]["steps"][0]["action"] == hostile


def test_the_api_speaks_json_strings():
    api.start(json.dumps({"files": FILES}))
    state = json.loads(api.open(PASSAMT))
    assert state["path"] == PASSAMT
    state = json.loads(api.apply(json.dumps([{"op": "set", "path": ["stages", 0, "steps", 1, "emotion"], "value": 2}])))
    assert state["changed"] and state["data"]["stages"][0]["steps"][1]["emotion"] == 2
    assert json.loads(api.set_text(FILES[PASSAMT]))["changed"] is False


def _scalar_paths(text: str) -> list[tuple]:
    doc, _ = read_document("x.yml", text.encode("utf-8"))

    def walk(data, pointer=()):
        if isinstance(data, dict):
            return [p for key, value in data.items() for p in walk(value, pointer + (key,))]
        if isinstance(data, list):
            return [p for index, value in enumerate(data) for p in walk(value, pointer + (index,))]
        return [pointer]

    return walk(doc.data)


scalar_paths = st.sampled_from(sorted(FILES)).flatmap(
    lambda path: st.tuples(st.just(path), st.sampled_from(_scalar_paths(FILES[path])))
)


@property_settings(40, suppress_health_check=[HealthCheck.too_slow])
@given(scalar_paths, st.one_of(st.text(max_size=30), st.integers(0, 9), st.booleans(), st.sampled_from(["2026-01-31", "x # y", "a, b]", "'q'"])))
def test_the_quick_path_for_one_value_gives_the_patchers_text(where, value):
    path, pointer = where
    session = EditorSession(FILES)
    session.open(path)
    op = {"op": "set", "path": list(pointer), "value": value}
    assert session.apply([op])["text"] == apply(FILES[path], [op], PLAIN_KEYS)


def test_ids_and_codes_are_written_plain_and_text_in_quotes():
    session = EditorSession(FILES)
    session.open(PASSAMT)
    state = session.apply([{"op": "insert", "path": ["stages", 0, "steps"], "index": 0, "value": {
        "id": "neu", "action": "warten", "emotion": 2, "confidence": "assumed", "pain_points": [{"text": "lang", "topic": "waiting"}]}}])
    assert '      - id: neu\n        action: "warten"\n        emotion: 2\n        confidence: assumed\n' in state["text"]
    assert '          - text: "lang"\n            topic: waiting\n' in state["text"]


@property_settings(60, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(FILES)), st.data())
def test_whatever_is_typed_the_engine_answers_with_a_state_or_a_german_refusal(path, data):
    """A half-typed file never breaks the engine: every text gives a state, every operation a state or EditorError."""
    text = FILES[path]
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 40)))
    typed = text[:start] + data.draw(st.text(st.sampled_from(':-"\' #[]{}|>&*!\n\t abc12'), max_size=8)) + text[end:]
    session = EditorSession(FILES)
    session.open(path)
    state = session.set_text(typed)
    assert state["text"] == typed and isinstance(state["problems"], list)
    assert state["data"] is None or isinstance(state["data"], dict)
    assert state["preview"] is None or state["preview"]["html"]
    if state["data"] is None:
        assert [p for p in state["problems"] if p["severity"] == "error"]
    try:
        session.apply([{"op": "set", "path": ["title"], "value": "Neu"}])
    except EditorError as refusal:
        assert str(refusal)
