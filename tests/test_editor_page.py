"""The editor page as clerks use it, in real Chromium on the real built site: the form from the schema,
the live preview, the checks, the YAML view, drafts, the handover to GitHub, keyboard only, 1280 and 360 px."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from macros.local_browser import serve

from .helpers import REPO, PageWatch, run_mkdocs, serious_violations

pytestmark = pytest.mark.browser

JOURNEYS = REPO / "journeys"
FILES = sorted(str(p.relative_to(JOURNEYS)) for p in JOURNEYS.rglob("*.yml"))
PASSAMT = "buergerservice/passamt-kinderpass.yml"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True}
READY = "() => document.querySelector('#kw-editor')?.getAttribute('aria-busy') === 'false' && document.querySelector('#kw-form .kw-field')"
GITHUB = "https://github.com/kundenwege/kundenwege/"


def wait_until_idle(page) -> None:
    """The engine has answered every change so far (the page sets aria-busy while it waits)."""
    page.wait_for_function(READY, timeout=60_000)


def open_editor(watch: PageWatch, origin: str, query: str) -> None:
    watch.goto(f"{origin}mitmachen/editor/?{query}")
    watch.page.wait_for_function(READY, timeout=90_000)


def yaml_text(page) -> str:
    return page.locator("#kw-yaml").input_value()


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    old, new = before.split("\n"), after.split("\n")
    assert len(old) == len(new), "the number of lines stays the same"
    return [(a, b) for a, b in zip(old, new) if a != b]


def tab_to(page, selector: str, limit: int = 400) -> None:
    """Press Tab until the focus is on `selector`: proof that the keyboard gets there."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement?.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def focused_id(page) -> str:
    return page.evaluate("() => document.activeElement?.id || ''")


# Each point of the curve sits in its step's cell, as high as the feeling is good.
DOT_TOPS = "() => [...document.querySelectorAll('.kw-editor-preview .kw-dot')].map(d => d.offsetTop)"


@pytest.fixture
def watch(browser, repo_server):
    page = PageWatch(browser, repo_server, viewport=DESKTOP)
    yield page
    page.close()


def test_changing_one_emotion_moves_the_curve_and_changes_exactly_that_line(watch, repo_server):
    open_editor(watch, repo_server, f"datei={PASSAMT}")
    page = watch.page
    before, dots_before = yaml_text(page), page.evaluate(DOT_TOPS)
    assert before == (JOURNEYS / PASSAMT).read_text(encoding="utf-8") and len(dots_before) >= 8
    page.locator("#kw-f-stages-0-steps-0--item > summary").click()
    page.locator("label[for='kw-f-stages-0-steps-0-emotion-1']").click()
    wait_until_idle(page)
    assert changed_lines(before, yaml_text(page)) == [("        emotion: 4", "        emotion: 1")]
    dots_after = page.evaluate(DOT_TOPS)
    assert dots_after[0] > dots_before[0] + 5, "the first point of the curve moved down"
    assert dots_after[1:] == pytest.approx(dots_before[1:], abs=1), "the others stayed"
    assert watch.errors == [] and watch.foreign == []


def test_an_invalid_value_is_named_in_german_at_its_field_and_in_the_summary_with_its_line(watch, repo_server):
    open_editor(watch, repo_server, f"datei={PASSAMT}")
    page = watch.page
    line = next(n for n, text in enumerate(yaml_text(page).split("\n"), 1) if text.strip() == "- id: termin-buchen")
    page.locator("#kw-f-stages-0-steps-0--item > summary").click()
    page.locator("#kw-f-stages-0-steps-0-id").fill("Termin buchen")
    page.keyboard.press("Tab")
    wait_until_idle(page)
    summary = page.locator(".kw-error-summary")
    assert summary.locator("h2").inner_text() == "Es gibt ein Problem"
    at_field = page.locator("[data-path='[\"stages\",0,\"steps\",0,\"id\"]'] .kw-message-error")
    assert at_field.count() == 1 and f"Zeile {line}" in at_field.inner_text()
    message = re.sub(r"^Fehler:\s*", "", at_field.inner_text()).split(" (Zeile")[0]
    assert re.search(r"[äöüß]|Kennung|Kleinbuchstaben|darf|muss", message), message  # German, the validator's words
    link = summary.locator("a").filter(has_text=message)
    assert f"Zeile {line}" in link.inner_text()
    link.click()
    assert focused_id(page) == "kw-f-stages-0-steps-0-id"
    assert page.locator(".kw-stale").is_visible() and "Veraltet" in page.locator(".kw-stale").inner_text()
    assert page.locator(".kw-editor-preview .kw-dot").count() > 0, "the last good preview stays"
    assert watch.errors == [] and watch.foreign == []


def test_a_new_journey_with_two_stages_and_four_steps_made_by_keyboard_alone_passes_validate(watch, repo_server, tmp_path):
    open_editor_new = f"{repo_server}mitmachen/editor/?neu=journey"
    watch.goto(open_editor_new)
    page = watch.page
    page.wait_for_selector("#kw-new-id")
    tab_to(page, "#kw-new-folder")
    page.keyboard.type("buergerservice")
    tab_to(page, "#kw-new-id")
    page.keyboard.type("Wohngeld!")
    page.keyboard.press("Enter")
    assert "Kleinbuchstaben" in page.locator("#kw-new-id-problems").inner_text()
    assert page.locator(".kw-new-file .kw-error-summary").is_visible()
    tab_to(page, "#kw-new-id")
    page.keyboard.press("Control+A")
    page.keyboard.type("wohngeld-antrag")
    page.keyboard.press("Enter")
    page.wait_for_function(READY, timeout=90_000)
    assert "datei=buergerservice%2Fwohngeld-antrag.yml" in page.url or "datei=buergerservice/wohngeld-antrag.yml" in page.url

    texts = iter(["Sucht online, ob ihr Wohngeld zusteht", "Füllt den Antrag am Küchentisch aus"])
    for stage in (0, 1):
        tab_to(page, f"#kw-f-stages-{stage}-steps--add")
        page.keyboard.press("Enter")
        wait_until_idle(page)
        assert focused_id(page) == f"kw-f-stages-{stage}-steps-1-action", "focus moves into the new step"
        page.keyboard.type(next(texts))
        page.keyboard.press("Tab")
        wait_until_idle(page)
    assert "hinzugefügt" in page.locator("#kw-editor-live").inner_text()

    # Reorder by keyboard: the second step of stage 1 moves up, and the focus stays with it.
    tab_to(page, "#kw-f-stages-1-steps-1--up")
    page.keyboard.press("Enter")
    wait_until_idle(page)
    assert focused_id(page) == "kw-f-stages-1-steps-0--down"
    assert "Stelle 1 von 2" in page.locator("#kw-editor-live").inner_text()

    text = yaml_text(page)
    data_stages = re.findall(r"^  - name:", text, flags=re.M)
    assert len(data_stages) == 2 and len(re.findall(r"^      - ", text, flags=re.M)) == 4
    project = tmp_path / "project"
    shutil.copytree(JOURNEYS, project / "journeys")
    (project / "journeys" / "buergerservice" / "wohngeld-antrag.yml").write_text(text, encoding="utf-8")
    checked = subprocess.run([sys.executable, "-m", "macros", "validate"], cwd=project, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert watch.errors == [] and watch.foreign == []


TRICKY = '<img src=x onerror="window.hacked = 1"> {{ 7*7 }} {% raw %} "]:::x %% ;'


def test_data_text_stays_literal_in_the_preview_and_its_diagram(watch, repo_server):
    open_editor(watch, repo_server, f"datei={PASSAMT}")
    page = watch.page
    page.locator("#kw-f-stages-0-steps-0--item > summary").click()
    page.locator("#kw-f-stages-0-steps-0-action").fill(TRICKY)
    page.keyboard.press("Tab")
    wait_until_idle(page)
    preview = page.locator(".kw-editor-preview")
    assert TRICKY in preview.locator(".kw-preview-body").inner_text()
    assert preview.locator("img").count() == 0 and page.evaluate("() => window.hacked") is None
    # Mermaid redraws once typing pauses: wait for the diagram of the new text, not the one drawn before.
    page.wait_for_function(
        "() => document.querySelector('.kw-preview-diagram svg') && document.querySelector('.kw-preview-diagram').innerText.includes('7*7')",
        timeout=30_000,
    )
    assert preview.locator(".kw-preview-diagram img").count() == 0 and page.evaluate("() => window.hacked") is None
    assert watch.errors == [] and watch.foreign == []


def test_every_journey_and_persona_comes_out_byte_identical(watch, repo_server):
    differ = []
    for path in FILES:
        open_editor(watch, repo_server, f"datei={path}")
        if yaml_text(watch.page) != (JOURNEYS / path).read_text(encoding="utf-8"):
            differ.append(path)
        assert watch.page.locator(".kw-editor-draft").is_hidden(), "opening is no change"
        assert watch.errors == [] and watch.foreign == [], path
    assert differ == []


def test_drafts_survive_a_reload_and_discarding_clears_them(watch, repo_server):
    open_editor(watch, repo_server, f"datei={PASSAMT}")
    page = watch.page
    original = yaml_text(page)
    page.locator("#kw-f-title").fill("Pass für ein Kind, neu gedacht")
    page.keyboard.press("Tab")
    wait_until_idle(page)
    edited = yaml_text(page)
    assert edited != original
    page.reload()
    page.wait_for_function(READY, timeout=90_000)
    wait_until_idle(page)
    assert yaml_text(page) == edited
    assert "Entwurf wiederhergestellt" in page.locator(".kw-editor-draft").inner_text()
    page.locator("#kw-discard").click()
    wait_until_idle(page)
    assert yaml_text(page) == original
    page.reload()
    page.wait_for_function(READY, timeout=90_000)
    assert yaml_text(page) == original and page.locator(".kw-editor-draft").is_hidden()


def test_handover_copies_an_edited_file_and_opens_its_edit_page_on_github(browser, repo_server):
    watch = PageWatch(browser, repo_server, viewport=DESKTOP, permissions=["clipboard-read", "clipboard-write"])
    watch.context.route("https://github.com/**", lambda route: route.fulfill(body="<title>GitHub</title>", content_type="text/html"))
    open_editor(watch, repo_server, f"datei={PASSAMT}")
    page = watch.page
    with watch.context.expect_page() as opened:
        page.locator("#kw-handover").click()
    assert opened.value.url == f"{GITHUB}edit/main/journeys/{PASSAMT}"
    page.wait_for_function("() => document.querySelector('#kw-handover-help').textContent.includes('Zwischenablage')")
    assert page.evaluate("() => navigator.clipboard.readText()") == (JOURNEYS / PASSAMT).read_text(encoding="utf-8")
    assert watch.foreign == [], "the editor page itself asks no other host"
    watch.close()


def test_handover_of_a_new_file_fills_in_name_and_content_in_githubs_address(watch, repo_server):
    watch.goto(f"{repo_server}mitmachen/editor/?neu=persona&datei=personas/karla-rentnerin.yml")
    page = watch.page
    page.wait_for_function(READY, timeout=90_000)
    address = urlsplit(page.locator("#kw-handover").get_attribute("href"))
    assert f"{address.scheme}://{address.netloc}{address.path}" == f"{GITHUB}new/main/journeys/personas/"
    query = parse_qs(address.query)
    assert query["filename"] == ["karla-rentnerin.yml"] and query["value"] == [yaml_text(page)]
    assert yaml_text(page).startswith("# yaml-language-server: $schema=../../macros/schemas/persona.schema.json")
    assert unquote(address.query).count("\n") > 3


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_editor_is_axe_clean_and_asks_no_other_host(browser, repo_server, scheme):
    watch = PageWatch(browser, repo_server, viewport=DESKTOP, color_scheme=scheme)
    open_editor(watch, repo_server, f"datei={PASSAMT}")
    page = watch.page
    page.locator("#kw-f-stages-0-steps-0--item > summary").click()
    page.locator("#kw-f-stages-0-steps-0-action").fill("")
    page.keyboard.press("Tab")
    wait_until_idle(page)
    assert page.locator(".kw-error-summary").is_visible()
    ids = page.evaluate("() => [...document.querySelectorAll('[id]')].map(e => e.id)")
    assert sorted({i for i in ids if ids.count(i) > 1}) == [], "every id once, so every label finds its field"
    assert serious_violations(page) == []
    assert watch.foreign == [] and watch.errors == []
    watch.close()


def test_at_360_px_the_form_sits_above_the_preview_and_nothing_scrolls_sideways(browser, repo_server, tmp_path):
    watch = PageWatch(browser, repo_server, **PHONE)
    open_editor(watch, repo_server, f"datei={PASSAMT}")
    page = watch.page
    form, preview = page.locator(".kw-editor-form").bounding_box(), page.locator(".kw-editor-preview").bounding_box()
    assert form["y"] + form["height"] <= preview["y"] + 1
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(tmp_path / "editor-360.png"))
    assert serious_violations(page) == []
    watch.close()


def test_readers_pay_nothing_for_the_editor(watch, repo_server):
    for path in ("journeys/passamt-kinderpass/", "personas/amira-alleinerziehend/", ""):
        watch.goto(repo_server + path)
        watch.page.wait_for_load_state("networkidle")
        loaded = [url for url in watch.requests if "assets/editor/" in url or "vendor/pyodide" in url]
        assert loaded == [], path
    watch.goto(repo_server + "journeys/passamt-kinderpass/")
    link = watch.page.get_by_role("link", name="Im Editor bearbeiten")
    assert link.get_attribute("href") == f"../../mitmachen/editor/?datei={PASSAMT}"


EXTRA_FIELD = {"title": "Wartezeit", "description": "Wie lange die Person hier wartet (Testfeld).", "$ref": "#/$defs/text"}


@pytest.fixture(scope="module")
def extended_server(tmp_path_factory):
    """The handbook built with one more optional step field: a property in the schema and its line in the model
    (what every new field needs, see tests/test_model_schema.py); nothing of the editor changed."""
    project = tmp_path_factory.mktemp("extended")
    for name in ("macros", "docs", "journeys"):
        shutil.copytree(REPO / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    schema_file = project / "macros" / "schemas" / "journey.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    schema["properties"]["stages"]["items"]["properties"]["steps"]["items"]["properties"]["waiting_time"] = EXTRA_FIELD
    schema_file.write_text(json.dumps(schema, ensure_ascii=False, indent=2), encoding="utf-8")
    model_file = project / "macros" / "model.py"
    model = model_file.read_text(encoding="utf-8")
    step_fields = '    moment_of_truth: bool = False\n    evidence: tuple[str, ...] = ()\n    confidence: str = ""\n'
    assert model.count(step_fields) == 1, "the last fields of Step, where the new one goes"
    model_file.write_text(model.replace(step_fields, step_fields + '    waiting_time: str = ""\n'), encoding="utf-8")
    assert "waiting_time" in model_file.read_text(encoding="utf-8")
    result = run_mkdocs(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    server = serve(project / "site")
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_a_new_optional_schema_field_appears_in_the_form_without_a_change_to_the_editor(browser, extended_server):
    watch = PageWatch(browser, extended_server, viewport=DESKTOP)
    open_editor(watch, extended_server, f"datei={PASSAMT}")
    page = watch.page
    page.locator("#kw-f-stages-0-steps-0--item > summary").click()
    field = page.locator("#kw-f-stages-0-steps-0-waiting_time")
    assert page.locator("label[for='kw-f-stages-0-steps-0-waiting_time']").inner_text() == "Wartezeit (freiwillig)"
    field.fill("etwa zehn Minuten")
    page.keyboard.press("Tab")
    wait_until_idle(page)
    assert "waiting_time: etwa zehn Minuten" in yaml_text(page).replace('"', "")
    assert page.locator(".kw-error-summary").count() == 0
    watch.close()
