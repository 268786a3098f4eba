"""Re-reading GBK text that a scraper decoded one byte out of step."""

import pytest

from reportsite.ingest.garble import brackets_balanced, char_rarity, repair_misread_gbk, reread_in_step
from reportsite.content.model import Repair


def misread(text: str, at: int) -> str:
    """`text` as a scraper shows it after losing the first byte of character `at`: a `?` for the lost
    byte, then every following pair of bytes decoded across the character boundary."""
    data = text.encode("gbk")
    cut = len(text[:at].encode("gbk"))
    return text[:at] + "?" + data[cut + 1 :].decode("gbk", errors="replace")


# Traditional text, like the seed: a scraped copy converted to Traditional and saved as GBK.
@pytest.mark.parametrize(
    "text, at",
    [
        ("項目建設卓有成效。回顧過去一年的工作", 8),
        ("科技創新。縣委書記", 4),
        ("推動發展。現在跟跑", 4),
        ("發展動能加速釋放。鄉村振興紮實推進", 8),
    ],
)
def test_repair_misread_gbk_restores_text_read_one_byte_out_of_step(text, at):
    garbled = misread(text, at)
    assert garbled != text
    repaired, repairs = repair_misread_gbk(garbled)
    assert repaired == text
    assert [r.method for r in repairs] == ["re-read in step"]


def test_misread_fixture_looks_like_the_seeds_damage():
    assert misread("科技創新。縣委書記", 4) == "科技創新?？h委書記"


def test_repair_misread_gbk_reads_punctuation_folded_to_ascii_as_full_width():
    # Scrapers often fold full-width punctuation to ASCII after the damage: ； became ;.
    repaired, repairs = repair_misread_gbk("項目建設卓有成效?;仡欉^去一年")
    assert repaired == "項目建設卓有成效。回顧過去一年"
    assert repairs == [Repair(1, "?;仡欉^", "。回顧過", "re-read in step")]


def test_repair_misread_gbk_records_the_line_of_each_repair():
    text = "第一行\n科技創新?？h委書記\n第三行?，F在"
    repaired, repairs = repair_misread_gbk(text)
    assert repaired == "第一行\n科技創新。縣委書記\n第三行。現在"
    assert [(r.line, r.garbled, r.repaired) for r in repairs] == [(2, "?？h", "。縣"), (3, "?，F", "。現")]


@pytest.mark.parametrize(
    "text",
    [
        "你好吗?我很好",
        "发展为什么这么快?因为我们坚持改革",
        "能不能做到?答案是肯定的。",
        "What? 没问题",
        "完成县乡公路改造27.92公里。",
    ],
)
def test_repair_misread_gbk_leaves_ordinary_text_alone(text):
    assert repair_misread_gbk(text) == (text, [])


def test_reread_in_step_gives_up_when_bytes_were_lost_inside_the_run():
    # The seed's heading of review section 1: the bytes of "，最" are gone, so no reading is clean
    # enough; only a recorded correction can mend it.
    line = "?。ㄒ唬┮荒陙恚鉃椴灰椎氖侨h上下齊心戰“疫”"
    assert reread_in_step(line, 0) is None


def test_reread_in_step_returns_the_end_of_the_run_and_its_reading():
    line = "科技創新?？h委書記"
    assert reread_in_step(line, 4) == (7, "。縣")


def test_repair_misread_gbk_leaves_a_run_whose_last_byte_was_lost():
    # 有效 ends the line: the lost first byte leaves the last one dangling, shown as U+FFFD.
    garbled = misread("全縣上下齊心戰疫。疫情防控紮實有效", 8)
    assert garbled.endswith("\ufffd")
    assert repair_misread_gbk(garbled) == (garbled, [])


@pytest.mark.parametrize("ch", ["的", "，", "。", "5", "a", "“", "%"])
def test_char_rarity_is_zero_for_ordinary_report_text(ch):
    assert char_rarity(ch) == 0


@pytest.mark.parametrize("ch", ["?", "\ufffd", "ㄒ", "┮"])
def test_char_rarity_is_highest_for_debris_of_misread_bytes(ch):
    assert char_rarity(ch) == 8


def test_char_rarity_ranks_rare_characters_between_common_ones_and_debris():
    assert 0 < char_rarity("恚") < 8
    assert 0 < char_rarity("ǘ") < 8


def test_a_reading_the_byte_verifier_rejects_is_not_applied():
    garbled = "項目建設卓有成效?;仡欉^去一年"
    assert repair_misread_gbk(garbled)[1] != []
    assert repair_misread_gbk(garbled, accept=lambda g, r: False) == (garbled, [])


@pytest.mark.parametrize("text, balanced", [
    ("（一）抓项目", True), ("(一)抓项目", True), ("（一)抓项目", True), ("(一）抓项目", True),  # a page mixes the two
    ("一）抓项目", False), ("《规划（草案）》", True), ("《规划（草案》）", True), ("“新”【旧", False),
    ("[1]与［2］", True), ("(", False), ("", True),
])
def test_brackets_are_balanced_when_each_pair_counts_as_many_openings_as_closings_ascii_parentheses_with_full_width_ones(text, balanced):
    assert brackets_balanced(text) is balanced
