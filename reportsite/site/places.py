"""View pass, places: each place's headline goals over the years, with what the following year's report
said became of them (a page per place; registry.py lists the kind)."""

from __future__ import annotations

from .chart import TimelinePoint, timeline_chart
from .goal_views import IndicatorTimeline, TimelineRow
from .i18n import Lang
from .target_view import place_slug
from .views import Link, PlaceView, ReportView


def place_views(views: tuple[ReportView, ...], lang: Lang, newest_name: dict[str, str]) -> tuple[PlaceView, ...]:
    """A PlaceView per place whose goals are followed (its reports have a place page), places by name."""
    places: dict[str, list[ReportView]] = {}
    for rv in views:
        if rv.place_url:
            places.setdefault(rv.place_key, []).append(rv)
    # A report links to the place page named after its own id; reports of one place whose ids differ
    # in more than the year (an editor's `--id`) each find the page at the address they link to.
    out = [_place(sorted(group, key=lambda rv: (rv.year, rv.id)), lang, newest_name.get(key, group[0].place), slug)
           for key, group in places.items() for slug in sorted({place_slug(rv.id) for rv in group})]
    return tuple(sorted(out, key=lambda p: (p.place, p.slug)))


def _place(reports: list[ReportView], lang: Lang, name: str, slug: str) -> PlaceView:
    by_key: dict[str, list] = {}
    names: dict[str, str] = {}
    for rv in reports:
        for tv in rv.targets:
            if tv.kind == "indicator" and tv.indicator_key and tv.result:
                if all(year != rv.year for year, _ in by_key.get(tv.indicator_key, [])):
                    by_key.setdefault(tv.indicator_key, []).append((rv.year, tv))
                names[tv.indicator_key] = tv.indicator  # the newest report's name for it
    timelines = [_timeline(key, names[key], years, lang, f"tl-{slug}-{i}") for i, (key, years) in enumerate(by_key.items())]
    # The indicators followed over the most years first: GDP before a one-year figure.
    timelines.sort(key=lambda tl: -len(tl.rows))
    before, _, after = lang.t("place_heading", place="\0").partition("\0")
    untranslated = lang.code == "en" and any("\u4e00" <= c <= "\u9fff" for c in name)
    return PlaceView(slug=slug, place=name, url=f"{lang.prefix}places/{slug}/", timelines=tuple(timelines),
                     reports=tuple(Link(rv.url, str(rv.year)) for rv in reversed(reports)),
                     place_lang="zh-Hans" if untranslated else "", heading=(before, after))


def _timeline(key: str, indicator: str, years: list, lang: Lang, chart_id: str) -> IndicatorTimeline:
    rows = tuple(TimelineRow(year=year, goal=tv.figure, goal_url=tv.url, outcome=tv.result.figure,
                             status=tv.result.status, status_label=tv.result.label) for year, tv in years)
    points = [TimelinePoint(year, tv.growth, tv.result.growth, tv.result.label) for year, tv in years]
    chart = None
    if any(p.goal is not None or p.outcome is not None for p in points):
        t = lang.t
        listed = "; ".join(f"{row.year}: {t('place_goal')} {row.goal or '–'}, {t('place_outcome')} {row.outcome or '–'} ({row.status_label})"
                           for row in rows)
        chart = timeline_chart(points, t("place_chart_title", indicator=indicator), t("place_chart_desc", points=listed),
                               chart_id, (t("place_goal"), t("place_outcome")))
    return IndicatorTimeline(key=key, indicator=indicator, rows=rows, chart=chart)
