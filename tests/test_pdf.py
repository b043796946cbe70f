"""`make pdf`: the order of the pages, and one real PDF of a small handbook printed by Chromium."""
from __future__ import annotations

import pytest
from pypdf import PdfReader

from macros.loader import load_catalog
from macros.pdf import navigation_order, print_site, reading_order, site_pages
from macros.render.compare import comparison_pairs

from .helpers import FIXTURES


def test_pages_follow_the_navigation_and_generated_pages_follow_the_page_above_them(repo_site, handbook):
    order = reading_order(site_pages(repo_site), navigation_order(repo_site))
    assert sorted(order) == site_pages(repo_site) and len(set(order)) == len(order), "every page once"
    assert order[0] == "" and order.index("grundlagen/") < order.index("praxis/") < order.index("referenz/")
    catalog = handbook
    start, end = order.index("journeys/"), order.index("personas/")
    assert {f"journeys/{j}/" for j in catalog.journeys} <= set(order[start:end]), "journeys right after their catalog"
    for current in comparison_pairs(catalog):
        assert order.index(f"journeys/{current}/vergleich/") == order.index(f"journeys/{current}/") + 1
    assert {f"personas/{p}/" for p in catalog.personas} <= set(order[end:]), "personas after theirs"


@pytest.mark.browser
def test_the_whole_handbook_becomes_one_pdf_with_a_bookmark_per_page(browser, tricky_site, tmp_path):
    out = tmp_path / "handbuch.pdf"
    count = print_site(browser, tricky_site, out)
    reader = PdfReader(out)
    assert count == len(site_pages(tricky_site)) and len(reader.outline) == count
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages}
    assert sizes == {(595, 842), (842, 595)}, "A4 for the handbook, A4 landscape for journeys and comparisons"
    text = "".join(page.extract_text() for page in reader.pages)
    catalog, _ = load_catalog(FIXTURES / "valid" / "journeys")
    for journey in catalog.journeys.values():
        assert " ".join(journey.title.split()) in " ".join(text.split())
    assert "Ist und Soll" in text
