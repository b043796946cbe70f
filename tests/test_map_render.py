"""The journey map, blueprint, comparison, poster and Mermaid rows, rendered from real fixture and handbook YAML."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given

from macros.labels import EMOTION_WORDS
from macros.render.catalog import journey_catalog
from macros.render.values import emotion_label
from macros.render.blueprint import service_blueprint
from macros.render.compare import align_stages, comparison_pairs, comparison_title, journey_comparison, stage_changes
from macros.render.curve import column_segment, level
from macros.render.escape import flat
from macros.render.fragments import UnknownReference, check_reference
from macros.render.journey_map import journey_map, map_table, step_sequence
from macros.render.mermaid import MAX_TASKS_PER_ROW, journey_rows
from macros.render.pages import generated_pages
from macros.render.workshop import journey_links

from .helpers import FIXTURES, any_text, build_site, make_project, property_settings

TODAY = dt.date(2026, 6, 1)
OLD_EMOJI_FACES = "😣🙁😐🙂😄"


@pytest.fixture(scope="module")
def amt(fixture_catalog):
    return fixture_catalog.journeys["amt"]


def href(target: str) -> str:
    return "../../" + target


class Parsed(HTMLParser):
    """Tags and text of a fragment; SVG text pieces (tspans) are collected per <text> element."""

    def __init__(self, fragment: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []
        self.svg_texts: list[str] = []
        self._in_svg_text = False
        self.feed(fragment)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "text":
            self._in_svg_text = True
            self.svg_texts.append("")

    def handle_endtag(self, tag):
        if tag == "text":
            self._in_svg_text = False

    def handle_data(self, data):
        self.text.append(data)
        if self._in_svg_text:
            self.svg_texts[-1] += data + " "


def squeezed(text: str) -> str:
    """Text without any white space: lines in SVG and on paper break where they like."""
    return re.sub(r"\s+", "", text)


def test_emotion_is_an_own_icon_with_the_word_never_an_emoji(handbook):
    for emotion in range(1, 6):
        label = emotion_label(emotion)
        assert label.count("<svg") == 1 and 'aria-hidden="true"' in label
        assert f"{emotion} – {EMOTION_WORDS[emotion]}" in label
        assert not set(OLD_EMOJI_FACES) & set(label)
    assert len({emotion_label(e).split("<path d=")[1] for e in range(1, 6)}) == 5, "every emotion has its own face"
    catalog_table = journey_catalog(handbook, href, TODAY)
    assert not set(OLD_EMOJI_FACES) & set(catalog_table)


def test_map_is_one_table_with_stage_groups_step_columns_and_lane_headers(handbook):
    for journey in handbook.journeys.values():
        table = map_table(journey, TODAY)
        parsed = Parsed(table)
        assert parsed.tags.count("table") == 1 and parsed.tags.count("caption") == 1
        assert table.count('scope="colgroup"') == len(journey.stages)
        assert [int(n) for n in re.findall(r'class="kw-step[^"]*">Schritt (\d+)</th>', table)] == list(range(1, len(journey.steps) + 1))
        assert table.count('<td class="kw-cell kw-emotion') == len(journey.steps)
        assert 'role="region" tabindex="0" aria-label="Journey Map, seitlich scrollbar"' in table
        for step in journey.steps:
            assert flat(step.action) in " ".join(parsed.text).replace("  ", " ") or squeezed(step.action) in squeezed("".join(parsed.text))


def test_every_curve_piece_meets_its_neighbours_at_the_column_border(handbook):
    for journey in handbook.journeys.values():
        emotions = [s.emotion for s in journey.steps]
        pieces = []
        for i, emotion in enumerate(emotions):
            svg = column_segment(emotions[i - 1] if i else None, emotion, emotions[i + 1] if i + 1 < len(emotions) else None)
            points = [tuple(map(float, p.split(","))) for p in re.search(r'<polyline[^>]*points="([^"]*)"', svg).group(1).split()]
            assert (50.0, round(level(emotion), 1)) in [(x, round(y, 1)) for x, y in points], "the point is at the centre"
            pieces.append(points)
        for left, right in zip(pieces, pieces[1:]):
            assert left[-1][0] == 100 and right[0][0] == 0 and left[-1][1] == right[0][1]


def test_map_shows_evidence_confidence_and_improvements_where_the_data_has_them(fixture_catalog, amt):
    table = map_table(amt, TODAY)
    assert "<th scope=\"row\">Belege</th>" in table and "Interview 3 &lt;i&gt;März&lt;/i&gt;" in table
    assert "<th scope=\"row\">Maßnahmen</th>" in table and "Formular &lt;b&gt;verlinken&lt;/b&gt; &#123;&#123; 7*7 &#125;&#125;" in table
    assert table.count('<span class="kw-badge kw-overdue">überfällig</span>') == 1
    assert "Stand: erledigt" not in table
    assert table.count("kw-assumed") >= 1 + len(amt.steps[0:1]) * 3, "the assumed step's column is marked in every lane"
    assert '<span class="kw-tag kw-conf-assumed">vermutet</span>' in table
    assert "Thema: Unterlagen und Nachweise" in table and "Belege: Beschwerde-Statistik; &#35;2" in table
    whole = journey_map(amt, fixture_catalog.personas["mira"], TODAY)
    assert "Gestrichelt umrandet und „vermutet“" in whole, "the legend says in words what the dashes mean"
    done = dataclasses.replace(amt.improvements[0], status="done")
    assert "überfällig" not in map_table(dataclasses.replace(amt, improvements=(done,)), TODAY)
    assert "überfällig" not in map_table(amt, dt.date(2019, 12, 1)), "not overdue before its due date"


def test_phone_sequence_holds_every_step_with_emotion_pain_points_and_chances(handbook, amt):
    for journey in [*handbook.journeys.values(), amt]:
        sequence = step_sequence(journey, TODAY)
        parsed = Parsed(sequence)
        text = squeezed("".join(parsed.text))
        assert parsed.tags.count("h3") == len(journey.stages)
        assert sequence.count('<li class="kw-seq-step ') == len(journey.steps)
        for step in journey.steps:
            for item in (step.action, EMOTION_WORDS[step.emotion], *(p.text for p in step.pain_points), *step.opportunities):
                assert squeezed(item) in text, item
        assert "data-search-exclude" in sequence, "the search index has the table already"


def test_blueprint_draws_every_field_in_its_lane_and_leaves_the_persona_out_of_the_staff(handbook):
    for journey in handbook.journeys.values():
        persona = handbook.personas[journey.persona]
        svg = service_blueprint(journey, persona, "bp")
        parsed = Parsed(svg)
        drawn = squeezed("".join(parsed.svg_texts))
        for lane in ("Kundenhandlungen", "Im Kontakt sichtbar", "Sichtbarkeitslinie", "Hinter den Kulissen", "Unterstützende Prozesse"):
            assert squeezed(lane) in drawn
        for number, step in enumerate(journey.steps, 1):
            assert squeezed(f"{number}. {step.action}") in drawn
            for text in (step.touchpoint, step.channel, *step.backstage, *step.support):
                assert squeezed(text) in drawn, text
        staff_lines = [t for t in parsed.svg_texts if t.startswith("Mit:")]
        short_name = persona.name.split(",")[0]
        assert all(not re.search(rf"\b{re.escape(short_name)}\b", line) for line in staff_lines), staff_lines
        assert 'role="img"' in svg and "<title" in svg and "Journey Map enthält dieselben Angaben" in svg


def test_blueprint_keeps_text_inside_its_boxes_as_estimated(handbook):
    """Each wrapped line fits its box at the estimated character width; the browser test measures real fonts."""
    from macros.render.blueprint import CHAR_WIDTH, COLUMN, BOX_MARGIN, PADDING, wrap

    inner = COLUMN - 2 * BOX_MARGIN - 2 * PADDING
    for journey in handbook.journeys.values():
        for step in journey.steps:
            for text in (step.action, *step.backstage, *step.support):
                assert all(len(line) * CHAR_WIDTH <= inner for line in wrap(text))


def test_comparison_pairs_come_from_state_and_compare_with(fixture_catalog, handbook):
    pairs = comparison_pairs(handbook)
    assert {k: v[1].id for k, v in pairs.items()} == {"passamt-kinderpass": "passamt-kinderpass-soll", "pc-bestellung-ist": "pc-bestellung-soll"}
    assert comparison_pairs(fixture_catalog)["amt"][1].id == "amt-neu"
    one_way = dataclasses.replace(fixture_catalog.journeys["amt-neu"], compare_with="")
    catalog = dataclasses.replace(fixture_catalog, journeys={**fixture_catalog.journeys, "amt-neu": one_way})
    assert "amt" in comparison_pairs(catalog), "a link in one direction is enough"
    no_state = dataclasses.replace(one_way, state="")
    catalog = dataclasses.replace(fixture_catalog, journeys={**fixture_catalog.journeys, "amt-neu": no_state})
    assert comparison_pairs(catalog) == {}
    with pytest.raises(UnknownReference, match="state: current"):
        check_reference(fixture_catalog, "journey_comparison", "amt-neu")


def test_stage_by_stage_changes_of_the_passport_office(handbook):
    current, target = comparison_pairs(handbook)["passamt-kinderpass"]
    aligned = [(name, bool(a), bool(b)) for name, a, b in align_stages(current, target)]
    assert aligned == [
        ("Termin vereinbaren", True, True), ("Unterlagen vorbereiten", True, True), ("Termin im Passamt", True, True),
        ("Nach dem Termin", True, False), ("Pass abholen", False, True),
    ]
    changes = {c.name: c for c in stage_changes(current, target)}
    assert (changes["Termin im Passamt"].lowest_current, changes["Termin im Passamt"].lowest_target) == (1, 5)
    assert changes["Pass abholen"].lowest_current is None and changes["Nach dem Termin"].lowest_target is None
    assert "Kein Merkblatt, kein Folgetermin" in changes["Nach dem Termin"].gone_pain_points
    assert sum(len(c.gone_steps) for c in changes.values()) == len(current.steps), "no step of the current journey is kept by text"
    assert sum(len(c.new_steps) for c in changes.values()) == len(target.steps)


def test_steps_with_the_same_id_count_as_kept_with_their_emotion_change(handbook):
    current, target = comparison_pairs(handbook)["passamt-kinderpass"]
    first_current = dataclasses.replace(current.stages[0].steps[0], id="buchen")
    first_target = dataclasses.replace(target.stages[0].steps[0], id="buchen")
    current = dataclasses.replace(current, stages=(dataclasses.replace(current.stages[0], steps=(first_current, *current.stages[0].steps[1:])), *current.stages[1:]))
    target = dataclasses.replace(target, stages=(dataclasses.replace(target.stages[0], steps=(first_target, *target.stages[0].steps[1:])), *target.stages[1:]))
    first = stage_changes(current, target)[0]
    assert [(a.id, b.id) for a, b in first.kept_steps] == [("buchen", "buchen")]
    assert first_current not in first.gone_steps and first_target not in first.new_steps
    block = journey_comparison((current, target), href)
    assert "Schritte, die bleiben" in block and "(Gefühl 4 → 4)" in block


def test_comparison_shows_both_curves_links_and_key_figures(fixture_catalog, handbook):
    block = journey_comparison(comparison_pairs(handbook)["passamt-kinderpass"], href)
    assert block.count('<g class="kw-series ') == 2 and "kw-series-current" in block and "kw-series-target" in block
    assert "../../journeys/passamt-kinderpass/" in block and "../../journeys/passamt-kinderpass-soll/" in block
    assert "vorher 1 (sehr schlecht), nachher 2 (schlecht)" in block
    assert block.count('<th scope="row">') == 5 and "(nur im Ist)" in block and "(nur im Soll)" in block
    assert comparison_title(*comparison_pairs(handbook)["passamt-kinderpass"]) == "Pass für ein Kind beantragen: Ist und Soll"
    assert comparison_title(*comparison_pairs(fixture_catalog)["amt"]).startswith("Ist und Soll: Amt: Termin")


def test_both_journeys_link_to_their_comparison_and_every_journey_to_its_poster(handbook):
    for journey_id in ("passamt-kinderpass", "passamt-kinderpass-soll"):
        links = journey_links(comparison_pairs(handbook), handbook.journeys[journey_id], href)
        assert '"../../journeys/passamt-kinderpass/vergleich/"' in links
    alone = journey_links(comparison_pairs(handbook), handbook.journeys["maler-fassade"], href)
    assert "vergleich" not in alone and '"../../journeys/maler-fassade/#poster-maler-fassade"' in alone


def test_generated_pages_add_comparisons_with_full_width(handbook):
    pages = {p.src_uri: p for p in generated_pages(handbook)}
    assert "journeys/passamt-kinderpass/vergleich.md" in pages and "journeys/pc-bestellung-ist/vergleich.md" in pages
    assert sum(1 for uri in pages if uri.endswith("/vergleich.md")) == 2
    assert len(pages) == len(handbook.journeys) + len(handbook.personas) + 2, "the poster is no page of its own"
    for uri in ("journeys/passamt-kinderpass.md", "journeys/passamt-kinderpass/vergleich.md"):
        assert 'hide: ["navigation", "toc"]' in pages[uri].content
    assert "<!-- kundenwege:journey_comparison:passamt-kinderpass -->" in pages["journeys/passamt-kinderpass/vergleich.md"].content
    persona = next(uri for uri in pages if uri.startswith("personas/"))
    assert "hide:" not in pages[persona].content


def test_the_map_carries_its_poster_head_for_the_print_mode(handbook):
    journey = handbook.journeys["passamt-kinderpass"]
    block = journey_map(journey, handbook.personas[journey.persona], TODAY)
    head = block.split('<ul class="kw-legend"')[0]
    assert 'id="poster-passamt-kinderpass"' in head and "Persona: Amira, 34, alleinerziehend" in head
    assert "Team: Team Bürgerservice" in head and 'href="#"' in head, "on screen, the way back to the whole page"
    assert block.count("<table") == 1, "the poster is the page's own map, not a copy"


def test_long_journeys_wrap_by_stage_into_rows_of_whole_stages(handbook):
    for journey in handbook.journeys.values():
        rows = journey_rows(journey)
        tasks = [[line for line in row.splitlines() if line.startswith("      ")] for row in rows]
        assert all(1 <= len(row) <= MAX_TASKS_PER_ROW for row in tasks)
        assert sum(len(row) for row in tasks) == len(journey.steps)
        assert all(row.startswith("journey\n    section ") and "title" not in row.splitlines()[1] for row in rows)
    stage = handbook.journeys["passamt-kinderpass"].stages[0]
    long_stage = dataclasses.replace(stage, steps=stage.steps * 4)
    rows = journey_rows(dataclasses.replace(handbook.journeys["passamt-kinderpass"], stages=(long_stage,)))
    assert len(rows) == 2 and "Fortsetzung" in rows[1]


def _with_text(amt, text: str):
    step = dataclasses.replace(
        amt.stages[0].steps[0], action=text, actors=(text, "Mira"), touchpoint=text, channel=text, backstage=(text,),
        support=(text,), opportunities=(text,), evidence=(text,),
    )
    return dataclasses.replace(amt, title=text, stages=(dataclasses.replace(amt.stages[0], name=text, steps=(step,)),))


@property_settings(40)
@given(any_text.filter(flat))  # the schema demands a visible character in every text
def test_any_text_stays_literal_in_map_blueprint_and_sequence(fixture_catalog, amt, text):
    journey = _with_text(amt, text)
    benign = _with_text(amt, "Text")
    persona = fixture_catalog.personas[journey.persona]
    for render in (
        lambda j: map_table(j, TODAY),
        lambda j: step_sequence(j, TODAY),
        lambda j: service_blueprint(j, persona, "bp"),
    ):
        parsed, expected = Parsed(render(journey)), Parsed(render(benign))
        lines = ("tspan",)  # the blueprint wraps longer text onto more lines
        assert [t for t in parsed.tags if t not in lines] == [t for t in expected.tags if t not in lines], "data text never adds markup"
        assert squeezed(flat(text)) in squeezed("".join(parsed.text))


@pytest.mark.build
def test_a_practice_page_embeds_the_comparison_with_its_macro(tmp_path):
    page = "# Fallgeschichte\n\n{{ journey_comparison(\"amt\") }}\n"
    project = make_project(tmp_path / "p", FIXTURES / "valid" / "journeys", {"index.md": page})
    result = build_site(project, project / "site")
    assert result.returncode == 0, result.stderr
    html = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert 'class="kw-comparison"' in html and 'href="journeys/amt/"' in html and 'href="journeys/amt-neu/"' in html
    (project / "docs" / "index.md").write_text(page.replace('"amt"', '"amt-neu"'), encoding="utf-8")
    result = build_site(project, project / "site")
    assert result.returncode != 0 and "Einen Vergleich für „amt-neu“ gibt es nicht" in result.stdout + result.stderr
