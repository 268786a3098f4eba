// A report's targets, filtered by kind, section and status.
import { passes, readSelects, showOnly, writeSelects } from "./filter.js";

export function setUpTargetsFilter() {
  const form = document.querySelector("form[data-filters]");
  if (!form) return;
  const selects = [...form.querySelectorAll("select")];
  const rows = document.querySelectorAll(".targets-table tbody tr");
  const groups = document.querySelectorAll("[data-group]");
  const count = form.querySelector(".filter-count");
  const apply = () => {
    const wanted = readSelects(selects);
    showOnly(rows, (row) => passes(wanted, (name) => row.getAttribute(`data-${name}`)), groups, count);
  };
  form.addEventListener("change", () => {
    window.history.replaceState(null, "", writeSelects(selects, new URL(window.location.href)));
    apply();
  });
  apply();
}
