"""What reading costs, for `make bench`: Lighthouse scores and cold transfer per page, search and catalog timings.

The built site is served the way GitHub Pages serves it: text compressed with gzip, everything else as is.
Lighthouse (mobile defaults) comes from the npm registry, pinned, installed once into `.cache/`, and drives
the system Chromium; it runs only here, never in `make test`.
"""
from __future__ import annotations

import gzip
import http.server
import io
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

from macros.local_browser import CHROMIUM_ARGS, QuietHandler, chromium_path, serve

LIGHTHOUSE_VERSION = "12.8.2"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 90, "accessibility": 100, "best-practices": 100, "seo": 100}
COMPRESSED = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/manifest+json")
CACHE = Path(__file__).resolve().parent.parent / ".cache"


class GzipHandler(QuietHandler):
    """Static files; text types gzip-compressed when the client accepts it, as GitHub Pages does."""

    extensions_map = {**QuietHandler.extensions_map, ".js": "text/javascript"}

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder
            path = path / "index.html"
        kind = self.guess_type(str(path))
        if not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", "") or not kind.startswith(COMPRESSED):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


def serve_gzip(site: Path) -> http.server.ThreadingHTTPServer:
    return serve(site, GzipHandler)


def lighthouse_cli() -> Path | None:
    """The pinned Lighthouse, installed with npm into .cache/ on first use; None without npm."""
    folder = CACHE / f"lighthouse-{LIGHTHOUSE_VERSION}"
    cli = folder / "node_modules" / "lighthouse" / "cli" / "index.js"
    if cli.is_file():
        return cli
    npm = shutil.which("npm")
    if npm is None:
        return None
    print(f"Installing Lighthouse {LIGHTHOUSE_VERSION} from the npm registry into {folder} …", flush=True)
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run([npm, "install", "--prefix", str(folder), "--no-audit", "--no-fund", "--loglevel=error",
                    f"lighthouse@{LIGHTHOUSE_VERSION}"], check=True)
    return cli


def lighthouse(cli: Path, chromium: str, url: str) -> dict:
    """Scores (0–100), the audits that keep a category below its target, transfer bytes and request count of one
    cold page load. Targets: performance 90, the others 100."""
    flags = " ".join([*CHROMIUM_ARGS, "--headless=new"])
    result = subprocess.run(
        ["node", str(cli), url, "--output=json", "--output-path=stdout", "--quiet", f"--chrome-flags={flags}",
         f"--only-categories={','.join(CATEGORIES)}"],
        env=dict(os.environ, CHROME_PATH=chromium), capture_output=True, text=True, timeout=300,
    )
    if result.returncode != 0:
        raise SystemExit(f"Lighthouse failed on {url}:\n{result.stderr[-3000:]}")
    report = json.loads(result.stdout)
    audits = report["audits"]
    observed = audits["metrics"]["details"]["items"][0]
    failing = {}
    for name in CATEGORIES:
        category = report["categories"][name]
        if category["score"] * 100 >= TARGETS[name]:
            continue
        failing[name] = [
            f"{ref['id']} ({audits[ref['id']]['score']:.2f})" for ref in category["auditRefs"]
            if ref["weight"] > 0 and audits[ref["id"]].get("score") is not None and audits[ref["id"]]["score"] < 1
        ]
    return {
        "scores": {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES},
        "failing": failing,
        "blocking_ms": audits["total-blocking-time"]["numericValue"],
        "main_thread": _top(audits["mainthread-work-breakdown"], "groupLabel", "duration"),
        "scripts": _top(audits["bootup-time"], "url", "total"),
        "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "transfer": audits["total-byte-weight"]["numericValue"],
        "requests": len(audits["network-requests"]["details"]["items"]),
        # Headless Chromium sometimes holds the first frame back for a second or two after the page has loaded
        # (Lighthouse issue 17148); Speed Index and LCP of such a run say nothing about the page.
        "paint_held": observed["observedFirstContentfulPaint"] - observed["observedLoad"] > 1000,
    }


def _top(audit: dict, label: str, value: str, count: int = 4) -> list[tuple[str, float]]:
    """The largest items of a Lighthouse table audit, as (label, milliseconds)."""
    items = sorted(audit.get("details", {}).get("items", []), key=lambda item: -item[value])[:count]
    return [(str(item[label]).rsplit("/", 1)[-1] or str(item[label]), item[value]) for item in items]


SEARCH = """
async (query) => {
  const opened = performance.now();
  document.querySelector('.kw-search-open').click();
  const input = document.querySelector('.kw-search__input');
  input.value = query;
  input.dispatchEvent(new Event('input'));
  const links = () => document.querySelectorAll('.kw-search__link').length;
  while (!links()) await new Promise(r => setTimeout(r, 5));
  return performance.now() - opened;
}
"""
FILTER = """
async (word) => {
  const input = document.querySelector('article input[type=search]');
  if (!input) return null;
  const started = performance.now();
  input.value = word;
  input.dispatchEvent(new Event('input', {bubbles: true}));
  await new Promise(r => requestAnimationFrame(() => setTimeout(r)));
  return performance.now() - started;
}
"""


def interaction_times(origin: str, query: str, catalog: str, filter_word: str) -> tuple[float, float | None]:
    """Milliseconds from opening the search to the first results (cold: the index loads first), and for the
    catalog's text filter to apply and paint (None if the catalog has no such field)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(origin, wait_until="load")
        search_ms = page.evaluate(SEARCH, query)
        page.goto(origin + catalog, wait_until="load")
        filter_ms = page.evaluate(FILTER, filter_word)
        browser.close()
    return search_ms, filter_ms


def median_run(cli: Path, chromium: str, url: str, runs: int) -> dict:
    """Lighthouse's performance score varies from run to run (CPU load); keep the run with the median score,
    and note the worst score of all runs and how many runs had their first paint held back."""
    reports = sorted((lighthouse(cli, chromium, url) for _ in range(runs)), key=lambda r: r["scores"]["performance"])
    return dict(reports[len(reports) // 2], worst=reports[0]["scores"]["performance"],
                held=sum(report["paint_held"] for report in reports), runs=len(reports))


def reading_metrics(site: Path, pages: dict[str, str], query: str, filter_word: str, runs: int) -> dict:
    """Lighthouse for each page (median of `runs`), then search and catalog-filter timings, against the gzip server."""
    chromium = chromium_path()
    cli = lighthouse_cli()
    server = serve_gzip(site)
    origin = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        if chromium is None or cli is None:
            return {"skipped": "Chromium or npm not found"}
        started = time.perf_counter()
        result = {"pages": {label: median_run(cli, chromium, origin + path, runs) for label, path in pages.items()}}
        result["lighthouse_s"] = time.perf_counter() - started
        result["search_ms"], result["filter_ms"] = interaction_times(origin, query, pages["catalog"], filter_word)
        return result
    finally:
        server.shutdown()
