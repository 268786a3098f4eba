"""The views of what a report sets and what became of it: its targets, their outcomes, the headline
indicators beside last year's results, and a place's indicators over the years (views.py has the rest).
"""

from __future__ import annotations

from dataclasses import dataclass

view = dataclass(frozen=True, kw_only=True)


@view
class TargetLink:
    """A target's goal or baseline, as the other one links to it."""

    url: str
    figure: str


@view
class OutcomeView:
    """What became of a goal, as its page and the targets table show it (content.outcomes.GoalOutcome)."""

    status: str  # met, missed … (track's statuses)
    label: str  # "Met", "Awaiting the 2023 report"
    figure: str = ""  # the stated figure as shown: "+8.3%", "166.2亿元"
    estimate: str = ""  # 预计 … : the figure is an estimate
    quote: str = ""  # the sentence of the next report that states it
    quote_lang: str = ""
    source: str = ""  # "2023 report" or the evidence's address
    url: str = ""  # the paragraph's page, or the evidence outside the reports
    external: bool = False
    by: str = ""  # "Reviewed by 王编辑" or "Computed by rule: …"
    growth: float | None = None  # the stated growth rate, % (None for a level)


@view
class TargetView:
    id: str
    kind: str
    kind_label: str
    indicator: str
    figure: str  # the number as shown: "78.9亿元", "增长8%左右"
    text: str
    year: str
    status: str
    status_label: str
    url: str
    paragraph_url: str
    paragraph_id: str
    section_id: str
    section_label: str
    qualifier: str = ""
    text_en: str = ""  # the quoted clause in English, where en.yaml gives one
    paragraph_plain: tuple[str, str, str] = ("", "", "")  # the whole paragraph around the quoted clause, which is marked
    paragraph_lang: str = ""
    baseline: TargetLink | None = None  # for a goal: last year's result of the same indicator
    goal: TargetLink | None = None  # for a result: this year's goal of the same indicator
    evidence: tuple = ()
    outcome: str = ""
    list_number: str = ""
    result: OutcomeView | None = None  # for a goal: what the next year's report states of it
    indicator_key: str = ""  # the vocabulary's key of a headline indicator
    growth: float | None = None  # the goal's growth rate, %
    share_url: str = ""  # the target's own page, absolute
    citation: str = ""


@view
class IndicatorRow:
    """A headline indicator: this year's goal beside last year's result."""

    indicator: str
    result: str
    result_growth: float | None
    target: str
    target_growth: float | None
    url: str
    result_url: str
    status: str
    status_label: str


@view
class KindGroup:
    kind: str
    label: str
    targets: tuple[TargetView, ...]


@view
class TargetGroup:
    """The targets of one section (or of a part's own paragraphs), by kind."""

    id: str
    title: str
    kinds: tuple[KindGroup, ...]


@view
class ReportCard:
    """What the targets page tells at a glance: how many of each kind, and how many are rated yet."""

    kinds: tuple[tuple[str, str, str, int], ...]  # (kind, label, meaning, count)
    rated: str
    statuses: tuple[tuple[str, str, int], ...]  # (status, label, count), rated ones only


@view
class TimelineRow:
    """One year of a headline indicator on a place's page: the goal and what became of it."""

    year: int
    goal: str
    goal_url: str
    outcome: str
    status: str
    status_label: str


@view
class IndicatorTimeline:
    key: str
    indicator: str
    rows: tuple[TimelineRow, ...]
    chart: object = None  # inline SVG, where the goals are growth rates
