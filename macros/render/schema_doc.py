"""The schema reference page and the field table of the editing guide, generated from the JSON Schema itself."""
from __future__ import annotations

from ..schema import resolved_schema
from .escape import html_text
from .html import scroll_table

_TYPES = {"string": "Text", "integer": "ganze Zahl", "boolean": "true/false", "array": "Liste", "object": "Felder"}
_SECTION_NAMES = {"stages": "Phase (ein Eintrag in stages)", "steps": "Schritt (ein Eintrag in steps)",
                  "kpis": "Kennzahl (ein Eintrag in kpis)", "improvements": "Verbesserung (ein Eintrag in improvements)",
                  "pain_points": "Schmerzpunkt mit Feldern (ein Eintrag in pain_points, statt eines Texts)"}


def _type_of(prop: dict) -> str:
    if "enum" in prop:
        return "einer von: " + ", ".join(f"<code>{html_text(str(v))}</code>" for v in prop["enum"])
    kind = prop.get("type", "")
    if kind == "array":
        items = prop.get("items", {})
        if "anyOf" in items:
            return "Liste von " + " oder ".join(_item_name(choice) for choice in items["anyOf"])
        return "Liste von " + _item_name(items)
    if prop.get("format") == "date":
        return "Datum (JJJJ-MM-TT)"
    if kind == "integer" and "minimum" in prop:
        return f"ganze Zahl {prop['minimum']}–{prop['maximum']}"
    if prop.get("pattern", "").startswith("^[a-z0-9]"):
        return "Kennung (a–z, 0–9, -)"
    return _TYPES.get(kind, kind)


def _item_name(items: dict) -> str:
    if items.get("type") == "object":
        return "Einträgen (siehe unten)"
    if items.get("pattern", "").startswith("^[a-z0-9]"):
        return "Kennungen"
    return _TYPES.get(items.get("type"), "Werten")


def _objects(schema: dict, title: str):
    """Yield (title, object schema) for the object and every nested object, in reading order."""
    yield title, schema
    for name, prop in schema.get("properties", {}).items():
        items = prop.get("items", {}) if prop.get("type") == "array" else {}
        for choice in items.get("anyOf", [items]):
            if choice.get("type") == "object":
                yield from _objects(choice, _SECTION_NAMES.get(name, name))


def schema_reference(kind: str) -> str:
    root = resolved_schema(kind)
    parts = [f'<div class="kw-schema"><p>{html_text(root.get("description", ""))}</p>']
    for title, obj in _objects(root, root.get("title", kind)):
        required = set(obj.get("required", ()))
        rows = "".join(
            f"<tr><td><code>{html_text(name)}</code></td><td>{'ja' if name in required else 'nein'}</td>"
            f"<td>{_type_of(prop)}</td><td>{html_text(prop.get('description', ''))}</td></tr>"
            for name, prop in obj.get("properties", {}).items()
        )
        parts.append(
            f'<table class="kw-table"><caption>{html_text(title)}</caption><thead><tr><th scope="col">Feld</th>'
            f'<th scope="col">Pflicht</th><th scope="col">Typ</th><th scope="col">Bedeutung</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>"
        )
    parts.append("</div>")
    return "".join(parts)


def _meaning(prop: dict) -> str:
    """What goes into a field: its German title, then the schema's description (without repeating the title)."""
    title, text = prop.get("title", ""), prop.get("description", "")
    if not text or text.startswith(title):
        return html_text(text or title)
    return f"<strong>{html_text(title)}</strong>: {html_text(text)}"


def field_table(kind: str) -> str:
    """Every field of one kind in one table, nested objects as sections: the short reference for editors."""
    root = resolved_schema(kind)
    rows = []
    for number, (title, obj) in enumerate(_objects(root, root.get("title", kind))):
        if number:
            rows.append(f'<tr><th scope="colgroup" colspan="3">{html_text(title)}</th></tr>')
        required = set(obj.get("required", ()))
        rows += [
            f"<tr><td><code>{html_text(name)}</code></td><td>{'ja' if name in required else 'nein'}</td><td>{_meaning(prop)}</td></tr>"
            for name, prop in obj.get("properties", {}).items()
        ]
    return scroll_table(f"Felder: {root.get('title', kind)}", ["Feld", "Pflicht", "Was hineingehört"], rows)
