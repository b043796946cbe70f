"""What a renderer may know besides the data: today, the page's links, the git history, views shared in a build.

Renderers are pure: they get one `RenderContext` instead of reading the clock or
the repository, and views of the whole catalog that many pages ask for (the
backlog, the comparison pairs) are kept here for one build, not in the model.
The adapter makes one context per build and one per page with `linking_from`.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from ..model import Catalog
from .html import Href


def _from_root(url: str) -> str:
    return url


@dataclass(frozen=True)
class RenderContext:
    catalog: Catalog
    today: dt.date
    href: Href = _from_root  # a site-root URL as a link from the page being rendered
    since_review: Mapping[str, tuple] = field(default_factory=dict)  # changes since each journey's review, by id
    views: dict = field(default_factory=dict, compare=False, repr=False)  # shared by every page of one build

    def once(self, key, compute):
        """A view of the catalog, computed once per build however many pages ask for it."""
        if key not in self.views:
            self.views[key] = compute()
        return self.views[key]

    def linking_from(self, href: Href) -> RenderContext:
        """The same build, for one page: links relative to it, the views still shared."""
        return replace(self, href=href)
