"""Cleaning pass: tell the web page's chrome from the report, keeping what the chrome says as metadata."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .clean import HAN
from .headings import is_part_heading

_NUM = "〇零一二三四五六七八九十百"
_DATE_TIME = re.compile(r"(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})日?(?:\s*(\d{1,2})[:：](\d{2}))?")
_PUBLISHED = re.compile(r"(发布|发表|公开|成文)(日期|时间)|日期[：:]")
_SOURCE = re.compile(r"来源[：:]\s*([^\s【】|]+)")
_BREADCRUMB = re.compile(r"(首页|当前位置|您的位置|您现在的位置).{0,80}[>＞»]|[>＞»].{0,40}[>＞»]")
_WIDGETS = re.compile(r"【?字体[：:]?\s*[大中小\s]+】?|打印本页|关闭窗口|【关闭】|【打印】|分享到|扫一扫|收藏本页|浏览次数|访问量")
# A login bar or language switch: nothing but such words, separated by bars or spaces.
_LOGIN_BAR = re.compile(r"^(?:\s*[|｜/]?\s*(?:登录|注册|退出|无障碍|长者模式|关怀版|繁体|繁體|简体|English|移动版|手机版|网站导航|智能问答|个人中心)\s*[|｜/]?\s*)+$")
_FOOTER = re.compile(r"版权所有|ICP备|网站标识码|公网安备|主办单位|承办单位|联系我们|网站地图|上一篇|下一篇|相关链接|技术支持")
_ONLY_PUNCT = re.compile(r"^[\W_]*$")
# A draft's title carries its status: 2023年北川县政府工作报告（征求意见稿）.
_TITLE = re.compile(r"^(?:(\d{4})年)?\s*(.{0,30}?)(?:人民)?政府工作报告(?:[（(](?:征求意见稿|讨论稿|送审稿|草案|全文)[）)])?$")
# The occasion is set off by dashes (——2022年1月26日在…会议上) or brackets; only the words are kept.
_OCCASION = re.compile(r"^[—―－\-（(]*\s*(.+?会议上)[）)]?$")
# A date alone under the title, the day the report was delivered: 2020年1月9日, （2008年3月27日）.
_DATE_LINE = re.compile(r"^[（(]?\d{4}年\d{1,2}月\d{1,2}日[）)]?$")
# Who delivered the report, printed under the occasion: 柳溪县人民政府县长 何文彬, 代市长 王某.
_SPEAKER = re.compile(rf"^(?:.{{2,20}}人民政府)?(?:副|代|代理)?(?:[县市区州旗盟]长|主席)\s*[{HAN}·]{{2,5}}$")
# A draft's mark on its own line under the title: （征求意见稿）, （政治协商稿）.
_DRAFT_LINE = re.compile(r"^[（(](?:征求意见稿|讨论稿|送审稿|草案|政治协商稿|审议稿)[）)]$")
_SALUTATION = re.compile(r"^各位(?:代表|委员)(?:、同志们)?[！!：:，,]?$")
_YEAR = re.compile(r"(\d{4})年")


@dataclass(frozen=True)
class PageMeta:
    title: str = ""
    place: str = ""
    year: int | None = None
    heading: str = ""
    published: str = ""
    source: str = ""
    occasion: str = ""
    delivered: str = ""
    speaker: str = ""
    salutation: str = ""


def _iso(m: re.Match) -> str:
    y, mo, d, h, mi = m.groups()
    date = f"{int(y):04d}-{int(mo):02d}-{int(d):02d}"
    return f"{date}T{int(h):02d}:{mi}" if h else date


def is_chrome(line: str) -> bool:
    """A line that belongs to the web page around the report, not to the report."""
    return bool(
        _ONLY_PUNCT.match(line)
        or _LOGIN_BAR.match(line)
        or (len(line) < 120 and (_BREADCRUMB.search(line) or _WIDGETS.search(line) or _FOOTER.search(line)))
        or (len(line) < 120 and _PUBLISHED.search(line))
    )


def split_chrome(lines: list[str]) -> tuple[PageMeta, list[str], list[str]]:
    """Split the page into its metadata, the report's own lines and the chrome lines dropped."""
    meta: dict = {}
    body: list[str] = []
    dropped: list[str] = []
    started = False
    # The report ends with prose; short lines after it are the page's related links and footer.
    end = max((i for i, line in enumerate(lines) if _looks_like_prose(line) or _ends_a_sentence(line)), default=len(lines))
    for i, line in enumerate(lines):
        if is_chrome(line) or i > end:
            if _PUBLISHED.search(line) and (m := _DATE_TIME.search(line)):
                meta.setdefault("published", _iso(m))
            if src := _SOURCE.search(line):
                meta.setdefault("source", src.group(1))
            dropped.append(line)
            continue
        if not started and (title := _TITLE.match(line)) and "title" not in meta:
            meta.update(_title_meta(line, title))
            continue
        if not started and "title" in meta and _TITLE.match(line):
            meta["heading"] = line
            continue
        if not started and (occ := _OCCASION.match(line)):
            meta["occasion"] = occ.group(1)
            if m := _DATE_TIME.search(occ.group(1)):
                meta["delivered"] = _iso(m)
            continue
        if not started and "title" in meta and _DRAFT_LINE.match(line):
            meta["title"] += line
            continue
        if not started and _DATE_LINE.match(line) and "delivered" not in meta:
            meta["delivered"] = _iso(_DATE_TIME.search(line))
            continue
        if not started and _SPEAKER.match(line):
            meta["speaker"] = line
            continue
        if not started and _SALUTATION.match(line):
            meta["salutation"] = line
            started = True
            continue
        if not started and is_part_heading(line):
            started = True  # a copy that starts at its first heading, with no title or address
            body.append(line)
            continue
        if not started and "title" not in meta and not _looks_like_prose(line):
            dropped.append(line)  # menus and other page furniture before the report's title
            continue
        started = True
        body.append(line)
    if "year" not in meta and (m := _YEAR.search(meta.get("occasion", ""))):
        meta["year"] = int(m.group(1))
    return PageMeta(**meta), body, dropped


def _title_meta(line: str, m: re.Match) -> dict:
    year, place = m.group(1), m.group(2).strip()
    out = {"title": line, "place": place}
    if year:
        out["year"] = int(year)
    return out


def _looks_like_prose(line: str) -> bool:
    han = len(re.findall(f"[{HAN}]", line))
    return han >= 20 and re.search(r"[，。；]", line) is not None


def _ends_a_sentence(line: str) -> bool:
    """A short sentence of the text (报告还对今年的重点工作作出部署。); page footers never end in 。."""
    return line.endswith(("。", "！")) and len(re.findall(f"[{HAN}]", line)) >= 8 and not is_chrome(line)
