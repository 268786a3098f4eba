// Search in the browser: every paragraph that contains the query text, any run of characters.
// Chinese has no spaces, so the index is the paragraphs' plain text and matching is by substring;
// English adds Porter stemming so that "invest" finds "investment".
import { stemmer } from "./vendor/stemmer-2.0.1/index.js";

const form = document.querySelector("form[data-search]");
const input = document.getElementById("q");
const status = document.getElementById("search-status");
const results = document.getElementById("results");
const lang = document.body.dataset.lang;
const english = lang === "en";
const reports = JSON.parse(results.dataset.reports);
const indexes = new Map(); // report id -> loaded index
let wantAll = false;

function params() {
  return new URLSearchParams(window.location.search);
}

// The report the reader came from is searched first; others load only when asked for.
function orderedReports() {
  const first = params().get("r");
  const own = reports.filter((r) => r.id === first);
  return own.length ? [...own, ...reports.filter((r) => r.id !== first)] : reports;
}

async function loadIndex(report) {
  if (!indexes.has(report.id)) {
    const response = await fetch(report.index);
    const data = await response.json();
    for (const doc of data.docs) {
      doc.lower = doc[3].toLowerCase();
      if (english) doc.stems = new Set(doc.lower.match(/[a-z0-9]+/g)?.map((w) => stemmer(w)) || []);
    }
    indexes.set(report.id, data);
  }
  return indexes.get(report.id);
}

function normalise(query, map) {
  let out = "";
  for (const ch of query.normalize("NFKC").toLowerCase()) out += map[ch] || ch;
  return out;
}

function terms(query, map) {
  return normalise(query, map).split(/\s+/).filter(Boolean);
}

function matches(doc, term) {
  if (doc.lower.includes(term)) return true;
  return english && /^[a-z]+$/.test(term) && doc.stems.has(stemmer(term));
}

function score(doc, words, phrase) {
  let total = 0;
  for (const w of words) {
    total += Math.min(doc.lower.split(w).length - 1, 5) + (doc[2].toLowerCase().includes(w) ? 3 : 0);
  }
  if (words.length > 1 && doc.lower.includes(phrase)) total += 5;
  return total;
}

function search(index, query) {
  const words = terms(query, index.map);
  if (!words.length) return [];
  const phrase = words.join(" ");
  return index.docs
    .filter((doc) => words.every((w) => matches(doc, w)))
    .map((doc) => ({ doc, score: score(doc, words, phrase), words }))
    .sort((a, b) => b.score - a.score || a.doc[4] - b.doc[4]);
}

// A snippet around the first match, with every match marked; built from text nodes, never HTML.
function snippet(text, words) {
  const lower = text.toLowerCase();
  let first = text.length;
  for (const w of words) {
    const at = lower.indexOf(w);
    if (at >= 0 && at < first) first = at;
  }
  if (first === text.length) first = 0;
  const start = Math.max(0, first - (english ? 80 : 30));
  const end = Math.min(text.length, first + (english ? 220 : 90));
  const piece = text.slice(start, end);
  const pieceLower = piece.toLowerCase();
  const fragment = document.createDocumentFragment();
  if (start > 0) fragment.append("…");
  let pos = 0;
  while (pos < piece.length) {
    let next = -1;
    let length = 0;
    for (const w of words) {
      const at = pieceLower.indexOf(w, pos);
      if (at >= 0 && (next < 0 || at < next)) { next = at; length = w.length; }
    }
    if (next < 0) { fragment.append(piece.slice(pos)); break; }
    fragment.append(piece.slice(pos, next));
    const mark = document.createElement("mark");
    mark.textContent = piece.slice(next, next + length);
    fragment.append(mark);
    pos = next + length;
  }
  if (end < text.length) fragment.append("…");
  return fragment;
}

function render(groupsByReport, query) {
  results.replaceChildren();
  let count = 0;
  for (const { report, hits } of groupsByReport) {
    if (!hits.length) continue;
    const groups = new Map();
    for (const hit of hits) {
      if (!groups.has(hit.doc[2])) groups.set(hit.doc[2], []);
      groups.get(hit.doc[2]).push(hit);
    }
    if (groupsByReport.length > 1) {
      const h = document.createElement("h2");
      h.textContent = report.title;
      results.append(h);
    }
    for (const [section, list] of groups) {
      const h = document.createElement(groupsByReport.length > 1 ? "h3" : "h2");
      h.textContent = section;
      const ol = document.createElement("ol");
      ol.className = "hits";
      for (const hit of list) {
        const li = document.createElement("li");
        li.className = "hit";
        const a = document.createElement("a");
        a.href = document.body.dataset.base + hit.doc[1];
        a.append(snippet(hit.doc[3], hit.words));
        li.append(a);
        ol.append(li);
        count += 1;
      }
      results.append(h, ol);
    }
  }
  const message = count ? status.dataset.msgCount.replace("{n}", count) : status.dataset.msgNone.replace("{q}", query);
  status.textContent = query ? message : "";
}

async function run() {
  const query = input.value.trim();
  const url = new URL(window.location.href);
  if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
  window.history.replaceState(null, "", url);
  if (!query) { results.replaceChildren(); status.textContent = ""; return; }
  const targets = wantAll ? orderedReports() : orderedReports().slice(0, 1);
  if (targets.some((r) => !indexes.has(r.id))) status.textContent = status.dataset.msgLoading;
  const found = [];
  for (const report of targets) {
    const index = await loadIndex(report);
    found.push({ report, hits: search(index, query) });
  }
  if (input.value.trim() === query) render(found, query);
  offerOthers(targets.length);
}

function offerOthers(searched) {
  let button = document.getElementById("search-more");
  if (searched >= reports.length) { button?.remove(); return; }
  if (!button) {
    button = document.createElement("button");
    button.type = "button";
    button.id = "search-more";
    button.textContent = status.dataset.msgMore;
    button.addEventListener("click", () => { wantAll = true; run(); });
    results.after(button);
  }
}

let timer = 0;
input.addEventListener("input", () => { window.clearTimeout(timer); timer = window.setTimeout(run, 60); });
form.addEventListener("submit", (event) => { event.preventDefault(); run(); });

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

input.value = params().get("q") || "";
if (input.value) run();
