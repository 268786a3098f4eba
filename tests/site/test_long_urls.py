"""A long address, with nowhere a line may break, wraps inside the page on a phone instead of widening it."""

from __future__ import annotations

import pytest

from .conftest import copy_project, read_with, serve_built

pytestmark = pytest.mark.warm_cache  # builds the project: its cache comes warm (tests/conftest.py)

RID = "jiangxian-2022"
URL = "https://www.jiangxian.gov.cn/zwgk/zfgzbg/202201/t20220126_" + "0123456789" * 12 + ".html"
PAGES = [f"{RID}/", f"{RID}/about/", f"{RID}/p/t2/", f"{RID}/p/part1-p2/", f"{RID}/part1/", f"{RID}/text/", f"{RID}/targets/"]


def _replace(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def long_url_site(tmp_path_factory):
    """The committed content with the long address as its source, in a paragraph, in a target's
    evidence and in the editors' notes."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    report = project / "content" / "reports" / RID
    _replace(report / "report.yaml", "source_url: ''", f"source_url: {URL}")
    _replace(report / "parts" / "part1.yaml", "全县经济呈现稳中有进", f"（{URL}）全县经济呈现稳中有进")
    _replace(report / "targets.yaml", "  growth: 21.7\n  year: 2021\n  status: not-rated\n",
             f"  growth: 21.7\n  year: 2021\n  status: not-rated\n  evidence:\n  - date: '2023-02-01'\n"
             f"    note: 统计公报 {URL}\n    url: {URL}\n")
    for name in ("about.md", "about.en.md"):
        with open(report / name, "a", encoding="utf-8") as notes:
            notes.write(f"\n原网页：<{URL}>，又见 {URL} 。\n")
    yield from serve_built(project)


@pytest.fixture
def phone_page(reading_pages, long_url_site):
    """The module's shared page at a phone's width on the site of long addresses (tests/site/conftest.py)."""
    yield from read_with(reading_pages(long_url_site[1], viewport={"width": 390, "height": 800}))


@pytest.mark.parametrize("prefix", ["", "zh-hant/", "en/"])
def test_a_long_address_does_not_scroll_a_phone_page_sideways(phone_page, prefix):
    shown = set()
    for path in PAGES:
        phone_page.goto(phone_page.base + prefix + path)
        if URL[-40:] in phone_page.inner_text("body"):
            shown.add(path)
        width = phone_page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        assert width[0] <= width[1], f"{prefix}{path} is {width[0]} px wide in a {width[1]} px window"
    assert shown >= {f"{RID}/", f"{RID}/about/", f"{RID}/p/t2/"}  # the address is there to be measured
