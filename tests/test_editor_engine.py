"""The editor's engine in Chromium: Pyodide runs the project's Python and gives the same state as CPython.

The page here is a handbook page as deep as the editor page (`mitmachen/<page>/`), so links in the
preview come out the same; the engine is imported the way the editor page imports it.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from macros.editor.session import EditorSession

from .conftest import PageWatch

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
FILES = {p.relative_to(REPO / "journeys").as_posix(): p.read_text(encoding="utf-8") for p in sorted((REPO / "journeys").rglob("*.yml"))}
PASSAMT = "buergerservice/passamt-kinderpass.yml"
EMOTION = ["stages", 0, "steps", 1, "emotion"]
HOSTILE = '<img src=x onerror="window.hacked=1"><script>window.hacked=1</script> {{ config }} {% if %} ]]:::x %%{init: {}}%% click A call alert()'
LOAD_MS = 180_000  # Pyodide's first start on a busy machine

START = """async () => {
  const { startEngine } = await import("../../assets/editor/engine.mjs");
  window.progress = [];
  window.engine = await startEngine({ base: "../../", onProgress: (fraction, text) => window.progress.push([fraction, text]) });
  return window.progress;
}"""


@pytest.fixture(scope="module")
def editor(browser, repo_server):
    watch = PageWatch(browser, repo_server)
    watch.goto(repo_server + "mitmachen/stil/")
    watch.page.set_default_timeout(LOAD_MS)
    progress = watch.page.evaluate(START)
    yield watch, progress
    watch.close()


def _call(watch: PageWatch, method: str, *args):
    return watch.page.evaluate(f"(args) => window.engine.{method}(...args)", list(args))


def test_the_engine_loads_with_progress_and_asks_no_other_host(editor):
    watch, progress = editor
    assert [text for _, text in progress][:2] == ["Lade Python …", "Lade Prüfregeln …"] and progress[-1][0] == 1
    loaded = [url for url in watch.requests if "/assets/vendor/pyodide/" in url or "/assets/editor/" in url]
    assert any(url.endswith("pyodide.asm.wasm") for url in loaded) and any(url.endswith("kundenwege-py.zip") for url in loaded)
    assert watch.foreign == [] and watch.errors == []


def test_the_state_in_the_browser_is_the_state_in_cpython(editor):
    watch, _ = editor
    session = EditorSession(FILES)
    assert _call(watch, "open", PASSAMT) == session.open(PASSAMT)
    ops = [{"op": "set", "path": EMOTION, "value": 1}, {"op": "delete", "path": ["stages", 0, "steps", 0, "actors"]}]
    in_browser = _call(watch, "apply", ops)
    assert in_browser == session.apply(ops)
    assert in_browser["preview"]["html"] and in_browser["changed"]
    broken = _call(watch, "setText", FILES[PASSAMT].replace("emotion: 4", "emotion: 9", 1))
    assert broken["preview"] is None and broken["problems"][0]["message"].startswith("„emotion“ muss eine ganze Zahl von 1 bis 5 sein")
    assert watch.foreign == []


def test_a_request_that_does_not_fit_is_refused_with_a_german_message(editor):
    watch, _ = editor
    message = watch.page.evaluate("() => window.engine.open('team/gibt-es-nicht.yml').then(() => 'angenommen', (e) => e.message)")
    assert message == "Die Datei „team/gibt-es-nicht.yml“ gibt es im Katalog nicht."


def test_data_text_stays_literal_in_the_preview(editor):
    """Whatever a step's text holds, the preview shows it as text: nothing runs, no template or diagram syntax acts."""
    watch, _ = editor
    _call(watch, "open", PASSAMT)
    state = _call(watch, "apply", [{"op": "set", "path": ["stages", 0, "steps", 0, "action"], "value": HOSTILE}])
    shown = watch.page.evaluate(
        """(html) => { const box = document.createElement('div'); box.innerHTML = html; document.body.append(box);
                       return box.querySelector('.kw-journey-map').textContent; }""",
        state["preview"]["html"],
    )
    watch.page.wait_for_timeout(200)
    assert HOSTILE in shown
    assert watch.page.evaluate("() => window.hacked") is None
    assert json.dumps(HOSTILE)[1:-1] not in state["preview"]["mermaid"] and "%%{" not in state["preview"]["mermaid"]
