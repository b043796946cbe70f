// Filterable, sortable tables (journey catalog, improvements, evidence). Without script the table still reads,
// a page at a time. A table with data-rows loads all its rows (escaped HTML, made at build time) on the first
// filter or sort and shows the matches a page at a time; a small table filters the rows it already has.
function setUp(box) {
  if (box.getAttribute("data-ready")) return;
  box.setAttribute("data-ready", "1");
  const bar = box.querySelector(".kw-filters");
  const table = box.querySelector("table");
  const body = table.tBodies[0];
  const text = bar.querySelector("[data-filter-text]");
  const controls = Array.from(bar.querySelectorAll("[data-filter]"));
  const count = bar.querySelector(".kw-count");
  const noun = box.getAttribute("data-noun");
  const source = box.getAttribute("data-rows");
  const size = Number(box.getAttribute("data-size")) || 50;
  const more = box.querySelector(".kw-more-rows");
  const pages = box.querySelector(".kw-pages");
  const headers = Array.from(table.tHead.rows[0].cells);
  let rows = null;      // [{h: html, t: text, f: filters, s: sort keys}], from the DOM or the data file
  let matches = [];
  let limit = size;
  let order = null;     // [column, ascending]
  let loading = null;
  bar.hidden = false;

  const fromDom = () => Array.from(body.rows, (row) => {
    const filters = {};
    for (const a of row.attributes) {
      if (a.name.startsWith("data-")) filters[a.name.slice(5)] = a.value;
    }
    return {el: row, t: row.textContent.toLocaleLowerCase("de"), f: filters, s: Array.from(row.cells, (c) => c.getAttribute("data-sort") || "")};
  });

  const load = (then) => {   // the rows, once; a reader who focuses a filter has them by the time they type
    if (!loading) {
      if (!source) {
        loading = Promise.resolve(fromDom()).then((found) => { rows = found; });
      } else {
        const url = new URL(source, document.baseURI);
        loading = fetch(url).then((r) => r.json()).then((data) => {
          data.rows.forEach((row) => {   // links in the file are relative to the file
            row.h = row.h.replace(/href="([^"]*)"/g, (all, href) => 'href="' + new URL(href.replace(/&amp;/g, "&"), url).href + '"');
          });
          rows = data.rows;
        });
      }
    }
    loading.then(then);
  };

  const wanted = () => {
    const words = text ? text.value.toLocaleLowerCase("de").split(/\s+/).filter(Boolean) : [];
    const values = controls
      .map((c) => [c.getAttribute("data-filter"), c.type === "checkbox" ? (c.checked ? c.value : "") : c.value])
      .filter((pair) => pair[1]);
    return (row) => values.every((pair) => row.f[pair[0]] === pair[1]) && words.every((w) => row.t.includes(w));
  };

  const sortKey = (row, index) => {   // columns without a key from the build sort by their text, read once
    if (!row.s[index]) {
      let cells;
      if (row.el) {
        cells = row.el.cells;
      } else {
        const scratch = document.createElement("tbody");
        scratch.innerHTML = row.h;
        cells = scratch.rows[0].cells;
      }
      row.s[index] = cells[index].textContent.trim().toLocaleLowerCase("de");
    }
    return row.s[index];
  };

  const show = () => {
    const ok = wanted();
    matches = rows.filter(ok);
    if (order) {
      const [index, ascending] = order;
      matches.forEach((row) => sortKey(row, index));
      matches = matches.map((row, i) => [row, i]).sort((a, b) => {
        const result = a[0].s[index].localeCompare(b[0].s[index], "de", { numeric: true }) || a[1] - b[1];
        return ascending ? result : -result;
      }).map((pair) => pair[0]);
    }
    if (source) {
      body.innerHTML = matches.slice(0, limit).map((row) => row.h).join("");
      more.hidden = matches.length <= limit;
    } else {
      const fragment = document.createDocumentFragment();
      rows.forEach((row) => { if (row.el.hidden === ok(row)) row.el.hidden = !ok(row); });
      if (order) { matches.forEach((row) => fragment.appendChild(row.el)); body.appendChild(fragment); }
    }
    const total = Number(box.getAttribute("data-total")) || rows.length;
    count.textContent = (matches.length === total ? "" : matches.length + " von ") + total + " " + noun;
  };

  const update = () => {
    limit = size;
    load(() => { if (pages && source) pages.hidden = true; show(); });
  };

  headers.forEach((th, index) => {
    if (!th.hasAttribute("data-sortable")) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "kw-sort";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", () => {
      const ascending = th.getAttribute("aria-sort") !== "ascending";
      headers.forEach((other) => other.removeAttribute("aria-sort"));
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      order = [index, ascending];
      update();
    });
  });
  bar.addEventListener("focusin", () => load(() => {}));
  if (text) text.addEventListener("input", update);
  controls.forEach((c) => c.addEventListener("change", update));
  more.querySelector("button").addEventListener("click", () => { limit += size; show(); });
}

const init = () => document.querySelectorAll(".kw-filterable").forEach(setUp);

if (window.document$?.subscribe) window.document$.subscribe(init); else document.addEventListener("DOMContentLoaded", init);
