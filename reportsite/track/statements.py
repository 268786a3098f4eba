"""Reading pass: the headline figures a report states about last year, in its own words.

A report's review says `预计全区地区生产总值完成160.5亿元，同比增长7%`; this pass finds each indicator the
vocabulary names and the level and growth rate that follow it, up to the next indicator or the end of the
clause, with the word that makes it an estimate and the sentence and paragraph it stands in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..content.model import Report
from ..content.vocabulary import Mention, Vocabulary

_NUMBER = r"\d+(?:\.\d+)?"
_LEVEL_UNIT = r"亿元|万元|元|亿美元|万美元|美元|万吨|吨|%"
_LEVELS = re.compile(rf"^[^%；;]*?(?:完成|实现|达到|为|至)\s*(?P<vals>{_NUMBER}(?:{_LEVEL_UNIT})?(?:\s*[、和与及]\s*{_NUMBER}(?:{_LEVEL_UNIT})?)*)")
_GROWTHS = re.compile(
    rf"(?:同比|比上年)?(?P<each>分别|均|各)?(?:同比|比上年)?(?P<dir>增长|下降|增加|减少)"
    rf"(?P<vals>{_NUMBER}%?(?:左右|以上)?(?:\s*[、和与及]\s*{_NUMBER}%?(?:左右|以上)?)*)"
)
_VALUE = re.compile(rf"(?P<num>{_NUMBER})(?P<unit>{_LEVEL_UNIT})?(?P<q>左右|以上)?")
_GOALS_LEAD = re.compile(r"(?:预期|主要)目标")
_YEAR = re.compile(r"(?<!\d)(\d{4})年")


@dataclass(frozen=True)
class Figure:
    value: float
    unit: str  # '' for a growth rate (percent)
    qualifier: str = ""


@dataclass(frozen=True)
class Statement:
    """What one sentence of a report states about one indicator."""

    key: str
    level: Figure | None
    growth: Figure | None
    estimate: str  # 预计, 初步预计 … or ''
    comparable: bool  # 可比增长, 扣除留抵退税因素
    sentence: str
    paragraph: str
    in_review: bool  # stated in the part that reviews last year (or before the year's goals); in a part that
    # reviews five years, only where the sentence names last year
    years: tuple[int, ...]  # the years the sentence names


def _figures(text: str) -> list[Figure]:
    out, unit = [], ""
    for m in reversed(list(_VALUE.finditer(text))):  # '38506、23294元': a unit written once counts for each
        unit = m.group("unit") or unit
        out.insert(0, Figure(float(m.group("num")), "" if unit == "%" else unit, m.group("q") or ""))
    return out


def _segments(sentence: str, mentions: list[Mention]):
    """Each mention with the text that speaks about it: up to the next mention or the end of the clause."""
    for i, m in enumerate(mentions):
        end = mentions[i + 1].start if i + 1 < len(mentions) else len(sentence)
        stop = re.search(r"[；;]", sentence[m.end : end])
        yield m, sentence[m.end : m.end + stop.start() if stop else end], m.end


def read_segment(keys: tuple[str, ...], segment: str) -> list[tuple[str, Figure | None, Figure | None]]:
    """'完成160.5亿元，同比增长7%' -> [(key, level, growth)]; a joined name gets one pair per key."""
    levels = _LEVELS.match(segment)
    level_figs = [f for f in _figures(levels.group("vals")) if f.unit] if levels else []
    growth = _GROWTHS.search(segment)
    growth_figs = _figures(growth.group("vals")) if growth else []
    if growth and growth.group("dir") in ("下降", "减少"):
        growth_figs = [Figure(-f.value, f.unit, f.qualifier) for f in growth_figs]
    if growth and growth.group("each") in ("均", "各") and len(growth_figs) == 1:
        growth_figs *= len(keys)
    if len(keys) > 1 and len(growth_figs) == 1 and growth and growth.group("each") == "分别":
        growth_figs *= len(keys)  # 城乡居民人均可支配收入分别增长8.5%左右: one figure for both
    out = []
    for i, key in enumerate(keys):
        level = level_figs[i] if len(level_figs) == len(keys) else None
        rate = growth_figs[i] if len(growth_figs) == len(keys) else None
        if level or rate:
            out.append((key, level, rate))
    return out


def stated_figures(report: Report, vocabulary: Vocabulary) -> list[Statement]:
    """Every headline figure the report states outside its goals sentence, in reading order."""
    year = report.meta.year or None
    out: list[Statement] = []
    goals_seen = False
    review_parts = {p.id for p in report.parts if vocabulary.is_review_part(p.title, year - 1 if year else None) and not (year and str(year) in p.title)}
    in_part = {p.id: part.id for part in report.parts for p in part.paragraphs}
    five_years = {p.id for p in report.parts if vocabulary.is_five_year_part(p.title)}
    for paragraph in report.all_paragraphs():
        for sentence in re.split(r"(?<=。)", paragraph.text):
            if _GOALS_LEAD.search(sentence):
                goals_seen = True
                continue
            if any(w in sentence for w in vocabulary.multi_year):
                continue  # five-year averages are never one year's outcome
            mentions = vocabulary.mentions(sentence)
            years = tuple(int(y) for y in _YEAR.findall(sentence)) if mentions else ()
            lead = sentence[: mentions[0].start] if mentions else ""
            quote = sentence.strip()
            for mention, segment, offset in _segments(sentence, mentions):
                for key, level, rate in read_segment(mention.keys, segment):
                    # 预计 before the first indicator speaks for all of them; after, only for its own figure.
                    own = sentence[mention.start : offset + len(segment)]
                    estimate = next((w for w in vocabulary.estimates if w in own or w in lead), "")
                    comparable = any(w in sentence[max(0, mention.start - 12) : offset + len(segment)] for w in vocabulary.comparable)
                    out.append(Statement(
                        key, level, rate, estimate, comparable, quote, paragraph.id,
                        (in_part.get(paragraph.id) in review_parts or not goals_seen)
                        and (in_part.get(paragraph.id) not in five_years or (year - 1 if year else None) in years),
                        years,
                    ))
    return out
