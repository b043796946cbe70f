"""The journey map: stages as column groups, one column per step, aspects as rows."""
from __future__ import annotations

from ..model import Journey
from .blocks import bullet_list, emotion_label
from .escape import html_text


def journey_map(journey: Journey) -> str:
    """The classic grid: stages as column groups, one column per step, aspects as rows."""
    steps = journey.steps
    header_stages = "".join(
        f'<th scope="colgroup" colspan="{len(stage.steps)}">{html_text(stage.name)}</th>' for stage in journey.stages
    )
    colgroups = "".join(f'<colgroup span="{len(stage.steps)}"></colgroup>' for stage in journey.stages)

    def row(label: str, cells: list[str], css: str = "") -> str:
        cls = f' class="{css}"' if css else ""
        return f'<tr{cls}><th scope="row">{label}</th>' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"

    def action(number: int, step) -> str:
        mark = ' <strong class="kw-mot">Moment der Wahrheit</strong>' if step.moment_of_truth else ""
        return f'<span class="kw-step-no">{number}.</span> {html_text(step.action)}{mark}'

    rows = [
        row("Schritt", [action(i + 1, s) for i, s in enumerate(steps)]),
        row("Beteiligte", [html_text(", ".join(s.actors)) for s in steps]),
        row(
            "Berührungspunkt / Kanal",
            [" / ".join(html_text(t) for t in (s.touchpoint, s.channel) if t) for s in steps],
        ),
        "<tr><th scope=\"row\">Gefühl</th>"
        + "".join(
            f'<td class="kw-emotion kw-e{s.emotion}{" kw-low" if journey.is_low_point(s) else ""}">{emotion_label(s.emotion)}</td>'
            for s in steps
        )
        + "</tr>",
        row("Schmerzpunkte", [bullet_list([p.text for p in s.pain_points]) for s in steps], "kw-pain"),
        row("Chancen", [bullet_list(s.opportunities) for s in steps], "kw-chance"),
    ]
    if any(s.backstage for s in steps):
        rows.append(row("Hinter den Kulissen", [bullet_list(s.backstage) for s in steps]))
    if any(s.support for s in steps):
        rows.append(row("Unterstützende Prozesse", [bullet_list(s.support) for s in steps]))
    caption = f"Journey Map: {html_text(journey.title)} – {len(journey.stages)} Phasen, {len(steps)} Schritte"
    return (
        f'<div class="kw-scroll" role="region" tabindex="0" aria-label="Journey Map, horizontal scrollbar">'
        f'<table class="kw-map"><caption>{caption}</caption>{colgroups}'
        f'<thead><tr><td></td>{header_stages}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
    )
