// Matching a query against a report's paragraphs: every paragraph that contains the query text, any
// run of characters. Chinese has no spaces, so matching is by substring; English adds Porter stemming so
// that "invest" finds "investment", and Chinese shards carry their glossary so that "livelihood" finds
// 民生实事.
import { stemmer } from "../vendor/stemmer-2.0.1/index.js";
import { fold } from "./fold.js";

const WORD = /[a-z0-9]+/g;
export const HAN = /[\u3400-\u9fff]/; // a Chinese character

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

// Whether a record holds the term itself (or a word of its stem), not only a glossary term it names.
function direct(doc, term) {
  return doc.folded.search(term.re) >= 0 || (term.stem !== null && stems(doc).has(term.stem));
}

function matches(doc, term) {
  return direct(doc, term) || term.alts.some((re) => doc.folded.search(re) >= 0) || (doc[5] === "paragraph" && term.ids.has(doc[0]));
}

// [start, end) of every occurrence of the terms in a folded text, in order, overlaps merged.
export function spans(folded, terms) {
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

// The records of a shard that hold every term, best first: [{doc, score, terms, direct}], `direct`
// false when a term was found only through the glossary (the page marks that hit as expanded).
export function search(index, map, query) {
  const terms = compile(query, map, index);
  if (!terms.length) return [];
  const phrase = pattern(fold(query).trim().split(/\s+/).join(" "), map);
  return index.docs
    .filter((doc) => terms.every((term) => matches(doc, term)))
    .map((doc) => ({ doc, score: score(doc, terms, phrase), terms, direct: terms.every((term) => direct(doc, term)) }))
    .sort((a, b) => b.score - a.score || a.doc[4] - b.doc[4]);
}
