"""The second reader: garbled spans the farm converted to Traditional and annotated with pinyin, that
lost an unreadable byte pair (marked `?` or not), or that end their line with a byte left over."""

from __future__ import annotations

import pytest

from reportsite.ingest.clean import clean, second_reading
from reportsite.ingest.garble import repair_misread_gbk
from reportsite.ingest.importer import parse_report
from reportsite.ingest.reread import BRIDGE_1, BRIDGE_2, HEAD, TAIL, byte_options, fill_placeholders, reads_as_words, reread_lost_bytes
from reportsite.ingest.verify import verify_repair
from reportsite.script import converter

from .farm import farm_copy

ISSUE_SPAN = "ㄈ?┏竅(qiào)緱婷不(bù)廊灰恍(huǎng)隆"
HEADING = "\u3000（三）城乡面貌焕然一新。"


def restored(garbled: str) -> tuple[str, list[str]]:
    """The cleaned text and the verifier's verdict on each repair the cleaning made."""
    cleaned = clean(garbled)
    return cleaned.text, [str(verify_repair(r.garbled, r.repaired)) for r in cleaned.repairs]


def test_the_farm_simulator_reproduces_the_span_quoted_in_the_issue():
    assert ISSUE_SPAN in farm_copy(HEADING, 0, annotate="竅不恍")


def test_the_issues_span_is_read_back_to_its_heading_and_verified():
    garbled = f"?。{ISSUE_SPAN}?"
    assert garbled == farm_copy(HEADING, 0, annotate="竅不恍")
    assert restored(garbled) == ("（三）城乡面貌焕然一新。", ["verified"])


def test_a_heading_whose_unreadable_pair_vanished_without_a_mark_is_read_back():
    garbled = farm_copy(HEADING, 0, annotate="竅不恍", unreadable="")
    assert "?" not in garbled[1:]
    assert restored(garbled) == ("（三）城乡面貌焕然一新。", ["verified"])


@pytest.mark.parametrize("unreadable", ["?", ""])
@pytest.mark.parametrize("mark", ["（征求意见稿）", "（讨论稿）", "（送审稿）"])
def test_a_garbled_draft_mark_alone_on_a_line_is_read_back(mark, unreadable):
    garbled = farm_copy(mark, 0, unreadable=unreadable)
    assert restored(garbled) == (mark, ["verified"])


@pytest.mark.parametrize("unreadable", ["?", ""])
@pytest.mark.parametrize(
    "title, at",
    [("2023年清河县政府工作报告", 10), ("2023年清河县人民政府工作报告（征求意见稿）", 12), ("2023年清河县人民政府工作报告（征求意见稿）", 14)],
)
def test_a_garbled_title_is_read_back(title, at, unreadable):
    garbled = farm_copy(title, at, unreadable=unreadable)
    assert restored(garbled) == (title, ["verified"])


REPORT = """{title}
——2023年1月10日在清河县第十八届人民代表大会第二次会议上
各位代表：
现在，我代表县人民政府，向大会报告工作，请予审议。
一、2022年工作回顾
过去的一年，地区生产总值增长5%。
二、2023年工作安排
主要预期目标是：地区生产总值增长6%左右。
各位代表，让我们为建设新清河而努力奋斗！
"""


def test_a_report_with_a_garbled_title_gets_its_title_and_place_back():
    title = farm_copy("2023年清河县政府工作报告", 10)
    report, _ = parse_report(converter("s2t").convert(REPORT.format(title=title)).encode("gbk", "replace"))
    assert (report.meta.title, report.meta.place, report.meta.year) == ("2023年清河县政府工作报告", "清河县", 2023)
    assert [r.verdict for r in report.repairs] == ["verified"]


@pytest.mark.parametrize(
    "line",
    ["发展为什么这么快?因为我们坚持改革", "能不能做到?答案是肯定的。", "你好吗?我很好", "（三）城乡面貌?焕然一新", "?。?。?。?。"],
)
def test_the_second_reader_leaves_ordinary_text_alone(line):
    assert reread_lost_bytes(line, line.index("?")) is None


def test_the_second_reader_keeps_no_reading_the_verifier_rejects():
    line = farm_copy(HEADING, 0)
    assert reread_lost_bytes(line, 0) is not None
    assert reread_lost_bytes(line, 0, accept=lambda garbled, repaired: False) is None


def test_an_in_step_reading_that_reads_as_words_stands():
    # The seed's kind of damage: the in-step reader's reading stays exactly as it was.
    line = "科技創新?？h委書記"
    assert second_reading(line, 4, (7, "。縣")) == (7, "。縣")
    assert repair_misread_gbk(line, review=second_reading)[0] == "科技創新。縣委書記"


def test_an_in_step_reading_that_is_no_words_gives_way_to_the_second_reader():
    line = farm_copy("（征求意见稿）", 0)
    assert repair_misread_gbk(line)[0].startswith("〃征求茵")
    assert repair_misread_gbk(line, review=second_reading)[0] == "（征求意见稿）"


def test_a_converted_garbled_character_stands_for_its_own_bytes_or_its_simplified_ones():
    assert set(byte_options("竅")) == {"竅".encode("gbk"), "窍".encode("gbk")}
    assert byte_options("婷") == ("婷".encode("gbk"),)


def test_a_lost_pair_is_filled_with_a_section_numeral_and_a_bracket_that_fit_its_outer_bytes():
    # 三 is C8 FD, ） is A3 A9; the pair FD A3 between them is one GBK cannot read.
    assert fill_placeholders(f"（{BRIDGE_1}{BRIDGE_2}城乡", (0xC8, 0xA9), "", "") == ("（三）城乡", 0)


def test_a_lost_byte_is_filled_from_a_genre_word_only_when_the_word_reaches_past_it():
    assert fill_placeholders(f"{HEAD}作报{TAIL}", (0xA4, 0xB8), "政府", "") == ("工作报告", 2)
    assert fill_placeholders(f"{HEAD}作报{TAIL}", (0xA4, 0xB8), "县", "") is None


def test_a_numeral_is_guessed_only_as_a_section_number():
    # 一 (D2 BB) fits the byte BB, but 焕一一新 is no section number.
    assert not fill_placeholders(f"{HEAD}一新", (0xBB,), "焕", "")[0].startswith("一")


def test_a_reading_of_words_passes_and_one_torn_by_unseen_lost_bytes_fails():
    assert reads_as_words("（三）城乡面貌焕然一新。")
    assert reads_as_words("报告（征求意见稿）", before="2023年清河縣人民政府工作")
    assert not reads_as_words("干部作风明显卒。")


def test_the_verifier_reads_a_garbled_character_the_farm_converted_as_its_simplified_bytes():
    garbled = farm_copy(HEADING, 0)
    assert "竅" in garbled and verify_repair(garbled, "（三）城乡面貌焕然一新。").status == "verified"
    assert verify_repair(garbled, "（三）城乡面貌焕然一变。").status == "contradicted"


def test_the_word_list_is_jiebas_words_of_two_to_four_characters_and_its_common_single_characters():
    """Read by two searches over jieba's dictionary; the same as reading it line by line."""
    import jieba

    from reportsite.ingest import reread

    words, common = reread._words()
    expected_words, expected_common = set(reread.GENRE_WORDS), set()
    with jieba.get_dict_file() as f:  # jieba's own way to its dictionary
        for line in f:
            word, count = line.decode("utf-8").split()[:2]
            if 2 <= len(word) <= 4:
                expected_words.add(word)
            elif len(word) == 1 and int(count) >= reread._COMMON:
                expected_common.add(word)
    assert (words, common) == (expected_words, expected_common)
    assert {"城乡", "焕然一新", "政府工作报告"} <= words and {"的", "县"} <= common and "卒" not in common
