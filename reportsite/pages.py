"""Page-list pass: which pages the site has, with their titles, descriptions and structured data."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from . import structured as ld
from .i18n import Lang
from .views import Link, ReportView, shorten


@dataclass
class Page:
    key: str  # the page's path under a language root: "jiangxian-2022/p/s1-1-p1/"
    template: str
    title: str
    description: str
    context: dict = field(default_factory=dict)
    og_type: str = "article"
    image: str = ""
    jsonld: dict | None = None
    report: ReportView | None = None
    nav: str = ""  # which report tab is current
    noindex: bool = False

    def output_path(self, lang: Lang) -> str:
        path = lang.prefix + self.key
        return path + "index.html" if path.endswith("/") or path == "" else path


def pager(links: list[Link]) -> list[dict]:
    """For each page of a sequence, its previous and next page (rel="prev"/rel="next")."""
    return [{"prev": links[i - 1] if i else None, "next": links[i + 1] if i + 1 < len(links) else None}
            for i in range(len(links))]


def report_pages(rv: ReportView, lang: Lang, site_title: str, base_url: str, notes: str = "") -> list[Page]:
    """Every page of one report in one language; `notes` is the editors' Markdown for the about page."""
    t = lang.t
    rid = rv.id
    desc = shorten(rv.opening[0].plain if rv.opening else rv.title)
    report_ld = ld.report_node(rv, lang.code, base_url)
    home_crumbs = [(site_title, base_url + lang.prefix), (rv.title, base_url + rv.url)]
    downloads = {key: t(f"download_{key}") for _, _, key in ld.DOWNLOADS} | {"dataset": t("data_downloads")}
    overview_ld = ld.graph(report_ld, ld.dataset(rv, lang.code, base_url, base_url, t("dataset_description"), downloads),
                           ld.breadcrumbs(home_crumbs))

    def page_ld(name: str, url: str, trail: list[Link], description: str = "") -> dict:
        """A page of the report: itself, the report it is part of, and the way down to it."""
        crumbs = home_crumbs + [(link.label, base_url + link.url) for link in trail] + [(name, base_url + url)]
        return ld.graph(ld.web_page(name, base_url + url, lang.code, base_url, rv, description), report_ld, ld.breadcrumbs(crumbs))

    def page(key, template, title, description, **kw) -> Page:
        return Page(f"{rid}/{key}", template, title, shorten(description), image=rv.card_url, report=rv, **kw)

    pages = [
        page("", "overview.html", rv.title, desc, og_type="website", jsonld=overview_ld, nav="overview"),
        page("text/", "text.html", f"{t('full_text')} · {rv.title}", desc, nav="text", jsonld=page_ld(t("full_text"), rv.url + "text/", [])),
        page("targets/", "targets.html", f"{t('targets_heading')} · {rv.title}",
             ("; " if lang.code == "en" else "；").join(f"{r['indicator']} {r['target']}" for r in rv.indicator_rows) or desc, nav="targets",
             jsonld=page_ld(t("targets_heading"), rv.url + "targets/", [])),
        page("about/", "about.html", f"{t('about_heading')} · {rv.title}", t("about_official"), nav="about",
             context={"notes": notes}),
    ]
    home = Link(rv.url, rv.title)
    part_pager = pager([Link(part.url, part.label + part.title) for part in rv.parts])
    section_pager = dict(zip((s.id for s in rv.sections), pager([Link(s.url, s.label + s.title) for s in rv.sections])))
    for part, nav in zip(rv.parts, part_pager):
        first = (part.intro or [p for s in part.sections for p in s.paragraphs] or [None])[0]
        pages.append(page(f"{part.id}/", "part.html", f"{part.label}{part.title} · {rv.title}",
                          first.plain if first else part.title, context={"part": part, "neighbours": nav, "part_crumbs": [home]}, nav="text",
                          jsonld=page_ld(part.label + part.title, part.url, [])))
        for s in part.sections:
            part_link = Link(part.url, part.label + part.title)
            pages.append(page(f"{s.id}/", "section.html", f"{s.label}{s.title} · {rv.title}",
                              s.paragraphs[0].plain if s.paragraphs else s.title,
                              context={"section": s, "part": part, "neighbours": section_pager[s.id],
                                       "section_crumbs": [home, part_link]}, nav="text",
                              jsonld=page_ld(s.label + s.title, s.url, [part_link])))
    for p, nav in zip(rv.paragraphs, pager([Link(p.url, p.label) for p in rv.paragraphs])):
        name = f"{p.label} · {p.section_title}" if p.section_title else p.label
        paragraph_ld = page_ld(name, p.url, [link for link in p.crumbs if link.url != rv.url])
        paragraph_ld["@graph"][0]["inLanguage"] = p.lang  # a paragraph not yet translated shows the Chinese
        pages.append(page(f"p/{p.id}/", "paragraph.html", f"{p.label} · {p.section_title or rv.title} · {rv.title}",
                          p.plain, context={"paragraph": p, "neighbours": nav}, nav="text", jsonld=paragraph_ld))
    sep = ": " if lang.code == "en" else "："
    for target, nav in zip(rv.targets, pager([Link(t.url, f"{t.indicator} {t.figure}".strip()) for t in rv.targets])):
        pages.append(page(f"p/{target.id}/", "target.html", f"{target.indicator} {target.figure} · {rv.title}",
                          f"{target.kind_label}{sep}{target.indicator} {target.figure}",
                          context={"target": target, "neighbours": nav, "target_crumbs": [home, Link(rv.url + "targets/", t("targets_heading"))]}, nav="targets",
                          jsonld=page_ld(f"{target.indicator} {target.figure}".strip(), target.url, [Link(rv.url + "targets/", t("targets_heading"))])))
    for lst in rv.lists:
        pages.append(page(f"lists/{lst['id']}/", "list.html", f"{lst['title']} · {rv.title}",
                          ("; " if lang.code == "en" else "；").join(i.indicator for i in lst["items"]), context={"list": lst}, nav="lists"))
    return pages


def redirect_pages(rv: ReportView, retired: dict[str, str], lang: Lang) -> list[Page]:
    """A page at each retired ID's old address that sends readers to where the content went."""
    pages = []
    known = {p.id: p.url for p in rv.paragraphs} | {s.id: s.url for s in rv.sections} | {p.id: p.url for p in rv.parts}
    known |= {t.id: t.url for t in rv.targets}
    for old, new in sorted(retired.items()):
        target = known.get(new)
        if not target:
            continue
        key = f"{rv.id}/p/{old}/" if new in {p.id for p in rv.paragraphs} or new in {t.id for t in rv.targets} else f"{rv.id}/{old}/"
        pages.append(Page(key, "redirect.html", lang.t("moved_heading"), lang.t("moved_body"),
                          context={"to": target, "old": old}, report=rv, noindex=True))
    return pages


def site_pages(reports: list[ReportView], lang: Lang, site_title: str, home_url: str = "") -> list[Page]:
    image = reports[0].card_url if reports else ""
    return [
        Page("", "home.html", site_title, shorten(lang.t("home_intro")), context={"places": archive_groups(reports, lang)}, og_type="website", image=image,
             jsonld=ld.graph(ld.web_site(site_title, shorten(lang.t("home_intro")), home_url, lang.code))),
        Page("404.html", "404.html", lang.t("not_found_heading"), lang.t("not_found_body"), image=image, noindex=True),
    ]


def archive_groups(reports: list[ReportView], lang: Lang) -> list[dict]:
    """The home page's archive: reports grouped by place (places in order of name), newest year first."""
    places: dict[str, list[ReportView]] = {}
    for rv in reports:
        places.setdefault(rv.place, []).append(rv)
    return [{"place": place, "count": lang.t("reports_count_one") if len(group) == 1 else lang.t("reports_count", n=len(group)),
             "reports": sorted(group, key=lambda rv: (-rv.year, rv.id))} for place, group in sorted(places.items())]


def json_ld(data: dict) -> str:
    """JSON for a <script type="application/ld+json"> block; `<` is escaped so text can never close the tag."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
