"""The archive: every loaded report once, grouped by place, with each place's years in order.

A place is keyed by the name report.yaml gives it (`place:`, without its prefecture), never by a translation of it: en.yaml
may call one county two things in two years, and the years must still link up and group together
in every language. What a stage shows for a place (its name in a language) is its own business;
which reports belong together is decided here, once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..errors import ContentError, shown
from .model import Report
from .yamlio import load_package_yaml


def place_name_key(place: str) -> str:
    """'保定市清苑区' and '清苑区' are one place: a county or district is known without its prefecture
    and province ('河北省保定市易县' is 易县); a prefecture city keeps its name."""
    m = re.search(r"([^省市]+[县区旗])$", place)
    return m.group(1) if m else place


@cache
def _places_in_english() -> dict[str, str]:
    return load_package_yaml(Path(__file__).with_name("places_en.yaml"))


def place_in_english(name: str) -> str:
    """A place's English name ('' if places_en.yaml does not know it); a county named with its
    prefecture (保定市清苑区) by its own (Qingyuan District)."""
    names = _places_in_english()
    return names.get(name) or names.get(place_name_key(name), "")


def place_key(report: Report) -> str:
    """The key that joins a place's reports, whatever language or form its name takes ("" if unknown)."""
    return place_name_key(report.meta.place)


@dataclass(frozen=True)
class YearLinks:
    """The same place's reports of the year before and after a report: (year, report id) or None."""

    previous: tuple[int, str] | None = None
    next: tuple[int, str] | None = None


@dataclass(frozen=True)
class Archive:
    """Every report of the site, sorted by id, and what joins them across reports."""

    reports: tuple[Report, ...]
    # place key -> its reports' ids, oldest year first (a year's several reports by id)
    places: dict[str, tuple[str, ...]] = field(default_factory=dict)
    years: dict[str, YearLinks] = field(default_factory=dict)  # report id -> its neighbours in time

    @classmethod
    def of(cls, reports) -> "Archive":
        ordered = tuple(sorted(reports, key=lambda r: r.id))
        grouped: dict[str, list[Report]] = {}
        for report in ordered:
            grouped.setdefault(place_key(report), []).append(report)
        places = {key: tuple(r.id for r in sorted(group, key=lambda r: (r.meta.year, r.id))) for key, group in grouped.items()}
        return cls(ordered, places, _year_links(grouped))

    def newest(self, key: str) -> str:
        """The id of a place's latest report: the one whose name for the place a page shows."""
        return self.places[key][-1]

    def year_links(self, report_id: str) -> YearLinks:
        return self.years.get(report_id, YearLinks())


def _year_links(grouped: dict[str, list[Report]]) -> dict[str, YearLinks]:
    """Each report's previous and next year at its place; a report whose place or year is unknown has none."""
    links = {}
    for key, group in grouped.items():
        if not key:
            continue
        dated = sorted((r.meta.year, r.id) for r in group if r.meta.year)
        for i, (year, rid) in enumerate(dated):
            # Two reports of one year (a warning) are not each other's previous or next year.
            before = dated[i - 1] if i and dated[i - 1][0] != year else None
            after = dated[i + 1] if i + 1 < len(dated) and dated[i + 1][0] != year else None
            links[rid] = YearLinks(before, after)
    return links


def same_place_and_year(reports, root: Path) -> list[ContentError]:
    """Warnings for reports of a place and year that another report already has: which one is the year
    before or after the next would be a guess, so neither is linked to the other."""
    first: dict[tuple[str, int], str] = {}
    warnings = []
    for report in sorted(reports, key=lambda r: r.id):
        key = (place_key(report), report.meta.year)
        if not all(key):
            continue
        if key in first:
            warnings.append(ContentError(f"{shown(root)}/reports/{report.id}/report.yaml", 0, "year",
                                         f"{report.meta.place} {report.meta.year} is also the place and year of {first[key]!r}",
                                         "correct the place or the year of one of them", warning=True))
        first.setdefault(key, report.id)
    return warnings
