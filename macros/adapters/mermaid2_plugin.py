"""mermaid2 as the design names it, without running every diagram page through BeautifulSoup.

mkdocs-mermaid2-plugin 1.2.3 reads the configuration (`javascript`, `arguments`), checks that the
library exists and supplies the fence (`mermaid2.fence_mermaid_custom`). Its `on_post_page` then
parses each page that mentions Mermaid with BeautifulSoup and writes it out again, only to append one
<script> to <body>: about 80 ms per journey page, 3.5 times the whole build at 200 journeys.
This subclass keeps all of mermaid2 and lets mermaid2 write that script for a one-diagram stand-in
page, then appends the script to the real page as text. The script differs between pages only in the
relative link to the library, so it is written once per link (mermaid2 formats it with jsbeautifier, about
3 ms a page). `tests/test_build.py` checks that pages at every depth get the scripts mermaid2's own hook would add.
"""
from __future__ import annotations

import logging
import os

from mermaid2.plugin import MarkdownMermaidPlugin

from .fragments_ext import DIAGRAM

# mermaid2 logs an INFO line for every page with a diagram; `make serve` would print one per journey and save.
logging.getLogger("mkdocs.plugins.mermaid2.util").setLevel(logging.WARNING)

# One diagram in each of the two forms mermaid2 counts (its custom loader's, and the plain one).
STAND_IN = '<html><body><pre class="mermaid"><code>x</code></pre><div class="mermaid">x</div></body></html>'


class Mermaid2Plugin(MarkdownMermaidPlugin):
    _scripts: dict[str, str]

    def on_config(self, config, *args, **kwargs):
        self._scripts = {}  # a new configuration (every rebuild of `mkdocs serve`) may link another library
        return super().on_config(config, *args, **kwargs)

    def on_post_page(self, output_content, config, page, **kwargs):
        if not DIAGRAM.search(output_content):
            return output_content
        link = os.path.relpath(self.javascript.strip(), os.path.dirname(page.url))  # as mermaid2 links the library
        if link not in self._scripts:
            written = super().on_post_page(STAND_IN, config, page, **kwargs)
            self._scripts[link] = written.split("</div>", 1)[1].rsplit("</body>", 1)[0]
        scripts = self._scripts[link]
        head, body_end, tail = output_content.rpartition("</body>")
        return head + scripts + body_end + tail if body_end else output_content + scripts
