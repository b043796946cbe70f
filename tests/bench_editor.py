"""The editor's engine in Chromium: cold load to the first preview, and an edit to the updated state.

Builds the real handbook, serves it on 127.0.0.1 and, in a fresh browser context (empty cache), starts the
engine the way the editor page does, opens the largest journey of the repository and times:
- cold load: from importing engine.mjs to the first state with preview (Pyodide, bundle, catalog, first check),
- the same after a reload with the browser's cache (what a second visit costs),
- an edit: one `apply` setting an emotion, and one `setText` (a typed character), each until the new state
  (checks across files and preview included) is back on the page; median and p95 over `--edits` edits,
  every edit giving a text not seen before, so no cached result helps.
Also the bytes the editor page loads for the engine, as served and gzip-compressed, and the same edits in CPython
as CPU time (PyYAML without libyaml, as in Pyodide): on a shared machine the browser's wall-clock times carry the
other load, the CPU time does not.
Run alone: `.venv/bin/python -m tests.bench_editor`; `make bench` runs it too.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from macros.editor.bundle import BUNDLE, CATALOG, ENGINE
from macros.local_browser import CHROMIUM_ARGS, chromium_path, serve
from macros.vendor import PYODIDE

REPO = Path(__file__).resolve().parent.parent
PAGE = "mitmachen/"  # any page of the handbook; the engine does not care which
ENGINE_FILES = [f"{PYODIDE.folder}/{name.removeprefix(PYODIDE.strip)}" for name in PYODIDE.keep] + [
    BUNDLE, CATALOG, ENGINE, "assets/editor/engine.mjs", "assets/editor/worker.mjs"]

COLD = """async (path) => {
  const t0 = performance.now();
  const { startEngine } = await import(new URL("../assets/editor/engine.mjs", document.baseURI).href);
  const steps = {};
  window.engine = await startEngine({ base: "../", onProgress: (_, text) => { steps[text] = performance.now() - t0; } });
  const ready = performance.now();
  window.state = await window.engine.open(path);
  return { ready: ready - t0, first: performance.now() - t0, steps, preview: Boolean(window.state.preview) };
}"""
EDITS = """async ({ path, edits }) => {
  const steps = [];
  window.state.data.stages.forEach((stage, s) => stage.steps.forEach((_, n) => steps.push([s, n])));
  const times = { apply: [], text: [] };
  for (let i = 0; i < edits; i++) {
    const [s, n] = steps[i % steps.length];
    let t = performance.now();
    window.state = await window.engine.apply([{ op: "set", path: ["stages", s, "steps", n, "emotion"], value: 1 + (i * 3 + s) % 5 }]);
    times.apply.push(performance.now() - t);
    t = performance.now();
    window.state = await window.engine.setText(window.state.text.replace(/^title: "/m, `title: "${"x".repeat(i + 1)}`));
    times.text.push(performance.now() - t);
    if (!window.state.preview) throw new Error("no preview after edit " + i);
  }
  return times;
}"""


def largest_journey() -> str:
    files = [p for p in (REPO / "journeys").rglob("*.yml") if p.parent.name != "personas"]
    return max(files, key=lambda p: len(p.read_bytes())).relative_to(REPO / "journeys").as_posix()


def cpython_edits(path: str, edits: int) -> dict:
    """The same edits through the engine in this process, as CPU milliseconds, with PyYAML's pure-Python parser."""
    import yaml

    import macros.yamlsource
    from macros.editor.session import EditorSession

    files = {p.relative_to(REPO / "journeys").as_posix(): p.read_text(encoding="utf-8") for p in (REPO / "journeys").rglob("*.yml")}
    pure, macros.yamlsource._Loader = macros.yamlsource._Loader, yaml.SafeLoader
    try:
        session = EditorSession(files)
        state = session.open(path)
        steps = [(s, n) for s, stage in enumerate(state["data"]["stages"]) for n in range(len(stage["steps"]))]
        times = {"apply": [], "text": []}
        for i in range(edits):
            s, n = steps[i % len(steps)]
            start = time.process_time()
            state = session.apply([{"op": "set", "path": ["stages", s, "steps", n, "emotion"], "value": 1 + (i * 3 + s) % 5}])
            json.dumps(state)
            times["apply"].append((time.process_time() - start) * 1000)
            start = time.process_time()
            json.dumps(session.set_text(state["text"].replace('title: "', 'title: "' + "x" * (i + 1), 1)))
            times["text"].append((time.process_time() - start) * 1000)
    finally:
        macros.yamlsource._Loader = pure
    return times


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def measure(site: Path, edits: int) -> dict:
    from playwright.sync_api import sync_playwright

    path = largest_journey()
    server = serve(site)
    origin = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            context = browser.new_context()
            page = context.new_page()
            page.set_default_timeout(300_000)
            page.goto(origin + PAGE)
            cold = page.evaluate(COLD, path)
            times = page.evaluate(EDITS, {"path": path, "edits": edits})
            page.reload()
            cached = page.evaluate(COLD, path)
            browser.close()
    finally:
        server.shutdown()
    sizes = {name: (site / name).read_bytes() for name in ENGINE_FILES}
    return {
        "journey": path, "lines": len((REPO / "journeys" / path).read_text(encoding="utf-8").splitlines()),
        "cold": cold, "cached": cached, "times": times,
        "bytes": sum(len(b) for b in sizes.values()), "gzip": sum(len(gzip.compress(b, 6)) for b in sizes.values()),
        "load": os.getloadavg()[0], "cpython": cpython_edits(path, edits),
    }


def report(site: Path | None = None, edits: int = 30) -> str:
    """Build (unless given a site), measure and say it in a few lines."""
    with tempfile.TemporaryDirectory() as temporary:
        if site is None:
            site = Path(temporary) / "site"
            env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=REPO, env=env, check=True)
        r = measure(site, edits)
    ms = lambda v: f"{v:,.0f} ms".replace(",", ".")  # noqa: E731
    lines = [
        f"Editor ({r['journey']}, {r['lines']} Zeilen; load average {r['load']:.1f}):",
        f"  Laden bis zur ersten Vorschau: {ms(r['cold']['first'])} (Engine bereit nach {ms(r['cold']['ready'])}); "
        f"mit Browser-Cache: {ms(r['cached']['first'])}",
        "  davon (kalt, ab Start): " + ", ".join(f"{text} {ms(at)}" for text, at in r["cold"]["steps"].items()),
    ]
    for name, label in (("apply", "Gefühl ändern (apply)"), ("text", "Zeichen tippen (setText)")):
        values, cpu = r["times"][name], r["cpython"][name]
        lines.append(f"  {label}: Median {ms(statistics.median(values))}, p95 {ms(_p95(values))} über {len(values)} Änderungen; "
                     f"CPython-Rechenzeit Median {ms(statistics.median(cpu))}, p95 {ms(_p95(cpu))}")
    lines.append(f"  Geladen für die Engine: {r['bytes'] / 1e6:.1f} MB, mit gzip {r['gzip'] / 1e6:.1f} MB")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the handbook into a temporary folder)")
    parser.add_argument("--edits", type=int, default=30, help="edits of each kind (median and p95 over them)")
    args = parser.parse_args()
    print(report(args.site, args.edits))


if __name__ == "__main__":
    main()
