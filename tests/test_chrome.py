"""Telling the web page's chrome from the report, and keeping what the chrome says as metadata."""

from textwrap import dedent

import pytest

from reportsite.ingest.chrome import PageMeta, is_chrome, split_chrome

OPENING = "现在，我代表县人民政府，向大会报告工作，请予审议，并请县政协委员和其他列席人员提出意见。"
CLOSING = "各位代表，新的征程催人奋进，新的使命重任在肩。让我们在县委的坚强领导下，踔厉奋发、笃行不怠！"


def lines(text: str) -> list[str]:
    return dedent(text).strip("\n").split("\n")


@pytest.mark.parametrize(
    "line",
    [
        "首页 > 政府信息公开>法定主动公开内容>政府工作报告",
        "当前位置：首页 > 政务公开 > 政府工作报告",
        "|",
        "发布日期：2022-02-25 08:34 来源：绛县人民政府 【字体：大中小】 打印本页",
        "分享到：微信 微博 【关闭窗口】",
        "主办单位：柳溪县人民政府办公室 承办单位：柳溪县政务服务和大数据中心",
        "版权所有：柳溪县人民政府 网站标识码：0000000000 晋ICP备12345678号-1",
    ],
)
def test_is_chrome_recognises_breadcrumbs_widgets_dates_and_footers(line):
    assert is_chrome(line)


@pytest.mark.parametrize("line", ["一、2021年工作回顾", "（一）产业发展提质增效", OPENING, "各位代表："])
def test_is_chrome_keeps_the_report(line):
    assert not is_chrome(line)


def test_split_chrome_reads_the_metadata_around_the_report():
    page = lines(
        f"""
        首页 > 政府信息公开>政府工作报告
        |
        2022年梅岭县政府工作报告
        发布日期：2022-03-01 10:20 来源：梅岭县人民政府 【字体：大中小】 打印本页
        政府工作报告
        ——2022年1月14日在梅岭县第十七届人民代表大会第一次会议上
        梅岭县人民政府县长某某某
        各位代表：
        {OPENING}
        一、2021年工作回顾
        {CLOSING}
        """
    )
    meta, body, dropped = split_chrome(page)
    assert meta == PageMeta(
        title="2022年梅岭县政府工作报告",
        place="梅岭县",
        year=2022,
        heading="政府工作报告",
        published="2022-03-01T10:20",
        source="梅岭县人民政府",
        occasion="2022年1月14日在梅岭县第十七届人民代表大会第一次会议上",
        delivered="2022-01-14",
        speaker="梅岭县人民政府县长某某某",
        salutation="各位代表：",
    )
    assert body == [OPENING, "一、2021年工作回顾", CLOSING]
    assert dropped == [page[0], "|", page[3]]


@pytest.mark.parametrize(
    "line",
    [
        "——2023年1月12日在清河县第十八届人民代表大会第三次会议上",
        "—— 2023年1月12日在清河县第十八届人民代表大会第三次会议上",
        "--2023年1月12日在清河县第十八届人民代表大会第三次会议上",
        "（2023年1月12日在清河县第十八届人民代表大会第三次会议上）",
    ],
)
def test_split_chrome_keeps_the_occasion_without_the_marks_that_set_it_off(line):
    meta, _, _ = split_chrome(["2023年清河县政府工作报告", line, "各位代表：", OPENING])
    assert meta.occasion == "2023年1月12日在清河县第十八届人民代表大会第三次会议上"
    assert meta.delivered == "2023-01-12"


@pytest.mark.parametrize("speaker", ["柳溪县人民政府县长何文彬", "安平市人民政府代市长王某", "县长许晓峰"])
def test_split_chrome_takes_the_speaker_line_as_metadata(speaker):
    meta, body, _ = split_chrome(["2024年柳溪县政府工作报告", speaker, "各位代表：", OPENING])
    assert (meta.speaker, body) == (speaker, [OPENING])


def test_split_chrome_takes_the_year_from_the_occasion_when_the_title_has_none():
    meta, _, _ = split_chrome(["绛县政府工作报告", "——2022年1月26日在绛县第十七届人民代表大会第二次会议上", "各位代表：", OPENING])
    assert (meta.place, meta.year) == ("绛县", 2022)


def test_split_chrome_drops_menus_before_the_title():
    meta, body, dropped = split_chrome(["首页", "走进柳溪", "政务公开", "2024年柳溪县政府工作报告", "各位代表：", OPENING])
    assert (meta.title, body, dropped) == ("2024年柳溪县政府工作报告", [OPENING], ["首页", "走进柳溪", "政务公开"])


def test_split_chrome_drops_related_links_and_footer_after_the_report():
    page = lines(
        f"""
        2024年柳溪县政府工作报告
        各位代表：
        {OPENING}
        {CLOSING}
        分享到：微信 微博
        相关文章
        2023年柳溪县政府工作报告2023-02-15
        地址：柳溪县人民路1号 邮编：000000 联系电话：0000-0000000
        """
    )
    _, body, dropped = split_chrome(page)
    assert body == [OPENING, CLOSING]
    assert dropped == page[4:]


def test_split_chrome_starts_the_report_at_prose_when_there_is_no_salutation():
    _, body, _ = split_chrome(["2020年南屏县政府工作报告", OPENING, "一、2019年工作回顾", CLOSING])
    assert body == [OPENING, "一、2019年工作回顾", CLOSING]
