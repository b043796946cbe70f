"""What counts as naming a statute, for the "Stand" line (front matter or journey field `legal_review`).

A page or journey that names a statute says when its law was checked and for which countries.
One pattern serves the pages' test and the journeys' rule.
"""
from __future__ import annotations

import re
from itertools import groupby

# Abbreviations of laws in DE, AT and CH that the handbook names, e.g. "§ 30 AO", "Art. 13 DSGVO", "BehiG".
LAWS = (
    "AO", "ArG", "ArbZG", "AsylbLG", "AVG", "AZG", "BAO", "BehiG", "BGB", "BGG", "BGStG", "BITV", "BMG",
    "DSG", "DSGVO", "EStDV", "EStG", "OR", "SGB", "VwGO", "VwVfG", "VwVG", "WZG", "ZGB",
)


def _by_first_letter(words) -> str:
    """"A(?:O|rG|…)|B(?:…)": the regex engine then rejects most positions on their first character."""
    groups = groupby(sorted(words), key=lambda w: w[0])
    return "|".join(f"{first}(?:{'|'.join(re.escape(w[1:]) for w in sorted(rest, key=len, reverse=True))})" for first, rest in groups)


# A section or article sign with a number, or one of the laws as a word of its own.
STATUTE = re.compile(rf"§\s?\d|\bArt\.\s?\d|\b(?:{_by_first_letter(LAWS)})\b")


def names_a_statute(text: str) -> bool:
    return STATUTE.search(text) is not None
