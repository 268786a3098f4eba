"""Cleaning pass: find text garbled by reading GBK bytes one byte out of step, and re-read it in step.

A scraper that loses one byte of a GBK page decodes every following pair of bytes across the
character boundary: `（一）一年` becomes `。ㄒ唬┮荒`. The bytes are still there, so encoding the
garbled run back to GBK and decoding it again one byte earlier restores the text. The lost byte
is shown as `?`; we try every possible lead byte in its place and keep the most plausible reading.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import lru_cache

from ..content.model import Repair
from ..script import to_simplified_char

# Scrapers often fold full-width punctuation to ASCII after the damage is done; a GBK trail byte is
# never below 0x40, so such a character inside a garbled run must have been the full-width form.
_ASCII_TO_FULLWIDTH = {c: chr(ord(c) + 0xFEE0) for c in ",.;:!?()[]"}

LOST_BYTE_MARKS = "?\ufffd"
_MAX_RUN = 400


@lru_cache(maxsize=None)
def _gb2312_level(ch: str) -> int:
    """1 for the 3,755 common GB2312 characters, 2 for the rarer level, 3 for anything beyond."""
    try:
        b = ch.encode("gb2312")
    except UnicodeEncodeError:
        return 3
    if len(b) != 2:
        return 3
    return 1 if b[0] < 0xD8 else 2


@lru_cache(maxsize=None)
def char_rarity(ch: str) -> int:
    """How unlikely `ch` is in a government report; 0 for ordinary text, high for garbage."""
    o = ord(ch)
    if ch in LOST_BYTE_MARKS or 0xE000 <= o <= 0xF8FF:
        return 8
    if 0x3100 <= o <= 0x312F or 0x2500 <= o <= 0x257F or 0x0250 <= o <= 0x02FF:
        return 8  # bopomofo, box drawing, IPA: the tell-tale debris of GBK rows A8/A9
    if 0xFF21 <= o <= 0xFF5A:
        return 6  # full-width Latin letters: never used in report prose
    if ch.isascii() or unicodedata.category(ch).startswith(("P", "Z", "S", "N")):
        return 0
    if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf":
        level = _gb2312_level(to_simplified_char(ch))
        return {1: 0, 2: 2, 3: 5}[level]
    return 3


def text_rarity(text: str) -> int:
    return sum(char_rarity(c) for c in text)


def encode_run(run: str) -> bytes | None:
    """The GBK bytes a garbled run was decoded from, or None if it cannot have come from GBK."""
    out = bytearray()
    for ch in run:
        ch = _ASCII_TO_FULLWIDTH.get(ch, ch)
        try:
            out += ch.encode("gbk")
        except UnicodeEncodeError:
            return None
    return bytes(out)


@lru_cache(maxsize=256)
def _best_lead_byte(first: int) -> int | None:
    """The lost lead byte that makes the most ordinary first character (punctuation wins ties)."""
    best, best_score = None, None
    for lead in range(0x81, 0xFF):
        try:
            ch = bytes([lead, first]).decode("gbk")
        except UnicodeDecodeError:
            continue
        score = char_rarity(ch) * 2 + (0 if unicodedata.category(ch)[0] in "PZ" else 1)
        if best_score is None or score < best_score:
            best, best_score = lead, score
    return best


def reread_in_step(line: str, start: int) -> tuple[int, str] | None:
    """Re-read the garbled run that starts at the lost-byte mark `line[start]`.

    Returns (end, text): `line[start:end]` should be replaced by `text`; None when no reading
    makes the line more ordinary than it was. The run is decoded incrementally, so the cost is
    linear in its length, and it stops at the first character that is garbage in any reading and
    at the next lost-byte mark, so that a line of marks costs no more than a line of text.
    """
    head = encode_run(line[start + 1 : start + 2])
    if not head or head[0] < 0x40:
        return None
    lead = _best_lead_byte(head[0])
    if lead is None:
        return None
    decoder = codecs.getincrementaldecoder("gbk")()
    decoder.decode(bytes([lead]))
    text, garbled_rarity, text_rarity_sum = "", char_rarity(line[start]), 0
    best: tuple[int, int, str] | None = None  # (change in rarity, end, text)
    for end in range(start + 2, min(len(line), start + _MAX_RUN) + 1):
        ch = line[end - 1]
        if ch in LOST_BYTE_MARKS and end - 1 > start + 1:
            break  # bytes were lost again: the reading from this mark cannot go past the next one
        raw = encode_run(ch)
        if raw is None:
            break
        garbled_rarity += char_rarity(ch)
        try:
            piece = decoder.decode(raw)
        except UnicodeDecodeError:
            break
        if any(char_rarity(c) > 2 for c in piece):
            break  # a reading with garbage in it is no reading, and longer ones contain it too
        text += piece
        text_rarity_sum += text_rarity(piece)
        if decoder.getstate()[0]:
            continue  # half a character pending: not a place where the run can end
        change = text_rarity_sum - garbled_rarity
        if best is None or change < best[0]:
            best = (change, end, text)
    if best is None or best[0] >= 0:
        return None
    end, text = best[1], best[2].lstrip("\u3000 ")
    if not brackets_balanced(text + line[end : end + 2000]):
        return None  # a plausible-looking reading that tore a bracket pair apart also lost bytes
    return end, text


# Each pair of brackets a reading must not tear apart, with the ASCII parentheses a page may use.
_BRACKET_PAIRS = (("（(", "）)"), ("“", "”"), ("《", "》"), ("【", "】"))


def brackets_balanced(text: str) -> bool:
    # Counted, not translated a character at a time: a re-reading checks the 2,000 characters after it.
    return all(sum(map(text.count, opening)) == sum(map(text.count, closing)) for opening, closing in _BRACKET_PAIRS)


# A lost-byte mark followed by what can be the second byte of a GBK pair.
_MARK_IN_HAN = re.compile(r"[?\ufffd](?=[^\x00-\x3e\s]|[,.;:!?()])")


def repair_misread_gbk(text: str, accept=lambda garbled, repaired: True, review=None) -> tuple[str, list[Repair]]:
    """Re-read every garbled run in `text`; return the new text and a record of each repair.
    A reading that `accept` (the byte verifier) rejects is not applied. `review(line, start, found)`
    sees the in-step reading of the run at `start` ((end, text) or None) and returns the reading
    to apply, its own when it has a better one."""
    repairs: list[Repair] = []
    out_lines = []
    for number, line in enumerate(text.split("\n"), start=1):
        pos = 0
        while (m := _MARK_IN_HAN.search(line, pos)) is not None:
            found = reread_in_step(line, m.start())
            if found is not None and not accept(line[m.start() : found[0]], found[1]):
                found = None
            if review is not None:
                found = review(line, m.start(), found)
            if found is None:
                pos = m.start() + 1
                continue
            end, fixed = found
            repairs.append(Repair(number, line[m.start() : end], fixed, "re-read in step"))
            line = line[: m.start()] + fixed + line[end:]
            pos = m.start() + len(fixed)
        out_lines.append(line)
    return "\n".join(out_lines), repairs
