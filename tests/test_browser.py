"""What readers see, in real Chromium: every page of the built handbook, served on 127.0.0.1."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from macros.loader import load_catalog

from .helpers import DIAGRAM_STATE, FIXTURES, REPO, PageWatch, edit_link, pages_of, serious_violations, wait_for_diagrams

pytestmark = pytest.mark.browser


def visit(browser, origin: str, path: str, **options) -> PageWatch:
    watch = PageWatch(browser, origin, **options)
    watch.goto(origin + path.lstrip("/"))
    wait_for_diagrams(watch)
    return watch


def representative(pages: list[str]) -> list[str]:
    """One page per folder and depth: every template (section index, page, journey, persona) in the dark scheme."""
    seen, chosen = set(), []
    for path in pages:
        kind = (path.split("/")[0], path.count("/"))
        if kind not in seen:
            seen.add(kind)
            chosen.append(path)
    return chosen


def test_every_page_is_private_error_free_accessible_and_renders_its_diagrams(browser, repo_site, repo_server):
    pages = pages_of(repo_site)
    catalog, _ = load_catalog(REPO / "journeys")
    assert len(pages) >= 30 + len(catalog.journeys) + len(catalog.personas)
    failures = []
    light = PageWatch(browser, repo_server, color_scheme="light")
    for path in pages:
        light.goto(repo_server + path)
        wait_for_diagrams(light)
        diagrams = light.page.evaluate(DIAGRAM_STATE)
        problems = {
            "external requests": light.foreign,
            "page errors": light.errors,
            "diagrams not ok": [d["state"] for d in diagrams if d["state"] != "ok"],
            "Mermaid loaded without a diagram": not diagrams and [u for u in light.requests if "mermaid" in u],
            "axe": serious_violations(light.page),
        }
        failures += [f"{path} [light] {name}: {value}" for name, value in problems.items() if value]
    light.close()
    dark = PageWatch(browser, repo_server, color_scheme="dark")
    for path in representative(pages):
        dark.goto(repo_server + path)
        wait_for_diagrams(dark)
        failures += [f"{path} [dark] axe: {v}" for v in serious_violations(dark.page)]
    dark.close()
    assert not failures, "\n".join(failures)


def test_journey_page_shows_every_step_in_its_diagram(browser, repo_server):
    catalog, _ = load_catalog(REPO / "journeys")
    for journey in catalog.journeys.values():
        watch = visit(browser, repo_server, f"journeys/{journey.id}/")
        svg_text = " ".join(d["text"] for d in watch.page.evaluate(DIAGRAM_STATE))
        missing = [s.action for s in journey.steps if " ".join(s.action.split()) not in svg_text]
        assert not missing, f"{journey.id}: {missing}"
        watch.close()


def test_untrusted_text_appears_literally_and_never_runs(browser, tricky_server):
    catalog, _ = load_catalog(FIXTURES / "valid" / "journeys")
    journey = catalog.journeys["amt"]
    watch = visit(browser, tricky_server, "journeys/amt/")
    page = watch.page
    assert watch.errors == [] and watch.foreign == []
    diagrams = page.evaluate(DIAGRAM_STATE)
    assert [d["state"] for d in diagrams] == ["ok"]
    svg_text = diagrams[0]["text"]
    body_text = page.inner_text("article")
    for step in journey.steps:
        flat = " ".join(step.action.split())
        assert flat in svg_text, flat
        assert flat in body_text, flat
    assert journey.title in page.title()
    assert journey.title in page.inner_text("h1")
    assert "مرحبا بالعالم – 😀 Emoji" in body_text
    assert page.locator("img[src=x]").count() == 0 and page.locator("article b").count() == 0
    watch.close()
    persona = visit(browser, tricky_server, "personas/mira/")
    assert "Mira <b>&amp;</b> {{ 7*7 }}" in persona.page.inner_text("h1")
    assert 'Zweiter Absatz: <script>alert("x")</script>' in persona.page.inner_text("article")
    assert persona.errors == []
    persona.close()


def test_catalog_filters_and_sorts(browser, tricky_server):
    watch = visit(browser, tricky_server, "journeys/")
    page = watch.page
    rows = page.locator(".kw-catalog-table tbody tr")
    assert rows.count() == 2
    page.fill("[data-filter-text]", "neu")
    expect(page.locator(".kw-count")).to_have_text("1 von 2 Journeys")
    assert page.locator(".kw-catalog-table tbody tr:not([hidden])").count() == 1
    page.fill("[data-filter-text]", "")
    expect(page.locator(".kw-count")).to_have_text("2 Journeys")
    page.click("th:nth-child(4) button")
    expect(page.locator("th:nth-child(4)")).to_have_attribute("aria-sort", "ascending")
    first = page.inner_text(".kw-catalog-table tbody tr:first-child td:nth-child(4)")
    page.click("th:nth-child(4) button")
    expect(page.locator(".kw-catalog-table tbody tr:first-child td:nth-child(4)")).not_to_have_text(first)
    assert page.get_attribute("th:nth-child(4)", "aria-sort") == "descending"
    watch.close()


def test_phone_width_has_no_sideways_scrolling_of_the_page(browser, tricky_server):
    watch = visit(browser, tricky_server, "journeys/amt/", viewport={"width": 360, "height": 740}, is_mobile=True)
    overflow = watch.page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"page is {overflow}px wider than the phone"
    watch.close()


def test_generated_pages_edit_their_yaml_source(repo_site):
    """Zensical's pages say the same: `test_portability.py`."""
    catalog, _ = load_catalog(REPO / "journeys")
    journey = next(iter(catalog.journeys.values()))
    persona = next(iter(catalog.personas.values()))
    page = (repo_site / "journeys" / journey.id / "index.html").read_text(encoding="utf-8")
    assert edit_link(page).endswith("/edit/main/journeys/" + journey.source)
    page = (repo_site / "personas" / persona.id / "index.html").read_text(encoding="utf-8")
    assert edit_link(page).endswith("/edit/main/journeys/" + persona.source)
    handbook = (repo_site / "grundlagen" / "index.html").read_text(encoding="utf-8")
    assert edit_link(handbook).endswith("/edit/main/docs/grundlagen/index.md")


CONTRAST_OF_TEXT_ON_PAGE = """
() => {
  const rgb = s => (s.match(/[\\d.]+/g) || [0, 0, 0]).slice(0, 3).map(Number);
  const lum = c => { const [r, g, b] = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const page = lum(rgb(getComputedStyle(document.body).backgroundColor));
  const out = [];
  document.querySelectorAll('div.mermaid').forEach(d => {
    d.shadowRoot.querySelectorAll('svg > text, text.legend, .cluster-label span').forEach(t => {
      const style = getComputedStyle(t);
      const colour = lum(rgb(t.tagName === 'text' ? style.fill : style.color));
      const [hi, lo] = [Math.max(colour, page), Math.min(colour, page)];
      out.push({text: t.textContent.slice(0, 30), ratio: (hi + 0.05) / (lo + 0.05)});
    });
  });
  return out;
}
"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_diagram_text_on_the_page_background_is_readable(browser, repo_server, scheme):
    """axe does not measure SVG text; titles, legends and group labels sit on the page background."""
    catalog, _ = load_catalog(REPO / "journeys")
    journey = next(iter(catalog.journeys))
    watch = PageWatch(browser, repo_server, color_scheme=scheme)
    measured = []
    for path in (f"journeys/{journey}/", "personas/"):
        watch.goto(repo_server + path)
        wait_for_diagrams(watch)
        measured += watch.page.evaluate(CONTRAST_OF_TEXT_ON_PAGE)
    watch.close()
    assert measured, "no diagram text found"
    assert [m for m in measured if m["ratio"] < 4.5] == []
