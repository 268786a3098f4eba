"""The gazetteer: county-level places by name, with their prefecture, province, level and id (gazetteer.csv)."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..script import HAN

LEVELS = ("county", "district", "county-level city", "prefecture city")
# Known names that are not a county-level place, listed so their characters are not read as one
# (雄安新区 holds 安新).
OTHER_LEVELS = ("new area",)
_SUFFIX = re.compile(r"(?:自治县|县|区|市|旗)$")
# A county-level place named with its prefecture: 保定市清苑区 -> 保定市, 清苑区.
_WITH_PREFECTURE = re.compile(rf"^([{HAN}]{{2,6}}市)([{HAN}]{{1,8}}?(?:自治县|县|区|市|旗))$")


@dataclass(frozen=True)
class Place:
    name: str
    id: str
    level: str
    prefecture: str
    province: str
    since: int | None = None  # the first and last years the name was in use, when it changed
    until: int | None = None

    def named_in(self, year: int) -> bool:
        return (self.since is None or year >= self.since) and (self.until is None or year <= self.until)

    @property
    def short(self) -> str:
        """清苑区 -> 清苑: how the text names its own place (和谐清苑); a one-character stem keeps its suffix (易县)."""
        stem = _SUFFIX.sub("", self.name)
        return stem if len(stem) >= 2 else self.name


@lru_cache(maxsize=1)
def places() -> dict[str, Place]:
    path = Path(__file__).with_name("gazetteer.csv")
    rows = csv.DictReader(line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
    return {r["name"]: Place(r["name"], r["id"], r["level"], r["prefecture"], r["province"], _year(r["from"]), _year(r["until"]))
            for r in rows}


def _year(cell: str) -> int | None:
    return int(cell) if cell else None


def lookup(name: str) -> Place | None:
    return places().get(name)


def current_name(name: str) -> str:
    """The name a renamed place has now (清苑县 -> 清苑区), so the archive holds it as one place."""
    place = lookup(name)
    if place is None or place.until is None:
        return name
    return next((p.name for p in places().values() if p.id == place.id and p.until is None), name)


def split_prefecture(name: str) -> tuple[str, str]:
    """(prefecture, place): 保定市清苑区 -> (保定市, 清苑区); 清苑区 -> ('', 清苑区); a known city stays whole."""
    if name in places():
        return "", name
    m = _WITH_PREFECTURE.match(name)
    return (m.group(1), m.group(2)) if m else ("", name)


def level_of(name: str) -> str:
    """From the gazetteer, or else from the name's suffix (a 区 is a district, a 县 a county); a 市 is left open."""
    if place := lookup(name):
        return place.level
    if name.endswith(("县", "旗")):
        return "county"
    return "district" if name.endswith("区") else ""
