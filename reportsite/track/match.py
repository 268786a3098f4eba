"""Matching pass: each goal of a year's report -> the outcome the next year's report states for it.

Headline goals are matched by indicator (the vocabulary's key) and measure; commitments by what is counted
and its unit, against the results the next report's review lists. A match below the rules' confidence is
never claimed: it is returned as a candidate for an editor (`candidates`)."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from ..content.model import Report, Target
from ..content.vocabulary import Vocabulary, load_vocabulary
from .statements import Figure, Statement, stated_figures
from .status import Rules, in_base_unit, judge, load_rules

_GOAL_KINDS = ("indicator", "commitment")


@dataclass(frozen=True)
class Outcome:
    """What became of one goal: the figure the next report states, its words, where, and the status."""

    target: str  # id of the goal in the year's report
    status: str
    value: float | None = None
    unit: str = ""  # '' for a growth rate (percent)
    qualifier: str = ""  # 以上, 左右 of the stated figure
    estimate: str = ""  # 预计, 初步预计 … kept with the figure
    quote: str = ""  # the sentence that states it
    report: str = ""  # id of the report that states it
    paragraph: str = ""  # id of its paragraph
    confidence: float = 1.0
    note: str = ""
    reviewed: bool = False  # confirmed or written by an editor (outcomes.yaml)
    reviewer: str = ""  # who reviewed it
    url: str = ""  # evidence from outside the reports (a statistical bulletin)
    date: str = ""  # of that evidence


def goals_of(report: Report) -> list[Target]:
    """The goals that can have an outcome: this year's headline and commitment figures, without what is there
    already (stock), designed (capacity) or planned to be spent (investment). A figure inside a livelihood
    project is followed (the project itself has none); the count that announces the list is not."""
    by_id = {t.id: t for t in report.targets}
    return [t for t in report.targets if t.kind in _GOAL_KINDS and t.nature not in ("stock", "capacity", "investment")
            and (t.value is not None or t.growth is not None)
            and (not t.duplicate_of or t.text in by_id.get(t.duplicate_of, t).text)]


def _figure_outcome(goal: Target, found: Figure, statement: Statement, report_id: str, measure: str,
                    vocabulary: Vocabulary, rules: Rules, confidence: float, commitment: bool = False) -> Outcome:
    ceiling = any(v in goal.text for v in vocabulary.ceiling_verbs)
    if measure == "growth":
        status = judge(goal.growth, found.value, goal.qualifier, "growth", vocabulary, rules, ceiling=ceiling)
    else:
        g, g_unit = in_base_unit(goal.value, goal.unit)
        o, o_unit = in_base_unit(found.value, found.unit)
        partly = commitment and goal.unit not in rules.rate_units
        status = judge(g, o, goal.qualifier, "level", vocabulary, rules, partly, ceiling) if g_unit == o_unit else "not-comparable"
    comparable_goal = any(w in goal.text for w in vocabulary.comparable)
    note = "goal is comparable growth; outcome is not stated as comparable" if comparable_goal and not statement.comparable else ""
    return Outcome(goal.id, status, found.value, found.unit, found.qualifier, statement.estimate, statement.sentence,
                   report_id, statement.paragraph, confidence, note)


def headline_outcome(goal: Target, key: str, statements: list[Statement], next_report: Report,
                     vocabulary: Vocabulary, rules: Rules) -> Outcome:
    year = goal.year or (next_report.meta.year - 1 if next_report.meta.year else None)
    said = [s for s in statements if s.key == key and (not s.years or year in s.years)]
    said.sort(key=lambda s: not s.in_review)  # stable: reading order within each group
    measure = goal.measure
    for s in said:
        found = s.growth if measure == "growth" else s.level
        if found is not None:
            confidence = 1.0 if s.in_review else 0.5
            return _figure_outcome(goal, found, s, next_report.id, measure, vocabulary, rules, confidence)
    if said and said[0].in_review:
        s = said[0]
        other = s.level or s.growth
        return Outcome(goal.id, "not-comparable", other.value, other.unit, other.qualifier, s.estimate, s.sentence,
                       next_report.id, s.paragraph, 1.0, f"goal is a {measure}; the outcome is stated only as a {'level' if measure == 'growth' else 'growth rate'}")
    return Outcome(goal.id, "no-outcome-stated", report=next_report.id)


def _similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _before_figure(t: Target) -> str:
    return t.text[: max(t.text.find(str(t.value).removesuffix(".0")), 0)]


def _whole_clause(t: Target) -> str:
    """The comma-clause a target's figure stands in, from its start: 全年新增…、科技型中小企业1000家以上."""
    if not t.sentence or t.clause is None:
        return t.text
    start = max(t.sentence.rfind(c, 0, t.clause[0]) for c in "，；：") + 1
    return t.sentence[start : t.clause[1]]


def match_strength(goal: Target, result: Target, vocabulary: Vocabulary) -> float:
    """How surely a result counts what a commitment counts: the likeness of what both count, without
    verbs and scope; nothing when a goal to add things meets a count of all there are."""
    if any(w in _whole_clause(goal) for w in vocabulary.flows) and any(w in _before_figure(result) for w in vocabulary.stocks):
        return 0.0
    a, b = vocabulary.counted(goal.label or goal.indicator), vocabulary.counted(result.label or result.indicator)
    return _similarity(a, b) if a and b else 0.0


def five_year_paragraphs(report: Report, vocabulary: Vocabulary) -> set[str]:
    return {p.id for part in report.parts if vocabulary.is_five_year_part(part.title) for p in part.paragraphs}


def commitment_outcome(goal: Target, results: list[Target], next_report: Report, vocabulary: Vocabulary, rules: Rules,
                       five_years: set[str] = frozenset()) -> Outcome:
    """The result of the next review that counts the same thing in the same unit, if one reads alike."""
    same_unit = [r for r in results if r.unit == goal.unit and r.value is not None and r.nature not in ("capacity", "investment")]
    scored = sorted(((match_strength(goal, r, vocabulary), r) for r in same_unit), key=lambda x: -x[0])
    if not scored or scored[0][0] < rules.candidate:
        return Outcome(goal.id, "no-outcome-stated", report=next_report.id)
    confidence, result = scored[0]
    if result.paragraph in five_years and f"{goal.year}年" not in (result.sentence or result.text):
        confidence /= 2  # a five-year review's count is five years' total, unless it names the year
    statement = Statement("", None, None, "", False, result.sentence or result.text, result.paragraph, True, ())
    return _figure_outcome(goal, Figure(result.value, result.unit, result.qualifier), statement, next_report.id, "level",
                           vocabulary, rules, confidence, commitment=True)


def track(report: Report, next_report: Report | None, vocabulary: Vocabulary | None = None, rules: Rules | None = None) -> list[Outcome]:
    """Every goal of `report` (goals_of) with the outcome `next_report` states, matched at any confidence; see
    `claimed` and `candidates` for the two sides of the rules' confidence."""
    vocabulary, rules = vocabulary or load_vocabulary(), rules or load_rules()
    goals = goals_of(report)
    if next_report is None:
        return [Outcome(g.id, "not-yet-due") for g in goals]
    statements = stated_figures(next_report, vocabulary)
    results = [t for t in next_report.targets if t.kind == "result"]
    five_years = five_year_paragraphs(next_report, vocabulary)
    out = []
    for goal in goals:
        if goal.nature == "five-year-goal":
            out.append(Outcome(goal.id, "not-yet-due", note="a five-year goal: judged by the review at the end of the plan"))
        elif goal.kind == "indicator" and (key := vocabulary.key_of(goal.indicator)):
            out.append(headline_outcome(goal, key, statements, next_report, vocabulary, rules))
        elif goal.kind == "commitment" and goal.value is not None:
            out.append(commitment_outcome(goal, results, next_report, vocabulary, rules, five_years))
        else:  # a growth commitment, or an indicator the vocabulary does not know: nothing to match it by
            out.append(Outcome(goal.id, "no-outcome-stated", report=next_report.id, confidence=0.0,
                               note="no indicator of the vocabulary or unit to match it by"))
    return out


def claimed(outcomes: list[Outcome], rules: Rules | None = None) -> list[Outcome]:
    """The outcomes stated with enough confidence to show; the rest become no-outcome-stated."""
    rules = rules or load_rules()
    return [o if o.reviewed or o.confidence >= rules.confidence else Outcome(o.target, "no-outcome-stated", report=o.report)
            for o in outcomes]


def candidates(outcomes: list[Outcome], rules: Rules | None = None) -> list[Outcome]:
    """Weak matches an editor should confirm or reject in outcomes.yaml."""
    rules = rules or load_rules()
    return [o for o in outcomes if not o.reviewed and o.value is not None and o.confidence < rules.confidence]
