"""The indicator vocabulary: one claim per kind of entry in reportsite/content/vocabulary.yaml."""

from __future__ import annotations

import pytest

from reportsite.content.vocabulary import load_vocabulary

V = load_vocabulary()


@pytest.mark.parametrize(
    "name, key",
    [
        ("地区生产总值", "gdp"), ("生产总值", "gdp"), ("县域生产总值", "gdp"), ("地方生产总值", "gdp"), ("GDP", "gdp"),
        ("经济增长", "gdp"), ("规上工业增加值", "industry-value-added"), ("规模以上工业增加值", "industry-value-added"),
        ("一般公共预算收入", "public-budget-revenue"), ("公共财政预算收入", "public-budget-revenue"),
        ("固定资产投资", "fixed-asset-investment"), ("社会消费品零售总额", "retail-sales"), ("社会消费品零售额", "retail-sales"),
        ("城镇居民人均可支配收入", "urban-income"), ("农村居民人均可支配收入", "rural-income"), ("居民人均可支配收入", "income"),
        ("全区地区生产总值", "gdp"), ("一般公共预算收入可比", "public-budget-revenue"), ("财政总收入", "fiscal-revenue"),
        ("税收收入", "tax-revenue"), ("常住人口城镇化率", "urbanization"), ("人口自然增长率", "population-growth"),
    ],
)
def test_an_indicator_is_known_under_each_of_its_names(name, key):
    assert V.key_of(name) == key


def test_every_indicator_has_an_english_name_and_a_unit():
    assert all(i.en and i.unit and i.names for i in V.indicators.values())


@pytest.mark.parametrize("label, key", [("万元地区生产总值能耗", "energy-intensity"), ("单位地区生产总值综合能耗", "energy-intensity"),
                                        ("人均地区生产总值", ""), ("地区生产总值的比重", ""), ("规模以上工业企业", "")])
def test_a_name_inside_another_indicator_is_not_that_indicator(label, key):
    assert V.key_of(label) == key


@pytest.mark.parametrize("label", ["预计全区地区生产总值", "生产总值预计", "其中一般公共预算收入"])
def test_an_estimate_word_or_a_part_of_word_beside_the_name_leaves_the_indicator_as_it_is(label):
    assert V.key_of(label) in ("gdp", "public-budget-revenue")


def test_the_longest_name_wins_where_names_overlap():
    assert [m.keys for m in V.mentions("进出口总额增长5%，出口总额增长3%")] == [("trade",), ("exports",)]


def test_a_joined_name_names_urban_and_rural_income_in_that_order():
    [mention] = V.mentions("城乡居民人均可支配收入分别增长7.5%和9%")
    assert mention.keys == ("urban-income", "rural-income")


@pytest.mark.parametrize("word, sense", [("左右", "around"), ("以上", "floor"), ("不低于", "floor"), ("以内", "ceiling"), ("以下", "ceiling"), ("", "")])
def test_a_qualifier_says_whether_a_goal_is_about_a_floor_or_a_ceiling(word, sense):
    assert V.sense(word) == sense


@pytest.mark.parametrize("kind, word", [("estimates", "初步预计"), ("estimates", "预计"), ("comparable", "可比增长"), ("stretch", "力争"), ("multi_year", "年均增长")])
def test_the_words_that_qualify_a_figure_are_listed_by_kind(kind, word):
    assert word in getattr(V, kind)


def test_an_estimate_word_is_listed_before_the_shorter_word_it_contains():
    assert V.estimates.index("初步预计") < V.estimates.index("预计")


@pytest.mark.parametrize("label, counted", [("年内新增科技型中小企业", "科技型中小企业"), ("新建“四好农村路”不少于", "四好农村路"), ("省级卫生村", "省级卫生村")])
def test_what_a_commitment_counts_is_read_without_verbs_and_scope(label, counted):
    assert V.counted(label) == counted


def test_flows_and_stocks_are_apart():
    assert "新增" in V.flows and "达到" in V.stocks and not set(V.flows) & set(V.stocks)
