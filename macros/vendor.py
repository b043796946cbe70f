"""Fetch the pinned Mermaid and Pyodide releases from the npm registry into the site's assets.

The site serves both itself (no CDN at run time). Each package is checked
against the registry's published sha512 integrity before anything is unpacked;
only the files the site loads are kept: Mermaid's ES module build (a page loads
just the diagram types it uses) and Pyodide's core (the editor page's Python).
Pyodide lies in a folder named after its version, so a browser that cached one
release never mixes its files with the next.
"""
from __future__ import annotations

import base64
import hashlib
import io
import shutil
import tarfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Release:
    name: str  # the npm package, and the folder under assets/vendor/
    title: str  # for messages
    version: str
    integrity: str  # the registry's `dist.integrity`
    keep: tuple[str, ...]  # paths in the tarball (a trailing slash keeps a folder)
    strip: str  # prefix removed from kept paths
    entry: str  # the file pages import
    versioned: bool = False  # installed into a folder named after the version

    @property
    def tarball(self) -> str:
        return f"https://registry.npmjs.org/{self.name}/-/{self.name}-{self.version}.tgz"

    @property
    def folder(self) -> str:
        """Where the files lie in the site, relative to its root."""
        return f"assets/vendor/{self.name}" + (f"/{self.version}" if self.versioned else "")


MERMAID = Release(
    "mermaid", "Mermaid", "12.3.0",
    "sha512-4113TdXeLAsMruJ79OpFL5O8+LTFXhQqZ260rF3tgUmiNAtRm4Uume04I+65PRN6yZ69J4f8rVYWW8zRk65UYw==",
    ("package/dist/mermaid.esm.min.mjs", "package/dist/chunks/mermaid.esm.min/"), "package/dist/", "mermaid.esm.min.mjs",
)
# 0.29.x is the newest line that ships pyodide.asm.js (314.x ships pyodide.asm.mjs instead); Python 3.13.
PYODIDE = Release(
    "pyodide", "Pyodide", "0.29.5",
    "sha512-TkYrUv9m8QmfImADKRmpwZulL48E0uUaBSO+dvRQKyAJc0qh9gu7jn8btyHPh3NZm1r2IH2YrJhIr7Q2B9urAw==",
    tuple(f"package/{name}" for name in ("pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")),
    "package/", "pyodide.mjs", versioned=True,
)


def _check(release: Release, data: bytes) -> None:
    algorithm, _, expected = release.integrity.partition("-")
    actual = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if actual != expected:
        raise SystemExit(f"{release.title} {release.version}: Prüfsumme stimmt nicht (erwartet {expected}, erhalten {actual}).")


def fetch(release: Release, target: Path, cache: Path) -> Path:
    """Install `release` into `target` (its folder under docs/assets/vendor/); the tarball is cached in `cache`.

    `target/VERSION` records what is installed; a versioned release goes into `target/<version>/`.
    """
    home = target / release.version if release.versioned else target
    entry = home / release.entry
    stamp = target / "VERSION"
    if entry.exists() and stamp.exists() and stamp.read_text().strip() == release.version:
        return entry
    cache.mkdir(parents=True, exist_ok=True)
    tarball = cache / f"{release.name}-{release.version}.tgz"
    if not tarball.exists():
        print(f"Lade {release.title} {release.version} aus der npm-Registry …")
        with urllib.request.urlopen(release.tarball, timeout=300) as response:
            data = response.read()
        _check(release, data)
        tarball.write_bytes(data)
    data = tarball.read_bytes()
    _check(release, data)
    if target.exists():
        shutil.rmtree(target)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member in archive.getmembers():
            if not member.isfile() or member.name.endswith(".map") or not member.name.startswith(release.keep):
                continue
            relative = member.name.removeprefix(release.strip)
            if ".." in Path(relative).parts:
                continue
            destination = home / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(archive.extractfile(member).read())
    stamp.write_text(release.version + "\n")
    return entry


def fetch_mermaid(target: Path, cache: Path) -> Path:
    return fetch(MERMAID, target, cache)


def fetch_pyodide(target: Path, cache: Path) -> Path:
    return fetch(PYODIDE, target, cache)
