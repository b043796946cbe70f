"""Versions of `journeys/` from git: what changed since a base, and each file before and after.

An adapter: it runs git (I/O) and hands loaded models and their changes to the
pure renderers. Of the base version only the changed files are loaded, with
`load_texts`, while every other file of that tree counts as a known id, so
cross-file checks work as in a build; a base version that does not load is
reported, never a crash. The new side is the working tree, loaded as the build
loads it, so local edits count before they are committed.
"""
from __future__ import annotations

import datetime as dt
import re
import subprocess
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from .journey_diff import Change, FileDiff, Version, diff
from .loader import load_catalog, load_texts
from .model import Catalog
from .problems import Problem

DEFAULT_BASES = ("main", "origin/main")
_LINK_MODE = "120000"  # a symbolic link in a git tree: never read


class GitError(Exception):
    """git is missing, this is no repository, or the base is unknown; the message says which, in German."""


def _git(repo: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        return subprocess.run(["git", *args], cwd=repo, input=stdin, capture_output=True, check=True, timeout=120).stdout
    except FileNotFoundError:
        raise GitError("git ist nicht installiert.") from None
    except subprocess.CalledProcessError as error:
        detail = error.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]} ging nicht: {detail[0] if detail else error.returncode}") from None


def merge_base(repo: Path, base: str | None = None) -> str:
    """The commit to compare with: the merge base of HEAD and `base` (default: `main`, else `origin/main`)."""
    tried = []
    for candidate in [base] if base else DEFAULT_BASES:
        try:
            return _git(repo, "merge-base", "HEAD", candidate).decode().strip()
        except GitError as error:
            tried.append(f"„{candidate}“ ({error})")
    raise GitError(f"Keinen gemeinsamen Stand mit {' oder '.join(tried)} gefunden. Nenne den Vergleichsstand, etwa origin/main.")


class TreeTexts(Mapping):
    """The YAML files under `folder` in a commit, by source relative to `folder`; symbolic links are left out.

    Every source is known at once (ids for cross-file checks); contents come from git when asked, many at a
    time through `prefetch`, so comparing ten changed files among a thousand reads ten.
    """

    def __init__(self, repo: Path, commit: str, folder: str = "journeys"):
        listing = _git(repo, "ls-tree", "-r", "-z", commit, "--", f"{folder}/").decode("utf-8", "surrogateescape")
        self._repo = repo
        self._shas: dict[str, str] = {}
        self._contents: dict[str, bytes] = {}
        for entry in filter(None, listing.split("\0")):
            meta, path = entry.split("\t", 1)
            mode, kind, sha = meta.split()
            if kind == "blob" and mode != _LINK_MODE and path.endswith((".yml", ".yaml")):
                self._shas[PurePosixPath(path).relative_to(folder).as_posix()] = sha

    def prefetch(self, sources) -> None:
        wanted = [s for s in sources if s in self._shas and s not in self._contents]
        for source, content in zip(wanted, _cat_files(self._repo, [self._shas[s] for s in wanted])):
            self._contents[source] = content or b""

    def __getitem__(self, source: str) -> bytes:
        if source not in self._contents:
            if source not in self._shas:
                raise KeyError(source)
            self.prefetch([source])
        return self._contents[source]

    def __iter__(self):
        return iter(self._shas)

    def __len__(self) -> int:
        return len(self._shas)


def _cat_files(repo: Path, names: list[str]) -> list[bytes | None]:
    """The contents of many objects ("sha" or "commit:./path") in one git call; None for what does not exist."""
    if not names:
        return []
    out = _git(repo, "cat-file", "--batch", stdin="".join(f"{name}\n" for name in names).encode())
    contents, position = [], 0
    for _ in names:
        header_end = out.index(b"\n", position)
        header = out[position:header_end].split()
        if header[-1] == b"missing" or len(header) != 3:
            contents.append(None)
            position = header_end + 1
            continue
        size = int(header[2])
        contents.append(out[header_end + 1 : header_end + 1 + size])
        position = header_end + 1 + size + 1
    return contents


def changed_files(repo: Path, base: str, folder: str = "journeys") -> list[tuple[str, str]]:
    """(old source, new source) of each YAML file under `folder` that differs between `base` and the working tree.

    Renames are followed; "" stands for a side where the file does not exist. Untracked new files count too.
    """
    raw = _git(repo, "diff", "--relative", "--name-status", "-z", "-M", base, "--", f"{folder}/").decode("utf-8", "surrogateescape")
    fields = raw.split("\0")
    pairs, index = [], 0
    while index < len(fields) and fields[index]:
        status = fields[index]
        if status[0] in "RC":
            old, new = fields[index + 1], fields[index + 2]
            index += 3
        else:
            path = fields[index + 1]
            old, new = ("", path) if status[0] == "A" else (path, "") if status[0] == "D" else (path, path)
            index += 2
        pairs.append((old, new))
    untracked = _git(repo, "ls-files", "-z", "--others", "--exclude-standard", "--", f"{folder}/").decode("utf-8", "surrogateescape")
    pairs += [("", path) for path in untracked.split("\0") if path]

    def source(path: str) -> str:
        return PurePosixPath(path).relative_to(folder).as_posix() if path else ""

    return [(source(old), source(new)) for old, new in pairs if (old or new).endswith((".yml", ".yaml"))]


def find(catalog: Catalog, source: str) -> Version:
    """The journey or persona loaded from `source`, or None."""
    ident = PurePosixPath(source).stem
    item = catalog.journeys.get(ident) or catalog.personas.get(ident)
    return item if item is not None and item.source == source else None


def file_diffs(repo: Path, base: str, today: dt.date, folder: str = "journeys") -> tuple[list[FileDiff], Catalog, list[Problem]]:
    """Each changed file with both versions and its changes, plus the new catalog and its problems."""
    repo = Path(repo)
    changed = changed_files(repo, base, folder)
    old_texts = TreeTexts(repo, base, folder)
    old_sources = [old for old, _ in changed if old in old_texts]
    old_texts.prefetch(old_sources)
    old_catalog, old_problems = load_texts(old_texts, label=folder, today=today, only=old_sources)
    new_catalog, new_problems = load_catalog(repo / folder, label=folder, today=today)
    result = []
    for old_source, new_source in changed:
        old = find(old_catalog, old_source) if old_source else None
        new = find(new_catalog, new_source) if new_source else None
        broken = tuple(p for p in old_problems if old is None and old_source and p.path == f"{folder}/{old_source}" and p.is_error)
        new_path = repo / folder / new_source
        same_text = bool(old_source and new_source and new_path.is_file() and not new_path.is_symlink()
                         and old_source in old_texts and old_texts[old_source] == new_path.read_bytes())
        result.append(FileDiff(
            old_path=old_source,
            new_path=new_source,
            old=old,
            new=new,
            changes=() if new_source and new is None else tuple(diff(old, new, today)),
            text_changed=not same_text,
            old_problems=broken,
            references=references_to(repo, new_catalog, old) if old is not None and not new_source else (),
        ))
    return result, new_catalog, new_problems


_MACRO = re.compile(r"\{\{(.*?)\}\}", re.S)


def references_to(repo: Path, catalog: Catalog, gone: Version) -> tuple[tuple[str, str], ...]:
    """What still refers to a deleted journey or persona: comparisons, journeys, its open improvements, practice pages."""
    found = [("Vergleich", j.title) for j in catalog.sorted_journeys() if j.compare_with == gone.id]
    found += [("Journey", j.title) for j in catalog.journeys_of(gone.id)]
    found += [("offene Maßnahme", i.action) for i in getattr(gone, "improvements", ()) if i.status != "done"]
    quoted = re.compile(r"""["']""" + re.escape(gone.id) + r"""["']""")
    docs = repo / "docs"
    for page in sorted(docs.rglob("*.md")) if docs.is_dir() else ():
        if page.is_symlink():
            continue
        text = page.read_text(encoding="utf-8", errors="replace")
        if any(quoted.search(call) for call in _MACRO.findall(text)):
            found.append(("Praxisseite", page.relative_to(repo).as_posix()))
    return tuple(found)


def changes_since_review(root: Path, catalog: Catalog, today: dt.date) -> dict[str, tuple[Change, ...]]:
    """For each journey: what changed since the version of its review date (`last_reviewed`), by journey id.

    The reviewed version is the file in the newest commit of that day or before. Without git, without history
    (a shallow clone) or when the file did not exist then, a journey has no entry: nothing shows.
    Only files whose content differs (git object ids, four git calls for the whole catalog) are loaded again.
    Renamed files are not followed here.
    """
    reviewed = [j for j in catalog.sorted_journeys() if j.last_reviewed]
    try:
        log = _git(root, "log", "--format=%H %cs", "HEAD").decode().split()
        commits = list(zip(log[0::2], log[1::2]))  # newest first
        asked = []
        for journey in reviewed:
            commit = next((sha for sha, day in commits if day <= journey.last_reviewed), None)
            if commit:
                asked.append((journey, f"{commit}:./{journey.source}"))
        if not asked:
            return {}
        then = _git(root, "cat-file", "--batch-check=%(objectname)", stdin="".join(f"{name}\n" for _, name in asked).encode())
        now = _git(root, "hash-object", "--stdin-paths", stdin="".join(f"{Path(root).resolve() / j.source}\n" for j, _ in asked).encode())
        differing = [(j, name) for (j, name), old, new in zip(asked, then.decode().splitlines(), now.decode().splitlines())
                     if not old.endswith(" missing") and old != new]
        texts = _cat_files(root, [name for _, name in differing])
    except GitError:
        return {}
    result = {}
    for (journey, _), text in zip(differing, texts):
        if text is None:
            continue
        old = find(load_texts({journey.source: text}, today=today)[0], journey.source)
        changes = tuple(diff(old, journey, today)) if old is not None else ()
        if changes:
            result[journey.id] = changes
    return result
