"""The system Chromium looking at a built site on 127.0.0.1: used by `make pdf`, the browser tests and the bench.

One place for what they share: where Chromium is, the flags it needs on a
machine without open network, a quiet local web server, and the scripts that
open Material's closed shadow roots and have Mermaid draw every diagram.
"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
# Material renders Mermaid into a closed shadow root; opening it lets us see when diagrams are drawn.
OPEN_SHADOW_ROOTS = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) { return attach.call(this, Object.assign({}, init, {mode: 'open'})); };
"""
DIAGRAMS_DRAWN = """
() => Array.from(document.querySelectorAll('pre.mermaid')).length === 0 &&
      Array.from(document.querySelectorAll('div.mermaid')).every(d => d.shadowRoot && d.shadowRoot.querySelector('svg'))
"""
# Diagrams draw when they come near the screen or the page is about to print (docs/assets/mermaid-on-demand.mjs).
# Whoever prints or looks at every diagram says so the way a browser does before it prints.
BEFORE_PRINT = "() => window.dispatchEvent(new Event('beforeprint'))"


def draw_diagrams(page, timeout_ms: int = 20_000) -> None:
    """Have every diagram of a loaded Playwright `page` drawn, and wait until it is."""
    page.evaluate(BEFORE_PRINT)
    page.wait_for_function(DIAGRAMS_DRAWN, timeout=timeout_ms)


def chromium_path() -> str | None:
    """KUNDENWEGE_CHROMIUM, else the first Chromium on PATH, else None."""
    explicit = os.environ.get("KUNDENWEGE_CHROMIUM")
    if explicit:
        return explicit
    return next((found for found in map(shutil.which, CHROMIUM_NAMES) if found), None)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".mjs": "text/javascript"}

    def log_message(self, *args):
        pass


def serve(directory: Path, handler: type[QuietHandler] = QuietHandler) -> http.server.ThreadingHTTPServer:
    """Serve `directory` on a free port of 127.0.0.1 in a background thread; call `shutdown()` when done."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
