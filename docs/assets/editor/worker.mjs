// The editor's engine: Pyodide running the project's own Python package, in a worker so typing never waits for it.
// The page talks to it only through engine.mjs, one request at a time. Messages in: {call, args}; out: {result} or
// {error}, and {progress: [fraction, text]} while loading. Results are the state as a JSON string, straight from Python.
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

// Compiled Python bytecode, kept in IndexedDB between visits: Pyodide compiles every module of the bundle on each
// start, which is most of the import time. The folder is named after the bundle's SHA-256, so a new bundle never
// meets bytecode of an old one. Without IndexedDB (private windows, storage switched off) the engine runs the same,
// only without this cache.
const BYTECODE = "/bytecode";

function synced(pyodide, load) {
  return new Promise((resolve, reject) => pyodide.FS.syncfs(load, (error) => (error ? reject(error) : resolve())));
}

async function keepBytecode(pyodide, bundle) {
  try {
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bundle));
    const name = Array.from(digest.slice(0, 8), (b) => b.toString(16).padStart(2, "0")).join("");
    pyodide.FS.mkdirTree(BYTECODE);
    pyodide.FS.mount(pyodide.FS.filesystems.IDBFS, {}, BYTECODE);
    await synced(pyodide, true);
    pyodide.runPython(`
import shutil, sys
from pathlib import Path
for old in Path(${JSON.stringify(BYTECODE)}).iterdir():
    if old.name != ${JSON.stringify(name)}:
        shutil.rmtree(old)
sys.dont_write_bytecode = False
sys.pycache_prefix = ${JSON.stringify(`${BYTECODE}/${name}`)}
`);
    return () => synced(pyodide, false).catch(() => {});
  } catch {
    return () => {};
  }
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
  const bytes = await bundle;
  const store = await keepBytecode(pyodide, bytes);
  pyodide.unpackArchive(bytes, "zip", { extractDir: HOME });
  // Unpacked files carry the time of unpacking; bytecode checks the source's time, so give them all one fixed time
  // (the bytecode folder belongs to this bundle alone, its sources never change under it).
  pyodide.runPython(`
import os, sys
from pathlib import Path
for source in Path(${JSON.stringify(HOME)}).rglob("*.py"):
    os.utime(source, (315532800, 315532800))
sys.path.insert(0, ${JSON.stringify(HOME)})
`);
  api = pyodide.pyimport("macros.editor.api");
  progress(0.9, "Lade Journeys und Personas …");
  api.start(await catalog, pageUrl);
  await store();
  progress(1, "Bereit");
}

// A German message for the page: an EditorError says what went wrong; anything else is a fault of the editor.
function message(call, error) {
  const text = String(error && error.message || error).trim();
  const last = text.split("\n").pop();
  if (error && error.type === "EditorError") return last.replace(/^[\w.]*EditorError: /, "");
  if (call === "start") return `Der Editor ließ sich nicht laden (${last}). Lade die Seite neu.`;
  return `Interner Fehler im Editor: ${last}`;
}

onmessage = async ({ data: { call, args } }) => {
  try {
    const result = call === "start" ? await start(...args) : api[call](...args);
    postMessage({ result: result ?? null });
  } catch (error) {
    postMessage({ error: message(call, error) });
  }
};
