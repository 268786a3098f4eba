"""Targets that say what they are: labels, sentences with the clause marked, natures and cross-references,
each case of the seed that read as a fragment, a promise or a double count, and hand edits kept on re-import."""

from __future__ import annotations

import pytest

from reportsite.ingest.importer import import_report
from reportsite.ingest.labels import cross_reference, describe, nature_of, sentence_around
from reportsite.ingest.targets import list_pieces, quantities, shared_tail
from reportsite.content.model import Block, Paragraph, Target


def seed_target(seed_import, text: str) -> Target:
    [t] = [t for t in seed_import.report.targets if t.text == text]
    return t


@pytest.mark.parametrize(
    "text, label",
    [
        ("实施涧东村至磨里村2.5公里", "涧东村至磨里村通道绿化"),  # was 涧东村至磨里村 (t80)
        ("陈村至一级路口3公里通道绿化", "陈村至一级路口通道绿化"),
        ("总投资208.02亿元", "签约项目总投资"),  # was 总投资
        ("开工26项", "签约项目开工"),  # was 开工
        ("到位资金20.44亿元", "签约项目到位资金"),
        ("总投资22.64亿元的涑水新区全面开工", "涑水新区总投资"),  # t29
        ("3条市政道路等一期工程建设", "市政道路"),  # 3条 was attached to the whole list (t69)
        ("9个集中安置点全部建成", "集中安置点"),
        ("21所义务教育学校校舍提升改造", "义务教育学校校舍提升改造"),
        ("维之王、绛山种业、康园泰等7家企业被省农业农村厅认定为山西省农业产业化省级重点龙头企业", "山西省农业产业化省级重点龙头企业"),
    ],
)
def test_a_seed_target_label_names_what_is_counted_of_what_and_where(seed_import, text, label):
    assert seed_target(seed_import, text).label == label


def test_the_seed_keeps_each_targets_whole_sentence_with_its_clause_marked(seed_import):
    t80 = seed_target(seed_import, "实施涧东村至磨里村2.5公里")
    assert t80.sentence == "实施涧东村至磨里村2.5公里、陈村至一级路口3公里通道绿化。"
    for t in seed_import.report.targets:
        assert t.sentence[t.clause[0] : t.clause[1]] == t.text, t.id
        assert t.sentence.endswith(("。", "！", "？")) or t.kind == "list-item", t.id


def test_no_seed_label_is_a_fragment(seed_import):
    """A label is at least two characters and never ends in a verb of effort, a scope word or a dangling 的."""
    for t in seed_import.report.targets:
        if t.kind != "list-item":
            assert len(t.label) >= 2 and not t.label.endswith(("的", "实施", "加快", "全县", "、")), (t.id, t.label)


@pytest.mark.parametrize(
    "text, nature",
    [
        ("博翔汇良年产3万吨碳基新材料", "capacity"),  # t10: design capacity, not last year's output
        ("龙纤特种纤维年产5000吨聚乙烯纤维等一批项目加快推进", "capacity"),  # t11
        ("加快推进博翔汇良年产3万吨碳基新材料", "capacity"),  # t55
        ("龙纤特种纤维年产5000吨聚乙烯纤维", "capacity"),  # t56
        ("汇集萃3000吨新型阻聚剂生产线", "capacity"),  # t57
        ("聚能科技6000吨锂电池负极材料", "capacity"),  # t58
        ("规划建设2.1万亩涑水新区", "capacity"),  # the planned size of a district, not land built this year
        ("总投资22.64亿元的涑水新区全面开工", "investment"),  # t29: a planned total, not a result
        ("总投资208.02亿元", "investment"),
        ("做好全县9所养老机构", "stock"),  # existing stock, not a commitment
        ("59所农村老年人日间照料中心运营", "stock"),
        ("加快全县10个乡镇卫生院", "stock"),
        ("新建1所民办养老机构", ""),
        ("新建5G基站132座", ""),
    ],
)
def test_a_seed_figure_says_whether_it_is_capacity_investment_or_stock(seed_import, text, nature):
    assert seed_target(seed_import, text).nature == nature


@pytest.mark.parametrize("text", ["送戏下乡200场", "送电影下乡2808场", "加快全县10个乡镇卫生院", "改造提升5所农村日间照料中心", "我们将全力办好10件民生实事"])
def test_a_seed_figure_of_a_livelihood_project_points_to_it_instead_of_counting_twice(seed_import, text):
    t = seed_target(seed_import, text)
    items = {i.id: i for i in seed_import.report.targets if i.kind == "list-item"}
    assert t.duplicate_of in items
    assert text in items[t.duplicate_of].text or t.value == len(items)


def test_the_seed_counts_each_thing_once(seed_import):
    counted = [t for t in seed_import.report.targets if not t.duplicate_of]
    assert len(seed_import.report.targets) == 101 and len(counted) == 95


def test_stock_and_capacity_are_never_commitments_to_follow(seed_import):
    from reportsite.track.match import goals_of

    assert not [t for t in goals_of(seed_import.report) if t.nature in ("stock", "capacity")]


def para(text: str) -> Paragraph:
    return Paragraph("p1", (Block(text),))


def test_the_last_items_noun_is_shared_by_items_whose_figure_ends_them():
    pieces = list_pieces("实施甲村至乙村2公里、丙村至丁村3公里通道绿化")
    assert shared_tail(pieces) == "通道绿化"
    assert [t.indicator for t in quantities(para("实施甲村至乙村2公里、丙村至丁村3公里通道绿化。"), "commitment", 2022)] == [
        "甲村至乙村通道绿化", "丙村至丁村通道绿化"]


def test_a_figure_before_its_noun_counts_that_item_of_a_list_only():
    assert list_pieces("推动商场、酒店及3条市政道路等一期工程建设") == ["3条市政道路等一期工程建设"]
    assert list_pieces("新建学校、幼儿园5所") == ["新建学校、幼儿园5所"]


def test_a_sentence_is_cut_at_its_own_ends():
    text = "第一句有5个。全年签约项目30个，总投资8亿元。最后一句"
    assert sentence_around(text, 12, 15) == ("全年签约项目30个，总投资8亿元。", 7)
    assert sentence_around(text, 24, 26) == ("最后一句", 24)


def test_a_measure_without_an_object_takes_the_object_before_it_only_within_the_sentence():
    p = para("全年签约项目30个，总投资8亿元。总投资2亿元。")
    got = describe(quantities(p, "result", 2021), p, 2022)
    assert [t.label for t in got] == ["签约项目", "签约项目总投资", "总投资"]


@pytest.mark.parametrize(
    "kind, text, sentence, nature",
    [
        ("commitment", "地区生产总值年均增长7%", "", "five-year-goal"),
        ("commitment", "村集体经济收入10万元以上", "到2025年全区所有行政村集体经济收入10万元以上。", "five-year-goal"),
        ("result", "村集体经济收入10万元以上", "到2021年村集体经济收入10万元以上。", ""),
        ("commitment", "计划投资3亿元", "", "investment"),
    ],
)
def test_natures_read_from_the_clause_and_its_sentence(kind, text, sentence, nature):
    t = Target("t1", kind, "p1", text, value=10, unit="万元")
    assert nature_of(t, sentence or text, 2023) == nature


def test_a_figure_inside_a_list_item_points_to_the_item():
    item = Target("t1", "list-item", "p1", "实施文化惠民工程，送戏下乡200场。")
    figure = Target("t2", "commitment", "p1", "送戏下乡200场", value=200, unit="场")
    elsewhere = Target("t3", "commitment", "p2", "送戏下乡200场", value=200, unit="场")
    assert [t.duplicate_of for t in cross_reference([item, figure, elsewhere])] == ["", "t1", ""]


def test_a_reviewed_target_keeps_its_hand_edits_on_reimport(tmp_path, seed):
    from .conftest import content_before_import

    content = content_before_import(tmp_path)
    import_report(seed, content)
    path = content / "reports" / "jiangxian-2022" / "targets.yaml"
    text = path.read_text(encoding="utf-8")
    old = "  label: 涧东村至磨里村通道绿化\n"
    assert old in text
    path.write_text(text.replace(old, "  label: 涧东村至磨里村通道两侧绿化\n  reviewed: true\n", 1), encoding="utf-8")
    result = import_report(seed, content, force=True)
    [t] = [t for t in result.report.targets if t.text == "实施涧东村至磨里村2.5公里"]
    assert (t.label, t.reviewed) == ("涧东村至磨里村通道两侧绿化", True)
    assert "label: 涧东村至磨里村通道两侧绿化\n" in path.read_text(encoding="utf-8")


def test_every_goal_of_a_part_that_sets_the_plans_goals_is_a_five_year_goal():
    p = para("常住人口城镇化率达到60%，新增就业3万人。")
    assert {t.nature for t in describe(quantities(p, "commitment", 2021), p, 2021, five_year=True)} == {"five-year-goal"}
    assert {t.nature for t in describe(quantities(p, "commitment", 2021), p, 2021)} == {""}


def test_person_times_in_ten_thousands_are_one_unit():
    [t] = quantities(para("力争全年接待游客720万人次。"), "commitment", 2021)
    assert (t.indicator, t.value, t.unit) == ("接待游客", 720, "万人次")


def test_the_seeds_goals_to_follow_leave_out_stock_capacity_investment_and_the_lists_announcement(seed_import):
    from reportsite.track.match import goals_of

    followed = {t.text for t in goals_of(seed_import.report)}
    assert "送戏下乡200场" in followed and "新建5G基站132座" in followed
    assert not followed & {"我们将全力办好10件民生实事", "做好全县9所养老机构", "汇集萃3000吨新型阻聚剂生产线", "规划建设2.1万亩涑水新区"}


def test_the_seeds_eight_headline_goals_await_the_next_report(seed_import):
    from reportsite.track.archive import headline_summary
    from reportsite.track.match import track

    outcomes = track(seed_import.report, None)
    assert headline_summary(seed_import.report, outcomes) == {"not-yet-due": 8}
    assert {o.status for o in outcomes} == {"not-yet-due"}


def test_a_reviewed_target_whose_kind_was_corrected_keeps_its_id_and_kind_on_reimport(tmp_path, seed):
    import yaml

    from .conftest import content_before_import

    content = content_before_import(tmp_path)
    first = import_report(seed, content)
    [t] = [t for t in first.report.targets if t.text == "做好全县9所养老机构"]
    path = content / "reports" / "jiangxian-2022" / "targets.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for entry in data["targets"]:
        if entry["id"] == t.id:
            entry.update(kind="result", reviewed=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    again = import_report(seed, content, force=True)
    assert [(x.id, x.kind, x.reviewed) for x in again.report.targets if x.text == "做好全县9所养老机构"] == [(t.id, "result", True)]
    assert len(again.report.targets) == len(first.report.targets)


def test_a_report_with_described_targets_notes_and_appendices_survives_the_report_cache(seed_import):
    import json
    from dataclasses import replace

    from reportsite.content.model import Appendix, Note
    from reportsite.content.report import _from_plain, _plain

    report = replace(seed_import.report, notes=(Note("note1", "[1]", "释义"),), appendices=(Appendix("a1", "附件", ("一",)),))
    again = json.loads(json.dumps(_plain(report), ensure_ascii=False), object_hook=_from_plain)
    assert again == report and again.targets[0].clause == report.targets[0].clause
