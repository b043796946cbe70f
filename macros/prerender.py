"""The generated pages' fragments drawn ahead in a second process while the build goes on.

With a thousand journeys, drawing the map, the blueprint and the diagram of every
journey page is about a fifth of the build, all on one core. So a full build with
many journeys starts a second Python process that shares two jobs with it.

Reading: both need every file read, parsed, validated and mapped. The second
process reads the second half of the files, last first, and sends what it read
in batches; the build reads from the first file on and takes whatever has
arrived instead of reading that file again. They meet near the middle, and the
build never waits for a batch.

Drawing: the build sends its finished catalog back, and the second process
draws the fragments of the generated pages (journeys, personas, comparisons,
more rows of long tables) from the last page backwards, with the same renderers
for the same day. MkDocs renders from the first page on; the Markdown extension
takes a page's fragments when they have arrived and draws them itself when
not. The first page it finds drawn means every later one is too, so the build
tells the second process (SIGUSR1) to stop drawing there.

Data files: before it draws, the second process makes the open data and the
tables' rows (`generated_files`, about a second at 1,000 journeys). MkDocs
copies them only after every page is rendered; the build takes them if they
have arrived by then and makes them itself if not.

Nothing ever waits for the second process, and if it fails the build only loses
the head start. Same code, same data, same day: the same files, which
`tests/test_prerender.py` checks against a build without it.
"""
from __future__ import annotations

import datetime as dt
import gc
import os
import pickle
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path

from .loader import read_files, yaml_files
from .model import Catalog
from .render.context import RenderContext
from .render.fragments import MARKER, expand
from .render.export import GeneratedFile
from .render.pages import generated_files, generated_pages
from .site_map import relative, url_of

# Below this many journeys, starting a second interpreter (about a third of a second) gains nothing.
WORTH_A_PROCESS = 200
# Fragments that read what only the build's own context holds: the git history since each review.
NOT_AHEAD = frozenset({"journey_since_review"})
READ_BATCH = 25  # files read ahead per message: small enough that the build meets the second process near the middle


def draw(catalog: Catalog, today: dt.date) -> Iterator[tuple[str, dict[str, str]]]:
    """Each generated page's URL and its fragments by marker, from the last page MkDocs renders to the first."""
    context = RenderContext(catalog, today)
    for generated in reversed(generated_pages(catalog)):
        url = url_of(generated.src_uri)
        page = context.linking_from(lambda target, url=url: relative(url, target))
        markers = [m.group() for m in MARKER.finditer(generated.content) if m.group(1) not in NOT_AHEAD]
        yield url, {marker: expand(marker, page) for marker in markers}


def worth_it(journeys_dir: Path) -> bool:
    return (sum(1 for _ in Path(journeys_dir).rglob("*.yml")) >= WORTH_A_PROCESS and (os.cpu_count() or 1) > 1
            and hasattr(signal, "SIGUSR1"))


class DrawnAhead:
    """The second process and what it has sent so far; `read`, `page(url)` and `data_files` never wait."""

    def __init__(self, journeys_dir: Path, label: str | None, today: dt.date):
        self.read: dict = {}  # files read by the second process, as `load_catalog`'s memo: the build looks here first
        self.shared = 0  # files the second process read for the build
        self._reading = True
        self._read_lock = threading.Lock()
        self._all_read = threading.Event()
        self._pages: dict[str, dict[str, str]] = {}
        self._label = label
        self._files: list[GeneratedFile] | None = None
        self.taken = 0  # pages whose fragments came from the second process
        self._process = subprocess.Popen(
            [sys.executable, "-m", __name__, str(journeys_dir), "" if label is None else label, today.isoformat()],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p)),
        )
        self._reader = threading.Thread(target=self._receive, daemon=True)
        self._reader.start()

    def reading_done(self, catalog: Catalog | None) -> None:
        """The build has its catalog: later batches are dropped unread, what was read is let go, and the catalog
        goes to the second process to draw from (None: the data has errors and nothing will be drawn)."""
        with self._read_lock:
            self._reading = False
            self.read.clear()
        threading.Thread(target=self._hand_over, args=(catalog,), daemon=True).start()  # a full pipe must not stop the build

    def page(self, url: str) -> Mapping[str, str]:
        drawn = self._pages.pop(url, None)
        if drawn is None:
            return {}
        if not self.taken:  # drawn from the last page back to here: whatever it draws next, the build has drawn
            self._process.send_signal(signal.SIGUSR1)
        self.taken += 1
        return drawn

    def data_files(self, journeys_prefix: str) -> list[GeneratedFile] | None:
        """`generated_files` for this prefix if they have arrived, else None."""
        return self._files if self._files is not None and journeys_prefix == self._label else None

    def wait_until_read(self) -> None:
        """Until the second process has sent every file it reads for the build (for tests; a build never waits)."""
        self._all_read.wait()

    def wait(self) -> None:
        """Until the second process has sent everything (for tests and measurements; a build never waits)."""
        self._reader.join()
        self._process.wait()

    def stop(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()

    def _hand_over(self, catalog: Catalog | None) -> None:
        try:
            with self._process.stdin as stream:
                if catalog is not None:
                    pickle.dump(catalog, stream, pickle.HIGHEST_PROTOCOL)
        except (BrokenPipeError, ValueError):  # the second process has ended (or was stopped) first
            pass

    def _receive(self) -> None:
        with self._process.stdout as stream:
            while True:
                try:
                    message = pickle.load(stream)
                except Exception:  # the end, or a message cut off when the process was stopped (any error then)
                    self._all_read.set()
                    return
                if message[0] == "page":
                    self._pages[message[1]] = message[2]
                    continue
                if message[0] == "files":
                    self._files = message[1]
                    continue
                with self._read_lock:
                    if self._reading and message[1]:  # unpickled only while the build still reads
                        entries = pickle.loads(message[1])
                        self.read.update(entries)
                        self.shared += len(entries)
                if not message[1]:
                    self._all_read.set()


def _send(out, message: tuple) -> None:
    pickle.dump(message, out, pickle.HIGHEST_PROTOCOL)
    out.flush()


def _read_for_the_build(root: Path, label: str | None, today: dt.date, out) -> None:
    """Read the second half of the files, last first, and send them in batches (an empty one at the end)."""
    files = yaml_files(root)
    batch = []
    for entry in read_files(root, reversed(files[len(files) // 2:]), label=label, today=today):
        batch.append(entry)
        if len(batch) == READ_BATCH:
            _send(out, ("read", pickle.dumps(batch, pickle.HIGHEST_PROTOCOL)))
            batch = []
    if batch:
        _send(out, ("read", pickle.dumps(batch, pickle.HIGHEST_PROTOCOL)))
    _send(out, ("read", b""))


def _main(journeys_dir: str, label: str, day: str) -> None:
    os.nice(10)  # behind the build and Pagefind: drawing ahead may use a core only when nobody else needs it
    met = threading.Event()  # the build has come to the pages drawn here
    signal.signal(signal.SIGUSR1, lambda *_: met.set())
    today = dt.date.fromisoformat(day)
    root = Path(journeys_dir)
    out = sys.stdout.buffer
    gc.disable()  # what it reads and the catalog it gets form no cycles and live to the end (see `session.gc_paused`)
    try:
        _read_for_the_build(root, label or None, today, out)
        try:
            catalog = pickle.load(sys.stdin.buffer)
        except EOFError:
            return  # the data has errors: the build itself reports them and stops
        gc.freeze()
        gc.enable()
        if label:
            _send(out, ("files", generated_files(catalog, today, label)))
        for url, drawn in draw(catalog, today):
            if met.is_set():
                break
            _send(out, ("page", url, drawn))
    except BrokenPipeError:  # the build ended first
        os._exit(0)


if __name__ == "__main__":
    _main(*sys.argv[1:])
