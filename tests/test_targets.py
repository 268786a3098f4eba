"""Reading figures: each pattern on its own, then extract_targets over a small report."""

from textwrap import dedent

import pytest

from reportsite.ingest.ids import assign_structure_ids
from reportsite.ingest.importer import parse_report
from reportsite.content.model import Block, Paragraph, Target
from reportsite.ingest.headline import (
    blank_goal,
    figure_goal,
    headline_goals,
    headline_results,
    in_step_goal,
    normalize_indicator,
    pair_goals_with_results,
    respective_goals,
    respective_results,
    single_result,
    split_joint_name,
)
from reportsite.ingest.targets import (
    extract_targets,
    inherit_noun,
    is_review_part,
    numbered_lists,
    plain_label,
    quantities,
)


def para(text: str, pid: str = "p1") -> Paragraph:
    return Paragraph(pid, (Block(text),))


def figures(targets: list[Target]) -> list[tuple]:
    return [(t.indicator, t.value, t.unit, t.growth) for t in targets]


@pytest.mark.parametrize(
    "name, normal",
    [
        ("全县地区生产总值", "地区生产总值"),
        ("2021年全市地区生产总值", "地区生产总值"),
        ("规上工业增加值", "规模以上工业增加值"),
        ("社零总额", "社会消费品零售总额"),
        ("GDP", "地区生产总值"),
    ],
)
def test_normalize_indicator_drops_the_scope_and_spells_out_abbreviations(name, normal):
    assert normalize_indicator(name) == normal


@pytest.mark.parametrize(
    "clause, figure",
    [
        ("全县地区生产总值完成78.9亿元，同比增长9.3%", ("地区生产总值", 78.9, "亿元", 9.3)),
        ("规模以上工业增加值同比增长21.7%", ("规模以上工业增加值", None, "", 21.7)),
        ("城镇居民人均可支配收入达到36215元，同比增长5.6%", ("城镇居民人均可支配收入", 36215, "元", 5.6)),
        ("社会消费品零售总额完成41.2亿元，同比下降2.3%", ("社会消费品零售总额", 41.2, "亿元", -2.3)),
    ],
)
def test_single_result_reads_level_and_growth(clause, figure):
    assert figures(single_result(clause)) == [figure]


@pytest.mark.parametrize("lead_in", ["2021年，", "初步核算，全年", "初步核算，2020年，"])
def test_single_result_skips_a_lead_in_before_the_indicator(lead_in):
    [result] = single_result(lead_in + "地区生产总值完成128.6亿元，同比增长3.2%")
    assert figures([result]) == [("地区生产总值", 128.6, "亿元", 3.2)]
    assert result.text.endswith("地区生产总值完成128.6亿元，同比增长3.2%")


@pytest.mark.parametrize("clause", ["全县经济呈现稳中有进态势", "同比增长9.3%", "新建5G基站132座"])
def test_single_result_needs_a_named_growth_figure(clause):
    assert single_result(clause) == []


@pytest.mark.parametrize(
    "name, count, names",
    [
        ("城镇和农村居民人均可支配收入", 2, ["城镇居民人均可支配收入", "农村居民人均可支配收入"]),
        ("全县城镇、农村居民人均可支配收入", 2, ["城镇居民人均可支配收入", "农村居民人均可支配收入"]),
        ("进口和出口总额", 2, ["进口总额", "出口总额"]),
        ("城乡居民人均可支配收入", 2, ["城镇居民人均可支配收入", "农村居民人均可支配收入"]),
    ],
)
def test_split_joint_name_gives_each_parallel_word_the_shared_tail(name, count, names):
    assert split_joint_name(name, count) == names


@pytest.mark.parametrize("name, count", [("城镇和农村居民人均可支配收入", 3), ("工业增加值和投资", 2), ("地区生产总值", 2)])
def test_split_joint_name_gives_up_on_names_that_are_not_parallel(name, count):
    assert split_joint_name(name, count) == []


def test_respective_results_reads_each_indicator_of_a_shared_clause():
    clause = "城镇和农村居民人均可支配收入分别达到38760元、19105元，同比分别增长5.1%和7.2%"
    results = respective_results(clause)
    assert figures(results) == [("城镇居民人均可支配收入", 38760, "元", 5.1), ("农村居民人均可支配收入", 19105, "元", 7.2)]
    assert {t.text for t in results} == {clause}


def test_respective_results_lets_a_unit_written_once_count_for_every_value():
    results = respective_results("城镇、农村居民人均可支配收入分别达到38760、19105元，分别增长5.1%、7.2%")
    assert figures(results) == [("城镇居民人均可支配收入", 38760, "元", 5.1), ("农村居民人均可支配收入", 19105, "元", 7.2)]


def test_respective_results_reads_growth_without_levels():
    results = respective_results("城镇和农村居民人均可支配收入分别增长5.1%和7.2%")
    assert figures(results) == [("城镇居民人均可支配收入", None, "", 5.1), ("农村居民人均可支配收入", None, "", 7.2)]


def test_headline_results_reads_every_clause_of_the_headline_sentence():
    text = (
        "初步核算，全年地区生产总值完成128.6亿元，同比增长3.2%；规模以上工业增加值同比增长4.6%；"
        "城镇和农村居民人均可支配收入分别达到39874元、19262元，同比分别增长4.1%和6.9%。全县经济稳中向好。"
    )
    results = headline_results(para(text), 2020)
    assert figures(results) == [
        ("地区生产总值", 128.6, "亿元", 3.2),
        ("规模以上工业增加值", None, "", 4.6),
        ("城镇居民人均可支配收入", 39874, "元", 4.1),
        ("农村居民人均可支配收入", 19262, "元", 6.9),
    ]
    assert {(t.kind, t.paragraph, t.year) for t in results} == {("indicator-result", "p1", 2020)}


def test_headline_results_needs_at_least_three_indicators():
    text = "开发区实现营业收入86.3亿元，同比增长12.4%；外贸进出口总额同比增长8%。"
    assert headline_results(para(text), 2023) == []


@pytest.mark.parametrize(
    "clause, goal",
    [
        ("地区生产总值增长6.5%左右", ("地区生产总值", None, "", 6.5, "左右")),
        ("规上工业增加值增长10%以上", ("规模以上工业增加值", None, "", 10, "以上")),
        ("固定资产投资增长10%", ("固定资产投资", None, "", 10, "")),
        ("城镇调查失业率控制在5.5%以内", ("城镇调查失业率", 5.5, "%", None, "以内")),
        ("居民消费价格涨幅控制在3%左右", ("居民消费价格涨幅", 3, "%", None, "左右")),
        ("粮食产量稳定在25万吨以上", ("粮食产量", 25, "万吨", None, "以上")),
        ("单位生产总值能耗下降3%", ("单位生产总值能耗", None, "", -3, "")),
    ],
)
def test_figure_goal_reads_growth_and_level_goals(clause, goal):
    t = figure_goal(clause)
    assert (t.indicator, t.value, t.unit, t.growth, t.qualifier) == goal


def test_in_step_goal_keeps_a_goal_without_a_figure_as_its_qualifier():
    t = in_step_goal("城乡居民人均可支配收入增长与经济增长基本同步")
    assert (t.indicator, t.value, t.growth, t.qualifier) == ("城乡居民人均可支配收入", None, None, "与经济增长基本同步")


def test_headline_goals_reads_the_main_expected_targets_and_skips_tasks_without_figures():
    text = (
        "今年是开局之年。主要预期目标是：地区生产总值增长6.5%左右，城乡居民人均可支配收入增长与经济增长基本同步，"
        "城镇调查失业率控制在5.5%以内，完成市下达的节能减排目标任务。要坚持稳中求进。"
    )
    goals = headline_goals(para(text), 2023)
    assert [(t.indicator, t.growth, t.value, t.qualifier) for t in goals] == [
        ("地区生产总值", 6.5, None, "左右"),
        ("城乡居民人均可支配收入", None, None, "与经济增长基本同步"),
        ("城镇调查失业率", None, 5.5, "以内"),
    ]
    assert {(t.kind, t.year) for t in goals} == {("indicator", 2023)}


def test_headline_goals_needs_the_sentence_that_announces_them():
    assert headline_goals(para("地区生产总值增长6.5%左右。"), 2023) == []


@pytest.mark.parametrize(
    "text, figure",
    [
        ("新建5G基站132座。", ("新建5G基站", 132, "座", None)),
        ("网办率达到95%以上。", ("网办率", 95, "%", None)),
        ("完成县乡公路改造27.92公里。", ("完成县乡公路改造", 27.92, "公里", None)),
        ("营业收入同比增长12.4%。", ("营业收入同比", None, "", 12.4)),
    ],
)
def test_quantities_reads_each_figure_with_what_it_counts(text, figure):
    assert figures(quantities(para(text), "result", 2021)) == [figure]


@pytest.mark.parametrize("text, growth", [("主要污染物排放减少3%。", -3), ("单位产值能耗下降3%。", -3), ("粮食单产提高3%。", 3), ("营业收入增长3%。", 3)])
def test_quantities_read_a_fall_as_negative_growth_whichever_verb_says_so(text, growth):
    [target] = quantities(para(text), "result", 2021)
    assert (target.growth, target.value) == (growth, None)


def test_quantities_splits_a_clause_listing_several_figures():
    found = quantities(para("改造老旧小区9个、燃气管网13.5公里。"), "result", 2023)
    assert figures(found) == [("改造老旧小区", 9, "个", None), ("燃气管网", 13.5, "公里", None)]


@pytest.mark.parametrize("text", ["G241呼北线绛县段改线。", "推行“7×24”小时自助服务。", "一是抓工业。二是抓农业。"])
def test_quantities_ignores_numbers_that_are_names_or_markers(text):
    assert quantities(para(text), "commitment", 2022) == []


def list_paragraph(text: str) -> Paragraph:
    from reportsite.ingest.structure import split_blocks

    return Paragraph("p9", split_blocks(text))


def test_numbered_lists_reads_an_announced_list_whose_count_matches():
    p = list_paragraph("今年，我们将办好3件民生实事：一是新建幼儿园2所。二是改造老旧小区8个。三是新增停车位800个。")
    [lst], items = numbered_lists(p, 2024)
    assert (lst.title, lst.paragraph) == ("民生实事", "p9")
    assert [(t.kind, t.number, t.indicator) for t in items] == [
        ("list-item", 1, "新建幼儿园2所"),
        ("list-item", 2, "改造老旧小区8个"),
        ("list-item", 3, "新增停车位800个"),
    ]


@pytest.mark.parametrize("lead, title", [("重点发挥“三大优势”：", "三大优势"), ("深入实施「五大行动」：", "五大行动"),
                                         ("今年要办好5件“民生实事”：", "民生实事")])
def test_a_list_is_named_by_what_its_announcement_quotes_without_the_quotation_marks(lead, title):
    count = 3 if "三" in lead else 5
    p = list_paragraph(lead + "".join(f"{n}是新建幼儿园{i}所。" for i, n in enumerate("一二三四五"[:count], start=1)))
    [lst], found = numbered_lists(p, 2024)
    assert lst.title == title and len(found) == count


def test_numbered_lists_ignores_a_list_whose_count_does_not_match():
    p = list_paragraph("今年，我们将办好3件民生实事：一是新建幼儿园2所。二是改造老旧小区8个。")
    assert numbered_lists(p, 2024) == ([], [])


@pytest.mark.parametrize("title, review", [("2022年工作回顾", True), ("2020年和“十三五”时期工作回顾", True), ("过去五年工作回顾", True), ("2023年工作安排", False), ("全面加强政府自身建设", False)])
def test_is_review_part_tells_the_review_from_the_plan(title, review):
    assert is_review_part(title, 2022) is review


def test_pair_goals_with_results_links_the_same_indicator_despite_abbreviations():
    results = [Target("t1", "indicator-result", "p1", "", indicator="地区生产总值"), Target("t2", "indicator-result", "p1", "", indicator="规模以上工业增加值")]
    goals = [Target("t3", "indicator", "p2", "", indicator="规模以上工业增加值"), Target("t4", "indicator", "p2", "", indicator="粮食产量")]
    assert [g.baseline for g in pair_goals_with_results(goals, results)] == ["t2", ""]


def test_pair_goals_with_results_gives_a_joint_goal_no_single_baseline():
    results = [Target("t6", "indicator-result", "p1", "", indicator="城镇居民人均可支配收入"), Target("t7", "indicator-result", "p1", "", indicator="农村居民人均可支配收入")]
    goals = [Target("t9", "indicator", "p2", "", indicator="城乡居民人均可支配收入", qualifier="与经济增长基本同步")]
    assert [g.baseline for g in pair_goals_with_results(goals, results)] == [""]


MINI_REPORT = dedent(
    """\
    2021年安平市政府工作报告
    ——2021年2月3日在安平市第十六届人民代表大会第五次会议上
    各位代表：
    现在，我代表市人民政府，向大会报告工作，请予审议，并请市政协委员和其他列席人员提出意见。
    一、2020年工作回顾
    全年地区生产总值完成128.6亿元，同比增长3.2%；固定资产投资完成76.4亿元，同比增长5.1%；一般公共预算收入完成8.35亿元，同比增长1.2%。
    （一）三大攻坚战取得决定性成就
    三大攻坚战取得决定性成就：一是脱贫攻坚全面收官，3个贫困村全部出列；二是污染防治成效明显；三是重大风险有效化解。
    二、2021年重点工作
    主要预期目标是：地区生产总值增长7%以上，固定资产投资增长9%左右，一般公共预算收入增长4%。
    （一）持续保障和改善民生
    今年，市政府将集中力量办好2件民生实事：一是新建中小学4所。二是改造城镇老旧小区20个。
    各位代表，新征程已经开启，新蓝图催人奋进。让我们同心同德，砥砺前行！
    """
).encode("utf-8")


@pytest.fixture(scope="module")
def mini_extraction():
    report, _ = parse_report(MINI_REPORT)
    return extract_targets(assign_structure_ids(report))


def test_extract_targets_reads_results_in_the_review_and_commitments_in_the_plan(mini_extraction):
    kinds = [(t.kind, t.indicator, t.year) for t in mini_extraction.targets]
    assert kinds[:3] == [("indicator-result", n, 2020) for n in ("地区生产总值", "固定资产投资", "一般公共预算收入")]
    assert ("result", "贫困村全部出列", 2020) in kinds
    assert kinds[4:7] == [("indicator", n, 2021) for n in ("地区生产总值", "固定资产投资", "一般公共预算收入")]


def test_extract_targets_takes_lists_from_the_plan_only(mini_extraction):
    # 三大攻坚战取得决定性成就：一是…三是… in the review reports results; it is not a list of commitments.
    [(lst, positions)] = mini_extraction.lists
    assert lst.title == "民生实事"
    assert [mini_extraction.targets[i].indicator for i in positions] == ["新建中小学4所", "改造城镇老旧小区20个"]


@pytest.mark.parametrize("label, plain", [
    ("我们将全力办好民生实事", "民生实事"), ("加快推进博翔汇良年产碳基新材料", "博翔汇良年产碳基新材料"), ("做好全县养老机构", "养老机构"),
    ("为实体经济发展争取信贷投放", "信贷投放"), ("村卫生室胸痛救治单元建设", "村卫生室胸痛救治单元"), ("新建5G基站", "新建5G基站"),
])
def test_a_label_names_what_is_counted_without_verbs_of_effort(label, plain):
    assert plain_label(label) == plain


@pytest.mark.parametrize("label, first, full", [
    ("市级", "省级企业技术中心", "市级企业技术中心"), ("总产", "粮食面积", "粮食总产"), ("新建道路", "改造道路", "新建道路"),
])
def test_an_elliptical_item_inherits_the_noun_of_the_first(label, first, full):
    assert inherit_noun(label, first) == full


def test_a_blanked_figure_gives_a_goal_without_a_value():
    goal = blank_goal("规模以上工业增加值比上年增长%左右")
    assert (goal.indicator, goal.growth, goal.value, goal.qualifier) == ("规模以上工业增加值", None, None, "左右")
    assert blank_goal("地区生产总值增长8%") is None


def test_respective_goals_give_one_goal_per_joined_indicator():
    goals = respective_goals("城乡居民人均可支配收入分别增长7%、8.5%")
    assert [(g.indicator, g.growth) for g in goals] == [("城镇居民人均可支配收入", 7), ("农村居民人均可支配收入", 8.5)]


def test_a_goal_with_negative_growth_and_a_per_mille_level_goal():
    assert figure_goal("万元地区生产总值能耗下降3%").growth == -3
    goal = figure_goal("人口自然增长率控制在3‰以内")
    assert (goal.value, goal.unit, goal.qualifier) == (3, "‰", "以内")


def test_a_goal_is_not_paired_with_a_result_that_counts_something_else():
    goal = Target("t9", "indicator", "p", "", indicator="万元地区生产总值能耗", growth=-3)
    result = Target("t1", "indicator-result", "p", "", indicator="地区生产总值", growth=5)
    assert pair_goals_with_results([goal], [result])[0].baseline == ""


def test_a_news_rewrite_that_keeps_the_reports_parts_reads_its_review_as_results():
    from reportsite.content.model import Meta, Part, Report

    review = Part("part1", 1, "2022年政府工作回顾", (para("改造老旧小区287个，新建口袋公园179个。"),), ())
    plan = Part("part2", 2, "2023年主要工作", (para("新建口袋公园100个。", "p2"),), ())
    news = Report("x-2023", Meta("2023年保定市政府工作报告", "保定市", 2023, digest=True), (), (review, plan), ())
    assert [(t.kind, t.value) for t in extract_targets(news).targets] == [("result", 287), ("result", 179), ("commitment", 100)]


def test_a_figure_in_a_run_of_figures_with_no_punctuation_is_read_with_the_text_near_it_only():
    """A clause of a report is under a hundred characters; in a run of 2,000 figures with nothing between
    them, each figure's clause reaches 200 characters either side of it, not the whole run (which made
    reading the run's figures take time as the square of its length)."""
    run = "新建" + "".join(f"{n}个" for n in range(2000))
    found = quantities(para(run), "commitment", 2022)
    assert len(found) == 2000
    assert all(len(t.text) <= 2 * 200 + len(f"{t.value}个") and f"{t.value}个" in t.text for t in found)
    assert found[0].text.startswith("新建0个") and found[-1].text.endswith("1999个")
    assert len(found[1000].indicator) <= 2 * 200


def test_a_clause_of_ordinary_length_is_each_of_its_figures_text_whole():
    clause = "新建农村公路46.7公里，改造危房120户"
    assert [t.text for t in quantities(para(clause), "commitment", 2022)] == ["新建农村公路46.7公里", "改造危房120户"]
