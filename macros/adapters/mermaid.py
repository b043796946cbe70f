"""mermaid2, minus the per-page BeautifulSoup pass.

mermaid2 parses every page that mentions "mermaid" with BeautifulSoup to find
diagrams and append its script tags. On a site with a thousand journey pages
that pass costs more than the rest of the build. This subclass keeps
mermaid2's configuration (`javascript`, `version`, `arguments`) and its check
that the library exists, but finds diagrams with a substring test and inserts
the loader before `</body>`. With an ES module build it also sets
`window.mermaid`, so Material's renderer uses the site's own copy and never
falls back to a CDN.
"""
from __future__ import annotations

import json
import posixpath

from mermaid2.plugin import MarkdownMermaidPlugin

DIAGRAM_MARKER = '<pre class="mermaid">'


class LightMermaidPlugin(MarkdownMermaidPlugin):
    def on_post_page(self, output_content, config, page, **kwargs):
        if DIAGRAM_MARKER not in output_content:
            return output_content
        library = self.javascript.strip()
        if not library.startswith(("http:", "https:")):
            library = posixpath.relpath("/" + library, "/" + posixpath.dirname(page.url))
        arguments = json.dumps(self.mermaid_args)
        if library.endswith(".mjs"):
            loader = (
                f'<script type="module">import mermaid from {json.dumps(library)};'
                f"mermaid.initialize({arguments});window.mermaid = mermaid;</script>"
            )
        else:
            loader = f'<script src="{library}"></script><script>mermaid.initialize({arguments});</script>'
        position = output_content.rfind("</body>")
        return output_content[:position] + loader + output_content[position:]
