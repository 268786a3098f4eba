"""What became of each goal, as the site and the data files read it.

The tracking stage (reportsite/track/) computes outcomes; the site stage never imports it. `build.py`
(cli.py) hands the site a function that returns an `ArchiveOutcomes` for the loaded reports, so the site
reads outcomes through this module alone, as it reads everything else through content/.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class GoalOutcome:
    """One goal's outcome: the figure the next year's report states, its words, where, the status and why."""

    status: str  # one of track.status.OUTCOME_STATUSES
    value: float | None = None
    unit: str = ""  # '' for a growth rate
    qualifier: str = ""
    estimate: str = ""  # 预计, 初步预计 … when the figure is an estimate
    quote: str = ""  # the sentence that states it
    report: str = ""  # id of the report that states it
    paragraph: str = ""  # id of its paragraph there
    url: str = ""  # evidence from outside the reports
    reviewed: bool = False
    reviewer: str = ""
    rule: str = ""  # how the status was computed (when no editor reviewed it), in English
    due: int | None = None  # the year of the report that will state it (not-yet-due)
    indicator: str = ""  # the vocabulary's key of a headline goal's indicator
    indicator_en: str = ""


@dataclass(frozen=True)
class ArchiveOutcomes:
    """Every report's goals' outcomes, and the rows of the archive's outcomes.csv."""

    by_report: dict[str, dict[str, GoalOutcome]] = field(default_factory=dict)  # report id -> target id -> outcome
    columns: tuple[str, ...] = ()
    rows: tuple[dict, ...] = ()

    def of(self, report_id: str) -> dict[str, GoalOutcome]:
        return self.by_report.get(report_id, {})
