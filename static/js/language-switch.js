// The language switch keeps the reader on the same paragraph, and on the same search or filtered
// view: its links carry the page's fragment and its query string (?q=, the targets page's filters).
// They stay plain links, so that Ctrl/Cmd-click, Shift-click and a middle click do what the reader
// expects of a link (a new tab or window, on the same paragraph).
function follow(links) {
  for (const link of links) {
    const url = new URL(link.href);
    url.hash = window.location.hash;
    url.search = window.location.search;
    link.href = url.href;
  }
}

export function setUpLanguageSwitch() {
  const links = document.querySelectorAll("a[data-lang-switch]");
  if (!links.length) return;
  follow(links);
  window.addEventListener("hashchange", () => follow(links));
  // A search or a filter rewrites the address without an event: the links are brought up to date
  // when the reader reaches for them.
  for (const link of links) {
    for (const event of ["pointerdown", "focus", "mouseenter"]) link.addEventListener(event, () => follow(links));
  }
}
