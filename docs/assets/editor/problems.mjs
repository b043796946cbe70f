// The engine's problems where people look for them (GOV.UK error summary and error message patterns):
// a summary at the top whose links move focus to the field, and each message above its field, with its line.
import { h } from "./dom.mjs";

const WORD = { error: "Fehler", warning: "Hinweis" };

/** The field element a problem belongs to: the deepest drawn field on its path (the form itself for []). */
function fieldOf(problem, fields) {
  const path = problem.path || [];
  for (let n = path.length; n > 0; n -= 1) {
    const found = fields.get(JSON.stringify(path.slice(0, n)));
    if (found) return found;
  }
  return null;
}

function lineText(problem) {
  return problem.line ? `Zeile ${problem.line}` : "ganze Datei";
}

/** The control of a field: its first input, else the field's own focusable box (a group, a list item). */
function controlOf(field) {
  if (field.matches("details")) return field.querySelector(".kw-item-body input, .kw-item-body textarea, .kw-item-body select") || field;
  return field.querySelector("input, textarea, select, [tabindex='-1']") || field;
}

/** Move the focus to a field's control, unfolding the list items around it. */
function focusField(field) {
  const control = controlOf(field);
  for (let open = control.closest("details"); open; open = open.parentElement.closest("details")) open.open = true;
  control.focus();
  control.scrollIntoView({ block: "center" });
}

/**
 * Show `problems` in the summary box and at their fields. `goToLine(line)` is called for a problem
 * whose field the form does not show (for example while the YAML does not parse).
 */
export function showProblems(problems, { summary, fields, form, goToLine }) {
  for (const slot of form.querySelectorAll(".kw-field-problems")) {
    slot.replaceChildren();
    slot.hidden = true;
  }
  for (const marked of form.querySelectorAll(".kw-field-error, .kw-field-warning")) marked.classList.remove("kw-field-error", "kw-field-warning");
  for (const input of form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");

  const errors = problems.filter((p) => p.severity === "error");
  const warnings = problems.filter((p) => p.severity !== "error");
  const link = (problem) => {
    const field = fieldOf(problem, fields);
    const anchor = h("a", { href: `#${field ? controlOf(field).id : "kw-yaml"}` },
      problem.message, h("span", { class: "kw-line" }, ` (${lineText(problem)})`));
    anchor.addEventListener("click", (event) => {
      event.preventDefault();
      if (field) focusField(field);
      else goToLine(problem.line || 1);
    });
    return h("li", {}, anchor);
  };

  summary.replaceChildren();
  if (errors.length) {
    summary.append(h("div", { class: "kw-error-summary", "aria-labelledby": "kw-error-summary-title" },
      h("h2", { class: "kw-error-summary-title", id: "kw-error-summary-title" }, "Es gibt ein Problem"),
      h("ul", { class: "kw-error-summary-list" }, ...errors.map(link))));
  }
  if (warnings.length) {
    summary.append(h("div", { class: "kw-warning-summary", "aria-labelledby": "kw-warning-summary-title" },
      h("h2", { class: "kw-warning-summary-title", id: "kw-warning-summary-title" }, "Hinweise"),
      h("p", {}, "Die Datei lässt sich übernehmen. Prüfe aber diese Stellen:"),
      h("ul", { class: "kw-warning-summary-list" }, ...warnings.map(link))));
  }

  for (const problem of problems) {
    const field = fieldOf(problem, fields);
    if (!field) continue;
    const severity = problem.severity === "error" ? "error" : "warning";
    const slot = field.querySelector(".kw-field-problems");
    if (!slot) continue;
    field.classList.add(`kw-field-${severity}`);
    slot.hidden = false;
    slot.append(h("p", { class: `kw-message kw-message-${severity}` },
      h("span", { class: "kw-vh" }, `${WORD[severity]}: `), problem.message, h("span", { class: "kw-line" }, ` (${lineText(problem)})`)));
    if (severity === "error" && !field.querySelector(".kw-field")) field.querySelector("input, textarea, select")?.setAttribute("aria-invalid", "true");
  }
  return { errors: errors.length, warnings: warnings.length };
}
