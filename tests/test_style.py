"""The handbook's writing rules that a program can check (see docs/mitmachen/stil.md, which these tests read).

Form of address, one word per concept, German words for schema values, marked examples, varied page openings.
Text in code and in quotation marks is left out where a rule is about the handbook's own voice.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from macros.labels import ENUM_LABELS

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
JOURNEYS = REPO / "journeys"
STYLE_PAGE = DOCS / "mitmachen" / "stil.md"
RENDERER_SOURCES = sorted((REPO / "macros" / "render").glob("*.py")) + sorted((REPO / "macros" / "schemas").glob("*.json")) + [REPO / "macros" / "freshness.py"]

FENCE = re.compile(r"^([ \t]*)(`{3,}|~{3,}).*?^\1\2[ \t]*$", re.M | re.S)
INLINE_CODE = re.compile(r"`[^`\n]*`")
LINK_TARGET = re.compile(r"\]\([^)\s]*\)")
COMMENT = re.compile(r"<!--.*?-->", re.S)
MACRO = re.compile(r"\{\{.*?\}\}", re.S)
TITLED_BLOCK = re.compile(r'^([ \t]*(?:!!!|\?\?\?\+?|===)[ \t]*[\w-]*)[ \t]*"([^"\n]*)"', re.M)
QUOTED = re.compile(r"„[^“\n]*“|‚[^‘\n]*‘|»[^«\n]*«|\"[^\"\n]*\"")


def pages() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


def prose(text: str) -> str:
    """Markdown without code, link targets, comments and macro calls; block titles become plain text."""
    for pattern in (FENCE, COMMENT, MACRO):
        text = pattern.sub("", text)
    text = TITLED_BLOCK.sub(lambda m: f"{m.group(1)} {m.group(2)}", text)
    return LINK_TARGET.sub("]", INLINE_CODE.sub("", text))


def own_voice(text: str) -> str:
    """Prose without quoted speech: what the handbook says in its own voice."""
    return QUOTED.sub("", prose(text))


def data_texts(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [t for value in node.values() for t in data_texts(value)]
    if isinstance(node, list):
        return [t for item in node for t in data_texts(item)]
    return []


def table_rows(text: str, heading: str) -> list[list[str]]:
    """The body rows of the first table under a level-2 heading, as lists of cell texts."""
    section = text.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows[2:]]


def where(path: Path, text: str, match: re.Match) -> str:
    line = text.count("\n", 0, match.start()) + 1
    return f"{path.relative_to(REPO)}:{line}: „{match.group(0).strip()}“"


# --- form of address ---------------------------------------------------------------------------

PLURAL_VERBS = (
    "habt|seid|wollt|könnt|müsst|dürft|sollt|solltet|werdet|wisst|braucht|macht|nehmt|fragt|sprecht|lernt|arbeitet|"
    "findet|kennt|nutzt|plant|prüft|seht|lest|schreibt|wählt|sammelt|startet|schaut|merkt|wartet|bekommt|gebt|legt|lasst|tut"
)
PLURAL_IMPERATIVES = (
    "Nehmt|Fragt|Sprecht|Macht|Nutzt|Seid|Lasst|Legt|Schreibt|Sammelt|Notiert|Wählt|Plant|Prüft|Formuliert|Beteiligt|"
    "Sorgt|Holt|Setzt|Lest|Sucht|Tragt|Markiert|Kartiert|Arbeitet|Ladet|Besprecht|Überlegt|Haltet|Gebt|Startet|Schaut|"
    "Probiert|Sortiert|Bittet|Achtet|Fangt|Richtet|Stellt|Klärt|Vereinbart|Ladet|Denkt|Bringt|Teilt|Fasst|Übt|Wechselt"
)
IHR_ADDRESS = re.compile(
    rf"\b(?:euch|euer|eure[mnrs]?)\b|\b[Ii]hr (?:{PLURAL_VERBS})\b|\b(?:{PLURAL_VERBS}) ihr\b(?![ \t]+[A-ZÄÖÜ])"
    rf"|(?:^[ \t]*(?:[-*+]|\d+\.)?[ \t]*(?:\[[ xX]\])?|[.!?:])[ \t]*(?:\*\*)?(?:{PLURAL_IMPERATIVES})\b",
    re.M,
)
POLITE = re.compile(r"\b(?:Sie|Ihnen|Ihre?[mnrs]?)\b")
SENTENCE_START = re.compile(r"(?:^|[.!?:;|]|^\s*(?:[-*+]|\d+\.|#+|>|!!!.*|\?\?\?.*|===.*))$")


def polite_address(text: str) -> list[re.Match]:
    """A capitalised „Sie“, „Ihnen“, „Ihr…“ that does not start a sentence is the formal address."""
    found = []
    for match in POLITE.finditer(text):
        before = text[text.rfind("\n", 0, match.start()) + 1 : match.start()]
        before = re.sub(r"[\s*_(\[>\"„‚»\-–—]+$", "", before)
        if not SENTENCE_START.search(before):
            found.append(match)
    return found


def test_readers_are_addressed_with_du():
    problems = []
    for path in pages():
        text = own_voice(path.read_text(encoding="utf-8"))
        problems += [where(path, text, m) + " – Anrede mit „ihr“" for m in IHR_ADDRESS.finditer(text)]
        problems += [where(path, text, m) + " – „Sie“ außerhalb wörtlicher Rede" for m in polite_address(text)]
    assert not problems, "Schreib „du“ (siehe docs/mitmachen/stil.md, Anrede):\n" + "\n".join(problems)


@pytest.mark.parametrize(
    ("sentence", "flagged"),
    [
        ("Nehmt euch eine Journey vor.", True),
        ("Wenn ihr wollt, geht es auch.", True),
        ("Sie gibt ihr Bestes und macht ihr Angebot.", False),
        ("Was habt ihr gelernt?", True),
        ("Fragt alle drei Gruppen.", True),
        ("- [ ] Sammelt pro Gruppe eine Falle.", True),
        ("Der Hinweis kam bei ihr erst spät an, ihr Kind wartete.", False),
        ("Sie geht verärgert. Danach ruft sie an.", False),
        ("Wir danken Ihnen für die Geduld.", True),
        ("Der Mitarbeiter sagt: „Wie kann ich Ihnen helfen?“", False),
        ("Dann fragt er, ob Sie warten können.", True),
    ],
)
def test_the_address_check_tells_du_from_ihr_and_sie(sentence, flagged):
    text = own_voice(sentence)
    assert bool(IHR_ADDRESS.search(text) or polite_address(text)) is flagged


# --- one word per concept ----------------------------------------------------------------------

def term_table() -> list[list[str]]:
    rows = table_rows(STYLE_PAGE.read_text(encoding="utf-8"), "Ein Wort pro Begriff")
    assert rows and all(len(row) == 4 for row in rows), "Die Begriffstabelle in stil.md braucht vier Spalten."
    return rows


def forbidden_terms() -> dict[str, re.Pattern]:
    terms = [t.strip() for row in term_table() for t in row[3].split(",") if t.strip()]
    return {term: re.compile(rf"(?<!\w){re.escape(term)}") for term in terms}


def test_one_word_per_concept_in_pages_and_data():
    forbidden = forbidden_terms()
    assert len(forbidden) > 20
    problems = []
    for path in pages():
        if path == STYLE_PAGE:
            continue
        text = prose(path.read_text(encoding="utf-8"))
        for term, pattern in forbidden.items():
            problems += [where(path, text, m) for m in pattern.finditer(text)]
    for path in sorted(JOURNEYS.rglob("*.yml")):
        for value in data_texts(yaml.safe_load(path.read_text(encoding="utf-8"))):
            problems += [f"{path.relative_to(REPO)}: „{term}“ in „{value[:60]}“" for term, pattern in forbidden.items() if pattern.search(value)]
    assert not problems, "Wörter, die stil.md ausschließt (nimm das Wort aus der Spalte „Begriff“):\n" + "\n".join(problems)


def test_the_words_in_the_style_sheet_are_the_words_the_renderers_print():
    printed = "".join(path.read_text(encoding="utf-8") for path in RENDERER_SOURCES)
    missing = [row[2] for row in term_table() if row[2] and f'"{row[2]}' not in printed and f">{row[2]}<" not in printed and f"## {row[2]}" not in printed]
    assert not missing, f"Diese Wörter drucken die Darstellungen nicht (mehr): {missing}. Passe stil.md an die Renderer an."


def test_the_style_sheet_lists_exactly_the_labels_of_the_schema_values():
    rows = table_rows(STYLE_PAGE.read_text(encoding="utf-8"), "Gruppen, Zustände und Themen")
    listed = {(field.strip("`"), value.strip("`")): word for field, value, word in rows}
    expected = {(field, value): word for field, words in ENUM_LABELS.items() for value, word in words.items()}
    assert listed == expected


def test_pages_name_schema_values_with_their_german_word():
    """A table row that names one value of a schema enum (e.g. `obligated`) also shows its word (Pflichtkundschaft)."""
    labels = {value: word for words in ENUM_LABELS.values() for value, word in words.items() if value not in ("status", "current", "target")}
    problems = []
    for path in pages():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.startswith("|"):
                continue
            cells = [c.strip() for c in line.strip("|").split("|")]
            named = [c.strip("`") for c in cells if re.fullmatch(r"`[a-z_]+`", c) and c.strip("`") in labels]
            if len(named) == 1 and labels[named[0]] not in line:
                problems.append(f"{path.relative_to(REPO)}:{number}: `{named[0]}` ohne „{labels[named[0]]}“")
    assert not problems, "\n".join(problems)


# --- examples are marked, page openings vary ---------------------------------------------------

EXAMPLE_BOX = re.compile(r'^[ \t]*(?:!!!|\?\?\?\+?)[ \t]*example\b(?:[ \t]*"([^"\n]*)")?', re.M)


def test_every_story_box_says_where_it_comes_from():
    problems = []
    for path in pages():
        text = path.read_text(encoding="utf-8")
        for match in EXAMPLE_BOX.finditer(text):
            title = match.group(1) or ""
            if not title.startswith(("Aus den Quellen:", "Erfundenes Beispiel:")):
                problems.append(where(path, text, match))
    assert not problems, "Ein Kasten „example“ beginnt mit „Aus den Quellen:“ oder „Erfundenes Beispiel:“:\n" + "\n".join(problems)


FORMULA = re.compile(r"^(?:Diese[rs]? (?:Seite|Abschnitt|Fallgeschichte|Anleitung)|Auf dieser Seite)\b|hilft dir, wenn")


def opening(path: Path) -> str:
    """The first paragraph after the page title."""
    text = path.read_text(encoding="utf-8")
    if text.startswith("---\n"):
        text = text.split("\n---\n", 1)[1]
    body = text.split("\n", 1)[1] if text.lstrip().startswith("# ") else text
    for block in re.split(r"\n\s*\n", body):
        block = block.strip()
        if block and not block.startswith(("#", "!!!", "???", "{{", "<!--", "|", "===", "---")):
            return " ".join(block.split())
    return ""


def test_pages_open_with_their_subject_and_each_in_its_own_words():
    openings = {path: opening(path) for path in pages() if ".snippets" not in path.parts}
    formula = [f"{p.relative_to(REPO)}: {o[:80]}" for p, o in openings.items() if FORMULA.search(o)]
    assert not formula, "Seitenanfang mit Formel (siehe stil.md, Seitenanfänge):\n" + "\n".join(formula)
    first_words: dict[str, list[str]] = {}
    for path, text in openings.items():
        key = " ".join(re.findall(r"\w+", text.lower())[:3])
        first_words.setdefault(key, []).append(str(path.relative_to(REPO)))
    same = {key: paths for key, paths in first_words.items() if len(paths) > 1}
    assert not same, f"Seiten, die mit denselben drei Wörtern beginnen: {same}"
