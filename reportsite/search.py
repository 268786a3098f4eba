"""Search pass: a small per-report, per-language index that the browser scans for any run of characters.

Word segmentation misses substrings that cross word boundaries (能电, 水蓄), so the index holds each
paragraph's plain text and the browser finds every paragraph containing the query. A character map
made with OpenCC from the characters the corpus contains lets a query typed in the other script match.
"""

from __future__ import annotations

import json

from .i18n import Lang
from .script import converter
from .views import ReportView

INDEX_NAME = "search-index.json"


def query_map(corpus: str, lang: Lang) -> dict[str, str]:
    """Characters a reader may type -> the form the corpus uses, for every Han character in the corpus."""
    mapping: dict[str, str] = {}
    for ch in sorted(set(corpus)):
        if not ("\u3400" <= ch <= "\u9fff"):
            continue
        if lang.code == "zh-Hant":
            variants = {converter("t2s").convert(ch)}
        elif lang.code == "zh-Hans":
            variants = {converter("s2t").convert(ch), converter("s2tw").convert(ch)}
        else:
            variants = {converter("s2t").convert(ch), converter("s2tw").convert(ch)}  # Chinese names quoted in English text
        for v in variants:
            if len(v) == 1 and v != ch:
                mapping.setdefault(v, ch)
    return mapping


def build_search_index(rv: ReportView, lang: Lang) -> dict[str, str]:
    docs = []
    section_of = {p.id: f"{s.label}{s.title}" for s in rv.sections for p in s.paragraphs}
    part_of = {p.id: f"{part.label}{part.title}" for part in rv.parts for p in part.intro + part.outro}
    for p in rv.paragraphs:
        where = section_of.get(p.id) or part_of.get(p.id) or rv.title
        docs.append([p.id, p.context_url, where, p.plain, p.number])
    corpus = "".join(d[3] + d[2] for d in docs)
    data = {"v": 1, "lang": lang.code, "report": rv.id, "title": rv.title, "url": rv.url,
            "map": query_map(corpus, lang), "docs": docs}
    return {INDEX_NAME: json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)}
