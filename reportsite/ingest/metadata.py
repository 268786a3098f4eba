"""Metadata pass: the report's place, province and year, from every line that states them.

Reports name their place and year in the title (`2023年稷山县政府工作报告`, `(山西省)闻喜县2023年…`),
the occasion line (`——2023年1月10日在新绛县第十七届人民代表大会第三次会议上`), the speaker line
(`垣曲县人民政府县长 王某某`), the opening (`我代表平陆县人民政府`) and the part headings (the 2023
report reviews `2022年工作` and plans `2023年工作`). Each is evidence; the answer is what most of it
agrees on. A masked (`**县`, `20XX年`) or missing value leaves the field empty with a warning: a
wrong guess would be published as fact.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .clean import HAN
from .garble import char_rarity
from .gazetteer import LEVELS, current_name, level_of, lookup, places, split_prefecture

# A place: a few Chinese characters ending in an administrative suffix (县, 市, 区, 自治县, 旗 …).
_PLACE = rf"[{HAN}]{{1,12}}?(?:自治县|自治州|新区|县|市|区|旗|州|盟)"
_MASK = r"(?:[*＊×xX某]{1,4})"
_MASKED_PLACE = re.compile(rf"{_MASK}(?:县|市|区|旗)")
_MASKED_YEAR = re.compile(r"20[Xx×＊*]{2}年")
_PROVINCE = re.compile(rf"^[（(]?([{HAN}]{{2,8}}?(?:省|自治区))[）)]?")
_TITLE = re.compile(rf"^[（(]?(?:[{HAN}]{{2,8}}?(?:省|自治区))?[）)]?\s*(?:(\d{{4}})年)?\s*({_PLACE})?\s*(?:(\d{{4}})年(?:度)?)?\s*(?:人民)?政府工作报告")
_OCCASION = re.compile(rf"(\d{{4}})年\d{{1,2}}月\d{{1,2}}日在({_PLACE})第")
_SPEAKER = re.compile(rf"^({_PLACE})人民政府")
_OPENING = re.compile(rf"我代表({_PLACE})(?:第[{HAN}]{{1,4}}届)?人民政府")
_REVIEW = re.compile(r"^(?:一、)?(\d{4})年(?:工作)?回顾")
_GOALS_YEAR = re.compile(r"(\d{4})年[^。；]{0,30}?主要预期目标")
_PLAN = re.compile(r"^(?:[一二三四五六]、)?(\d{4})年(?:工作|主要)(?:安排|任务|目标)")


# The review names the year just past: 刚刚过去的2016年, in the 2017 report.
_PAST_YEAR = re.compile(r"刚刚过去的(\d{4})年")
_DELIVERED = re.compile(r"^(\d{4})-(\d{2})")
_MENTIONS_MIN = 3  # a place the text names this often, and more than any other, is its own


@dataclass(frozen=True)
class PlaceAndYear:
    place: str
    province: str
    year: int | None
    warnings: tuple[str, ...]
    prefecture: str = ""
    level: str = ""
    place_id: str = ""  # the id stem: a renamed place (清苑县, 清苑区) keeps one
    named: str = ""  # the name the report gives its place, when the place has since been renamed


def _agreed(votes: list[tuple[str, object]], field: str) -> tuple[object | None, list[str]]:
    """The value most sources give, and a warning naming the sources that disagree."""
    if not votes:
        return None, []
    counts = Counter(value for _, value in votes)
    value = counts.most_common(1)[0][0]
    others = sorted({f"{source} says {other}" for source, other in votes if other != value})
    return value, [f"{field}: the sources disagree ({'; '.join(others)}); kept {value}"] if others else []


def place_votes(title: str, occasion: str, speaker: str, opening: str) -> list[tuple[str, str]]:
    """Each source's place; a name with garbled characters in it is no evidence."""
    votes = []
    if (m := _TITLE.match(title)) and m.group(2):
        votes.append(("the title", _without_province(m.group(2))))
    if m := _OCCASION.search(occasion):
        votes.append(("the occasion line", m.group(2)))
    if m := _SPEAKER.match(speaker):
        votes.append(("the speaker line", m.group(1)))
    if m := _OPENING.search(opening):
        votes.append(("the opening", m.group(1)))
    return [(source, split_prefecture(place)[1]) for source, place in votes if max(map(char_rarity, place)) < 5]


@lru_cache(maxsize=1)
def _mention_pattern() -> re.Pattern:
    shorts = sorted({p.short for p in places().values()}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, shorts)))


def mention_vote(body: str, year: int | None = None) -> list[tuple[str, str]]:
    """The known place the text names most often (和谐清苑, 容城更加美好), when it clearly leads; a
    renamed place (清苑县, 清苑区) by the name it had in the report's year."""
    counts = Counter(_mention_pattern().findall(body))
    ranked = [(short, n) for short, n in counts.most_common() if any(p.level in LEVELS for p in _by_short(short))][:2]
    if not ranked or ranked[0][1] < _MENTIONS_MIN or (len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]):
        return []
    names = [p.name for p in _by_short(ranked[0][0]) if len(_by_short(ranked[0][0])) == 1 or (year and p.named_in(year))]
    return [("the text's mentions", names[0])] if len(names) == 1 else []


def _by_short(short: str) -> list:
    return [p for p in places().values() if p.short == short]


def _without_province(place: str) -> str:
    return re.sub(rf"^[{HAN}]{{2,8}}?(?:省|自治区)", "", place)


def year_votes(title: str, occasion: str, part_titles: list[str], goals: str = "", delivered: str = "") -> list[tuple[str, int]]:
    """The plan year: a report delivered in January 2023 is the 2023 report and reviews 2022."""
    votes = []
    if (m := _DELIVERED.match(delivered)) and not _OCCASION.search(occasion):
        votes.append(("the delivery date", int(m.group(1))))
    if m := _GOALS_YEAR.search(goals):
        votes.append(("the goals sentence", int(m.group(1))))
    if m := _TITLE.match(title):
        if year := m.group(1) or m.group(3):
            votes.append(("the title", int(year)))
    if m := _OCCASION.search(occasion) or re.search(r"(\d{4})年\d{1,2}月\d{1,2}日", occasion):
        votes.append(("the occasion line", int(m.group(1))))
    for part in part_titles:
        if m := _REVIEW.match(part):
            votes.append(("the review heading", int(m.group(1)) + 1))
        elif m := _PLAN.match(part):
            votes.append(("the plan heading", int(m.group(1))))
    return votes


def province_of(title: str, occasion: str) -> str:
    for text in (title, occasion):
        if m := _PROVINCE.match(text):
            return m.group(1)
    return ""


def find_place_and_year(title: str, occasion: str, speaker: str, opening: str, part_titles: list[str], goals: str = "",
                        *, titles: tuple[str, ...] = (), delivered: str = "", body: str = "") -> PlaceAndYear:
    """Gather the evidence and reconcile it; masked or missing values stay empty, with a warning.
    `titles` are other titles the page gives (a scraper's, a portal's); `body` is searched for the
    place the text names most often, which counts only when no line states the place."""
    warnings: list[str] = []
    year_evidence = year_votes(title, occasion, part_titles, goals, delivered)
    year_evidence += [v for t in titles for v in year_votes(t, "", [])]
    if m := _PAST_YEAR.search(body):
        year_evidence.append(("the review's first sentence", int(m.group(1)) + 1))
    year, disagree = _agreed(year_evidence, "year")
    warnings += disagree
    if year is None:
        masked = any(_MASKED_YEAR.search(text) for text in (title, occasion, *part_titles))
        warnings.append("year: masked in the text (20XX年); left empty" if masked else "year: not stated in the title, occasion line or part headings; left empty")
    votes = [v for t in (title, *titles) for v in place_votes(t, "", "", "")] + place_votes("", occasion, speaker, opening)
    place, disagree = _agreed(votes or mention_vote(body, year), "place")
    warnings[:0] = disagree
    if place is None:
        masked = any(_MASKED_PLACE.search(text) for text in (title, occasion, speaker, opening))
        warnings.insert(0, "place: masked in the text (**县); left empty" if masked else "place: not named in the title, occasion, speaker line or opening; left empty")
    named = str(place or "")
    place = current_name(named)
    known = lookup(named)
    prefecture = known.prefecture if known else next((split_prefecture(_named(t))[0] for t in (title, *titles, occasion, speaker) if split_prefecture(_named(t))[0]), "")
    province = province_of(title, occasion) or (known.province if known else "")
    return PlaceAndYear(place, province, year, tuple(warnings), prefecture, level_of(named), known.id if known else "",
                        named if named != place else "")


def _named(text: str) -> str:
    """The place as a line names it, prefecture and all (保定市清苑区2022年… -> 保定市清苑区)."""
    m = _TITLE.match(text) or _OCCASION.search(text) or _SPEAKER.match(text)
    if not m:
        return ""
    return next((g for g in m.groups() if g and not g.isdigit()), "")
