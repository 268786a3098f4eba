"""Place, province and year: gathered from every line that states them, reconciled, never guessed."""

from __future__ import annotations

import pytest

from reportsite.ingest.metadata import find_place_and_year, province_of


def found(title="", occasion="", speaker="", opening="", parts=(), goals=""):
    return find_place_and_year(title, occasion, speaker, opening, list(parts), goals)


@pytest.mark.parametrize("title, place, year", [
    ("2023年稷山县政府工作报告", "稷山县", 2023),
    ("(山西省)闻喜县2023年政府工作报告", "闻喜县", 2023),
    ("山西省闻喜县2023年政府工作报告", "闻喜县", 2023),
    ("2023年青石区人民政府工作报告", "青石区", 2023),
])
def test_the_title_gives_place_and_year(title, place, year):
    result = found(title=title)
    assert (result.place, result.year, result.warnings) == (place, year, ())


def test_the_province_comes_from_the_title():
    assert province_of("(山西省)闻喜县2023年政府工作报告", "") == "山西省"
    assert province_of("2023年稷山县政府工作报告", "") == ""


def test_the_occasion_speaker_and_opening_each_name_the_place():
    assert found(occasion="2023年1月10日在新绛县第十七届人民代表大会第三次会议上").place == "新绛县"
    assert found(speaker="垣曲县人民政府县长 王某某").place == "垣曲县"
    assert found(opening="现在，我代表平陆县人民政府，向大会报告工作").place == "平陆县"


def test_the_review_heading_of_last_year_gives_this_years_report():
    assert found(parts=["2022年工作回顾", "2023年工作安排"]).year == 2023
    assert found(parts=["一、2022年工作回顾"]).year == 2023


def test_most_sources_win_and_the_disagreement_is_a_warning():
    result = found(title="2024年槐荫县政府工作报告", occasion="2023年1月12日在槐荫县第十八届人民代表大会第二次会议上", parts=["2022年工作回顾"])
    assert result.year == 2023
    assert result.warnings == ("year: the sources disagree (the title says 2024); kept 2023",)


def test_masked_place_and_year_are_left_empty_with_warnings():
    result = found(title="**县20XX年政府工作报告")
    assert (result.place, result.year) == ("", None)
    assert result.warnings == ("place: masked in the text (**县); left empty", "year: masked in the text (20XX年); left empty")


def test_a_place_name_with_garbled_characters_is_no_evidence():
    assert found(title="2023年鉃椴县政府工作报告").place == ""


def test_a_digest_gives_its_year_in_the_goals_sentence():
    assert found(goals="报告提出，2023年全县经济社会发展的主要预期目标是：地区生产总值增长6%左右").year == 2023
