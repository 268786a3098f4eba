"""The gazetteer: a place's prefecture, province, level and id, kept as data."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportsite.ingest.gazetteer import LEVELS, OTHER_LEVELS, level_of, lookup, places, split_prefecture
from reportsite.ingest.metadata import find_place_and_year


def test_the_data_file_says_where_it_comes_from():
    import reportsite.ingest.gazetteer as g
    assert "民政部" in Path(g.__file__).with_name("gazetteer.csv").read_text(encoding="utf-8").split("\n")[1]


def test_every_entry_has_a_known_level_an_id_and_a_province():
    for place in places().values():
        assert place.level in LEVELS + OTHER_LEVELS and place.id.isascii() and place.id.isalpha() and place.province.endswith("省")
        assert (place.prefecture == "") == (place.level in ("prefecture city", *OTHER_LEVELS))


def test_a_renamed_place_keeps_its_id():
    assert lookup("清苑县").id == lookup("清苑区").id == "qingyuan"
    assert (lookup("清苑县").level, lookup("清苑区").level) == ("county", "district")


@pytest.mark.parametrize("named, split", [("保定市清苑区", ("保定市", "清苑区")), ("清苑区", ("", "清苑区")),
                                          ("保定市", ("", "保定市")), ("桐川市白沙县", ("桐川市", "白沙县"))])
def test_a_place_named_with_its_prefecture_is_split(named, split):
    assert split_prefecture(named) == split


def test_an_unknown_place_gets_its_level_from_its_suffix_only_when_the_suffix_says_it():
    assert (level_of("柳河县"), level_of("青石区"), level_of("临江市")) == ("county", "district", "")


def test_the_place_is_the_county_level_name_with_its_prefecture_and_province():
    found = find_place_and_year("保定市清苑区2022年政府工作报告", "2022年1月27日在保定市清苑区第三届人民代表大会第二次会议上", "", "", [])
    assert (found.place, found.prefecture, found.province, found.level, found.place_id) == ("清苑区", "保定市", "河北省", "district", "qingyuan")


def test_the_place_the_text_names_most_often_counts_when_no_line_states_it():
    body = "容城发展。容城建设。新容城。共同创造容城更加美好的明天。"
    assert find_place_and_year("", "", "", "现在，我代表县政府向大会报告工作", [], body=body).place == "容城县"


def test_a_page_title_naming_the_wrong_year_loses_to_the_delivery_date_and_the_review_heading():
    found = find_place_and_year("2024年易县政府工作报告", "", "", "", ["2021年工作回顾", "2022年工作安排"], delivered="2022-01-10")
    assert found.year == 2022


def test_a_report_of_a_renamed_place_is_filed_under_its_name_now_and_keeps_the_name_it_used():
    found = find_place_and_year("", "", "", "现在，我代表清苑县人民政府向大会报告工作", ["2012年工作回顾"])
    assert (found.place, found.named, found.level, found.place_id, found.year) == ("清苑区", "清苑县", "county", "qingyuan", 2013)


def test_every_place_and_province_the_gazetteer_knows_has_an_english_name_of_its_level():
    from reportsite.content.archive import place_in_english

    suffix = {"county": " County", "district": " District", "new area": " New Area"}
    for name, place in places().items():
        english = place_in_english(name)
        assert english.isascii() and english[:1].isupper(), name
        assert english.endswith(suffix.get(place.level, "")) and (place.level in suffix or " " not in english), name
        assert place_in_english(place.province).endswith(" Province")
    assert place_in_english("保定市清苑区") == "Qingyuan District" and place_in_english("桐川市") == ""
