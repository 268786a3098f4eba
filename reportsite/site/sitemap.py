"""Sitemaps: each report's own (a file of the report, reused while it is unchanged), the site-wide
pages' and the index naming them all. One sitemap of every page would pass the protocol's 50,000
URLs at about a hundred reports, and would be written again whole after any edit."""

from __future__ import annotations

import re

from .feed import report_datetime
from .i18n import Lang
from .pages import Page
from .views import ReportView

SITE_SITEMAP = "sitemap-site.xml"  # the home, search and 404 pages' entries


def escape(text: str) -> str:
    """XML character data, as xml.sax.saxutils.escape writes it: that module imports urllib.request,
    and with it http, email and ssl, which was a tenth of the build's start-up."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def quoteattr(text: str) -> str:
    """An XML attribute value with its quotes, as xml.sax.saxutils.quoteattr writes it."""
    text = escape(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in text:
        return f'"{text}"'
    return f"'{text}'" if "'" not in text else '"' + text.replace('"', "&quot;") + '"'


_NEEDS_QUOTING = re.compile('[&<>"\n\r\t]')


def _url_attr(url: str) -> str:
    """quoteattr for a URL, short-cut for the usual one that needs no escaping (a sitemap has 100,000)."""
    return f'"{url}"' if url.isascii() and not _NEEDS_QUOTING.search(url) else quoteattr(url)


def report_lastmod(rv: ReportView) -> str:
    """When a report's pages last changed, as far as the content says: when the report came out."""
    return report_datetime(rv.published, rv.delivered)


def newest_lastmod(reports: list[ReportView]) -> str:
    """When the site-wide pages last changed: when the newest report came out."""
    return max((report_lastmod(rv) for rv in reports), default="")


def urlset(pages_by_lang: dict[str, list[Page]], languages: tuple[Lang, ...], base_url: str, newest: str = "") -> str:
    """A sitemap of these pages in every language, each with its alternates in the others and the
    default language's as x-default; a report's page is dated when the report came out, a site-wide
    page when the newest report did (`newest`): dates from the content, never the clock."""
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
            + "".join(_entries(pages_by_lang, lang, languages, base_url, newest) for lang in languages) + "</urlset>\n")


def _entries(pages_by_lang: dict[str, list[Page]], lang: Lang, languages: tuple[Lang, ...], base_url: str, newest: str) -> str:
    keys = {code: {p.key for p in pages} for code, pages in pages_by_lang.items()}
    bases = {other.code: base_url + other.prefix for other in languages}
    lines = []
    for page in pages_by_lang[lang.code]:
        if page.noindex:
            continue
        lines.append(f"  <url><loc>{escape(bases[lang.code] + page.key)}</loc>")
        lastmod = report_lastmod(page.report) if page.report is not None else newest
        if lastmod:
            lines.append(f"    <lastmod>{lastmod}</lastmod>")
        for other in languages:
            if page.key in keys[other.code]:
                lines.append(f'    <xhtml:link rel="alternate" hreflang="{other.code}" href={_url_attr(bases[other.code] + page.key)}/>')
        for other in languages:
            if other.prefix == "" and page.key in keys[other.code]:
                lines.append(f'    <xhtml:link rel="alternate" hreflang="x-default" href={_url_attr(bases[other.code] + page.key)}/>')
        lines.append("  </url>")
    return "".join(line + "\n" for line in lines)


def sitemap_index(reports: list[ReportView], base_url: str) -> str:
    """The sitemap index: each report's sitemap and the site-wide pages', each dated as its newest page."""
    files = [(f"{rv.id}/sitemap.xml", report_lastmod(rv)) for rv in reports] + [(SITE_SITEMAP, newest_lastmod(reports))]
    entries = "".join(f"  <sitemap><loc>{escape(base_url + path)}</loc>{f'<lastmod>{lastmod}</lastmod>' if lastmod else ''}</sitemap>\n"
                      for path, lastmod in files)
    return '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + entries + "</sitemapindex>\n"
