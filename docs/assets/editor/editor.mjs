// The editor page (/mitmachen/editor/): ?datei=<path under journeys/> opens a file, ?neu=journey|persona starts one.
// The engine (engine.mjs, the project's Python in a worker) holds the text and answers every change with a state:
// text, parsed data, problems, preview. This module draws that state: form, problems, preview, YAML view,
// keeps drafts and hands the file over to GitHub. It loads only on this page.
import { startEngine } from "./engine.mjs";
import { h } from "./dom.mjs";
import { drawForm } from "./form.mjs";
import { showProblems } from "./problems.mjs";
import { yamlView } from "./yaml-view.mjs";
import { previewPane } from "./preview.mjs";
import { loadDraft, saveDraft, dropDraft } from "./drafts.mjs";
import { githubPages, copyText } from "./handover.mjs";
import { askForNewFile } from "./new-file.mjs";

const SITE = new URL("../../", import.meta.url);
const KINDS = { journey: "Journey", persona: "Persona" };
const root = document.getElementById("kw-editor");
const settings = { repoUrl: root.dataset.repoUrl, editUri: root.dataset.editUri, journeysFromDocs: root.dataset.journeysFromDocs };

const live = h("div", { class: "kw-vh", "aria-live": "polite", id: "kw-editor-live" });
const progress = h("progress", { max: "1", value: "0", "aria-labelledby": "kw-editor-loading-text" });
const loading = h("div", { class: "kw-editor-loading", role: "status" },
  h("p", { id: "kw-editor-loading-text" }, "Der Editor wird geladen …"), progress,
  h("p", { class: "kw-hint" }, "Beim ersten Mal lädt der Browser einige Megabyte; danach kommt alles aus dem Speicher des Browsers."));
const start = h("div", { class: "kw-editor-start" });
root.append(live, loading, start);

function announce(text) {
  live.textContent = "";
  requestAnimationFrame(() => { live.textContent = text; });
}

function fail(message, error) {
  if (error) console.warn(error);
  root.append(h("div", { class: "kw-error-summary", role: "alert" }, h("h2", { class: "kw-error-summary-title" }, "Es gibt ein Problem"), h("p", {}, message)));
}

const query = new URLSearchParams(location.search);
const wanted = { path: (query.get("datei") || "").replace(/^journeys\//, ""), kind: query.get("neu") };

const engineReady = startEngine({
  base: SITE.href,
  onProgress(fraction, text) {
    progress.value = fraction;
    if (text) loading.querySelector("p").textContent = text;
  },
});
const catalogReady = fetch(new URL("assets/editor/catalog.json", SITE)).then((r) => r.json()).then((c) => Object.keys(c.files).sort());

async function chooseFile(paths) {
  const link = (params, text) => h("a", { href: `?${new URLSearchParams(params)}` }, text);
  start.replaceChildren(
    h("h2", {}, "Was willst du tun?"),
    h("ul", { class: "kw-editor-choices" },
      h("li", {}, link({ neu: "journey" }, "Neue Journey anlegen")),
      h("li", {}, link({ neu: "persona" }, "Neue Persona anlegen"))),
    h("h2", {}, "Eine Datei bearbeiten"),
    h("ul", { class: "kw-editor-files" }, ...paths.map((p) => h("li", {}, link({ datei: p }, p)))));
}

async function main() {
  let paths;
  try {
    paths = await catalogReady;
  } catch (error) {
    loading.remove();
    return fail("Die Liste der Dateien fehlt. Lade die Seite neu.", error);
  }
  if (wanted.kind && !KINDS[wanted.kind]) wanted.kind = null;
  if (!wanted.path && !wanted.kind) {
    loading.hidden = true;
    return chooseFile(paths);
  }
  if (wanted.path && !wanted.kind && !paths.includes(wanted.path)) {
    loading.remove();
    fail(`Die Datei „${wanted.path}“ gibt es nicht. Wähle eine aus der Liste.`);
    return chooseFile(paths);
  }
  if (wanted.kind && !wanted.path) {
    wanted.path = await askForNewFile(start, wanted.kind, paths);
    const address = new URL(location.href);
    address.searchParams.set("datei", wanted.path);
    history.replaceState(null, "", address);
  }
  start.replaceChildren();
  let engine;
  try {
    engine = await engineReady;
  } catch (error) {
    loading.remove();
    return fail(`Der Editor konnte nicht starten (${error.message || error}). Lade die Seite neu. Klappt es dann nicht, bearbeite die Datei direkt auf GitHub, wie es unter „Journey bearbeiten“ steht.`, error);
  }
  loading.remove();
  const kind = wanted.kind || (wanted.path.startsWith("personas/") ? "persona" : "journey");
  const schema = await fetch(new URL(`api/schema/${kind}.schema.json`, SITE)).then((r) => r.json());
  workspace(engine, kind, schema, wanted.path, Boolean(wanted.kind));
}

function workspace(engine, kind, schema, path, isNew) {
  const github = githubPages(settings, path);
  const fresh = () => (isNew ? engine.create(kind, path) : engine.open(path));
  const summary = h("div", { class: "kw-editor-problems" });
  const status = h("p", { class: "kw-editor-check" });
  const draftNote = h("div", { class: "kw-editor-draft", hidden: "" });
  const handover = h("a", { class: "kw-button", href: github.edit, target: "_blank", rel: "noopener", id: "kw-handover" }, "Auf GitHub vorschlagen");
  const handoverHelp = h("p", { class: "kw-hint", id: "kw-handover-help", "aria-live": "polite" });
  const discard = h("button", { type: "button", class: "kw-button kw-button-secondary", id: "kw-discard" }, "Entwurf verwerfen");
  const form = h("form", { class: "kw-form", id: "kw-form", novalidate: "", "aria-labelledby": "kw-form-title" });
  const formNote = h("p", { class: "kw-message kw-message-warning", hidden: "" }, "Die YAML-Ansicht lässt sich gerade nicht lesen. Das Formular zeigt den letzten lesbaren Stand; korrigiere die Stelle, die oben genannt ist.");
  const previewBox = h("section", { class: "kw-editor-preview", "aria-labelledby": "kw-preview-title", tabindex: "0" },
    h("h2", { id: "kw-preview-title" }, "Vorschau"));
  const yamlBox = h("section", { class: "kw-editor-yaml", "aria-labelledby": "kw-yaml-title" });
  root.append(
    h("div", { class: "kw-editor-bar" },
      h("p", { class: "kw-editor-file" }, `${KINDS[kind]}: `, h("code", {}, `journeys/${path}`), isNew ? " (neu)" : ""),
      status, h("div", { class: "kw-editor-actions" }, handover, discard), handoverHelp, draftNote),
    summary,
    h("div", { class: "kw-editor-columns" },
      h("section", { class: "kw-editor-form", "aria-labelledby": "kw-form-title" }, h("h2", { id: "kw-form-title" }, "Formular"), formNote, form),
      h("div", { class: "kw-editor-side" }, previewBox, yamlBox)));

  const preview = previewPane(previewBox);
  const yaml = yamlView(yamlBox, (text) => run(() => engine.setText(text), { fromYaml: true }));
  const open = new Map();
  let state = null;
  let fields = new Map();
  let original = null;
  let queue = Promise.resolve();

  let pending = 0;
  function run(call, how = {}) {
    pending += 1;
    root.setAttribute("aria-busy", "true");
    queue = queue.then(call).then((next) => show(next, how)).catch((error) => fail(`Der Editor hat sich verschluckt: ${error.message || error}`, error))
      .finally(() => {
        pending -= 1;
        if (!pending) root.setAttribute("aria-busy", "false");
      });
    return queue;
  }

  let waiting = null; // the last edit not yet handed to the engine
  function send(ops, focusId) {
    // Typing in a text field changes no structure: the form stays as it is and the caret where it is.
    const quiet = !focusId && ops.every((op) => op.op === "set" && typeof op.value !== "object");
    const samePlace = waiting?.quiet && quiet && JSON.stringify(waiting.ops.map((op) => op.path)) === JSON.stringify(ops.map((op) => op.path));
    if (samePlace) {
      waiting.ops = ops; // a newer keystroke in the same field replaces the one still waiting
      return;
    }
    const edit = { ops, quiet };
    waiting = edit;
    run(() => {
      if (waiting === edit) waiting = null;
      return engine.apply(edit.ops);
    }, { redraw: !quiet, focus: focusId });
  }

  function redraw(data, focusId) {
    const active = document.activeElement;
    const keep = focusId || (form.contains(active) && active.id) || null;
    const typing = active && active.id === keep && (active.tagName === "TEXTAREA" || active.type === "text");
    const selection = typing ? [active.selectionStart, active.selectionEnd] : null;
    const anchor = keep && document.getElementById(keep);
    const before = anchor ? anchor.getBoundingClientRect().top : null;
    fields = drawForm(form, data, { root: schema, choices: state.choices || {}, send, announce, open });
    const target = keep && document.getElementById(keep);
    if (!target) return;
    for (let d = target.closest("details"); d; d = d.parentElement.closest("details")) d.open = true;
    target.focus({ preventScroll: true });
    if (selection && target.setSelectionRange) target.setSelectionRange(...selection);
    if (before !== null) window.scrollBy(0, target.getBoundingClientRect().top - before);
    else target.scrollIntoView({ block: "center" });
  }

  function show(next, how) {
    const choicesBefore = JSON.stringify(state?.choices);
    state = next;
    if (original === null) original = next.text;
    if (!how.fromYaml) yaml.show(next.text);
    formNote.hidden = next.data !== null;
    form.inert = next.data === null;
    if (next.data !== null && (how.redraw !== false || JSON.stringify(next.choices) !== choicesBefore || !fields.size)) {
      redraw(next.data, how.focus);
    }
    const counted = showProblems(next.problems, { summary, fields, form, goToLine: yaml.goToLine });
    const firstError = next.problems.find((p) => p.severity === "error");
    preview.show(next.preview, firstError ? `Grund: ${firstError.message} (Zeile ${firstError.line ?? "?"})` : "");
    status.textContent = counted.errors
      ? `${counted.errors} Fehler${counted.warnings ? `, ${counted.warnings} ${counted.warnings === 1 ? "Hinweis" : "Hinweise"}` : ""}`
      : counted.warnings ? `Keine Fehler, ${counted.warnings} ${counted.warnings === 1 ? "Hinweis" : "Hinweise"}` : "Keine Fehler";
    status.className = `kw-editor-check ${counted.errors ? "kw-editor-check-error" : "kw-editor-check-ok"}`;
    if (next.text !== original) saveDraft(path, next.text);
    else dropDraft(path);
    discard.hidden = next.text === original && !isNew;
    handover.href = isNew ? (github.create(next.text) || github.folder) : github.edit;
  }

  handover.addEventListener("click", () => {
    const inAddress = isNew && github.create(state.text);
    if (inAddress) {
      handoverHelp.textContent = `GitHub öffnet sich mit der neuen Datei ${github.fileName}. Schreib unten einen Satz, was neu ist, und wähle „Propose new file“ oder „Commit changes…“.`;
      return;
    }
    copyText(state.text).then((copied) => {
      const where = isNew ? `Füge ihn auf GitHub in das große Feld ein (Strg+V, am Mac ⌘+V) und gib als Dateinamen ${github.fileName} ein.`
        : "Markiere auf GitHub den ganzen Text (Strg+A, am Mac ⌘+A) und füge deinen ein (Strg+V, am Mac ⌘+V).";
      handoverHelp.textContent = copied ? `Der Inhalt ist in der Zwischenablage. ${where} Dann „Propose changes“ oder „Commit changes…“ wählen.`
        : "Der Browser hat das Kopieren nicht erlaubt. Kopiere den Text aus der YAML-Ansicht (Strg+A, Strg+C) und füge ihn auf GitHub ein.";
    });
  });

  discard.addEventListener("click", () => {
    dropDraft(path);
    original = null;
    draftNote.hidden = true;
    run(fresh, { redraw: true }).then(() => announce("Entwurf verworfen. Du siehst wieder den Stand aus dem Handbuch."));
  });

  run(async () => {
    const first = await fresh();
    original = first.text;
    const draft = loadDraft(path);
    if (!draft || draft.text === first.text) return first;
    const when = new Date(draft.saved).toLocaleString("de-DE", { dateStyle: "medium", timeStyle: "short" });
    draftNote.replaceChildren(h("p", {}, h("strong", {}, "Entwurf wiederhergestellt: "),
      `Du siehst deinen Stand vom ${when}, den dieser Browser gespeichert hat. Willst du neu anfangen, wähle „Entwurf verwerfen“.`));
    draftNote.hidden = false;
    return engine.setText(draft.text);
  }, { redraw: true }).then(() => announce(`${KINDS[kind]} geöffnet: ${path}`));
}

main();
