"""Following every place's goals through the archive: each report paired with the same place's next year,
its goals matched, an editor's reviewed outcomes applied."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import ContentError
from ..model import Report
from .match import Outcome, candidates, claimed, track
from .review import candidate_warnings, load_outcomes, merge


def place_key(place: str) -> str:
    """'保定市清苑区' and '清苑区' are one place: a county or district without its prefecture."""
    m = re.search(r"([^省市]+[县区旗])$", place)
    return m.group(1) if m else place


def next_reports(reports: list[Report]) -> dict[str, Report | None]:
    """Each report's id -> the same place's report of the following year, or None if the archive lacks it."""
    by_place = {(place_key(r.meta.place), r.meta.year): r for r in reports if r.meta.place and r.meta.year}
    return {r.id: by_place.get((place_key(r.meta.place), r.meta.year + 1)) if r.meta.year else None for r in reports}


def report_outcomes(report: Report, following: Report | None, folder: Path | None = None, display: str = "") -> tuple[list[Outcome], list[Outcome], list[ContentError]]:
    """(outcomes to show, weak matches for review, problems in outcomes.yaml) for one report's goals."""
    computed = track(report, following)
    reviewed, errors = load_outcomes(folder / "outcomes.yaml", f"{display}/outcomes.yaml") if folder else ([], [])
    merged = merge(computed, reviewed)
    return claimed(merged), candidates(merged), errors


def review_warnings(reports: list[Report], folders: dict[str, Path], displays: dict[str, str]) -> list[ContentError]:
    """What `check` lists for editors: each weak match, and each problem in an outcomes.yaml."""
    following = next_reports(reports)
    out: list[ContentError] = []
    for r in reports:
        display = displays.get(r.id, r.id)
        _, weak, errors = report_outcomes(r, following[r.id], folders.get(r.id), display)
        out += errors + candidate_warnings(weak, f"{display}/outcomes.yaml")
    return out
