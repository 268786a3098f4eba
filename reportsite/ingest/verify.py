"""Verifying pass: does a repair of a garbled span agree with every byte of it that survived?

A span garbled by reading GBK one byte out of step still carries the page's bytes: the repaired
text, encoded the way the page was (GB18030, in the page's script) and misread the same way, must
reproduce each surviving character of the span. A lost-byte mark (`?`, U+FFFD) stands for one to
three bytes that are gone; a byte pair GBK cannot read vanished from the farm's copy unmarked;
pinyin that a content farm attached to the garbage carries no bytes. A repair that contradicts a
surviving byte is wrong however plausible it reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ..content.model import Correction, Repair
from ..script import converter
from .garble import LOST_BYTE_MARKS

VERIFIED, CONTRADICTED, UNVERIFIABLE = "verified", "contradicted", "unverifiable"

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
# The farm annotated misread characters too, `經(jīng)`; when the character became `?` the
# annotation's opening bracket sometimes went with it (`?jīng)_`).
_FARM_PINYIN = re.compile(rf"\(?[a-z{_TONED}]*[{_TONED}][a-z{_TONED}]*\)|\([a-z]{{1,6}}\)")
_FOLDED = {c: chr(ord(c) + 0xFEE0) for c in ",.;:!()[]"}
# Scripts the page may have been in: the report's own, and the Traditional forms farms convert to.
_PROFILES = ("s2t", "s2tw", "s2hk")


@dataclass(frozen=True)
class Verdict:
    status: str  # verified | contradicted | unverifiable
    at: str = ""  # for a contradiction: the first surviving character the repair cannot produce

    def __str__(self) -> str:
        return f"{self.status} (at {self.at})" if self.at else self.status


def strip_farm_pinyin(garbled: str) -> str:
    """`?;A(chǔ)` -> `?;A`: the annotation was added after the damage and holds none of the page's bytes."""
    return _FARM_PINYIN.sub("", garbled)


LOST = b""  # stands for a lost-byte mark among a character's byte strings: one to three bytes gone
_MAX_READINGS = 256


@lru_cache(maxsize=None)
def vanishes(pair: bytes) -> bool:
    """A byte pair GBK cannot read (user-defined rows, unassigned codes): read out of step it
    decodes to nothing, and the farm's copy simply lost it without a mark."""
    if len(pair) != 2 or pair[0] < 0x81:
        return False
    try:
        pair.decode("gbk")
        return False
    except UnicodeDecodeError:
        return True


def char_bytes(ch: str, first: bool) -> list[bytes]:
    """The byte strings a garbled character can stand for (LOST among them for a lost-byte mark),
    or [] for a character GB18030 cannot hold. A `?` after the first may also be a folded `？`;
    a character the farm converted to Traditional may stand for its Simplified form."""
    if ch in LOST_BYTE_MARKS and (first or ch != "?"):
        return [LOST]
    options = {LOST} if ch == "?" else set()
    for form in {ch, _FOLDED.get(ch, ch), "？" if ch == "?" else ch, *simplified_sources(ch)}:
        try:
            options.add(form.encode("gb18030"))
        except UnicodeEncodeError:
            return []
    return sorted(options)


def _step(token: list[bytes], page: bytes, starts: set[int], last: bool) -> set[int]:
    """The byte offsets where the page can stand after one more garbled character, from `starts`.
    Up to two vanished pairs may come first; the last character may end in the byte after the text."""
    ends = set()
    for start in starts:
        at = [start]
        while len(at) < 3 and vanishes(page[at[-1] : at[-1] + 2]):
            at.append(at[-1] + 2)
        for pos in at:
            for option in token:
                if option == LOST:
                    ends.update(pos + n for n in (1, 2, 3) if pos + n <= len(page))
                elif page.startswith(option, pos) or (last and len(option) > 1 and page[pos:] == option[:-1]):
                    ends.add(min(pos + len(option), len(page)))
    return ends


def _reach(tokens: list[list[bytes]], page: bytes) -> tuple[int, bool]:
    """(how many garbled characters, from the start, line up with the page's bytes; whether all of
    them do and end exactly where the page ends)."""
    positions = {0}
    for i, token in enumerate(tokens):
        nxt = _step(token, page, positions, last=i == len(tokens) - 1)
        if not nxt:
            return i, False
        positions = nxt
    # A span at the end of a line ends in a lead byte with no byte after it, which vanished unmarked.
    return len(tokens), len(page) in positions or (len(page) - 1 in positions and page[-2] >= 0x81)


@lru_cache(maxsize=1)
def _traditional_forms() -> dict[str, frozenset[str]]:
    """Simplified character -> every GBK character that converts to it (冲 -> 沖, 衝)."""
    chars = [c for c in (bytes([a, b]).decode("gbk", "ignore") for a in range(0x81, 0xFF) for b in range(0x40, 0xFF)) if len(c) == 1]
    forms: dict[str, set[str]] = {}
    for profile in ("t2s", "tw2s", "hk2s"):
        for t, s in zip(chars, converter(profile).convert("\n".join(chars)).split("\n")):
            if len(s) == 1 and s != t:
                forms.setdefault(s, set()).add(t)
    return {s: frozenset(ts) for s, ts in forms.items()}


@lru_cache(maxsize=1)
def _simplified_forms() -> dict[str, frozenset[str]]:
    forms: dict[str, set[str]] = {}
    for s, ts in _traditional_forms().items():
        for t in ts:
            forms.setdefault(t, set()).add(s)
    return {t: frozenset(ss) for t, ss in forms.items()}


def simplified_sources(ch: str) -> frozenset[str]:
    """The Simplified characters a farm's conversion to Traditional turns into `ch` (竅 <- 窍): a
    garbled character the farm converted stands for the bytes of one of them."""
    return _simplified_forms().get(ch, frozenset())


def _texts(repaired: str) -> set[str]:
    """The repaired text as the page may have written it: whole-text conversions, and when few
    characters have other forms, every combination of their forms."""
    texts = {repaired, *(converter(p).convert(repaired) for p in _PROFILES)}
    forms = _traditional_forms()
    combos = [""]
    for ch in repaired:
        options = [ch, *sorted(forms.get(ch, ()))]
        if len(combos) * len(options) > _MAX_READINGS:
            return texts
        combos = [c + o for c in combos for o in options]
    return texts | set(combos)


@lru_cache(maxsize=4096)
def page_readings(repaired: str) -> tuple[bytes, ...]:
    """The bytes the repaired text may have had on the page: its own script or a Traditional one,
    with full-width punctuation or ASCII, and possibly the ideographic indent a re-reading drops."""
    texts = _texts(repaired)
    texts |= {t.translate(str.maketrans({v: k for k, v in _FOLDED.items()})) for t in texts}
    out = set()
    for text in texts:
        for lead in ("", "\u3000"):
            try:
                out.add((lead + text).encode("gb18030"))
            except UnicodeEncodeError:
                continue
    return tuple(sorted(out))


def verify_repair(garbled: str, repaired: str) -> Verdict:
    """`verified` when some reading of the repaired text reproduces every surviving byte,
    `contradicted` (naming the first character no reading can produce) when none does, and
    `unverifiable` when no byte survived or the span cannot have come from GBK."""
    chars = strip_farm_pinyin(garbled)
    tokens = [char_bytes(ch, i == 0) for i, ch in enumerate(chars)]
    pages = page_readings(repaired)
    if not pages or any(t == [] for t in tokens) or all(t == [LOST] for t in tokens):
        return Verdict(UNVERIFIABLE)
    reaches = [_reach(tokens, page) for page in pages]
    if any(whole for _, whole in reaches):
        return Verdict(VERIFIED)
    reach = max(n for n, _ in reaches)
    if reach == len(tokens):
        return Verdict(CONTRADICTED, "the end: the repair is longer than the bytes that survived")
    return Verdict(CONTRADICTED, f"{chars[reach]!r}, character {reach + 1} of {len(chars)}")


def with_verdicts(repairs: tuple[Repair, ...]) -> tuple[Repair, ...]:
    """Every repair with the verifier's verdict on it."""
    return tuple(replace(r, verdict=str(verify_repair(r.garbled, r.repaired))) for r in repairs)


def contradicted_corrections(corrections: list[Correction]) -> list[tuple[Correction, Verdict]]:
    """The reviewed corrections that the surviving bytes contradict, with the verdict on each."""
    verdicts = [(c, verify_repair(c.garbled, c.repaired)) for c in corrections]
    return [(c, v) for c, v in verdicts if v.status == CONTRADICTED]
