"""What counts as naming a statute, for the "Stand" line (docs/mitmachen/stil.md, „Recht nach Land“).

A page or journey that names a statute says when its law was checked and for which countries
(front matter or field `legal_review`). One pattern for the pages' test and the journeys' rule.
"""
from __future__ import annotations

import re

# A section or article sign with a number, or the abbreviation of a law in DE, AT or CH.
STATUTE = re.compile(
    r"§\s?\d|\bArt\.\s?\d|\b(?:BGB|AO|SGB|DSGVO|ArbZG|AZG|ArG|VwGO|VwVfG|BMG|EStDV|EStG|AVG|VwVG|BITV|BGG|WZG|BehiG|BGStG|AsylbLG|OR|ZGB|DSG|BAO)\b"
)


def names_a_statute(text: str) -> bool:
    return bool(STATUTE.search(text))
