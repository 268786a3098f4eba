"""The English translation: complete, every figure of the Chinese kept, the house conventions of the
official English versions (percent, American spelling), glossary terms that occur in it, and an
English sentence for every target."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from reportsite.content.report import load_report
from reportsite.content.translations import load_glossary, load_translation
from reportsite.site.units import english_quantity

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "content" / "reports" / "jiangxian-2022"
MONTHS = "January February March April May June July August September October November December".split()
NUMBER_WORDS = "zero one two three four five six seven eight nine ten".split()
BRITISH = re.compile(r"\b\w+(?:isation|ise[ds]?|ising)\b|programme|centre|labour|neighbour|honour|levell|fulfil\b|defence|paediatric|tonne")
NOT_BRITISH = {"enterprise", "enterprises", "raise", "raised", "raising", "rise", "arise", "premises", "precise", "surprise", "arising", "diseases", "exercise", "expertise", "otherwise", "promise", "advise"}


@pytest.fixture(scope="module")
def seed():
    report, errors = load_report(FOLDER, "reports/jiangxian-2022")
    assert not errors
    translation, errors = load_translation(FOLDER, "reports/jiangxian-2022", report)
    assert not errors
    return report, translation


def english_of(translation, paragraph) -> str:
    return " ".join(f"{b.marker} {b.lead} {b.text}" for b in translation.paragraphs[paragraph.id].blocks)


def chinese_of(paragraph) -> str:
    return "".join(b.marker + b.lead + b.text for b in paragraph.blocks)


def figures(chinese: str) -> list[tuple[str, list[str]]]:
    """(figure as the Chinese writes it, the forms English may give it) for every Arabic number; a
    date (12月27日, or 12·27 naming an event) is one figure, written with the month's name."""
    found = []
    for m in re.finditer(r"(\d+)(?:月|·)(\d+)日?|(\d+(?:\.\d+)?)(亿|万)?", chinese):
        if m.group(1):
            found.append((m.group(0), [f"{MONTHS[int(m.group(1)) - 1]} {m.group(2)}"]))
            continue
        number, multiplier = m.group(3), m.group(4)
        if multiplier:
            forms = [english_quantity(float(number), multiplier + "元").removesuffix(" yuan")]
        else:
            value = float(number)
            forms = [number, f"{value:,g}" if value.is_integer() else number, f"{int(value):,}" if value.is_integer() else number]
            if value.is_integer() and value <= 10:
                forms.append(NUMBER_WORDS[int(value)])
        found.append((m.group(0), forms))
    return found


def test_every_paragraph_of_the_chinese_has_a_reviewed_english_translation(seed):
    report, translation = seed
    missing = [p.id for p in report.all_paragraphs() if p.id not in translation.paragraphs or translation.paragraphs[p.id].status != "reviewed"]
    assert missing == []


def test_every_figure_of_the_chinese_appears_in_its_english_paragraph(seed):
    report, translation = seed
    lost = []
    for p in report.all_paragraphs():
        english = english_of(translation, p).lower()
        for figure, forms in figures(chinese_of(p)):
            if not any(re.search(rf"(?<![\d.,]){re.escape(form.lower())}(?![\d]|\.\d)", english) for form in forms):
                lost.append((p.id, figure, forms))
    assert lost == []


def test_english_running_text_says_percent_and_spells_the_american_way():
    text = (FOLDER / "en.yaml").read_text(encoding="utf-8") + (FOLDER / "glossary.yaml").read_text(encoding="utf-8")
    assert "%" not in (FOLDER / "en.yaml").read_text(encoding="utf-8")
    british = [w for w in BRITISH.findall(text) if w.lower() not in NOT_BRITISH]
    assert british == []


def test_the_cppcc_and_the_county_bodies_are_capitalized_the_same_way_throughout():
    text = (FOLDER / "en.yaml").read_text(encoding="utf-8")
    assert not re.search(r"county (?:Party committee|people's congress|committee of the CPPCC)", text)
    assert "County CPPCC Committee" in text and "County People's Congress" in text and "County Party Committee" in text


@pytest.mark.parametrize("pid, meaning", [
    ("s1-2-p1", "ASIMCO's technology center was recognized as a provincial-level technology center"),
    ("s2-7-p5", "food and drug safety, energy security, cybersecurity"),
    ("s2-7-p5", "public safety"),
    ("s2-3-p1", "civic showcase"),
    ("s2-4-p1", "specialty"),
    ("s1-5-p1", "around-the-clock"),
    ("part1-p5", "three typical problems"),
    ("s3-2-p1", "confront problems head-on instead of complacently sidestepping them"),
])
def test_the_meanings_a_reviewer_found_wrong_now_read_right(seed, pid, meaning):
    report, translation = seed
    paragraph = next(p for p in report.all_paragraphs() if p.id == pid)
    assert meaning in english_of(translation, paragraph)


def test_section_titles_are_short_headings_and_the_hardest_won_achievement_is_named(seed):
    report, translation = seed
    for section in report.sections():
        assert len(translation.titles[section.id]) <= 70, section.id
    assert "hardest-won" in translation.titles["s1-1"]


def test_every_target_has_an_english_indicator_and_sentence(seed):
    report, translation = seed
    assert {t.id for t in report.targets} == set(translation.targets) == set(translation.target_texts)
    assert all(translation.targets[t.id] and translation.target_texts[t.id] for t in report.targets)


def test_a_target_given_as_a_bare_indicator_still_loads_without_a_sentence(seed, tmp_path):
    report, _ = seed
    data = yaml.safe_load((FOLDER / "en.yaml").read_text(encoding="utf-8"))
    data["targets"]["t1"] = "Gross domestic product"
    (tmp_path / "en.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    translation, errors = load_translation(tmp_path, "reports/x", report)
    assert errors == []
    assert translation.targets["t1"] == "Gross domestic product" and "t1" not in translation.target_texts
    assert translation.target_texts["t2"].startswith("Value added")


def test_every_glossary_term_in_the_chinese_is_found_under_its_english_name_in_the_translation(seed):
    from reportsite.site.render import _english_key

    report, translation = seed
    terms, errors = load_glossary(FOLDER, "reports/jiangxian-2022")
    assert not errors
    chinese = "".join(chinese_of(p) for p in report.all_paragraphs())
    english = " ".join(english_of(translation, p) for p in report.all_paragraphs())
    unmatched = [t.term for t in terms if t.term in chinese and _english_key(t.en) and _english_key(t.en) not in english]
    assert unmatched == []


@pytest.mark.parametrize("pid, meaning, not_meaning", [
    ("s3-5-p1", "advance openness in government affairs", "fully transparent"),  # 全面推进政务公开
    ("s2-2-p1", "new, distinctive, specialized, high-end, precise and cutting-edge", None),  # 新特专高精尖, each of the six
    ("s2-4-p3", "integration of industry, academia and research", None),  # 产学研融合
    ("s1-2-p1", "demonstration enterprises of manufacturing single-product champions", None),  # 单项冠军示范企业
    ("s1-5-p1", "education and rectification campaign", "consolidation"),  # 教育整顿
    ("s1-4-p1", "early rehabilitation", "emergency"),  # 抢救性康复
    ("part2-p3", "early rehabilitation", "emergency"),
])
def test_the_second_reviews_findings_read_right(seed, pid, meaning, not_meaning):
    report, translation = seed
    english = english_of(translation, next(p for p in report.all_paragraphs() if p.id == pid))
    assert meaning in english
    assert not_meaning is None or not_meaning not in english


def test_7x24_is_rendered_one_way_throughout():
    text = (FOLDER / "en.yaml").read_text(encoding="utf-8")
    assert "24/7" not in text and "24 hours a day" not in text
    assert text.count("7×24") == text.count("around-the-clock (7×24)") == 2


def test_yishang_is_at_least_by_one_rule(seed):
    report, translation = seed
    text = (FOLDER / "en.yaml").read_text(encoding="utf-8")
    assert not re.search(r"\b(?:over|above|more than|no less than|or more)\b(?: \S+)? \d", text)
    for p in report.all_paragraphs():
        for _ in re.finditer(r"\d[^，。；、]{0,6}以上", chinese_of(p)):
            assert "at least" in english_of(translation, p), p.id


def test_the_cppcc_is_spelled_out_once_at_its_first_mention(seed):
    report, translation = seed
    paragraphs = [english_of(translation, p) for p in report.all_paragraphs()]
    first = next(text for text in paragraphs if "CPPCC" in text)
    assert "Chinese People's Political Consultative Conference (the County CPPCC Committee)" in first
    assert sum(text.count("Political Consultative Conference") for text in paragraphs) == 1


def test_numbers_are_words_from_one_to_nine_and_numerals_from_ten():
    text = (FOLDER / "en.yaml").read_text(encoding="utf-8") + (FOLDER / "glossary.yaml").read_text(encoding="utf-8")
    assert not re.findall(r"\b(?:[Tt]en|[Ee]leven|[Tt]welve)\b", text)


def test_the_livelihood_list_says_each_item_with_one_verb_form(seed):
    report, translation = seed
    blocks = translation.paragraphs["part2-p3"].blocks
    assert blocks[0].text.endswith("deliver 10 projects that improve people's lives:")
    items = [b.text for b in blocks[1:]]
    assert len(items) == 10 and all(re.match(r"[a-z]+ing\b", item) for item in items), items
