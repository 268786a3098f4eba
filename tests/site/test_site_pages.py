"""The built site, checked with selectors: pages, metadata, anchors, data files and links."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from .conftest import ROOT

RID = "jiangxian-2022"


def soup(site: Path, path: str) -> BeautifulSoup:
    file = site / path
    if file.is_dir() or path.endswith("/") or path == "":
        file = file / "index.html"
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def all_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def committed_ids() -> dict[str, set[str]]:
    folder = ROOT / "content" / "reports" / RID
    ids = {"paragraph": set(), "section": set(), "part": set()}
    report = yaml.safe_load((folder / "report.yaml").read_text(encoding="utf-8"))
    ids["paragraph"] |= {p["id"] for p in report["opening"] + report["closing"]}
    for name in report["parts"]:
        part = yaml.safe_load((folder / "parts" / name).read_text(encoding="utf-8"))
        ids["part"].add(part["id"])
        ids["paragraph"] |= {p["id"] for p in part["intro"] + part["outro"]}
        for s in part["sections"]:
            ids["section"].add(s["id"])
            ids["paragraph"] |= {p["id"] for p in s["paragraphs"]}
    targets = yaml.safe_load((folder / "targets.yaml").read_text(encoding="utf-8"))
    ids["target"] = {t["id"] for t in targets["targets"]}
    return ids


def test_every_page_type_is_built_in_each_language(site_dir):
    for prefix in ("", "zh-hant/", "en/"):
        for path in ("", f"{RID}/", f"{RID}/text/", f"{RID}/targets/", f"{RID}/about/", f"{RID}/part1/", f"{RID}/s1-1/",
                     f"{RID}/p/s1-1-p1/", f"{RID}/p/t1/", f"{RID}/lists/l1/", "search/", "404.html"):
            target = site_dir / prefix / path
            assert (target if path.endswith(".html") else target / "index.html").is_file(), prefix + path


def test_every_paragraph_target_and_section_has_an_anchor_equal_to_its_id(site_dir):
    ids = committed_ids()
    text = soup(site_dir, f"{RID}/text/")
    anchors = {el["id"] for el in text.select("[id]")}
    assert ids["paragraph"] | ids["section"] | ids["part"] <= anchors
    targets = soup(site_dir, f"{RID}/targets/")
    assert ids["target"] <= {row["id"] for row in targets.select("tr[id]")}
    for pid in ids["paragraph"] | ids["target"]:
        assert (site_dir / RID / "p" / pid / "index.html").is_file(), pid


def test_each_page_has_one_absolute_canonical_and_share_metadata(served_site):
    site, base = served_site
    for file in all_pages(site):
        page = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        canonical = page.select('link[rel="canonical"]')
        assert len(canonical) == 1, file
        assert canonical[0]["href"].startswith(base)
        meta = {m.get("property") or m.get("name"): m.get("content") for m in page.select("meta[content]")}
        for key in ("og:title", "og:description", "og:url", "og:type", "og:image", "twitter:card", "description"):
            assert meta.get(key), f"{file}: {key}"
        assert meta["og:url"] == canonical[0]["href"]
        assert len(meta["og:description"]) <= 200
        assert meta["og:image"].startswith(base)


def test_paragraph_page_previews_the_exact_passage(site_dir):
    page = soup(site_dir, f"{RID}/p/s2-1-p1/")
    description = page.select_one('meta[property="og:description"]')["content"]
    assert description.startswith("一要抓实基础设施项目。")
    assert "新建5G基站132座" in page.select_one("#s2-1-p1").get_text()
    assert page.select_one(".context-link a")["href"].endswith(f"{RID}/s2-1/#s2-1-p1")


def test_every_page_lists_all_three_languages_as_alternates_including_itself(served_site):
    site, base = served_site
    for path in (f"{RID}/p/s1-1-p1/index.html", f"en/{RID}/targets/index.html", "zh-hant/search/index.html"):
        page = soup(site, path)
        alternates = {a["hreflang"]: a["href"] for a in page.select('link[rel="alternate"][hreflang]')}
        assert {"zh-Hans", "zh-Hant", "en", "x-default"} <= set(alternates)
        canonical = page.select_one('link[rel="canonical"]')["href"]
        assert canonical in alternates.values()


def test_pages_declare_their_language_and_a_strict_content_security_policy(site_dir):
    for path, lang in (("index.html", "zh-Hans"), ("zh-hant/index.html", "zh-Hant"), ("en/index.html", "en")):
        page = soup(site_dir, path)
        assert page.html["lang"] == lang
        csp = page.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert page.select_one('meta[name="referrer"]')


def test_no_page_loads_anything_from_another_host(served_site):
    site, base = served_site
    for file in all_pages(site):
        page = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        for el in page.select("script[src], link[rel=stylesheet], img[src], iframe, link[rel=icon]"):
            url = el.get("src") or el.get("href")
            assert not urlsplit(url).netloc or url.startswith(base), f"{file}: {url}"
        assert not page.select("script:not([src]):not([type='application/ld+json'])"), f"inline script in {file}"


def test_headings_never_skip_a_level(site_dir):
    for file in all_pages(site_dir):
        page = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        levels = [int(h.name[1]) for h in page.select("main h1, main h2, main h3, main h4, main h5")]
        assert levels and levels[0] == 1 and levels.count(1) == 1, file
        for before, after in zip(levels, levels[1:]):
            assert after <= before + 1, f"{file}: h{before} then h{after}"


def test_every_internal_link_and_anchor_resolves(served_site):
    site, base = served_site
    ids_cache: dict[Path, set[str]] = {}

    def ids_of(file: Path) -> set[str]:
        if file not in ids_cache:
            ids_cache[file] = {el["id"] for el in BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser").select("[id]")}
        return ids_cache[file]

    checked = 0
    for file in all_pages(site):
        page = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        for a in page.select("a[href]"):
            href = a["href"]
            if href.startswith(base):
                href = "/" + href[len(base):]
            if urlsplit(href).scheme or href.startswith("?"):
                continue
            url, fragment = urldefrag(href)
            if url:
                target = site / url.lstrip("/")
                if url.endswith("/") or target.is_dir():
                    target = target / "index.html"
            else:
                target = file
            assert target.is_file(), f"{file.relative_to(site)}: broken link {href}"
            if fragment and target.suffix == ".html":
                anchor = fragment.split(":~:")[0]
                if anchor:
                    assert anchor in ids_of(target), f"{file.relative_to(site)}: missing anchor {href}"
            checked += 1
    assert checked > 5000


def test_report_json_holds_parts_sections_paragraphs_and_targets(served_site):
    site, base = served_site
    data = json.loads((site / RID / "report.json").read_text(encoding="utf-8"))
    assert data["id"] == RID and data["year"] == 2022
    assert [len(p["sections"]) for p in data["parts"]] == [5, 7, 5]
    paragraph = data["parts"][1]["sections"][0]["paragraphs"][0]
    assert set(paragraph) >= {"id", "text", "url"} and paragraph["url"].startswith(base)
    gdp = next(t for t in data["targets"] if t["kind"] == "indicator" and t["indicator"] == "地区生产总值")
    assert gdp["growth"] == 8 and gdp["qualifier"] == "左右" and gdp["year"] == 2022
    baseline = next(t for t in data["targets"] if t["id"] == gdp["baseline"])
    assert baseline["value"] == 78.9 and baseline["unit"] == "亿元" and baseline["year"] == 2021


def test_targets_csv_has_a_row_per_target_and_defuses_formulas(site_dir):
    text = (site_dir / RID / "targets.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(committed_ids()["target"])
    assert {"id", "kind", "indicator", "value", "unit", "growth", "qualifier", "year", "paragraph", "url"} <= set(rows[0])
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row.values() if not re.fullmatch(r"[-+]?\d+(\.\d+)?", cell))


def test_about_page_lists_every_repair(site_dir):
    page = soup(site_dir, f"{RID}/about/")
    rows = page.select("table.repairs tbody tr")
    assert len(rows) == 16
    assert any("（一）一年来，殊为不易的是全县" in r.get_text() for r in rows)


def test_sitemap_and_robots_list_the_pages(served_site):
    site, base = served_site
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{base}{RID}/p/s1-1-p1/</loc>" in sitemap
    assert f"<loc>{base}en/{RID}/</loc>" in sitemap
    assert f"Sitemap: {base}sitemap.xml" in (site / "robots.txt").read_text()


def test_json_ld_describes_the_report(site_dir):
    page = soup(site_dir, f"{RID}/")
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "Report" and data["name"] == "2022年绛县政府工作报告"


@pytest.mark.parametrize("path", [f"{RID}/p/s1-1-p1/", f"{RID}/text/", f"{RID}/"])
def test_page_weight_stays_small(site_dir, path):
    size = (site_dir / path / "index.html").stat().st_size
    assert size < 200_000, f"{path} weighs {size} bytes"


@pytest.mark.parametrize("prefix, term", [("", "六稳"), ("zh-hant/", "六穩"), ("en/", 'stability on the "six fronts"')])
def test_the_first_occurrence_of_a_glossary_term_on_a_page_links_to_it(site_dir, prefix, term):
    page = soup(site_dir, f"{prefix}{RID}/text/")
    links = [a for a in page.select("a.gloss") if a.get_text() == term]
    assert len(links) == 1
    anchor = links[0]["href"].split("#")[1]
    glossary = soup(site_dir, f"{prefix}{RID}/glossary/")
    assert glossary.select_one(f"#{anchor}") is not None
    assert page.get_text().count(term) >= 1


def test_missing_translations_show_the_chinese_with_its_language_and_a_note(tmp_path):
    from .conftest import build, copy_project

    project = copy_project(tmp_path)
    english = project / "content" / "reports" / RID / "en.yaml"
    data = yaml.safe_load(english.read_text(encoding="utf-8"))
    data["paragraphs"]["s2-1-p1"]["status"] = "missing"
    data["paragraphs"]["s2-1-p2"]["status"] = "draft"
    english.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    build(project, project / "site")
    page = soup(project / "site", f"en/{RID}/s2-1/")
    missing = page.select_one("#s2-1-p1")
    assert missing["lang"] == "zh-Hans" and "一要" in missing.get_text()
    assert missing.select_one(".tr-note").get_text().startswith("This paragraph has not been translated")
    assert page.select_one("#s2-1-p2 .badge-draft") is not None
    assert page.select_one("#s2-1-p3 .badge-reviewed") is not None


def test_traditional_version_uses_the_sites_phrase_corrections_to_opencc(site_dir):
    text = soup(site_dir, f"zh-hant/{RID}/text/").get_text()
    assert "糧食面積" in text and "麪" not in text
    assert "續魯、磨里2個" in text
    assert "必須幹的事快幹一步" in text
