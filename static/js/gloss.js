// Glossary terms in the text link to their entry; with this script a click, a tap or Enter shows the
// definition in place, in a popover that Escape or a click elsewhere closes (focus goes back to the
// term). The link to the full entry stays in the popover, and works as before without the script.
let popover = null;
let opener = null;

function makePopover() {
  const box = document.createElement("div");
  box.id = "gloss-popover";
  box.className = "gloss-popover";
  box.setAttribute("popover", "auto");
  box.setAttribute("role", "note");
  box.addEventListener("toggle", (event) => {
    if (event.newState === "closed" && opener) {
      opener.setAttribute("aria-expanded", "false");
      if (box.contains(document.activeElement) || document.activeElement === document.body) opener.focus();
    }
  });
  document.body.append(box);
  return box;
}

function show(link) {
  if (opener && opener !== link) opener.setAttribute("aria-expanded", "false");
  opener = link;
  const term = document.createElement("strong");
  term.textContent = link.textContent;
  const text = document.createElement("p");
  text.textContent = link.getAttribute("data-definition");
  const more = document.createElement("a");
  more.href = link.getAttribute("href");
  more.textContent = document.body.getAttribute("data-msg-glossary") || link.href;
  popover.replaceChildren(term, text, more);
  popover.showPopover();
  const box = link.getBoundingClientRect();
  const width = Math.min(popover.offsetWidth, window.innerWidth - 16);
  popover.style.left = `${Math.max(8, Math.min(box.left, window.innerWidth - width - 8))}px`;
  popover.style.top = `${box.bottom + 6}px`;
  link.setAttribute("aria-expanded", "true");
  more.focus();
}

export function setUpGlossary() {
  const links = document.querySelectorAll("a.gloss[data-definition]");
  if (!links.length || !HTMLElement.prototype.hasOwnProperty("popover")) return;
  popover = makePopover();
  links.forEach((link) => {
    link.setAttribute("aria-controls", "gloss-popover");
    link.setAttribute("aria-expanded", "false");
  });
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a.gloss[data-definition]");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    show(link);
  });
}
