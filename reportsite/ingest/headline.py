"""Extraction pass, headline figures: last year's results (…完成78.9亿元，同比增长9.3%) and this year's
goals (主要预期目标是：…增长8%左右), each goal paired with the result of the same indicator."""

from __future__ import annotations

import re
from dataclasses import replace
from difflib import SequenceMatcher

from ..content.model import Paragraph, Target

NUMBER = r"\d+(?:\.\d+)?"
# Longest first, so that 万亩 wins over 亩 and 个百分点 over 个.
UNITS = sorted(
    """亿元 万元 元 平方公里 万平方米 平方米 公里 千米 万亩 亩 亿公斤 万公斤 公斤 万吨 吨 万千瓦 千瓦 兆瓦
    立方米 万立方米 蒸吨 座 个百分点 个 家 户 万人次 万人 人次 人 名 项 件 场 所 条 辆 套 台 处 间 张 批 栋 株 棵 万头 头
    只 倍 % ‰""".split(),
    key=len,
    reverse=True,
)
UNIT = "|".join(map(re.escape, UNITS))
QUALIFIER = "左右|以上|以内|以下"

# A figure starts where a run of digits starts: `(?<![\d.])` keeps the lazy name from trying every
# digit of a long run as the start of the figure, which made a line of digits quadratic.
_RESULT = re.compile(
    rf"^(?P<ind>[^，；。]*?)(?:完成|实现|达到|为)?(?:(?<![\d.])(?P<val>{NUMBER})(?P<unit>{UNIT})，?)?"
    rf"(?:同比|比上年)?(?P<dir>增长|下降)(?P<g>{NUMBER})%"
)
_RESPECTIVELY = re.compile(
    rf"^(?P<ind>[^，；。]+?)(?:分别(?:完成|实现|达到|为)(?P<vals>{NUMBER}(?:{UNIT})?(?:[、和与及]{NUMBER}(?:{UNIT})?)+)，?)?"
    rf"(?:同比|比上年)?分别(?:同比|比上年)?(?P<dir>增长|下降)(?P<gs>{NUMBER}%?(?:[、和与及]{NUMBER}%?)+)"
)
_GOAL = re.compile(
    rf"^(?P<ind>.+?)(?P<verb>增长|下降|控制在|稳定在|保持在|达到|超过|突破|实现|完成)\s*(?P<g>{NUMBER})(?P<unit>%|{UNIT})(?P<q>{QUALIFIER})?$"
)
# A draft with its figures blanked out (比上年增长%): a goal is named, its value is not to be invented.
_BLANK_GOAL = re.compile(r"^(?P<ind>.+?)(?:比上年|同比)?(?P<verb>增长|下降)%(?P<q>左右|以上|以内|以下)?$")
_RESPECTIVE_GOAL = re.compile(
    rf"^(?P<ind>.+?)分别(?P<verb>增长|下降)(?P<gs>{NUMBER}%?(?:(?:左右|以上)?[、和与及]{NUMBER}%?)*)(?P<q>左右|以上|以内|以下)?$"
)
_IN_STEP = re.compile(r"^(?P<ind>.+?)增长(?P<q>[与和同].{1,12}?同步)$")
# The sentence that announces the year's main targets (主要预期目标是：, 主要目标是：); the digest pass also knows an
# article by it.
GOALS_LEAD = re.compile(r"(?:主要预期|主要|预期)目标(?:是|为)?[：:]")
_SCOPE = re.compile(r"^(?:\d{4}年)?(?:全县|全市|全区|全省|全年|全旗)?")

# Abbreviations that name the same indicator in a report's review and its goals.
_SYNONYMS = (("规上", "规模以上"), ("社零总额", "社会消费品零售总额"), ("GDP", "地区生产总值"))


def normalize_indicator(name: str) -> str:
    name = _SCOPE.sub("", name.strip())
    for short, full in _SYNONYMS:
        name = name.replace(short, full)
    return name



def to_number(text: str) -> float | int:
    value = float(text)
    return int(value) if value.is_integer() and "." not in text else value


def signed_growth(direction: str, value: str) -> float | int:
    return -to_number(value) if direction in ("下降", "减少") else to_number(value)


def _result(text: str, name: str, value: str | None, unit: str | None, direction: str, growth: str) -> Target:
    return Target(
        "", "indicator-result", "", text, indicator=normalize_indicator(name),
        value=to_number(value) if value else None, unit=unit or "", growth=signed_growth(direction, growth),
    )


def _after_lead_in(clause: str, pattern: re.Pattern) -> tuple[str, re.Match] | None:
    """Match `pattern` after any lead-in ('2021年，', '初步核算，全年…'): at the clause's start or after a comma."""
    for start in [0, *(m.end() for m in re.finditer("，", clause))]:
        text = clause[start:].strip()
        m = pattern.match(text)
        if m and normalize_indicator(m.group("ind")):
            return text, m
    return None


def single_result(clause: str) -> list[Target]:
    """'地区生产总值完成78.9亿元，同比增长9.3%' or '规模以上工业增加值同比增长21.7%'."""
    if not (found := _after_lead_in(clause, _RESULT)):
        return []
    text, m = found
    return [_result(text, m.group("ind"), m.group("val"), m.group("unit"), m.group("dir"), m.group("g"))]


def split_joint_name(name: str, count: int) -> list[str]:
    """'城镇和农村居民人均可支配收入' -> ['城镇居民人均可支配收入', '农村居民人均可支配收入'].

    The joined words are parallel: of equal length, and sharing whatever follows the last of them.
    城乡 is the usual contraction of 城镇和农村.
    """
    name = normalize_indicator(name)
    if name.startswith("城乡") and count == 2:
        name = "城镇和农村" + name[2:]
    pieces = re.split(r"[和与及、]", name)
    width = len(pieces[0])
    if len(pieces) != count or any(len(p) != width for p in pieces[:-1]) or len(pieces[-1]) <= width:
        return []
    tail = pieces[-1][width:]
    return [p + tail for p in pieces[:-1]] + [pieces[-1]]


def respective_results(clause: str) -> list[Target]:
    """'城镇和农村居民人均可支配收入分别达到38760元、19105元，同比分别增长5.1%和7.2%'."""
    if not (found := _after_lead_in(clause, _RESPECTIVELY)):
        return []
    text, m = found
    growths = re.findall(NUMBER, m.group("gs"))
    values = re.findall(rf"({NUMBER})({UNIT})?", m.group("vals") or "") or [(None, None)] * len(growths)
    names = split_joint_name(m.group("ind"), len(growths))
    if not names or len(values) != len(growths):
        return []
    units, unit = [], None
    for _, u in reversed(values):  # '38760、19105元': a unit written once counts for every value
        unit = u or unit
        units.insert(0, unit)
    return [_result(text, n, v, u, m.group("dir"), g) for n, (v, _), u, g in zip(names, values, units, growths)]


def headline_results(paragraph: Paragraph, year: int | None) -> list[Target]:
    """Last year's headline indicators, if the paragraph reports at least three of them."""
    out = []
    for clause in re.split(r"[；。]", paragraph.text):
        # The paired form first: its second half alone ('同比分别增长5.1%') would read as a single result.
        found = respective_results(clause) or single_result(clause)
        out += [replace(t, paragraph=paragraph.id, year=year) for t in found]
    return out if len(out) >= 3 else []


def figure_goal(clause: str) -> Target | None:
    """'地区生产总值增长8%左右' (a growth goal) or '城镇调查失业率控制在5.5%以内' (a level goal)."""
    if not (m := _GOAL.match(clause)):
        return None
    is_growth = m.group("verb") in ("增长", "下降") and m.group("unit") == "%"
    return Target(
        "", "indicator", "", clause, indicator=normalize_indicator(m.group("ind")),
        value=None if is_growth else to_number(m.group("g")),
        unit="" if is_growth else m.group("unit"),
        growth=signed_growth(m.group("verb"), m.group("g")) if is_growth else None,
        qualifier=m.group("q") or "",
    )


def in_step_goal(clause: str) -> Target | None:
    """'城乡居民人均可支配收入增长与经济增长基本同步': a goal without a figure, kept as its qualifier."""
    if not (m := _IN_STEP.match(clause)):
        return None
    return Target("", "indicator", "", clause, indicator=normalize_indicator(m.group("ind")), qualifier=m.group("q"))


def blank_goal(clause: str) -> Target | None:
    """'规模以上工业增加值比上年增长%': a draft's goal whose figure was left blank; no value is made up."""
    if not (m := _BLANK_GOAL.match(clause)):
        return None
    return Target("", "indicator", "", clause, indicator=normalize_indicator(m.group("ind")), qualifier=m.group("q") or "")


def respective_goals(clause: str) -> list[Target]:
    """'城乡居民人均可支配收入分别增长7%、8.5%': one goal per joined indicator."""
    if not (m := _RESPECTIVE_GOAL.match(clause)):
        return []
    growths = re.findall(NUMBER, m.group("gs"))
    names = split_joint_name(m.group("ind"), max(len(growths), 2))
    growths *= len(names) if len(growths) == 1 else 1  # 城乡居民人均可支配收入分别增长8.5%左右: both by 8.5%
    return [
        Target("", "indicator", "", clause, indicator=name, growth=signed_growth(m.group("verb"), g), qualifier=m.group("q") or "")
        for name, g in zip(names, growths)
    ]


def each_of_joint(goal: Target) -> list[Target]:
    """'城乡居民人均可支配收入增长7%': the same growth goal for urban and for rural income."""
    names = split_joint_name(goal.indicator, 2) if goal.growth is not None else []
    return [replace(goal, indicator=name) for name in names] or [goal]


def headline_goals(paragraph: Paragraph, year: int | None) -> list[Target]:
    """This year's headline goals, from the sentence that lists the main expected targets."""
    lead = GOALS_LEAD.search(paragraph.text)
    if not lead:
        return []
    body = re.split(r"[。]", paragraph.text[lead.end() :])[0]
    out = []
    for clause in re.split(r"[，；]", body):
        goals = respective_goals(clause.strip())
        if not goals:
            pieces = [piece.strip() for piece in clause.split("、")]
            goals = [g for piece in pieces if (g := figure_goal(piece) or in_step_goal(piece) or blank_goal(piece))]
            goals = [split for goal in goals for split in each_of_joint(goal)]
        out += [replace(goal, paragraph=paragraph.id, year=year) for goal in goals]
    return out


def pair_goals_with_results(goals: list[Target], results: list[Target]) -> list[Target]:
    """Link each goal to the result of the same indicator (by name, allowing abbreviations)."""
    paired = []
    for goal in goals:
        if split_joint_name(goal.indicator, 2):
            # 城乡居民收入 was reported as two results, urban and rural: neither alone is its baseline.
            paired.append(goal)
            continue
        best, best_ratio = None, 0.6
        for result in results:
            if goal.indicator[-2:] != result.indicator[-2:]:
                continue  # 万元地区生产总值能耗 is not 地区生产总值: what is counted is named last
            ratio = SequenceMatcher(None, goal.indicator, result.indicator).ratio()
            if ratio > best_ratio:
                best, best_ratio = result, ratio
        paired.append(replace(goal, baseline=best.id) if best else goal)
    return paired


