// The page's side of the editor's engine (see worker.mjs): start it, then open, create, set the text or apply
// form operations; each call resolves with the state (path, text, data, problems, preview, choices) or rejects
// with a German message. Only the editor page imports this module, so no other page loads Pyodide or the bundle.
export async function startEngine({ base = "./", onProgress = () => {} } = {}) {
  const root = new URL(base, document.baseURI);
  // The page's address under the site root: links in the preview are made relative to it, as on the site.
  const pageUrl = decodeURI(location.pathname).slice(decodeURI(root.pathname).length);
  const worker = new Worker(new URL("./worker.mjs", import.meta.url), { type: "module" });
  const pending = new Map();
  let next = 0;
  let broken = null;

  worker.onmessage = ({ data }) => {
    if (data.progress) {
      onProgress(...data.progress);
      return;
    }
    const { resolve, reject } = pending.get(data.id);
    pending.delete(data.id);
    if ("error" in data) reject(new Error(data.error));
    else resolve(data.result === null ? null : JSON.parse(data.result));
  };
  worker.onerror = (event) => {
    broken = new Error(`Der Editor ließ sich nicht starten: ${event.message || "Skriptfehler"}`);
    pending.forEach(({ reject }) => reject(broken));
    pending.clear();
  };

  function call(name, ...args) {
    if (broken) return Promise.reject(broken);
    return new Promise((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, call: name, args });
    });
  }

  await call("start", root.href, pageUrl);
  return {
    open: (path) => call("open", path),
    create: (kind, path) => call("create", kind, path),
    setText: (text) => call("set_text", text),
    apply: (ops) => call("apply", JSON.stringify(ops)),
  };
}
