// The preview beside the form: the journey map, the blueprint (or the persona card) as the project's own
// renderers made them (escaped there), and the diagram drawn by the site's own copy of Mermaid.
// While the document has errors, the last good preview stays, marked as outdated with the reason.
import { h } from "./dom.mjs";

const MERMAID = new URL("../vendor/mermaid/mermaid.esm.min.mjs", import.meta.url).href;
const DIAGRAM_PAUSE_MS = 300;
let mermaid;
let drawn = 0;

function dark() {
  return document.body.getAttribute("data-md-color-scheme") === "slate";
}

async function library() {
  mermaid ??= import(MERMAID).then(({ default: m }) => {
    m.initialize({ startOnLoad: false, securityLevel: "strict", theme: dark() ? "dark" : "default" });
    return m;
  });
  return mermaid;
}

export function previewPane(container) {
  const stale = h("div", { class: "kw-stale", hidden: "" });
  const body = h("div", { class: "kw-preview-body" });
  const diagram = h("div", { class: "kw-preview-diagram" });
  container.append(stale, body, h("h3", { class: "kw-preview-diagram-title" }, "Ablauf"), diagram);
  let source = null;
  let good = false;
  let later;

  async function draw(text) {
    if (text === source) return;
    source = text;
    if (!text) {
      diagram.replaceChildren();
      return;
    }
    try {
      const m = await library();
      drawn += 1;
      const { svg } = await m.render(`kw-editor-diagram-${drawn}`, text);
      if (source === text) diagram.innerHTML = svg; // Mermaid's output (strict security level), not data text
    } catch (error) {
      diagram.replaceChildren(h("p", { class: "kw-message kw-message-warning" }, `Das Diagramm lässt sich nicht zeichnen: ${error.message || error}`));
    }
  }

  return {
    show(preview, reason) {
      if (preview) {
        stale.hidden = true;
        container.classList.remove("kw-preview-outdated");
        body.innerHTML = preview.html; // escaped by the project's renderers, as on the site's own pages
        good = true;
        // Mermaid takes longer than the map: it draws once typing pauses, not on every keystroke.
        clearTimeout(later);
        later = setTimeout(() => draw(preview.mermaid || ""), DIAGRAM_PAUSE_MS);
        return;
      }
      stale.hidden = false;
      container.classList.add("kw-preview-outdated");
      stale.replaceChildren(h("strong", {}, good ? "Veraltet: " : "Noch keine Vorschau: "),
        good ? `Die Vorschau zeigt den letzten fehlerfreien Stand. ${reason}` : reason);
    },
  };
}
