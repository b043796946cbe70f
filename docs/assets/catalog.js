// Journey catalog: filter by text and group, sort by any column. Without script the table still reads.
(function () {
  "use strict";
  function setUp(catalog) {
    var table = catalog.querySelector("table");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var text = catalog.querySelector(".kw-filter-text");
    var segment = catalog.querySelector(".kw-filter-segment");
    var count = catalog.querySelector(".kw-count");
    function filter() {
      var words = text.value.toLocaleLowerCase("de").split(/\s+/).filter(Boolean);
      var wanted = segment.value;
      var shown = 0;
      rows.forEach(function (row) {
        var hay = row.textContent.toLocaleLowerCase("de");
        var ok = (!wanted || row.getAttribute("data-segment") === wanted) &&
          words.every(function (w) { return hay.indexOf(w) !== -1; });
        row.hidden = !ok;
        if (ok) shown++;
      });
      count.textContent = shown + " von " + rows.length + " Journeys";
    }
    function key(row, index) {
      var cell = row.cells[index];
      return cell.getAttribute("data-sort") || cell.textContent.trim().toLocaleLowerCase("de");
    }
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kw-sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        rows.sort(function (a, b) {
          var result = key(a, index).localeCompare(key(b, index), "de", { numeric: true });
          return ascending ? result : -result;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
    text.addEventListener("input", filter);
    segment.addEventListener("change", filter);
  }
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".kw-catalog"), setUp);
  }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(init); } else { document.addEventListener("DOMContentLoaded", init); }
})();
