"""One editing session: the catalog's texts, the file being edited, and its state for the page.

The editor runs the project's own code in the browser (Pyodide), so its checks
and its preview cannot drift from `python -m macros validate` and the site:
every state loads the whole catalog through `model.load_texts` (unchanged files
come from the memo, so only the edited one is parsed again) and renders through
the same fragment registry the site's pages use. Pure: texts in, JSON out.
"""
from __future__ import annotations

import copy
from pathlib import PurePosixPath

from .. import templates
from ..loader import ID_PATTERN, PERSONA_DIR, kind_of, load_texts
from ..model import Catalog
from ..problems import ERROR, Problem
from ..render.context import RenderContext
from ..render.fragments import expand, marker
from ..render.mermaid import journey_diagram
from ..schema import KINDS, load_schema
from ..site_map import EDITOR, RESERVED_IDS, relative
from ..today import today as current_date
from ..yamlsource import Document, read_document
from . import yaml_edit

LABEL = "journeys"  # how messages name the folder, as `python -m macros validate` run in the project does
PAGE_URL = EDITOR  # links in the preview start at the editor page
MEMO_SLACK = 64  # parsed versions of the edited file kept before the memo starts again


def _plain_keys() -> frozenset[str]:
    """Fields whose values are ids, codes or dates (written without quotes), from the schemas: the rest is text."""
    found = set()

    def visit(node, definitions):
        if isinstance(node, list):
            for item in node:
                visit(item, definitions)
        if not isinstance(node, dict):
            return
        for name, field in node.get("properties", {}).items():
            target = field.get("items", field)
            target = definitions.get(target.get("$ref", "").removeprefix("#/$defs/"), target)
            if "enum" in target or "format" in target or target.get("pattern", "").startswith("^[a-z0-9]"):
                found.add(name)
        for value in node.values():
            visit(value, definitions)

    for kind in KINDS:
        schema = load_schema(kind)
        visit(schema, schema.get("$defs", {}))
    return frozenset(found)


PLAIN_KEYS = _plain_keys()


class EditorError(ValueError):
    """A request the session cannot follow (an unknown file, a name that is taken); the message is German."""


def schema_reference(path: str, kind: str) -> str:
    """The `$schema` path from the file's folder, as `python -m macros new` writes it."""
    return "../" * len(PurePosixPath(path).parts) + f"macros/schemas/{kind}.schema.json"


def _pointer(doc: Document | None, line: int, column: int) -> list:
    """The deepest place in the document that starts where the message points."""
    if doc is None:
        return []
    for table in (doc.positions, doc.key_positions):
        found = [pointer for pointer, position in table.items() if position == (line, column)]
        if found:
            return list(max(found, key=len))
    return []


def _steps(data) -> list[dict]:
    """Step ids of a journey's data as choices, numbered "stage.step" like the journey map; safe on broken data."""
    choices = []
    stages = data.get("stages") if isinstance(data, dict) else None
    for s, stage in enumerate(stages if isinstance(stages, list) else [], start=1):
        steps = stage.get("steps") if isinstance(stage, dict) else None
        for n, step in enumerate(steps if isinstance(steps, list) else [], start=1):
            if isinstance(step, dict) and isinstance(step.get("id"), str) and step["id"]:
                action = step.get("action") if isinstance(step.get("action"), str) else ""
                choices.append({"value": step["id"], "label": f"{s}.{n} {action}".strip()})
    return choices


class EditorSession:
    def __init__(self, files: dict[str, str], page_url: str = PAGE_URL, today=None):
        self.files = dict(files)
        self.page_url = page_url
        self.today = today or current_date()  # the one notion of today, read once when the editor starts
        self.memo: dict = {}
        self.path = ""
        self.text = ""
        self.original = ""
        self.catalog = Catalog()  # as of the last state
        self.doc: Document | None = None  # the edited file as of the last state

    # --- what the page asks for ---

    def open(self, path: str) -> dict:
        if path not in self.files:
            raise EditorError(f"Die Datei „{path}“ gibt es im Katalog nicht.")
        self.path, self.text, self.original = path, self.files[path], self.files[path]
        return self.state()

    def create(self, kind: str, path: str) -> dict:
        source = PurePosixPath(path)
        if kind not in ("journey", "persona") or source.suffix != ".yml" or kind_of(source) != kind:
            raise EditorError(f"„{path}“ passt nicht zu einer neuen {'Persona' if kind == 'persona' else 'Journey'}: "
                              f"Personas liegen in {PERSONA_DIR}/, Journeys in einem Teamordner, Endung .yml.")
        if not ID_PATTERN.match(source.stem) or source.stem in RESERVED_IDS:
            raise EditorError(f"„{source.stem}“ taugt nicht als Kennung: nur Kleinbuchstaben a–z, Ziffern und Bindestriche.")
        if any(PurePosixPath(other).stem == source.stem for other in self.files):
            raise EditorError(f"Die Kennung „{source.stem}“ gibt es schon.")
        if kind == "persona":
            text = templates.persona_template(schema_reference(path, kind))
        else:
            personas = sorted(PurePosixPath(p).stem for p in self.files if kind_of(PurePosixPath(p)) == "persona")
            text = templates.journey_template(schema_reference(path, kind), personas[0] if personas else "kennung-der-persona")
        self.path, self.text, self.original = path, text, text
        return self.state()

    def set_text(self, text: str) -> dict:
        self._need_file()
        self.text = text
        return self.state()

    def apply(self, ops: list[dict]) -> dict:
        self._need_file()
        quick = self._quick_set(ops)
        if quick is not None:
            return quick
        try:
            self.text = yaml_edit.apply(self.text, ops, PLAIN_KEYS)
        except yaml_edit.EditError as error:
            raise EditorError(str(error)) from error
        return self.state()

    def _quick_set(self, ops: list[dict]) -> dict | None:
        """The form's most frequent edit, one value on its line, without composing the text first.

        The new text is read anyway for the state; only if its data is exactly the old data with the new value
        is it taken, otherwise the full patcher runs. Saves one parse per keystroke in a form field.
        """
        if len(ops) != 1 or ops[0].get("op") != "set" or self.doc is None:
            return None
        path, value = tuple(ops[0]["path"]), ops[0]["value"]
        if path not in self.doc.positions or not path:
            return None
        text = yaml_edit.replace_scalar(self.text, *self.doc.positions[path], value, yaml_edit.key_of(path), PLAIN_KEYS)
        if text is None:
            return None
        expected = copy.deepcopy(self.doc.data)
        parent = expected
        for step in path[:-1]:
            parent = parent[step]
        parent[path[-1]] = value
        loaded = self._load(text)
        if loaded[2] is None or loaded[2].data != expected:
            return None
        self.text = text
        return self._state(*loaded)

    # --- the state ---

    def _need_file(self) -> None:
        if not self.path:
            raise EditorError("Es ist keine Datei geöffnet.")

    def _load(self, text: str):
        """The catalog with `text` as the edited file, every problem, and that file's document."""
        if len(self.memo) > len(self.files) + MEMO_SLACK:
            self.memo.clear()
        catalog, problems = load_texts({**self.files, self.path: text}, label=LABEL, today=self.today, memo=self.memo)
        return catalog, problems, self._document(f"{LABEL}/{self.path}", text.encode("utf-8"))

    def state(self) -> dict:
        return self._state(*self._load(self.text))

    def _state(self, catalog: Catalog, problems: list[Problem], doc: Document | None) -> dict:
        where = f"{LABEL}/{self.path}"
        self.catalog, self.doc = catalog, doc
        ident = PurePosixPath(self.path).stem
        return {
            "path": self.path,
            "kind": kind_of(PurePosixPath(self.path)),
            "text": self.text,
            "changed": self.text != self.original,
            "data": doc.data if doc is not None else None,
            "problems": [self._problem(p, doc) for p in problems if p.path == where],
            "preview": self._preview(catalog, ident),
            "choices": {
                "personas": [{"value": p.id, "label": p.name} for p in catalog.sorted_personas()],
                "journeys": [{"value": j.id, "label": j.title} for j in catalog.sorted_journeys() if j.id != ident],
                "steps": _steps(doc.data if doc is not None else None),
            },
        }

    def _document(self, where: str, raw: bytes) -> Document | None:
        """The edited file's document as `load_texts` just read it: its memo keeps (document, problems, item) for
        each file version it read, so typing parses the file once. Read again only if the memo looks different."""
        for key, value in self.memo.items():
            if isinstance(key, tuple) and raw in key and where in key and isinstance(value[0], (Document, type(None))):
                return value[0]
        return read_document(where, raw)[0]

    @staticmethod
    def _problem(problem: Problem, doc: Document | None) -> dict:
        return {
            "severity": "error" if problem.severity == ERROR else "warning",
            "message": problem.message,
            "line": problem.line,
            "column": problem.column,
            "path": _pointer(doc, problem.line, problem.column),
        }

    def _preview(self, catalog: Catalog, ident: str) -> dict | None:
        """The site's own fragments for this file, or None while it has errors that stop rendering."""
        parts = preview_parts(catalog, ident, self.today, self.page_url)
        if parts is None:
            return None
        journey = catalog.journeys.get(ident)
        return {"html": "".join(parts), "mermaid": journey_diagram(journey) if journey else ""}


# What the preview shows of each kind: the same fragments, in the same order, as the kind's page on the site.
PREVIEW_FRAGMENTS = {"journey": ("journey_map", "service_blueprint"), "persona": ("persona_card",)}


def preview_parts(catalog: Catalog, ident: str, today, page_url: str = PAGE_URL) -> list[str] | None:
    """Each fragment of the preview as the site's Markdown extension renders it, or None if it cannot be drawn."""
    journey = catalog.journeys.get(ident)
    if journey is not None and journey.persona in catalog.personas:
        kind = "journey"
    elif ident in catalog.personas:
        kind = "persona"
    else:
        return None
    context = RenderContext(catalog, today, lambda target: relative(page_url, target))
    return [expand(marker(name, ident), context) for name in PREVIEW_FRAGMENTS[kind]]
