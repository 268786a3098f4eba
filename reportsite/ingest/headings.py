"""Headings pass: which lines head the parts and sections of a report, and which grammar of
headings a report follows (numbered parts; bare part headings, with 一、 under them as sections or
not; a news rewrite's headlines)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from ..content.model import CN_DIGITS
from ..script import HAN

CN_NUMERAL = f"[{CN_DIGITS}十]{{1,3}}"
_CN_NUMBER = re.compile(f"([{CN_DIGITS}])?(十)?([{CN_DIGITS}])?")

_PART = re.compile(rf"^(?:第({CN_NUMERAL})部分|({CN_NUMERAL})、)\s*(.{{1,40}})$")
# Part headings written as bare lines, without a number: 2022年工作回顾, 今后五年的奋斗目标.
_BARE_PART = re.compile(
    rf"^(?:(?:\d{{4}}年|[〇零{CN_DIGITS}]{{4}}年|过去[{CN_DIGITS}十]年|今后[{CN_DIGITS}十]年|新的一年|本届政府)[^，。；：]{{0,10}}?"
    r"(?:工作回顾|工作安排|工作任务|奋斗目标|目标任务|主要目标|主要任务|主要工作|总体要求|重点工作)"
    r"|[^，。；：]{0,6}(?:政府自身建设|人民满意的政府))$"
)
# A news rewrite heads its parts with short headlines: 阔步迈上新征程.
_HEADLINE = re.compile(rf"^[^，。；：！？、“”（）(]{{4,20}}$")
_CONTENTS = re.compile(r"^目\s*录$")
SECTION = re.compile(rf"^[（(]({CN_NUMERAL})[）)]\s*(.+)$")
_ARABIC_SECTION = re.compile(r"^(\d{1,2})[.．、]\s*(?=[" + HAN + r"])(.+)$")
_SENTENCE = re.compile(r"[^。！？]*[。！？]|[^。！？]+$")


def cn_number(text: str) -> int:
    """一 -> 1, 十 -> 10, 十二 -> 12, 二十三 -> 23; 0 for what CN_NUMERAL matches but is no number
    (十十, 二二, 十二十)."""
    m = _CN_NUMBER.fullmatch(text)
    if m is None:
        return 0
    first, ten, ones = m.groups()
    value = lambda digit: CN_DIGITS.index(digit) + 1 if digit else 0
    if ten:
        return (value(first) or 1) * 10 + value(ones)
    return 0 if ones else value(first)  # 二二 is no numeral


def han_count(text: str) -> int:
    return len(re.findall(f"[{HAN}]", text))


def split_sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.findall(text) if s]


def _heading_title(text: str) -> str:
    return text.strip().rstrip("。：:")


def _section_heading(line: str, expected: int) -> tuple[str, str, str] | None:
    """(title, style, body) if `line` opens section number `expected`, else None."""
    m = SECTION.match(line) or _ARABIC_SECTION.match(line)
    if not m:
        return None
    number = int(m.group(1)) if m.group(1).isdigit() else cn_number(m.group(1))
    if number != expected:
        return None
    rest = m.group(2)
    first = split_sentences(rest)[0]
    if len(first) < len(rest) and first.endswith("。"):
        return _heading_title(first), "inline", rest[len(first) :]
    if len(rest) > 80:
        return None  # prose that happens to open with a number
    return _heading_title(rest), "line", ""


def _part_number(line: str) -> tuple[int, str] | None:
    """(number, title) of a numbered part heading (一、…, 第一部分…)."""
    m = _PART.match(line)
    if m and not line.endswith("。"):
        return cn_number(m.group(1) or m.group(2)), _heading_title(m.group(3))
    return None


def drop_table_of_contents(lines: list[str]) -> list[str]:
    """Leave out a table of contents printed at the top (目录, then 一、…二、… with （一）…), which
    repeats the part headings before the body does: the run of heading lines from the first 一、,
    when another 一、 follows."""
    firsts = [i for i, line in enumerate(lines) if (n := _part_number(line)) and n[0] == 1]
    if len(firsts) < 2:
        return lines
    start = end = firsts[0]
    while end < firsts[1] and (_part_number(lines[end]) or (SECTION.match(lines[end]) and len(lines[end]) <= 40)):
        end += 1
    if end - start < 2:
        return lines
    if start and _CONTENTS.match(lines[start - 1]):
        start -= 1
    return lines[:start] + lines[end:]


def numbered_part(line: str, expected: int) -> str | None:
    """The title if `line` opens part number `expected`: 一、…, 第一部分…."""
    found = _part_number(line)
    return found[1] if found and found[0] == expected else None


def bare_part(line: str, expected: int) -> str | None:
    """The title of a part heading written without a number: 2022年工作回顾, 加强政府自身建设."""
    return _heading_title(line) if _BARE_PART.match(line) else None


def headline_part(line: str, expected: int) -> str | None:
    """A news article's headline over a run of paragraphs."""
    return line if _HEADLINE.match(line) and han_count(line) >= 4 and not SECTION.match(line) else None


def numbered_section(line: str, expected: int) -> tuple[str, str, str] | None:
    """一、… as a section, under a bare part heading (2005年主要任务, then 一、…十、)."""
    title = numbered_part(line, expected)
    return (title, "line", "") if title is not None else None


@dataclass(frozen=True)
class Grammar:
    """Which lines head the parts and the sections of a report."""

    part: Callable[[str, int], str | None]
    section: Callable[[str, int], tuple[str, str, str] | None]


NUMBERED = Grammar(numbered_part, _section_heading)
BARE = Grammar(bare_part, _section_heading)
BARE_OVER_NUMBERED = Grammar(bare_part, numbered_section)
HEADLINES = Grammar(headline_part, _section_heading)


def is_part_heading(line: str) -> bool:
    """A line that could open a report's first part, numbered or bare."""
    return numbered_part(line, 1) is not None or bare_part(line, 1) is not None


def choose_grammar(lines: list[str]) -> Grammar:
    """Numbered parts; or bare part headings, with 一、… under them as sections when the first bare
    heading comes before the first 一、; or bare part headings alone."""
    first_numbered = next((i for i, line in enumerate(lines) if numbered_part(line, 1) is not None), None)
    bares = [i for i, line in enumerate(lines) if _BARE_PART.match(line)]
    if first_numbered is None:
        return BARE
    if len(bares) >= 2 and bares[0] < first_numbered:
        return BARE_OVER_NUMBERED
    return NUMBERED
