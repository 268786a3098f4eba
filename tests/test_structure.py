"""Parsing the cleaned lines: parts, sections, paragraphs, lead sentences and enumerations."""

from textwrap import dedent

import pytest

from reportsite.content.model import Block, Paragraph
from reportsite.ingest.structure import (
    split_item_paragraphs,
    cn_number,
    find_enumeration,
    is_lead_sentence,
    mark_item_paragraphs,
    paragraph,
    parse_structure,
    split_blocks,
    split_leads,
    split_sentences,
)


def lines(text: str) -> list[str]:
    return dedent(text).strip("\n").split("\n")


@pytest.mark.parametrize("text, number", [("一", 1), ("九", 9), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23)])
def test_cn_number_reads_chinese_numerals(text, number):
    assert cn_number(text) == number


@pytest.mark.parametrize("text", ["十十", "二二", "十二十", "二十十", "", "百"])
def test_cn_number_is_zero_for_what_is_no_numeral(text):
    # 十十是… once stopped an import with a traceback (an enumeration's marker read as a number).
    assert cn_number(text) == 0


def test_split_sentences_keeps_each_sentences_final_mark():
    assert split_sentences("项目建设成效明显。真的吗？是的！还有") == ["项目建设成效明显。", "真的吗？", "是的！", "还有"]


@pytest.mark.parametrize("sentence", ["项目建设成效明显。", "工业经济扩能提质。", "涑水新区起航。"])
def test_is_lead_sentence_accepts_a_short_topic_sentence(sentence):
    assert is_lead_sentence(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "维修水库13座。",  # a figure is a result, not a topic
        "坚持项目为王，全力扩大有效投资。",  # a comma makes it a clause of the text
        "项目是发展的重要生命线。",  # too long to head a passage
        "起航。",  # too short
        "项目建设成效明显",  # no full stop
    ],
)
def test_is_lead_sentence_rejects_other_sentences(sentence):
    assert not is_lead_sentence(sentence)


@pytest.mark.parametrize("mark", ["、", "；", "："])
@pytest.mark.parametrize("sentence", ["项目建设成效明显{}。", "项目建设{}成效明显。"])
def test_is_lead_sentence_rejects_a_sentence_with_a_clause_mark_anywhere(sentence, mark):
    """、；： end a clause, not a topic: a sentence holding one (at its end too) continues the text."""
    assert is_lead_sentence(sentence.format(""))
    assert not is_lead_sentence(sentence.format(mark))
    assert not is_lead_sentence(sentence.format(mark)[:-1])  # the clause mark as the sentence's last


def test_split_leads_makes_each_lead_head_the_sentences_after_it():
    text = "全年民生支出18.4亿元。项目建设成效明显。实施重点项目68个。招商引资扎实推进。签约项目41个。"
    assert split_leads(text) == [
        Block("全年民生支出18.4亿元。"),
        Block("实施重点项目68个。", lead="项目建设成效明显。"),
        Block("签约项目41个。", lead="招商引资扎实推进。"),
    ]


def test_split_leads_does_not_make_a_final_sentence_a_lead():
    assert split_leads("实施重点项目68个。项目建设成效明显。") == [Block("实施重点项目68个。项目建设成效明显。")]


def test_find_enumeration_finds_items_numbered_from_one():
    text = "存在困难和问题：一是经济总量偏小；二是财政收支矛盾突出；三是营商环境仍有差距。"
    assert [m.group(0) for m in find_enumeration(text)] == ["一是", "二是", "三是"]


@pytest.mark.parametrize(
    "text",
    [
        "二是财政收支矛盾突出；三是营商环境仍有差距。",  # does not start at one
        "一是经济总量偏小。",  # a single item is no enumeration
        "坚持统一要求，实现统一是关键。",  # 一要/一是 inside words
    ],
)
def test_find_enumeration_finds_nothing_without_a_run_from_one(text):
    assert find_enumeration(text) == []


def test_find_enumeration_stops_at_a_gap_in_the_numbering():
    text = "一是抓工业。二是抓农业。四是抓文旅。"
    assert [m.group(0) for m in find_enumeration(text)] == ["一是", "二是"]


def test_split_blocks_turns_an_enumeration_into_items_with_leads():
    text = "今年我们要：一是抓工业。实施亿元以上工业项目18个。二是抓农业。新建高标准农田2.5万亩。"
    assert split_blocks(text) == (
        Block("今年我们要："),
        Block("实施亿元以上工业项目18个。", lead="抓工业。", marker="一是"),
        Block("新建高标准农田2.5万亩。", lead="抓农业。", marker="二是"),
    )


def test_split_blocks_keeps_an_item_without_a_lead_as_text():
    text = "一是巩固“两不愁三保障”成果；二是持续推进产业扶贫，新建扶贫车间6个。"
    assert split_blocks(text) == (
        Block("巩固“两不愁三保障”成果；", marker="一是"),
        Block("持续推进产业扶贫，新建扶贫车间6个。", marker="二是"),
    )


def test_paragraph_text_is_the_text_it_was_made_from():
    text = "今年我们要：一是抓工业。实施项目18个。二是抓农业。新建农田2.5万亩。项目建设成效明显。签约41个。"
    assert paragraph(text).text == text


def test_mark_item_paragraphs_marks_paragraphs_that_open_a_numbered_run():
    paragraphs = [paragraph("一要抓实基础设施项目。新建5G基站132座。"), paragraph("二要抓实重点产业项目。推进项目建设。")]
    marked = mark_item_paragraphs(paragraphs)
    assert [p.blocks for p in marked] == [
        (Block("新建5G基站132座。", lead="抓实基础设施项目。", marker="一要"),),
        (Block("推进项目建设。", lead="抓实重点产业项目。", marker="二要"),),
    ]


def test_mark_item_paragraphs_leaves_a_lone_numbered_paragraph_alone():
    lone = paragraph("一要把握虚与实的关系，做到实处着力。")
    assert mark_item_paragraphs([lone]) == [lone]


def test_items_with_a_lead_sentence_are_paragraphs_however_the_source_broke_its_lines():
    one_line = "我们要做到：一要把握虚与实的关系。莫让空谈代替实干。二要把握快与慢的关系。既要谋长远。"
    split = split_item_paragraphs([paragraph(one_line)])
    assert [p.blocks for p in split] == [
        (Block("我们要做到："),),
        (Block("莫让空谈代替实干。", lead="把握虚与实的关系。", marker="一要"),),
        (Block("既要谋长远。", lead="把握快与慢的关系。", marker="二要"),),
    ]
    on_lines = mark_item_paragraphs([paragraph("一要把握虚与实的关系。莫让空谈代替实干。"), paragraph("二要把握快与慢的关系。既要谋长远。")])
    assert [p.blocks for p in split_item_paragraphs(on_lines)] == [p.blocks for p in split[1:]]


def test_clause_items_stay_in_their_sentences_paragraph():
    clauses = paragraph("存在的问题有：一是巩固成果；二是推进产业扶贫。对此，我们认真解决。")
    assert split_item_paragraphs([clauses]) == [clauses]


def texts(paragraphs: tuple[Paragraph, ...] | list[Paragraph]) -> list[str]:
    return [p.text for p in paragraphs]


REPORT = lines(
    """
    现在，我代表县人民政府，向大会报告工作，请予审议。
    一、2022年工作回顾
    过去的一年，我们坚持稳中求进工作总基调。
    （一）聚焦项目建设，经济运行稳中有进
    项目建设成效明显。全年实施重点项目68个。
    (二)聚焦乡村振兴，农业农村稳步发展
    粮食生产再获丰收。总产量达到21.7万吨。
    各位代表！这些成绩的取得，是全县人民团结奋斗的结果。
    同时，我们也清醒地看到，全县发展中还存在不少困难和问题。
    二、2023年工作安排
    （一）坚持项目为王，要全力以赴扩投资。项目是发展的生命线。全年安排重点项目65个。
    （二）坚持民生为先，要用心用情惠民生。发展的最终目的是让群众过上更好日子。
    三、全面加强政府自身建设
    1.坚持依法行政
    自觉接受县人大及其常委会的法律监督。
    各位代表，新时代新征程催人奋进。让我们为全面建设新清河而努力奋斗！
    """
)


def test_parse_structure_finds_parts_in_order():
    _, parts, _ = parse_structure(REPORT)
    assert [(p.number, p.title) for p in parts] == [(1, "2022年工作回顾"), (2, "2023年工作安排"), (3, "全面加强政府自身建设")]


def test_parse_structure_reads_headings_on_their_own_line_with_either_kind_of_bracket():
    _, parts, _ = parse_structure(REPORT)
    sections = parts[0].sections
    assert [(s.number, s.title, s.heading_style) for s in sections] == [
        (1, "聚焦项目建设，经济运行稳中有进", "line"),
        (2, "聚焦乡村振兴，农业农村稳步发展", "line"),
    ]
    assert texts(sections[0].paragraphs) == ["项目建设成效明显。全年实施重点项目68个。"]


def test_parse_structure_reads_an_inline_heading_as_the_first_sentence():
    _, parts, _ = parse_structure(REPORT)
    sections = parts[1].sections
    assert [(s.title, s.heading_style) for s in sections] == [
        ("坚持项目为王，要全力以赴扩投资", "inline"),
        ("坚持民生为先，要用心用情惠民生", "inline"),
    ]
    assert texts(sections[0].paragraphs) == ["项目是发展的生命线。全年安排重点项目65个。"]


def test_parse_structure_reads_arabic_section_numbers():
    _, parts, _ = parse_structure(REPORT)
    assert [s.title for s in parts[2].sections] == ["坚持依法行政"]


def test_parse_structure_keeps_the_text_before_the_first_section_as_the_parts_intro():
    _, parts, _ = parse_structure(REPORT)
    assert texts(parts[0].intro) == ["过去的一年，我们坚持稳中求进工作总基调。"]


def test_an_address_to_the_deputies_closes_a_part_and_only_the_last_one_closes_the_report():
    opening, parts, closing = parse_structure(REPORT)
    assert texts(opening) == ["现在，我代表县人民政府，向大会报告工作，请予审议。"]
    assert texts(parts[0].outro) == [
        "各位代表！这些成绩的取得，是全县人民团结奋斗的结果。",
        "同时，我们也清醒地看到，全县发展中还存在不少困难和问题。",
    ]
    assert texts(parts[2].outro) == []
    assert texts(closing) == ["各位代表，新时代新征程催人奋进。让我们为全面建设新清河而努力奋斗！"]


def test_a_numbered_sentence_is_prose_not_a_part_heading():
    body = lines(
        """
        一、2022年工作回顾
        （一）项目建设
        一、二季度经济运行平稳。
        二、2023年工作安排
        """
    )
    _, parts, _ = parse_structure(body)
    assert [p.title for p in parts] == ["2022年工作回顾", "2023年工作安排"]
    assert texts(parts[0].sections[0].paragraphs) == ["一、二季度经济运行平稳。"]


def test_a_section_number_out_of_sequence_is_prose():
    body = lines(
        """
        一、2022年工作回顾
        （一）项目建设
        （三）这一行并非标题
        """
    )
    _, parts, _ = parse_structure(body)
    assert [s.title for s in parts[0].sections] == ["项目建设"]
    assert texts(parts[0].sections[0].paragraphs) == ["（三）这一行并非标题"]


def test_section_numbers_start_again_in_each_part():
    _, parts, _ = parse_structure(REPORT)
    assert [[s.number for s in p.sections] for p in parts] == [[1, 2], [1, 2], [1]]


def test_a_list_of_clauses_ends_with_its_sentence_and_what_follows_belongs_to_the_paragraph():
    text = (
        "全县发展还存在不少短板：一是经济总量偏小；二是科技创新能力不强；"
        "三是城乡基础设施欠账较多。我们一定直面问题，努力加以解决。"
    )
    assert split_blocks(text) == (
        Block("全县发展还存在不少短板："),
        Block("经济总量偏小；", marker="一是"),
        Block("科技创新能力不强；", marker="二是"),
        Block("城乡基础设施欠账较多。", marker="三是"),  # a short item is not a lead of the closing sentence
        Block("我们一定直面问题，努力加以解决。"),
    )
