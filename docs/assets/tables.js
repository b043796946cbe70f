// Filterable, sortable tables (journey catalog, improvements, evidence). Without script the table still reads,
// a page at a time. A table with data-rows loads all its rows (escaped HTML, made at build time) on the first
// filter or sort and shows the matches a page at a time; a small table filters the rows it already has.
(function () {
  "use strict";
  function setUp(box) {
    if (box.getAttribute("data-ready")) return;
    box.setAttribute("data-ready", "1");
    var bar = box.querySelector(".kw-filters");
    var table = box.querySelector("table");
    var body = table.tBodies[0];
    var text = bar.querySelector("[data-filter-text]");
    var controls = Array.prototype.slice.call(bar.querySelectorAll("[data-filter]"));
    var count = bar.querySelector(".kw-count");
    var noun = box.getAttribute("data-noun");
    var source = box.getAttribute("data-rows");
    var size = Number(box.getAttribute("data-size")) || 50;
    var more = box.querySelector(".kw-more-rows");
    var pages = box.querySelector(".kw-pages");
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var rows = null;      // [{h: html, t: text, f: filters, s: sort keys}], from the DOM or the data file
    var matches = [];
    var limit = size;
    var order = null;     // [column, ascending]
    bar.hidden = false;

    function fromDom() {
      return Array.prototype.map.call(body.rows, function (row) {
        var filters = {};
        Array.prototype.forEach.call(row.attributes, function (a) {
          if (a.name.indexOf("data-") === 0) filters[a.name.slice(5)] = a.value;
        });
        return {el: row, t: row.textContent.toLocaleLowerCase("de"), f: filters, s: Array.prototype.map.call(row.cells, function (c) {
          return c.getAttribute("data-sort") || "";
        })};
      });
    }
    var loading = null;
    function load(then) {   // the rows, once; a reader who focuses a filter has them by the time they type
      if (!loading) {
        if (!source) {
          loading = Promise.resolve(fromDom()).then(function (found) { rows = found; });
        } else {
          var url = new URL(source, document.baseURI);
          loading = fetch(url).then(function (r) { return r.json(); }).then(function (data) {
            data.rows.forEach(function (row) {   // links in the file are relative to the file
              row.h = row.h.replace(/href="([^"]*)"/g, function (all, href) { return 'href="' + new URL(href.replace(/&amp;/g, "&"), url).href + '"'; });
            });
            rows = data.rows;
          });
        }
      }
      loading.then(then);
    }
    function wanted() {
      var words = text ? text.value.toLocaleLowerCase("de").split(/\s+/).filter(Boolean) : [];
      var values = controls.map(function (c) {
        return [c.getAttribute("data-filter"), c.type === "checkbox" ? (c.checked ? c.value : "") : c.value];
      }).filter(function (pair) { return pair[1]; });
      return function (row) {
        return values.every(function (pair) { return row.f[pair[0]] === pair[1]; }) &&
          words.every(function (w) { return row.t.indexOf(w) !== -1; });
      };
    }
    function sortKey(row, index) {   // columns without a key from the build sort by their text, read once
      if (!row.s[index]) {
        var cells = row.el ? row.el.cells : (function () { var t = document.createElement("tbody"); t.innerHTML = row.h; return t.rows[0].cells; })();
        row.s[index] = cells[index].textContent.trim().toLocaleLowerCase("de");
      }
      return row.s[index];
    }
    function show() {
      var ok = wanted();
      matches = rows.filter(ok);
      if (order) {
        var index = order[0], ascending = order[1];
        matches.forEach(function (row) { sortKey(row, index); });
        matches = matches.map(function (row, i) { return [row, i]; }).sort(function (a, b) {
          var result = a[0].s[index].localeCompare(b[0].s[index], "de", { numeric: true }) || a[1] - b[1];
          return ascending ? result : -result;
        }).map(function (pair) { return pair[0]; });
      }
      if (source) {
        body.innerHTML = matches.slice(0, limit).map(function (row) { return row.h; }).join("");
        more.hidden = matches.length <= limit;
      } else {
        var fragment = document.createDocumentFragment();
        rows.forEach(function (row) { if (row.el.hidden === ok(row)) row.el.hidden = !ok(row); });
        if (order) { matches.forEach(function (row) { fragment.appendChild(row.el); }); body.appendChild(fragment); }
      }
      var total = Number(box.getAttribute("data-total")) || rows.length;
      count.textContent = (matches.length === total ? "" : matches.length + " von ") + total + " " + noun;
    }
    function update() {
      limit = size;
      load(function () { if (pages && source) pages.hidden = true; show(); });
    }
    headers.forEach(function (th, index) {
      if (!th.hasAttribute("data-sortable")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kw-sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        order = [index, ascending];
        update();
      });
    });
    bar.addEventListener("focusin", function () { load(function () {}); });
    if (text) text.addEventListener("input", update);
    controls.forEach(function (c) { c.addEventListener("change", update); });
    more.querySelector("button").addEventListener("click", function () { limit += size; show(); });
  }
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".kw-filterable"), setUp);
  }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(init); } else { document.addEventListener("DOMContentLoaded", init); }
})();
