"""Page-list pass: which pages the site has, with their titles, descriptions and structured data."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

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
    report_ld = {
        "@context": "https://schema.org", "@type": "Report", "name": rv.title, "inLanguage": lang.code,
        "datePublished": rv.published[:10] or rv.delivered, "dateCreated": rv.delivered,
        "author": {"@type": "GovernmentOrganization", "name": rv.source}, "url": base_url + rv.url,
        "spatialCoverage": rv.place, "isAccessibleForFree": True,
    }

    def page(key, template, title, description, **kw) -> Page:
        return Page(f"{rid}/{key}", template, title, shorten(description), image=rv.card_url, report=rv, **kw)

    pages = [
        page("", "overview.html", rv.title, desc, og_type="website", jsonld=report_ld, nav="overview"),
        page("text/", "text.html", f"{t('full_text')} · {rv.title}", desc, nav="text", jsonld=report_ld),
        page("targets/", "targets.html", f"{t('targets_heading')} · {rv.title}",
             ("; " if lang.code == "en" else "；").join(f"{r['indicator']} {r['target']}" for r in rv.indicator_rows) or desc, nav="targets"),
        page("about/", "about.html", f"{t('about_heading')} · {rv.title}", t("about_official"), nav="about",
             context={"notes": notes}),
    ]
    home = Link(rv.url, rv.title)
    part_pager = pager([Link(part.url, part.label + part.title) for part in rv.parts])
    section_pager = dict(zip((s.id for s in rv.sections), pager([Link(s.url, s.label + s.title) for s in rv.sections])))
    for part, nav in zip(rv.parts, part_pager):
        first = (part.intro or [p for s in part.sections for p in s.paragraphs] or [None])[0]
        pages.append(page(f"{part.id}/", "part.html", f"{part.label}{part.title} · {rv.title}",
                          first.plain if first else part.title, context={"part": part, "neighbours": nav, "part_crumbs": [home]}, nav="text"))
        for s in part.sections:
            pages.append(page(f"{s.id}/", "section.html", f"{s.label}{s.title} · {rv.title}",
                              s.paragraphs[0].plain if s.paragraphs else s.title,
                              context={"section": s, "part": part, "neighbours": section_pager[s.id],
                                       "section_crumbs": [home, Link(part.url, part.label + part.title)]}, nav="text"))
    for p, nav in zip(rv.paragraphs, pager([Link(p.url, p.label) for p in rv.paragraphs])):
        ld = {"@context": "https://schema.org", "@type": "WebPage", "name": f"{p.label} · {p.section_title}",
              "inLanguage": p.lang, "isPartOf": report_ld, "url": base_url + lang.prefix + p.url[len(lang.prefix):]}
        pages.append(page(f"p/{p.id}/", "paragraph.html", f"{p.label} · {p.section_title or rv.title} · {rv.title}",
                          p.plain, context={"paragraph": p, "neighbours": nav}, nav="text", jsonld=ld))
    sep = ": " if lang.code == "en" else "："
    for target, nav in zip(rv.targets, pager([Link(t.url, f"{t.indicator} {t.figure}".strip()) for t in rv.targets])):
        pages.append(page(f"p/{target.id}/", "target.html", f"{target.indicator} {target.figure} · {rv.title}",
                          f"{target.kind_label}{sep}{target.indicator} {target.figure}",
                          context={"target": target, "neighbours": nav, "target_crumbs": [home, Link(rv.url + "targets/", t("targets_heading"))]}, nav="targets"))
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


def site_pages(reports: list[ReportView], lang: Lang, site_title: str) -> list[Page]:
    image = reports[0].card_url if reports else ""
    return [
        Page("", "home.html", site_title, shorten(lang.t("home_intro")), context={"places": archive_groups(reports, lang)}, og_type="website", image=image),
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
