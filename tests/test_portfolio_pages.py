"""Einblicke, Maßnahmen and the catalog as readers use them: built from real files at a fixed date, in Chromium."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from playwright.sync_api import expect

from macros.local_browser import serve

from .helpers import PageWatch, build_site, make_project, serious_violations

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent / "fixtures" / "portfolio" / "journeys"
EPOCH = str(int(dt.datetime(2026, 11, 23, tzinfo=dt.timezone.utc).timestamp()))
PAGES = {
    "index.md": "# Start\n",
    "journeys/index.md": "# Journeys\n\n{{ journey_catalog() }}\n",
    "journeys/massnahmen.md": "# Maßnahmen\n\n{{ improvement_summary() }}\n\n{{ improvement_owners() }}\n\n{{ improvement_backlog() }}\n",
    "journeys/einblicke.md": "# Einblicke\n\n"
    + "\n\n".join(
        f"{{{{ {name}() }}}}"
        for name in ("pain_hotspots", "lowest_moments", "moments_of_truth", "emotion_by_channel", "emotion_by_stage",
                     "coverage_gaps", "overdue_reviews", "evidence_backing")
    ),
}


@pytest.fixture(scope="module")
def origin(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("portfolio"), ROOT, PAGES)
    result = build_site(project, project / "site", SOURCE_DATE_EPOCH=EPOCH)
    assert result.returncode == 0, result.stderr
    server = serve(project / "site")
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def visible_rows(page, table: str) -> int:
    return page.locator(f"{table} tbody tr:not([hidden])").count()


def test_backlog_filters_by_owner_status_and_overdue(browser, origin):
    watch = PageWatch(browser, origin)
    watch.goto(origin + "journeys/massnahmen/")
    page = watch.page
    assert "4 Maßnahmen: 2 geplant, 1 läuft, 1 erledigt. 2 überfällig." in page.inner_text(".kw-summary")
    table = ".kw-backlog-table"
    assert visible_rows(page, table) == 4
    assert page.locator(f"{table} tbody tr").first.inner_text().count("überfällig") == 1
    count = page.locator(".kw-filterable .kw-count")
    page.check("[data-filter=overdue]")
    expect(count).to_have_text("2 von 4 Maßnahmen")
    assert visible_rows(page, table) == 2
    page.select_option("[data-filter=owner]", label="Team A")
    expect(count).to_have_text("1 von 4 Maßnahmen")
    assert visible_rows(page, table) == 1
    page.uncheck("[data-filter=overdue]")
    page.select_option("[data-filter=owner]", label="Leitung")
    page.select_option("[data-filter=status]", label="erledigt")
    expect(count).to_have_text("1 von 4 Maßnahmen")
    assert page.locator(f"{table} tbody tr:not([hidden]) td").first.inner_text() == "Hotline verstärken"
    link = page.locator(f"{table} tbody tr td a").first
    assert link.get_attribute("href").endswith("/journeys/antrag/"), "links from the data file work on this page"
    page.keyboard.press("Tab")
    assert watch.errors == [] and watch.foreign == []
    watch.close()


def test_catalog_filters_and_sorts_by_review_status(browser, origin):
    watch = PageWatch(browser, origin)
    watch.goto(origin + "journeys/")
    page = watch.page
    table = ".kw-catalog-table"
    page.select_option("[data-filter=review]", label="Überprüfung überfällig")
    expect(page.locator(".kw-count")).to_have_text("1 von 3 Journeys")
    assert visible_rows(page, table) == 1
    assert "fällig seit 1.11.2026" in page.inner_text(f"{table} tbody tr:not([hidden])")
    page.select_option("[data-filter=review]", value="")
    page.click("th:nth-child(6) button")
    expect(page.locator(f"{table} tbody tr:first-child td:nth-child(6)")).to_contain_text("Überprüfung überfällig")
    watch.close()


def test_portfolio_pages_fit_a_phone_and_pass_axe(browser, origin):
    for scheme in ("light", "dark"):
        watch = PageWatch(browser, origin, viewport={"width": 360, "height": 740}, is_mobile=True, color_scheme=scheme)
        for path in ("journeys/", "journeys/massnahmen/", "journeys/einblicke/"):
            watch.goto(origin + path)
            overflow = watch.page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{path}: {overflow}px wider than the phone"
            assert serious_violations(watch.page) == [], (path, scheme)
        watch.close()


def test_insights_show_their_numbers_in_text(browser, origin):
    watch = PageWatch(browser, origin)
    watch.goto(origin + "journeys/einblicke/")
    text = watch.page.inner_text("article")
    assert "Formular ist unverständlich (gleicher Text)" in text and "Wartezeit (Thema)" in text
    assert "2 Momente der Wahrheit in 2 Journeys" in text
    assert "Gruppen ohne Journey: Ehrenamtliche, Interne Kundschaft, Externe Kundschaft, Pflichtkundschaft." in text
    assert "Personas ohne Journey: Cy." in text
    assert "Überprüfung überfällig (fällig seit 1.11.2026)" in text
    assert watch.page.locator(".kw-bar[aria-hidden=true]").count() > 0, "bars only repeat numbers written beside them"
    watch.close()


@pytest.fixture(scope="module")
def big_origin(tmp_path_factory):
    """120 journeys with 360 improvements: more rows than one page holds."""
    from .bench import write_data

    journeys = tmp_path_factory.mktemp("many-journeys") / "journeys"
    (journeys / "personas").mkdir(parents=True)
    write_data(journeys / "teams", 120)
    for path in journeys.rglob("*.yml"):  # the bench writes its schema line for another depth
        path.write_text(path.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    project = make_project(tmp_path_factory.mktemp("big"), journeys, {**PAGES, "index.md": "# Start\n"})
    result = build_site(project, project / "site", SOURCE_DATE_EPOCH=EPOCH)
    assert result.returncode == 0, result.stderr
    server = serve(project / "site")
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_long_tables_are_pages_without_script_and_searchable_whole_with_it(browser, big_origin):
    plain = PageWatch(browser, big_origin, java_script_enabled=False)
    plain.goto(big_origin + "journeys/")
    assert plain.page.locator(".kw-catalog-table tbody tr").count() == 50
    assert plain.page.inner_text(".kw-pages").startswith("Seite 1 von 3")
    plain.page.click(".kw-pages a:text-is('3')")
    assert plain.page.url.endswith("/journeys/katalog/3/") and plain.page.locator(".kw-catalog-table tbody tr").count() == 20
    plain.goto(big_origin + "journeys/massnahmen/")
    assert plain.page.inner_text(".kw-pages").startswith("Seite 1 von 8")
    plain.close()
    watch = PageWatch(browser, big_origin)
    watch.goto(big_origin + "journeys/")
    last = "Journey 119"
    watch.page.fill("[data-filter-text]", last)
    expect(watch.page.locator(".kw-count")).to_have_text("1 von 120 Journeys")
    assert last in watch.page.inner_text(".kw-catalog-table tbody") and watch.page.locator(".kw-pages").is_hidden()
    watch.page.fill("[data-filter-text]", "")
    expect(watch.page.locator(".kw-count")).to_have_text("120 Journeys")
    watch.page.click(".kw-more-rows button")
    assert watch.page.locator(".kw-catalog-table tbody tr").count() == 100
    assert watch.errors == [] and watch.foreign == []
    watch.close()
