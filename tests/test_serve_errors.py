"""`make serve` with an error in the data: every page shows it in German, and the site comes back once it is fixed."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from .helpers import run_cli, serious_violations, served_handbook
from .live_serve import LiveServe

JOURNEY = "passamt-kinderpass"
PAGE = f"journeys/{JOURNEY}/"
TITLE = "Pass für ein Kind beantragen – wie es heute läuft"
PERSONA = "persona: amira-alleinerziehend\n"

# With the serve preview tests on one pytest-xdist worker, first (see `work_order` in conftest.py).
pytestmark = pytest.mark.xdist_group("serve")


def validate(project: Path) -> list[str]:
    """The errors `python -m macros validate` names, one line each: `path:line:column: message` (no „Hinweis“)."""
    result = run_cli("validate", cwd=project)
    assert result.returncode == 1, result.stdout + result.stderr
    return [line for line in result.stdout.splitlines() if line.startswith("journeys/") and ": Hinweis: " not in line]


def shown_on_the_page(problem: str) -> str:
    """The page shows `path:line:column: message` as the file, „Zeile …, Spalte …“ and the message, escaped."""
    path, line, column, message = problem.split(":", 3)
    return f"<strong>{path}</strong>, Zeile {line}, Spalte {column}</p><p>{html.escape(message.strip(), quote=False)}</p>"


def test_a_broken_journey_shows_the_error_page_and_the_fixed_one_comes_back(live_handbook):
    project, serve = live_handbook
    source = next((project / "journeys").rglob(f"{JOURNEY}.yml"))
    good = source.read_text(encoding="utf-8")
    title = re.search(r'^title: "(.+)"$', good, re.MULTILINE).group(1)  # another serve test may have changed it
    source.write_text(good + "title: [nicht geschlossen\n", encoding="utf-8")  # YAML that does not parse
    serve.wait_for(PAGE, "Fehler in den Daten", timeout_s=300)
    (problem,) = validate(project)
    for page in (PAGE, "", "journeys/steueramt-vorladung/"):  # every page says it, at its own address
        shown = serve.get(page)
        assert shown_on_the_page(problem) in shown and "So geht es weiter" in shown
        assert "livereload" in shown, "the page reloads by itself once the next build succeeds"

    source.write_text(good.replace(PERSONA, "persona: amira-alleinerziehnd\n"), encoding="utf-8")  # a rule across files
    serve.wait_for(PAGE, "amira-alleinerziehnd", timeout_s=300)
    shown = serve.get(PAGE)
    for problem in validate(project):
        assert shown_on_the_page(problem) in shown

    source.write_text(good, encoding="utf-8")
    serve.wait_for(PAGE, html.escape(title, quote=False), timeout_s=300)
    assert "Fehler in den Daten" not in serve.get("")


@pytest.mark.browser
def test_the_error_page_is_readable_accessible_and_recovers_in_the_browser(tmp_path, browser):
    project = served_handbook(tmp_path / "handbook")
    source = next((project / "journeys").rglob(f"{JOURNEY}.yml"))
    good = source.read_text(encoding="utf-8")
    source.write_text(good.replace(PERSONA, 'persona: "<b>{{ 7 * 7 }}</b>"\n'), encoding="utf-8")  # broken from the start
    serve = LiveServe(project)
    try:
        serve.wait_for(PAGE, "Fehler in den Daten", timeout_s=300)
        failures = []
        for scheme in ("light", "dark"):
            context = browser.new_context(color_scheme=scheme, viewport={"width": 360, "height": 800})
            page = context.new_page()
            foreign = []
            page.on("request", lambda request: foreign.append(request.url) if not request.url.startswith(serve.origin) else None)
            page.goto(serve.origin + PAGE, wait_until="load")
            summary = page.get_by_role("alert")
            assert "journeys/buergerservice/passamt-kinderpass.yml, Zeile 5, Spalte 10" in summary.inner_text()
            assert "„<b>{{ 7 * 7 }}</b>“" in summary.inner_text(), "data text stays literal"
            assert page.evaluate("() => document.documentElement.scrollWidth") <= 360, "readable on a phone"
            failures += [f"{scheme} axe: {v}" for v in serious_violations(page)] + [f"{scheme} request: {u}" for u in foreign]
            if scheme == "dark":
                source.write_text(good, encoding="utf-8")
                page.wait_for_selector(".kw-map", state="attached", timeout=300_000)  # reloaded by itself, no click
                assert page.locator("h1").first.inner_text() == TITLE
            context.close()
        assert not failures, "\n".join(failures)
    finally:
        serve.stop()
