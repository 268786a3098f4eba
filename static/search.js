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
const indexes = new Map(); // report id -> promise of its index
const loaded = new Set(); // ids of the indexes already downloaded
const WORD = /[a-z0-9]+/g;
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

// The promise is kept, so that searches typed while an index is still loading share one download.
function loadIndex(report) {
  if (!indexes.has(report.id)) {
    const loading = fetch(report.index).then((response) => response.json()).then((data) => {
      for (const doc of data.docs) {
        doc.folded = fold(doc[3]);
        doc.where = fold(doc[2]);
        if (english) doc.stems = new Set(doc.folded.match(WORD)?.map((w) => stemmer(w)) || []);
      }
      loaded.add(report.id);
      return data;
    });
    loading.catch(() => indexes.delete(report.id)); // a failed download is tried again by the next search
    indexes.set(report.id, loading);
  }
  return indexes.get(report.id);
}

// Case and width are ignored on both sides (５Ｇ finds 5G, a pasted ， finds ，), one character at a
// time so that an offset in the folded text is the same offset in the text shown.
function fold(text) {
  let out = "";
  for (const ch of text) {
    const folded = ch.normalize("NFKC").toLowerCase();
    out += folded.length === ch.length ? folded : ch;
  }
  return out;
}

// A query character stands for itself or for the corpus characters the map lists for it: typed
// Simplified 制 is both 制 and 製 in Traditional text, so one character class per position.
function pattern(term, map) {
  let source = "";
  for (const ch of term) {
    source += map[ch] ? `[${map[ch]}]` : ch.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  }
  return new RegExp(source, "gu");
}

// English words also match by stem, so that "investing" finds "investment".
function compile(query, map) {
  return fold(query).split(/\s+/).filter(Boolean).map((term) => ({
    re: pattern(term, map),
    stem: english && /^[a-z]+$/.test(term) ? stemmer(term) : null,
  }));
}

function matches(doc, term) {
  return doc.folded.search(term.re) >= 0 || (term.stem !== null && doc.stems.has(term.stem));
}

// [start, end) of every occurrence of the terms in a folded text, in order, overlaps merged.
function spans(folded, terms) {
  const found = [];
  for (const term of terms) {
    for (const m of folded.matchAll(term.re)) found.push([m.index, m.index + m[0].length]);
    if (term.stem === null) continue;
    for (const m of folded.matchAll(WORD)) {
      if (stemmer(m[0]) === term.stem) found.push([m.index, m.index + m[0].length]);
    }
  }
  found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged = [];
  for (const [a, b] of found) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

function score(doc, terms, phrase) {
  let total = 0;
  for (const term of terms) {
    total += Math.min(spans(doc.folded, [term]).length, 5) + (doc.where.search(term.re) >= 0 ? 3 : 0);
  }
  if (terms.length > 1 && doc.folded.search(phrase) >= 0) total += 5;
  return total;
}

function search(index, query) {
  const terms = compile(query, index.map);
  if (!terms.length) return [];
  const phrase = pattern(fold(query).trim().split(/\s+/).join(" "), index.map);
  return index.docs
    .filter((doc) => terms.every((term) => matches(doc, term)))
    .map((doc) => ({ doc, score: score(doc, terms, phrase), terms }))
    .sort((a, b) => b.score - a.score || a.doc[4] - b.doc[4]);
}

// A snippet around the first match, with every match in it marked; built from text nodes, never HTML.
function snippet(doc, terms) {
  const text = doc[3];
  const marks = spans(doc.folded, terms);
  const first = marks.length ? marks[0] : [0, 0];
  const start = Math.max(0, first[0] - (english ? 80 : 30));
  const end = Math.min(text.length, Math.max(first[0] + (english ? 220 : 90), first[1] + 20));
  const fragment = document.createDocumentFragment();
  if (start > 0) fragment.append("…");
  let pos = start;
  for (const [a, b] of marks) {
    if (a >= end) break;
    fragment.append(text.slice(pos, a));
    const mark = document.createElement("mark");
    mark.textContent = text.slice(a, Math.min(b, end));
    fragment.append(mark);
    pos = Math.min(b, end);
  }
  fragment.append(text.slice(pos, end));
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
        a.append(snippet(hit.doc, hit.terms));
        li.append(a);
        ol.append(li);
        count += 1;
      }
      results.append(h, ol);
    }
  }
  // A function as replacement, so that "$&" in a query is shown as typed.
  const message = count ? status.dataset.msgCount.replace("{n}", count) : status.dataset.msgNone.replace("{q}", () => query);
  status.textContent = query ? message : "";
}

async function run() {
  const query = input.value.trim();
  const url = new URL(window.location.href);
  if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
  window.history.replaceState(null, "", url);
  if (!query) { results.replaceChildren(); status.textContent = ""; return; }
  const targets = wantAll ? orderedReports() : orderedReports().slice(0, 1);
  if (targets.some((r) => !loaded.has(r.id))) status.textContent = status.dataset.msgLoading;
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

input.value = params().get("q") || "";
if (input.value) run();
