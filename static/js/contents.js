// Contents lists are folded in the HTML, so that a phone shows the text first; at desk width the
// stylesheet shows them open from the first paint. This opens those for real (nothing moves), so that
// the summary folds them again and says that they are open.
const WIDE = "(width > 52rem)"; // the stylesheet's breakpoint

export function setUpContents() {
  const wide = window.matchMedia(WIDE).matches;
  // The report's menu (data-menu) folds and opens the same way.
  document.querySelectorAll("details[data-fold], details[data-menu]").forEach((details) => {
    if (wide) details.open = true;
    details.dataset[details.hasAttribute("data-fold") ? "fold" : "menu"] = "script";
  });
}
