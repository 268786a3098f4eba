// Query expansion: a query equal to a word of a group (synonyms, an indicator's names, a glossary term
// with its English) also searches the group's other words, and the page says which. Expansion is
// never silent: the results it adds come after the exact ones, marked data-match="expanded".
import { fold } from "./fold.js";

const HAN = /[\u3400-\u9fff]/;

// Whether an English phrase of a group has a word starting with the query's every word ("road"
// names "road building", "livelihood" names "…livelihoods…").
function namesEnglish(phrase, words) {
  const folded = fold(phrase);
  return words.every((w) => new RegExp(`\\b${w}`).test(folded));
}

// The other words to search for `query`: [{query, chinese}] where `chinese` says the word is looked
// up in the Chinese text (an English query on the English site reaches Chinese text this way).
export function expansions(query, groups, english) {
  const q = fold(query.trim());
  if (!q) return [];
  const words = q.split(/\s+/);
  const latin = words.every((w) => /^[a-z][a-z-]*$/.test(w)) && q.length > 2;
  const out = new Map();
  for (const group of groups) {
    const zh = group.zh.map(fold);
    const hit = latin ? group.en.some((phrase) => namesEnglish(phrase, words)) : zh.includes(q);
    if (!hit) continue;
    for (const word of group.zh) if (fold(word) !== q) out.set(word, { query: word, chinese: english && HAN.test(word) });
    if (english && !latin) {
      for (const phrase of group.en) out.set(phrase, { query: phrase, chinese: false });
    }
  }
  return [...out.values()];
}

// Words of the groups near a query that found nothing: those sharing a character with it, or
// starting like it; at most `most`.
export function suggestions(query, groups, most = 8) {
  const q = fold(query.trim());
  const chars = new Set([...q].filter((ch) => HAN.test(ch)));
  const found = new Set();
  for (const group of groups) {
    for (const word of [...group.zh, ...group.en]) {
      const w = fold(word);
      if (w === q) continue;
      if ([...w].some((ch) => chars.has(ch)) || (q.length > 1 && !chars.size && (w.startsWith(q.slice(0, 3)) || q.startsWith(w)))) found.add(word);
    }
  }
  return [...found].slice(0, most);
}
