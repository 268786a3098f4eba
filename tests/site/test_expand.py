"""The expansion groups the search page gets: synonyms.yaml, the indicator vocabulary, the glossaries."""

from __future__ import annotations

from pathlib import Path

from reportsite.site.expand import expansion_groups, synonym_groups, vocabulary_groups
from reportsite.site.i18n import load_languages
from reportsite.site.views import GlossaryEntry


def test_every_synonym_group_has_chinese_words_and_their_english():
    groups = synonym_groups()
    assert groups
    for group in groups:
        assert len(group["zh"]) >= 2 and group["en"], group
        assert all(w.strip() == w and w for w in group["zh"] + group["en"]), group
        assert all(w == w.lower() for w in group["en"]), f"English matched folded: {group['en']}"


def test_the_words_readers_type_reach_what_the_report_calls_them():
    together = [set(g["zh"]) for g in synonym_groups()]
    for typed, written in [("道路", "公路"), ("修路", "公路"), ("学校", "校舍"), ("看病", "卫生院"), ("老人", "养老")]:
        assert any({typed, written} <= words for words in together), (typed, written)


def test_each_indicator_of_the_vocabulary_is_a_group_with_its_english_name():
    gdp = next(g for g in vocabulary_groups() if "地区生产总值" in g["zh"])
    assert "GDP" in gdp["zh"] and gdp["en"] == ["Gross regional product"]


def test_a_glossary_term_is_a_group_once_and_the_traditional_site_gets_traditional_words():
    langs = {lang.code: lang for lang in load_languages(Path("templates"))}
    entry = GlossaryEntry(term="民生实事", zh="", en="practical matters for people's livelihood", explanation="")
    hant = expansion_groups(langs["zh-Hant"], [(entry,), (entry,)])
    assert sum(1 for g in hant if g["en"] == [entry.en]) == 1
    assert any("衛生院" in g["zh"] for g in hant) and not any("卫生院" in g["zh"] for g in hant)
    assert any("卫生院" in g["zh"] for g in expansion_groups(langs["en"], []))  # the English site searches Simplified text
