// Journey pages, progressive enhancement; without script everything still reads and prints.
// - A scroll hint shows only while its region is really wider than the page.
// - A poster shrinks its type until it fits one A3 landscape sheet.
(function () {
  "use strict";
  var A3_CONTENT_HEIGHT = 281 * 96 / 25.4; // 297 mm less two 8 mm margins, in CSS pixels
  var SMALLEST_POSTER_FONT = 7;

  function toggleHint(region) {
    var hint = document.getElementById(region.getAttribute("aria-describedby"));
    if (hint) hint.hidden = region.scrollWidth <= region.clientWidth + 1;
  }

  function fitPoster(poster) {
    var size = parseFloat(getComputedStyle(poster).fontSize);
    while (poster.getBoundingClientRect().height > A3_CONTENT_HEIGHT && size > SMALLEST_POSTER_FONT) {
      size -= 0.5;
      poster.style.fontSize = size + "px";
    }
  }

  function init() {
    var regions = document.querySelectorAll(".kw-scroll[aria-describedby]");
    Array.prototype.forEach.call(regions, function (region) {
      toggleHint(region);
      if (window.ResizeObserver) new ResizeObserver(function () { toggleHint(region); }).observe(region);
    });
    Array.prototype.forEach.call(document.querySelectorAll(".kw-poster"), fitPoster);
  }

  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(init); } else { document.addEventListener("DOMContentLoaded", init); }
})();
