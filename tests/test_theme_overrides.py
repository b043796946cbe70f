"""Our theme overrides stay Material's templates plus one named change each.

`macros/theme/` overrides a few of Material's templates. When Material changes one of
them, a copy would silently keep the old version. Each override is therefore described
here as the installed Material file plus its substitutions; a Material upgrade that
touches a copied part fails this test with the difference, instead of going unnoticed.
"""
from __future__ import annotations

import difflib
import re
import textwrap
from pathlib import Path

import material
import pytest

THEME = Path(__file__).resolve().parent.parent / "macros" / "theme"
MATERIAL = Path(material.__file__).parent / "templates"
LEADING_COMMENT = re.compile(r"\A\{#-.*?-#\}\n", re.S)

SEARCH_BLOCK = """    {% if "material/search" in config.plugins %}
      {% set search = config.plugins["material/search"] | attr("config") %}
      {% if search.enabled %}
        <label class="md-header__button md-icon" for="__search">
          {% set icon = config.theme.icon.search or "material/magnify" %}
          {% include ".icons/" ~ icon ~ ".svg" %}
        </label>
        {% include "partials/search.html" %}
      {% endif %}
    {% endif %}
"""
EDIT_PATH = """{% set edit_url = page.edit_url %}
{% if page.meta and page.meta.edit_path and config.repo_url and config.edit_uri %}
  {% set edit_url = (config.repo_url | trim("/")) ~ "/" ~ (config.edit_uri | trim("/")) ~ "/" ~ page.meta.edit_path %}
{% endif %}
"""

# Override → the substitutions that turn Material's file into ours (old, new), applied in order.
OVERRIDES: dict[str, list[tuple[str, str]]] = {
    # Pagefind's search field instead of the lunr plugin's, whatever plugins the builder runs.
    "partials/header.html": [(SEARCH_BLOCK, '    {% include "partials/site-search.html" %}\n')],
    # Edit and view buttons of generated pages open the YAML file their front matter names.
    "partials/actions.html": [("page.edit_url", "edit_url"), ("{% if edit_url %}", EDIT_PATH + "{% if edit_url %}")],
    # No request to api.github.com for stars and releases.
    "partials/source.html": [(' data-md-component="source"', "")],
}


def material_version() -> str:
    from importlib.metadata import version

    return version("mkdocs-material")


def without_leading_comment(text: str) -> str:
    return LEADING_COMMENT.sub("", text, count=1)


def expected_override(name: str) -> str:
    text = without_leading_comment((MATERIAL / name).read_text(encoding="utf-8"))
    for old, new in OVERRIDES[name]:
        assert old in text, f"Material's {name} no longer contains:\n{old}\nRe-derive macros/theme/{name} from it."
        text = text.replace(old, new)
    return text


@pytest.mark.parametrize("name", sorted(OVERRIDES))
def test_override_is_materials_template_with_its_named_change(name):
    ours = without_leading_comment((THEME / name).read_text(encoding="utf-8"))
    expected = expected_override(name)
    difference = "".join(difflib.unified_diff(expected.splitlines(True), ours.splitlines(True), "Material + Änderung", f"macros/theme/{name}"))
    assert ours == expected, (
        f"Material {material_version()} differs from macros/theme/{name} outside its named change "
        f"(- Material's lines, + ours). Re-derive the copy from Material's file:\n{difference}"
    )


def test_every_copied_material_template_is_guarded():
    """Templates that extend Material's (main.html, 404.html) only fill blocks; every other one is a copy."""
    copies = {
        path.relative_to(THEME).as_posix()
        for path in THEME.rglob("*.html")
        if (MATERIAL / path.relative_to(THEME)).exists()
        and not without_leading_comment(path.read_text(encoding="utf-8")).startswith("{% extends")
    }
    assert copies == set(OVERRIDES)


# main.html rewrites one block of Material's base.html (site_nav: pages that hide a sidebar get it empty instead of
# the whole navigation rendered hidden). This is the block it was derived from; when Material changes it, re-derive.
SITE_NAV_DERIVED_FROM = """{% if nav %}
  {% if page.meta and page.meta.hide %}
    {% set hidden = "hidden" if "navigation" in page.meta.hide %}
  {% endif %}
  <div class="md-sidebar md-sidebar--primary" data-md-component="sidebar" data-md-type="navigation" {{ hidden }}>
    <div class="md-sidebar__scrollwrap">
      <div class="md-sidebar__inner">
        {% include "partials/nav.html" %}
      </div>
    </div>
  </div>
{% endif %}
{% if "toc.integrate" not in features %}
  {% if page.meta and page.meta.hide %}
    {% set hidden = "hidden" if "toc" in page.meta.hide %}
  {% endif %}
  <div class="md-sidebar md-sidebar--secondary" data-md-component="sidebar" data-md-type="toc" {{ hidden }}>
    <div class="md-sidebar__scrollwrap">
      <div class="md-sidebar__inner">
        {% include "partials/toc.html" %}
      </div>
    </div>
  </div>
{% endif %}"""


def material_block(name: str) -> str:
    base = (MATERIAL / "base.html").read_text(encoding="utf-8")
    found = re.search(r"\{% block " + name + r" %\}\n(.*?)\n\s*\{% endblock %\}", base, re.S)
    assert found, f"Material's base.html has no block {name} any more; see macros/theme/main.html."
    return textwrap.dedent(found.group(1))


def test_the_block_main_html_rewrites_is_still_materials():
    current = material_block("site_nav")
    difference = "".join(difflib.unified_diff(SITE_NAV_DERIVED_FROM.splitlines(True), current.splitlines(True), "abgeleitet von", "Material jetzt"))
    assert current == SITE_NAV_DERIVED_FROM, difference


# The blocks our templates fill (main.html extends Material's base.html, 404.html extends main.html). If Material
# renamed one, the override would silently do nothing.
FILLED_BLOCKS = {"main.html": {"extrahead", "site_nav", "content"}, "404.html": {"content"}}
BLOCK = re.compile(r"\{%-?\s*block\s+(\w+)")


def test_every_block_our_templates_fill_is_one_of_materials():
    ours = {name: set(BLOCK.findall((THEME / name).read_text(encoding="utf-8"))) for name in FILLED_BLOCKS}
    assert ours == FILLED_BLOCKS, "a template fills a new block: add it here, so it is guarded too"
    materials = set(BLOCK.findall((MATERIAL / "base.html").read_text(encoding="utf-8")))
    missing = set().union(*FILLED_BLOCKS.values()) - materials
    assert not missing, f"Material's base.html has no block {sorted(missing)} any more; see macros/theme/."


def test_edit_and_view_buttons_open_the_yaml_a_generated_page_comes_from(repo_site):
    """content.action.edit and content.action.view, through actions.html's one change (edit_path)."""
    page = (repo_site / "journeys" / "passamt-kinderpass" / "index.html").read_text(encoding="utf-8")
    buttons = [tag for tag in re.findall(r"<a\b[^>]*>", page) if "md-content__button" in tag]
    hrefs = sorted(re.search(r'href="([^"]*)"', tag).group(1).split("/kundenwege/kundenwege/", 1)[1] for tag in buttons)
    assert hrefs == ["edit/main/docs/../journeys/buergerservice/passamt-kinderpass.yml", "raw/main/docs/../journeys/buergerservice/passamt-kinderpass.yml"]
