// The search index as the browser downloads it: a shard per report (its records' plain text, fetched
// only for the reports the key files name, js/search-keys.js) and a character map per language. Each download is kept
// as a promise, so that searches typed while it loads share it; a failed one is dropped, so that the
// next search tries again.
import { fold } from "./fold.js";

const indexes = new Map(); // shard or pack URL -> promise of its shards by report id
const charmaps = new Map(); // character map URL -> promise of its map

function fetchJSON(url, cache, prepare) {
  if (!cache.has(url)) {
    const loading = fetch(url).then((response) => {
      if (!response.ok) throw new Error(`${url}: ${response.status}`);
      return response.json();
    }).then(prepare);
    loading.catch(() => cache.delete(url));
    cache.set(url, loading);
  }
  return cache.get(url);
}

// A pack is a list of shards; either way the promise holds report id -> shard.
export function loadShards(url) {
  return fetchJSON(url, indexes, (data) => new Map((Array.isArray(data) ? data : [data]).map((shard) => {
    for (const doc of shard.docs) {
      doc[2] = shard.where[doc[2]];
      doc.folded = fold(doc[3]);
      doc.where = fold(doc[2]);
    }
    shard.gloss = (shard.gloss || []).map(([zh, en]) => [zh, fold(en)]);
    return [shard.report, shard];
  })));
}

export function loadCharmap(url) {
  return fetchJSON(url, charmaps, (data) => data.map);
}
