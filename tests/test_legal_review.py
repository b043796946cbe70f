"""Pages with legal content say when their law was checked and for which countries (the "Stand" line).

The line comes from the theme (macros/theme/partials/legal-review.html), so every generator that uses the
theme shows it; the second test holds that every page naming a statute carries the front matter.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from macros.legal import names_a_statute

from .helpers import FIXTURES, REPO, build_site, make_project

REVIEWED = """\
---
legal_review:
  checked: 2026-12-07
  countries: [DE, AT, CH]
---
# Widerspruch und Einspruch

Text.
"""

PAGES = {
    "index.md": "# Start\n",
    "journeys/index.md": "# Journeys\n\n{{ journey_catalog() }}\n",
    "recht.md": REVIEWED,
    "nur-schweiz.md": "---\nlegal_review:\n  checked: '2027-03-01'\n  countries: [CH]\n---\n# Einsprache\n",
    "zwei.md": "---\nlegal_review:\n  checked: 2026-01-15\n  countries: [DE, AT]\n---\n# Fristen\n",
    "ohne.md": "# Ohne Recht\n",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("legal") / "p", FIXTURES / "valid" / "journeys", PAGES)
    result = build_site(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def stand_line(site: Path, page: str) -> str | None:
    text = (site / page / "index.html").read_text(encoding="utf-8")
    after_title = text.split("</h1>", 1)[1]
    match = re.match(r'\s*<p class="kw-legal-review">(.*?)</p>', after_title, re.S)
    return " ".join(html.unescape(match.group(1)).split()) if match else None


@pytest.mark.parametrize(
    ("page", "line"),
    [
        ("recht", "Stand: rechtlich geprüft am 7.12.2026 für Deutschland, Österreich und die Schweiz"),
        ("nur-schweiz", "Stand: rechtlich geprüft am 1.3.2027 für die Schweiz"),
        ("zwei", "Stand: rechtlich geprüft am 15.1.2026 für Deutschland und Österreich"),
        ("ohne", None),
        ("journeys/amt", "Stand: rechtlich geprüft am 1.3.2026 für Österreich und die Schweiz"),
        ("journeys/amt-neu", None),
    ],
)
@pytest.mark.build
def test_the_stand_line_sits_under_the_title_with_a_german_date(site, page, line):
    assert stand_line(site, page) == line


def test_the_stand_line_is_printed_too():
    """Print styles hide navigation and links, never the article's Stand line."""
    print_css = (REPO / "docs" / "assets" / "print.css").read_text(encoding="utf-8")
    hidden = re.findall(r"([^{}]+)\{[^}]*display:\s*none", print_css)
    assert hidden and not any("kw-legal-review" in selectors for selectors in hidden)


CODE = re.compile(r"```.*?```|`[^`\n]*`", re.S)


def pages_naming_a_statute() -> list[Path]:
    found = []
    for path in sorted((REPO / "docs").rglob("*.md")):
        if ".snippets" in path.parts:
            continue
        if names_a_statute(CODE.sub("", path.read_text(encoding="utf-8"))):
            found.append(path)
    return found


def front_matter(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text.split("\n---", 1)[0] if text.startswith("---\n") else ""


def test_every_page_that_names_a_statute_says_when_it_was_checked():
    missing = [
        str(path.relative_to(REPO))
        for path in pages_naming_a_statute()
        if not re.search(r"^legal_review:\n  checked: \d{4}-\d{2}-\d{2}\n  countries: \[[A-Z, ]+\]", front_matter(path)[4:], re.M)
    ]
    assert not missing, "Diese Seiten nennen ein Gesetz, aber kein „legal_review“ (Stand der rechtlichen Prüfung):\n" + "\n".join(missing)
