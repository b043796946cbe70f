"""The files the editor page loads besides Pyodide: the Python bundle, the catalog's texts, where Pyodide lies.

Pyodide from npm is Python without packages. The editor needs the project's own
package `macros/` and the pure-Python parts of its pinned dependencies, so the
build zips them from the installed packages (compiled modules left out: PyYAML
runs without its C extension, and `rpds` is replaced by `rpds_standin`). The zip
is deterministic (sorted entries, fixed times), so an unchanged bundle keeps its
ETag and the browser's cached copy. `catalog.json` holds every journey and
persona as written, for opening a file and for the rules across files.
"""
from __future__ import annotations

import io
import json
import zipfile
from functools import cache
from importlib import metadata
from pathlib import Path

from ..model import yaml_files
from ..render.export import GeneratedFile
from ..vendor import PYODIDE

BUNDLE = "assets/editor/kundenwege-py.zip"
CATALOG = "assets/editor/catalog.json"
ENGINE = "assets/editor/engine.json"  # what the worker reads first: where Pyodide, the bundle and the catalog are
# The distributions `import macros.editor.api` needs, as pinned in requirements.txt (rpds-py: see rpds_standin).
DISTRIBUTIONS = ("PyYAML", "attrs", "fastjsonschema", "jsonschema", "jsonschema-specifications", "referencing", "typing_extensions")
PACKAGE = Path(__file__).resolve().parent.parent
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _wanted(parts: tuple[str, ...]) -> bool:
    """Source and data files; no compiled modules, caches, test suites or install records."""
    name = parts[-1]
    if "__pycache__" in parts or "tests" in parts or name.endswith((".so", ".pyd", ".pyc", ".pyi")):
        return False
    if parts[0].endswith(".dist-info"):
        return name == "METADATA"
    return True


def _files() -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for name in DISTRIBUTIONS:
        for entry in metadata.distribution(name).files or ():
            if entry.parts[0] != ".." and _wanted(entry.parts):
                files[entry.as_posix()] = entry.locate().read_bytes()
    for path in sorted(PACKAGE.rglob("*")):
        relative = path.relative_to(PACKAGE.parent)
        if path.is_file() and path.suffix in (".py", ".json") and _wanted(relative.parts) and "theme" not in relative.parts:
            files[relative.as_posix()] = path.read_bytes()
    files["rpds/__init__.py"] = (Path(__file__).parent / "rpds_standin.py").read_bytes()
    return files


@cache
def bundle() -> bytes:
    """The zip the worker unpacks onto Python's path in Pyodide (built once per process)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, content in sorted(_files().items()):
            info = zipfile.ZipInfo(name, _ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return out.getvalue()


def catalog_texts(journeys_root: Path) -> dict[str, str]:
    """Every journey and persona file as written, by path under the journeys folder."""
    root = Path(journeys_root)
    return {path.relative_to(root).as_posix(): path.read_text(encoding="utf-8") for path in yaml_files(root)}


def editor_files(journeys_root: Path) -> list[GeneratedFile]:
    """What the build adds for the editor page, under MkDocs (plugin) and other builders (`build_input`)."""
    engine = {"pyodide": f"{PYODIDE.folder}/", "bundle": BUNDLE, "catalog": CATALOG}
    return [
        GeneratedFile(BUNDLE, bundle()),
        GeneratedFile(CATALOG, json.dumps({"files": catalog_texts(journeys_root)}, ensure_ascii=False, sort_keys=True)),
        GeneratedFile(ENGINE, json.dumps(engine)),
    ]
