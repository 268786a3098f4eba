// The page's live region: it is in the HTML from the start (a region added later is not watched by
// every screen reader, so its first message would go unsaid), and carries the messages scripts show.
const region = () => document.getElementById("live-region");

// Emptied first and filled a moment later, so that the same message twice is said twice.
export function announce(message) {
  const live = region();
  if (!live) return;
  live.textContent = "";
  window.setTimeout(() => { live.textContent = message; }, 30);
}

// A message of the page's language, kept on the live region as data-msg-<name>.
export function message(name) {
  return region()?.getAttribute(`data-msg-${name}`) || "";
}
