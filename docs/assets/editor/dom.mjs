// Small DOM helpers for the editor. Text from the data only ever goes in as text nodes or attribute values.

/** An element with attributes (null or undefined leave one out) and children (strings become text nodes). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined) element.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === "") continue;
    element.append(typeof child === "string" || typeof child === "number" ? String(child) : child);
  }
  return element;
}

/** The id of the control for a path in the document, e.g. ["stages", 0, "name"] -> "kw-f-stages-0-name". */
export function fieldId(path) {
  return ["kw-f", ...path].join("-");
}
