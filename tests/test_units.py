"""English figures: every digit the Chinese gives, and 户 read as what it counts."""

from __future__ import annotations

import pytest

from reportsite.site.units import english_qualifier, english_quantity


@pytest.mark.parametrize("value, unit, english", [
    (208.02, "亿元", "20.802 billion yuan"),
    (20.44, "亿元", "2.044 billion yuan"),
    (3193.35, "万元", "31.9335 million yuan"),
    (22.64, "亿元", "2.264 billion yuan"),
    (0.1, "亿元", "10 million yuan"),
])
def test_english_figures_keep_every_digit_the_chinese_gives(value, unit, english):
    assert english_quantity(value, unit) == english


@pytest.mark.parametrize("value, unit, english", [
    (78.9, "亿元", "7.89 billion yuan"),
    (2.1, "万亩", "21,000 mu"),
    (86.1, "万元", "861,000 yuan"),
    (1.7, "亿公斤", "170 million kg"),
    (31508, "元", "31,508 yuan"),
    (83.3, "%", "83.3%"),
    (132, "座", "132"),
])
def test_english_figures_scale_chinese_multipliers_and_drop_measure_words(value, unit, english):
    assert english_quantity(value, unit) == english


@pytest.mark.parametrize("clause, english", [
    ("培育“小升规”企业9户", "9 enterprises"),
    ("孵化小微企业9户", "9 enterprises"),
    ("股改签约9户", "9 enterprises"),
    ("新增市场主体9户", "9 businesses"),
    ("扶持经营主体9户", "9 businesses"),
    ("帮扶个体工商户9户", "9 businesses"),
    ("完成农村改厕9户", "9 households"),
    ("龙头企业带动农户9户", "9 households"),
    ("带动脱贫户9户增收的企业", "9 households"),
    ("", "9 households"),
])
def test_hu_counts_businesses_after_a_business_word_and_households_otherwise(clause, english):
    assert english_quantity(9, "户", clause) == english


def test_unknown_qualifiers_pass_through_and_known_ones_read_as_english():
    assert english_qualifier("以上") == "at least"
    assert english_qualifier("约") == "约"
