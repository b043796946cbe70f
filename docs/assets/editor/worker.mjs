// The editor's engine: Pyodide running the project's own Python package, in a worker so typing never waits for it.
// The page talks to it only through engine.mjs. Messages in: {id, call, args}; out: {id, result} or {id, error},
// and {progress: [fraction, text]} while loading. Results are the state as a JSON string, straight from Python.
// Where Pyodide, the bundle and the catalog lie comes from assets/editor/engine.json, which the build writes from
// macros/vendor.py and macros/editor/bundle.py: one source for the version in the path.
const HOME = "/home/pyodide/kundenwege"; // where the bundle is unpacked in Pyodide's file system

let api; // the Python module macros.editor.api

function progress(fraction, text) {
  postMessage({ progress: [fraction, text] });
}

async function fetched(url, as) {
  // Revalidate with the server (ETag): an unchanged file costs a 304, a changed catalog or bundle is never stale.
  const response = await fetch(url, { cache: "no-cache" });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return as === "text" ? response.text() : response.arrayBuffer();
}

async function start(base, pageUrl) {
  progress(0, "Lade Python …");
  const paths = JSON.parse(await fetched(new URL("assets/editor/engine.json", base), "text"));
  const home = new URL(paths.pyodide, base).href;
  const bundle = fetched(new URL(paths.bundle, base), "bytes");
  const catalog = fetched(new URL(paths.catalog, base), "text");
  const { loadPyodide } = await import(`${home}pyodide.mjs`);
  const pyodide = await loadPyodide({ indexURL: home });
  progress(0.7, "Lade Prüfregeln …");
  pyodide.unpackArchive(await bundle, "zip", { extractDir: HOME });
  pyodide.runPython(`import sys\nsys.path.insert(0, ${JSON.stringify(HOME)})`);
  api = pyodide.pyimport("macros.editor.api");
  progress(0.9, "Lade Journeys und Personas …");
  api.start(await catalog, pageUrl);
  progress(1, "Bereit");
}

// A German message for the page: an EditorError says what went wrong; anything else is a fault of the editor.
function message(error) {
  const text = String(error && error.message || error).trim();
  if (error && error.type === "EditorError") return text.split("\n").pop().replace(/^[\w.]*EditorError: /, "");
  return `Interner Fehler im Editor: ${text.split("\n").pop()}`;
}

onmessage = async ({ data: { id, call, args } }) => {
  try {
    const result = call === "start" ? await start(...args) : api[call](...args);
    postMessage({ id, result: result ?? null });
  } catch (error) {
    postMessage({ id, error: message(error) });
  }
};
