"""Following goals to outcomes: reading the next report's statements, the status rules, the review file and
the pairing of reports by place and year. Small reports are built in the test; the corpus pairs are in
test_outcome_pairs.py."""

from __future__ import annotations

from dataclasses import replace
from textwrap import dedent

import pytest

from reportsite.content.model import Block, Meta, Paragraph, Part, Report, Target
from reportsite.content.archive import place_name_key
from reportsite.track.archive import next_reports, report_outcomes, review_warnings
from reportsite.track.match import Outcome, candidates, claimed, track
from reportsite.track.review import load_outcomes, merge, outcome_data, write_outcomes
from reportsite.track.statements import read_segment, stated_figures
from reportsite.track.status import judge, load_rules
from reportsite.content.vocabulary import load_vocabulary

V, RULES = load_vocabulary(), load_rules()


def report(rid: str, year: int, review: str, plan: str = "", targets=(), place: str = "清苑区") -> Report:
    parts = (
        Part("part1", 1, f"{year - 1}年工作回顾", (Paragraph("part1-p1", (Block(review),)),), ()),
        Part("part2", 2, f"{year}年工作目标", (Paragraph("part2-p1", (Block(plan or "今年工作目标另行安排。"),)),), ()),
    )
    return Report(rid, Meta(f"{year}年政府工作报告", place, year), (), parts, (), tuple(targets))


GDP_GOAL = Target("t1", "indicator", "part2-p1", "地区生产总值增长8%以上", indicator="地区生产总值", growth=8, qualifier="以上", year=2022)


def test_statements_keep_the_estimate_word_the_quote_and_the_paragraph():
    r = report("x-2023", 2023, "初步预计，全区地区生产总值同比增长6%以上；规模以上工业增加值完成31.6亿元。")
    gdp, industry = stated_figures(r, V)
    assert (gdp.key, gdp.growth.value, gdp.growth.qualifier, gdp.estimate, gdp.paragraph) == ("gdp", 6, "以上", "初步预计", "part1-p1")
    assert (industry.key, industry.level.value, industry.level.unit, industry.growth) == ("industry-value-added", 31.6, "亿元", None)


def test_an_estimate_word_after_one_indicator_is_that_indicators_only():
    r = report("x-2020", 2020, "2019年，全县地区生产总值预计完成51.08亿元，一般公共预算收入完成2.36亿元。")
    assert [(s.key, s.estimate) for s in stated_figures(r, V)] == [("gdp", "预计"), ("public-budget-revenue", "")]


def test_the_goals_sentence_and_five_year_averages_are_not_outcomes():
    r = report("x-2023", 2023, "五年来，地区生产总值年均增长7.1%。", "主要预期目标是：地区生产总值增长7%。")
    assert stated_figures(r, V) == []


@pytest.mark.parametrize(
    "segment, keys, want",
    [
        ("分别达到38506元和23294元，同比增长9%和12%", ("urban-income", "rural-income"), [(38506, 9), (23294, 12)]),
        ("分别完成31098元、12347元，均增长8.5%", ("urban-income", "rural-income"), [(31098, 8.5), (12347, 8.5)]),
        ("完成3725亿元，增长7.2%、全省第一", ("gdp",), [(3725, 7.2)]),
        ("同比下降2.3%", ("retail-sales",), [(None, -2.3)]),
    ],
)
def test_a_segment_gives_each_named_indicator_its_level_and_growth(segment, keys, want):
    got = read_segment(keys, segment)
    assert [(lvl.value if lvl else None, g.value if g else None) for _, lvl, g in got] == want


@pytest.mark.parametrize(
    "goal, outcome, qualifier, measure, status",
    [
        (9, 7, "", "growth", "missed"),
        (9, 9, "", "growth", "met"),
        (6, 6, "左右", "growth", "met"),
        (9, 8.6, "左右", "growth", "met"),
        (10, 8.6, "左右", "growth", "missed"),
        (8, 7.2, "以上", "growth", "missed"),
        (6.5, 11.3, "以上", "growth", "exceeded"),
        (4.5, 4.5, "以内", "growth", "met"),
        (4.5, 5.5, "以内", "growth", "missed"),
        (4.5, 1.0, "以内", "growth", "met"),
        (-3, -3.5, "", "growth", "met"),
        (47.2e8, 51.08e8, "", "level", "exceeded"),
        (7.7e8, 8.04e8, "", "level", "met"),
    ],
)
def test_the_status_rules(goal, outcome, qualifier, measure, status):
    assert judge(goal, outcome, qualifier, measure, V, RULES) == status


def test_a_commitment_reached_halfway_is_partly_met_and_a_headline_level_is_not():
    assert judge(2, 1.27, "", "level", V, RULES, commitment=True) == "partly"
    assert judge(2, 1.27, "", "level", V, RULES) == "missed"
    assert judge(2, 0.9, "", "level", V, RULES, commitment=True) == "missed"


def test_a_growth_goal_with_only_a_level_stated_is_not_comparable():
    nxt = report("x-2023", 2023, "初步预计，全年地区生产总值完成166.2亿元，固定资产投资完成56.5亿元。")
    [o] = track(report("x-2022", 2022, "", targets=[GDP_GOAL]), nxt)
    assert (o.status, o.value, o.unit, o.estimate) == ("not-comparable", 166.2, "亿元", "初步预计")


def test_a_goal_the_next_report_is_silent_on_has_no_outcome_stated():
    [o] = track(report("x-2022", 2022, "", targets=[GDP_GOAL]), report("x-2023", 2023, "全年粮食丰收。"))
    assert (o.status, o.value, o.report) == ("no-outcome-stated", None, "x-2023")


def test_without_the_next_report_every_goal_is_not_yet_due():
    assert [o.status for o in track(report("x-2022", 2022, "", targets=[GDP_GOAL]), None)] == ["not-yet-due"]


def test_stock_capacity_and_goals_without_figures_are_not_followed():
    stock = Target("t2", "commitment", "part2-p1", "做好全县9所养老机构", indicator="养老机构", value=9, unit="所", nature="stock")
    capacity = Target("t3", "commitment", "part2-p1", "年产3万吨碳基新材料", indicator="碳基新材料", value=3, unit="万吨", nature="capacity")
    in_step = Target("t4", "indicator", "part2-p1", "城乡居民收入增长与经济增长同步", indicator="城乡居民收入", qualifier="与经济增长同步")
    assert track(report("x-2022", 2022, "", targets=[stock, capacity, in_step]), None) == []


def commitment(text: str, label: str, value, unit: str) -> Target:
    return Target("t9", "commitment", "part2-p1", text, indicator=label, label=label, value=value, unit=unit, year=2022)


def result(text: str, label: str, value, unit: str) -> Target:
    return Target("t1", "result", "part1-p1", text, indicator=label, label=label, value=value, unit=unit, year=2022)


def test_a_commitment_gets_the_result_that_counts_the_same_thing_in_the_same_unit():
    goal = commitment("新建“四好农村路”不少于20公里", "新建“四好农村路”不少于", 20, "公里")
    nxt = report("x-2023", 2023, "建成“四好农村路”35.8公里。", targets=[result("建成“四好农村路”35.8公里", "建成“四好农村路”", 35.8, "公里"),
                                                              result("改造老旧小区28个", "改造老旧小区", 28, "个")])
    [o] = claimed(track(report("x-2022", 2022, "", targets=[goal]), nxt))
    assert (o.status, o.value, o.unit, o.paragraph) == ("exceeded", 35.8, "公里", "part1-p1")


def test_a_goal_to_add_things_is_not_met_by_a_count_of_all_there_are():
    goal = commitment("年内新增规模以上工业企业20家以上", "年内新增规模以上工业企业", 20, "家")
    stock = result("规模以上工业企业达到112家", "规模以上工业企业", 112, "家")
    [o] = track(report("x-2022", 2022, "", targets=[goal]), report("x-2023", 2023, "规模以上工业企业达到112家。", targets=[stock]))
    assert o.status == "no-outcome-stated"


def test_a_weak_match_is_a_candidate_and_never_claimed():
    goal = commitment("“专精特新”中小企业5家", "“专精特新”中小企业", 5, "家")
    other = result("创新型中小企业48家", "创新型中小企业", 48, "家")
    outcomes = track(report("x-2022", 2022, "", targets=[goal]), report("x-2023", 2023, "创新型中小企业48家。", targets=[other]))
    assert [o.value for o in candidates(outcomes)] == [48]
    assert [(o.status, o.value) for o in claimed(outcomes)] == [("no-outcome-stated", None)]


OUTCOMES_YAML = dedent("""\
    outcomes:
    - target: t1
      status: met
      value: 8.3
      quote: 全县地区生产总值增长8.3%
      report: x-2023
      paragraph: part1-p2
      reviewed: true
      reviewer: 王编辑
      url: https://www.example.gov.cn/tjgb/2022.html
      date: '2023-03-20'
    - target: t7
      status: missed
      reviewed: false
""")


def test_a_reviewed_outcome_overrides_the_computed_one_and_unreviewed_entries_do_not(tmp_path):
    (tmp_path / "outcomes.yaml").write_text(OUTCOMES_YAML, encoding="utf-8")
    reviewed, errors = load_outcomes(tmp_path / "outcomes.yaml", "x-2022/outcomes.yaml")
    assert errors == []
    computed = [Outcome("t1", "not-comparable", 166.2, "亿元"), Outcome("t7", "met", 9.0)]
    merged = merge(computed, reviewed)
    assert [(o.target, o.status, o.value, o.reviewed, o.reviewer) for o in merged] == [
        ("t1", "met", 8.3, True, "王编辑"), ("t7", "met", 9.0, False, "")]


def test_a_reviewed_outcome_survives_tracking_again(tmp_path):
    (tmp_path / "outcomes.yaml").write_text(OUTCOMES_YAML, encoding="utf-8")
    year = report("x-2022", 2022, "", targets=[GDP_GOAL])
    shown, _, _ = report_outcomes(year, report("x-2023", 2023, "全年粮食丰收。"), tmp_path, "x-2022")
    write_outcomes(tmp_path, shown)
    again, _, _ = report_outcomes(year, report("x-2023", 2023, "全年粮食丰收。"), tmp_path, "x-2022")
    assert [(o.target, o.status, o.value, o.url) for o in again] == [("t1", "met", 8.3, "https://www.example.gov.cn/tjgb/2022.html")]


def test_an_outcome_is_written_with_only_the_fields_it_has():
    assert outcome_data(Outcome("t3", "not-yet-due")) == {"target": "t3", "status": "not-yet-due"}


@pytest.mark.parametrize(
    "entry, message",
    [
        ("- {target: t1, status: done}", "x/outcomes.yaml:2: outcomes[0].status: unknown status 'done'"),
        ("- {target: t1, status: met, url: 'ftp://x'}", "x/outcomes.yaml:2: outcomes[0].url: 'ftp://x' is not an http(s) URL"),
        ("- {target: t1, status: met, date: 20.3.2023}", "x/outcomes.yaml:2: outcomes[0].date: '20.3.2023' is not a date"),
        ("- {target: t1, status: met, reviewed: yes please}", "x/outcomes.yaml:2: outcomes[0].reviewed: expected true or false"),
    ],
)
def test_a_mistake_in_outcomes_yaml_names_file_line_and_field(tmp_path, entry, message):
    (tmp_path / "outcomes.yaml").write_text("outcomes:\n" + entry + "\n", encoding="utf-8")
    _, errors = load_outcomes(tmp_path / "outcomes.yaml", "x/outcomes.yaml")
    assert [str(e).startswith(message) for e in errors] == [True]


@pytest.mark.parametrize("a, b", [("保定市清苑区", "清苑区"), ("河北省保定市易县", "易县"), ("保定市", "保定市")])
def test_a_place_is_one_place_with_or_without_its_prefecture(a, b):
    assert place_name_key(a) == place_name_key(b)


def test_each_report_is_paired_with_the_same_places_next_year():
    reports = [report("q-2022", 2022, "", place="保定市清苑区"), report("q-2023", 2023, "", place="清苑区"),
               report("y-2023", 2023, "", place="易县")]
    assert {k: v.id if v else None for k, v in next_reports(reports).items()} == {"q-2022": "q-2023", "q-2023": None, "y-2023": None}


def test_check_lists_weak_matches_as_warnings_for_an_editor():
    goal = commitment("“专精特新”中小企业5家", "“专精特新”中小企业", 5, "家")
    year = report("q-2022", 2022, "", targets=[goal])
    nxt = report("q-2023", 2023, "创新型中小企业48家。", targets=[result("创新型中小企业48家", "创新型中小企业", 48, "家")])
    [warning] = review_warnings([year, nxt], {}, {"q-2022": "content/reports/q-2022"})
    assert warning.warning and str(warning).startswith("content/reports/q-2022/outcomes.yaml: t9: warning: a possible outcome 48家 in q-2023 part1-p1")
    assert "write it in outcomes.yaml with reviewed: true" in str(warning)


@pytest.mark.parametrize("unit", ["1", "增长1%，", "地区生产总值增长1%，", "2021年规上工业增加值完成1亿元；", "分别增长1%、", "1%", "1.", "地区生产总值", "完成1亿元，", "预计", "；"])
def test_reading_statements_is_linear_on_a_hostile_run(unit):
    from tests.test_linear_time import SMALL, assert_linear, run_of

    def make(size: int) -> Report:
        return report("x-2023", 2023, "全区地区生产总值" + run_of(unit, size) + "。")

    assert_linear(lambda r: stated_figures(r, V), make, SMALL)


def test_check_reports_a_mistake_in_a_reports_outcomes_yaml(tmp_path):
    import shutil
    from pathlib import Path

    from reportsite.check import check_site

    root = Path(__file__).resolve().parent.parent
    content = tmp_path / "content"
    shutil.copytree(root / "content", content)
    (content / "reports" / "jiangxian-2022" / "outcomes.yaml").write_text("outcomes:\n- {target: t46, status: done}\n", encoding="utf-8")
    problems = [str(p) for p in check_site(content, root / "templates", root / "static").problems]
    assert [p for p in problems if "outcomes.yaml" in p] == [
        "content/reports/jiangxian-2022/outcomes.yaml:2: outcomes[0].status: unknown status 'done' (use one of "
        "met, exceeded, partly, missed, not-comparable, no-outcome-stated, not-yet-due)"]


def test_a_goal_to_bring_a_rate_down_is_met_below_it_and_a_rate_is_never_partly_met():
    down = commitment("贫困发生率降到0.5%以下", "贫困发生率", 0.5, "%")
    up = commitment("林木绿化率达到56.56%", "林木绿化率", 56.56, "%")
    nxt = report("x-2023", 2023, "贫困发生率下降至0.47%，林木绿化率达到56.26%。", targets=[
        result("贫困发生率下降至0.47%", "贫困发生率", 0.47, "%"), result("林木绿化率达到56.26%", "林木绿化率", 56.26, "%")])
    got = {o.target: o.status for o in claimed(track(report("x-2022", 2022, "", targets=[replace(down, id="t1"), replace(up, id="t2")]), nxt))}
    assert got == {"t1": "met", "t2": "missed"}


def test_a_five_year_reviews_count_is_only_a_candidate_unless_it_names_the_year():
    goal = commitment("年内新增高新技术企业7家", "高新技术企业", 7, "家")
    total = result("新增高新技术企业54家", "高新技术企业", 54, "家")
    named = replace(total, text="2021年新增高新技术企业18家", sentence="2021年新增高新技术企业18家。", value=18)
    for found, claimed_value in ((total, None), (named, 18)):
        nxt = replace(report("x-2022", 2022, found.sentence or found.text, targets=[found]), parts=(
            Part("part1", 1, "“十三五”时期经济社会发展回顾", (Paragraph("part1-p1", (Block(found.text),)),), ()),))
        [o] = claimed(track(report("x-2021", 2021, "", targets=[replace(goal, year=2021)]), nxt))
        assert o.value == claimed_value


def test_a_five_year_review_states_last_years_figure_only_where_it_names_the_year():
    parts = (Part("part1", 1, "“十三五”时期经济社会发展回顾", (Paragraph("part1-p1", (Block(
        "地区生产总值完成118.3亿元。2020年地区生产总值达到144.9亿元。"),)),), ()),)
    r = replace(report("x-2021", 2021, ""), parts=parts)
    assert [(s.level.value, s.in_review) for s in stated_figures(r, V)] == [(118.3, False), (144.9, True)]


def test_a_comparable_growth_goal_is_compared_with_a_plain_outcome_and_says_so():
    goal = Target("t1", "indicator", "part2-p1", "一般公共预算收入可比增长7%", indicator="一般公共预算收入可比", growth=7, year=2022)
    plain = report("x-2023", 2023, "一般公共预算收入完成8.9亿元，同比增长29%。")
    adjusted = report("x-2023", 2023, "地方一般公共预算收入（扣除留抵退税因素）增长7.2%。")
    [o] = track(report("x-2022", 2022, "", targets=[goal]), plain)
    assert (o.status, o.value, o.note) == ("exceeded", 29, "goal is comparable growth; outcome is not stated as comparable")
    [o] = track(report("x-2022", 2022, "", targets=[goal]), adjusted)
    assert (o.status, o.value, o.note) == ("met", 7.2, "")


def test_every_goal_gets_an_outcome_even_one_there_is_nothing_to_match_by():
    unknown = Target("t1", "indicator", "part2-p1", "全员劳动生产率增长6%", indicator="全员劳动生产率", growth=6, year=2022)
    growth = Target("t2", "commitment", "part2-p1", "工业技改投资增长15%以上", indicator="工业技改投资", growth=15, year=2022)
    got = track(report("x-2022", 2022, "", targets=[unknown, growth]), report("x-2023", 2023, "全员劳动生产率增长7%。"))
    assert [(o.target, o.status) for o in got] == [("t1", "no-outcome-stated"), ("t2", "no-outcome-stated")]
    assert candidates(got) == []
