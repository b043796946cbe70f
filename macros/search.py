"""Full-text search: Pagefind indexes the finished HTML, whatever generator wrote it.

The index is split into small chunks, and the browser fetches only the chunks
a query needs, so reading a page costs nothing until someone searches and the
cost does not grow with the number of journeys. Pagefind stems words by the
page language (`<html lang="de">`), so "Wartezeiten" finds "Wartezeit".

What is indexed: the article of every page that marks it with
`data-pagefind-body` (the theme's `main.html`), without diagrams (their text
is in the journey map as well), heading anchors and the edit button.

Two ways in, one index: `index_site` runs the Pagefind program over a finished
site (Zensical, `python -m macros search-index`); `StreamingIndex` hands each
page to Pagefind's service mode as soon as it is written, so Pagefind indexes
on the second core while MkDocs renders the next pages.
"""
from __future__ import annotations

import base64
import json
import queue
import re
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pagefind_bin

BUNDLE_DIR = "pagefind"
EXCLUDE_ATTRIBUTE = "data-search-exclude"
# Page furniture that carries an id (poster sheet, scroll hints) is skipped by its class, not cut with
# `data-search-exclude`: Pagefind records the id of a skipped element as an anchor, and the bundle must stay the same.
EXCLUDED = (f"[{EXCLUDE_ATTRIBUTE}]", ".headerlink", ".md-content__button", ".kw-poster-head", ".kw-scroll-hint")
_TAG_NAME = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)[\s>]")
_SPACE = (" ", "\t", "\n", "\r", "\f")


class SearchIndexError(Exception):
    pass


NO_BODY = (
    "{site}: Keine Seite markiert ihren Artikel mit data-pagefind-body (macros/theme/main.html); "
    "ohne diese Markierung landeten Navigation und Fußzeile im Suchindex."
)


def index_site(site: Path) -> str:
    """Write the search bundle into `site/pagefind/`; returns what was indexed, in German."""
    shutil.rmtree(site / BUNDLE_DIR, ignore_errors=True)  # Pagefind adds to an old bundle instead of replacing it
    command = [
        str(pagefind_bin.get_executable()),
        "--site", str(site),
        "--output-subdir", BUNDLE_DIR,
        "--exclude-selectors", ", ".join(EXCLUDED),
    ]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError(f"Der Suchindex ließ sich nicht erstellen:\n{result.stdout}{result.stderr}")
    if "Did not find a data-pagefind-body element" in result.stdout:
        raise SearchIndexError(NO_BODY.format(site=site))
    counts = {kind.rstrip("s"): int(number) for number, kind in re.findall(r"Indexed (\d+) (pages?|words?)", result.stdout)}
    return f"{counts.get('page', 0)} Seiten, {counts.get('word', 0)} Wörter"


def searchable(html: str) -> str:
    """What Pagefind needs of a written page: its head (language, title) and the article that holds the marked body,
    without the elements it would skip (`data-search-exclude`: diagrams, the map's step list).

    Header, navigation, footer and scripts are about a quarter of every page, and the skipped elements half of a
    journey's article: Pagefind's time grows with the bytes it parses, even where it indexes nothing. The bundle it
    writes is the same byte for byte (`tests/test_build.py`).
    """
    body, start, marked, end = html.find("<body"), html.find("<article"), html.find("data-pagefind-body"), html.rfind("</article>")
    if not 0 <= body < start < marked < end:
        return html
    return f"{html[:body]}<body>{without_excluded(html[start:end + len('</article>')])}</body></html>"


def without_excluded(html: str) -> str:
    """`html` without the elements whose start tag carries `data-search-exclude`.

    Found with string searches, as the renderers write them: the attribute inside a start tag, the element closed by
    its matching end tag. Whatever does not look like that (the word in a text, an element never closed) stays in,
    and Pagefind skips it by its selector as before.
    """
    kept, done, searched = [], 0, 0
    while (mark := html.find(EXCLUDE_ATTRIBUTE, searched)) != -1:
        searched = mark + len(EXCLUDE_ATTRIBUTE)
        start = html.rfind("<", done, mark)
        name = _TAG_NAME.match(html, start) if _is_attribute(html, start, mark) else None
        tag_end = html.find(">", mark)
        closed = tag_end > 0 and html[tag_end - 1] == "/"  # `<g …/>`: no content to cut
        stop = _end_of_element(html, name.group(1), tag_end + 1) if name and tag_end != -1 and not closed else -1
        if stop == -1:
            continue
        kept.append(html[done:start])
        done = searched = stop
    kept.append(html[done:])
    return "".join(kept)


def _is_attribute(html: str, start: int, mark: int) -> bool:
    """Whether the name at `mark` is an attribute of the start tag opened at `start`: not text, not in a quoted value."""
    after = html[mark + len(EXCLUDE_ATTRIBUTE):mark + len(EXCLUDE_ATTRIBUTE) + 1]
    return (start != -1 and html[mark - 1] in _SPACE and after in (*_SPACE, ">", "=", "/")
            and html.rfind(">", start, mark) == -1 and html.count('"', start, mark) % 2 == 0 and html.count("'", start, mark) % 2 == 0)


def _end_of_element(html: str, tag: str, position: int) -> int:
    """Where the element `tag`, whose start tag ends at `position`, ends (after its end tag); -1 if it does not."""
    opening, closing, depth = f"<{tag}", f"</{tag}>", 1
    while depth:
        close = html.find(closing, position)
        if close == -1:
            return -1
        nested = html.find(opening, position, close)
        if nested != -1:  # another start tag of the same name, unless it only begins the same way or closes itself
            position = html.find(">", nested, close) + 1 or close
            if html[nested + len(opening)] in (*_SPACE, ">", "/") and html[position - 2] != "/":
                depth += 1
        else:
            depth, position = depth - 1, close + len(closing)
    return position


class StreamingIndex:
    """Pagefind's service mode (`pagefind --service`, the protocol of its Node and Python APIs): pages go in while
    the build runs, the bundle is written at the end.

    Messages are base64-encoded JSON, each followed by a comma, in both directions. A writer thread feeds the
    pages, so the build never waits for Pagefind; a reader thread collects the answers.
    """

    def __init__(self, exclude: tuple[str, ...] = EXCLUDED):
        self._process = subprocess.Popen([str(pagefind_bin.get_executable()), "--service"],
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self._outbox: queue.Queue = queue.Queue()
        self._answers: dict[int, dict] = {}
        self._answered = threading.Condition()
        self._next_id = 0
        self._pages = 0
        self._words = 0
        self._errors: list[str] = []
        self._writing: _Answer | None = None
        threading.Thread(target=self._write, daemon=True).start()
        threading.Thread(target=self._read, daemon=True).start()
        self._index = self._ask({"type": "NewIndex", "config": {"exclude_selectors": list(exclude)}}).result()["index_id"]

    def add(self, url: str, html: str) -> None:
        """Queue one page (as written, or its article as `adapters.article_ahead` makes it); `url` relative to the
        site root, e.g. "journeys/x/". Pages without a marked article (data-pagefind-body) stay out, as the Pagefind
        program leaves them out."""
        if "data-pagefind-body" in html:
            self._pages += 1
            self._send({"type": "AddFile", "index_id": self._index, "url": "/" + url, "file_contents": searchable(html)})

    def start_writing(self, site: Path) -> None:
        """Have Pagefind write the bundle into `site/pagefind/` once it has indexed every page added so far, while
        the caller goes on; `write` waits for it."""
        if self._pages == 0:
            raise SearchIndexError(NO_BODY.format(site=site))
        shutil.rmtree(site / BUNDLE_DIR, ignore_errors=True)
        self._writing = self._ask({"type": "WriteFiles", "index_id": self._index, "output_path": str(site / BUNDLE_DIR)})

    def write(self, site: Path) -> str:
        """Write the bundle into `site/pagefind/` (or wait for the writing `start_writing` began there), stop the service;
        returns what was indexed, in German."""
        try:
            if self._writing is None:
                self.start_writing(site)
            self._writing.result()
            _until_written(site / BUNDLE_DIR)
            if self._errors:
                raise SearchIndexError("Der Suchindex ließ sich nicht erstellen:\n" + "\n".join(self._errors))
            return f"{self._pages} Seiten, {self._words} Wörter"
        finally:
            self.close()

    def close(self) -> None:
        self._outbox.put(None)
        self._process.wait()

    def _send(self, payload: dict) -> int:
        self._next_id += 1
        self._outbox.put({"message_id": self._next_id, "payload": payload})
        return self._next_id

    def _ask(self, payload: dict) -> "_Answer":
        return _Answer(self, self._send(payload))

    def _write(self) -> None:
        stdin = self._process.stdin
        while (message := self._outbox.get()) is not None:
            stdin.write(base64.b64encode(json.dumps(message).encode()) + b",")
            if self._outbox.empty():
                stdin.flush()
        stdin.close()  # the service ends when its input ends

    def _read(self) -> None:
        pending = b""
        while chunk := self._process.stdout.read1(1 << 16):
            *complete, pending = (pending + chunk).split(b",")
            for encoded in complete:
                self._receive(json.loads(base64.b64decode(encoded)))
        with self._answered:
            self._answers[ENDED] = {"type": "Error", "message": "Pagefind hat sich beendet."}
            self._answered.notify_all()

    def _receive(self, message: dict) -> None:
        payload = message["payload"]
        if payload.get("type") == "Error":
            self._errors.append(payload.get("original_message") or payload.get("message", ""))
        elif payload.get("type") == "IndexedFile":
            self._words += payload.get("page_word_count", 0)
        with self._answered:
            self._answers[message.get("message_id", ENDED)] = payload
            self._answered.notify_all()


ENDED = -1  # the key under which the reader leaves word that the service has stopped


def _until_written(bundle: Path, timeout_s: float = 60) -> None:
    """Pagefind 1.5 answers WriteFiles once every file is created and its content handed to tokio, which writes
    it a moment later; a service whose input ends exits at once and leaves such files empty (2 builds in 30 under
    load). No file of a bundle is empty (each is compressed, or a script, style or wasm file), so the service may
    stop once none is and no size changed since the last look."""
    deadline = time.monotonic() + timeout_s
    before = None
    while True:
        sizes = {path: path.stat().st_size for path in bundle.rglob("*") if path.is_file()}
        if sizes == before and all(sizes.values()):
            return
        if time.monotonic() > deadline:
            raise SearchIndexError(f"Der Suchindex ließ sich nicht erstellen: Pagefind hat {bundle} nicht fertig geschrieben.")
        before = sizes
        time.sleep(0.005)


class _Answer:
    """The reply to one message, waited for only when needed."""

    def __init__(self, index: StreamingIndex, message_id: int):
        self._index, self._id = index, message_id

    def result(self) -> dict:
        with self._index._answered:
            self._index._answered.wait_for(lambda: self._id in self._index._answers or ENDED in self._index._answers)
            payload = self._index._answers.get(self._id) or self._index._answers[ENDED]
        if payload.get("type") == "Error":
            raise SearchIndexError(f"Der Suchindex ließ sich nicht erstellen: {payload.get('message')}")
        return payload
