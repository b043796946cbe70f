"""One editing session: the catalog's texts, the file being edited, and its state for the page.

The editor runs the project's own code in the browser (Pyodide), so its checks
and its preview cannot drift from `python -m macros validate` and the site:
every state loads the whole catalog through `model.load_texts` (unchanged files
come from the memo, so only the edited one is parsed again) and renders through
the same fragment registry the site's pages use. Pure: texts in, JSON out.
"""
from __future__ import annotations

from pathlib import PurePosixPath

from .. import templates
from ..model import ID_PATTERN, PERSONA_DIR, RESERVED_IDS, Catalog, kind_of, load_texts
from ..problems import ERROR, Problem
from ..render.blocks import relative
from ..render.fragments import expand, marker
from ..render.mermaid import journey_diagram
from ..yamlsource import Document, read_document
from . import yaml_edit

LABEL = "journeys"  # how messages name the folder, as `python -m macros validate` run in the project does
PAGE_URL = "mitmachen/editor/"  # the editor page, relative to the site root; links in the preview start here
MEMO_SLACK = 64  # parsed versions of the edited file kept before the memo starts again


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
    def __init__(self, files: dict[str, str], page_url: str = PAGE_URL):
        self.files = dict(files)
        self.page_url = page_url
        self.memo: dict = {}
        self.path = ""
        self.text = ""
        self.original = ""
        self.catalog = Catalog()  # as of the last state

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
        try:
            self.text = yaml_edit.apply(self.text, ops)
        except yaml_edit.EditError as error:
            raise EditorError(str(error)) from error
        return self.state()

    # --- the state ---

    def _need_file(self) -> None:
        if not self.path:
            raise EditorError("Es ist keine Datei geöffnet.")

    def state(self) -> dict:
        where = f"{LABEL}/{self.path}"
        if len(self.memo) > len(self.files) + MEMO_SLACK:
            self.memo.clear()
        catalog, problems = load_texts({**self.files, self.path: self.text}, label=LABEL, memo=self.memo)
        self.catalog = catalog
        doc, _ = read_document(where, self.text.encode("utf-8"))
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
        parts = preview_parts(catalog, ident, self.page_url)
        if parts is None:
            return None
        journey = catalog.journeys.get(ident)
        return {"html": "".join(parts), "mermaid": journey_diagram(journey) if journey else ""}


# What the preview shows of each kind: the same fragments, in the same order, as the kind's page on the site.
PREVIEW_FRAGMENTS = {"journey": ("journey_map", "service_blueprint"), "persona": ("persona_card",)}


def preview_parts(catalog: Catalog, ident: str, page_url: str = PAGE_URL) -> list[str] | None:
    """Each fragment of the preview as the site's Markdown extension renders it, or None if it cannot be drawn."""
    journey = catalog.journeys.get(ident)
    if journey is not None and journey.persona in catalog.personas:
        kind = "journey"
    elif ident in catalog.personas:
        kind = "persona"
    else:
        return None
    return [expand(marker(name, ident), catalog, lambda target: relative(page_url, target)) for name in PREVIEW_FRAGMENTS[kind]]
