"""Publishing pass: every report's outcomes as the site reads them (content.outcomes), computed by the
tracking passes with an editor's reviewed entries in their place.

build.py (cli.py) hands `archive_outcomes` to the site's build; the site never imports track/."""

from __future__ import annotations

from pathlib import Path

from ..content.model import Report, Target
from ..content.outcomes import ArchiveOutcomes, GoalOutcome
from ..content.vocabulary import Vocabulary, load_vocabulary
from .archive import OUTCOME_COLUMNS, next_reports, outcome_rows, report_outcomes
from .match import Outcome
from .status import Rules, load_rules


def archive_outcomes(reports: list[Report], folders: dict[str, Path]) -> ArchiveOutcomes:
    """The outcomes of every report's goals, and the rows of outcomes.csv, places and years in order."""
    vocabulary, rules = load_vocabulary(), load_rules()
    following = next_reports(reports)
    by_report, rows = {}, []
    for report in sorted(reports, key=lambda r: (r.meta.place, r.meta.year or 0, r.id)):
        nxt = following[report.id]
        outcomes, _, _ = report_outcomes(report, nxt, folders.get(report.id), report.id)
        targets = {t.id: t for t in report.targets}
        by_report[report.id] = {o.target: goal_outcome(targets[o.target], o, report, vocabulary, rules)
                                for o in outcomes if o.target in targets}
        rows += outcome_rows(report, [o for o in outcomes if o.target in targets])
    return ArchiveOutcomes(by_report, OUTCOME_COLUMNS, tuple(rows))


def goal_outcome(goal: Target, o: Outcome, report: Report, vocabulary: Vocabulary, rules: Rules) -> GoalOutcome:
    key = vocabulary.key_of(goal.indicator) if goal.kind == "indicator" else ""
    due = report.meta.year + 1 if report.meta.year and o.status == "not-yet-due" and not o.note else None
    return GoalOutcome(o.status, o.value, o.unit, o.qualifier, o.estimate, o.quote, o.report if o.quote else "",
                       o.paragraph, o.url, o.reviewed, o.reviewer, "" if o.reviewed else rule_of(goal, o, vocabulary, rules),
                       due, key, vocabulary.indicators[key].en if key else "")


def rule_of(goal: Target, o: Outcome, vocabulary: Vocabulary, rules: Rules) -> str:
    """How a computed status came about, in English, with the numbers of rules.yaml."""
    if o.note:
        return o.note
    if o.status == "not-yet-due":
        return "the archive has no report of the following year yet"
    if o.status == "no-outcome-stated":
        return "the following year's report states no figure for it"
    measure = "growth" if o.unit == "" and goal.growth is not None else "level"
    def amount(x: float) -> str:
        return f"{x:g} percentage points" if measure == "growth" else f"{x * 100:g}%"

    sense = vocabulary.sense(goal.qualifier)
    if sense == "ceiling" or any(v in goal.text for v in vocabulary.ceiling_verbs):
        return "a ceiling: met at or below the goal"
    parts = [f"exceeded from {amount(rules.exceeded[measure])} above the goal"]
    if sense == "around":
        parts.insert(0, f"about (左右): met within {amount(rules.around[measure])} either side of the goal")
    else:
        parts.insert(0, "met at or above the goal")
    if o.status == "partly":
        parts.append(f"partly met from {rules.partly:.0%} of it")
    return "; ".join(parts)
