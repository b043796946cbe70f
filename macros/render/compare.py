"""A current journey next to its target journey: both curves in one chart, then stage by stage what changes.

Pairs come from the data alone: one journey `state: current`, the other
`state: target`, linked by `compare_with` in either direction. Stages are
matched by name, in order; steps by the same `id` or, without ids, by the same
text. So the comparison stays true to the YAML and cannot drift like a
hand-written table.
"""
from __future__ import annotations

import difflib
import os
from dataclasses import dataclass

from ..labels import EMOTION_WORDS
from ..model import Catalog, Journey, Stage, Step
from ..site_map import journey_url
from ..text import flat, text_key
from .curve import Series, emotion_chart
from .escape import html_text
from .html import Href, bullet_list, facts, link, scroll_table


def comparison_pairs(catalog: Catalog) -> dict[str, tuple[Journey, Journey]]:
    """Every (current, target) pair, keyed by the current journey's id.

    If several target journeys point at one current journey, the one the current journey names wins,
    otherwise the first by id: one comparison page per current journey.
    """
    pairs: dict[str, tuple[Journey, Journey]] = {}
    for journey in sorted(catalog.journeys.values(), key=lambda j: j.id):
        other = catalog.journeys.get(journey.compare_with)
        if other is None:
            continue
        current, target = (journey, other) if journey.state == "current" else (other, journey)
        if current.state != "current" or target.state != "target":
            continue
        named = pairs.get(current.id)
        if named is None or (current.compare_with == target.id and named[1].id != target.id):
            pairs[current.id] = (current, target)
    return pairs


def comparison_of(pairs: dict[str, tuple[Journey, Journey]], journey_id: str) -> str | None:
    """The id under which `journey_id` is compared (its own id or its current journey's), if at all."""
    for current_id, (current, target) in pairs.items():
        if journey_id in (current.id, target.id):
            return current_id
    return None


def comparison_title(current: Journey, target: Journey) -> str:
    """The common start of both titles followed by ": Ist und Soll", or the current title when they share too little."""
    common = os.path.commonprefix([flat(current.title), flat(target.title)])
    common = common[: common.rfind(" ")] if " " in common else ""
    common = common.rstrip(" –-:,;")
    return f"{common}: Ist und Soll" if len(common) >= 8 else f"Ist und Soll: {flat(current.title)}"


@dataclass(frozen=True)
class StageChange:
    name: str
    current: Stage | None
    target: Stage | None
    gone_pain_points: tuple[str, ...]
    gone_steps: tuple[Step, ...]
    new_steps: tuple[Step, ...]
    kept_steps: tuple[tuple[Step, Step], ...]  # (current, target)

    @property
    def lowest_current(self) -> int | None:
        return min((s.emotion for s in self.current.steps), default=None) if self.current else None

    @property
    def lowest_target(self) -> int | None:
        return min((s.emotion for s in self.target.steps), default=None) if self.target else None


def _same_step(a: Step, b: Step) -> bool:
    return bool(a.id and a.id == b.id) or text_key(a.action) == text_key(b.action)


def align_stages(current: Journey, target: Journey) -> list[tuple[str, Stage | None, Stage | None]]:
    """Stages of both journeys in one order: same names side by side, the others where they occur."""
    a = [text_key(s.name) for s in current.stages]
    b = [text_key(s.name) for s in target.stages]
    aligned: list[tuple[str, Stage | None, Stage | None]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            aligned += [(current.stages[i].name, current.stages[i], target.stages[j]) for i, j in zip(range(i1, i2), range(j1, j2))]
        else:
            aligned += [(current.stages[i].name, current.stages[i], None) for i in range(i1, i2)]
            aligned += [(target.stages[j].name, None, target.stages[j]) for j in range(j1, j2)]
    return aligned


def stage_changes(current: Journey, target: Journey) -> list[StageChange]:
    target_pain = {text_key(p.text) for s in target.steps for p in s.pain_points}
    changes = []
    for name, before, after in align_stages(current, target):
        before_steps = before.steps if before else ()
        after_steps = after.steps if after else ()
        changes.append(
            StageChange(
                name=name,
                current=before,
                target=after,
                gone_pain_points=tuple(p.text for s in before_steps for p in s.pain_points if text_key(p.text) not in target_pain),
                gone_steps=tuple(s for s in before_steps if not any(_same_step(s, t) for t in target.steps)),
                new_steps=tuple(t for t in after_steps if not any(_same_step(s, t) for s in current.steps)),
                kept_steps=tuple((s, t) for s in before_steps for t in target.steps if _same_step(s, t)),
            )
        )
    return changes


def _lowest(value: int | None) -> str:
    return "–" if value is None else f"{value} ({EMOTION_WORDS[value]})"


def _chart(current: Journey, target: Journey, figure_id: str) -> str:
    aligned = align_stages(current, target)
    series = [
        Series("Ist-Journey", "kw-series-current", tuple(before.steps if before else () for _, before, _ in aligned)),
        Series("Soll-Journey", "kw-series-target", tuple(after.steps if after else () for _, _, after in aligned)),
    ]
    description = (
        f"Ist-Journey: {len(current.steps)} Schritte, tiefster Wert {current.lowest_emotion}. "
        f"Soll-Journey: {len(target.steps)} Schritte, tiefster Wert {target.lowest_emotion}. "
        "Die Tabelle „Phase für Phase“ enthält die Werte als Text."
    )
    return emotion_chart(
        f"Gefühlskurven von Ist und Soll: {current.title}", [name for name, _, _ in aligned], series, figure_id, description
    )


SWATCHES = {
    "kw-series-current": '<svg class="kw-swatch kw-series-current" viewBox="0 0 36 12" width="36" height="12" aria-hidden="true">'
    '<line class="kw-line" x1="0" x2="36" y1="6" y2="6"/><circle cx="18" cy="6" r="4.5"/></svg>',
    "kw-series-target": '<svg class="kw-swatch kw-series-target" viewBox="0 0 36 12" width="36" height="12" aria-hidden="true">'
    '<line class="kw-line" x1="0" x2="36" y1="6" y2="6"/><rect x="14" y="2" width="8" height="8"/></svg>',
}


def journey_comparison(pair: tuple[Journey, Journey], href: Href) -> str:
    """The whole comparison block of a (current, target) pair: links, key figures, the chart with legend, the stage table."""
    current, target = pair
    changes = stage_changes(current, target)

    def to(journey: Journey) -> str:
        return link(href, journey_url(journey.id), journey.title)

    pain_before = sum(len(s.pain_points) for s in current.steps)
    pain_after = sum(len(s.pain_points) for s in target.steps)
    gone = sum(len(c.gone_pain_points) for c in changes)
    pairs = [
        ("Ist-Journey", to(current)),
        ("Soll-Journey", to(target)),
        ("Tiefster Wert", f"vorher {_lowest(current.lowest_emotion)}, nachher {_lowest(target.lowest_emotion)}"),
        ("Schritte", f"vorher {len(current.steps)}, nachher {len(target.steps)}"),
        ("Schmerzpunkte", f"vorher {pain_before}, nachher {pain_after}; {gone} aus dem Ist kommen im Soll nicht mehr vor"),
    ]
    head = facts(pairs, "kw-compare-facts")
    legend = (
        '<ul class="kw-chart-legend">'
        f'<li>{SWATCHES["kw-series-current"]} Ist-Journey: durchgezogene Linie, runde Punkte</li>'
        f'<li>{SWATCHES["kw-series-target"]} Soll-Journey: gestrichelte Linie, eckige Punkte</li>'
        "<li>Größere Punkte: die Tiefpunkte jeder Journey</li></ul>"
    )
    chart = (
        '<figure class="kw-diagram kw-compare-chart" tabindex="0" aria-label="Gefühlskurven, auf schmalen Bildschirmen seitlich scrollbar" '
        f'data-search-exclude>{legend}{_chart(current, target, f"kw-compare-{current.id}")}'
        "<figcaption>Gefühl je Schritt von 1 (sehr schlecht) bis 5 (sehr gut); die Phasen stehen nebeneinander, "
        "damit beide Kurven Phase für Phase vergleichbar sind.</figcaption></figure>"
    )
    kept_any = any(c.kept_steps for c in changes)
    headers = ["Phase", "Tiefster Wert im Ist", "Tiefster Wert im Soll", "Schmerzpunkte, die wegfallen", "Schritte, die wegfallen", "Neue Schritte"]
    headers += ["Schritte, die bleiben"] if kept_any else []
    rows = []
    for change in changes:
        where = "" if change.current and change.target else (" (nur im Ist)" if change.current else " (nur im Soll)")
        cells = [
            _lowest(change.lowest_current),
            _lowest(change.lowest_target),
            bullet_list(change.gone_pain_points) or "–",
            bullet_list([s.action for s in change.gone_steps]) or "–",
            bullet_list([s.action for s in change.new_steps]) or "–",
        ]
        if kept_any:
            cells.append(
                "<ul>" + "".join(f"<li>{html_text(a.action)} (Gefühl {a.emotion} → {b.emotion})</li>" for a, b in change.kept_steps) + "</ul>"
                if change.kept_steps else "–"
            )
        tds = "".join(f'<td data-label="{h}">{c}</td>' for h, c in zip(headers[1:], cells))
        rows.append(f'<tr><th scope="row">{html_text(change.name)}{where}</th>{tds}</tr>')
    table = (
        scroll_table("Phase für Phase, seitlich scrollbar", headers, rows, caption="Phase für Phase", css="kw-table kw-compare-table")
        +         '<p class="kw-note">Gleiche Schritte erkennt der Vergleich an derselben Kennung (<code>id</code>) in beiden Dateien '
        "oder am gleichen Text; gleiche Phasen am gleichen Namen. Ein Schmerzpunkt fällt weg, wenn sein Text in der "
        "Soll-Journey nicht mehr vorkommt.</p>"
    )
    return f'<div class="kw-comparison">{head}{chart}{table}</div>'
