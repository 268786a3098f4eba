"""Figures for English readers: 78.9亿元 -> 7.89 billion yuan, 2.1万亩 -> 21,000 mu, 132座 -> 132."""

from __future__ import annotations

from decimal import Decimal

_MULTIPLIERS = {"亿": 100_000_000, "万": 10_000}
# Measure words only count things; English needs no word for them.
_CLASSIFIERS = set("座个家项件场所条处批栋套台辆间张株棵头只")
_UNITS = {"元": "yuan", "亩": "mu", "吨": "tons", "公斤": "kg", "公里": "km", "千米": "km", "米": "m",
          "平方米": "m²", "平方公里": "km²", "立方米": "m³", "千瓦": "kW", "兆瓦": "MW", "蒸吨": "steam tons",
          "户": "households", "人": "people", "名": "people", "人次": "person-times", "%": "%",
          "个百分点": "percentage points", "倍": "times", "头": "head"}
_QUALIFIERS = {"左右": "about", "以上": "at least", "以内": "at most", "以下": "below", "内": "within"}
# 户 counts households unless the clause counts businesses with it: 企业9户, 市场主体300户, 股改签约6户.
# The word nearest before the figure decides, so 带动农户…的企业 and 企业带动农户500户 both read right.
_HOUSEHOLD_OWNERS = {"企业": "enterprises", "公司": "enterprises", "股改": "enterprises", "市场主体": "businesses",
                     "经营主体": "businesses", "商户": "businesses", "个体户": "businesses", "工商户": "businesses",
                     "农户": "households", "住户": "households", "家庭": "households", "贫困户": "households"}


def _split_unit(unit: str) -> tuple[int, str]:
    if len(unit) > 1 and unit[0] in _MULTIPLIERS:
        return _MULTIPLIERS[unit[0]], unit[1:]
    return 1, unit


def _digits(value: Decimal, grouping: str = ",") -> str:
    """Every digit the value has, none invented: 20.802 stays 20.802, 21000 gets its comma."""
    text = format(value, f"{grouping}f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _format_number(value: Decimal) -> str:
    for size, word in ((10**9, "billion"), (10**6, "million")):
        if abs(value) >= size:
            return f"{_digits(value / size)} {word}"
    return _digits(value)


def _household_word(context: str, figure: str) -> str:
    """What 户 counts in `context`, the clause the figure was read from: of the owner words before
    the figure (the whole clause if it is not found), the one that comes last."""
    at = context.find(figure)
    context = context[:at] if at >= 0 else context
    found = [(context.rfind(word), -len(word), english) for word, english in _HOUSEHOLD_OWNERS.items() if word in context]
    return max(found)[2] if found else "households"


def english_quantity(value: float, unit: str, context: str = "") -> str:
    """The figure in English with all the digits the Chinese gives; `context` is the clause it was read
    from, which says what 户 counts."""
    multiplier, base = _split_unit(unit)
    # str() first: Decimal(0.1) would carry the float's binary error into the digits shown.
    exact = Decimal(str(value))
    number = _format_number(exact * multiplier)
    if base in _CLASSIFIERS or not base:
        return number
    word = _household_word(context, _digits(exact, "") + unit) if base == "户" else _UNITS.get(base, base)
    return f"{number}{word}" if word == "%" else f"{number} {word}"


_MULTIPLIER_WORDS = {"亿": "100 million", "万": "10,000"}


def english_unit(unit: str) -> str:
    """The unit a value is counted in, in English, for a data file that keeps the value as given:
    亿元 -> 100 million yuan, 万亩 -> 10,000 mu; a measure word counts things and needs none."""
    multiplier, base = _split_unit(unit)
    word = "" if base in _CLASSIFIERS or not base else _UNITS.get(base, base)
    scale = _MULTIPLIER_WORDS[unit[0]] if multiplier > 1 else ""
    return " ".join(x for x in (scale, word) if x)


def english_qualifier(qualifier: str) -> str:
    return _QUALIFIERS.get(qualifier, qualifier)
