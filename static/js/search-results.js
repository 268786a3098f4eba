// Search results as the reader sees them: a report's hits grouped by section, each a snippet with the
// matches marked, built from text nodes, never HTML.
import { HAN, spans } from "./search-match.js";

const SHOWN_PER_REPORT = 20; // more hits of a report are a click away, so that a common word stays quick

// A snippet around the first match, with every match in it marked.
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

// A hit: its kind (and a target's status), its snippet linking to its own page, marked exact or
// expanded (found through a word the query was expanded to).
function hitItem(hit, messages) {
  const li = document.createElement("li");
  li.className = "hit";
  li.dataset.match = hit.match;
  li.dataset.kind = hit.doc[5];
  li.dataset.record = hit.doc[5] === "paragraph" ? hit.doc[0] : `${hit.doc[5]}:${hit.doc[0]}`;
  const kind = document.createElement("span");
  kind.className = "hit-kind";
  kind.textContent = messages[`kind${hit.doc[5][0].toUpperCase()}${hit.doc[5].slice(1)}`] + (hit.doc[6] ? ` · ${hit.doc[6]}` : "");
  const a = document.createElement("a");
  a.href = document.body.dataset.base + hit.doc[1];
  a.append(snippet(hit.doc, hit.terms));
  li.append(kind, " ", a);
  if (hit.chinese) {
    // A Chinese query on the English site finds the Chinese text; the English version is one link away.
    a.lang = "zh-Hans";
    const other = document.createElement("a");
    other.className = "hit-english";
    other.href = document.body.dataset.base + "en/" + hit.doc[1];
    other.textContent = messages.msgEnglish;
    li.append(" ", other);
  }
  return li;
}

// The nodes showing one report's hits, numbered on from `start`, and how many it shows; `several`
// when the results hold more than one report.
export function reportNodes(report, hits, several, messages, start = 1) {
  const nodes = [];
  if (several) {
    const h = document.createElement("h2");
    h.textContent = `${report.title} (${hits.length})`;
    h.dataset.report = report.id;
    h.dataset.count = hits.length;
    nodes.push(h);
  }
  const shown = hits.slice(0, several ? SHOWN_PER_REPORT : hits.length);
  const groups = new Map();
  for (const hit of shown) {
    if (!groups.has(hit.doc[2])) groups.set(hit.doc[2], []);
    groups.get(hit.doc[2]).push(hit);
  }
  let number = start;
  for (const [where, list] of groups) {
    const h = document.createElement(several ? "h3" : "h2");
    h.textContent = where;
    const ol = document.createElement("ol");
    ol.className = "hits";
    ol.start = number;
    number += list.length;
    ol.append(...list.map((hit) => hitItem(hit, messages)));
    nodes.push(h, ol);
  }
  if (several && hits.length > SHOWN_PER_REPORT) {
    const more = document.createElement("a");
    more.className = "search-report-more";
    const url = new URL(window.location.href);
    url.searchParams.set("report", report.id);
    more.href = url.pathname + url.search;
    more.textContent = messages.msgAll.replace("{n}", hits.length);
    nodes.push(more);
  }
  return { nodes, shown: shown.length };
}
