"""The page registry: every kind of page the site has, one entry each.

A page kind is a view (views.py, made in report_view.py or here), an entry below naming its
template and the function that makes its pages (pages.py), and the template itself. The build
renders what the entries make, in the order they are listed: that order is the order of each
report's sitemap.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from . import pages as p
from .pages import Page, ReportPageInput, SitePageInput


@dataclass(frozen=True)
class PageKind:
    name: str
    template: str
    pages: Callable[..., list[Page]]  # ReportPageInput or SitePageInput -> this kind's pages
    # For a kind nested in another (a part's sections): the key of the page its pages follow.
    follows: Callable[[Page], str] | None = None


REPORT_KINDS = (
    PageKind("overview", "overview.html", p.overview_pages),
    PageKind("text", "text.html", p.text_pages),
    PageKind("targets", "targets.html", p.targets_pages),
    PageKind("about", "about.html", p.about_pages),
    PageKind("part", "part.html", p.part_pages),
    PageKind("section", "section.html", p.section_pages, follows=lambda page: f"{page.report.id}/{page.context['part'].id}/"),
    PageKind("paragraph", "paragraph.html", p.paragraph_pages),
    PageKind("target", "target.html", p.target_pages),
    PageKind("list", "list.html", p.list_pages),
    PageKind("redirect", "redirect.html", p.redirect_pages),
    PageKind("bilingual", "bilingual.html", p.bilingual_pages),
    PageKind("glossary", "glossary.html", p.glossary_pages),
)

SITE_KINDS = (
    PageKind("home", "home.html", p.home_pages),
    PageKind("not-found", "404.html", p.not_found_pages),
    PageKind("search", "search.html", p.search_pages),
    PageKind("place", "place.html", p.place_pages),
)

# Every template the build compiles up front: the page kinds' and the furniture every page includes.
TEMPLATES = [kind.template for kind in REPORT_KINDS + SITE_KINDS] + ["chrome.html"]


def _assemble(kinds: tuple[PageKind, ...], made_of) -> list[Page]:
    pages: list[Page] = []
    for kind in kinds:
        made = kind.pages(made_of)
        if kind.follows is None:
            pages += made
            continue
        after: dict[str, list[Page]] = {}
        for page in made:
            after.setdefault(kind.follows(page), []).append(page)
        pages = [q for page in pages for q in (page, *after.get(page.key, ()))]
    return pages


def report_pages(x: ReportPageInput) -> list[Page]:
    """Every page of one report in one language."""
    return _assemble(REPORT_KINDS, x)


def site_pages(x: SitePageInput) -> list[Page]:
    """The pages every report feeds: home, 404, search and the places' pages."""
    return _assemble(SITE_KINDS, x)

