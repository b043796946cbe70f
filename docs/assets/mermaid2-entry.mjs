// What mermaid2 imports on a page with a diagram (mkdocs.yml: `mermaid2: javascript:`), under MkDocs.
// mermaid2 imports it as a module binding, but Material draws `pre.mermaid` with `window.mermaid` and fetches
// Mermaid from a CDN when that is missing. So this sets it: the stand-in that loads the self-hosted Mermaid only
// when a diagram comes near the screen or the page prints (mermaid-on-demand.mjs).
import mermaid from "./mermaid-on-demand.mjs";

window.mermaid = mermaid;

export default mermaid;
