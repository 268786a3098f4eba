"""Cleaning pass: restore the text of a scraped report, one small pure repair at a time."""

from __future__ import annotations

import importlib.util
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..content.model import Correction, Repair
from ..script import HAN, is_simplified, to_simplified
from .escapes import html_entities, literal_line_breaks, lost_spaces
from .garble import char_rarity, repair_misread_gbk
from .notes import ascii_markers
from .reread import reads_as_words, reread_lost_bytes
from .verify import CONTRADICTED, VERIFIED, strip_farm_pinyin, verify_repair

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
    readings = {syllable for value in _readings() for syllable in value.split(",")}
    return frozenset(readings | {_strip_tone(s) for s in readings})  # 1,549 readings of 41,923 characters


def _readings():
    """pypinyin's readings of each character ("reading,reading"), from the data file its module loads.
    Importing the package also loads its phrase dictionary and trains its word segmenter, a third of
    the time an import of the seed took; only a report id spelt from its place needs them (importer.py)."""
    spec = importlib.util.find_spec("pypinyin")  # found, not imported
    data = Path(spec.origin).with_name("pinyin_dict.json") if spec and spec.origin else None
    if data is None or not data.is_file():  # laid out otherwise: through the package
        from pypinyin.constants import PINYIN_DICT
        return PINYIN_DICT.values()
    return json.loads(data.read_bytes()).values()


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


_JUMP = re.compile(r"[（(](?:下转|上接|转|接)第?[一二三四五六七八九十\d]{1,3}版[）)]")


def join_page_jumps(text: str) -> str:
    """A newspaper copy continues a paragraph on another page: `…推动(下转第四版)` … `(上接第一版)高质量发展`.
    The marks go, and the continuation is joined to the paragraph it continues."""
    lines = text.split("\n")
    out: list[str] = []
    pending = None  # index in `out` of a paragraph that jumps to another page
    for line in lines:
        stripped = line.strip()
        if pending is not None and stripped.startswith(("（上接", "(上接", "（接", "(接")):
            out[pending] += _JUMP.sub("", stripped)
            pending = None
            continue
        if _JUMP.search(stripped) and stripped.endswith(("版）", "版)")):
            pending = len(out)
        out.append(_JUMP.sub("", line))
    return "\n".join(out)


_LONG_LINE = 500
_BREAK_BEFORE = re.compile(r"(?<=[。！？：])(?=(?:[一二三四五六七八九十]{1,2}、|[（(][一二三四五六七八九十]{1,2}[）)]|各位代表[，：！]|第[一二三四五六]部分))")


# A part heading names its subject in a few set words, so where it ends is known too.
_PART_HEADING = re.compile(r"(?<=[。！？：\n])([一二三四五六七八九十]{1,2}、[^，。；：]{0,16}?(?:工作回顾|工作安排|工作任务|奋斗目标|总体要求))")
# Before the salutation: the title, the occasion and the salutation each end a line.
_HEAD_BREAKS = re.compile(r"(?<=政府工作报告)(?!。)|(?<=会议上)")


def split_long_line(text: str) -> str:
    """A report copied as one long line gets its lines back: after the title, the occasion and the
    salutation; around part headings; before section headings and addresses to the deputies (a
    heading never follows anything but the end of a sentence)."""
    return "\n".join(_split_line(line) if len(line) > _LONG_LINE else line for line in text.split("\n"))


def _split_line(line: str) -> str:
    head, sep, rest = line.partition("各位代表：")
    if sep:
        line = _HEAD_BREAKS.sub("\n", head + sep) + "\n" + rest
    line = _BREAK_BEFORE.sub("\n", line)
    return _PART_HEADING.sub(lambda m: m.group(1) + "\n", line)


_SENTENCE_END = "。！？；：”）」"


def join_hard_wrapped(text: str) -> str:
    """Copies of PDFs break every line at the same width (~30 characters), mid-sentence. When most
    long lines share one width, a line of that width that does not end a sentence runs on."""
    lines = text.split("\n")
    widths = Counter(len(line) for line in lines if len(line) >= 15)
    if not widths:
        return text
    width, count = widths.most_common(1)[0]
    near = sum(n for w, n in widths.items() if abs(w - width) <= 1)
    if near < 8 or near < 0.5 * sum(widths.values()):
        return text
    out: list[str] = []
    runs_on = False
    for line in lines:
        if runs_on:
            out[-1] += line
        else:
            out.append(line)
        runs_on = len(line) >= width - 1 and not line.endswith(tuple(_SENTENCE_END))
    return "\n".join(out)


def _verified(garbled: str, repaired: str) -> bool:
    """A reading made from guessed bytes is kept only when the surviving bytes confirm it."""
    return verify_repair(garbled, repaired).status == VERIFIED


def second_reading(line: str, start: int, found: tuple[int, str] | None) -> tuple[int, str] | None:
    """The in-step reading of the run at `line[start]` when it reads as words; otherwise the second
    reader's (script conversion undone, lost bytes filled), if it has one the verifier confirms."""
    # The pinyin of a re-read character is still there: 。現(xiàn)在 is 现在.
    if found is not None and reads_as_words(to_simplified(found[1]), line[max(0, start - 8) : start], strip_farm_pinyin(line[found[0] : found[0] + 16])):
        return found
    return reread_lost_bytes(line, start, accept=_verified)


def _near_garble(line: str, start: int, end: int) -> bool:
    """Question marks beside characters that read as garbage are lost bytes, not lost spaces."""
    return any(char_rarity(c) >= 5 for c in line[max(0, start - 2) : start] + line[end : end + 2] if c != "?")


def clean(text: str, corrections: list[Correction] = ()) -> Cleaned:
    """Apply every repair in order: recorded corrections, re-reading, pinyin, script, punctuation."""
    text = normalize_newlines(literal_line_breaks(text))
    text = html_entities(text)
    text, recorded, unmatched = apply_corrections(text, list(corrections))
    # Pinyin first: a farm annotated the garbage too (竅(qiào)), and the annotation holds no bytes.
    text = strip_pinyin(text)
    text, automatic = repair_misread_gbk(text, accept=lambda garbled, repaired: verify_repair(garbled, repaired).status != CONTRADICTED,
                                         review=second_reading)
    text = strip_pinyin(text)  # and again for what the re-reading restored: 現(xiàn)
    text = lost_spaces(text, garbled=_near_garble)
    text = to_report_script(text)
    text = fullwidth_punctuation(text)
    text = ascii_markers(text)
    text = join_page_jumps(text)
    text = split_long_line(text)
    text = tidy_whitespace(text)
    text = join_hard_wrapped(text)
    repairs = sorted(recorded + automatic, key=lambda r: (r.line, r.garbled))
    return Cleaned(text, tuple(repairs), tuple(unmatched))
