"""Search keys pass: which parts of which reports hold each character and each pair of characters.

A browser searching a hundred reports should download what its query needs, not the archive. So
besides each report's shard (its records' text, for snippets and the exact match), every language
has key files, `search/keys/<n>.json` (shard_count of them): a key is one folded character or two
adjacent ones, and its file (chosen by a hash of the key) lists, per report, the keys each of its blocks holds.
A block is a run of the report's records of about BLOCK_CHARS characters, in the shard's order.
A query of one character reads one key file; a longer run reads the files of its character pairs
and keeps the reports with a block holding all of them. Only the reports left are downloaded and
searched, so recall stays that of the shards: a record holding the query text holds each of its pairs,
and so does its block.

Blocks rather than records: on the example archive replicated to 100 reports, a phrase of six
characters has the same candidates with blocks of 2000 characters as with records (one report,
rarely two), while the keys to write fall from two million (record, key) pairs per language to under
1.5 million, and each is written once per block as part of one string, not once per record number.

Each report's part is a line per key file, made from its records' text when the report is built and
kept with it in memory and in the private cache, never published; the site-wide pass only joins lines,
so that a rebuild after one edit makes again only the edited report's part and joins only the files
whose lines it changes.
"""

from __future__ import annotations

import json
import unicodedata
from itertools import chain, groupby

from ..cache import cache_key, cached_text, code_digest

KEY_SHARDS = 1024  # the most key files a language has; a power of two: the browser takes the hash's low bits
FILES_PER_REPORT = 32  # a report of the genre makes 200 to 250 KB of keys a language: 8 KB or so a file
KEY_FOLDER = "search/keys/"
BLOCK_CHARS = 2000  # about as many characters of records per block

_FOLDED: dict[int, str] = {}  # code point -> its folded form, for the characters folding changes
_SEEN: set[str] = set()  # every character whose folding is known (in _FOLDED or unchanged)
_SHARD: dict[str, int] = {}  # key -> its file, once worked out
_UNKEYED = {ord('"'): " ", ord("\\"): " ", **{n: " " for n in range(32)}}  # what a key never holds


def _fold_char(ch: str) -> str:
    folded = unicodedata.normalize("NFKC", ch).lower()
    return folded if len(folded) == len(ch) else ch


def fold(text: str) -> str:
    """Case and width folded one character at a time, as the browser folds (static/js/fold.js)."""
    new = set(text).difference(_SEEN)
    for ch in new:
        if (folded := _fold_char(ch)) != ch:
            _FOLDED[ord(ch)] = folded
    _SEEN.update(new)
    return text.translate(_FOLDED)


def shard_of(key: str) -> int:
    """FNV-1a over the key's code points, as static/js/search-keys.js computes it."""
    shard = _SHARD.get(key)
    if shard is None:
        h = 0x811C9DC5
        for ch in key:
            h = ((h ^ ord(ch)) * 0x01000193) & 0xFFFFFFFF
        shard = _SHARD[key] = h & (KEY_SHARDS - 1)
    return shard


def blocks(texts: list[str]) -> list[str]:
    """The records' folded texts joined by spaces into runs of about BLOCK_CHARS characters. A pair
    across two records holds a space, which no key looked up holds (a query is split at spaces).
    What JSON would escape (", \\, control characters) is made a space too: no key holds it, and the
    browser leaves out a query's pairs that hold it (a term left without keys rules out no report)."""
    out: list[str] = []
    run: list[str] = []
    size = 0
    for text in texts:
        run.append(text)
        size += len(text)
        if size >= BLOCK_CHARS:
            out.append(fold(" ".join(run)).translate(_UNKEYED))
            run, size = [], 0
    return out + [fold(" ".join(run)).translate(_UNKEYED)] if run else out


def report_keys(report_id: str, texts: list[str]) -> list[bytes]:
    """A report's part of every key file (see _report_keys), kept in the private cache by the texts and
    this module's code: making them all costs about 1.5 s of CPU per language at 100 reports, and most
    builds find every report's texts unchanged."""
    key = cache_key(code_digest(__file__), KEY_SHARDS, BLOCK_CHARS, report_id, texts) + ".txt"
    return cached_text("search-keys", key, lambda: b"\n".join(_report_keys(report_id, texts)).decode()).encode().split(b"\n")


def _report_keys(report_id: str, texts: list[str]) -> list[bytes]:
    """A report's part of every key file, a line each: the JSON of [report id, keys of block 0, keys
    of block 1, …], each block's keys in that file one string, separated by spaces, or b"" for a
    file the report has no key in. Keys come in the order the text first holds them (a set's order
    would change from one process to the next)."""
    lines: list[list[str]] = [[] for _ in range(KEY_SHARDS)]
    shards = _SHARD
    for number, block in enumerate(blocks(texts)):
        keys = [key for key in dict.fromkeys(chain(block, map("".join, zip(block, block[1:])))) if " " not in key]
        for key in set(keys).difference(shards):
            shard_of(key)
        keys.sort(key=shards.__getitem__)  # stable: each file's keys stay in the text's order
        for shard, found in groupby(keys, key=shards.__getitem__):
            line = lines[shard]
            if len(line) < number:
                line += [""] * (number - len(line))
            line.append(" ".join(found))
    head = "[" + json.dumps(report_id, ensure_ascii=False) + ',"'
    return [(head + '","'.join(line) + '"]').encode() if line else b"" for line in lines]


def shard_count(reports: int) -> int:
    """How many key files each language of a site of `reports` reports has: FILES_PER_REPORT a report,
    a power of two, at most KEY_SHARDS. A site of one report writes 32 files a language rather than
    1,024 (they were three quarters of its files), and a query reads files of some 8 KB rather than
    200 bytes, which cost a browser the same round trip (both fit in TCP's first window)."""
    count = 1
    while count < min(KEY_SHARDS, FILES_PER_REPORT * reports):
        count *= 2
    return count


def key_files(parts: list[list[bytes]], count: int = KEY_SHARDS) -> list[bytes]:
    """The `count` key files of a language from its reports' parts: file m is [[report id, keys of
    block 0, …], …] of the reports that have keys in it, joined as they are (no parsing, no formatting)."""
    return [key_file(parts, m, count) for m in range(count)]


def key_file(lines: list[list[bytes]], m: int, count: int = KEY_SHARDS) -> bytes:
    """Key file m of `count` from the reports' parts split into lines. A report's part has a line for
    each of the KEY_SHARDS hash values; file m joins the lines n = m (mod count), so the browser, which
    takes the hash's low bits, finds a key in file shard_of(key) % count. A report may then have more
    than one entry in a file: the browser adds up the blocks of each."""
    return b"[" + b",".join(filter(None, (part[n] for n in range(m, KEY_SHARDS, count) for part in lines))) + b"]"


def changed_files(old: list[bytes], new: list[bytes], count: int = KEY_SHARDS) -> set[int]:
    """The key files (of `count`) that a report's new part changes: those with a line that differs."""
    return {n % count for n, (a, b) in enumerate(zip(old, new)) if a != b}
