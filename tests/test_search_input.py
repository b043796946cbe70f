"""What the build hands Pagefind: `search.without_excluded` cuts exactly the elements Pagefind would skip.

The reference is Python's own HTML parser: it walks the same markup, drops every element whose start tag has the
attribute `data-search-exclude` (but for elements without content, which hold no text), and writes the rest back. For well-formed markup both must agree; for any other
text, the cut may only keep more (Pagefind still skips by its selector), never raise.
"""
from __future__ import annotations

from html import escape
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from macros.search import EXCLUDE_ATTRIBUTE, searchable, without_excluded

TAGS = ["div", "figure", "p", "span", "svg", "g", "ol", "li", "pre", "code", "table", "td", "d", "dl"]
VOID = ["br", "img", "col"]

text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12).map(escape)
attribute_value = st.sampled_from(["x", "a > b", f"{EXCLUDE_ATTRIBUTE}", f"a {EXCLUDE_ATTRIBUTE} b", "it's", ""])


@st.composite
def start_tag(draw, tag: str) -> str:
    attributes = draw(st.lists(st.sampled_from(["class", "title", "data-x", EXCLUDE_ATTRIBUTE,
                                                f"{EXCLUDE_ATTRIBUTE}-not", "aria-label"]), max_size=3, unique=True))
    written = "".join(f" {name}" if name == EXCLUDE_ATTRIBUTE and draw(st.booleans())
                      else f' {name}="{escape(draw(attribute_value))}"' for name in attributes)
    return f"<{tag}{written}>"


def element(children):
    @st.composite
    def make(draw) -> str:
        kind = draw(st.sampled_from(["element", "element", "void", "self-closing"]))
        if kind == "void":
            return draw(start_tag(draw(st.sampled_from(VOID))))
        tag = draw(st.sampled_from(TAGS))
        if kind == "self-closing":
            return draw(start_tag(tag))[:-1] + "/>" if tag in ("g", "svg") else f"<{tag}></{tag}>"
        inner = "".join(draw(st.lists(children, max_size=4)))
        return f"{draw(start_tag(tag))}{inner}</{tag}>"
    return make()


markup = st.recursive(text, lambda children: element(children), max_leaves=25)
document = st.lists(markup, max_size=5).map("".join)


class _Reference(HTMLParser):
    """Writes the markup back without the excluded elements, as Pagefind's selector `[data-search-exclude]` skips them."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.out, self.open, self.skipping = [], [], 0

    def handle_starttag(self, tag, attrs):
        raw = self.get_starttag_text()
        if tag in VOID:  # no content to cut: it stays, and Pagefind skips it by its selector
            if not self.skipping:
                self.out.append(raw)
            return
        excluded = any(name == EXCLUDE_ATTRIBUTE for name, _ in attrs)
        self.open.append(excluded)
        self.skipping += excluded
        if not self.skipping:
            self.out.append(raw)

    def handle_startendtag(self, tag, attrs):
        if not self.skipping:  # as an element without content
            self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if not self.skipping:
            self.out.append(f"</{tag}>")
        self.skipping -= self.open.pop()

    def handle_data(self, data):
        if not self.skipping:
            self.out.append(data)

    def handle_entityref(self, name):
        self.handle_data(f"&{name};")

    def handle_charref(self, name):
        self.handle_data(f"&#{name};")


def reference(html: str) -> str:
    parser = _Reference()
    parser.feed(html)
    parser.close()
    return "".join(parser.out)


@settings(max_examples=400)
@given(document)
def test_well_formed_markup_loses_exactly_the_excluded_elements(html):
    assert without_excluded(html) == reference(html)


@given(st.lists(st.sampled_from(["<div", "</div>", "<p>", "</p>", ">", '"', "'", " ", "x", "/", "<!--", "-->",
                                  EXCLUDE_ATTRIBUTE, f" {EXCLUDE_ATTRIBUTE}>"]), max_size=40).map("".join))
def test_broken_markup_never_raises_and_is_only_ever_shortened(html):
    kept = without_excluded(html)
    if EXCLUDE_ATTRIBUTE not in html:
        assert kept == html
    assert len(kept) <= len(html)


def test_the_journey_page_keeps_its_text_and_loses_its_diagrams():
    page = (
        '<html lang="de"><head><title>T</title></head><body><nav>Menü</nav>'
        '<article class="md-content__inner" data-pagefind-body><h1>Passamt</h1>'
        '<figure class="kw-diagram" data-search-exclude><svg><g><text>3</text></g></svg></figure>'
        '<p>Wartezeit am Schalter</p>'
        '<div class="kw-sequence" data-search-exclude><ol><li><div>1. Schritt</div></li></ol></div>'
        "<p>Die Angabe data-search-exclude steht hier als Text.</p></article><footer>Fuß</footer></body></html>"
    )
    assert searchable(page) == (
        '<html lang="de"><head><title>T</title></head><body>'
        '<article class="md-content__inner" data-pagefind-body><h1>Passamt</h1><p>Wartezeit am Schalter</p>'
        "<p>Die Angabe data-search-exclude steht hier als Text.</p></article></body></html>"
    )
