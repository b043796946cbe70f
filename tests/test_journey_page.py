"""The journey page as a map people work with, in real Chromium: 1280 px, 360 px, paper, both schemes."""
from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from macros.loader import load_catalog
from macros.render.compare import comparison_pairs

from .helpers import FIXTURES, PageWatch, pages_of, serious_violations, wait_for_diagrams

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True}
# The printable area of A4 landscape with print.css's 10 mm margins, in CSS pixels (96 per inch).
A4_LANDSCAPE_AREA = {"width": round(277 * 96 / 25.4), "height": round(190 * 96 / 25.4)}
A4_PORTRAIT_AREA = {"width": round(186 * 96 / 25.4), "height": round(269 * 96 / 25.4)}  # 14 mm × 12 mm margins
A4_LANDSCAPE_POINTS, A3_LANDSCAPE_POINTS = (842, 595), (1191, 842)


@pytest.fixture(scope="module")
def journey_ids(handbook):
    return sorted(handbook.journeys)


@pytest.fixture(scope="module")
def comparison_ids(handbook):
    return sorted(comparison_pairs(handbook))


def squeezed(text: str) -> str:
    """Text without white space: paper and SVG break lines wherever they like."""
    return re.sub(r"\s+", "", text)


def open_page(browser, server: str, path: str, **options) -> PageWatch:
    watch = PageWatch(browser, server, **options)
    watch.goto(server + path)
    wait_for_diagrams(watch)
    return watch


CENTRES = """
() => {
  const centre = el => { const r = el.getBoundingClientRect(); return r.left + r.width / 2; };
  const heads = [...document.querySelectorAll('.kw-journey-map table.kw-map th.kw-step')];
  const dots = [...document.querySelectorAll('.kw-journey-map table.kw-map .kw-dot')];
  return {heads: heads.map(centre), dots: dots.map(centre)};
}
"""


def test_journey_page_uses_the_whole_width_for_one_table_whose_lane_headers_stay_in_view(handbook, browser, repo_server):
    journey = handbook.journeys["passamt-kinderpass"]
    watch = open_page(browser, repo_server, "journeys/passamt-kinderpass/", viewport=DESKTOP)
    page = watch.page
    assert page.locator(".md-sidebar--primary").is_hidden() and page.locator(".md-sidebar--secondary").is_hidden()
    assert page.locator("article").bounding_box()["width"] > 1150
    table = page.locator(".kw-journey-map table.kw-map")
    assert table.locator("caption").inner_text().startswith("Journey Map:")
    assert table.locator("thead th[scope=colgroup]").count() == len(journey.stages)
    assert table.locator("thead th[scope=col]").count() == len(journey.steps)
    lanes = table.locator("tbody th[scope=row]").all_inner_texts()
    assert {"Handlung", "Beteiligte", "Berührungspunkt", "Kanal", "Schmerzpunkte", "Chancen", "Moment der Wahrheit"} <= set(lanes)
    assert any(lane.endswith("Gefühl") for lane in lanes)
    region = page.locator(".kw-journey-map .kw-map-scroll")
    assert region.get_attribute("role") == "region" and region.get_attribute("tabindex") == "0"
    assert "seitlich scrollbar" in region.get_attribute("aria-label")
    assert page.locator(f"#{region.get_attribute('aria-describedby')}").is_visible(), "the hint says it scrolls"
    region.focus()
    for _ in range(12):
        page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.querySelector('.kw-journey-map .kw-map-scroll').scrollLeft > 100", timeout=5_000)
    page.wait_for_timeout(300)  # let smooth scrolling come to rest
    first = table.locator("tbody th[scope=row]").first.bounding_box()
    assert abs(first["x"] - region.bounding_box()["x"]) <= 1.5, "the lane headers stay in view"
    assert watch.errors == [] and watch.foreign == []
    watch.close()


DRAWN_ROWS = "() => [...document.querySelectorAll('.kw-journey-diagram div.mermaid')].filter(d => d.shadowRoot?.querySelector('svg')).length"


def test_the_diagram_below_the_map_draws_when_it_comes_near_the_screen(browser, repo_server):
    """Mermaid is fetched and run only once the reader scrolls towards the diagram, not while the page loads."""
    watch = PageWatch(browser, repo_server, **PHONE)
    watch.goto(repo_server + "journeys/passamt-kinderpass/")
    page = watch.page
    page.wait_for_load_state("networkidle")
    assert page.locator(".kw-journey-diagram pre.mermaid").count() > 0 and page.evaluate(DRAWN_ROWS) == 0
    assert not [url for url in watch.requests if "vendor/mermaid" in url], "Mermaid stays unloaded below the fold"
    page.locator(".kw-journey-diagram").scroll_into_view_if_needed()
    page.wait_for_function(f"() => ({DRAWN_ROWS})() > 0", timeout=15_000)
    assert watch.errors == [] and watch.foreign == []
    watch.close()


def test_printing_draws_every_diagram_first(browser, repo_server):
    watch = PageWatch(browser, repo_server, **PHONE)
    watch.goto(repo_server + "journeys/passamt-kinderpass/")
    rows = watch.page.locator(".kw-journey-diagram pre.mermaid").count()
    assert rows > 0 and watch.page.evaluate(DRAWN_ROWS) == 0
    watch.page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")  # what the browser does before printing
    watch.page.wait_for_function(f"() => ({DRAWN_ROWS})() === {rows}", timeout=15_000)
    watch.close()


@pytest.mark.parametrize("media", ["screen", "print"])
def test_every_curve_point_sits_centred_over_its_step_column(handbook, journey_ids, browser, repo_server, media):
    watch = PageWatch(browser, repo_server, viewport=DESKTOP if media == "screen" else A4_LANDSCAPE_AREA)
    watch.page.emulate_media(media=media)
    failures = []
    for journey_id in journey_ids:
        watch.goto(repo_server + f"journeys/{journey_id}/")
        found = watch.page.evaluate(CENTRES)
        assert len(found["heads"]) == len(found["dots"]) == len(handbook.journeys[journey_id].steps)
        failures += [f"{journey_id} step {i + 1}: {d - h:+.1f}px" for i, (h, d) in enumerate(zip(found["heads"], found["dots"])) if abs(d - h) > 2]
    watch.close()
    assert failures == []


def test_the_mermaid_diagram_wraps_by_stage_and_fits_the_width(journey_ids, browser, repo_server):
    watch = PageWatch(browser, repo_server, viewport=DESKTOP)
    for journey_id in journey_ids:
        watch.goto(repo_server + f"journeys/{journey_id}/")
        wait_for_diagrams(watch)
        rows = watch.page.evaluate(
            """() => [...document.querySelectorAll('.kw-journey-diagram .kw-diagram-row')].map(row => {
                 const svg = row.querySelector('div.mermaid').shadowRoot.querySelector('svg').getBoundingClientRect();
                 const box = row.getBoundingClientRect();
                 return {overflow: row.scrollWidth - row.clientWidth, right: svg.right - box.right, scale: svg.width / row.querySelector('div.mermaid').shadowRoot.querySelector('svg').viewBox.baseVal.width};
               })"""
        )
        assert rows, journey_id
        for row in rows:
            assert row["overflow"] <= 1 and row["right"] <= 1, (journey_id, row)
            assert row["scale"] > 0.75, f"{journey_id}: text stays readable ({row['scale']:.2f})"
    watch.close()


def test_on_a_phone_the_map_is_a_sequence_of_stages_and_steps_without_sideways_scrolling(handbook, journey_ids, browser, repo_server):
    watch = PageWatch(browser, repo_server, **PHONE)
    for journey_id in journey_ids:
        journey = handbook.journeys[journey_id]
        watch.goto(repo_server + f"journeys/{journey_id}/")
        page = watch.page
        assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0, journey_id
        assert page.locator(".kw-journey-map .kw-map-scroll").is_hidden()
        sequence = page.locator(".kw-journey-map .kw-sequence")
        assert sequence.is_visible()
        assert sequence.evaluate("s => s.scrollWidth - s.clientWidth") <= 0
        assert float(sequence.evaluate("s => getComputedStyle(s.querySelector('.kw-seq-action')).fontSize").rstrip("px")) >= 14
        # Stages below the screen are laid out once they come near it (content-visibility), so read each in view.
        shown = ""
        for stage in sequence.locator(".kw-seq-stages > li").all():
            stage.scroll_into_view_if_needed()
            page.wait_for_function("li => li.innerText.trim() !== ''", arg=stage.element_handle(), timeout=5_000)
            shown += squeezed(stage.inner_text())
        for step in journey.steps:
            for text in (step.action, *(p.text for p in step.pain_points), *step.opportunities):
                assert squeezed(text) in shown, (journey_id, text)
        assert page.locator(".kw-seq-stage-name").count() == len(journey.stages)
    watch.close()


OVERFLOW_IN_PRINT = """
() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('article *')]
    .filter(el => el.getBoundingClientRect().right > width + 1 && el.getBoundingClientRect().width > 0)
    .map(el => el.tagName + '.' + el.className);
  const scrolling = [...document.querySelectorAll('article *')]
    .filter(el => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
    .map(el => el.tagName + '.' + el.className);
  return {page: document.documentElement.scrollWidth - width, wide: wide.slice(0, 5), scrolling: scrolling.slice(0, 5)};
}
"""


def printed(page) -> PdfReader:
    return PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))


def page_sizes(reader: PdfReader) -> set[tuple[int, int]]:
    return {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages}


def test_printed_pages_lose_nothing_at_the_right_edge(journey_ids, comparison_ids, browser, repo_site, repo_server):
    """Every page of the handbook on A4, journeys and comparisons on A4 landscape."""
    wide = {f"journeys/{j}/" for j in journey_ids} | {f"journeys/{c}/vergleich/" for c in comparison_ids}
    failures = []
    for area, paths in ((A4_LANDSCAPE_AREA, sorted(wide)), (A4_PORTRAIT_AREA, [p for p in pages_of(repo_site) if p not in wide])):
        watch = PageWatch(browser, repo_server, viewport=area)
        watch.page.emulate_media(media="print")
        for path in paths:
            watch.goto(repo_server + path)
            wait_for_diagrams(watch)
            found = watch.page.evaluate(OVERFLOW_IN_PRINT)
            if found["page"] > 0 or found["wide"] or found["scrolling"]:
                failures.append(f"{path}: {found}")
            if path in wide and page_sizes(printed(watch.page)) != {A4_LANDSCAPE_POINTS}:
                failures.append(f"{path}: not A4 landscape")
        watch.close()
    assert failures == [], "\n".join(failures)


def test_the_printed_pdf_holds_every_action_pain_point_and_opportunity(handbook, journey_ids, browser, repo_server):
    """Read back from the PDF; the stage and step headers repeat on every sheet, so they are taken out first."""
    watch = PageWatch(browser, repo_server, viewport=A4_LANDSCAPE_AREA)
    watch.page.emulate_media(media="print")
    missing = []
    for journey_id in journey_ids:
        journey = handbook.journeys[journey_id]
        watch.goto(repo_server + f"journeys/{journey_id}/")
        wait_for_diagrams(watch)
        header = squeezed(watch.page.inner_text(".kw-journey-map table.kw-map thead"))
        reader = printed(watch.page)
        text = squeezed("".join(page.extract_text() for page in reader.pages))
        repeats = text.count(header)
        text = text.replace(header, "")
        if repeats < 2 and len(reader.pages) > 3:
            missing.append(f"{journey_id}: the map's headers do not repeat on its sheets ({repeats}×)")
        for step in journey.steps:
            for item in (step.action, *(p.text for p in step.pain_points), *step.opportunities):
                if squeezed(item) not in text:
                    missing.append(f"{journey_id}: {item}")
    watch.close()
    assert missing == [], "\n".join(missing)


def test_the_poster_link_turns_the_page_into_one_a3_landscape_sheet(handbook, journey_ids, browser, repo_server):
    watch = PageWatch(browser, repo_server, viewport=DESKTOP)
    watch.goto(repo_server + "journeys/passamt-kinderpass/")
    watch.page.click("text=Workshop-Poster")
    assert watch.page.locator("article h1").is_hidden() and watch.page.locator(".kw-blueprint").is_hidden()
    assert watch.page.locator("#poster-passamt-kinderpass").is_visible()
    failures = []
    for journey_id in journey_ids:
        watch.goto(repo_server + f"journeys/{journey_id}/#poster-{journey_id}")
        watch.page.wait_for_selector(".kw-journey-map[data-poster-font]", state="attached")  # journey-map.js fitted the type
        reader = printed(watch.page)
        if len(reader.pages) != 1 or page_sizes(reader) != {A3_LANDSCAPE_POINTS}:
            failures.append(f"{journey_id}: {len(reader.pages)} sheets, {page_sizes(reader)}")
        text = squeezed(reader.pages[0].extract_text())
        journey = handbook.journeys[journey_id]
        failures += [f"{journey_id}: {s.action}" for s in journey.steps if squeezed(s.action) not in text]
        if squeezed(journey.title) not in text or "Blueprint" in text:
            failures.append(f"{journey_id}: the sheet holds the map with its head, nothing else")
    watch.close()
    assert failures == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_journey_comparison_and_poster_views_are_accessible(comparison_ids, browser, repo_server, scheme):
    failures = []
    for options in ({"viewport": DESKTOP}, PHONE):
        watch = PageWatch(browser, repo_server, color_scheme=scheme, **options)
        for path in ("journeys/passamt-kinderpass/", f"journeys/{comparison_ids[0]}/vergleich/", "journeys/passamt-kinderpass/#poster-passamt-kinderpass"):
            watch.goto(repo_server + path)
            wait_for_diagrams(watch)
            failures += [f"{path} {options.get('viewport')}: {v}" for v in serious_violations(watch.page)]
            failures += [f"{path}: {e}" for e in watch.errors + watch.foreign]
        watch.close()
    assert failures == []


def test_blueprint_text_stays_inside_its_boxes(journey_ids, browser, repo_server):
    watch = PageWatch(browser, repo_server, viewport=DESKTOP)
    outside = []
    for journey_id in journey_ids:
        watch.goto(repo_server + f"journeys/{journey_id}/")
        outside += watch.page.evaluate(
            """id => [...document.querySelectorAll('.kw-blueprint-svg text.kw-bp-text')].flatMap(text => {
                 const box = text.previousElementSibling.getBBox();
                 return [...text.children].filter(line => line.getStartPositionOfChar(0).x + line.getComputedTextLength() > box.x + box.width)
                   .map(line => id + ': ' + line.textContent);
               })""",
            journey_id,
        )
    watch.close()
    assert outside == []


# axe does not measure text inside SVG: each text's colour against what lies under it (a box, or the page).
SVG_TEXT_CONTRAST = """
() => {
  const parse = s => { const m = (s.match(/[\\d.]+/g) || []).map(Number); return {rgb: m.slice(0, 3), a: m.length > 3 ? m[3] : (s.startsWith('rgb') ? 1 : 0)}; };
  const over = (top, bottom) => top.rgb.map((v, i) => v * top.a + bottom[i] * (1 - top.a));
  const lum = c => { const [r, g, b] = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const pageColour = el => { for (; el; el = el.parentElement) { const c = parse(getComputedStyle(el).backgroundColor); if (c.a > 0) return c.rgb; } return [255, 255, 255]; };
  const out = [];
  document.querySelectorAll('article svg:not(.kw-face):not(.kw-curve-segment) text').forEach(t => {
    t.scrollIntoView({block: 'center', inline: 'center'});  // elementsFromPoint sees only the viewport
    const box = t.getBoundingClientRect();
    if (!box.width) return;
    const svg = t.ownerSVGElement;
    let ground = pageColour(svg.parentElement);
    const under = document.elementsFromPoint(box.left + box.width / 2, box.top + box.height / 2)
      .find(el => el.tagName === 'rect' && el.ownerSVGElement === svg && parse(getComputedStyle(el).fill).a > 0);
    if (under) ground = over(parse(getComputedStyle(under).fill), ground);
    const colour = over(parse(getComputedStyle(t).fill), ground);
    const [hi, lo] = [Math.max(lum(colour), lum(ground)), Math.min(lum(colour), lum(ground))];
    out.push({text: t.textContent.slice(0, 40), ratio: (hi + 0.05) / (lo + 0.05)});
  });
  return out;
}
"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_inside_the_svg_drawings_keeps_aa_contrast(comparison_ids, browser, repo_server, scheme):
    watch = PageWatch(browser, repo_server, color_scheme=scheme, viewport={"width": 2400, "height": 1200})
    measured = []
    for path in ("journeys/passamt-kinderpass/", f"journeys/{comparison_ids[0]}/vergleich/"):
        watch.goto(repo_server + path)
        measured += watch.page.evaluate(SVG_TEXT_CONTRAST)
    watch.close()
    assert len(measured) > 30, "blueprint and comparison chart were measured"
    assert [m for m in measured if m["ratio"] < 4.5] == []


def test_untrusted_text_stays_literal_on_map_comparison_and_poster(browser, tricky_server):
    catalog, _ = load_catalog(FIXTURES / "valid" / "journeys")
    journey = catalog.journeys["amt"]
    for path in ("journeys/amt/", "journeys/amt/vergleich/", "journeys/amt/#poster-amt"):
        watch = PageWatch(browser, tricky_server, viewport=DESKTOP)
        watch.context.add_init_script("window.alert = (m) => { throw new Error('alert ran: ' + m); };")
        watch.goto(tricky_server + path)
        wait_for_diagrams(watch)
        page = watch.page
        assert watch.errors == [] and watch.foreign == [], (path, watch.errors)
        assert page.locator("img[src=x]").count() == 0 and page.locator("article b, article i").count() == 0
        assert page.evaluate("() => [...document.scripts].some(s => s.textContent.includes('alert(2)'))") is False
        body = page.inner_text("article")
        for step in journey.steps:
            assert " ".join(step.action.split()) in body, (path, step.action)
        watch.close()
    watch = open_page(browser, tricky_server, "journeys/amt/", viewport=DESKTOP)
    body = watch.page.inner_text("article")
    assert "Formular <b>verlinken</b> {{ 7*7 }}" in body and "Fachverfahren </svg><script>alert(2)</script>" in body
    svg_text = " ".join(watch.page.locator(".kw-blueprint-svg text").all_text_contents())
    assert squeezed("Fachverfahren </svg><script>alert(2)</script>") in squeezed(svg_text)
    watch.close()
