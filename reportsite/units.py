"""Figures for English readers: 78.9亿元 -> 7.89 billion yuan, 2.1万亩 -> 21,000 mu, 132座 -> 132."""

from __future__ import annotations

_MULTIPLIERS = {"亿": 100_000_000, "万": 10_000}
# Measure words only count things; English needs no word for them.
_CLASSIFIERS = set("座个家项件场所条处批栋套台辆间张株棵头只")
_UNITS = {"元": "yuan", "亩": "mu", "吨": "tonnes", "公斤": "kg", "公里": "km", "千米": "km", "米": "m",
          "平方米": "m²", "平方公里": "km²", "立方米": "m³", "千瓦": "kW", "兆瓦": "MW", "蒸吨": "steam tonnes",
          "户": "households", "人": "people", "名": "people", "人次": "person-times", "%": "%",
          "个百分点": "percentage points", "倍": "times", "头": "head"}
_QUALIFIERS = {"左右": "about", "以上": "at least", "以内": "at most", "以下": "below", "内": "within"}


def _split_unit(unit: str) -> tuple[float, str]:
    if len(unit) > 1 and unit[0] in _MULTIPLIERS:
        return _MULTIPLIERS[unit[0]], unit[1:]
    return 1, unit


def _format_number(value: float) -> str:
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"{value / size:,.2f}".rstrip("0").rstrip(".") + f" {word}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def english_quantity(value: float, unit: str) -> str:
    multiplier, base = _split_unit(unit)
    number = _format_number(value * multiplier)
    if base in _CLASSIFIERS or not base:
        return number
    word = _UNITS.get(base, base)
    return f"{number}{word}" if word == "%" else f"{number} {word}"


def english_qualifier(qualifier: str) -> str:
    return _QUALIFIERS.get(qualifier, qualifier)
