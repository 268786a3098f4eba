"""The indicator vocabulary (vocabulary.yaml): headline indicators under all their names, and the words that
qualify a figure. Knowledge about the genre lives in the data file; this module only reads and applies it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .yamlio import load_package_yaml

VOCABULARY = Path(__file__).with_name("vocabulary.yaml")


@dataclass(frozen=True)
class Indicator:
    key: str
    en: str
    names: tuple[str, ...]
    unit: str
    not_after: tuple[str, ...] = ()
    not_before: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    """A name of one or more indicators in a text: 城乡居民人均可支配收入 names urban and rural income."""

    keys: tuple[str, ...]
    name: str
    start: int
    end: int


@dataclass(frozen=True)
class Vocabulary:
    indicators: dict[str, Indicator]
    joined: dict[str, tuple[str, ...]]  # joined name -> the keys it names, in order
    qualifiers: dict[str, dict]
    estimates: tuple[str, ...]
    comparable: tuple[str, ...]
    stretch: tuple[str, ...]
    multi_year: tuple[str, ...]
    actions: tuple[str, ...] = ()
    flows: tuple[str, ...] = ()
    stocks: tuple[str, ...] = ()
    ceiling_verbs: tuple[str, ...] = ()
    review_parts: tuple[str, ...] = ()
    five_year_parts: tuple[str, ...] = ()
    names: dict[str, tuple[str, ...]] = field(default_factory=dict)  # every name -> the keys it names
    pattern: re.Pattern = re.compile("(?!)")  # every name, longest first

    def mentions(self, text: str) -> list[Mention]:
        """Every indicator name in `text`, leftmost-longest, without the names that are part of another
        indicator's (单位地区生产总值能耗)."""
        out = []
        for m in self.pattern.finditer(text):
            keys = self.names[m.group(0)]
            if len(keys) == 1 and self._inside_other(keys[0], text, m.start(), m.end()):
                continue
            out.append(Mention(keys, m.group(0), m.start(), m.end()))
        return out

    def _inside_other(self, key: str, text: str, start: int, end: int) -> bool:
        ind = self.indicators[key]
        return any(text.endswith(w, 0, start) for w in ind.not_after) or any(text.startswith(w, end) for w in ind.not_before)

    def key_of(self, label: str) -> str:
        """The indicator a target's label names ('全区地区生产总值' -> 'gdp'), or '' when it names none or
        more than the name (万元地区生产总值能耗 is not gdp; 一般公共预算收入可比 is)."""
        found = self.mentions(label)
        if len(found) != 1 or len(found[0].keys) != 1:
            return ""
        rest = label[: found[0].start] + label[found[0].end :]
        for word in self.estimates:  # 预计全区地区生产总值, 社会消费品零售总额预计: an estimate of the indicator
            rest = rest.replace(word, "")
        return found[0].keys[0] if re.fullmatch(r"(?:其中)?(?:\d{4}年)?(?:全县|全市|全区|全省|全年|全旗)?(?:可比)?", rest) else ""

    def counted(self, label: str) -> str:
        """What a commitment counts, without how or where: '年内新增科技型中小企业' -> '科技型中小企业'."""
        for word in sorted(self.actions, key=len, reverse=True):
            label = label.replace(word, "")
        return label

    def is_review_part(self, title: str, review_year: int | None) -> bool:
        """'2022年工作回顾', '过去一年' (or a title naming last year): a part that says what became of last year."""
        return any(w in title for w in self.review_parts) or (review_year is not None and str(review_year) in title)

    def is_five_year_part(self, title: str) -> bool:
        """'“十四五”时期的主要目标任务', '“十三五”时期经济社会发展回顾': a part over a plan's five years."""
        return any(w in title for w in self.five_year_parts)

    def sense(self, qualifier: str) -> str:
        """around, floor, ceiling; '' for a bare figure."""
        return self.qualifiers.get(qualifier, {}).get("sense", "")


def _tuple(value) -> tuple:
    return tuple(value or ())


@cache
def load_vocabulary(path: Path = VOCABULARY) -> Vocabulary:
    data = load_package_yaml(path)
    indicators = {
        d["key"]: Indicator(d["key"], d["en"], _tuple(d["names"]), d["unit"], _tuple(d.get("not_after")), _tuple(d.get("not_before")))
        for d in data["indicators"]
    }
    joined = {name: _tuple(j["keys"]) for j in data["joined"] for name in j["names"]}
    names = {n: (i.key,) for i in indicators.values() for n in i.names} | joined
    return Vocabulary(
        indicators, joined, data["qualifiers"], _tuple(data["estimates"]), _tuple(data["comparable"]),
        _tuple(data["stretch"]), _tuple(data["multi_year"]), _tuple(data["actions"]), _tuple(data["flows"]),
        _tuple(data["stocks"]), _tuple(data["ceiling_verbs"]), _tuple(data["review_parts"]), _tuple(data["five_year_parts"]), names,
        re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True)))),
    )
