// Home page: the archive narrowed by place or year as the reader types; every report shows without
// a script.
import { showOnly } from "./filter.js";

export function setUpArchiveFilter() {
  const form = document.querySelector("form[data-archive-filter]");
  if (!form) return;
  form.hidden = false;
  const input = form.querySelector("input");
  const count = form.querySelector(".filter-count");
  const cards = document.querySelectorAll("[data-filter-text]");
  const places = document.querySelectorAll("[data-place]");
  const filter = () => {
    const terms = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    const test = (card) => {
      const text = card.getAttribute("data-filter-text").toLowerCase();
      return terms.every((term) => text.includes(term));
    };
    showOnly(cards, test, places, count);
  };
  input.addEventListener("input", filter);
  form.addEventListener("submit", (event) => event.preventDefault());
  filter();
}
