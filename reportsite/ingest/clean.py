"""Cleaning pass: restore the text of a scraped report, one small pure repair at a time."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..model import Correction, Repair
from ..script import is_simplified, to_simplified
from .garble import repair_misread_gbk

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_RE = re.compile(f"[{HAN}]")


@dataclass(frozen=True)
class Cleaned:
    text: str
    repairs: tuple[Repair, ...]
    unmatched: tuple[Correction, ...]  # corrections whose garbled text was not found exactly once


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")


def apply_corrections(text: str, corrections: list[Correction]) -> tuple[str, list[Repair], list[Correction]]:
    """Apply each recorded correction whose garbled text occurs exactly once; report the others."""
    repairs, unmatched = [], []
    for c in corrections:
        if text.count(c.garbled) != 1:
            unmatched.append(c)
            continue
        line = text[: text.index(c.garbled)].count("\n") + 1
        text = text.replace(c.garbled, c.repaired)
        repairs.append(Repair(line, c.garbled, c.repaired, "recorded correction", c.note))
    return text, repairs, unmatched


@lru_cache(maxsize=1)
def _pinyin_syllables() -> frozenset[str]:
    """Every reading pypinyin knows, tone-marked and toneless: the inventory of real syllables."""
    from pypinyin.constants import PINYIN_DICT  # 0.25 s to load: only imports pay for it
    readings = set()
    for value in PINYIN_DICT.values():
        for syllable in value.split(","):
            readings.add(syllable)
            readings.add(_strip_tone(syllable))
    return frozenset(readings)


def _strip_tone(syllable: str) -> str:
    decomposed = unicodedata.normalize("NFD", syllable)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c != "\u0304" and not "\u0300" <= c <= "\u030c" or c == "\u0308"))


_ANNOTATION = re.compile(r"(?<=[" + HAN + r"])\(([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7})\)")


def strip_pinyin(text: str) -> str:
    """Remove pinyin annotations a content farm put after characters: `發(fā)展` -> `發展`.

    Only a parenthesised single syllable right after a Chinese character goes; `(市、區)` stays.
    """
    syllables = _pinyin_syllables()
    return _ANNOTATION.sub(lambda m: "" if m.group(1).lower() in syllables else m.group(0), text)


def to_report_script(text: str) -> str:
    """Bring Traditional characters back to the Simplified script the report was published in.

    Line by line: a line already in Simplified is left alone, because the Taiwan-aware conversion
    that scraped Traditional copies need would also turn the 著 of its 显著 into 着.
    """
    return "\n".join(line if is_simplified(line) else to_simplified(line) for line in text.split("\n"))


_FULLWIDTH = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}
_PUNCT_NEAR_HAN = re.compile(f"(?<=[{HAN}“”）])([,;:!?])|([,;:!?])(?=[{HAN}“（])")
_PARENS = re.compile(r"\(([^()\n]*)\)")


def _in_chinese(m: re.Match) -> bool:
    """Brackets that hold Chinese or touch it, like the (PPP) of 合作(PPP)项目, belong to Chinese text."""
    around = m.string[max(0, m.start() - 1) : m.start()] + m.group(1) + m.string[m.end() : m.end() + 1]
    return _HAN_RE.search(around) is not None


def fullwidth_punctuation(text: str) -> str:
    """Punctuation inside Chinese text becomes full-width; `08:34`, `1,000` and `2.5` stay as they are."""
    text = _PARENS.sub(lambda m: f"（{m.group(1)}）" if _in_chinese(m) else m.group(0), text)
    return _PUNCT_NEAR_HAN.sub(lambda m: _FULLWIDTH[m.group(1) or m.group(2)], text)


_SPACES = re.compile(r"[ \t\u00a0\u3000]+")


def tidy_whitespace(text: str) -> str:
    """Trim each line (including ideographic indents) and drop blank lines; keep spaces between Latin words."""
    lines = []
    for line in text.split("\n"):
        line = _SPACES.sub(" ", line).strip()
        line = re.sub(f"(?<=[{HAN}，。；：！？、“”（）]) (?=[{HAN}，。；：！？、“”（）])", "", line)
        if line:
            lines.append(line)
    return "\n".join(lines)


def clean(text: str, corrections: list[Correction] = ()) -> Cleaned:
    """Apply every repair in order: recorded corrections, re-reading, pinyin, script, punctuation."""
    text = normalize_newlines(text)
    text, recorded, unmatched = apply_corrections(text, list(corrections))
    text, automatic = repair_misread_gbk(text)
    text = strip_pinyin(text)
    text = to_report_script(text)
    text = fullwidth_punctuation(text)
    text = tidy_whitespace(text)
    repairs = sorted(recorded + automatic, key=lambda r: (r.line, r.garbled))
    return Cleaned(text, tuple(repairs), tuple(unmatched))
