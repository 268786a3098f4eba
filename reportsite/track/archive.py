"""Following every place's goals through the archive: each report paired with the same place's next year,
its goals matched, an editor's reviewed outcomes applied."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import ContentError
from ..content.archive import place_name_key
from ..content.model import Report
from ..content.vocabulary import load_vocabulary
from .match import Outcome, candidates, claimed, track
from .review import candidate_warnings, load_outcomes, merge


def next_reports(reports: list[Report]) -> dict[str, Report | None]:
    """Each report's id -> the same place's report of the following year, or None if the archive lacks it."""
    by_place = {(place_name_key(r.meta.place), r.meta.year): r for r in reports if r.meta.place and r.meta.year}
    return {r.id: by_place.get((place_name_key(r.meta.place), r.meta.year + 1)) if r.meta.year else None for r in reports}


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


# The columns of an archive's outcomes.csv: every place's goals and their outcomes by year.
OUTCOME_COLUMNS = ("place", "year", "report", "target", "kind", "indicator", "indicator_en", "label", "goal_value", "goal_unit",
                   "goal_growth", "goal_qualifier", "status", "value", "unit", "qualifier", "estimate", "outcome_report",
                   "paragraph", "quote", "reviewed", "url")


def outcome_rows(report: Report, outcomes: list[Outcome]) -> list[dict]:
    """One row per goal of `report`, for outcomes.csv; the indicator's key and English name from the vocabulary."""
    vocabulary = load_vocabulary()
    targets = {t.id: t for t in report.targets}
    rows = []
    for o in outcomes:
        t = targets[o.target]
        key = vocabulary.key_of(t.indicator) if t.kind == "indicator" else ""
        rows.append({
            "place": report.meta.place, "year": report.meta.year, "report": report.id, "target": t.id, "kind": t.kind,
            "indicator": key, "indicator_en": vocabulary.indicators[key].en if key else "", "label": t.label or t.indicator,
            "goal_value": t.value, "goal_unit": t.unit, "goal_growth": t.growth, "goal_qualifier": t.qualifier,
            "status": o.status, "value": o.value, "unit": o.unit, "qualifier": o.qualifier, "estimate": o.estimate,
            "outcome_report": o.report if o.value is not None or o.reviewed else "", "paragraph": o.paragraph,
            "quote": o.quote, "reviewed": o.reviewed, "url": o.url,
        })
    return rows


def headline_summary(report: Report, outcomes: list[Outcome]) -> dict[str, int]:
    """Status -> how many of the report's headline goals have it: 'of its 8 headline goals: 3 met, 4 missed …'."""
    headline = {t.id for t in report.targets if t.kind == "indicator"}
    counts: dict[str, int] = {}
    for o in outcomes:
        if o.target in headline:
            counts[o.status] = counts.get(o.status, 0) + 1
    return counts


def outcome_json(o: Outcome, base_url: str = "") -> dict:
    """A target's `outcome` in report.json: where it is stated as report and paragraph ids, and its address."""
    url = o.url or (f"{base_url.rstrip('/')}/{o.report}/p/{o.paragraph}/" if o.report and o.paragraph else "")
    return {"status": o.status, "value": o.value, "estimate": o.estimate, "quote": o.quote, "report": o.report or None,
            "paragraph": o.paragraph or None, "url": url or None, "reviewed": o.reviewed}
