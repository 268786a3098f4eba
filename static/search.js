// Search in the browser, in every report of the site at once: the search page's form, filters,
// status line and results. The index is downloaded as the reader searches (js/search-index.js),
// matched in js/search-match.js and shown by js/search-results.js.
import { chosen, passes, readSelects, writeSelects } from "./js/filter.js";
import { expansions, suggestions } from "./js/search-expand.js";
import { loadCharmap, loadShards } from "./js/search-index.js";
import { candidates } from "./js/search-keys.js";
import { HAN, search } from "./js/search-match.js";
import { reportNodes } from "./js/search-results.js";

const form = document.querySelector("form[data-search]");
const input = document.getElementById("q");
const status = document.getElementById("search-status");
const results = document.getElementById("results");
const expandedLine = document.getElementById("search-expanded");
const messages = status.dataset;
const filters = [...form.querySelectorAll("select[data-filter]")];
const kindSelect = form.querySelector("select[data-kind]");
const english = document.body.dataset.lang === "en";
const reports = JSON.parse(results.dataset.reports);
const groups = JSON.parse(results.dataset.expand || "[]");
const keyShards = Number(results.dataset.keyShards);
const BATCH = 10; // reports downloaded at once; more are a click away, so that a common character stays light
let generation = 0;
let batches = 1;

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
function statusMessage(count, query, state) {
  if (state === "failed") return messages.msgFailed;
  if (state === "loading") return messages.msgLoading;
  if (count === 1) return messages.msgOne;
  // A function as replacement, so that "$&" in a query is shown as typed.
  return count ? messages.msgCount.replace("{n}", count) : messages.msgNone.replace("{q}", () => query);
}

// Where a word is looked up: the Chinese text for a Chinese word on the English site, else the page's own.
function source(plan) {
  return plan.chinese
    ? { charmap: results.dataset.zhCharmap, keys: results.dataset.zhKeys, shard: (r) => r.zh }
    : { charmap: results.dataset.charmap, keys: results.dataset.keys, shard: (r) => r.index };
}

function searchLink(query, prefix) {
  const a = document.createElement("a");
  const url = new URL(document.body.dataset.base + prefix + "search/", window.location.href);
  url.searchParams.set("q", query);
  a.href = url.pathname + url.search;
  a.textContent = query;
  return a;
}

function showExpanded(plans) {
  const words = plans.filter((p) => p.match === "expanded").map((p) => p.query);
  expandedLine.textContent = words.length ? messages.msgExpanded.replace("{words}", () => words.join(" · ")) : "";
}

// Nothing found: the nearest words of the expansion groups, and the same query in the other language.
function showSuggestions(query) {
  const words = suggestions(query, groups);
  const prefix = english ? "" : "en/";
  const other = searchLink(query, prefix);
  other.textContent = messages.msgOtherLang;
  const box = document.createElement("p");
  box.className = "search-suggest";
  box.append(messages.msgSuggest, " ", ...words.flatMap((w) => [searchLink(w, document.body.dataset.prefix), " "]), other);
  results.replaceChildren(box);
}

// One report's hits for every plan: the exact query's first, then what the expansions add.
async function reportHits(report, found, kind) {
  const hits = [];
  const seen = new Set();
  for (const { plan, holding } of found) {
    if (holding && !holding.has(report.id)) continue;
    const from = source(plan);
    const [shards, map] = await Promise.all([loadShards(from.shard(report)), loadCharmap(from.charmap)]);
    const index = shards.get(report.id);
    for (const hit of index ? search(index, map, plan.query) : []) {
      const key = `${hit.doc[5]} ${hit.doc[0]}`;
      if (seen.has(key) || (kind && hit.doc[5] !== kind)) continue;
      seen.add(key);
      hits.push({ ...hit, match: plan.match === "exact" && hit.direct ? "exact" : "expanded", chinese: plan.chinese });
    }
  }
  return { report, hits: [...hits.filter((h) => h.match === "exact"), ...hits.filter((h) => h.match !== "exact")] };
}

// The key files say which reports may hold the query or its expansions; only those are downloaded,
// BATCH at a time, and searched.
async function run() {
  const query = input.value.trim();
  const url = writeSelects(kindSelect ? [...filters, kindSelect] : filters, new URL(window.location.href));
  if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
  window.history.replaceState(null, "", url);
  const mine = ++generation;
  if (!query) { results.replaceChildren(); status.textContent = ""; showExpanded([]); return; }
  const only = params().get("report");
  const reportsChosen = only ? reports.filter((r) => r.id === only) : chosenReports();
  const plans = [{ query, chinese: english && HAN.test(query), match: "exact" },
    ...expansions(query, groups, english).map((e) => ({ ...e, match: "expanded" }))];
  status.textContent = messages.msgLoading;
  try {
    const found = await Promise.all(plans.map(async (plan) => {
      const from = source(plan);
      const map = await loadCharmap(from.charmap);
      return { plan, holding: await candidates(plan.query, map, from.keys, keyShards, english && !plan.chinese) };
    }));
    const holding = reportsChosen.filter((r) => found.some((f) => !f.holding || f.holding.has(r.id)));
    const batch = holding.slice(0, BATCH * batches);
    const searched = (await Promise.all(batch.map((r) => reportHits(r, found, kindSelect ? kindSelect.value : ""))))
      .filter((f) => f.hits.length);
    if (mine !== generation) return;
    const several = reports.length > 1 && !only;
    let number = 1;
    const nodes = searched.flatMap((f) => {
      const made = reportNodes(f.report, f.hits, several, messages, number);
      number += made.shown;
      return made.nodes;
    });
    if (holding.length > batch.length) nodes.push(moreButton(holding.length - batch.length));
    results.replaceChildren(...nodes);
    showExpanded(plans);
    const count = searched.reduce((n, f) => n + f.hits.length, 0);
    status.textContent = statusMessage(count, query, "done");
    if (!count && holding.length <= batch.length) showSuggestions(query);
  } catch (error) {
    if (mine === generation) status.textContent = statusMessage(0, query, "failed");
  }
}

function moreButton(n) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "search-more-reports";
  button.textContent = messages.msgMoreReports.replace("{n}", n);
  button.addEventListener("click", () => { batches += 1; run(); });
  return button;
}

let timer = 0;
input.addEventListener("input", () => { window.clearTimeout(timer); batches = 1; timer = window.setTimeout(run, 60); });
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

readSelects(kindSelect ? [...filters, kindSelect] : filters);
for (const select of kindSelect ? [...filters, kindSelect] : filters) {
  select.addEventListener("change", () => { window.clearTimeout(timer); batches = 1; run(); });
}
input.value = params().get("q") || "";
if (input.value) run();
