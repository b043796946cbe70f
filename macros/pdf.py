"""`make pdf`: the built handbook with every journey as one PDF, printed by the Chromium the browser tests use.

Each page of the built site is printed with its own print style (A4, journeys
and comparisons A4 landscape, see docs/assets/print.css) and the pages are
joined in reading order: the navigation first, and every page that is not in
the navigation (journeys, comparisons, personas) right after the page it sits
under. Playwright and pypdf come from requirements-test.txt and are imported only here.
"""
from __future__ import annotations

import io
from pathlib import Path

from . import navigation_file
from .local_browser import CHROMIUM_ARGS, OPEN_SHADOW_ROOTS, chromium_path, draw_diagrams, serve

LEFT_OUT = ("assets/", "search/", "404.html")


class PdfError(Exception):
    pass


def site_pages(site: Path) -> list[str]:
    """Every page of the built site as its address relative to the site root ("" for the start page)."""
    pages = []
    for path in site.rglob("index.html"):
        address = path.parent.relative_to(site).as_posix()
        address = "" if address == "." else address + "/"
        if not address.startswith(LEFT_OUT):
            pages.append(address)
    return sorted(pages)


def navigation_order(site: Path) -> list[str]:
    """The pages in the order of the navigation, as the build wrote it (`navigation_file`)."""
    order = navigation_file.read(site)
    if order is None:
        raise PdfError(f"{site}: {navigation_file.NAME} fehlt. Das PDF braucht eine Website aus „make build“ (MkDocs).")
    return order


def reading_order(pages: list[str], navigation: list[str]) -> list[str]:
    """Navigation order; each page outside it follows the closest page above it in the folder tree."""
    known = [p for p in navigation if p in pages]
    children: dict[str, list[str]] = {}
    for page in pages:
        if page in known:
            continue
        parent = max((p for p in pages if p != page and page.startswith(p)), key=len, default="")
        children.setdefault(parent, []).append(page)

    ordered: list[str] = []

    def visit(page: str) -> None:
        ordered.append(page)
        for child in children.get(page, []):
            visit(child)

    for page in known:
        visit(page)
    return ordered + [p for p in pages if p not in ordered]


def write_pdf(site: Path, out: Path) -> int:
    """Print every page of `site` into one PDF at `out` with the system Chromium; returns the number of pages printed."""
    from playwright.sync_api import sync_playwright

    if not (site / "index.html").exists():
        raise PdfError(f"{site}: keine gebaute Website gefunden. Zuerst „make build“.")
    navigation_order(site)  # before Chromium starts
    with sync_playwright() as playwright:
        executable = chromium_path()
        if executable is None:
            raise PdfError("Für das PDF braucht es Chromium (Debian/Ubuntu: apt-get install chromium) oder KUNDENWEGE_CHROMIUM=/pfad.")
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            return print_site(browser, site, out)
        finally:
            browser.close()


def print_site(browser, site: Path, out: Path) -> int:
    """Print every page of `site` with a running Playwright `browser` and join the sheets, one bookmark per page."""
    from pypdf import PdfReader, PdfWriter

    order = reading_order(site_pages(site), navigation_order(site))
    server = serve(site)
    origin = f"http://127.0.0.1:{server.server_address[1]}/"
    writer = PdfWriter()
    context = browser.new_context(color_scheme="light")
    try:
        context.add_init_script(OPEN_SHADOW_ROOTS)
        page = context.new_page()
        for address in order:
            page.goto(origin + address, wait_until="load")
            draw_diagrams(page)
            title = page.evaluate("() => (document.querySelector('article h1') || document).textContent.trim()")
            printed = page.pdf(prefer_css_page_size=True, print_background=True)
            writer.append(PdfReader(io.BytesIO(printed)), outline_item=title or address or "Start")
    finally:
        context.close()
        server.shutdown()
    writer.add_metadata({"/Title": "Kundenwege – Handbuch mit allen Journeys"})
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as handle:
        writer.write(handle)
    return len(order)
