"""The built English site: target pages quote the Chinese with its language and give the English,
and figures keep every digit and count businesses as businesses."""

from __future__ import annotations

from bs4 import BeautifulSoup

RID = "jiangxian-2022"


def page(site_dir, path: str) -> BeautifulSoup:
    return BeautifulSoup((site_dir / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_an_english_target_page_quotes_the_chinese_marked_as_chinese_and_gives_its_translation(site_dir):
    english, chinese = page(site_dir, f"en/{RID}/p/t13").select("article.target blockquote")[:2]
    assert chinese["lang"] == "zh-Hans" and chinese.get_text(strip=True) == "总投资208.02亿元"
    assert english.get("lang") is None and english.get_text(strip=True) == "with a total investment of 20.802 billion yuan"


def test_a_chinese_target_page_quotes_the_sentence_once_without_a_translation(site_dir):
    quote = page(site_dir, f"{RID}/p/t13").select_one("article.target blockquote")
    assert [p.get_text() for p in quote.select("p")] == ["总投资208.02亿元"]


def test_english_figures_keep_every_digit_the_chinese_gives(site_dir):
    assert "20.802 billion yuan" in page(site_dir, f"en/{RID}/p/t13").select_one(".target-figure").get_text()
    assert "31.9335 million yuan" in page(site_dir, f"en/{RID}/p/t17").select_one(".target-figure").get_text()


def test_hu_counting_enterprises_is_shown_as_enterprises_and_counting_households_as_households(site_dir):
    assert "9 enterprises" in page(site_dir, f"en/{RID}/p/t18").select_one(".target-figure").get_text()
    assert "4,000 households" in page(site_dir, f"en/{RID}/p/t33").select_one(".target-figure").get_text()
