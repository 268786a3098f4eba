// Which reports may hold a query, from the key files (reportsite/site/search_keys.py): a key is one
// folded character or a pair of adjacent ones, and its file, chosen by a hash of the key, lists per
// report the keys each block of its records holds (a block's keys one string, separated by spaces). A
// query reads the files of its keys only, so that its cost follows the query, not the size of the archive.
import { stemmer } from "../vendor/stemmer-2.0.1/index.js";
import { fold } from "./fold.js";

const files = new Map(); // key file URL -> promise of Map(key -> [[report id, blocks]])
const MOST_PAIRS = 6; // pairs read per term: the first, the last and some between
const UNKEYED = /["\\\u0000-\u001f]/; // what no key holds (the build leaves it out of the key files)

// FNV-1a over the key's code points, as search_keys.shard_of.
export function shardOf(key, shards) {
  let h = 0x811c9dc5;
  for (const ch of key) h = Math.imul(h ^ ch.codePointAt(0), 0x01000193) >>> 0;
  return h & (shards - 1);
}

function loadKeys(url) {
  if (!files.has(url)) {
    const loading = fetch(url).then((response) => {
      if (!response.ok) throw new Error(`${url}: ${response.status}`);
      return response.json();
    }).then((reports) => {
      const byKey = new Map();
      for (const [id, ...blocks] of reports) {
        blocks.forEach((keys, block) => {
          for (const key of keys ? keys.split(" ") : []) {
            if (!byKey.has(key)) byKey.set(key, []);
            byKey.get(key).push([id, [block]]);
          }
        });
      }
      return byKey;
    });
    loading.catch(() => files.delete(url));
    files.set(url, loading);
  }
  return files.get(url);
}

// Report id -> Set of blocks holding one of `keys`.
async function holding(keys, base, shards) {
  const found = new Map();
  const loaded = await Promise.all(keys.map((key) => loadKeys(`${base}${shardOf(key, shards)}.json`).then((byKey) => byKey.get(key) || [])));
  for (const postings of loaded) {
    for (const [n, records] of postings) {
      if (!found.has(n)) found.set(n, new Set());
      for (const r of records) found.get(n).add(r);
    }
  }
  return found;
}

function intersect(a, b) {
  const out = new Map();
  for (const [n, records] of a) {
    const other = b.get(n);
    if (!other) continue;
    const both = new Set([...records].filter((r) => other.has(r)));
    if (both.size) out.set(n, both);
  }
  return out;
}

// The characters a term may stand for at each position: itself and what the character map lists.
function classes(text, map) {
  return [...text].map((ch) => (map[ch] ? [...new Set([ch, ...map[ch]])] : [ch]));
}

// The keys that find every block holding `text`: its characters for one, else a few of its pairs,
// each pair in every spelling the character map allows. A character no key holds rules out nothing.
function keySets(text, map) {
  const options = classes(text, map);
  if (options.length === 1) return UNKEYED.test(text) ? [] : [options[0]];
  const starts = [...Array(options.length - 1).keys()].filter((i) => !UNKEYED.test(options[i].join("") + options[i + 1].join("")));
  if (!starts.length) return [];
  const step = Math.max(1, Math.ceil(starts.length / MOST_PAIRS));
  const chosen = new Set([...starts.filter((i) => i % step === 0), starts[starts.length - 1]]);
  return [...chosen].map((i) => options[i].flatMap((a) => options[i + 1].map((b) => a + b)));
}

// What of an English word a record must hold for the word or a word of the same stem to be in it:
// Porter's stemmer only rewrites the last two letters of what it keeps, so the stem without them.
function stemPrefix(term) {
  const stem = stemmer(term);
  return stem.length > 4 ? stem.slice(0, stem.length - 2) : stem.slice(0, 2);
}

// Report id -> Set of blocks that may hold every term of the query (the shard's search is the exact
// test), or null when no key rules out any report (a query of what no key holds, such as ").
export async function candidates(query, map, base, shards, english) {
  const terms = fold(query).split(/\s+/).filter(Boolean);
  const sets = terms.flatMap((term) => keySets(english && /^[a-z]+$/.test(term) && term.length > 2 ? stemPrefix(term) : term, map));
  const found = await Promise.all(sets.map((keys) => holding(keys, base, shards)));
  return found.length ? found.reduce(intersect) : null;
}
