"""Cleaning pass, second reader: garbled spans the in-step re-reader cannot read.

Other farm copies went on after the damage: they converted what they misread to Traditional
(`窍` became `竅`), wrote an unreadable byte pair as `?` or dropped it (often the pair holding a
`）`), and ended the run at the end of its line with one byte left over. Here each garbled
character stands for its own bytes or for those of the Simplified character the farm converted;
the bytes are read in step, trying at most one lost pair inside the run; and the few characters
whose bytes are only partly known (the lost lead byte, a lost pair, the last byte) are filled in
only with what the genre makes predictable: brackets, punctuation, section numerals, and the
words of a title or draft mark. The byte verifier must then find the reading verified.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice, product
from pathlib import Path

from ..script import to_simplified
from .garble import LOST_BYTE_MARKS, brackets_balanced, encode_run, char_rarity
from .verify import simplified_sources, vanishes

# What a lost byte most often belonged to, in order of preference: the indent before a heading,
# its brackets and section numeral, punctuation.
_NUMERALS = "一二三四五六七八九十"
LIKELY_LOST = f"\u3000（）{_NUMERALS}，。、；：“”《》"
# Words of a report's title and draft mark: a lost byte inside one of them is read from the word.
GENRE_WORDS = ("政府工作报告", "征求意见稿", "讨论稿", "送审稿", "人民政府", "工作报告")
_MAX_RUN = 400
_CONTEXT = 200  # characters of the line on either side that a reading's brackets must balance with (a heading's are near)
_MIN_READ = 2  # characters read from surviving bytes alone; fewer is no evidence for a reading
_KEEP = 4  # readings kept per state of the decoder
_MAX_FILLINGS = 64  # fillings tried per reading, the likeliest first
_TRIES = 8  # readings filled in and offered to the verifier
_WORD_BONUS = 2  # a placeholder filled from a genre word counts against the rarity of the rest

# Placeholders in a reading for characters whose bytes are only partly known.
HEAD, BRIDGE_1, BRIDGE_2, TAIL = "\ue000", "\ue001", "\ue002", "\ue003"
_HOLES = (HEAD, BRIDGE_1, BRIDGE_2, TAIL)
_UNKNOWN = -1  # the pending byte at the start: the lost lead byte


@lru_cache(maxsize=None)
def byte_options(ch: str) -> tuple[bytes, ...]:
    """The bytes a garbled character can stand for: its own, or those of a Simplified character
    the farm converted into it (竅 stands for 竅 or 窍)."""
    forms = [ch, *sorted(simplified_sources(ch))]
    return tuple(dict.fromkeys(raw for raw in map(encode_run, forms) if raw))


@lru_cache(maxsize=65536)
def read_in_step(pending: int | None, data: bytes) -> tuple[str, int | None] | None:
    """Decode `data` after the byte `pending` (None: nothing pending); (text, byte left pending),
    or None when a pair cannot be read. The lost lead byte (_UNKNOWN) becomes a HEAD placeholder."""
    text = ""
    for b in data:
        if pending == _UNKNOWN:
            if b < 0x40:
                return None
            text, pending = text + HEAD, None
        elif pending is not None:
            try:
                text += bytes([pending, b]).decode("gbk")
            except UnicodeDecodeError:
                return None
            pending = None
        elif b < 0x80:
            text += chr(b)
        else:
            pending = b
    return text, pending


@dataclass(frozen=True)
class Reading:
    cost: int  # rarity of the characters read, plus one for a lost pair not marked
    pending: int | None
    bridge: int | None  # a lost pair follows the byte `bridge`; the next byte read completes it
    lost_pair: bool
    text: str
    slots: tuple[int, ...]  # the bytes each placeholder keeps: HEAD's trail, the pair's outer bytes, TAIL's lead


def _feed(r: Reading, raw: bytes) -> Reading | None:
    slots, pending, text = r.slots, r.pending, r.text
    cost = r.cost
    if r.bridge is not None:
        if raw[0] < 0x40:
            return None
        text, slots, pending, raw = text + BRIDGE_1 + BRIDGE_2, slots + (r.bridge, raw[0]), None, raw[1:]
        cost += 0 if _likely_pair(*slots[-2:]) else 1
    read = read_in_step(pending, raw)
    if read is None or any(char_rarity(c) > 2 for c in read[0] if c not in HEAD):
        return None
    piece, pending = read
    if piece.startswith(HEAD):
        slots += (raw[0],)
    cost += sum(char_rarity(c) for c in piece if c != HEAD)
    return Reading(cost, pending, None, r.lost_pair, text + piece, slots)


@lru_cache(maxsize=None)
def _likely_pair(first: int, last: int) -> bool:
    """Whether a lost pair between the bytes `first` and `last` can hold two of the characters a
    lost byte most often belonged to (三）): such a place is likelier than another."""
    fits = [(a, b) for a in map(_gbk, LIKELY_LOST[1:]) for b in map(_gbk, LIKELY_LOST[1:]) if a[0] == first and b[1] == last]
    return any(vanishes(bytes([a[1], b[0]])) for a, b in fits)


def _with_lost_pair(r: Reading, extra: int) -> Reading | None:
    if r.lost_pair or r.bridge is not None or r.pending in (None, _UNKNOWN):
        return None
    return Reading(r.cost + extra, None, r.pending, True, r.text, r.slots)


def _ended(r: Reading) -> Reading | None:
    """The reading ended where its last byte was lost: the pending lead byte becomes a TAIL."""
    if r.bridge is not None or r.pending in (None, _UNKNOWN):
        return None
    return Reading(r.cost, None, None, r.lost_pair, r.text + TAIL, r.slots + (r.pending,))


def _best(readings) -> list[Reading]:
    """The cheapest few readings per state: a cheaper one may still fail where a dearer one fits."""
    by_state: dict[tuple, list[Reading]] = {}
    for r in readings:
        if r is not None:
            by_state.setdefault((r.pending, r.bridge, r.lost_pair), []).append(r)
    return [r for rs in by_state.values() for r in sorted(rs, key=lambda r: r.cost)[:_KEEP]]


def candidate_readings(line: str, start: int) -> list[tuple[int, int, Reading]]:
    """Every way the run from the lost-byte mark `line[start]` can be read: (gain in ordinariness,
    end, reading with placeholders), best first. Linear in the run, which stops at the second
    lost-byte mark after the start and where no reading is left."""
    if start + 1 < len(line) and line[start + 1] in LOST_BYTE_MARKS:
        return []  # bytes lost twice in a row: nothing is left to read the first character from
    states = [Reading(0, _UNKNOWN, None, False, "", ())]
    garbled, ends = char_rarity(line[start]), []
    for i in range(start + 1, min(len(line), start + _MAX_RUN)):
        ch = line[i]
        if ch in LOST_BYTE_MARKS and i > start + 1:
            garbled += char_rarity(ch)
            ends += [(r.cost - garbled, i + 1, t) for r in states if (t := _ended(r))]
            states = _best(_with_lost_pair(r, 0) for r in states)
        else:
            options = byte_options(ch)
            garbled += char_rarity(ch)
            states = _best(_feed(v, raw) for r in states for v in (r, _with_lost_pair(r, 1)) if v for raw in options)
            ends += [(r.cost - garbled, i + 1, r) for r in states if r.pending is None and r.bridge is None]
        if not states:
            break
    else:
        # At the end of the line the last byte read out of step was a lead byte with nothing after it,
        # and the farm dropped it without a mark.
        ends += [(r.cost - garbled, len(line), t) for r in states if (t := _ended(r)) and len(line) < start + _MAX_RUN]
    return sorted(ends, key=lambda e: (e[0], -e[1]))


@lru_cache(maxsize=None)
def _gbk(ch: str) -> bytes:
    try:
        return ch.encode("gbk")
    except UnicodeEncodeError:
        return b""


def _fits(slot: str, ch: str, kept: int) -> bool:
    raw = _gbk(ch)
    if len(raw) != 2:
        return False
    return raw[1] == kept if slot in (HEAD, BRIDGE_2) else raw[0] == kept


# Each genre word as a pattern in which every character may also be a placeholder.
_WORD_PATTERNS = [(w, re.compile("".join(f"[{c}{''.join(_HOLES)}]" for c in w))) for w in GENRE_WORDS]


def _word_fillings(text: str) -> dict[int, set[str]]:
    """Characters the genre's words put in the placeholders: 征求意\ue001\ue002 + 征求意见稿 -> 见, 稿."""
    out: dict[int, set[str]] = {}
    holes = [i for i, c in enumerate(text) if c in _HOLES]
    for word, pattern in _WORD_PATTERNS:
        for hole in holes:
            for at in range(max(0, hole - len(word) + 1), min(hole, len(text) - len(word)) + 1):
                if pattern.match(text, at):
                    for k, c in enumerate(text[at : at + len(word)]):
                        # The lost lead byte may hide more bytes lost before it: the word must reach back past it.
                        if c != word[k] and (c != HEAD or k > 0):
                            out.setdefault(at + k, set()).add(word[k])
    return out


def fill_placeholders(text: str, slots: tuple[int, ...], before: str, after: str) -> tuple[str, int] | None:
    """The reading with each placeholder filled with a predictable character that fits the bytes
    it kept (and, for a lost pair, whose inner bytes GBK cannot read), brackets balanced with the
    rest of the line; with how many placeholders a genre word filled. None when a placeholder has
    no such character."""
    holes = [i for i, c in enumerate(text) if c in _HOLES]
    words = {at - len(before[-8:]): chars for at, chars in _word_fillings(before[-8:] + text + after[:8]).items()}
    choices = []
    for hole, kept in zip(holes, slots):
        # An indent comes before a heading, never after the last character read.
        options = sorted(words.get(hole, ())) + list(LIKELY_LOST if text[hole] == HEAD else LIKELY_LOST[1:])
        choices.append(list(dict.fromkeys(c for c in options if _fits(text[hole], c, kept))))
    for filling in islice(product(*choices), _MAX_FILLINGS):
        out = list(text)
        for hole, ch in zip(holes, filling):
            out[hole] = ch
        preceding = (before[-1:] or " ") + "".join(out)  # preceding[i]: the character before out[i]
        if any(ch in _NUMERALS and preceding[hole] != "（" for hole, ch in zip(holes, filling)):
            continue  # a numeral is predictable only as a section number
        pairs = [(filling[k], filling[k + 1]) for k, h in enumerate(holes) if text[h] == BRIDGE_1]
        if all(vanishes(bytes([_gbk(a)[1], _gbk(b)[0]])) for a, b in pairs):
            reading = "".join(out)
            if brackets_balanced(before + reading + after) and "（）" not in before[-1:] + reading:
                return reading, sum(1 for hole, ch in zip(holes, filling) if ch in words.get(hole, ()))
    return None


_COMMON = 20000  # jieba's count above which a character is a word of its own (的, 和, 县, 新; not 卒, 灰)


@lru_cache(maxsize=1)
def _words() -> tuple[frozenset[str], frozenset[str]]:
    """A general word list of Chinese (jieba's dictionary, 349,000 words) with the genre's words:
    (words of two to four characters, characters common enough to be words of their own). The
    dictionary's lines ("word count tag") are read by two searches rather than one line at a time,
    and jieba is found, not imported: it would load its own models."""
    spec = importlib.util.find_spec("jieba")
    text = "\n" + Path(spec.origin).with_name("dict.txt").read_text(encoding="utf-8")
    words = frozenset(re.findall(r"\n(\S{2,4}) ", text)).union(GENRE_WORDS)
    common = frozenset(char for char, count in re.findall(r"\n(\S) (\d+)", text) if int(count) >= _COMMON)
    return words, common


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def reads_as_words(text: str, before: str = "", after: str = "") -> bool:
    """Every Chinese character of `text` belongs to a word of two to six characters (the line
    around it counts) or is a common word of its own: 城乡面貌焕然一新 passes, 明显卒 fails. Bytes that
    vanished unseen leave readings that pass every character's rarity but no word list."""
    before, after = to_simplified(before), to_simplified(after)
    whole, (words, common) = before + text + after, _words()
    covered = [False] * len(whole)
    for i in range(len(whole)):
        for n in range(2, 7):
            if len(whole[i : i + n]) == n and whole[i : i + n] in words:
                covered[i : i + n] = [True] * n
    # The character before the reading too: a guess must not tear the word it ends apart (焕；一新).
    return all(covered[i] or whole[i] in common or not _is_han(whole[i]) for i in range(max(0, len(before) - 1), len(before) + len(text)))


def reread_lost_bytes(line: str, start: int, accept=lambda garbled, repaired: True) -> tuple[int, str] | None:
    """Re-read the run at the lost-byte mark `line[start]` that the in-step reader could not:
    (end, text) for the most ordinary reading that the verifier `accept`s, or None."""
    before, found = line[max(0, start - _CONTEXT) : start], []
    for gain, end, reading in candidate_readings(line, start)[:_TRIES]:
        if gain >= 0 or sum(1 for c in reading.text if c not in _HOLES) < _MIN_READ:
            continue
        filled = fill_placeholders(reading.text, reading.slots, before, line[end : end + _CONTEXT])
        if filled is not None and reads_as_words(filled[0], before[-4:], line[end : end + 4]):
            found.append((gain - _WORD_BONUS * filled[1], -end, filled[0].lstrip("\u3000 ")))
    for _, longest, text in sorted(found):
        if text and accept(line[start:-longest], text):
            return -longest, text
    return None
