// Search in the browser, in every report of the site at once: the search page's form, filters,
// status line and results. The index is downloaded as the reader searches (js/search-index.js),
// matched in js/search-match.js and shown by js/search-results.js.
import { chosen, passes, readSelects, writeSelects } from "./js/filter.js";
import { downloads, loadCharmap, loadShards } from "./js/search-index.js";
import { HAN, search } from "./js/search-match.js";
import { reportNodes } from "./js/search-results.js";

const form = document.querySelector("form[data-search]");
const input = document.getElementById("q");
const status = document.getElementById("search-status");
const results = document.getElementById("results");
const messages = status.dataset;
const filters = [...form.querySelectorAll("select[data-filter]")];
const english = document.body.dataset.lang === "en";
const reports = JSON.parse(results.dataset.reports);
const packs = { own: JSON.parse(results.dataset.packs || "[]"), zh: JSON.parse(results.dataset.zhPacks || "[]") };
const packSize = Number(results.dataset.packSize || 0);
const REDRAW_MS = 150;
let generation = 0;

function params() {
  return new URLSearchParams(window.location.search);
}

// Every report that passes the filters, the one the reader came from (?r=) first.
function chosenReports() {
  const first = params().get("r");
  const wanted = chosen(filters);
  const pass = reports.filter((r) => passes(wanted, (key) => String(r[key])));
  return [...pass.filter((r) => r.id === first), ...pass.filter((r) => r.id !== first)];
}

// The status line says what is going on: loading, failed (the results that did arrive stay), or the count.
function statusMessage(found, query, state) {
  if (state === "failed") return messages.msgFailed;
  if (state === "loading") return messages.msgLoading;
  const count = found.reduce((n, f) => n + (f ? f.hits.length : 0), 0);
  if (count === 1) return messages.msgOne;
  // A function as replacement, so that "$&" in a query is shown as typed.
  return count ? messages.msgCount.replace("{n}", count) : messages.msgNone.replace("{q}", () => query);
}

// Reports in the order chosen, each as soon as its shard has been searched.
function render(found, query, state, chinese) {
  const several = reports.length > 1 && !params().get("report");
  results.replaceChildren(...found.filter((f) => f && f.hits.length)
    .flatMap((f) => reportNodes(f.report, f.hits, several, chinese, messages)));
  status.textContent = statusMessage(found, query, state);
}

// Everything is fetched at once; results appear as downloads arrive, in the reports' order. A download
// that fails is said on the status line once the others have arrived.
async function run() {
  const query = input.value.trim();
  const url = writeSelects(filters, new URL(window.location.href));
  if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
  window.history.replaceState(null, "", url);
  const mine = ++generation;
  if (!query) { results.replaceChildren(); status.textContent = ""; return; }
  const only = params().get("report");
  const reportsChosen = only ? reports.filter((r) => r.id === only) : chosenReports();
  const chinese = english && HAN.test(query); // looked up in the Chinese text, offered in English
  const map = loadCharmap(chinese ? results.dataset.zhCharmap : results.dataset.charmap);
  const position = new Map(reportsChosen.map((r, i) => [r.id, i]));
  const found = reportsChosen.map(() => null);
  let pending = reportsChosen.length;
  let redraw = 0;
  let drawn = false;
  let failed = false;
  const draw = () => {
    redraw = 0;
    drawn = true;
    if (mine === generation) render(found, query, failed ? "failed" : pending ? "loading" : "done", chinese);
  };
  if (!reportsChosen.length) { draw(); return; }
  status.textContent = messages.msgLoading;
  const settled = await Promise.allSettled(downloads(reportsChosen, chinese ? packs.zh : packs.own, packSize, chinese)
    .map(async (download) => {
      const [shards, charmap] = await Promise.all([loadShards(download.url), map]);
      for (const report of download.reports) {
        const index = shards.get(report.id);
        found[position.get(report.id)] = { report, hits: index ? search(index, charmap, query) : [] };
      }
      pending -= download.reports.length;
      // The first results at once, then at most a redraw every REDRAW_MS while downloads keep arriving:
      // redrawing for each of a hundred shards would cost more than the searching.
      if (pending === 0) { window.clearTimeout(redraw); draw(); }
      else if (!drawn) draw();
      else if (!redraw) redraw = window.setTimeout(draw, REDRAW_MS);
    }));
  if (settled.some((outcome) => outcome.status === "rejected")) {
    failed = true;
    window.clearTimeout(redraw);
    draw();
  }
}

let timer = 0;
input.addEventListener("input", () => { window.clearTimeout(timer); timer = window.setTimeout(run, 60); });
// Enter searches at once; the search still pending from typing would redraw the results under the
// reader's arrow keys, so it is dropped.
form.addEventListener("submit", (event) => { event.preventDefault(); window.clearTimeout(timer); run(); });

// Arrow keys move between results; Enter follows the focused link; Escape goes back to the box.
document.addEventListener("keydown", (event) => {
  const links = [...results.querySelectorAll("a")];
  if (!links.length) return;
  const at = links.indexOf(document.activeElement);
  if (event.key === "ArrowDown" && (document.activeElement === input || at >= 0)) {
    event.preventDefault();
    links[Math.min(at + 1, links.length - 1)].focus();
  } else if (event.key === "ArrowUp" && at >= 0) {
    event.preventDefault();
    (at === 0 ? input : links[at - 1]).focus();
  } else if (event.key === "Escape" && at >= 0) {
    input.focus();
  }
});

readSelects(filters);
for (const select of filters) select.addEventListener("change", () => { window.clearTimeout(timer); run(); });
input.value = params().get("q") || "";
if (input.value) run();
