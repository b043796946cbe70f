"""The header search (Pagefind) as readers use it, in real Chromium, on real builds."""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from macros.loader import load_catalog

from .helpers import FIXTURES, REPO, PageWatch, make_project, serious_violations

pytestmark = pytest.mark.browser

RESULT_LINKS = "els => els.map(e => e.getAttribute('href'))"


def search(watch: PageWatch, query: str) -> list[str]:
    """Open the search with the "/" shortcut, type the query, return the result links."""
    page = watch.page
    page.keyboard.press("/")
    page.wait_for_selector("#kw-search[open]")
    page.fill(".kw-search__input", query)
    page.wait_for_function("q => document.querySelector('.kw-search__status').textContent.trim() !== '' && "
                           "document.querySelector('.kw-search__input').value === q", arg=query, timeout=10_000)
    return page.eval_on_selector_all(".kw-search__link", RESULT_LINKS)


def rarest_pain_point_word(site: Path) -> tuple[str, str]:
    """(journey id, word) for the pain-point word found on the fewest built pages: a search must find its journey."""
    catalog, _ = load_catalog(REPO / "journeys")
    texts = [p.read_text(encoding="utf-8") for p in site.rglob("*.html")]
    candidates = {
        (journey.id, word)
        for journey in catalog.journeys.values()
        for step in journey.steps
        for pain in step.pain_points
        for word in re.findall(r"\w{8,}", pain.text)
    }
    return min(sorted(candidates), key=lambda c: sum(c[1] in text for text in texts))


def test_a_word_from_one_pain_point_finds_its_journey(browser, repo_site, repo_server):
    journey, word = rarest_pain_point_word(repo_site)
    watch = PageWatch(browser, repo_server)
    watch.goto(repo_server)
    assert f"/journeys/{journey}/" in search(watch, word), word
    assert watch.foreign == [] and watch.errors == []
    watch.close()


def test_german_words_are_found_by_their_stem(browser, tricky_server):
    """The fixture journey "amt-neu" says "Wartezeit", never "Wartezeiten"."""
    watch = PageWatch(browser, tricky_server)
    watch.goto(tricky_server + "journeys/amt/")
    assert "/journeys/amt-neu/" in search(watch, "Wartezeiten")
    watch.close()


def test_nothing_is_fetched_for_search_until_it_opens_and_nothing_from_another_host(browser, repo_server):
    watch = PageWatch(browser, repo_server)
    watch.goto(repo_server + "journeys/passamt-kinderpass/")
    watch.page.wait_for_load_state("networkidle")
    assert [u for u in watch.requests if "/pagefind/" in u] == []
    search(watch, "Passamt")
    fetched = [u for u in watch.requests if "/pagefind/" in u]
    assert any(u.endswith("/pagefind/pagefind.js") for u in fetched) and any("/fragment/" in u for u in fetched)
    assert watch.foreign == [] and watch.errors == []
    watch.close()


def test_keyboard_alone_opens_moves_through_results_follows_one_and_closes(browser, repo_server):
    watch = PageWatch(browser, repo_server)
    page = watch.page
    watch.goto(repo_server)
    dialog = page.get_by_role("dialog", name="Handbuch durchsuchen")
    assert not dialog.is_visible()
    page.focus(".kw-search-open")
    page.keyboard.press("Enter")
    assert dialog.is_visible() and page.evaluate("() => document.activeElement.id") == "kw-search-query"
    page.keyboard.type("Passamt")
    page.wait_for_selector(".kw-search__link")
    links = page.eval_on_selector_all(".kw-search__link", RESULT_LINKS)
    assert len(links) >= 2
    focused = "() => document.activeElement.getAttribute('href')"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.evaluate(focused) == links[1]
    page.keyboard.press("ArrowUp")
    assert page.evaluate(focused) == links[0]
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert page.evaluate("() => document.activeElement.className").startswith("md-header__button kw-search-open")
    for key in ("s", "f"):  # Material's other shortcuts
        page.keyboard.press(key)
        assert dialog.is_visible(), key
        page.keyboard.press("Escape")
    page.keyboard.press("/")
    page.keyboard.press("Enter")  # the first result
    page.wait_for_url(re.compile(re.escape(links[0]) + "$"))
    assert watch.errors == []
    watch.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_open_dialog_with_results_is_accessible(browser, repo_server, scheme):
    watch = PageWatch(browser, repo_server, color_scheme=scheme)
    watch.goto(repo_server)
    assert search(watch, "Wartezeiten")
    assert serious_violations(watch.page) == []
    watch.close()


def test_typing_into_a_field_of_the_page_does_not_open_the_search(browser, tricky_server):
    watch = PageWatch(browser, tricky_server)
    watch.goto(tricky_server + "journeys/")
    watch.page.click("article input[type=search]")
    watch.page.keyboard.type("s/f")
    assert watch.page.input_value("article input[type=search]") == "s/f"
    assert not watch.page.get_by_role("dialog").is_visible()
    watch.close()


def test_excerpts_show_data_text_literally(browser, tricky_server):
    """A pain point reads "Zu viel <Text>": it appears as text in the excerpt, and no element comes from it."""
    watch = PageWatch(browser, tricky_server)
    watch.goto(tricky_server)
    assert "/journeys/amt/" in search(watch, "viel")
    excerpts = watch.page.locator(".kw-search__excerpt")
    assert any("Zu viel <Text>" in text for text in excerpts.all_inner_texts())
    assert watch.page.locator(".kw-search__excerpt *:not(mark)").count() == 0
    watch.close()


def test_the_index_holds_the_article_but_not_navigation_or_footer(browser, repo_server):
    watch = PageWatch(browser, repo_server)
    watch.goto(repo_server)
    content = watch.page.evaluate(
        """async () => {
          const pagefind = await import('/pagefind/pagefind.js');
          const found = await pagefind.search('Passamt');
          const pages = await Promise.all(found.results.map(r => r.data()));
          return pages.find(p => p.url === '/journeys/passamt-kinderpass/').content;
        }"""
    )
    assert "Amira hat im Passamt einen Termin" in content
    for outside in ("Feedback zu dieser Seite geben", "Inhalte zur freien Nutzung", "Inhaltsverzeichnis", "Mitwirken"):
        assert outside not in content, outside
    # What every journey page says about itself (legend, scroll hint, poster sheet, editor link) would make a search
    # for "Poster" or "Pfeiltasten" find every journey page, only for its links and hints.
    for boilerplate in ("schlechteste Wert der Journey", "Pfeiltasten", "Poster-Ansicht", "Workshop-Poster", "Im Editor bearbeiten"):
        assert boilerplate not in content, boilerplate
    watch.close()


def test_the_zensical_build_searches_the_same_way(browser, zensical_server):
    watch = PageWatch(browser, zensical_server)
    watch.goto(zensical_server)
    assert "/journeys/passamt-kinderpass/" in search(watch, "Zustimmungen")
    assert watch.foreign == [] and watch.errors == []
    watch.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def fetch(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read()
    except OSError:
        return b""  # between the cleaning of the site folder and the end of the rebuild


def test_mkdocs_serve_searches_the_pages_it_just_rebuilt(browser, tmp_path):
    project = make_project(tmp_path / "p", FIXTURES / "valid" / "journeys", {"index.md": "# Start\n\nEine Seite.\n"})
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("watch:\n  - journeys\n")  # as in the repository's mkdocs.yml
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
        cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    origin = f"http://127.0.0.1:{port}/"
    try:
        wait_for(origin + "pagefind/pagefind.js")
        watch = PageWatch(browser, origin)
        watch.goto(origin)
        assert "/journeys/amt-neu/" in search(watch, "Wartezeiten")
        watch.close()
        entry = fetch(origin + "pagefind/pagefind-entry.json")
        edited = project / "journeys" / "team-a" / "amt-neu.yml"
        edited.write_text(edited.read_text(encoding="utf-8").replace("name: Wartezeit", "name: Bearbeitungsdauer"), encoding="utf-8")
        deadline = time.monotonic() + 60
        while fetch(origin + "pagefind/pagefind-entry.json") in (entry, b"") and time.monotonic() < deadline:
            time.sleep(0.5)
        time.sleep(1)  # live reload reloads open pages once the build is done; open a new one after that
        watch = PageWatch(browser, origin)
        watch.goto(origin)
        assert "/journeys/amt-neu/" in search(watch, "Bearbeitungsdauer")
        watch.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
