// The language switch keeps the reader on the same paragraph: its links carry the page's fragment.
// They stay plain links, so that Ctrl/Cmd-click, Shift-click and a middle click do what the reader
// expects of a link (a new tab or window, on the same paragraph).
function follow(links) {
  for (const link of links) {
    const url = new URL(link.href);
    url.hash = window.location.hash;
    link.href = url.href;
  }
}

export function setUpLanguageSwitch() {
  const links = document.querySelectorAll("a[data-lang-switch]");
  if (!links.length) return;
  follow(links);
  window.addEventListener("hashchange", () => follow(links));
}
