// Case and width are ignored on both sides of a search (５Ｇ finds 5G, a pasted ， finds ，), one
// character at a time so that an offset in the folded text is the same offset in the text shown. Only
// characters outside the ranges that folding leaves alone (ASCII but capitals, CJK punctuation and
// ideographs) are looked at, which keeps folding a hundred reports' text quick.
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

export function fold(text) {
  return text.replace(FOLDABLE, foldChar);
}
