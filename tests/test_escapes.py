"""The escapes pass: line breaks, entities and lost spaces a scraper wrote as text."""

from __future__ import annotations

from reportsite.ingest.clean import clean
from reportsite.ingest.escapes import html_entities, literal_line_breaks, lost_spaces


def test_the_four_characters_of_a_line_break_become_a_line_break():
    assert literal_line_breaks(r"各位代表：\r\n现在，我代表县人民政府\n报告工作。") == "各位代表：\n现在，我代表县人民政府\n报告工作。"


def test_named_and_numbered_entities_become_characters_and_a_bare_ampersand_stays():
    assert html_entities("下降8.7%&nbsp;和5.7%，R&D经费&#12288;增长") == "下降8.7%\u00a0和5.7%，R&D经费\u3000增长"


def test_an_entity_cut_off_by_a_summary_ellipsis_is_a_space():
    assert html_entities("提出意见。&ems......") == "提出意见。 ......"


def test_question_marks_where_a_space_was_lost_become_one_space():
    assert lost_spaces("区长?? 李英英\n会议上????各位代表") == "区长  李英英\n会议上 各位代表"


def test_question_marks_inside_garbled_text_are_left_for_the_re_reading():
    assert lost_spaces("?。ㄒ唬??荒陙", garbled=lambda line, start, end: True) == "?。ㄒ唬??荒陙"


def test_clean_turns_an_escaped_report_into_lines_without_entities_or_marks():
    text = clean(r"各位代表：\r\n现在，我代表县人民政府向大会报告工作。&nbsp;\r\n县长??李某").text
    assert text.split("\n") == ["各位代表：", "现在，我代表县人民政府向大会报告工作。", "县长李某"]
