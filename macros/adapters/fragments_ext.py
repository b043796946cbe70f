"""Python-Markdown extension: swap fragment markers for rendered HTML, and load Mermaid where a page has a diagram.

MkDocs, ProperDocs and Zensical all run Python-Markdown extensions, so this is
the one place where journeys reach a page, whatever builds the site. It runs
as the last postprocessor: after Markdown has restored raw HTML, so the
inserted HTML is never parsed again. Links are made relative to the page, so
the site works under any base path (GitHub Pages serves it under /<repo>/).

Mermaid is served by the site itself. Under MkDocs, the mermaid2 plugin adds
its loader to pages with a diagram. Builders that run no plugins (Zensical)
get it from here: a page with a diagram gets a module script that imports it
and sets `window.mermaid` before the theme looks for it, so the theme never
falls back to a CDN; other pages load nothing. What the script imports is
`assets/mermaid-on-demand.mjs`, a stand-in with Mermaid's API that fetches
and runs Mermaid only when a diagram comes near the screen or the page prints.
"""
from __future__ import annotations

import json
import re

from markdown import Extension
from markdown.postprocessors import Postprocessor

from .. import session
from ..render.fragments import MARKER, expand
from ..site_map import relative
from .builder import page_context

DIAGRAM = re.compile(r'<pre\s+class="mermaid">')  # ours, and mermaid2's fence (two spaces)


def mermaid_loader(library: str) -> str:
    return f'<script type="module">import mermaid from {json.dumps(library)};window.mermaid = mermaid;</script>'


class FragmentPostprocessor(Postprocessor):
    def __init__(self, md, mermaid: str):
        super().__init__(md)
        self.mermaid = mermaid

    def run(self, text: str) -> str:
        has_marker = MARKER.search(text) is not None
        if not has_marker and DIAGRAM.search(text) is None:
            return text
        page = page_context(self.md)
        if has_marker:
            context = session.context(page.project_dir).linking_from(lambda target: relative(page.url, target))
            text = expand(text, context, session.drawn(page.project_dir, page.url))
        if not page.mermaid_by_plugin and DIAGRAM.search(text):
            text += mermaid_loader(relative(page.url, self.mermaid))
        return text


class FragmentExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"mermaid": ["assets/mermaid-on-demand.mjs", "Mermaid's API as an ES module, relative to the site root"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        md.registerExtension(self)
        md.postprocessors.register(FragmentPostprocessor(md, self.getConfig("mermaid")), "kundenwege_fragments", 5)


def makeExtension(**kwargs):
    return FragmentExtension(**kwargs)
