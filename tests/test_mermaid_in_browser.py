"""Property test against the real Mermaid in Chromium: any text renders, literally, with no syntax error."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given

from macros.model import Journey, Stage, Step
from macros.render.escape import flat
from macros.render.mermaid import journey_diagram

from macros.local_browser import serve

from .helpers import REPO, PageWatch, any_text, property_settings

pytestmark = pytest.mark.browser

HARNESS = """<!doctype html><meta charset="utf-8"><title>Mermaid</title><link rel="icon" href="data:,">
<script type="module">
import mermaid from "./mermaid/mermaid.esm.min.mjs";
mermaid.initialize({startOnLoad: false, securityLevel: "strict"});
let n = 0;
window.renderText = async (source) => {
  const {svg} = await mermaid.render("d" + (n++), source);
  const holder = document.createElement("div");
  holder.innerHTML = svg;
  return holder.querySelector("svg").textContent;
};
window.ready = true;
</script>"""


@pytest.fixture(scope="module")
def mermaid_page(browser, tmp_path_factory):
    root = tmp_path_factory.mktemp("harness")
    (root / "index.html").write_text(HARNESS, encoding="utf-8")
    (root / "mermaid").symlink_to(REPO / "docs" / "assets" / "vendor" / "mermaid")
    server = serve(root)
    origin = f"http://127.0.0.1:{server.server_address[1]}/"
    watch = PageWatch(browser, origin)
    watch.page.goto(origin)
    watch.page.wait_for_function("() => window.ready === true")
    yield watch
    watch.close()
    server.shutdown()


@property_settings(40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=any_text, stage=any_text, action=any_text, actor=any_text)
def test_any_text_renders_literally_in_real_mermaid(mermaid_page, title, stage, action, actor):
    journey = Journey(
        id="x", source="x.yml", title=title, persona="p", owner="o",
        stages=(Stage(name=stage, steps=(Step(action=action, emotion=3, actors=(actor,)),)),),
    )
    text = mermaid_page.page.evaluate("source => window.renderText(source)", journey_diagram(journey))
    for expected in (title, stage, action, actor):
        assert flat(expected) in text
    assert mermaid_page.errors == [] and mermaid_page.foreign == []


def test_the_summary_chart_of_before_and_after_renders_in_real_mermaid(mermaid_page):
    from dataclasses import replace

    from macros.loader import load_catalog
    from macros.render.summary import emotion_chart

    journey = load_catalog(REPO / "journeys")[0].journeys["passamt-kinderpass"]
    shorter = replace(journey, stages=journey.stages[:-1])
    text = mermaid_page.page.evaluate("source => window.renderText(source)", emotion_chart(journey, shorter))
    assert "Gefühlskurve: grau vorher, blau nachher" in text and "Schritt" in text
    assert mermaid_page.errors == [] and mermaid_page.foreign == []
