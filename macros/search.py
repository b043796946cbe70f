"""Full-text search: Pagefind indexes the finished HTML, whatever generator wrote it.

The index is split into small chunks, and the browser fetches only the chunks
a query needs, so reading a page costs nothing until someone searches and the
cost does not grow with the number of journeys. Pagefind stems words by the
page language (`<html lang="de">`), so "Wartezeiten" finds "Wartezeit".

What is indexed: the article of every page that marks it with
`data-pagefind-body` (the theme's `main.html`), without diagrams (their text
is in the journey map as well), heading anchors and the edit button.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pagefind_bin

BUNDLE_DIR = "pagefind"
EXCLUDED = ("[data-search-exclude]", ".headerlink", ".md-content__button")


class SearchIndexError(Exception):
    pass


def index_site(site: Path) -> str:
    """Write the search bundle into `site/pagefind/`; returns what was indexed, in German."""
    shutil.rmtree(site / BUNDLE_DIR, ignore_errors=True)  # Pagefind adds to an old bundle instead of replacing it
    command = [
        str(pagefind_bin.get_executable()),
        "--site", str(site),
        "--output-subdir", BUNDLE_DIR,
        "--exclude-selectors", ", ".join(EXCLUDED),
    ]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError(f"Der Suchindex ließ sich nicht erstellen:\n{result.stdout}{result.stderr}")
    if "Did not find a data-pagefind-body element" in result.stdout:
        raise SearchIndexError(
            f"{site}: Keine Seite markiert ihren Artikel mit data-pagefind-body (macros/theme/main.html); "
            "ohne diese Markierung landeten Navigation und Fußzeile im Suchindex."
        )
    counts = {kind.rstrip("s"): int(number) for number, kind in re.findall(r"Indexed (\d+) (pages?|words?)", result.stdout)}
    return f"{counts.get('page', 0)} Seiten, {counts.get('word', 0)} Wörter"
