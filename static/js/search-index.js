// The search index as the browser downloads it: a shard per report (its paragraphs' plain text), packs
// of shards for a search over many reports, and a character map per language. Each download is kept
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

// What to download for the chosen reports: each one's shard, or, for more reports than a pack holds,
// the first one's shard (its results show soonest) and the packs that hold the others.
export function downloads(chosen, packs, packSize, chinese) {
  const shard = (r) => (chinese ? r.zh : r.index);
  if (!packs.length || chosen.length <= packSize) return chosen.map((r) => ({ url: shard(r), reports: [r] }));
  const [first, ...rest] = chosen;
  const byPack = new Map();
  for (const r of rest) {
    if (!byPack.has(r.pack)) byPack.set(r.pack, []);
    byPack.get(r.pack).push(r);
  }
  return [{ url: shard(first), reports: [first] }, ...[...byPack].map(([n, held]) => ({ url: packs[n], reports: held }))];
}
