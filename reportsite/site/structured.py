"""Structured data pass: the schema.org JSON-LD of each kind of page, as one graph per page.

Each page's data is one object with one @context and its nodes in @graph; nodes refer to each
other by @id (the report is `<overview URL>#report`), so no node is nested with a context of its own.
"""

from __future__ import annotations

from .feed import report_datetime

CONTEXT = "https://schema.org"
# The files a report offers for reuse: (file name, encoding format, what it holds).
DOWNLOADS = (("report.json", "application/json", "json"), ("report.en.json", "application/json", "json_en"),
             ("targets.csv", "text/csv", "csv"), ("targets.en.csv", "text/csv", "csv_en"),
             ("datapackage.json", "application/json", "datapackage"))


def graph(*nodes: dict) -> dict:
    """One JSON-LD document: the context once, the nodes beside each other."""
    return {"@context": CONTEXT, "@graph": [node for node in nodes if node]}


def report_id(base_url: str, rv) -> str:
    return base_url + rv.url + "#report"


def report_node(rv, lang_code: str, base_url: str) -> dict:
    """The report itself: who issued it, where and when (with the time zone it was dated in)."""
    published = report_datetime(rv.published, rv.delivered)
    node = {"@type": "Report", "@id": report_id(base_url, rv), "name": rv.title, "inLanguage": lang_code,
            "author": {"@type": "GovernmentOrganization", "name": rv.source}, "url": base_url + rv.url,
            "spatialCoverage": {"@type": "Place", "name": rv.place}, "isAccessibleForFree": True}
    if published:
        node["datePublished"] = published
    if rv.delivered:
        node["dateCreated"] = rv.delivered
    return node


def breadcrumbs(trail: list[tuple[str, str]]) -> dict:
    """A BreadcrumbList of (name, absolute URL) from the home page down to the page itself."""
    return {"@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": i, "name": name, "item": url} for i, (name, url) in enumerate(trail, start=1)]}


def web_page(name: str, url: str, lang_code: str, base_url: str, rv, description: str = "") -> dict:
    node = {"@type": "WebPage", "@id": url, "name": name, "url": url, "inLanguage": lang_code,
            "isPartOf": {"@id": report_id(base_url, rv)}}
    if description:
        node["description"] = description
    return node


def dataset(rv, lang_code: str, base_url: str, site_url: str, description: str, names: dict[str, str]) -> dict:
    """The report's data files as a Dataset: `names` labels each download in the page's language."""
    folder = site_url + rv.id + "/"
    node = {"@type": "Dataset", "@id": base_url + rv.url + "#data", "name": names["dataset"], "description": description,
            "inLanguage": lang_code, "about": {"@id": report_id(base_url, rv)}, "isAccessibleForFree": True,
            "spatialCoverage": {"@type": "Place", "name": rv.place},
            "creator": {"@type": "GovernmentOrganization", "name": rv.source},
            "distribution": [{"@type": "DataDownload", "name": names[key], "encodingFormat": media, "contentUrl": folder + name}
                             for name, media, key in DOWNLOADS]}
    if rv.year:
        node["temporalCoverage"] = str(rv.year)
    return node


def web_site(name: str, description: str, home: str, lang_code: str) -> dict:
    """The home page: the site, and how to search it."""
    return {"@type": "WebSite", "@id": home + "#site", "name": name, "description": description, "url": home, "inLanguage": lang_code,
            "potentialAction": {"@type": "SearchAction", "target": {"@type": "EntryPoint", "urlTemplate": home + "search/?q={query}"},
                                "query-input": "required name=query"}}
