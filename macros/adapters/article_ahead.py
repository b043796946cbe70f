"""A page's searchable article as the theme will write it, known as soon as its Markdown is rendered.

Pagefind indexes the article that `macros/theme/main.html` marks with `data-pagefind-body`. MkDocs renders the
Markdown of every page before the template of any, so handing Pagefind the written pages left all of its work
for the end: at 1,000 journeys the build waited about 2 s for it. The article is known earlier: Material's
content (a heading if the Markdown has none, then the page's HTML) with our legal review line under the heading;
its edit buttons, which search skips, are left out. Made here from the same parts, it goes to Pagefind while
MkDocs renders the next page, and Pagefind writes its bundle while MkDocs renders the templates.

`tests/test_build.py` checks that the bundle is byte for byte the one Pagefind makes from the finished pages.
"""
from __future__ import annotations

from html import escape

from mkdocs.structure.pages import Page


class ArticlesAhead:
    def __init__(self, config):
        self._legal_review = config.theme.get_env().get_template("partials/legal-review.html")
        self._language = escape(config.theme.get("language") or "en")
        self._site_name = config.site_name

    def page(self, page: Page, content: str) -> str:
        """The page as far as Pagefind reads it, with `content`, the HTML its Markdown became."""
        # Material's partials/content.html: a heading with the title when the Markdown has none.
        heading = "" if "<h1" in content else f"<h1>{page.title or self._site_name}</h1>"
        article = heading + content
        review = self._legal_review.render(page=page)
        if review:  # main.html: under the heading
            article = article.replace("</h1>", "</h1>" + review)
        return f'<html lang="{self._language}"><head></head><body><article><div data-pagefind-body>{article}</div></article></body></html>'
