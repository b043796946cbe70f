// Before a new file exists, two questions: which team folder, and which id (the file name and the page's address).
// Checked the GOV.UK way: on sending, an error summary on top and each message at its field.
import { h } from "./dom.mjs";

const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
const ID_LONGEST = 80;
const WORDS = { journey: { one: "Journey", example: "wohngeld-antrag" }, persona: { one: "Persona", example: "karla-rentnerin" } };

/** Problems with a typed id, in German, or [] if it is a good new id. */
function idProblems(id, taken, kind) {
  if (!id) return [`Gib eine Kennung für die ${WORDS[kind].one} ein`];
  if (id.length > ID_LONGEST) return [`Die Kennung darf höchstens ${ID_LONGEST} Zeichen haben`];
  if (!ID_PATTERN.test(id)) return ["Die Kennung darf nur Kleinbuchstaben (a–z), Ziffern und Bindestriche enthalten und muss mit einem Buchstaben oder einer Ziffer beginnen"];
  if (taken.has(id)) return [`Die Kennung „${id}“ gibt es schon. Wähle eine andere Kennung`];
  return [];
}

/**
 * Ask for folder and id in `container`; resolves with the new file's path under journeys/.
 * `paths`: every existing file under journeys/ (from catalog.json).
 */
export function askForNewFile(container, kind, paths) {
  const taken = new Set(paths.map((p) => p.split("/").pop().replace(/\.ya?ml$/, "")));
  const folders = [...new Set(paths.map((p) => p.split("/").slice(0, -1).join("/")))].filter((f) => f && f !== "personas").sort();
  const summary = h("div", { class: "kw-new-summary" });
  const idInput = h("input", { id: "kw-new-id", name: "kennung", type: "text", class: "kw-input", autocomplete: "off", spellcheck: "false",
    autocapitalize: "off", "aria-describedby": "kw-new-id-hint kw-new-id-problems" });
  const idField = h("div", { class: "kw-field" },
    h("label", { class: "kw-label", for: "kw-new-id" }, "Kennung"),
    h("div", { class: "kw-hint", id: "kw-new-id-hint" },
      `Sie wird zum Dateinamen und zur Adresse der Seite. Nur Kleinbuchstaben, Ziffern und Bindestriche, zum Beispiel „${WORDS[kind].example}“.`),
    h("div", { class: "kw-field-problems", id: "kw-new-id-problems", hidden: "" }),
    idInput);
  let folderSelect = null;
  let folderField = null;
  if (kind === "journey") {
    folderSelect = h("select", { id: "kw-new-folder", name: "ordner", class: "kw-input kw-select", "aria-describedby": "kw-new-folder-hint kw-new-folder-problems" },
      h("option", { value: "" }, "Bitte wählen"), ...folders.map((f) => h("option", { value: f }, f)));
    folderField = h("div", { class: "kw-field" },
      h("label", { class: "kw-label", for: "kw-new-folder" }, "Ordner deines Teams"),
      h("div", { class: "kw-hint", id: "kw-new-folder-hint" }, "Fehlt dein Team? Dann bitte die Maintainer, einen Ordner anzulegen (siehe Mitmachen)."),
      h("div", { class: "kw-field-problems", id: "kw-new-folder-problems", hidden: "" }),
      folderSelect);
  }
  const form = h("form", { class: "kw-new-file", novalidate: "" },
    h("h2", {}, `Neue ${WORDS[kind].one} anlegen`),
    summary, folderField, idField,
    h("button", { type: "submit", class: "kw-button" }, "Weiter zum Formular"));
  container.replaceChildren(form);

  const mark = (field, input, messages) => {
    const slot = field.querySelector(".kw-field-problems");
    slot.replaceChildren(...messages.map((m) => h("p", { class: "kw-message kw-message-error" }, h("span", { class: "kw-vh" }, "Fehler: "), m)));
    slot.hidden = !messages.length;
    field.classList.toggle("kw-field-error", messages.length > 0);
    if (messages.length) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
  };

  return new Promise((done) => {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const id = idInput.value.trim();
      const found = [];
      if (folderSelect) {
        const folderMessages = folderSelect.value ? [] : ["Wähle den Ordner deines Teams aus"];
        mark(folderField, folderSelect, folderMessages);
        found.push(...folderMessages.map((m) => [m, folderSelect]));
      }
      const idMessages = idProblems(id, taken, kind);
      mark(idField, idInput, idMessages);
      found.push(...idMessages.map((m) => [m, idInput]));
      if (found.length) {
        const box = h("div", { class: "kw-error-summary", tabindex: "-1", "aria-labelledby": "kw-new-summary-title" },
          h("h2", { class: "kw-error-summary-title", id: "kw-new-summary-title" }, "Es gibt ein Problem"),
          h("ul", { class: "kw-error-summary-list" }, ...found.map(([message, input]) => {
            const link = h("a", { href: `#${input.id}` }, message);
            link.addEventListener("click", (e) => { e.preventDefault(); input.focus(); });
            return h("li", {}, link);
          })));
        summary.replaceChildren(box);
        box.focus();
        return;
      }
      done(kind === "persona" ? `personas/${id}.yml` : `${folderSelect.value}/${id}.yml`);
    });
  });
}
