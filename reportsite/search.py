"""Search pass: a small per-report, per-language index that the browser scans for any run of characters.

Word segmentation misses substrings that cross word boundaries (能电, 水蓄), so the index holds each
paragraph's plain text and the browser finds every paragraph containing the query. A character map
made with OpenCC from the characters the corpus contains lets a query typed in the other script match:
the browser reads each query character as any of the corpus characters the map lists for it.
"""

from __future__ import annotations

import json
from functools import lru_cache

from .i18n import Lang
from .script import converter
from .views import ReportView

INDEX_NAME = "search-index.json"


@lru_cache(maxsize=None)
def _spellings(ch: str) -> frozenset[str]:
    """The ways a reader may type a character: its Simplified form and that form's Traditional ones.

    Both OpenCC's standard and Taiwan's Traditional, as the corpus may use 爲 where a reader types 為.
    """
    simplified = converter("t2s").convert(ch)
    return frozenset({simplified, converter("s2t").convert(simplified), converter("s2tw").convert(simplified)} - {ch})


def query_map(corpus: str) -> dict[str, str]:
    """A character a reader may type -> every corpus character it may stand for, itself included if used.

    One typed character may stand for several: in Traditional text 制 is both 制 (體制) and 製 (製造),
    so 制 maps to 制製; a Simplified 制造 then finds 製造 while 體制 copied from the page still finds itself.
    """
    chars = {ch for ch in corpus if "\u3400" <= ch <= "\u9fff"}
    options: dict[str, set[str]] = {}
    for ch in chars:
        for typed in _spellings(ch):
            if len(typed) == 1:
                options.setdefault(typed, {typed} & chars).add(ch)
    return {typed: "".join(sorted(found)) for typed, found in sorted(options.items())}


def build_search_index(rv: ReportView, lang: Lang) -> dict[str, str]:
    docs = []
    section_of = {p.id: f"{s.label}{s.title}" for s in rv.sections for p in s.paragraphs}
    part_of = {p.id: f"{part.label}{part.title}" for part in rv.parts for p in part.intro + part.outro}
    for p in rv.paragraphs:
        where = section_of.get(p.id) or part_of.get(p.id) or rv.title
        docs.append([p.id, p.context_url, where, p.plain, p.number])
    corpus = "".join(d[3] + d[2] for d in docs)
    data = {"v": 1, "lang": lang.code, "report": rv.id, "title": rv.title, "url": rv.url,
            "map": query_map(corpus), "docs": docs}
    return {INDEX_NAME: json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)}
