"""The example archive on the site: notes linked from their markers and back, lost notes flagged,
appendices, the text's kind and the place's metadata; and the site-level checks (anchors, headings,
canonical, report.json's schema, axe-core) on other reports than the seed, served under the archive's
sub-path (every link of the same build is checked in tests/test_example_archive.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest

from ..pagefacts import facts_of
from ..test_example_archive import BASE_URL
from .conftest import read_with, settle
from .test_browser import axe_violations
from .test_data_schemas import validator
from .test_site_pages import soup

NOTES = "rongcheng-2017"  # nine notes, all found
LOST = "baoding-2021"  # 54 markers, the glossary lost
NEWS = "baoding-2023"  # a news rewrite of the report
EXCERPT = "gaoyang-2019"
APPENDIX = "baoding-2022"  # 22 notes, and the appendix the fixture adds
LANGS = ("", "zh-hant/", "en/")
CHECKED = (NOTES, LOST, NEWS, EXCERPT, APPENDIX)


def pages_of(site: Path) -> list[Path]:
    """Every page of the checked reports in every language, and the site's own pages."""
    return sorted(f for prefix in LANGS for rid in CHECKED for f in (site / prefix / rid).rglob("*.html")) + [
        site / prefix / "index.html" for prefix in LANGS]


def test_markers_link_to_their_notes_and_each_note_links_back_to_a_paragraph_that_marks_it(example_site):
    for prefix in LANGS:
        page = soup(example_site[0], f"{prefix}{NOTES}/text/")
        notes = page.select("section#notes ol.note-list > li")
        assert [li["id"] for li in notes] == [f"note{n}" for n in range(1, 10)]
        for a in page.select("sup.note-mark a"):
            assert page.select_one(a["href"]) in notes and a.get_text() == f"[{a['href'][len('#note'):]}]"
        for li in notes:
            back = page.select_one(li.select_one("a.note-back")["href"])
            assert "para" in back["class"] and back.select_one(f'sup.note-mark a[href="#{li["id"]}"]') is not None


def test_notes_are_listed_as_notes_not_as_paragraphs(example_site):
    page = soup(example_site[0], f"{NOTES}/text/")
    assert "全国中小企业股份转让系统" in page.select_one("#note1").get_text()
    assert not [p for p in page.select(".para") if "全国中小企业股份转让系统" in p.get_text()]


@pytest.mark.parametrize("kind", ["s3-3", "p/s3-5-p4"])
def test_a_section_or_paragraph_page_lists_exactly_the_notes_its_markers_link_to(example_site, kind):
    page = soup(example_site[0], f"{NOTES}/{kind}/")
    marked = {a["href"][1:] for a in page.select("sup.note-mark a")}
    assert marked and {li["id"] for li in page.select("ol.note-list > li")} == marked


def test_untranslated_notes_say_their_language_and_the_traditional_page_converts_them(example_site):
    en = soup(example_site[0], f"en/{NOTES}/text/").select_one("#note1 .note-text")
    hant = soup(example_site[0], f"zh-hant/{NOTES}/text/").select_one("#note1 .note-text")
    assert en["lang"] == "zh-Hans" and "全国中小企业股份转让系统" in en.get_text()
    assert hant.get("lang") is None and "全國中小企業股份轉讓系統" in hant.get_text()


def test_a_marker_whose_note_was_lost_stays_as_printed_with_a_visible_flag(example_site):
    page = soup(example_site[0], f"{LOST}/text/")
    lost = page.select(".note-lost")
    assert len(lost) >= 54 and not page.select("sup.note-mark a")
    assert all(re.fullmatch(r"\[\d+\]注释缺失", x.get_text()) for x in lost)
    assert "原文缺失以下标注的注释：[1]；[2]；" in page.select_one("#notes .notes-lost").get_text()
    en = soup(example_site[0], f"en/{LOST}/text/").select_one(".note-lost-flag")
    assert en.get_text() == "note lost in the source" and en["lang"] == "en"


def test_appendices_close_the_full_text_and_the_contents_link_to_them(example_site):
    page = soup(example_site[0], f"{APPENDIX}/text/")
    appendix = page.select_one("section#appendices section#appendix1")
    assert appendix.select_one("h3").get_text() == "2022年市级重点项目计划表"
    assert [li.get_text() for li in appendix.select("li")] == ["保定数字经济产业园", "白洋淀生态修复工程"]
    assert page.select_one('.reader-toc a[href="#appendix1"]') is not None
    overview = soup(example_site[0], f"en/{APPENDIX}/")
    assert overview.select_one(f'a[href$="/en/{APPENDIX}/text/#appendix1"]').parent["lang"] == "zh-Hans"


def test_the_overview_and_the_home_card_say_when_the_text_is_a_news_rewrite_or_an_excerpt(example_site):
    site = example_site[0]
    assert "新闻改写——并非报告原文" in soup(site, f"{NEWS}/").select_one(".kind-note").get_text()
    news = soup(site, f"en/{NEWS}/")
    assert "News rewrite — not the report itself" in news.select_one(".kind-note").get_text()
    assert news.select_one(".digest-note") is None  # the kind note says it, once
    assert soup(site, f"{NOTES}/").select_one(".kind-note") is None
    home = soup(site, "en/")
    kinds = {card.select_one("h4 a")["href"].rstrip("/").rsplit("/", 1)[-1]: card.select_one(".card-kind")
             for card in home.select(".card")}
    assert kinds[NEWS].get_text() == "News rewrite — not the report itself"
    assert kinds[EXCERPT].get_text() == "Excerpt — not the whole report" and kinds[NOTES] is None


def test_the_overview_shows_prefecture_province_level_office_speaker_and_the_old_name(example_site):
    def meta(path: str) -> dict[str, str]:
        dl = soup(example_site[0], path).select_one("dl.report-meta")
        return {dt.get_text(): " ".join(dt.find_next_sibling("dd").get_text().split()) for dt in dl.select("dt")}

    qingyuan = meta("en/qingyuan-2013/")
    assert (qingyuan["Place"], qingyuan["Prefecture"], qingyuan["Province"], qingyuan["Level"]) == (
        "Qingyuan District (Named in the report: Qingyuan County)", "Baoding", "Hebei Province", "County")
    assert qingyuan["Delivered"] == "March 19, 2013"
    dl = soup(example_site[0], "en/qingyuan-2013/").select_one("dl.report-meta")
    # Every place name has its English (places_en.yaml): none is left marked as Chinese.
    assert dl.select("dd[lang], dd span[lang]") == []
    baoding = meta(f"{APPENDIX}/")
    assert (baoding["发布机关"], baoding["报告人"], baoding["行政级别"]) == ("保定市人民政府", "保定市人民政府市长闫继红", "地级市")


def test_report_json_carries_notes_lost_markers_appendices_kind_and_metadata(example_site):
    site = example_site[0]
    check = validator(site)
    for rid in CHECKED:
        data = json.loads((site / rid / "report.json").read_text(encoding="utf-8"))
        assert sorted(str(e.message) for e in check.iter_errors(data)) == [], rid
    notes = json.loads((site / NOTES / "report.json").read_text(encoding="utf-8"))
    assert notes["notes"][0]["id"] == "note1" and notes["notes"][0]["paragraphs"] and notes["lost_notes"] == []
    lost = json.loads((site / LOST / "report.json").read_text(encoding="utf-8"))
    assert lost["notes"] == [] and lost["lost_notes"][:2] == ["[1]", "[2]"] and lost["level"] == "prefecture city"
    news = json.loads((site / NEWS / "report.json").read_text(encoding="utf-8"))
    assert (news["kind"], news["office"], news["province"]) == ("news", "保定市人民政府", "河北省")
    appendix = json.loads((site / APPENDIX / "report.json").read_text(encoding="utf-8"))["appendices"]
    assert appendix[0]["items"] == ["保定数字经济产业园", "白洋淀生态修复工程"] and appendix[0]["url"].endswith("/text/#appendix1")


@pytest.fixture(scope="module")
def page_problems(example_site) -> dict[str, list[str]]:
    """One pass over the checked pages (tests/pagefacts.py), since parsing them is most of what these checks take: pages
    whose headings skip a level or that lack one absolute canonical, and in-page links naming no element."""
    site = example_site[0]
    problems: dict[str, list[str]] = {"headings": [], "anchors": []}
    for file in pages_of(site):
        page, name = facts_of(file), file.relative_to(site)
        levels = page.headings
        if not levels or levels[0] != 1 or levels.count(1) != 1 or any(b > a + 1 for a, b in zip(levels, levels[1:])):
            problems["headings"].append(f"{name}: headings {levels}")
        if len(page.canonical) != 1 or not page.canonical[0].startswith(BASE_URL):
            problems["headings"].append(f"{name}: canonical {page.canonical}")
        problems["anchors"] += [f"{name}: {href}" for href in page.links if href.startswith("#") and href[1:] not in page.ids]
    return problems


def test_headings_never_skip_a_level_and_each_page_has_one_absolute_canonical(page_problems):
    assert page_problems["headings"] == []


def test_every_anchor_on_the_checked_pages_names_an_element(page_problems):
    assert page_problems["anchors"] == []


AXE_PAGES = ["", f"{NOTES}/text/", f"{NOTES}/s3-3/", f"{NOTES}/p/s3-5-p4/", f"{LOST}/text/", f"{NEWS}/", f"{APPENDIX}/text/"]


@pytest.fixture
def example_page(reading_pages, example_site):
    """The module's shared page on the example archive's server (tests/site/conftest.py), where
    axe-core may be injected (the site's policy is bypassed)."""
    yield from read_with(reading_pages(example_site[1], bypass_csp=True))


@pytest.mark.parametrize("prefix", LANGS)
@pytest.mark.parametrize("path", AXE_PAGES)
def test_axe_finds_no_accessibility_violations_on_the_example_archive(example_page, prefix, path):
    example_page.goto(example_page.base + prefix + path)
    settle(example_page)
    assert axe_violations(example_page) == []


def test_following_a_marker_scrolls_to_its_note_and_the_note_leads_back(example_page):
    example_page.goto(example_page.base + f"{NOTES}/text/")
    example_page.locator('sup.note-mark a[href="#note1"]').first.click()
    assert urlsplit(example_page.url).fragment == "note1"
    assert example_page.locator("#note1").is_visible()
    example_page.locator("#note1 a.note-back").click()
    back = urldefrag(example_page.url).fragment
    assert example_page.locator(f"#{back} sup.note-mark").first.is_visible()


def test_the_html_checker_finds_no_error_on_notes_lost_notes_an_appendix_and_a_news_rewrite(example_site):
    from .test_html_checker import vnu_messages

    site = example_site[0]
    files = [site / prefix / path / "index.html" for prefix in LANGS for path in (
        "", f"{NOTES}/text", f"{NOTES}/s3-3", f"{NOTES}/p/s3-5-p4", f"{LOST}/text", f"{APPENDIX}/text", f"{NEWS}", f"{EXCERPT}")]
    assert all(f.is_file() for f in files)
    errors = [f"{m.get('url', '').rsplit('/site/', 1)[-1]}:{m.get('lastLine', 0)}: {m['message']}"
              for m in vnu_messages(files) if m["type"] in ("error", "non-document-error") or m.get("subType") == "fatal"]
    assert errors == []


def test_every_page_names_the_site_as_its_site_yaml_does_in_each_language(example_site):
    """The header, the home page's heading and the place page's breadcrumb show the archive's own title
    (site.yaml's title, converted for zh-Hant, and its title_en), not the catalog's default."""
    titles = {"": "保定市县政府工作报告（示例）", "zh-hant/": "保定市縣政府工作報告（示例）",
              "en/": "Work Reports of Baoding and Its Counties (Example Archive)"}
    for prefix, title in titles.items():
        home = soup(example_site[0], prefix)
        assert home.select_one("a.brand").get_text(strip=True) == title
        assert home.select_one("h1").get_text(strip=True) == title
        place = soup(example_site[0], f"{prefix}places/baoding/")
        assert place.select_one("nav.crumbs li a").get_text(strip=True) == title


@pytest.mark.parametrize("width", [390, 1280])
def test_every_label_of_a_place_chart_is_drawn_inside_the_chart(example_page, width):
    """Baoding's charts reach 40.4% and 11.3%: their axis labels must not be cut at the chart's left edge."""
    example_page.set_viewport_size({"width": width, "height": 900})
    example_page.goto(example_page.base + "places/baoding/")
    cut = example_page.evaluate("""() => [...document.querySelectorAll('.timeline svg text')]
        .filter(t => { const b = t.getBBox(), w = t.ownerSVGElement.viewBox.baseVal.width;
                       return b.x < 0 || b.x + b.width > w; })
        .map(t => t.textContent)""")
    labels = example_page.eval_on_selector_all(".timeline svg text", "ts => ts.map(t => t.textContent)")
    assert "40.4%" in labels and cut == []


def test_english_pages_name_a_place_in_english_where_no_translation_names_it(example_site):
    """No example report has en.yaml: the place, its prefecture and province still read in English."""
    home = soup(example_site[0], "en/")
    assert [h.get_text(" ", strip=True).split(" ")[0] for h in home.select("h3[id^=pl-]")] == [
        "Baoding", "Gaoyang", "Qingyuan", "Rongcheng", "Yi"]
    overview = soup(example_site[0], f"en/{NOTES}/").get_text(" ")
    assert "Rongcheng County" in overview and "Baoding" in overview and "Hebei Province" in overview
    assert "保定市" not in overview and "河北省" not in overview


def test_an_english_page_of_a_report_with_no_translation_says_so_once_not_on_every_paragraph(example_site):
    text = soup(example_site[0], f"en/{NOTES}/text/")
    assert text.select_one("p.unofficial").get_text().startswith("This report has no English translation yet")
    assert text.select(".tr-note, .badge-missing") == [] and len(text.select("[lang=zh-Hans] p, p[lang=zh-Hans]")) > 15
