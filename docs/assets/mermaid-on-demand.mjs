// Mermaid when a diagram is about to be seen, not while the page loads.
// The theme draws every `pre.mermaid` with `mermaid.initialize()` and `mermaid.render()` as soon as the page is
// ready. This stand-in offers those two calls and holds each render back until its diagram comes near the screen,
// or the page is about to print; only then does it fetch the real Mermaid (self-hosted) and let it draw.
// Journey pages show the diagram below the map and the blueprint, so a reader's first screen pays nothing for it.
// Printing (and `make pdf`, the browser tests) dispatch `beforeprint`, which releases every diagram at once.
const LIBRARY = new URL("./vendor/mermaid/mermaid.esm.min.mjs", import.meta.url).href;
const NEAR = "50% 0px"; // start drawing half a screen before the diagram scrolls in

let options = {};
let library;
const held = new Map(); // source element -> function that lets its render go on
let everything = false;

function real() {
  library ??= import(LIBRARY).then(({ default: mermaid }) => {
    mermaid.initialize(options);
    return mermaid;
  });
  return library;
}

function release(element) {
  watcher?.unobserve(element);
  const go = held.get(element);
  held.delete(element);
  if (go) go();
}

function releaseAll() {
  everything = true;
  Array.from(held.keys()).forEach(release);
}

const watcher = "IntersectionObserver" in window
  ? new IntersectionObserver((entries) => entries.forEach((entry) => entry.isIntersecting && release(entry.target)),
      { rootMargin: NEAR })
  : null;

// The theme asks to render the text of a `pre.mermaid`; find that element so the render waits for it alone.
function sourceOf(text) {
  return Array.from(document.querySelectorAll("pre.mermaid")).find((pre) => pre.textContent === text && !held.has(pre));
}

window.addEventListener("beforeprint", releaseAll);

export default {
  initialize(config) {
    options = config;
  },
  async render(id, text, container) {
    const element = sourceOf(text);
    if (element && watcher && !everything) {
      await new Promise((go) => {
        held.set(element, go);
        watcher.observe(element);
      });
    }
    return (await real()).render(id, text, container);
  },
};
