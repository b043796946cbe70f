"""Changes to a journey or persona in plain German: one line each, and a verdict line first.

The same words serve the terminal (`python -m macros diff`), the pull-request
summary, the preview, the journey page and the golden files of the tests. Data
text goes through `escape` (identity for the terminal, `markdown_text` for the
summary, `html_text` for pages), never raw into markup.
"""
from __future__ import annotations

from collections import Counter
from typing import Callable

from ..journey_diff import ADDED, CHANGED, MOVED, REMOVED, Change, FileDiff
from ..labels import EMOTION_WORDS, ENUM_LABELS, FIELD_TITLES
from .values import german_date
from .escape import html_text

Escape = Callable[[str], str]

# What a field is called in a change, where it differs from the schema's title (see docs/mitmachen/stil.md):
# list fields name one item ("Chance" added), and some read better in a sentence.
NOUNS = {
    "owner": "Verantwortlich", "compare_with": "Vergleich mit", "last_reviewed": "Überprüfung",
    "review_interval": "Überprüfung alle … Monate", "channels": "Kanal", "stage": "Phase", "goal": "Ziel der Phase",
    "step": "Schritt", "action": "Handlung", "pain_points": "Schmerzpunkt", "opportunities": "Chance",
    "support": "Unterstützender Prozess", "evidence": "Beleg", "improvement": "Maßnahme", "due": "fällig am",
    "steps": "betrifft Schritt", "kpi": "Kennzahl", "current": "heute", "target": "Ziel", "goals": "Ziel",
    "needs": "Bedürfnis", "sources": "Quelle", "kind": "Art",
}
_VALUE_WORDS = ENUM_LABELS  # keyed by the schema property, like NOUNS
_LONG_TEXTS = {"description", "quote", "success_criteria"}  # too long to repeat: "geändert" is enough
# A change of a field inside an improvement, KPI or pain point names that item first.
_ITEM_KINDS = {"status": "Maßnahme", "due": "Maßnahme", "owner": "Maßnahme", "success_criteria": "Maßnahme",
               "steps": "Maßnahme", "current": "Kennzahl", "target": "Kennzahl", "period": "Kennzahl",
               "source": "Kennzahl"}


def _value(field: str, value, escape: Escape) -> str:
    if value in ("", None):
        return "–"
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if field == "emotion" or field == "low_point":
        return f"{value} ({EMOTION_WORDS.get(value, value)})"
    if field in ("last_reviewed", "due", "overdue"):
        return german_date(value)
    if field in _VALUE_WORDS:
        return _VALUE_WORDS[field].get(value, escape(str(value)))
    if field == "kind":
        return {"journey": "Journey", "persona": "Persona"}.get(value, escape(str(value)))
    return f"„{escape(str(value))}“" if isinstance(value, str) else str(value)


def describe(change: Change, escape: Escape = str) -> str:
    """One change as a short German sentence, without its stage and step (those are columns or a prefix)."""
    field, action = change.field, change.action
    if field == "file":
        return "Datei neu" if action == ADDED else "Datei gelöscht"
    if field == "low_point":
        return f"Tiefpunkt der Journey: {_value(field, change.old, escape)} → {_value(field, change.new, escape)}"
    if field == "overdue":
        return f"Maßnahme „{escape(change.item)}“ ist jetzt überfällig (fällig am {german_date(change.new)})"
    noun = NOUNS.get(field) or FIELD_TITLES.get(field, field)
    if change.item:
        noun = f"{_ITEM_KINDS.get(field, 'Schmerzpunkt')} „{escape(change.item)}“: {noun}"
    if action == ADDED:
        if field in ("stage", "step"):
            return f"{noun} neu"
        return f"{noun} neu: {_value(field, change.new, escape)}"
    if action == REMOVED:
        if field in ("stage", "step"):
            return f"{noun} entfällt"
        return f"{noun} entfällt: {_value(field, change.old, escape)}"
    if action == MOVED:
        if change.old:
            return f"Schritt verschoben aus Phase „{escape(change.old)}“"
        return "Schritt verschoben (andere Reihenfolge)"
    if field == "stage":
        return f"Phase umbenannt: „{escape(change.old)}“ → „{escape(change.new)}“"
    if field in _LONG_TEXTS:
        return f"{noun} geändert"
    return f"{noun}: {_value(field, change.old, escape)} → {_value(field, change.new, escape)}"


def located(change: Change, escape: Escape = str) -> str:
    """The change with its place: "Phase › Schritt: …", for a list without columns."""
    place = " › ".join(escape(part) for part in (change.stage, change.step) if part)
    return f"{place}: {describe(change, escape)}" if place else describe(change, escape)


# The verdict counts these kinds of change, in this order: (field, action), singular, plural.
_STRUCTURE_COUNTS = (
    (("step", ADDED), "Schritt neu", "Schritte neu"),
    (("step", REMOVED), "Schritt entfällt", "Schritte entfallen"),
    (("step", MOVED), "Schritt verschoben", "Schritte verschoben"),
    (("stage", ADDED), "Phase neu", "Phasen neu"),
    (("stage", REMOVED), "Phase entfällt", "Phasen entfallen"),
    (("stage", CHANGED), "Phase umbenannt", "Phasen umbenannt"),
)
_ITEM_COUNTS = (
    (("pain_points", ADDED), "Schmerzpunkt neu", "Schmerzpunkte neu"),
    (("pain_points", REMOVED), "Schmerzpunkt entfällt", "Schmerzpunkte entfallen"),
    (("opportunities", ADDED), "Chance neu", "Chancen neu"),
    (("opportunities", REMOVED), "Chance entfällt", "Chancen entfallen"),
    (("improvement", ADDED), "Maßnahme neu", "Maßnahmen neu"),
    (("improvement", REMOVED), "Maßnahme entfällt", "Maßnahmen entfallen"),
)


def _counted(kinds: Counter, table) -> list[str]:
    return [_count(kinds[key], one, many) for key, one, many in table if kinds[key]]


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def verdict(changes: list[Change]) -> str:
    """The gist first: what a reviewer wants to know before the details, e.g. "2 Schritte neu, Tiefpunkt von 2 auf 1"."""
    if not changes:
        return "Keine Änderung am Inhalt."
    if changes[0].field == "file":
        return describe(changes[0])
    kinds = Counter((c.field, c.action) for c in changes)
    parts = _counted(kinds, _STRUCTURE_COUNTS)
    better = sum(1 for c in changes if c.field == "emotion" and c.new > c.old)
    worse = sum(1 for c in changes if c.field == "emotion" and c.new < c.old)
    if better:
        parts.append(f"Gefühl bei {_count(better, 'Schritt', 'Schritten')} besser")
    if worse:
        parts.append(f"Gefühl bei {_count(worse, 'Schritt', 'Schritten')} schlechter")
    parts += [f"Tiefpunkt von {c.old} auf {c.new}" for c in changes if c.field == "low_point"]
    parts += _counted(kinds, _ITEM_COUNTS)
    done = sum(1 for c in changes if c.field == "status" and c.new == "done")
    if done:
        parts.append(_count(done, "Maßnahme erledigt", "Maßnahmen erledigt"))
    if kinds[("overdue", ADDED)]:
        parts.append(_count(kinds[("overdue", ADDED)], "Maßnahme jetzt überfällig", "Maßnahmen jetzt überfällig"))
    parts += [f"Überprüfung am {german_date(c.new)}" for c in changes if c.field == "last_reviewed" and c.new]
    named = {("step", ADDED), ("step", REMOVED), ("step", MOVED), ("stage", ADDED), ("stage", REMOVED), ("stage", CHANGED),
             ("pain_points", ADDED), ("pain_points", REMOVED), ("opportunities", ADDED), ("opportunities", REMOVED),
             ("improvement", ADDED), ("improvement", REMOVED), ("overdue", ADDED)}
    rest = sum(1 for c in changes if (c.field, c.action) not in named and c.field not in ("emotion", "low_point", "last_reviewed")
               and not (c.field == "status" and c.new == "done"))
    if rest:
        parts.append(_count(rest, "weitere Änderung", "weitere Änderungen"))
    return ", ".join(parts)


def as_text(changes: list[Change]) -> str:
    """Verdict and one line per change, for the terminal and the golden files of the tests."""
    return "\n".join([verdict(changes)] + [f"- {located(c)}" for c in changes if c.field != "file"])



def file_text(file: FileDiff, label: str = "journeys") -> str:
    """One changed file for the terminal: its path (both, when renamed), the verdict, one line per change."""
    renamed = file.old_path and file.new_path and file.old_path != file.new_path
    head = f"{label}/{file.old_path} → {label}/{file.new_path}" if renamed else f"{label}/{file.path}"
    if file.old_problems:
        return f"{head}\n  Die alte Fassung ließ sich nicht laden, darum kein Vergleich: {file.old_problems[0].message}"
    if file.new_path and file.new is None:
        return f"{head}\n  Die neue Fassung hat Fehler; prüfe sie mit: python -m macros validate {label}/{file.new_path}"
    if not file.changes:
        return f"{head}\n  " + ("Nur umformatiert: keine Änderung am Inhalt." if file.text_changed else "Keine Änderung.")
    lines = as_text(list(file.changes)).splitlines()
    if file.references:
        lines.append("Darauf verweist noch: " + "; ".join(f"{what} „{which}“" for what, which in file.references))
    return head + "\n" + "\n".join("  " + line for line in lines)


def since_review_block(last_reviewed: str, changes: tuple[Change, ...]) -> str:
    """On the journey page: what changed since the team last reviewed it; nothing when nothing did (or no history)."""
    if not changes:
        return ""
    items = "".join(f"<li>{located(change, html_text)}</li>" for change in changes)
    return (
        '<div class="admonition note kw-since-review">'
        f'<p class="admonition-title">Seit der letzten Überprüfung am {german_date(last_reviewed)} geändert</p>'
        f"<p>{html_text(verdict(list(changes)))}</p>"
        f"<details><summary>Alle {len(changes)} Änderungen</summary><ul>{items}</ul></details></div>"
    )
