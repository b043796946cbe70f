"""What the pages show of where data comes from: the Beleglage of steps, how KPIs are measured, case figures.

Rendered from the repository's own journeys and personas, as the handbook shows them.
"""
from __future__ import annotations

import datetime as dt

from macros.render.journey_blocks import kpi_table
from macros.render.persona_blocks import persona_card
from macros.render.journey_map import legend, map_table

DAY = dt.date(2026, 12, 7)


def href(path: str) -> str:
    return f"../../{path}"


def test_steps_from_a_publication_say_so_and_the_legend_explains_it(handbook):
    journey = handbook.journeys["passamt-kinderpass"]
    table = map_table(journey, DAY)
    assert '<span class="kw-tag kw-conf-published">aus einer Veröffentlichung</span>' in table
    assert "Beleglage „aus einer Veröffentlichung“" in legend(journey)


def test_a_journey_without_published_steps_has_no_such_legend_entry(handbook):
    journey = handbook.journeys["sprachkurs-anmeldung"]
    assert "kw-conf-published" not in map_table(journey, DAY)
    assert "Veröffentlichung" not in legend(journey)


def test_the_kpi_table_names_period_and_source(handbook):
    table = kpi_table(handbook.journeys["passamt-kinderpass"])
    assert '<th scope="col">Zeitraum</th><th scope="col">Quelle</th>' in table
    assert "<td>Juni bis August 2026</td>" in table and "(Beispiel)</td>" in table


def test_case_figures_carry_their_label_and_condensed_personas_do_not(handbook):
    case = persona_card(handbook.personas["amira-alleinerziehend"], handbook, href, DAY)
    condensed = persona_card(handbook.personas["nadia-sprachkurs"], handbook, href, DAY)
    assert ">Fallfigur</span>" in case and "Worauf die Fallfigur beruht" in case
    assert "Fallfigur" not in condensed and "Woraus die Persona verdichtet ist" in condensed
