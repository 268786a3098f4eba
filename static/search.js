// Search in the browser: every paragraph that contains the query text, any run of characters, in
// every report of the site at once. Chinese has no spaces, so each report's shard holds its paragraphs'
// plain text and matching is by substring; English adds Porter stemming so that "invest" finds
// "investment", and Chinese shards carry their glossary so that "livelihood" finds 民生实事.
import { stemmer } from "./vendor/stemmer-2.0.1/index.js";

const form = document.querySelector("form[data-search]");
const input = document.getElementById("q");
const status = document.getElementById("search-status");
const results = document.getElementById("results");
const filters = [...form.querySelectorAll("select[data-filter]")];
const lang = document.body.dataset.lang;
const english = lang === "en";
const reports = JSON.parse(results.dataset.reports);
const packs = { own: JSON.parse(results.dataset.packs || "[]"), zh: JSON.parse(results.dataset.zhPacks || "[]") };
const packSize = Number(results.dataset.packSize || 0);
const indexes = new Map(); // shard or pack URL -> promise of its shards by report id
const charmaps = new Map(); // character map URL -> promise of its map
const WORD = /[a-z0-9]+/g;
const HAN = /[\u3400-\u9fff]/;
const SHOWN_PER_REPORT = 20; // more hits of a report are a click away, so that a common word stays quick
const REDRAW_MS = 150;
let generation = 0;

function params() {
  return new URLSearchParams(window.location.search);
}

// Every report that passes the filters, the one the reader came from (?r=) first.
function chosenReports() {
  const first = params().get("r");
  const wanted = filters.map((select) => [select.dataset.filter, select.value]).filter(([, value]) => value);
  const pass = reports.filter((r) => wanted.every(([key, value]) => String(r[key]) === value));
  return [...pass.filter((r) => r.id === first), ...pass.filter((r) => r.id !== first)];
}

function fetchJSON(url, cache, prepare) {
  if (!cache.has(url)) {
    const loading = fetch(url).then((response) => {
      if (!response.ok) throw new Error(`${url}: ${response.status}`);
      return response.json();
    }).then(prepare);
    loading.catch(() => cache.delete(url)); // a failed download is tried again by the next search
    cache.set(url, loading);
  }
  return cache.get(url);
}

// The promise is kept, so that searches typed while a shard is still loading share one download.
// A pack is a list of shards; either way the promise holds report id -> shard.
function loadShards(url) {
  return fetchJSON(url, indexes, (data) => new Map((Array.isArray(data) ? data : [data]).map((shard) => {
    for (const doc of shard.docs) {
      doc.folded = fold(doc[3]);
      doc.where = fold(doc[2]);
    }
    shard.gloss = (shard.gloss || []).map(([zh, en]) => [zh, fold(en)]);
    return [shard.report, shard];
  })));
}

function loadCharmap(url) {
  return fetchJSON(url, charmaps, (data) => data.map);
}

// Case and width are ignored on both sides (５Ｇ finds 5G, a pasted ， finds ，), one character at a
// time so that an offset in the folded text is the same offset in the text shown. Only characters
// outside the ranges that folding leaves alone (ASCII but capitals, CJK punctuation and ideographs)
// are looked at, which keeps folding a hundred reports' text quick.
const FOLDABLE = /[^\x00-\x40\x5b-\x7f\u3001-\u303f\u3400-\u9fff]/gu;

const foldedChars = new Map(); // a report's text has thousands of full-width commas: each is worked out once

function foldChar(ch) {
  let folded = foldedChars.get(ch);
  if (folded === undefined) {
    folded = ch.normalize("NFKC").toLowerCase();
    if (folded.length !== ch.length) folded = ch;
    foldedChars.set(ch, folded);
  }
  return folded;
}

function fold(text) {
  return text.replace(FOLDABLE, foldChar);
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

// English words also match by stem, so that "investing" finds "investment"; an English word also
// stands for the glossary terms whose English rendering contains it: on a Chinese site the Chinese
// term, on the English site the paragraphs whose Chinese original holds it (listed by id).
function compile(query, map, index) {
  return fold(query).split(/\s+/).filter(Boolean).map((term) => {
    const word = /^[a-z]+$/.test(term);
    const glossed = word ? index.gloss.filter(([, en]) => new RegExp(`\\b${term}`).test(en)) : [];
    const english = index.lang === "en";
    return {
      re: pattern(term, map),
      stem: word && english ? stemmer(term) : null,
      alts: english ? [] : glossed.map(([zh]) => pattern(fold(zh), map)),
      ids: new Set(english ? glossed.flatMap(([ids]) => ids) : []),
    };
  });
}

// A paragraph's word stems, worked out the first time a search needs them.
function stems(doc) {
  if (!doc.stems) doc.stems = new Set(doc.folded.match(WORD)?.map((w) => stemmer(w)) || []);
  return doc.stems;
}

function matches(doc, term) {
  return doc.folded.search(term.re) >= 0 || (term.stem !== null && stems(doc).has(term.stem))
    || term.alts.some((re) => doc.folded.search(re) >= 0) || term.ids.has(doc[0]);
}

// [start, end) of every occurrence of the terms in a folded text, in order, overlaps merged.
function spans(folded, terms) {
  const found = [];
  for (const term of terms) {
    for (const re of [term.re, ...term.alts]) {
      for (const m of folded.matchAll(re)) found.push([m.index, m.index + m[0].length]);
    }
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

function search(index, map, query) {
  const terms = compile(query, map, index);
  if (!terms.length) return [];
  const phrase = pattern(fold(query).trim().split(/\s+/).join(" "), map);
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
  const wide = !HAN.test(text);
  const start = Math.max(0, first[0] - (wide ? 80 : 30));
  const end = Math.min(text.length, Math.max(first[0] + (wide ? 220 : 90), first[1] + 20));
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

function hitItem(hit, chinese) {
  const li = document.createElement("li");
  li.className = "hit";
  const a = document.createElement("a");
  a.href = document.body.dataset.base + hit.doc[1];
  a.append(snippet(hit.doc, hit.terms));
  li.append(a);
  if (chinese) {
    // A Chinese query on the English site finds the Chinese text; the English version is one link away.
    a.lang = "zh-Hans";
    const other = document.createElement("a");
    other.className = "hit-english";
    other.href = document.body.dataset.base + "en/" + hit.doc[1];
    other.textContent = status.dataset.msgEnglish;
    li.append(" ", other);
  }
  return li;
}

function renderReport(report, hits, several, chinese) {
  const nodes = [];
  if (several) {
    const h = document.createElement("h2");
    h.textContent = `${report.title} (${hits.length})`;
    h.dataset.report = report.id;
    h.dataset.count = hits.length;
    nodes.push(h);
  }
  const groups = new Map();
  for (const hit of hits.slice(0, several ? SHOWN_PER_REPORT : hits.length)) {
    if (!groups.has(hit.doc[2])) groups.set(hit.doc[2], []);
    groups.get(hit.doc[2]).push(hit);
  }
  for (const [where, list] of groups) {
    const h = document.createElement(several ? "h3" : "h2");
    h.textContent = where;
    const ol = document.createElement("ol");
    ol.className = "hits";
    ol.append(...list.map((hit) => hitItem(hit, chinese)));
    nodes.push(h, ol);
  }
  if (several && hits.length > SHOWN_PER_REPORT) {
    const more = document.createElement("a");
    more.className = "search-report-more";
    const url = new URL(window.location.href);
    url.searchParams.set("report", report.id);
    more.href = url.pathname + url.search;
    more.textContent = status.dataset.msgAll.replace("{n}", hits.length);
    nodes.push(more);
  }
  return nodes;
}

// Reports in the order chosen, each as soon as its shard has been searched.
function render(found, query, done, chinese) {
  const several = reports.length > 1 && !params().get("report");
  results.replaceChildren(...found.filter((f) => f && f.hits.length).flatMap((f) => renderReport(f.report, f.hits, several, chinese)));
  const count = found.reduce((n, f) => n + (f ? f.hits.length : 0), 0);
  // A function as replacement, so that "$&" in a query is shown as typed.
  const counted = count === 1 ? status.dataset.msgOne : status.dataset.msgCount.replace("{n}", count);
  const message = count ? counted : status.dataset.msgNone.replace("{q}", () => query);
  status.textContent = done ? message : status.dataset.msgLoading;
}

// What to download for the chosen reports: each one's shard, or, for more reports than a pack holds,
// the first one's shard (its results show soonest) and the packs that hold the others.
function downloads(chosen, chinese) {
  const shard = (r) => (chinese ? r.zh : r.index);
  const urls = chinese ? packs.zh : packs.own;
  if (!urls.length || chosen.length <= packSize) return chosen.map((r) => ({ url: shard(r), reports: [r] }));
  const [first, ...rest] = chosen;
  const byPack = new Map();
  for (const r of rest) {
    if (!byPack.has(r.pack)) byPack.set(r.pack, []);
    byPack.get(r.pack).push(r);
  }
  return [{ url: shard(first), reports: [first] }, ...[...byPack].map(([n, held]) => ({ url: urls[n], reports: held }))];
}

// Everything is fetched at once; results appear as downloads arrive, in the reports' order.
async function run() {
  const query = input.value.trim();
  const url = new URL(window.location.href);
  if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
  for (const select of filters) {
    if (select.value) url.searchParams.set(select.dataset.filter, select.value); else url.searchParams.delete(select.dataset.filter);
  }
  window.history.replaceState(null, "", url);
  const mine = ++generation;
  if (!query) { results.replaceChildren(); status.textContent = ""; return; }
  const only = params().get("report");
  const chosen = only ? reports.filter((r) => r.id === only) : chosenReports();
  const chinese = english && HAN.test(query); // looked up in the Chinese text, offered in English
  const map = loadCharmap(chinese ? results.dataset.zhCharmap : results.dataset.charmap);
  const position = new Map(chosen.map((r, i) => [r.id, i]));
  const found = chosen.map(() => null);
  let pending = chosen.length;
  let redraw = 0;
  let drawn = false;
  const draw = () => {
    redraw = 0;
    drawn = true;
    if (mine === generation) render(found, query, pending === 0, chinese);
  };
  if (!chosen.length) { draw(); return; }
  status.textContent = status.dataset.msgLoading;
  await Promise.all(downloads(chosen, chinese).map(async (download) => {
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

for (const select of filters) {
  select.value = params().get(select.dataset.filter) || "";
  select.addEventListener("change", () => { window.clearTimeout(timer); run(); });
}
input.value = params().get("q") || "";
if (input.value) run();
