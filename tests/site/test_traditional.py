"""The built Traditional site: Taiwan standard characters throughout, Taiwan interface words, and a
search map that still bridges the scripts."""

from __future__ import annotations

import json

import opencc
from bs4 import BeautifulSoup

RID = "jiangxian-2022"


def visible_text(path) -> str:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").get_text()


def test_no_traditional_page_uses_opencc_standard_forms_where_taiwan_writes_others(site_dir):
    to_taiwan = opencc.OpenCC("t2tw")  # OpenCC standard -> Taiwan standard: a no-op on Taiwan text
    pages = sorted((site_dir / "zh-hant").rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        text = visible_text(page)
        assert not set("爲羣衆裏覈喫麪啓峯") & set(text), page
        # OpenCC's Taiwan table has 汙; Taiwan's environment ministry writes 污, and so does the site.
        assert to_taiwan.convert(text).replace("汙", "污") == text, page
    assert "為" in visible_text(site_dir / "zh-hant" / RID / "text" / "index.html")


def test_the_traditional_search_index_holds_taiwan_forms(site_dir):
    index = json.loads((site_dir / "zh-hant" / RID / "search-index.json").read_text(encoding="utf-8"))
    text = "".join(doc[3] for doc in index["docs"])
    assert "群眾" in text and not set("爲羣衆") & set(text)


def test_the_traditional_interface_says_search_and_link_the_taiwan_way(site_dir):
    search = visible_text(site_dir / "zh-hant" / "search" / "index.html")
    assert "搜尋" in search and "搜索" not in search
    paragraph = BeautifulSoup((site_dir / "zh-hant" / RID / "p" / "s1-1-p1" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "複製連結" in paragraph.decode() and "鏈接" not in paragraph.decode()


def test_a_query_in_simplified_or_opencc_standard_form_maps_to_the_taiwan_form_the_text_uses(site_dir):
    charmap = json.loads((site_dir / "zh-hant" / "search" / "charmap.json").read_text(encoding="utf-8"))["map"]
    for typed in "为爲":
        assert "為" in charmap[typed]
    for typed in "众衆":
        assert "眾" in charmap[typed]


def test_the_traditional_about_page_says_link_information_and_published_the_taiwan_way(site_dir):
    about = visible_text(site_dir / "zh-hant" / RID / "about" / "index.html")
    assert "連結" in about and "資訊" in about and "發布" in about
    assert not [word for word in ("鏈接", "信息", "發佈") if word in about]


def test_the_traditional_text_quotes_with_corner_brackets_and_keeps_the_reviewed_words(site_dir):
    text = visible_text(site_dir / "zh-hant" / RID / "text" / "index.html")
    assert "新征程的「" in text and "山沖學校" in text and "范必灌區" in text and "匯集萃" in text
    assert "迎檢複審" in text and "污染" in text
    assert not set("“”‘’汙") & set(text)
