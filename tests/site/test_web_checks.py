"""What the web's own readers check: titles and locales in the page's language, the Atom feed, the
icon and manifest, sitemaps with dates and a default language, and the structured data."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from ..pagefacts import facts_of
from .test_site_pages import RID, all_pages, soup

LANGS = (("", "zh-Hans", "zh_CN", "政府工作报告浏览"), ("zh-hant/", "zh-Hant", "zh_TW", "政府工作報告瀏覽"),
         ("en/", "en", "en_US", "Government Work Reports Explorer"))
ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")


def head_meta(page: BeautifulSoup) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for m in page.select("head meta[property], head meta[name]"):
        out.setdefault(m.get("property") or m.get("name"), []).append(m.get("content", ""))
    return out


@pytest.mark.parametrize("prefix, code, locale, title", LANGS)
def test_the_site_name_and_home_title_are_in_the_pages_language(site_dir, prefix, code, locale, title):
    home = soup(site_dir, prefix)
    assert home.title.get_text() == title
    assert head_meta(home)["og:site_name"] == [title]
    search = soup(site_dir, f"{prefix}search/")
    assert search.title.get_text().endswith(f" · {title}")
    overview = soup(site_dir, f"{prefix}{RID}/")
    assert head_meta(overview)["og:site_name"] == [title]


@pytest.mark.parametrize("prefix, code, locale, title", LANGS)
def test_og_locale_names_the_territory_and_the_other_languages_are_alternates(site_dir, prefix, code, locale, title):
    for path in ("", f"{RID}/", f"{RID}/p/s1-1-p1/", f"{RID}/p/t1/"):
        meta = head_meta(soup(site_dir, prefix + path))
        assert meta["og:locale"] == [locale]
        assert sorted(meta["og:locale:alternate"]) == sorted({"zh_CN", "zh_TW", "en_US"} - {locale})


def test_every_page_links_the_icon_the_manifest_and_its_languages_feed(site_dir):
    for file in all_pages(site_dir):
        page = facts_of(file)
        prefix = {"zh-Hans": "", "zh-Hant": "zh-hant/", "en": "en/"}[page.lang]
        icon = page.head_link("icon")
        assert icon["href"] == "/static/favicon.svg" and icon["type"] == "image/svg+xml", file
        assert page.head_link("manifest")["href"] == f"/{prefix}manifest.webmanifest", file
        feed = page.head_link("alternate", "application/atom+xml")
        assert feed["href"] == f"/{prefix}feed.xml" and feed["title"], file


def test_the_icon_is_an_svg_of_our_own_and_the_manifests_name_the_site_in_their_language(site_dir):
    icon = ElementTree.parse(site_dir / "static" / "favicon.svg").getroot()
    assert icon.tag == "{http://www.w3.org/2000/svg}svg" and icon.get("viewBox") == "0 0 64 64"
    for prefix, code, _, title in LANGS:
        manifest = json.loads((site_dir / prefix / "manifest.webmanifest").read_text(encoding="utf-8"))
        assert manifest["name"] == title and manifest["lang"] == code and manifest["start_url"] == f"/{prefix}"
        assert manifest["short_name"] and len(manifest["short_name"]) <= 12
        for icon in manifest["icons"]:
            assert (site_dir / icon["src"].lstrip("/")).is_file() and icon["type"] == "image/svg+xml"


@pytest.mark.parametrize("prefix, code, locale, title", LANGS)
def test_the_atom_feed_is_valid_and_lists_each_report_with_its_publication_time(served_site, prefix, code, locale, title):
    site, base = served_site
    feed = ElementTree.parse(site / prefix / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed" and feed.get("{http://www.w3.org/XML/1998/namespace}lang") == code
    # RFC 4287 §4.1.1: exactly one id, title and updated; an author on the feed or on every entry.
    for name in ("id", "title", "updated", "author"):
        assert len(feed.findall(f"{ATOM}{name}")) == 1, name
    assert feed.findtext(f"{ATOM}title") == title
    assert RFC3339.fullmatch(feed.findtext(f"{ATOM}updated"))
    self_link = [l for l in feed.findall(f"{ATOM}link") if l.get("rel") == "self"]
    assert [l.get("href") for l in self_link] == [f"{base}{prefix}feed.xml"]
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 1
    entry = entries[0]
    for name in ("id", "title", "updated", "summary"):
        assert len(entry.findall(f"{ATOM}{name}")) == 1, name
    assert entry.findtext(f"{ATOM}id") == f"{base}{prefix}{RID}/"
    assert entry.findtext(f"{ATOM}updated") == "2022-02-25T08:34:00+08:00"  # published on the source, China time
    assert entry.find(f"{ATOM}link").get("href") == f"{base}{prefix}{RID}/"
    assert feed.findtext(f"{ATOM}updated") == entry.findtext(f"{ATOM}updated")  # from the content, not the clock


def test_report_datetime_gives_the_time_zone_and_falls_back_to_the_day():
    from reportsite.site.feed import report_datetime

    assert report_datetime("2022-02-25T08:34") == "2022-02-25T08:34:00+08:00"
    assert report_datetime("2022-02-25 08:34:10") == "2022-02-25T08:34:10+08:00"
    assert report_datetime("", "2022-01-26") == "2022-01-26T00:00:00+08:00"
    assert report_datetime("2022-02", "") == ""
    assert report_datetime("", "") == ""


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def test_every_sitemap_entry_has_a_dated_lastmod_and_an_x_default_alternate(served_site):
    site, base = served_site
    index = ElementTree.parse(site / "sitemap.xml").getroot()
    for entry in index.iter(f"{SITEMAP}sitemap"):
        assert entry.findtext(f"{SITEMAP}lastmod") == "2022-02-25T08:34:00+08:00"
    for path in ("sitemap-site.xml", f"{RID}/sitemap.xml"):
        for url in ElementTree.parse(site / path).getroot().iter(f"{SITEMAP}url"):
            loc = url.findtext(f"{SITEMAP}loc")
            # The report's publication time (its source's, China time): the content's date, not the build's.
            assert url.findtext(f"{SITEMAP}lastmod") == "2022-02-25T08:34:00+08:00", loc
            links = {link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")}
            assert set(links) == {"zh-Hans", "zh-Hant", "en", "x-default"}, loc
            assert links["x-default"] == links["zh-Hans"]


def json_ld(page: BeautifulSoup) -> dict:
    blocks = page.select('script[type="application/ld+json"]')
    assert len(blocks) == 1
    return json.loads(blocks[0].string)


def contexts(node) -> int:
    if isinstance(node, dict):
        return ("@context" in node) + sum(contexts(v) for v in node.values())
    if isinstance(node, list):
        return sum(contexts(v) for v in node)
    return 0


def test_every_page_with_structured_data_has_one_context_and_no_nested_one(site_dir):
    seen = 0
    for file in all_pages(site_dir):
        blocks = facts_of(file).json_ld
        if blocks:
            assert len(blocks) == 1, file
            data = json.loads(blocks[0])
            assert data["@context"] == "https://schema.org" and contexts(data) == 1, file
            seen += 1
    assert seen > 500


@pytest.mark.parametrize("prefix", ["", "zh-hant/", "en/"])
def test_home_section_target_and_paragraph_pages_carry_structured_data_with_breadcrumbs(served_site, prefix):
    site, base = served_site
    home = {n["@type"]: n for n in json_ld(soup(site, prefix))["@graph"]}
    assert home["WebSite"]["url"] == f"{base}{prefix}"
    assert home["WebSite"]["potentialAction"]["target"]["urlTemplate"] == f"{base}{prefix}search/?q={{query}}"
    for path, depth in ((f"{RID}/s1-1/", 4), (f"{RID}/p/t1/", 4), (f"{RID}/p/s1-1-p1/", 5), (f"{RID}/part1/", 3)):
        nodes = {n["@type"]: n for n in json_ld(soup(site, prefix + path))["@graph"]}
        assert nodes["WebPage"]["url"] == f"{base}{prefix}{path}"
        assert nodes["WebPage"]["isPartOf"] == {"@id": nodes["Report"]["@id"]}
        crumbs = nodes["BreadcrumbList"]["itemListElement"]
        assert [c["position"] for c in crumbs] == list(range(1, depth + 1)), path
        assert crumbs[0]["item"] == f"{base}{prefix}" and crumbs[1]["item"] == f"{base}{prefix}{RID}/"
        assert crumbs[-1]["item"] == f"{base}{prefix}{path}"


@pytest.mark.parametrize("prefix", ["", "zh-hant/", "en/"])
def test_the_overview_describes_the_report_with_its_time_zone_and_its_downloads_as_a_dataset(served_site, prefix):
    site, base = served_site
    nodes = {n["@type"]: n for n in json_ld(soup(site, f"{prefix}{RID}/"))["@graph"]}
    assert nodes["Report"]["datePublished"] == "2022-02-25T08:34:00+08:00"
    dataset = nodes["Dataset"]
    assert dataset["about"] == {"@id": nodes["Report"]["@id"]} and dataset["name"] and dataset["description"]
    for download in dataset["distribution"]:
        assert download["contentUrl"].startswith(f"{base}{RID}/")
        assert (site / download["contentUrl"].removeprefix(base)).is_file(), download
    assert {d["encodingFormat"] for d in dataset["distribution"]} == {"application/json", "text/csv"}


def test_no_english_page_has_chinese_in_its_title_or_site_name(site_dir):
    cjk = re.compile(r"[\u3400-\u9fff]")
    for file in sorted((site_dir / "en").rglob("*.html")):
        page = facts_of(file)
        assert not cjk.search(page.title + page.head_meta["og:site_name"][0]), file


@pytest.mark.parametrize("prefix, code, locale, title", LANGS)
def test_every_page_names_the_site_in_its_own_language(site_dir, prefix, code, locale, title):
    files = [f for f in sorted((site_dir / prefix).rglob("*.html")) if prefix or not f.relative_to(site_dir).parts[0] in ("en", "zh-hant")]
    assert len(files) > 100
    for file in files:
        assert facts_of(file).head_meta["og:site_name"] == [title], file
