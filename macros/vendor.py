"""Fetch the pinned Mermaid release from the npm registry into the site's assets.

The site serves Mermaid itself (no CDN at run time). The package is checked
against the registry's published sha512 integrity before anything is unpacked;
only the ES module build is kept, so a page loads just the diagram types it uses.
"""
from __future__ import annotations

import base64
import hashlib
import io
import shutil
import tarfile
import urllib.request
from pathlib import Path

MERMAID_VERSION = "12.3.0"
MERMAID_INTEGRITY = "sha512-4113TdXeLAsMruJ79OpFL5O8+LTFXhQqZ260rF3tgUmiNAtRm4Uume04I+65PRN6yZ69J4f8rVYWW8zRk65UYw=="
TARBALL = f"https://registry.npmjs.org/mermaid/-/mermaid-{MERMAID_VERSION}.tgz"
KEEP = ("package/dist/mermaid.esm.min.mjs", "package/dist/chunks/mermaid.esm.min/")
ENTRY = "mermaid.esm.min.mjs"


def _check(data: bytes) -> None:
    algorithm, _, expected = MERMAID_INTEGRITY.partition("-")
    actual = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if actual != expected:
        raise SystemExit(f"Mermaid {MERMAID_VERSION}: Prüfsumme stimmt nicht (erwartet {expected}, erhalten {actual}).")


def fetch_mermaid(target: Path, cache: Path) -> Path:
    """Install Mermaid into `target` (a folder under docs/); the tarball is cached in `cache`."""
    entry = target / ENTRY
    stamp = target / "VERSION"
    if entry.exists() and stamp.exists() and stamp.read_text().strip() == MERMAID_VERSION:
        return entry
    cache.mkdir(parents=True, exist_ok=True)
    tarball = cache / f"mermaid-{MERMAID_VERSION}.tgz"
    if not tarball.exists():
        print(f"Lade Mermaid {MERMAID_VERSION} aus der npm-Registry …")
        with urllib.request.urlopen(TARBALL, timeout=120) as response:
            data = response.read()
        _check(data)
        tarball.write_bytes(data)
    data = tarball.read_bytes()
    _check(data)
    if target.exists():
        shutil.rmtree(target)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member in archive.getmembers():
            if not member.isfile() or member.name.endswith(".map") or not member.name.startswith(KEEP):
                continue
            relative = member.name.removeprefix("package/dist/")
            if ".." in Path(relative).parts:
                continue
            destination = target / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(archive.extractfile(member).read())
    stamp.write_text(MERMAID_VERSION + "\n")
    return entry
