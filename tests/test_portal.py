"""The furniture pass: a scraper's header, a portal's header and summary, a page footer, out of the text."""

from __future__ import annotations

from reportsite.ingest.portal import furniture_shapes, read_scraper_header, strip_footer, strip_furniture, strip_portal_header

SCRAPED = """标题：2021年保定市政府工作报告
发文单位：保定市人民政府
发文时间：未知
报告人：保定市人民政府市长 某某
来源URL：http://district.ce.cn/newarea/roll/202102/23/t1.shtml
正文：
各位代表：""".split("\n")

PORTAL = """工作报告
保定市清苑区2020年政府工作报告
时间：2023-03-30 作者：中国县域 来源：政府官网 阅读：
250
评论：
0
内容摘要：
政府工作报告2020年1月9日各位代表、同志们：现在，我代表区政府......
政府工作报告
各位代表、同志们：
现在，我代表区政府，向大会作工作报告。
免责声明：本文仅代表作者观点。
标签：
上一篇：
保定市清苑区2021年政府工作报告
相关文章
2022年金堂县政府工作报告""".split("\n")


def test_the_scraper_header_is_metadata_and_the_text_starts_after_its_body_key():
    found = read_scraper_header(SCRAPED)
    assert found.lines == ("各位代表：",)
    assert found.meta == {"title": "2021年保定市政府工作报告", "office": "保定市人民政府", "speaker": "保定市人民政府市长 某某",
                          "source_url": "http://district.ce.cn/newarea/roll/202102/23/t1.shtml"}


def test_a_date_field_that_holds_no_date_is_no_value():
    assert "published" not in read_scraper_header(SCRAPED).meta
    assert read_scraper_header(["发文时间：2018-01-31", "正文：", "各位代表："]).meta == {"published": "2018-01-31"}


def test_text_without_a_scraper_header_is_left_as_it_is():
    lines = ["2023年清河县政府工作报告", "来源：县政府办", "各位代表："]
    assert read_scraper_header(lines).lines == tuple(lines)


def test_the_portal_header_and_its_summary_go_and_its_page_title_stays():
    found = strip_portal_header(PORTAL)
    assert found.lines[:3] == ("保定市清苑区2020年政府工作报告", "政府工作报告", "各位代表、同志们：")
    assert found.meta == {"published": "2023-03-30", "source": "政府官网"}
    assert "作者：" not in "".join(found.lines[:3])


def test_header_fields_whose_spaces_were_lost_end_at_the_next_field():
    found = strip_portal_header(["某县2023年政府工作报告", "时间：2024-04-02 作者：中国县域来源：政府官网阅读：", "内容摘要：", "开头......", "正文"])
    assert found.meta == {"published": "2024-04-02", "source": "政府官网"}


def test_the_footer_goes_from_its_first_line_on():
    found = strip_footer(PORTAL)
    assert found.lines[-1] == "现在，我代表区政府，向大会作工作报告。"
    assert "2022年金堂县政府工作报告" in found.dropped


def test_a_mirror_signature_glued_to_the_last_line_goes():
    assert strip_footer(["让我们共同奋斗！来自马克数据网"]).lines == ("让我们共同奋斗！",)


def test_all_three_together_leave_only_the_report():
    found = strip_furniture(PORTAL)
    words = [w for shape in ("footer_starts", "trailing_signatures") for w in furniture_shapes()[shape]]
    assert not [w for w in [*words, "内容摘要", "作者：", "阅读："] if w in "\n".join(found.lines)]


def test_every_furniture_shape_names_its_source():
    from pathlib import Path
    import reportsite.ingest.portal as portal
    head = Path(portal.__file__).with_name("furniture.yaml").read_text(encoding="utf-8").split("\n")[:4]
    assert any("portal" in line for line in head) and any("scraper" in line for line in head)
