"""Sitemaps: each report's own (a file of the report, reused while it is unchanged), the site-wide
pages' and the index naming them all. One sitemap of every page would pass the protocol's 50,000
URLs at about a hundred reports, and would be written again whole after any edit."""

from __future__ import annotations

import re

from .i18n import Lang
from .pages import Page

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


def urlset(pages_by_lang: dict[str, list[Page]], languages: tuple[Lang, ...], base_url: str) -> str:
    """A sitemap of these pages in every language, each with its alternates in the others."""
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
            + "".join(_entries(pages_by_lang, lang, languages, base_url) for lang in languages) + "</urlset>\n")


def _entries(pages_by_lang: dict[str, list[Page]], lang: Lang, languages: tuple[Lang, ...], base_url: str) -> str:
    keys = {code: {p.key for p in pages} for code, pages in pages_by_lang.items()}
    bases = {other.code: base_url + other.prefix for other in languages}
    lines = []
    for page in pages_by_lang[lang.code]:
        if page.noindex:
            continue
        lines.append(f"  <url><loc>{escape(bases[lang.code] + page.key)}</loc>")
        for other in languages:
            if page.key in keys[other.code]:
                lines.append(f'    <xhtml:link rel="alternate" hreflang="{other.code}" href={_url_attr(bases[other.code] + page.key)}/>')
        lines.append("  </url>")
    return "".join(line + "\n" for line in lines)


def sitemap_index(report_ids: list[str], base_url: str) -> str:
    """The sitemap index: each report's sitemap and the site-wide pages'."""
    files = [f"{rid}/sitemap.xml" for rid in report_ids] + [SITE_SITEMAP]
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            + "".join(f"  <sitemap><loc>{escape(base_url + path)}</loc></sitemap>\n" for path in files) + "</sitemapindex>\n")
