"""Search keys pass: which records of which reports hold each character and each pair of characters.

A browser searching a hundred reports should download what its query needs, not the archive. So
besides each report's shard (its records' text, for snippets and the exact match), every language
has KEY_SHARDS key files, `search/keys/<n>.json`: a key is one folded character or two adjacent
ones, and its file (chosen by a hash of the key) lists, per report (by id), the records whose text
holds it.
A query of one character reads one key file; a longer run reads the files of its character pairs
and keeps the records holding all of them. Only the reports left are downloaded and searched, so
recall stays that of the shards: a record holding the query text holds each of its pairs.

Each report's part is made with its shard (a line per key file, in `<id>/search-keys.txt`); the
site-wide pass only joins lines, so that a rebuild after one edit does not read every report's text.
"""

from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from functools import lru_cache

from ..cache import cache_key, cached_text, code_digest

KEY_SHARDS = 1024  # a power of two: the browser takes the hash's low bits
KEYS_NAME = "search-keys.txt"
KEY_FOLDER = "search/keys/"


@lru_cache(maxsize=None)
def _fold_char(ch: str) -> str:
    folded = unicodedata.normalize("NFKC", ch).lower()
    return folded if len(folded) == len(ch) else ch


def fold(text: str) -> str:
    """Case and width folded one character at a time, as the browser folds (static/js/fold.js)."""
    return "".join(map(_fold_char, text))


@lru_cache(maxsize=1 << 16)
def shard_of(key: str) -> int:
    """FNV-1a over the key's code points, as static/js/search-keys.js computes it."""
    h = 0x811C9DC5
    for ch in key:
        h = ((h ^ ord(ch)) * 0x01000193) & 0xFFFFFFFF
    return h & (KEY_SHARDS - 1)


def report_keys(report_id: str, texts: list[str]) -> str:
    """A report's part of every key file, a line each: [report id, {key: [record numbers]}] of the
    records' texts, or an empty line for a file the report has no key in.

    Kept in the private cache by the texts and this module's code: making it takes several times as
    long as the report's shard, and most builds find every report's texts unchanged."""
    key = cache_key(code_digest(__file__), str(KEY_SHARDS), report_id, "\x00".join(texts)) + ".txt"
    return cached_text("search-keys", key, lambda: _report_keys(report_id, texts))


def _report_keys(report_id: str, texts: list[str]) -> str:
    keys: defaultdict[str, list[int]] = defaultdict(list)
    for number, text in enumerate(texts):
        folded = fold(text)
        for key in set(folded).union(map("".join, zip(folded, folded[1:]))):
            keys[key].append(number)
    shards: list[dict] = [{} for _ in range(KEY_SHARDS)]
    for key, records in keys.items():
        shards[shard_of(key)][key] = records
    return "\n".join(json.dumps([report_id, s], ensure_ascii=False, separators=(",", ":"), sort_keys=True) if s else "" for s in shards)


def key_files(parts: list[bytes]) -> list[bytes]:
    """The key files of a language from its reports' parts: file n is [[report id, {key: [record
    numbers]}], …] of the reports that have keys in it, joined as they are (no parsing, no formatting)."""
    lines = [part.split(b"\n") for part in parts]
    return [key_file(lines, n) for n in range(KEY_SHARDS)]


def key_file(lines: list[list[bytes]], n: int) -> bytes:
    """Key file n from the reports' parts split into lines."""
    return b"[" + b",".join(filter(None, (part[n] for part in lines))) + b"]"


def changed_files(old: list[bytes], new: list[bytes]) -> set[int]:
    """The key files that a report's new part changes: those whose line differs."""
    return {n for n, (a, b) in enumerate(zip(old, new)) if a != b}
