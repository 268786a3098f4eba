"""Each repair of the raw text on its own, then clean() applying them in order."""

from textwrap import dedent

import pytest

from reportsite.ingest.clean import (
    Correction,
    apply_corrections,
    clean,
    fullwidth_punctuation,
    join_hard_wrapped,
    join_page_jumps,
    normalize_newlines,
    split_long_line,
    strip_pinyin,
    tidy_whitespace,
    to_report_script,
)
from reportsite.content.model import Repair


def test_normalize_newlines_turns_every_line_end_into_newline():
    assert normalize_newlines("一\r\n二\r三\u2028四\u2029五") == "一\n二\n三\n四\n五"


def test_apply_corrections_replaces_text_found_once_and_records_its_line():
    text = "各位代表：\n绛县?jīng)_学校建成\n"
    fix = Correction("?jīng)_", "冲", "school name", line=7)
    out, repairs, unmatched = apply_corrections(text, [fix])
    assert out == "各位代表：\n绛县冲学校建成\n"
    assert repairs == [Repair(2, "?jīng)_", "冲", "recorded correction", "school name")]
    assert unmatched == []


@pytest.mark.parametrize("text", ["没有这段文字", "乱码?A乱码?A"], ids=["absent", "twice"])
def test_apply_corrections_skips_text_not_found_exactly_once(text):
    fix = Correction("?A", "基", "")
    out, repairs, unmatched = apply_corrections(text, [fix])
    assert (out, repairs, unmatched) == (text, [], [fix])


@pytest.mark.parametrize(
    "annotated, plain",
    [
        ("發(fā)布日期", "發布日期"),
        ("現(xiàn)在", "現在"),
        ("調(diào)整", "調整"),
        ("區(qū)域協(xié)調(diào)", "區域協調"),
    ],
)
def test_strip_pinyin_removes_the_reading_after_a_character(annotated, plain):
    assert strip_pinyin(annotated) == plain


@pytest.mark.parametrize("text", ["示範縣(市、區)", "《優惠政策(試行)》", "合作(PPP)項目", "2021年(含)以前"])
def test_strip_pinyin_keeps_real_parentheses(text):
    assert strip_pinyin(text) == text


def test_strip_pinyin_removes_a_reading_inside_real_parentheses():
    assert strip_pinyin("示範縣(市、區(qū))") == "示範縣(市、區)"


def test_strip_pinyin_keeps_a_reading_that_does_not_follow_a_character():
    assert strip_pinyin("2022 (fā)") == "2022 (fā)"


def test_the_syllable_inventory_is_every_reading_pypinyin_gives_a_character_with_and_without_tones():
    """Read from pypinyin's data file without importing the package, or, where the file is not to
    be found, through the package: the same syllables either way."""
    from pypinyin import pinyin

    from reportsite.ingest import clean as module

    syllables = module._pinyin_syllables()
    module._pinyin_syllables.cache_clear()
    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(module.importlib.util, "find_spec", lambda name: None)
            assert module._pinyin_syllables() == syllables
    finally:
        module._pinyin_syllables.cache_clear()
    readings = {r for c in "发展調整區域重长" for r in pinyin(c, heteronym=True)[0]}
    assert readings <= syllables and {"fa", "zhang", "diao", "qu"} <= syllables and "qiao" in syllables
    assert not {"fx", "zhangg", "xx"} & syllables


@pytest.mark.parametrize(
    "traditional, simplified",
    [
        ("汙染防治成效明顯", "污染防治成效明显"),  # Taiwan-standard 汙
        ("出臺支持企業的措施", "出台支持企业的措施"),
        ("組織黨員幹部下沉社區", "组织党员干部下沉社区"),
        ("這意味著發展進入新階段", "这意味着发展进入新阶段"),
        ("成效顯著", "成效显著"),
    ],
)
def test_to_report_script_brings_traditional_back_to_simplified(traditional, simplified):
    assert to_report_script(traditional) == simplified


def test_to_report_script_leaves_a_simplified_line_alone():
    # The Taiwan-aware conversion alone would read this 著 as the particle 着.
    assert to_report_script("企业培育成效显著。") == "企业培育成效显著。"


def test_to_report_script_decides_line_by_line():
    assert to_report_script("意味著發展\n成效显著") == "意味着发展\n成效显著"


@pytest.mark.parametrize(
    "half, full",
    [
        ("現在,我代表縣人民政府", "現在，我代表縣人民政府"),
        ("各位代表:", "各位代表："),
        ("勝利召開!", "勝利召開！"),
        ("一是鞏固成果;二是", "一是鞏固成果；二是"),
        ("“十四五”,開局", "“十四五”，開局"),
    ],
)
def test_fullwidth_punctuation_turns_punctuation_in_chinese_text_full_width(half, full):
    assert fullwidth_punctuation(half) == full


@pytest.mark.parametrize("text", ["08:34", "1,000", "2.5", "see (a) or (b)", "Made in China, 2025!"])
def test_fullwidth_punctuation_keeps_times_numbers_and_latin_text(text):
    assert fullwidth_punctuation(text) == text


def test_fullwidth_punctuation_keeps_the_time_of_a_date_line():
    assert fullwidth_punctuation("發布日期:2022-02-25 08:34") == "發布日期：2022-02-25 08:34"


@pytest.mark.parametrize(
    "half, full",
    [
        ("示範縣(市、區)", "示範縣（市、區）"),
        ("合作(PPP)項目", "合作（PPP）項目"),  # Latin inside, but set in Chinese text
        ("(一)產業發展", "（一）產業發展"),
    ],
)
def test_fullwidth_punctuation_turns_brackets_in_chinese_text_full_width(half, full):
    assert fullwidth_punctuation(half) == full


def test_tidy_whitespace_drops_indents_blank_lines_and_trailing_spaces():
    raw = dedent(
        """\
        2022年桐山县政府工作报告
           
        \t工业项目加快推进。
        　　企业培育成效显著。  

          三、全面加强政府自身建设
        """
    )
    assert tidy_whitespace(raw) == "2022年桐山县政府工作报告\n工业项目加快推进。\n企业培育成效显著。\n三、全面加强政府自身建设"


def test_tidy_whitespace_joins_chinese_split_by_spaces():
    assert tidy_whitespace("柳溪县人民政府县长\u00a0\u00a0何文彬") == "柳溪县人民政府县长何文彬"
    assert tidy_whitespace("【字体：大 中 小】") == "【字体：大中小】"


def test_tidy_whitespace_keeps_one_space_between_latin_words():
    assert tidy_whitespace("Made   in China") == "Made in China"


def test_clean_applies_every_repair_and_lists_them_by_line():
    raw = dedent(
        """\
        各位代表:
        現(xiàn)在,我代表縣人民政府?;仡欉^去一年。
        縣?jīng)_學校建成。
        """
    )
    cleaned = clean(raw, [Correction("?jīng)_", "沖", "school name", line=5)])
    assert cleaned.text == "各位代表：\n现在，我代表县人民政府。回顾过去一年。\n县冲学校建成。"
    assert cleaned.repairs == (
        Repair(2, "?;仡欉^", "。回顧過", "re-read in step"),
        Repair(3, "?jīng)_", "沖", "recorded correction", "school name"),
    )
    assert cleaned.unmatched == ()


def test_clean_reports_corrections_it_could_not_apply():
    fix = Correction("不存在的乱码", "修复", "", line=3)
    assert clean("各位代表：", [fix]).unmatched == (fix,)


def test_a_page_jump_is_joined_and_its_marks_removed():
    text = "推动（下转第四版）\n其他版面的内容。\n（上接第一版）县域经济高质量发展。"
    assert join_page_jumps(text) == "推动县域经济高质量发展。\n其他版面的内容。"


def test_a_long_line_is_split_at_its_headings_and_only_a_long_line():
    body = "过去一年成绩来之不易。" * 50
    line = f"2023年某县政府工作报告各位代表：现在，我代表县人民政府报告工作。一、2022年工作回顾{body}（一）产业发展。全年新增企业9家。"
    assert split_long_line(line).split("\n")[:4] == ["2023年某县政府工作报告", "各位代表：", "现在，我代表县人民政府报告工作。", "一、2022年工作回顾"]
    assert split_long_line(line).split("\n")[-1] == "（一）产业发展。全年新增企业9家。"
    assert split_long_line("一句话。一、短的不拆") == "一句话。一、短的不拆"


def test_lines_broken_at_one_width_are_joined_until_a_sentence_ends():
    prose = "全年实施重点项目五十六个完成投资二十一亿元新开工项目三十二个竣工投产十八个。" * 8
    lines = [prose[i : i + 30] for i in range(0, len(prose), 30)]
    assert join_hard_wrapped("（一）标题\n" + "\n".join(lines)) == "（一）标题\n" + prose


def test_lines_of_varied_width_are_left_alone():
    text = "第一行不到三十个字，\n第二行长短不一，这是一段较长的话，写得很长很长很长，\n第三行。"
    assert join_hard_wrapped(text) == text
