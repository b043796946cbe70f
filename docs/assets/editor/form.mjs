// The form, generated from the published JSON Schema: one control per field, whatever the schema holds.
// It never edits the YAML itself. Every change becomes an operation on a path ({op, path, …}, see the
// editor contract); the engine patches the text and sends back the new state, from which the form is drawn again.
// A field the schema gains tomorrow appears here without a change to this file.
import { h, fieldId } from "./dom.mjs";

const OPTIONAL = " (freiwillig)";

/** The schema node with its `$ref` followed; the referring node's own keys (title, description, x-…) win. */
function resolve(node, root) {
  let seen = node || {};
  while (seen.$ref) {
    const { $ref, ...own } = seen;
    seen = { ...root.$defs[$ref.split("/").pop()], ...own };
  }
  return seen;
}

/** What kind of control a schema node gets. */
function kindOf(node, root) {
  if (node.anyOf) return "either";
  if (node.enum) return "enum";
  if (node.type === "array") {
    const items = resolve(node.items, root);
    if (items.enum) return "pick-enum";
    if (items["x-choices"]) return "pick-choice";
    if (items.type === "object" || items.anyOf) return "object-list";
    return "text-list";
  }
  if (node.type === "object") return "object";
  if (node.type === "boolean") return "boolean";
  if (node.type === "integer") {
    const labelled = node["x-labels"] && node.maximum - node.minimum <= 10;
    return labelled ? "scale" : "number";
  }
  if (node["x-choices"]) return "choice";
  if (node.format === "date") return "date";
  return "text";
}

/** A valid-looking starting value for a new list item: required fields only, each as empty as it may be. */
function starter(node, root) {
  node = resolve(node, root);
  if (node.anyOf) return starter(node.anyOf[0], root);
  const kind = kindOf(node, root);
  if (kind === "object") {
    const value = {};
    for (const name of node.required || []) value[name] = starter(node.properties[name], root);
    return value;
  }
  if (node.type === "array") return node.minItems ? [starter(node.items, root)] : [];
  if (kind === "scale" || kind === "number") return Math.round(((node.minimum ?? 0) + (node.maximum ?? node.minimum ?? 0)) / 2);
  if (kind === "boolean") return false;
  if (kind === "enum") return node.enum[0];
  return "";
}

/**
 * Draw the form for `data` (the parsed document) into `container`.
 * `context`: {root: the schema, choices: state.choices, send(ops, focusId), announce(text), open: Map item id -> unfolded}.
 * Returns a Map from a path key (JSON of the path) to its field element, for the problems.
 */
export function drawForm(container, data, context) {
  const fields = new Map();
  const ctx = { ...context, fields };
  const body = objectFields(context.root, data || {}, [], ctx);
  container.replaceChildren(...body);
  return fields;
}

function objectFields(node, value, path, ctx) {
  const required = new Set(node.required || []);
  return Object.entries(node.properties || {}).map(([name, child]) =>
    field(resolve(child, ctx.root), value[name], [...path, name], required.has(name), ctx));
}

function label(node, path) {
  return node.title || String(path[path.length - 1]);
}

function group(path, ctx, ...children) {
  const element = h("div", { class: "kw-field", "data-path": JSON.stringify(path) }, ...children);
  ctx.fields.set(JSON.stringify(path), element);
  return element;
}

function hint(node, id) {
  return node.description ? h("div", { class: "kw-hint", id: `${id}-hint` }, node.description) : null;
}

function errorSlot(id) {
  return h("div", { class: "kw-field-problems", id: `${id}-problems`, hidden: "" });
}

function describedBy(node, id) {
  return [node.description ? `${id}-hint` : "", `${id}-problems`].filter(Boolean).join(" ");
}

function field(node, value, path, required, ctx) {
  const kind = kindOf(node, ctx.root);
  const draw = { text, date, number, enum: choice, choice, scale, boolean, object, "object-list": objectList,
    "text-list": textList, "pick-enum": pick, "pick-choice": pick, either }[kind];
  return draw(node, value, path, required, ctx);
}

// Leaving an optional field empty removes its key; a required one stays, empty, and the engine names the problem.
function setOrDelete(path, value, required) {
  return value === "" && !required ? [{ op: "delete", path }] : [{ op: "set", path, value }];
}

function labelFor(node, path, required, id) {
  return h("label", { class: "kw-label", for: id }, label(node, path), required ? "" : h("span", { class: "kw-optional" }, OPTIONAL));
}

function text(node, value, path, required, ctx, labelText) {
  const id = fieldId(path);
  const input = h("textarea", { id, class: "kw-input", rows: "1", spellcheck: "true", "aria-describedby": describedBy(node, id) });
  input.value = value ?? "";
  // Every keystroke goes to the engine; the page drops keystrokes that a later one overtakes while it is busy.
  let sent = input.value;
  const send = () => {
    if (input.value === sent) return;
    sent = input.value;
    ctx.send(setOrDelete(path, input.value, required));
  };
  input.addEventListener("input", send);
  input.addEventListener("change", send);
  const caption = labelText ? h("label", { class: "kw-label kw-vh", for: id }, labelText) : labelFor(node, path, required, id);
  return group(path, ctx, caption, labelText ? null : hint(node, id), errorSlot(id), input);
}

function date(node, value, path, required, ctx) {
  const id = fieldId(path);
  const input = h("input", { id, type: "date", class: "kw-input kw-input-date", "aria-describedby": describedBy(node, id) });
  input.value = value ?? "";
  input.addEventListener("change", () => ctx.send(setOrDelete(path, input.value, required)));
  return group(path, ctx, labelFor(node, path, required, id), hint(node, id), errorSlot(id), input);
}

function number(node, value, path, required, ctx) {
  const id = fieldId(path);
  const input = h("input", { id, type: "text", inputmode: "numeric", class: "kw-input kw-input-number", "aria-describedby": describedBy(node, id) });
  input.value = value ?? "";
  // What is not a whole number goes to the engine as typed, so its check names the problem in its own words.
  input.addEventListener("change", () => {
    const typed = input.value.trim();
    ctx.send(setOrDelete(path, /^-?\d+$/.test(typed) ? Number(typed) : typed, required));
  });
  return group(path, ctx, labelFor(node, path, required, id), hint(node, id), errorSlot(id), input);
}

function options(node, ctx) {
  if (node["x-choices"]) return (ctx.choices[node["x-choices"]] || []).map(({ value, label }) => [value, label]);
  const labels = node["x-labels"] || {};
  return node.enum.map((value) => [value, labels[value] ? `${labels[value]} (${value})` : String(value)]);
}

function choice(node, value, path, required, ctx) {
  const id = fieldId(path);
  const known = options(node, ctx);
  if (value !== undefined && value !== null && !known.some(([v]) => v === value)) known.push([value, `${value} (unbekannt)`]);
  const select = h("select", { id, class: "kw-input kw-select", "aria-describedby": describedBy(node, id) },
    required && value !== undefined ? null : h("option", { value: "" }, required ? "Bitte wählen" : "Keine Angabe"),
    ...known.map(([v, text]) => h("option", { value: String(v), selected: v === value ? "" : null }, text)));
  select.addEventListener("change", () => {
    const picked = known.find(([v]) => String(v) === select.value);
    ctx.send(setOrDelete(path, picked ? picked[0] : "", required), id);
  });
  return group(path, ctx, labelFor(node, path, required, id), hint(node, id), errorSlot(id), select);
}

function legend(node, path, required) {
  return h("legend", { class: "kw-label" }, label(node, path), required ? "" : h("span", { class: "kw-optional" }, OPTIONAL));
}

function scale(node, value, path, required, ctx) {
  const id = fieldId(path);
  const labels = node["x-labels"];
  const radios = [];
  for (let n = node.minimum; n <= node.maximum; n += 1) {
    const radioId = `${id}-${n}`;
    const radio = h("input", { type: "radio", id: radioId, name: id, value: String(n), checked: value === n ? "" : null });
    radio.addEventListener("change", () => ctx.send([{ op: "set", path, value: n }], radioId));
    radios.push(h("div", { class: "kw-radio" }, radio, h("label", { for: radioId }, `${n} – ${labels[n] ?? ""}`)));
  }
  const set = h("fieldset", { class: "kw-fieldset kw-scale", id, tabindex: "-1", "aria-describedby": describedBy(node, id) },
    legend(node, path, required), hint(node, id), errorSlot(id), h("div", { class: "kw-radios" }, ...radios));
  return group(path, ctx, set);
}

function boolean(node, value, path, required, ctx) {
  const id = fieldId(path);
  const box = h("input", { type: "checkbox", id, class: "kw-checkbox", checked: value ? "" : null, "aria-describedby": describedBy(node, id) });
  box.addEventListener("change", () => ctx.send(box.checked ? [{ op: "set", path, value: true }] : [{ op: "delete", path }], id));
  return group(path, ctx, errorSlot(id), h("div", { class: "kw-check" }, box, labelFor(node, path, true, id)), hint(node, id));
}

// A list whose items come from a fixed set (countries, a journey's step ids): one checkbox per item, in the set's order.
function pick(node, value, path, required, ctx) {
  const id = fieldId(path);
  const items = resolve(node.items, ctx.root);
  const chosen = new Set(value || []);
  const known = options(items, ctx);
  for (const v of chosen) if (!known.some(([k]) => k === v)) known.push([v, `${v} (unbekannt)`]);
  const boxes = known.map(([v, text], n) => {
    const boxId = `${id}-${n}`;
    const box = h("input", { type: "checkbox", id: boxId, value: String(v), checked: chosen.has(v) ? "" : null });
    box.addEventListener("change", () => {
      const list = known.map(([k]) => k).filter((k) => (k === v ? box.checked : chosen.has(k)));
      ctx.send(list.length || required ? [{ op: "set", path, value: list }] : [{ op: "delete", path }], boxId);
    });
    return h("div", { class: "kw-check" }, box, h("label", { for: boxId }, text));
  });
  const empty = known.length ? null : h("p", { class: "kw-hint" }, "Noch nichts zur Auswahl.");
  return group(path, ctx, h("fieldset", { class: "kw-fieldset", id, tabindex: "-1", "aria-describedby": describedBy(node, id) },
    legend(node, path, required), hint(node, id), errorSlot(id), empty, ...boxes));
}

function object(node, value, path, required, ctx) {
  const id = fieldId(path);
  if (value === undefined || value === null) {
    const add = h("button", { type: "button", class: "kw-button kw-button-secondary", id: `${id}--add` }, `${label(node, path)} hinzufügen`);
    add.addEventListener("click", () => ctx.send([{ op: "set", path, value: starter(node, ctx.root) }], fieldId([...path, firstField(node)])));
    return group(path, ctx, h("div", { class: "kw-fieldset kw-absent", id, tabindex: "-1" },
      h("p", { class: "kw-label" }, label(node, path), h("span", { class: "kw-optional" }, OPTIONAL)), hint(node, id), errorSlot(id), add));
  }
  const remove = required ? null : h("button", { type: "button", class: "kw-button kw-button-secondary", id: `${id}--remove` }, `${label(node, path)} entfernen`);
  remove?.addEventListener("click", () => {
    ctx.send([{ op: "delete", path }], `${id}--add`);
    ctx.announce(`${label(node, path)} entfernt.`);
  });
  return group(path, ctx, h("fieldset", { class: "kw-fieldset kw-object", id, tabindex: "-1", "aria-describedby": describedBy(node, id) },
    legend(node, path, required), hint(node, id), errorSlot(id), ...objectFields(node, value, path, ctx), remove));
}

function firstField(node) {
  return (node.required || Object.keys(node.properties || {}))[0];
}

// One item of a list of texts or objects, or a text that may also be written as an object (anyOf).
function either(node, value, path, required, ctx, itemName) {
  const branches = node.anyOf.map((b) => resolve(b, ctx.root));
  const asObject = value !== null && typeof value === "object";
  const current = branches.find((b) => (b.type === "object") === asObject) || branches[0];
  const other = branches.find((b) => b !== current);
  const drawn = asObject ? objectFields(current, value, path, ctx) : [text(current, value, path, true, ctx, itemName)];
  let toggle = null;
  if (other) {
    const id = fieldId(path);
    const toObject = other.type === "object";
    toggle = h("button", { type: "button", class: "kw-button kw-button-secondary", id: `${id}--form` },
      toObject ? `Mit weiteren Feldern erfassen (${Object.keys(other.properties).join(", ")})` : "Nur als Text erfassen");
    const textField = toObject ? Object.keys(other.properties)[0] : Object.keys(current.properties)[0];
    toggle.addEventListener("click", () => {
      const next = toObject ? { [textField]: value ?? "" } : (value?.[textField] ?? "");
      ctx.send([{ op: "set", path, value: next }], `${id}--form`);
    });
  }
  return [...drawn, toggle];
}

function itemTitle(node, parentTitle) {
  return node.title || parentTitle;
}

function listButtons(path, index, count, name, ctx) {
  const listPath = path.slice(0, -1);
  const id = fieldId(path);
  const at = (n, suffix) => `${fieldId([...listPath, n])}--${suffix}`;
  const button = (suffix, text, disabled, act) => {
    const b = h("button", { type: "button", class: "kw-button kw-button-secondary kw-button-small", id: `${id}--${suffix}`, disabled: disabled ? "" : null },
      text, h("span", { class: "kw-vh" }, ` ${name}`));
    b.addEventListener("click", act);
    return b;
  };
  const move = (to) => () => {
    // Focus follows the item; at the end of the list it moves to the button that still works.
    const suffix = to < index ? (to === 0 ? "down" : "up") : (to === count - 1 ? "up" : "down");
    ctx.send([{ op: "move", path: listPath, from: index, to }], at(to, suffix));
    ctx.announce(`${name} ist jetzt an Stelle ${to + 1} von ${count}.`);
  };
  return h("div", { class: "kw-item-actions" },
    button("up", "Nach oben", index === 0, move(index - 1)),
    button("down", "Nach unten", index === count - 1, move(index + 1)),
    button("remove", "Entfernen", false, () => {
      const focus = count === 1 ? `${fieldId(listPath)}--add` : at(Math.min(index, count - 2), "remove");
      ctx.send([{ op: "delete", path }], focus);
      ctx.announce(`${name} entfernt. Die Liste hat jetzt ${count - 1} ${count - 1 === 1 ? "Eintrag" : "Einträge"}.`);
    }));
}

function addButton(node, value, path, ctx, itemName) {
  const id = fieldId(path);
  const items = resolve(node.items, ctx.root);
  const add = h("button", { type: "button", class: "kw-button kw-button-secondary", id: `${id}--add` }, `${itemName} hinzufügen`);
  add.addEventListener("click", () => {
    const count = (value || []).length;
    const item = starter(items, ctx.root);
    const ops = value ? [{ op: "insert", path, index: count, value: item }] : [{ op: "set", path, value: [item] }];
    const itemPath = [...path, count];
    const firstPath = items.type === "object" ? [...itemPath, firstField(items)] : itemPath;
    ctx.open.set(`${fieldId(itemPath)}--item`, true);
    ctx.send(ops, fieldId(firstPath));
    ctx.announce(`${itemName} ${count + 1} hinzugefügt.`);
  });
  return add;
}

function textList(node, value, path, required, ctx) {
  const id = fieldId(path);
  const name = itemTitle(resolve(node.items, ctx.root), "Eintrag");
  const list = value || [];
  const rows = list.map((item, n) => {
    const itemPath = [...path, n];
    const itemName = `${label(node, path)}: ${name} ${n + 1}`;
    return h("li", { class: "kw-list-item" },
      text(resolve(node.items, ctx.root), item, itemPath, true, ctx, itemName),
      listButtons(itemPath, n, list.length, itemName, ctx));
  });
  return group(path, ctx, h("fieldset", { class: "kw-fieldset kw-list", id, tabindex: "-1", "aria-describedby": describedBy(node, id) },
    legend(node, path, required), hint(node, id), errorSlot(id),
    rows.length ? h("ol", { class: "kw-items" }, ...rows) : null,
    addButton(node, value, path, ctx, `${name} zu „${label(node, path)}“`)));
}

function summaryText(item) {
  if (typeof item === "string") return item;
  if (!item || typeof item !== "object") return "";
  const first = Object.values(item).find((v) => typeof v === "string" && v.trim());
  return first || "";
}

function objectList(node, value, path, required, ctx) {
  const id = fieldId(path);
  const items = resolve(node.items, ctx.root);
  const name = itemTitle(items, "Eintrag");
  const list = value || [];
  const rows = list.map((item, n) => {
    const itemPath = [...path, n];
    const itemId = `${fieldId(itemPath)}--item`; // the control of a text item (a pain point) takes fieldId(itemPath)
    const itemName = `${name} ${n + 1}`;
    const inner = items.anyOf ? either(items, item, itemPath, true, ctx, itemName) : objectFields(items, item || {}, itemPath, ctx);
    // Items of a first-level list (stages, improvements …) start unfolded, deeper ones (steps …) folded.
    const unfolded = ctx.open.has(itemId) ? ctx.open.get(itemId) : path.filter((p) => typeof p === "number").length === 0;
    const details = h("details", { class: "kw-item", id: itemId, open: unfolded ? "" : null },
      h("summary", { class: "kw-item-summary" }, h("span", { class: "kw-item-name" }, itemName),
        h("span", { class: "kw-item-text" }, summaryText(item))),
      h("div", { class: "kw-item-body" }, errorSlot(itemId), listButtons(itemPath, n, list.length, itemName, ctx), ...inner));
    details.addEventListener("toggle", () => ctx.open.set(itemId, details.open));
    ctx.fields.set(JSON.stringify(itemPath), details);
    return h("li", { class: "kw-list-item" }, details);
  });
  return group(path, ctx, h("fieldset", { class: "kw-fieldset kw-list", id, tabindex: "-1", "aria-describedby": describedBy(node, id) },
    legend(node, path, required), hint(node, id), errorSlot(id),
    rows.length ? h("ol", { class: "kw-items" }, ...rows) : null,
    addButton(node, value, path, ctx, name)));
}
