"""The Markdown summary of a pull request: for each changed journey and persona, what changed, as a journey.

A verdict line first, then a table by stage and step, then the emotion curve
before and after in one Mermaid chart (GitHub draws Mermaid in job summaries,
but no inline SVG). A new file shows its diagram, a deleted one what still
refers to it, a reformatted one says that nothing changed in meaning. Every
data text is escaped with `markdown_text`; the chart carries no data text at all.
"""
from __future__ import annotations

from ..journey_diff import FileDiff, step_pairs
from ..model import Catalog, Journey, Persona, Step
from ..problems import Problem
from .changes import describe, verdict
from .escape import markdown_text
from .mermaid import journey_diagram, persona_journeys_diagram

PREVIEW_ARTIFACT = "vorschau"
# Grey before, blue after: the colours say which line is which, the text under the chart says it in words.
_PALETTE = "#8a8a8a, #0b57d0"


def _code(path: str) -> str:
    return f"`{path.replace('`', '')}`"


def emotion_chart(old: Journey, new: Journey) -> str:
    """Both emotion curves in one Mermaid `xychart-beta`, steps side by side as the diff matches them.

    Mermaid needs a value at every place of both lines: where a version has no step (new or dropped),
    its line stays level, and the axis says "neu" or "entfällt" there. No data text goes into the chart.
    """
    pairs = step_pairs(old, new)
    labels, number = [], 0
    for before, after in pairs:
        if after is not None:
            number += 1
        labels.append(f'"{number} neu"' if before is None else '"entfällt"' if after is None else f'"{number}"')
    return "\n".join([
        "---",
        "config:",
        "  themeVariables:",
        "    xyChart:",
        f'      plotColorPalette: "{_PALETTE}"',
        "---",
        "xychart-beta",
        '    title "Gefühlskurve: grau vorher, blau nachher"',
        f"    x-axis \"Schritt\" [{', '.join(labels)}]",
        '    y-axis "Gefühl" 1 --> 5',
        f"    line [{', '.join(map(str, _level([b for b, _ in pairs])))}]",
        f"    line [{', '.join(map(str, _level([a for _, a in pairs])))}]",
    ])


def _level(steps: list[Step | None]) -> list[int]:
    """Each step's emotion; a gap keeps the value before it (or after it, at the start)."""
    first = next(s.emotion for s in steps if s is not None)
    values, last = [], first
    for step in steps:
        last = step.emotion if step is not None else last
        values.append(last)
    return values


def _table(file: FileDiff) -> list[str]:
    journey = isinstance(file.new, Journey)
    head = ["| Phase | Schritt | Änderung |", "|---|---|---|"] if journey else ["| Änderung |", "|---|"]
    rows = []
    for change in file.changes:
        text = describe(change, markdown_text)
        stage, step = (markdown_text(part) or "–" for part in (change.stage, change.step))
        rows.append(f"| {stage} | {step} | {text} |" if journey else f"| {text} |")
    return head + rows


def _diagram(catalog: Catalog, item: Journey | Persona) -> list[str]:
    source = journey_diagram(item) if isinstance(item, Journey) else persona_journeys_diagram(catalog, [item.id])
    return ["```mermaid", source, "```", ""]


def _file(catalog: Catalog, problems: list[Problem], file: FileDiff, label: str) -> tuple[list[str], bool]:
    shown = f"{label}/{file.path}"
    title = _code(shown) if not (file.old_path and file.new_path and file.old_path != file.new_path) else \
        f"{_code(f'{label}/{file.old_path}')} → {_code(shown)}"
    lines = [f"### {title}", ""]
    if file.old_path and file.new_path and file.old_path != file.new_path:
        lines += ["Datei umbenannt oder verschoben; verglichen wird mit der alten Datei.", ""]
    if not file.new_path:
        lines += ["🗑️ Datei gelöscht." if file.old is None else f"🗑️ Datei gelöscht: **{markdown_text(_name(file.old))}**.", ""]
        if file.references:
            lines += ["Darauf verweist noch:", ""]
            lines += [f"- {what}: {markdown_text(which)}" for what, which in file.references]
            lines.append("")
        return lines, False
    own = [p for p in problems if p.path == shown]
    errors = [p for p in own if p.is_error]
    if errors:
        lines += [f"❌ {len(errors)} Fehler – bitte beheben:", ""]
        lines += [f"- Zeile {p.line}, Spalte {p.column}: {markdown_text(p.message)}" for p in errors]
        return lines + [""], True
    lines += [f"- Hinweis, Zeile {p.line}: {markdown_text(p.message)}" for p in own]
    if own:
        lines.append("")
    new = file.new
    if not file.compared or file.old is None:
        if file.old_problems:
            lines += ["Die alte Fassung ließ sich nicht laden, darum kein Vergleich: "
                      + markdown_text(file.old_problems[0].message), ""]
        status = "neu" if file.compared and not file.old_path else "geändert"
        if isinstance(new, Journey):
            lines += [f"✅ **{markdown_text(new.title)}** ({status}) – {len(new.steps)} Schritte, tiefster Wert {new.lowest_emotion} von 5", ""]
        elif new is not None:
            lines += [f"✅ **{markdown_text(new.name)}** ({status})", ""]
        return lines + (_diagram(catalog, new) if new is not None else []), False
    if not file.changes:
        lines += ["✅ Keine Änderung am Inhalt: nur umformatiert (Kommentare, Reihenfolge, Anführungszeichen)." if file.text_changed
                  else "✅ Keine Änderung.", ""]
        return lines, False
    lines += [f"**{markdown_text(_name(new))}:** {verdict(list(file.changes))}", ""]
    lines += _table(file) + [""]
    if isinstance(file.old, Journey) and isinstance(new, Journey):
        lines += ["```mermaid", emotion_chart(file.old, new), "```", ""]
        gaps = any(None in pair for pair in step_pairs(file.old, new))
        lines += [f"Grau: vorher ({len(file.old.steps)} Schritte), blau: nachher ({len(new.steps)} Schritte). Die Zahlen unten "
                  "sind die Schritte nachher." + (" Bei „neu“ und „entfällt“ fehlt der Schritt in einer Fassung, ihre Linie "
                                                  "bleibt dort waagrecht." if gaps else ""), ""]
    return lines, False


def _name(item: Journey | Persona) -> str:
    return item.title if isinstance(item, Journey) else item.name


def pull_request_summary(
    catalog: Catalog, problems: list[Problem], files: list[FileDiff], *, label: str = "journeys", note: str = "", preview: bool = False
) -> tuple[str, bool]:
    """Markdown for GitHub's job summary and whether any error was found.

    `note` says why there is no comparison (no git history); `preview` names the artifact with the previews.
    """
    lines = ["## Geänderte Journeys und Personas", ""]
    if note:
        lines += [f"Kein Vergleich mit dem Stand vorher: {markdown_text(note)}", ""]
    if not files:
        lines.append("Keine Datei unter `journeys/` geändert.")
    elif preview:
        lines += [f"Jede geänderte Journey und Persona als eigene Seite, auch ohne Internet: Artefakt **{PREVIEW_ARTIFACT}** "
                  "unten auf dieser Seite herunterladen, entpacken, Datei doppelt anklicken.", ""]
    failed = False
    for file in files:
        part, broken = _file(catalog, problems, file, label)
        lines += part
        failed |= broken
    shown_paths = {f"{label}/{file.path}" for file in files}
    others = [p for p in problems if p.path not in shown_paths and p.is_error]
    if others:
        failed = True
        lines += ["### Weitere Fehler in anderen Dateien", ""]
        lines += [f"- {_code(p.path)} Zeile {p.line}: {markdown_text(p.message)}" for p in others]
    return "\n".join(lines), failed
