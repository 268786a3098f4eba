"""Pages: what each page kind makes of its view (the registry in registry.py lists the kinds).

A page is its address, template, title, description, structured data and the variables its
template reads. Each function here makes the pages of one kind.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from . import structured as ld
from .i18n import Lang
from .views import BilingualGroup, GlossaryEntry, Link, Neighbours, PlaceGroup, PlaceView, ReportView, opening_words, shorten, view


@dataclass(frozen=True)
class Page:
    key: str  # the page's path under a language root: "jiangxian-2022/p/s1-1-p1/"
    template: str
    title: str
    description: str
    context: dict = field(default_factory=dict)  # the template's own variables
    og_type: str = "article"
    image: str = ""
    jsonld: dict | None = None
    report: ReportView | None = None
    nav: str = ""  # which report tab is current
    noindex: bool = False

    def output_path(self, lang: Lang) -> str:
        path = lang.prefix + self.key
        return path + "index.html" if path.endswith("/") or path == "" else path


@view
class ReportPageInput:
    """What a report's page kinds make their pages of, in one language."""

    rv: ReportView
    lang: Lang
    site_title: str  # in this language (SiteInfo.title_in)
    base_url: str
    notes: str = ""  # the editors' Markdown for the about page
    partner: ReportView | None = None  # the same report in the other language of the side-by-side page
    glossary: tuple[GlossaryEntry, ...] = ()
    retired: dict = field(default_factory=dict)  # old id -> id that now holds its content


@view
class SitePageInput:
    """What the site-wide page kinds make their pages of, in one language."""

    views: tuple[ReportView, ...]
    lang: Lang
    site_title: str  # in this language (SiteInfo.title_in)
    places: tuple[PlaceGroup, ...]
    search: dict  # the search page's variables (search.search_page_context)
    home_url: str = ""  # this language's home page, absolute
    place_views: tuple[PlaceView, ...] = ()  # the places whose goals are followed (places.py)

    @property
    def image(self) -> str:
        return self.views[0].card_url if self.views else ""


def pager(links: list[Link]) -> list[Neighbours]:
    """For each page of a sequence, its previous and next page (rel="prev"/rel="next")."""
    return [Neighbours(prev=links[i - 1] if i else None, next=links[i + 1] if i + 1 < len(links) else None) for i in range(len(links))]


def card_url(base_url: str, page_url: str) -> str:
    """The share card of a paragraph's or target's page (cards.py draws it)."""
    return base_url + page_url + "card.png"


def _report_page(rv: ReportView, key: str, template: str, title: str, description: str, **kw) -> Page:
    kw.setdefault("image", rv.card_url)
    return Page(f"{rv.id}/{key}", template, title, shorten(description), report=rv, **kw)


def _home_crumbs(x: ReportPageInput) -> list[tuple[str, str]]:
    return [(x.site_title, x.base_url + x.lang.prefix), (x.rv.title, x.base_url + x.rv.url)]


def _overview_ld(x: ReportPageInput) -> dict:
    """The overview's graph: the report, its data files as a Dataset, the way down to it."""
    t = x.lang.t
    downloads = {key: t(f"download_{key}") for _, _, key in ld.DOWNLOADS} | {"dataset": t("data_downloads")}
    return ld.graph(ld.report_node(x.rv, x.lang.code, x.base_url),
                    ld.dataset(x.rv, x.lang.code, x.base_url, x.base_url, t("dataset_description"), downloads), ld.breadcrumbs(_home_crumbs(x)))


def _page_ld(x: ReportPageInput, name: str, url: str, trail: list[Link] = (), description: str = "") -> dict:
    """A page of the report: itself, the report it is part of, and the way down to it."""
    crumbs = _home_crumbs(x) + [(link.label, x.base_url + link.url) for link in trail] + [(name, x.base_url + url)]
    return ld.graph(ld.web_page(name, x.base_url + url, x.lang.code, x.base_url, x.rv, description),
                    ld.report_node(x.rv, x.lang.code, x.base_url), ld.breadcrumbs(crumbs))


def _description(rv: ReportView) -> str:
    return rv.opening[0].plain if rv.opening else rv.title


def _separator(lang: Lang) -> str:
    return "; " if lang.code == "en" else "；"


def overview_pages(x: ReportPageInput) -> list[Page]:
    rv = x.rv
    return [_report_page(rv, "", "overview.html", rv.title, _description(rv), og_type="website", jsonld=_overview_ld(x), nav="overview")]


def text_pages(x: ReportPageInput) -> list[Page]:
    rv, t = x.rv, x.lang.t
    return [_report_page(rv, "text/", "text.html", f"{t('full_text')} · {rv.title}", _description(rv), nav="text",
                         jsonld=_page_ld(x, t("full_text"), rv.url + "text/"))]


def targets_pages(x: ReportPageInput) -> list[Page]:
    rv, t = x.rv, x.lang.t
    figures = _separator(x.lang).join(f"{r.indicator} {r.target}" for r in rv.indicator_rows)
    return [_report_page(rv, "targets/", "targets.html", f"{t('targets_heading')} · {rv.title}", figures or _description(rv), nav="targets",
                         jsonld=_page_ld(x, t("targets_heading"), rv.url + "targets/"))]


def about_pages(x: ReportPageInput) -> list[Page]:
    rv, t = x.rv, x.lang.t
    return [_report_page(rv, "about/", "about.html", f"{t('about_heading')} · {rv.title}", t("about_official"), nav="about",
                         context={"notes": x.notes})]


def part_pages(x: ReportPageInput) -> list[Page]:
    rv = x.rv
    pages = []
    for part, nav in zip(rv.parts, pager([Link(part.url, part.label + part.title) for part in rv.parts])):
        first = (part.intro or [p for s in part.sections for p in s.paragraphs] or [None])[0]
        pages.append(_report_page(rv, f"{part.id}/", "part.html", f"{part.label}{part.title} · {rv.title}", first.plain if first else part.title,
                                  context={"part": part, "neighbours": nav, "part_crumbs": [Link(rv.url, rv.title)]}, nav="text",
                                  jsonld=_page_ld(x, part.label + part.title, part.url)))
    return pages


def section_pages(x: ReportPageInput) -> list[Page]:
    rv = x.rv
    navs = dict(zip((s.id for s in rv.sections), pager([Link(s.url, s.label + s.title) for s in rv.sections])))
    return [_report_page(rv, f"{s.id}/", "section.html", f"{s.label}{s.title} · {rv.title}", s.paragraphs[0].plain if s.paragraphs else s.title,
                         context={"section": s, "part": part, "neighbours": navs[s.id], "section_crumbs": [Link(rv.url, rv.title), part_link]},
                         nav="text", jsonld=_page_ld(x, s.label + s.title, s.url, [part_link]))
            for part in rv.parts for part_link in [Link(part.url, part.label + part.title)] for s in part.sections]


def paragraph_pages(x: ReportPageInput) -> list[Page]:
    rv = x.rv
    pages = []
    for p, nav in zip(rv.paragraphs, pager([Link(p.url, p.label, opening_words(p.blocks, p.lang)) for p in rv.paragraphs])):
        name = f"{p.label} · {p.section_title}" if p.section_title else p.label
        paragraph_ld = _page_ld(x, name, p.url, [link for link in p.crumbs if link.url != rv.url])
        paragraph_ld["@graph"][0]["inLanguage"] = p.lang  # a paragraph not yet translated shows the Chinese
        pages.append(_report_page(rv, f"p/{p.id}/", "paragraph.html", f"{p.label} · {p.section_title or rv.title} · {rv.title}", p.plain,
                                  context={"paragraph": p, "neighbours": nav}, nav="text", jsonld=paragraph_ld, image=card_url(x.base_url, p.url)))
    return pages


def target_pages(x: ReportPageInput) -> list[Page]:
    rv, t = x.rv, x.lang.t
    sep = ": " if x.lang.code == "en" else "："
    crumbs = [Link(rv.url, rv.title), Link(rv.url + "targets/", t("targets_heading"))]
    return [_report_page(rv, f"p/{target.id}/", "target.html", f"{target.indicator} {target.figure} · {rv.title}",
                         f"{target.kind_label}{sep}{target.indicator} {target.figure}",
                         context={"target": target, "neighbours": nav, "target_crumbs": crumbs}, nav="targets", image=card_url(x.base_url, target.url),
                         jsonld=_page_ld(x, f"{target.indicator} {target.figure}".strip(), target.url, crumbs[1:]))
            for target, nav in zip(rv.targets, pager([Link(t.url, f"{t.indicator} {t.figure}".strip()) for t in rv.targets]))]


def list_pages(x: ReportPageInput) -> list[Page]:
    rv = x.rv
    return [_report_page(rv, f"lists/{lst.id}/", "list.html", f"{lst.title} · {rv.title}", _separator(x.lang).join(i.indicator for i in lst.items),
                         context={"list": lst}, nav="lists") for lst in rv.lists]


def redirect_pages(x: ReportPageInput) -> list[Page]:
    """A page at each retired ID's old address that sends readers to where the content went."""
    rv, lang = x.rv, x.lang
    known = {p.id: p.url for p in rv.paragraphs} | {s.id: s.url for s in rv.sections} | {p.id: p.url for p in rv.parts}
    known |= {t.id: t.url for t in rv.targets}
    own_page = {p.id for p in rv.paragraphs} | {t.id for t in rv.targets}  # under p/, the others beside the report's pages
    return [Page(f"{rv.id}/p/{old}/" if new in own_page else f"{rv.id}/{old}/", "redirect.html", lang.t("moved_heading"), lang.t("moved_body"),
                 context={"to": known[new], "old": old}, report=rv, noindex=True)
            for old, new in sorted(x.retired.items()) if known.get(new)]


def bilingual_pages(x: ReportPageInput) -> list[Page]:
    rv, t = x.rv, x.lang.t
    if x.partner is None:
        return []
    return [Page(f"{rv.id}/bilingual/", "bilingual.html", f"{t('bilingual_heading')} · {rv.title}", t("bilingual_intro"),
                 context={"groups": bilingual_groups(rv, x.partner)}, report=rv, nav="bilingual", image=rv.card_url)]


def glossary_pages(x: ReportPageInput) -> list[Page]:
    rv, t = x.rv, x.lang.t
    if not x.glossary:
        return []
    return [Page(f"{rv.id}/glossary/", "glossary.html", f"{t('glossary_heading')} · {rv.title}", t("glossary_intro"),
                 context={"terms": x.glossary}, report=rv, nav="glossary", image=rv.card_url)]


def bilingual_groups(mine: ReportView, theirs: ReportView) -> tuple[BilingualGroup, ...]:
    """The side-by-side page in the document's own order: a heading per part and section (in both
    languages) over the paragraph pairs under it."""
    twin = {p.id: p for p in theirs.paragraphs}
    their_parts = {part.id: part for part in theirs.parts}
    their_sections = {s.id: s for s in theirs.sections}

    def group(level: int, unit, other, paragraphs) -> BilingualGroup:
        return BilingualGroup(level=level, id=unit.id if unit else "", title=f"{unit.label}{unit.title}" if unit else "",
                              twin_title=f"{other.label}{other.title}" if other else "", pairs=tuple((p, twin[p.id]) for p in paragraphs))

    groups = [group(2, None, None, mine.opening)] if mine.opening else []
    for part in mine.parts:
        groups.append(group(2, part, their_parts.get(part.id), part.intro))
        groups += [group(3, s, their_sections.get(s.id), s.paragraphs) for s in part.sections]
        if part.outro:
            groups.append(group(3, None, None, part.outro))
    if mine.closing:
        groups.append(group(2, None, None, mine.closing))
    return tuple(groups)


def place_groups(views: list[ReportView], lang: Lang, newest_name: dict[str, str]) -> tuple[PlaceGroup, ...]:
    """The home page's archive: reports grouped by place (the archive's key), each place under the
    name its newest report gives it, places in order of that name, newest year first."""
    places: dict[str, list[ReportView]] = {}
    for rv in views:
        places.setdefault(rv.place_key, []).append(rv)
    groups = [PlaceGroup(place=newest_name[key], reports=tuple(sorted(group, key=lambda rv: (-rv.year, rv.id))),
                         count=lang.t("reports_count_one") if len(group) == 1 else lang.t("reports_count", n=len(group)))
              for key, group in places.items()]
    return tuple(sorted(groups, key=lambda g: g.place))


def home_pages(x: SitePageInput) -> list[Page]:
    intro = shorten(x.lang.t("home_intro"))
    return [Page("", "home.html", x.site_title, intro, context={"places": x.places}, og_type="website", image=x.image,
                 jsonld=ld.graph(ld.web_site(x.site_title, intro, x.home_url, x.lang.code)))]


def place_pages(x: SitePageInput) -> list[Page]:
    """A page per place: its headline goals and their outcomes over the years."""
    t = x.lang.t
    return [Page(pv.url.removeprefix(x.lang.prefix), "place.html", f"{t('place_heading', place=pv.place)} · {x.site_title}",
                 t("place_intro"), context={"place": pv}, image=x.image, og_type="website")
            for pv in x.place_views]


def not_found_pages(x: SitePageInput) -> list[Page]:
    return [Page("404.html", "404.html", x.lang.t("not_found_heading"), x.lang.t("not_found_body"), image=x.image, noindex=True)]


def search_pages(x: SitePageInput) -> list[Page]:
    return [Page("search/", "search.html", f"{x.lang.t('nav_search')} · {x.site_title}", x.lang.t("search_label"),
                 context=x.search, noindex=True, image=x.image)]


def json_ld(data: dict) -> str:
    """JSON for a <script type="application/ld+json"> block; `<` is escaped so text can never close the tag."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
