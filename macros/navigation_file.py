"""The pages of the navigation in reading order, written beside the built site for tools that read it (`make pdf`).

The built HTML shows the navigation too, but in the theme's markup, which
changes with the theme. The MkDocs plugin knows the navigation itself and
writes it here, as page addresses relative to the site root ("" is the start).
"""
from __future__ import annotations

import json
from pathlib import Path

NAME = "navigation.json"


def write(site_dir: Path, addresses: list[str]) -> None:
    (site_dir / NAME).write_text(json.dumps({"pages": addresses}, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


def read(site_dir: Path) -> list[str] | None:
    """The addresses in navigation order, or None for a site built without the plugin."""
    path = site_dir / NAME
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))["pages"]
