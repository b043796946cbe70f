"""The Python bundle for the editor page: self-contained, pure Python, and the `rpds` stand-in behaves like rpds."""
from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import rpds
from hypothesis import given
from hypothesis import strategies as st

from macros.editor import rpds_standin
from macros.editor.bundle import BUNDLE, CATALOG, ENGINE, bundle, editor_files
from macros.vendor import PYODIDE

from .helpers import property_settings

REPO = Path(__file__).resolve().parent.parent
PASSAMT = "buergerservice/passamt-kinderpass.yml"

# Runs with only the unpacked bundle on the path (-I -S: no site-packages, no user site, no environment).
IN_THE_BUNDLE = """
import json, sys
sys.path.insert(0, ".")
from macros.editor.session import EditorSession
files = json.loads(sys.stdin.read())
session = EditorSession(files)
session.open(%r)
states = [session.set_text(files[%r].replace(old, new, 1)) for old, new in %r]
print(json.dumps({"modules": sorted(sys.modules), "states": states}))
"""
CHANGES = [("emotion: 3", "emotion: 7"), ("touchpoint:", "touchpont:"), ("persona: amira-alleinerziehend", "persona: amira"), ("", "")]


def test_the_bundle_runs_the_editor_without_site_packages_and_gives_the_same_states(tmp_path):
    with zipfile.ZipFile(io.BytesIO(bundle())) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path)
    assert not [n for n in names if n.endswith((".so", ".pyd", ".pyc"))]
    assert (tmp_path / "rpds" / "__init__.py").read_bytes() == Path(rpds_standin.__file__).read_bytes()
    files = {p.relative_to(REPO / "journeys").as_posix(): p.read_text(encoding="utf-8") for p in sorted((REPO / "journeys").rglob("*.yml"))}
    result = subprocess.run(
        [sys.executable, "-I", "-S", "-c", IN_THE_BUNDLE % (PASSAMT, PASSAMT, CHANGES)],
        cwd=tmp_path, input=json.dumps(files), capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert not {"mkdocs", "markdown", "jinja2", "yaml._yaml", "_rpds"} & set(out["modules"])
    from macros.editor.session import EditorSession

    session = EditorSession(files)
    session.open(PASSAMT)
    assert out["states"] == [session.set_text(files[PASSAMT].replace(old, new, 1)) for old, new in CHANGES]
    assert [bool(s["problems"]) for s in out["states"]] == [True, True, True, False]


def test_the_build_adds_bundle_catalog_and_where_pyodide_lies():
    files = {f.path: f.content for f in editor_files(REPO / "journeys")}
    assert set(files) == {BUNDLE, CATALOG, ENGINE}
    catalog = json.loads(files[CATALOG])["files"]
    assert catalog[PASSAMT] == (REPO / "journeys" / PASSAMT).read_text(encoding="utf-8")
    assert json.loads(files[ENGINE])["pyodide"] == f"assets/vendor/pyodide/{PYODIDE.version}/"
    assert (REPO / "docs" / PYODIDE.folder / "pyodide.mjs").is_file(), "make fetches Pyodide (python -m macros fetch-pyodide)"


# Keys as referencing uses them: URIs, and (URI, anchor name) pairs. (rpds itself panics comparing str with int.)
keys = st.one_of(st.text(max_size=2), st.tuples(st.text(max_size=1), st.text(max_size=1)))
map_ops = st.lists(st.tuples(st.sampled_from(["insert", "discard", "remove", "update", "convert"]), keys, st.integers()), max_size=12)


@property_settings(200)
@given(st.dictionaries(keys, st.integers(), max_size=4), map_ops)
def test_the_map_stand_in_behaves_like_rpds(start, ops):
    def run(module):
        value, seen = module.HashTrieMap(start), []
        for name, key, number in ops:
            try:
                if name == "insert":
                    value = value.insert(key, number)
                elif name == "update":
                    value = value.update({key: number}, [(key, number + 1)])
                elif name == "convert":
                    value = module.HashTrieMap.convert(value)
                else:
                    value = getattr(value, name)(key)
            except KeyError:
                seen.append("KeyError")
            seen.append((dict(value.items()), len(value), key in value, value.get(key), sorted(map(repr, value.keys()))))
        same = module.HashTrieMap(dict(value))
        return seen, value == dict(value), value == same, hash(value) == hash(same)

    assert run(rpds_standin) == run(rpds)


@property_settings(200)
@given(st.frozensets(keys, max_size=4), st.lists(st.tuples(st.sampled_from(["insert", "discard", "remove", "update"]), keys), max_size=12))
def test_the_set_and_list_stand_ins_behave_like_rpds(start, ops):
    def run(module):
        value, items, seen = module.HashTrieSet(start), module.List(sorted(start, key=repr)), []
        for name, key in ops:
            try:
                value = value.update([key], {key}) if name == "update" else getattr(value, name)(key)
            except KeyError:
                seen.append("KeyError")
            items = items.push_front(key)
            seen.append((set(value), len(value), key in value, list(items), len(items), items.first, list(items.rest)))
        seen.append((list(items.drop_first()) if len(items) else None, items == module.List(list(items))))
        return seen

    assert run(rpds_standin) == run(rpds)


def test_readers_pay_nothing_no_page_but_the_editor_refers_to_the_engine(repo_site):
    """Only the editor page imports engine.mjs; every other page neither loads nor names Pyodide or the bundle."""
    pages = [p for p in repo_site.rglob("*.html") if p.relative_to(repo_site).as_posix() != "mitmachen/editor/index.html"]
    assert len(pages) > 50
    naming = [p for p in pages if "assets/editor/" in (text := p.read_text(encoding="utf-8")) or "vendor/pyodide" in text]
    assert naming == []
    assert (repo_site / ENGINE).is_file() and (repo_site / BUNDLE).is_file() and (repo_site / CATALOG).is_file()


def test_a_pyodide_tarball_that_is_not_the_pinned_one_is_refused(tmp_path):
    from macros.vendor import fetch

    (tmp_path / f"pyodide-{PYODIDE.version}.tgz").write_bytes(b"not the release")
    with pytest.raises(SystemExit, match="Prüfsumme stimmt nicht"):
        fetch(PYODIDE, tmp_path / "pyodide", tmp_path)
    assert not (tmp_path / "pyodide").exists()
