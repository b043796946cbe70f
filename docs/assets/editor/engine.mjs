// The page's side of the editor's engine (see worker.mjs): start it, then open, create, set the text or apply
// form operations; each call resolves with the state (path, text, data, problems, preview, choices) or rejects
// with a German message. Only the editor page imports this module, so no other page loads Pyodide or the bundle.
//
// One request is with the worker at a time; the others wait here in order. Typing in the YAML view sends the whole
// text per keystroke: a text that is still waiting is replaced by the newer one, and both callers get the newer
// state, so the engine never works through texts nobody will see.
export async function startEngine({ base = "./", onProgress = () => {} } = {}) {
  const root = new URL(base, document.baseURI);
  // The page's address under the site root: links in the preview are made relative to it, as on the site.
  const pageUrl = decodeURI(location.pathname).slice(decodeURI(root.pathname).length);
  const worker = new Worker(new URL("./worker.mjs", import.meta.url), { type: "module" });
  const waiting = []; // {call, args, callers: [{resolve, reject}]}
  let busy = null;
  let broken = null;

  function sendNext() {
    if (busy || !waiting.length) return;
    busy = waiting.shift();
    worker.postMessage({ call: busy.call, args: busy.args });
  }

  worker.onmessage = ({ data }) => {
    if (data.progress) {
      onProgress(...data.progress);
      return;
    }
    const { callers } = busy;
    busy = null;
    if ("error" in data) callers.forEach(({ reject }) => reject(new Error(data.error)));
    else {
      const state = data.result === null ? null : JSON.parse(data.result);
      callers.forEach(({ resolve }) => resolve(state));
    }
    sendNext();
  };
  worker.onerror = (event) => {
    event.preventDefault();
    broken = new Error(`Der Editor ließ sich nicht laden (${event.message || "Skriptfehler"}). Lade die Seite neu.`);
    [busy, ...waiting].filter(Boolean).forEach(({ callers }) => callers.forEach(({ reject }) => reject(broken)));
    busy = null;
    waiting.length = 0;
  };

  function request(call, ...args) {
    if (broken) return Promise.reject(broken);
    return new Promise((resolve, reject) => {
      const last = waiting[waiting.length - 1];
      if (call === "set_text" && last && last.call === "set_text") {
        last.args = args;
        last.callers.push({ resolve, reject });
      } else {
        waiting.push({ call, args, callers: [{ resolve, reject }] });
      }
      sendNext();
    });
  }

  await request("start", root.href, pageUrl);
  return {
    open: (path) => request("open", path),
    create: (kind, path) => request("create", kind, path),
    setText: (text) => request("set_text", text),
    apply: (ops) => request("apply", JSON.stringify(ops)),
  };
}
