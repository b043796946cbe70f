"""Renderers on the real fixture files, and property tests that any text comes out literally."""
from __future__ import annotations

import datetime as dt
import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from markdown_it import MarkdownIt

from macros.loader import load_catalog
from macros.render.catalog import journey_catalog
from macros.render.persona_blocks import persona_card
from macros.render.journey_map import map_table
from macros.render.curve import emotion_curve
from macros.render.escape import flat, html_text, markdown_text, mermaid_block, mermaid_text
from macros.render.mermaid import journey_diagram, persona_journeys_diagram
from macros.render.context import RenderContext
from macros.render.fragments import UnknownReference, check_reference, expand
from macros.render.pages import journey_page, persona_page
from macros.render.schema_doc import schema_reference

from .helpers import any_text, property_settings

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "valid" / "journeys"
DAY = dt.date(2026, 11, 23)
TODAY = dt.date(2026, 6, 1)

ENTITY = re.compile(r"#(\d+);")
# What Mermaid's parsers treat as syntax somewhere; none may reach them raw.
MERMAID_SYNTAX = set(':;#%"\'<>{}[]()|`,=&\\/*+@$^~\t\n\r')


def mermaid_decode(text: str) -> str:
    """What Mermaid shows for a label: entity codes back to characters."""
    return ENTITY.sub(lambda m: chr(int(m.group(1))), text)


def shown(text: str) -> str:
    """What a Mermaid label shows: the text on one line; invisible-only text is drawn as a dash."""
    return flat(text) or "–"


def links(fragment: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', fragment)


def href(target: str) -> str:
    return "../../" + target


class TextCollector(HTMLParser):
    """Collects text and tag names, to check that data never becomes markup."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def parse(fragment: str) -> TextCollector:
    collector = TextCollector()
    collector.feed(fragment)
    return collector


@pytest.fixture(scope="module")
def amt(fixture_catalog):
    return fixture_catalog.journeys["amt"]


def test_fixtures_are_valid():
    """Valid, not exemplary: the fixtures keep loose data (no confidence, a pain point at emotion 5) that renderers must handle."""
    _, problems = load_catalog(FIXTURES, today=DAY)
    assert [p for p in problems if p.is_error] == []


def test_journey_diagram_has_a_section_per_stage_and_a_task_per_step(amt):
    source = journey_diagram(amt)
    lines = source.splitlines()
    assert lines[0] == "journey"
    sections = [line for line in lines if line.startswith("    section ")]
    tasks = [line for line in lines if line.startswith("      ")]
    assert len(sections) == len(amt.stages) and len(tasks) == len(amt.steps)
    first = tasks[0].strip()
    label, score, actors = first.split(": ")
    assert mermaid_decode(label) == "title Formular finden: 'Seite 2' | `code` %%{init: {}}%%"
    assert score == "2"
    assert [mermaid_decode(a) for a in actors.split(", ")] == ["Bürgerin, müde", "Amt & Co"]
    assert tasks[2].strip().endswith(": 4"), "a step without actors has no trailing actor list"


def test_persona_diagram_links_personas_to_their_journeys(fixture_catalog):
    source = persona_journeys_diagram(fixture_catalog)
    assert source.startswith("flowchart LR")
    assert source.count("-->") == len(fixture_catalog.journeys)
    assert "Pflichtkundschaft" in mermaid_decode(source)


def test_persona_diagram_counts_instead_of_drawing_hundreds_of_journeys(fixture_catalog, monkeypatch):
    import macros.render.mermaid as module

    monkeypatch.setattr(module, "MAX_JOURNEY_NODES", 1)
    source = persona_journeys_diagram(fixture_catalog)
    assert '["2 Journeys"]' in source and "Amt" not in mermaid_decode(source)


def test_grid_has_stages_as_column_groups_and_aspects_as_rows(fixture_catalog, amt):
    table = map_table(amt, TODAY)
    assert table.count('scope="colgroup"') == len(amt.stages)
    assert table.count('<th scope="col" class="kw-step') == len(amt.steps)
    lanes = re.findall(r'<th scope="row">(?:<span[^>]*>.*?</span>)*([^<]+)</th>', table)
    assert lanes == [
        "Phase", "Schritt", "Handlung", "Beteiligte", "Berührungspunkt", "Kanal", "Gefühl", "Schmerzpunkte", "Chancen",
        "Moment der Wahrheit", "Hinter den Kulissen", "Unterstützende Prozesse", "Belege", "Maßnahmen",
    ]
    lean = map_table(fixture_catalog.journeys["amt-neu"], TODAY)
    assert "Hinter den Kulissen" not in lean and "Belege" not in lean, "rows without any data are left out"
    assert "\n" not in table, "data line breaks never reach the page raw"


def test_grid_marks_the_lowest_emotion(amt):
    table = map_table(amt, TODAY)
    assert table.count("Tiefpunkt") == sum(1 for s in amt.steps if s.emotion == amt.lowest_emotion)


def test_a_flat_journey_has_no_low_point(fixture_catalog):
    flat_journey = fixture_catalog.journeys["amt-neu"]
    assert "Tiefpunkt" not in emotion_curve(flat_journey, "c") and "kw-low" not in map_table(flat_journey, TODAY)


def test_emotion_curve_marks_low_points_and_describes_itself(amt):
    svg = emotion_curve(amt, "c")
    assert svg.count("<circle") == len(amt.steps)
    assert svg.count("Tiefpunkt") == 1
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg


def test_catalog_lists_every_journey_with_its_facts(fixture_catalog):
    table = journey_catalog(fixture_catalog, href, DAY)
    assert table.count("<tr data-segment=") == len(fixture_catalog.journeys)
    assert table.count('data-review="current"') == 1 and table.count('data-review="never"') == 1
    assert "../../journeys/amt/" in links(table) and "../../personas/mira/" in links(table)


def test_persona_card_links_its_journeys(fixture_catalog):
    card = persona_card(fixture_catalog.personas["mira"], fixture_catalog, href, DAY)
    assert "../../journeys/amt/" in links(card) and "../../journeys/amt-neu/" in links(card)
    assert "Noch keine Journey" in persona_card(fixture_catalog.personas["ben"], fixture_catalog, href, DAY)
    assert "Überprüfung: <span" in card and "nie überprüft" in card


def test_generated_pages_carry_ids_only_never_data_text(fixture_catalog, amt):
    page = journey_page(amt)
    body = page.split("---\n", 2)[2]
    assert "Termin" not in body and "{" not in body and "<!-- kundenwege:journey_map:amt -->" in body
    assert "render_macros: false" in page
    assert "## Kennzahlen" not in page and "## Kennzahlen" in journey_page(fixture_catalog.journeys["amt-neu"])
    assert "<!-- kundenwege:persona_card:mira -->" in persona_page(fixture_catalog.personas["mira"])


def test_markers_expand_to_fragments_with_page_relative_links(fixture_catalog):
    page = "<p>x</p>\n<!-- kundenwege:persona_card:mira -->\n<!-- kundenwege:journey_map:amt -->"
    expanded = expand(page, RenderContext(fixture_catalog, DAY, href))
    assert "<!--" not in expanded and "../../journeys/amt/" in links(expanded) and 'class="kw-map"' in expanded


def test_fragments_take_today_from_the_context_not_the_clock(fixture_catalog):
    for day in (dt.date(2026, 1, 5), dt.date(2031, 7, 9)):
        assert f"Stand {day.isoformat()}" in expand("<!-- kundenwege:journey_map:amt -->", RenderContext(fixture_catalog, day, href))


def test_unknown_references_name_the_closest_id(fixture_catalog):
    with pytest.raises(UnknownReference, match="„am“ gibt es nicht. Meintest du „amt“"):
        expand("<!-- kundenwege:journey_map:am -->", RenderContext(fixture_catalog, DAY, href))
    with pytest.raises(UnknownReference, match="Persona „mirra“"):
        check_reference(fixture_catalog, "persona_card", "mirra")


def test_generated_title_is_escaped_for_themes_that_print_it_raw(amt):
    front = journey_page(amt).split("---\n")[1]
    assert "&lt;img" in front and "<img" not in front and "{%" not in front


def test_schema_reference_documents_every_field():
    reference = schema_reference("journey")
    for field in ("title", "persona", "owner", "stages", "emotion", "pain_points", "moment_of_truth", "success_criteria"):
        assert f"<code>{field}</code>" in reference
    assert "ganze Zahl 1–5" in reference


@property_settings(100)
@given(any_text)
def test_mermaid_text_is_literal_and_inert(text):
    escaped = mermaid_text(text)
    assert mermaid_decode(escaped) == shown(text)
    raw = ENTITY.sub("", escaped)
    assert not (set(raw) & MERMAID_SYNTAX), raw
    assert not re.match(r"(?i)(title|section|acc|journey|click|class|end|style)", escaped)
    assert not re.search(r"(?i)style|classdef", escaped)


@property_settings(100)
@given(any_text)
def test_html_text_is_literal_and_inert(text):
    escaped = html_text(text)
    parsed = parse(f"<p>{escaped}</p>")
    assert parsed.tags == ["p"]
    assert "".join(parsed.text) == flat(text)
    assert not set("<>{}%#\n") & set(re.sub(r"&#?\w+;", "", escaped))


@property_settings(100)
@given(any_text)
def test_mermaid_block_shows_the_source_unchanged_to_the_browser(text):
    source = "journey\n    title " + mermaid_text(text)
    block = mermaid_block(source)
    inner = block.removeprefix('<pre class="mermaid"><code>').removesuffix("</code></pre>")
    assert "<" not in inner and html.unescape(inner) == source


@property_settings(50)
@given(any_text, any_text)
def test_whole_journey_diagram_keeps_every_text(amt, title, action):
    journey = amt.__class__(**{**amt.__dict__, "title": title})
    stage = journey.stages[0]
    step = stage.steps[0].__class__(**{**stage.steps[0].__dict__, "action": action, "actors": (action,)})
    journey = journey.__class__(**{**journey.__dict__, "stages": (stage.__class__(name=action, steps=(step,)),)})
    source = journey_diagram(journey)
    lines = source.splitlines()
    assert len(lines) == 4, "no text adds or removes a line"
    assert mermaid_decode(lines[1]) == "    title " + shown(title)
    assert mermaid_decode(lines[2]) == "    section " + shown(action)
    assert mermaid_decode(lines[3].split(": ")[0]).strip() == shown(action)


COMMONMARK = MarkdownIt("commonmark")


@property_settings(100)
@given(any_text)
def test_markdown_text_stays_literal_in_a_pull_request_summary(text):
    """As GitHub's job summary reads it: one list item with the text, no other markup, nothing raw."""
    parsed = parse(COMMONMARK.render(f"- Zeile 1: {markdown_text(text)}\n"))
    assert parsed.tags == ["ul", "li"]
    assert "".join(parsed.text).strip() == ("Zeile 1: " + flat(text)).strip()
