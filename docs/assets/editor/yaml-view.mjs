// The YAML view: the file's exact text in a textarea, with line numbers beside it and the caret's line below.
// Typing here sends the whole text to the engine (setText); the form follows.
import { h } from "./dom.mjs";

export function yamlView(container, onEdit) {
  const gutter = h("pre", { class: "kw-yaml-gutter", "aria-hidden": "true" });
  const area = h("textarea", { id: "kw-yaml", class: "kw-yaml-text", spellcheck: "false", autocapitalize: "off",
    autocomplete: "off", wrap: "off", rows: "24", "aria-describedby": "kw-yaml-hint kw-yaml-position" });
  const position = h("p", { class: "kw-yaml-position", id: "kw-yaml-position" }, "Zeile 1, Spalte 1");
  container.append(
    h("h2", { id: "kw-yaml-title" }, "YAML-Ansicht"),
    h("p", { class: "kw-hint", id: "kw-yaml-hint" }, "Dieselbe Datei als Text. Was du hier änderst, übernimmt das Formular; Kommentare und Reihenfolge bleiben, wie sie sind."),
    h("label", { for: "kw-yaml", class: "kw-vh" }, "YAML der Datei"),
    h("div", { class: "kw-yaml-box" }, gutter, area),
    position,
  );
  const numbers = () => {
    const lines = area.value.split("\n").length;
    if (gutter.dataset.lines !== String(lines)) {
      gutter.textContent = Array.from({ length: lines }, (_, n) => n + 1).join("\n");
      gutter.dataset.lines = String(lines);
    }
    gutter.scrollTop = area.scrollTop;
  };
  const caret = () => {
    const before = area.value.slice(0, area.selectionStart).split("\n");
    position.textContent = `Zeile ${before.length}, Spalte ${before[before.length - 1].length + 1}`;
  };
  let timer;
  area.addEventListener("input", () => {
    numbers();
    caret();
    clearTimeout(timer);
    timer = setTimeout(() => onEdit(area.value), 300);
  });
  area.addEventListener("scroll", () => { gutter.scrollTop = area.scrollTop; });
  for (const event of ["keyup", "click", "select", "focus"]) area.addEventListener(event, caret);
  return {
    area,
    /** Show `text` unless it is what the textarea holds already (then the caret stays where it is). */
    show(text) {
      if (area.value !== text) {
        const { scrollTop } = area;
        area.value = text;
        area.scrollTop = scrollTop;
      }
      numbers();
    },
    goToLine(line) {
      const lines = area.value.split("\n");
      const start = lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0);
      area.focus();
      area.setSelectionRange(start, start + (lines[line - 1] || "").length);
      area.scrollTop = Math.max(0, (line - 5) * parseFloat(getComputedStyle(area).lineHeight || "18"));
      caret();
    },
  };
}
