// Filterable, sortable tables (journey catalog, improvement backlog). Without script the table still reads.
// Rows are matched on their data-* attributes and on their text; texts are read once, on first use.
(function () {
  "use strict";
  function setUp(box) {
    if (box.getAttribute("data-ready")) return;
    box.setAttribute("data-ready", "1");
    var bar = box.querySelector(".kw-filters");
    var table = box.querySelector("table");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var texts = null;
    var text = bar.querySelector("[data-filter-text]");
    var controls = Array.prototype.slice.call(bar.querySelectorAll("[data-filter]"));
    var count = bar.querySelector(".kw-count");
    var noun = box.getAttribute("data-noun");
    bar.hidden = false;
    function filter() {
      if (texts === null) texts = rows.map(function (row) { return row.textContent.toLocaleLowerCase("de"); });
      var words = text ? text.value.toLocaleLowerCase("de").split(/\s+/).filter(Boolean) : [];
      var wanted = controls.map(function (c) {
        return [c.getAttribute("data-filter"), c.type === "checkbox" ? (c.checked ? c.value : "") : c.value];
      }).filter(function (pair) { return pair[1]; });
      var shown = 0;
      rows.forEach(function (row, i) {
        var ok = wanted.every(function (pair) { return row.getAttribute("data-" + pair[0]) === pair[1]; }) &&
          words.every(function (w) { return texts[i].indexOf(w) !== -1; });
        if (row.hidden === ok) row.hidden = !ok;
        if (ok) shown++;
      });
      count.textContent = (shown === rows.length ? "" : shown + " von ") + rows.length + " " + noun;
    }
    function key(row, index) {
      var cell = row.cells[index];
      return cell.getAttribute("data-sort") || cell.textContent.trim().toLocaleLowerCase("de");
    }
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
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
        var order = rows.map(function (row, i) { return [key(row, index), i, row]; });
        order.sort(function (a, b) {
          var result = a[0].localeCompare(b[0], "de", { numeric: true }) || a[1] - b[1];
          return ascending ? result : -result;
        });
        var fragment = document.createDocumentFragment();
        order.forEach(function (item) { fragment.appendChild(item[2]); });
        body.appendChild(fragment);
        rows = order.map(function (item) { return item[2]; });
        texts = null;
      });
    });
    if (text) text.addEventListener("input", filter);
    controls.forEach(function (c) { c.addEventListener("change", filter); });
  }
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".kw-filterable"), setUp);
  }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(init); } else { document.addEventListener("DOMContentLoaded", init); }
})();
