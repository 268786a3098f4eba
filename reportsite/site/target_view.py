"""View pass, targets: a report's targets in one language, and what is made of them (headline
indicators, the chart, numbered lists, the targets page's groups and report card)."""

from __future__ import annotations

import re
from ..content.model import KINDS, STATUSES, Target
from ..content.outcomes import GoalOutcome
from ..content.vocabulary import load_vocabulary
from .chart import ChartRow, indicator_chart
from .goal_views import IndicatorRow, KindGroup, OutcomeView, ReportCard, TargetGroup, TargetLink, TargetView
from .i18n import Lang
from .units import english_qualifier, english_quantity
from .views import ListView


def _around(text: str, clause: str) -> tuple[str, str, str]:
    """`text` split around the first occurrence of `clause`: (before, clause, after); unmarked if absent."""
    at = text.find(clause) if clause else -1
    return (text, "", "") if at < 0 else (text[:at], clause, text[at + len(clause):])


def _figure(t: Target, lang: Lang) -> str:
    def num(v) -> str:
        return f"{v:g}" if isinstance(v, float) else str(v)

    growth = f"{'' if t.growth < 0 else '+'}{num(t.growth)}%" if t.growth is not None else ""
    if lang.code == "en":
        qualifier = english_qualifier(t.qualifier)
        value = english_quantity(t.value, t.unit, t.text) if t.value is not None else ""
        shown = " ".join(x for x in (qualifier, value or growth) if x)
        return f"{shown} ({growth})" if value and growth else shown
    qualifier = lang.text(t.qualifier)
    if t.value is not None:
        value = f"{num(t.value)}{lang.text(t.unit)}{qualifier}"
        return f"{value} ({growth})" if growth else value
    return f"{growth}{qualifier}"


# The order statuses are counted in, in a report's summary and the targets page's filters.
OUTCOME_ORDER = ("exceeded", "met", "partly", "missed", "not-comparable", "no-outcome-stated", "not-yet-due")


def _edited(t, b) -> bool:
    """Whether the target's own status is shown: always where goals are not followed, else if an editor set one."""
    return not b.outcomes or t.status != "not-rated"


def place_slug(report_id: str) -> str:
    """A place's address on the site: its reports' ids without the year (qingyuan-2022 -> qingyuan)."""
    return re.sub(r"-\d{4}$", "", report_id)


def outcome_label(o: GoalOutcome, lang: Lang, later: bool = False) -> str:
    """The status as a reader reads it: a goal the archive has no next report for awaits that report, unless
    the archive has a later year (`later`): then that report is missing, not awaited."""
    if o.status == "not-yet-due" and o.due:
        return lang.t("outcome_no_report" if later else "outcome_awaiting", year=o.due)
    return lang.t(f"outcome_{o.status}")


def outcome_view(o: GoalOutcome, lang: Lang, url_of, later: bool = False) -> OutcomeView:
    """A goal's outcome in one language; `url_of(report, paragraph)` is the paragraph's page."""
    figure = ""
    if o.value is not None:
        growth = o.unit == ""
        stated = Target(id="", kind="", paragraph="", text=o.quote, value=None if growth else o.value, unit=o.unit,
                        growth=o.value if growth else None, qualifier=o.qualifier)
        figure = _figure(stated, lang)
    internal = url_of(o.report, o.paragraph) if o.report and o.paragraph else ""
    if o.reviewed:
        by = lang.t("outcome_reviewed_by", reviewer=o.reviewer) if o.reviewer else lang.t("outcome_reviewed")
    else:
        by = lang.t("outcome_rule", rule=o.rule)
    return OutcomeView(status=o.status, label=outcome_label(o, lang, later), figure=figure,
                       estimate=lang.text(o.estimate), quote=lang.text(o.quote),
                       quote_lang="zh-Hant" if lang.code == "zh-Hant" else "zh-Hans",
                       source=o.url or (lang.t("outcome_source", report=o.report) if o.report and o.quote else ""),
                       url=o.url or internal, external=bool(o.url), by=by,
                       growth=o.value if o.value is not None and o.unit == "" else None)


class TargetViews:
    """The target views of one report in one language, made before the paragraphs that list them."""

    def __init__(self, builder):
        self.b = builder
        self.lang = builder.lang
        self.report = builder.report
        self.by_target = {t.id: t for t in self.report.targets}
        # A goal and last year's result link to each other: the links first, then each view once with
        # both (copying 30,000 frozen views to add them took a second at 100 reports).
        links = {t.id: TargetLink(url=builder.url(f"p/{t.id}/"), figure=_figure(t, self.lang)) for t in self.report.targets}
        goals = {t.baseline: links[t.id] for t in self.report.targets if t.baseline in links}
        self.all = tuple(self._target(t, links[t.id], links.get(t.baseline), goals.get(t.id)) for t in self.report.targets)
        self.by_id = {v.id: v for v in self.all}
        self.indicator_rows = tuple(self._indicator_row(v) for v in self.all if v.kind == "indicator")

    def in_paragraph(self, pid: str) -> tuple[TargetView, ...]:
        return tuple(v for v in self.all if v.paragraph_id == pid)

    def _target(self, t: Target, own: TargetLink, baseline: TargetLink | None, goal: TargetLink | None) -> TargetView:
        """The view of `t`, whose own address and figure are `own`, linked to its baseline and goal."""
        b, lang = self.b, self.lang
        position = b.positions.get(t.paragraph)
        section = position.section if position else None
        indicator = b.tr.targets.get(t.id, "") if b.tr else ""
        outcome = b.outcomes.get(t.id)
        key = outcome.indicator if outcome else ""
        if lang.code == "en" and not indicator and t.kind in ("indicator", "indicator-result"):
            # Not translated yet: the vocabulary's English name of the indicator.
            found = key or load_vocabulary().key_of(t.indicator)
            indicator = load_vocabulary().indicators[found].en if found else ""
        result = outcome_view(outcome, lang, lambda report, pid: f"{lang.prefix}{report}/p/{pid}/", b.later) if outcome else None
        # en.yaml may give the quoted clause in English too; the Chinese clause is shown beside it either way.
        text_en = b.tr.target_texts.get(t.id, "") if b.tr else ""
        plain, text_lang = b.plain_of(t.paragraph) if position else ("", "")
        shown = indicator or lang.text(t.indicator)
        url = own.url
        where = b.title_of(section.id, section.title) if section else ""
        number = b.number_of(position.part, section) if position else ""
        citation = b.citation(number, where, f"{shown} {own.figure}".strip(), b.absolute(url))
        return TargetView(
            id=t.id, kind=t.kind, kind_label=lang.t(f"kind_{t.kind}"), indicator=indicator or lang.text(t.indicator),
            figure=own.figure, text=lang.text(t.text), year=str(t.year or ""),
            # Where goals are followed to the next report, a figure that is no goal (a result) has no status
            # unless an editor set one in targets.yaml.
            status=result.status if result else t.status if _edited(t, b) else "",
            status_label=result.label if result else lang.t(f"status_{t.status}") if _edited(t, b) else "",
            url=url,
            paragraph_url=b.paragraph_context(t.paragraph) if position else "", paragraph_id=t.paragraph,
            section_id=section.id if section else "", section_label=b.title_of(section.id, section.title) if section else "",
            qualifier=english_qualifier(t.qualifier) if lang.code == "en" else lang.text(t.qualifier),
            text_en=text_en, paragraph_plain=_around(plain, lang.text(t.text)) if position else ("", "", ""),
            paragraph_lang=text_lang, evidence=tuple(t.evidence), outcome="" if t.outcome is None else f"{t.outcome:g}",
            list_number=str(t.number or ""), result=result, indicator_key=key, growth=t.growth,
            share_url=b.absolute(url), citation=citation, baseline=baseline, goal=goal,
        )

    def _indicator_row(self, view: TargetView) -> IndicatorRow:
        goal = self.by_target[view.id]
        base = self.by_target.get(goal.baseline)
        return IndicatorRow(
            indicator=view.indicator, result=_figure(base, self.lang) if base else "", result_growth=base.growth if base else None,
            target=view.figure, target_growth=goal.growth, url=view.url, result_url=view.baseline.url if view.baseline else "",
            status=view.status, status_label=view.status_label,
        )

    def chart(self):
        t = self.lang.t
        return indicator_chart([ChartRow(row.indicator, row.result_growth, row.target_growth, row.target) for row in self.indicator_rows],
                               t("key_figures_caption"), (t("last_year_result"), t("this_year_target")), f"chart-{self.report.id}")

    def lists(self, paragraphs: dict) -> tuple[ListView, ...]:
        return tuple(ListView(id=l.id, title=self.b.title_of(l.id, l.title), url=self.b.url(f"lists/{l.id}/"),
                              paragraph_url=paragraphs[l.paragraph].context_url if l.paragraph in paragraphs else "",
                              items=tuple(self.by_id[i] for i in l.items if i in self.by_id))
                     for l in self.report.lists)

    def status_totals(self) -> tuple[tuple[str, str, int], ...]:
        if self.b.outcomes:
            return self.outcome_filters()
        totals: dict[str, int] = {}
        for t in self.report.targets:
            totals[t.status] = totals.get(t.status, 0) + 1
        return tuple((s, self.lang.t(f"status_{s}"), totals.get(s, 0)) for s in STATUSES)

    def headline_summary(self) -> str:
        """"Of its 8 headline goals: 3 met, 4 missed, 1 not comparable", counted from the goals' outcomes."""
        outcomes = [self.b.outcomes[v.id] for v in self.all if v.kind == "indicator" and v.id in self.b.outcomes]
        if not outcomes:
            return ""
        counts = {}
        for o in outcomes:
            label = outcome_label(o, self.lang, self.b.later)
            counts[(OUTCOME_ORDER.index(o.status), label)] = counts.get((OUTCOME_ORDER.index(o.status), label), 0) + 1
        sep = ", " if self.lang.code == "en" else "，"
        parts = sep.join(self.lang.t("outcome_count", n=n, status=label.lower() if self.lang.code == "en" else label)
                         for (_, label), n in sorted(counts.items()))
        return self.lang.t("outcome_summary", total=len(outcomes), counts=parts)

    def outcome_filters(self) -> tuple[tuple[str, str, int], ...]:
        """(status, label, count) of every status the report's goals have, for the targets page's filters."""
        counts: dict[str, tuple[str, int]] = {}
        for v in self.all:
            if v.result:
                label, n = counts.get(v.status, (v.result.label, 0))
                counts[v.status] = (label, n + 1)
        return tuple((s, *counts[s]) for s in OUTCOME_ORDER if s in counts)

    def report_card(self) -> ReportCard:
        t = self.lang.t
        counts = {k: sum(1 for v in self.all if v.kind == k) for k in KINDS}
        kinds = tuple((k, t(f"kind_{k}"), t(f"card_{k}"), counts[k]) for k in KINDS if counts[k])
        if self.b.outcomes:  # followed to the next year's report: the statuses are the outcomes'
            return ReportCard(kinds=kinds, rated=t("card_tracked", n=len(self.b.outcomes)), statuses=self.outcome_filters())
        rated = [v for v in self.all if v.status != "not-rated"]
        statuses = [(s, t(f"status_{s}"), sum(1 for v in rated if v.status == s)) for s in STATUSES if s != "not-rated"]
        return ReportCard(kinds=kinds, rated=t("card_rated", rated=len(rated), total=len(self.all)) if rated else t("card_unrated"),
                          statuses=tuple(row for row in statuses if row[2]))

    def groups(self) -> tuple[TargetGroup, ...]:
        """Targets under the section (or, for part-level paragraphs, the part) they come from, then by kind."""
        b = self.b
        groups: dict[str, tuple[str, dict]] = {}
        for v in self.all:
            position = b.positions.get(v.paragraph_id)
            unit = (position.section or position.part) if position else None
            gid, title = (unit.id, b.heading(unit)) if unit else ("report", b.meta("title", self.report.meta.title))
            groups.setdefault(gid, (title, {}))[1].setdefault(v.kind, []).append(v)
        return tuple(TargetGroup(id=f"g-{gid}", title=title, kinds=tuple(
            KindGroup(kind=k, label=self.lang.t(f"kind_{k}"), targets=tuple(kinds[k])) for k in KINDS if k in kinds))
            for gid, (title, kinds) in groups.items())

