// Journey pages, progressive enhancement; without script everything still reads and prints.
// - A scroll hint shows only while its region is really wider than the page (checked once it comes near the screen).
// - In poster mode (#poster-<id>), the map's type shrinks until it fits one A3 landscape sheet.
(function () {
  "use strict";
  var A3_CONTENT_HEIGHT = 281 * 96 / 25.4; // 297 mm less two 8 mm margins, in CSS pixels
  var SMALLEST_POSTER_FONT = 7;

  function toggleHint(region) {
    var hint = document.getElementById(region.getAttribute("aria-describedby"));
    if (hint) hint.hidden = region.scrollWidth <= region.clientWidth + 1;
  }

  function fitPoster(attempt) {
    var head = location.hash.length > 1 && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!head || !head.classList.contains("kw-poster-head")) return;
    // The browser applies :target once it has found the fragment, which may be a few frames after load.
    if (getComputedStyle(head).display === "none") {
      if ((attempt || 0) < 30) requestAnimationFrame(function () { fitPoster((attempt || 0) + 1); });
      return;
    }
    var map = head.parentNode;
    var size = 13;
    function height() {
      return Array.prototype.reduce.call(map.children, function (sum, child) { return sum + child.getBoundingClientRect().height; }, 0);
    }
    map.style.setProperty("--kw-poster-font", size + "px");
    while (height() > A3_CONTENT_HEIGHT && size > SMALLEST_POSTER_FONT) {
      size -= 0.5;
      map.style.setProperty("--kw-poster-font", size + "px");
    }
    map.setAttribute("data-poster-font", size);
  }

  // Measuring a region lays it out; one below the screen is measured only once it comes near, so loading the page
  // does not lay out what the browser would otherwise skip (content-visibility in journey-map.css).
  function watchHint(region) {
    toggleHint(region);
    if (window.ResizeObserver) new ResizeObserver(function () { toggleHint(region); }).observe(region);
  }

  function init() {
    var regions = document.querySelectorAll(".kw-scroll[aria-describedby]");
    var near = window.IntersectionObserver && new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        near.unobserve(entry.target);
        watchHint(entry.target);
      });
    }, { rootMargin: "50% 0px" });
    Array.prototype.forEach.call(regions, function (region) {
      if (near) { near.observe(region); } else { watchHint(region); }
    });
    fitPoster(0);
  }

  window.addEventListener("hashchange", function () { fitPoster(0); });

  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(init); } else { document.addEventListener("DOMContentLoaded", init); }
})();
