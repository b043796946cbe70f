"""The calls the editor's web worker makes into Python; each returns the state as a JSON string.

One session per worker: `start` hands over the catalog (`assets/editor/catalog.json`),
then `open`, `create`, `set_text` and `apply` edit one file at a time.
Strings in, strings out, so nothing but text crosses between JavaScript and Python.
"""
from __future__ import annotations

import json

from .session import PAGE_URL, EditorSession

_session: EditorSession | None = None


def start(catalog_json: str, page_url: str = PAGE_URL) -> None:
    global _session
    _session = EditorSession(json.loads(catalog_json)["files"], page_url)


def _current() -> EditorSession:
    if _session is None:
        raise RuntimeError("start() first")
    return _session


def _dump(state: dict) -> str:
    return json.dumps(state, ensure_ascii=False)


def open(path: str) -> str:  # noqa: A001 - the contract's name
    return _dump(_current().open(path))


def create(kind: str, path: str) -> str:
    return _dump(_current().create(kind, path))


def set_text(text: str) -> str:
    return _dump(_current().set_text(text))


def apply(ops_json: str) -> str:
    return _dump(_current().apply(json.loads(ops_json)))
