"""Search pass: per-report, per-language index shards that the browser scans for any run of characters.

Word segmentation misses substrings that cross word boundaries (能电, 水蓄), so a shard holds each
paragraph's plain text and the browser finds every paragraph containing the query. One character
map per language, made with OpenCC from the characters all reports contain, lets a query typed in
the other script match; it is shared by every shard, so an archive downloads it once. Shards carry
the report's glossary, so that an English query (`livelihood`) also finds the paragraphs with the
Chinese term it explains, on the Chinese sites and the English one.
"""

from __future__ import annotations

import json
from functools import lru_cache

from ..cache import cache_key, cached_text, code_digest
from .expand import expansion_groups
from .i18n import Lang
from .search_keys import KEY_FOLDER, report_keys, shard_count
from ..script import character_converter, converter, is_han, opencc_version
from .views import GlossaryEntry, ReportView

INDEX_NAME = "search-index.json"
CHARMAP_NAME = "charmap.json"
INDEX_VERSION = 3
KINDS = ("paragraph", "heading", "target", "item", "term")  # what a record is, as _docs labels it


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


@lru_cache(maxsize=None)
def _spellings(ch: str) -> frozenset[str]:
    """The ways a reader may type a character: its Simplified form and that form's Traditional ones.

    Both OpenCC's standard and Taiwan's Traditional, as the corpus may use 爲 where a reader types 為.
    """
    simplified = converter("t2s").convert(ch)
    return frozenset({simplified, character_converter("s2t").convert(simplified), character_converter("s2tw").convert(simplified)} - {ch})


def query_map(corpus: str) -> dict[str, str]:
    """A character a reader may type -> every corpus character it may stand for, itself included if used.

    One typed character may stand for several: in Traditional text 制 is both 制 (體制) and 製 (製造),
    so 制 maps to 制製; a Simplified 制造 then finds 製造 while 體制 copied from the page still finds itself.
    """
    chars = {ch for ch in corpus if is_han(ch)}
    options: dict[str, set[str]] = {}
    for ch in chars:
        for typed in _spellings(ch):
            if len(typed) == 1:
                options.setdefault(typed, {typed} & chars).add(ch)
    return {typed: "".join(sorted(found)) for typed, found in sorted(options.items())}


def _docs(rv: ReportView, glossary: tuple[GlossaryEntry, ...] = ()) -> list[list]:
    """Every record a reader may look for: id, address, where it stands (`part › section`, or the
    report), text, number, kind, and for a target its status. Kinds: paragraph, heading (of a part
    or a section), target, item (of an announced list), term (of the glossary)."""
    where = {p.id: p.where or rv.title for p in rv.paragraphs}  # a target or list item stands where its paragraph does
    docs = [[p.id, p.context_url, where[p.id], p.plain, p.number, "paragraph", ""] for p in rv.paragraphs]
    for part in rv.parts:
        docs.append([part.id, part.url, f"{part.label}{part.title}", f"{part.label}{part.title}", 0, "heading", ""])
        docs += [[s.id, s.url, where[s.paragraphs[0].id] if s.paragraphs else f"{part.label}{part.title}", f"{s.label}{s.title}", 0, "heading", ""]
                 for s in part.sections]
    # A target reads as its label and figure, then the sentence it quotes (its English where en.yaml has it):
    # "Rural road upgrades 46.7 km · 实施农村公路提升改造46.7公里", not the figure twice in one run.
    docs += [[t.id, t.url, where.get(t.paragraph_id, rv.title), " · ".join(filter(None, (f"{t.indicator} {t.figure}".strip(), t.text_en or t.text))),
              0, "target", t.status_label] for t in rv.targets]
    docs += [[item.id, item.url, where.get(item.paragraph_id, rv.title), f"{item.indicator} {item.text}".strip(), 0, "item", item.status_label]
             for lst in rv.lists for item in lst.items]
    docs += [[f"g-{n}", f"{rv.url}glossary/#g-{n}", rv.title, f"{t.term} {t.en} {t.zh}".strip(), 0, "term", ""]
             for n, t in enumerate(glossary, start=1)]
    return docs


def corpus_chars(rv: ReportView) -> str:
    """The Chinese characters a report's shard contains, for the site's shared character map."""
    chars = set("".join(doc[2] + doc[3] for doc in _docs(rv)))  # one set of a joined string: C speed
    return "".join(sorted(ch for ch in chars if is_han(ch)))


def build_char_map(corpora: list[str]) -> str:
    """The shared character map of some reports, from each one's corpus_chars."""
    return _char_map("".join(sorted(set().union(*corpora))))


@lru_cache(maxsize=8)
def _char_map(chars: str) -> str:
    """Most edits add no new character, so serve's rebuilds mostly find the map made already, and
    builds find it in the private cache, kept by the characters, OpenCC and this module's code:
    making it loads three OpenCC profiles, a tenth of the seed's build after start-up."""
    key = cache_key(opencc_version(), code_digest(__file__), chars) + ".json"
    return cached_text("charmaps", key, lambda: _json({"v": INDEX_VERSION, "map": query_map(chars)}))


def build_search_index(rv: ReportView, lang: Lang, glossary: tuple[GlossaryEntry, ...], originals: dict[str, str]) -> str:
    """One report's shard: its records, each with its place in the report (a number in `where`), and
    its glossary."""
    docs = _docs(rv, glossary)
    wheres = list(dict.fromkeys(doc[2] for doc in docs))  # a section's name once, not once per record
    number = {where: n for n, where in enumerate(wheres)}
    data = {"v": INDEX_VERSION, "lang": lang.code, "report": rv.id, "title": rv.title, "url": rv.url,
            "gloss": _glossary(lang, glossary, originals), "where": wheres,
            "docs": [[*doc[:2], number[doc[2]], *doc[3:]] for doc in docs]}
    return _json(data)


def search_keys_of(rv: ReportView, glossary: tuple[GlossaryEntry, ...]) -> list[bytes]:
    """A report's part of its language's key files (search_keys.py), from the records its shard holds,
    in the same order. Build-only: kept with the report in memory, never published."""
    return report_keys(rv.id, [doc[3] for doc in _docs(rv, glossary)])


def _glossary(lang: Lang, glossary: tuple[GlossaryEntry, ...], originals: dict[str, str]) -> list[list]:
    """[what an English word that the term's English rendering contains also finds, that rendering].

    On a Chinese site that is the Chinese term itself. The English translation words a term its own
    way (民生实事 is "practical matters for people's wellbeing", not "livelihood"), so on the English
    site it is the paragraphs whose Chinese original (paragraph id -> text) holds the term.
    """
    terms = [t for t in glossary if t.term and t.en]
    if lang.code != "en":
        return [[t.term, t.en] for t in terms]
    found = [[[pid for pid, text in originals.items() if t.term in text], t.en] for t in terms]
    return [entry for entry in found if entry[0]]


def search_page_context(builds: list, lang: Lang, base_path: str, place_names: dict[str, str]) -> dict:
    """What the search page lists: every report with its place (under the one name `place_names`
    gives each place key), year and shard, where the key files are, the expansion groups, and the
    filters' choices. The English page also names the Chinese shards and key files, where a Chinese
    query is looked up."""
    reports = []
    for rb in builds:
        rv = rb.views[lang.code]
        entry = {"id": rv.id, "title": rv.title, "place": place_names[rv.place_key], "year": rv.year,
                 "index": f"{base_path}{lang.prefix}{rv.id}/{INDEX_NAME}"}
        if lang.code == "en" and "zh-Hans" in rb.views:
            entry["zh"] = f"{base_path}{rv.id}/{INDEX_NAME}"
        reports.append(entry)
    return {"reports_json": _json(reports), "charmap": f"{base_path}{lang.prefix}search/{CHARMAP_NAME}",
            "zh_charmap": f"{base_path}search/{CHARMAP_NAME}" if lang.code == "en" else "",
            "keys": f"{base_path}{lang.prefix}{KEY_FOLDER}", "zh_keys": f"{base_path}{KEY_FOLDER}" if lang.code == "en" else "",
            "key_shards": shard_count(len(builds)),
            "expand_json": _json(expansion_groups(lang, [rb.glossaries.get(lang.code, ()) for rb in builds])),
            "kinds": KINDS,
            "places": sorted({r["place"] for r in reports if r["place"]}), "years": sorted({r["year"] for r in reports if r["year"]}, reverse=True)}
