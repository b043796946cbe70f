// The header search (partials/site-search.html). Opening the dialog imports Pagefind from this site; until then
// the page has fetched nothing for search. The shortcuts are Material's: "/", "s" and "f".
function setUpSearch() {
  const dialog = document.getElementById("kw-search");
  const opener = document.querySelector(".kw-search-open");
  if (!dialog || !opener || typeof dialog.showModal !== "function") return;
  const input = dialog.querySelector(".kw-search__input");
  const status = dialog.querySelector(".kw-search__status");
  const list = dialog.querySelector(".kw-search__results");
  const more = dialog.querySelector(".kw-search__more");
  const bundle = new URL(dialog.dataset.bundle, document.baseURI).href;
  const PAGE = 10;
  let engine = null;
  let current = { ticket: 0, results: [], shown: 0 };
  let timer = 0;

  const load = () => {
    engine ??= import(bundle + "pagefind.js").then(async (pagefind) => {
      await pagefind.options({ excerptLength: 24 });
      await pagefind.init();
      return pagefind;
    });
    return engine;
  };

  const open = () => {
    if (dialog.open) return;
    dialog.showModal();
    input.focus();
    input.select();
    load().catch(() => { status.textContent = "Die Suche ließ sich nicht laden. Lade die Seite neu."; });
  };

  // Pagefind's excerpt is the page's text, HTML-escaped, with <mark> around the hits. It is turned into text nodes
  // and <mark> elements here, never into markup, so nothing in an excerpt can become an element.
  const excerptNodes = (excerpt) => {
    const decode = document.createElement("textarea");
    return excerpt.split(/(<mark>[\s\S]*?<\/mark>)/).filter(Boolean).map((part) => {
      const hit = part.startsWith("<mark>");
      decode.innerHTML = hit ? part.slice(6, -7) : part;
      if (!hit) return document.createTextNode(decode.value);
      const mark = document.createElement("mark");
      mark.textContent = decode.value;
      return mark;
    });
  };

  const item = (data) => {
    const link = document.createElement("a");
    link.className = "kw-search__link";
    link.href = data.url;
    const title = document.createElement("span");
    title.className = "kw-search__page";
    title.textContent = data.meta.title || data.url;
    const excerpt = document.createElement("span");
    excerpt.className = "kw-search__excerpt";
    excerpt.append(...excerptNodes(data.excerpt));
    link.append(title, excerpt);
    const entry = document.createElement("li");
    entry.append(link);
    return entry;
  };

  const showMore = async () => {
    const { ticket, results, shown } = current;
    const page = await Promise.all(results.slice(shown, shown + PAGE).map((result) => result.data()));
    if (ticket !== current.ticket) return;
    list.append(...page.map(item));
    current.shown = shown + page.length;
    more.hidden = current.shown >= results.length;
  };

  const search = async (query) => {
    const ticket = current.ticket + 1;
    current = { ticket, results: [], shown: 0 };
    if (!query.trim()) {
      list.replaceChildren();
      status.textContent = "";
      more.hidden = true;
      return;
    }
    const pagefind = await load();
    const found = await pagefind.search(query);
    if (ticket !== current.ticket) return;
    current.results = found.results;
    list.replaceChildren();
    await showMore();
    if (ticket !== current.ticket) return;
    const count = found.results.length;
    status.textContent = count === 0 ? `Keine Treffer für „${query}“.` : count === 1 ? "1 Treffer" : `${count} Treffer`;
  };

  const links = () => Array.from(list.querySelectorAll(".kw-search__link"));

  opener.addEventListener("click", open);
  dialog.querySelector(".kw-search__close").addEventListener("click", () => dialog.close());
  dialog.addEventListener("click", (event) => { if (event.target === dialog) dialog.close(); });
  more.addEventListener("click", () => { const next = current.shown; showMore().then(() => links()[next]?.focus()); });
  dialog.querySelector("form").addEventListener("submit", (event) => {
    event.preventDefault();
    links()[0]?.click();
  });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => search(input.value).catch(() => { status.textContent = "Die Suche ist fehlgeschlagen."; }), 120);
  });
  dialog.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const stops = [input, ...links()];
    const at = stops.indexOf(document.activeElement);
    if (at < 0) return;
    event.preventDefault();
    stops[(at + (event.key === "ArrowDown" ? 1 : stops.length - 1)) % stops.length].focus();
  });
  document.addEventListener("keydown", (event) => {
    if (dialog.open || event.ctrlKey || event.metaKey || event.altKey || !["/", "s", "f"].includes(event.key)) return;
    const target = event.target;
    if (target instanceof Element && target.closest("input, textarea, select, [contenteditable]")) return;
    event.preventDefault();
    open();
  });
}

setUpSearch();
