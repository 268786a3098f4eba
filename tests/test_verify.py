"""The byte verifier: a repair must reproduce every byte of its garbled span that survived."""

from __future__ import annotations

import pytest

from reportsite.check import check_corrections
from reportsite.ingest.verify import strip_farm_pinyin, verify_repair

from .conftest import seed_corrections


def farm_misread(text: str) -> str:
    """What the content farm made of `text`: GBK bytes read one byte late, unreadable pairs dropped."""
    data, out, i = text.encode("gbk")[1:], "", 0
    while i < len(data):
        if data[i] < 0x80:
            out, i = out + chr(data[i]), i + 1
            continue
        out += data[i : i + 2].decode("gbk", "ignore")
        i += 2
    return "?" + out


def test_a_repair_that_reproduces_the_surviving_bytes_is_verified():
    assert str(verify_repair(farm_misread("　（一）一年來，殊為不易的是全縣"), "（一）一年来，殊为不易的是全县")) == "verified"


def test_a_repair_that_contradicts_a_surviving_byte_is_contradicted_at_that_character():
    garbled = farm_misread("　（一）一年來，殊為不易的是全縣")
    assert str(verify_repair(garbled, "（一）一年来，最为不易的是全县")) == "contradicted (at '鉃', character 9 of 15)"


def test_a_repair_longer_than_the_surviving_bytes_is_contradicted_at_the_end():
    verdict = verify_repair(farm_misread("　（一）一年來"), "（一）一年来，全县上下")
    assert verdict.status == "contradicted" and verdict.at.startswith("the end")


def test_a_span_with_no_surviving_byte_is_unverifiable():
    assert str(verify_repair("?", "冲")) == "unverifiable"


def test_the_repair_may_be_written_in_simplified_for_a_traditional_page():
    assert verify_repair(farm_misread("　（三）一年來，催人奮進"), "（三）一年来，催人奋进").status == "verified"


def test_a_lost_byte_mark_in_the_middle_stands_for_the_bytes_it_replaced():
    assert verify_repair("?。ㄒ唬┚劢鬼椖繛橥?,", "（一）聚焦项目为王，").status == "verified"


@pytest.mark.parametrize("garbled, bare", [("?;A(chǔ)", "?;A"), ("?jīng)_", "?_"), ("?lián)屧缫徊?,", "?屧缫徊?,")])
def test_pinyin_the_farm_attached_to_garbage_carries_no_bytes(garbled, bare):
    assert strip_farm_pinyin(garbled) == bare


def test_every_recorded_correction_of_the_seed_is_verified():
    corrections = seed_corrections()
    assert len(corrections) == 12
    assert [str(verify_repair(c.garbled, c.repaired)) for c in corrections] == ["verified"] * 12


def test_every_repair_of_the_seed_import_is_verified(seed_import):
    assert [r.verdict for r in seed_import.report.repairs] == ["verified"] * 16


def test_provenance_records_the_verdict_of_each_repair(seed_import):
    text = (seed_import.folder / "provenance.yaml").read_text(encoding="utf-8")
    assert text.count("verdict: verified") == 16


def test_check_reports_a_correction_that_contradicts_the_bytes_with_file_and_line(tmp_path):
    folder = tmp_path / "content" / "reports" / "x-2022"
    folder.mkdir(parents=True)
    garbled = farm_misread("　（三）一年來，催人奮進")
    (folder / "corrections.yaml").write_text(f"corrections:\n- garbled: {garbled}\n  repaired: （三）一年来，令人奋进\n  note: guessed\n", encoding="utf-8")
    [problem] = check_corrections(tmp_path / "content", "x-2022")
    assert str(problem) == (
        f"content/reports/x-2022/corrections.yaml:2: repaired: '（三）一年来，令人奋进' contradicts the bytes that survived in {garbled!r}: "
        "contradicted (at '呷', character 8 of 11) (choose the reading whose bytes, read one byte out of step, give the garbled text)"
    )


@pytest.mark.parametrize("garbled, repaired", [("?jīng)_", "冲X"), ("?;A(chǔ)", "。基础1"), ("?。ǘ┚劢寡渔溠a", "（二）聚焦延链补,")])
def test_a_byte_left_over_at_the_end_is_forgiven_only_after_a_lead_byte(garbled, repaired):
    """A span at a line's end may lose its last character's trail byte, but a single-byte character
    after the surviving bytes was never on the page: an invented last character is contradicted."""
    assert verify_repair(garbled, repaired[:-1]).status == "verified"
    assert str(verify_repair(garbled, repaired)) == "contradicted (at the end: the repair is longer than the bytes that survived)"


@pytest.mark.parametrize("text", ["　（一", "　（一）一年", "　（一）一年來，殊為", "抓實基礎設施項目", "　（一）一年來亐"])  # 亐: lead byte 0x81
def test_a_span_at_a_lines_end_whose_last_trail_byte_vanished_is_verified(text):
    """Read one byte late, the last character leaves a lone byte that the farm's copy lost unmarked."""
    garbled = farm_misread(text)
    assert len(text.encode("gbk")) % 2 == 0  # so one byte is left over at the end
    assert verify_repair(garbled, text.lstrip("　")).status == "verified"


def test_a_span_that_survived_whole_is_verified_by_the_same_text():
    """No lost byte at the start: the first character lines up with the page's first bytes."""
    assert verify_repair("一年来，殊为不易", "一年来，殊为不易").status == "verified"


def test_a_garbled_span_longer_than_the_repairs_bytes_is_contradicted():
    """Every garbled character must come from the page: one more than the repair's bytes give is not
    forgiven as the last character's partial match (that takes at least its first byte)."""
    for text in ("　（一）一年來，殊為", "　（一）一年來，殊為a"):  # the last trail byte left over, or every byte read
        for extra in ("鉃", "a", "唬"):
            assert verify_repair(farm_misread(text) + extra, text.lstrip("　")).status == "contradicted", (text, extra)


def test_a_span_whose_last_character_took_the_first_byte_after_it_is_verified():
    """Read one byte late, the span's last character is its last trail byte and the lead byte of the
    text after it, which the repair does not hold."""
    text = "　（一）一年來，殊為"
    garbled = farm_misread(text + "人")
    assert len(garbled) == len(farm_misread(text)) + 1
    assert verify_repair(garbled, text.lstrip("　")).status == "verified"
    assert verify_repair(garbled[:-1] + "a", text.lstrip("　")).status == "contradicted"


def test_a_repair_with_a_character_the_page_never_had_is_contradicted():
    """The repair may not skip bytes to line up: only pairs GBK cannot read vanish unmarked."""
    garbled = farm_misread("　（一）年來，殊為不易的是全縣")
    assert verify_repair(garbled, "（一）一年来，殊为不易的是全县").status == "contradicted"
    assert verify_repair(garbled, "（一）年来，殊为不易的是全县").status == "verified"
    assert verify_repair("一年来，殊为不易", "一年来来，殊为不易").status == "contradicted"


@pytest.mark.parametrize("text", ["　（一）一年來，殊為", "　（一）一年來，殊為ab"])
def test_a_lost_byte_mark_at_the_end_of_a_span_stands_for_the_pages_last_bytes(text):
    garbled = farm_misread(text)
    for mark in ("?", "\ufffd"):
        assert verify_repair(garbled[:-1] + mark, text.lstrip("　")).status == "verified"


def test_a_replacement_character_in_the_middle_stands_for_the_bytes_it_replaced():
    garbled = farm_misread("　（一）一年來，殊為不易的是全縣")
    assert verify_repair(garbled[:5] + "\ufffd" + garbled[6:], "（一）一年来，殊为不易的是全县").status == "verified"


def test_a_span_the_farm_converted_to_traditional_stands_for_the_simplified_bytes():
    """The farm misread the page, then converted its garbage to Traditional: each converted character
    still stands for the bytes of the Simplified one it came from."""
    from reportsite.script import converter

    garbled = farm_misread("　（一）一年來，殊為不易的是全縣")
    converted = converter("s2t").convert(garbled)
    assert converted != garbled
    assert verify_repair(converted, "（一）一年来，殊为不易的是全县").status == "verified"


def test_a_digit_is_not_a_lost_byte_mark():
    assert str(verify_repair("年来1", "年来2")) == "contradicted (at '1', character 3 of 3)"


def test_contradicted_corrections_lists_only_the_corrections_the_bytes_contradict():
    from reportsite.content.model import Correction
    from reportsite.ingest.verify import contradicted_corrections

    garbled = farm_misread("　（三）一年來，催人奮進")
    good, bad, unknown = (Correction(garbled, "（三）一年来，催人奋进", "read"), Correction(garbled, "（三）一年来，令人奋进", "guessed"),
                          Correction("?", "冲", "no byte survived"))
    assert [(c.repaired, v.status) for c, v in contradicted_corrections([good, bad, unknown])] == [
        ("（三）一年来，令人奋进", "contradicted")]


def test_a_pair_gbk_cannot_read_vanished_unmarked_from_the_farms_copy():
    """为全 read one byte late gives AA C8, a code GBK leaves unassigned: the farm's copy simply lost it."""
    garbled = farm_misread("　作为全县发展")
    assert len(garbled) == 5
    assert verify_repair(garbled, "作为全县发展").status == "verified"


def test_a_span_holding_a_character_gb18030_cannot_hold_is_unverifiable_not_contradicted():
    """A lone surrogate never came from GBK bytes: the span says nothing about the repair."""
    assert str(verify_repair("年\ud800来", "年年来")) == "unverifiable"
