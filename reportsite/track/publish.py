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
    global _LAST
    vocabulary, rules = load_vocabulary(), load_rules()
    following = next_reports(reports)
    by_report, rows, made = {}, [], {}
    for report in sorted(reports, key=lambda r: (r.meta.place, r.meta.year or 0, r.id)):
        nxt, folder = following[report.id], folders.get(report.id)
        key = (id(report), id(nxt), id(vocabulary), id(rules), folder, _stamp(folder))
        kept = _LAST.get(key)
        if kept is None or kept[0] is not report or kept[1] is not nxt:
            kept = (report, nxt, *_report_outcomes(report, nxt, folder, vocabulary, rules))
        made[key] = kept
        by_report[report.id] = kept[2]
        rows += kept[3]
    _LAST = made
    return ArchiveOutcomes(by_report, OUTCOME_COLUMNS, tuple(rows))


# The last call's outcomes of each report, by the identity of the report and its following year's
# and the state of its outcomes.yaml: serve rebuilds with the same objects for every report whose
# folder did not change, and matching every goal of a hundred reports again took over a second.
_LAST: dict[tuple, tuple] = {}


def _stamp(folder: Path | None) -> tuple:
    """The state of a report's outcomes.yaml (an editor's reviewed outcomes), or () without one."""
    try:
        info = (folder / "outcomes.yaml").stat() if folder else None
    except OSError:
        return ()
    return (info.st_mtime_ns, info.st_size, info.st_ino) if info else ()


def _report_outcomes(report: Report, nxt: Report | None, folder: Path | None, vocabulary: Vocabulary, rules: Rules) -> tuple[dict, list]:
    outcomes, _, _ = report_outcomes(report, nxt, folder, report.id)
    targets = {t.id: t for t in report.targets}
    return ({o.target: goal_outcome(targets[o.target], o, report, vocabulary, rules) for o in outcomes if o.target in targets},
            outcome_rows(report, [o for o in outcomes if o.target in targets]))


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
