// Journey pages, progressive enhancement; without script everything still reads and prints.
// - A scroll hint shows only while its region is really wider than the page (checked once it comes near the screen).
// - In poster mode (#poster-<id>), the map's type shrinks until it fits one A3 landscape sheet.
const A3_CONTENT_HEIGHT = 281 * 96 / 25.4; // 297 mm less two 8 mm margins, in CSS pixels
const SMALLEST_POSTER_FONT = 7;

function toggleHint(region) {
  const hint = document.getElementById(region.getAttribute("aria-describedby"));
  if (hint) hint.hidden = region.scrollWidth <= region.clientWidth + 1;
}

function fitPoster(attempt = 0) {
  const head = location.hash.length > 1 && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (!head || !head.classList.contains("kw-poster-head")) return;
  // The browser applies :target once it has found the fragment, which may be a few frames after load.
  if (getComputedStyle(head).display === "none") {
    if (attempt < 30) requestAnimationFrame(() => fitPoster(attempt + 1));
    return;
  }
  const map = head.parentNode;
  let size = 13;
  const height = () => Array.from(map.children).reduce((sum, child) => sum + child.getBoundingClientRect().height, 0);
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
  if (window.ResizeObserver) new ResizeObserver(() => toggleHint(region)).observe(region);
}

function init() {
  const regions = document.querySelectorAll(".kw-scroll[aria-describedby]");
  const near = window.IntersectionObserver && new IntersectionObserver((entries) => {
    entries.forEach((entry) => {
      if (!entry.isIntersecting) return;
      near.unobserve(entry.target);
      watchHint(entry.target);
    });
  }, { rootMargin: "50% 0px" });
  regions.forEach((region) => (near ? near.observe(region) : watchHint(region)));
  fitPoster();
}

window.addEventListener("hashchange", () => fitPoster());

if (window.document$?.subscribe) window.document$.subscribe(init); else document.addEventListener("DOMContentLoaded", init);
