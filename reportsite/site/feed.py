"""Site-wide files for feed readers and browsers: the Atom feed of the reports and the web manifest.

Both are functions of the reports and the settings alone: dates come from the reports (when each was
published or delivered), never from the clock, so two builds of the same content give the same bytes.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from .views import shorten

if TYPE_CHECKING:
    from .i18n import Lang
    from .render import SiteInfo
    from .views import ReportView

# Work reports are dated in China Standard Time; their sources give the hour without a zone.
REPORT_TIMEZONE = "+08:00"
_DATE_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(:\d{2})?)?")
FEED_NAME = "feed.xml"
MANIFEST_NAME = "manifest.webmanifest"
EARLIEST = "1970-01-01T00:00:00+00:00"  # a feed with no report in it: updated at the epoch, not now


def report_datetime(published: str, delivered: str = "") -> str:
    """When a report came out, as an ISO date-time with its time zone (RFC 3339, which Atom, sitemaps
    and schema.org read): the publication time if the source gave one, else the day it was published
    or delivered at midnight; "" if neither is known."""
    for when in (published, delivered):
        found = _DATE_TIME.fullmatch(when.strip()) if when else None
        if found:
            date, hour, seconds = found.groups()
            return f"{date}T{hour or '00:00'}{seconds or ':00'}{REPORT_TIMEZONE}"
    return ""


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def atom_feed(entries: list[dict], title: str, lang_code: str, home: str, feed_url: str) -> str:
    """An Atom (RFC 4287) feed: one entry per report, newest first. Each entry gives `url`, `title`,
    `summary`, `author` and `updated` (report_datetime); the feed is as new as its newest entry."""
    entries = sorted(entries, key=lambda e: (e["updated"], e["url"]), reverse=True)
    updated = max((e["updated"] for e in entries if e["updated"]), default=EARLIEST)
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{_text(lang_code)}">',
             f"  <id>{_text(home)}</id>", f"  <title>{_text(title)}</title>", f"  <updated>{updated}</updated>",
             f'  <link rel="self" type="application/atom+xml" href="{_text(feed_url)}"/>',
             f'  <link rel="alternate" type="text/html" href="{_text(home)}"/>',
             f"  <author><name>{_text(title)}</name></author>"]
    for e in entries:
        lines += ["  <entry>", f"    <id>{_text(e['url'])}</id>", f"    <title>{_text(e['title'])}</title>",
                  f"    <updated>{e['updated'] or EARLIEST}</updated>",
                  f'    <link rel="alternate" type="text/html" href="{_text(e["url"])}"/>']
        if e.get("author"):
            lines.append(f"    <author><name>{_text(e['author'])}</name></author>")
        if e.get("summary"):
            lines.append(f"    <summary>{_text(e['summary'])}</summary>")
        lines.append("  </entry>")
    return "\n".join(lines + ["</feed>"]) + "\n"


def web_manifest(title: str, short_name: str, lang_code: str, start_url: str, icon_url: str) -> str:
    """The web app manifest of one language's pages: names, where to start, the icon, the colours."""
    data = {
        "name": title, "short_name": short_name, "lang": lang_code, "start_url": start_url,
        "display": "browser", "background_color": "#ffffff", "theme_color": "#123456",
        "icons": [{"src": icon_url, "sizes": "any", "type": "image/svg+xml"}],
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def web_files(reports: list[ReportView], lang: Lang, site: SiteInfo) -> list[tuple[str, str]]:
    """One language's Atom feed of the reports and its web manifest, as (path, text)."""
    title, home = site.title_in(lang.code), site.base_url + lang.prefix
    entries = [{"url": site.base_url + rv.url, "title": rv.title, "author": rv.source, "updated": report_datetime(rv.published, rv.delivered),
                "summary": shorten(rv.opening[0].plain if rv.opening else rv.title)} for rv in reports]
    return [(f"{lang.prefix}{FEED_NAME}", atom_feed(entries, title, lang.code, home, home + FEED_NAME)),
            (f"{lang.prefix}{MANIFEST_NAME}", web_manifest(title, lang.t("site_short_name"), lang.code,
                                                           site.base_path + lang.prefix, site.base_path + "static/favicon.svg"))]
