"""Sharing, citing and printing, as a reader's browser does them: the copied link's page previews the
paragraph, the copy controls can be seen, and a printed page says what it is and where it came from."""

from __future__ import annotations

import re

import pytest

RID = "jiangxian-2022"
DESK = {"width": 1280, "height": 900}


@pytest.mark.parametrize("prefix", ["", "zh-hant/", "en/"])
def test_the_copied_link_opens_a_page_whose_preview_is_the_paragraph(page, prefix):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(page.base + f"{prefix}{RID}/s2-1/")
    text = page.locator("#s2-1-p2 .ptext").inner_text().replace("\n", "")
    page.locator("#s2-1-p2 [data-copy]").first.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "#" not in copied
    page.goto(copied)
    description = page.locator('meta[property="og:description"]').get_attribute("content")
    start = description.rstrip("…")[:40]
    assert text.replace(" ", "").startswith(start.replace(" ", ""))
    assert page.locator('meta[property="og:url"]').get_attribute("content") == copied


@pytest.mark.parametrize("path", [f"{RID}/p/s2-1-p1/", f"en/{RID}/p/s2-1-p1/", f"{RID}/p/t2/", f"zh-hant/{RID}/p/t2/"])
def test_copy_and_cite_are_visible_on_a_paragraphs_or_targets_own_page_without_hovering(page_at, path):
    pg = page_at(DESK)
    pg.goto(pg.base + path)
    pg.mouse.move(1270, 890)  # away from the paragraph
    buttons = pg.locator("main [data-share] button")
    assert buttons.count() == 2
    for i in range(2):
        assert buttons.nth(i).is_visible()
        assert pg.evaluate("b => Number(getComputedStyle(b.closest('.share')).opacity)", buttons.nth(i).element_handle()) == 1


def test_a_targets_citation_names_its_section_and_the_copied_link_is_its_page(page):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(page.base + f"en/{RID}/p/t14/")
    page.locator("main [data-copy]").nth(0).click()
    assert page.evaluate("navigator.clipboard.readText()") == page.base + f"en/{RID}/p/t14/"
    page.locator("main [data-copy]").nth(1).click()
    citation = page.evaluate("navigator.clipboard.readText()")
    assert re.search(r"\), Part [IVX]+ §\d+ “", citation)
    assert "Government Work Reports Explorer" in citation and ", accessed " in citation


@pytest.mark.parametrize("prefix, title", [("", "2022年绛县政府工作报告"), ("en/", "Report on the Work of the Government of Jiang County, 2022")])
def test_a_printed_page_has_a_header_naming_report_issuer_date_source_and_address(page, prefix, title):
    page.goto(page.base + f"{prefix}{RID}/p/s2-1-p1/")
    assert page.locator(".print-head").is_hidden()
    page.emulate_media(media="print")
    head = page.locator(".print-head")
    assert head.is_visible()
    text = head.inner_text()
    assert title in text
    assert ("绛县人民政府" if not prefix else "Jiang County People's Government") in text
    assert ("2022年1月26日" if not prefix else "January 26, 2022") in text
    assert page.base + f"{prefix}{RID}/p/s2-1-p1/" in text
    assert head.bounding_box()["y"] < page.locator("main h1").bounding_box()["y"]


@pytest.mark.parametrize("path", [f"{RID}/p/s2-1-p1/", f"{RID}/p/t2/"])
def test_print_leaves_out_read_in_context_and_the_controls(page, path):
    page.goto(page.base + path)
    page.emulate_media(media="print")
    assert page.locator(".context-link").count() == 1
    assert page.locator(".context-link").is_hidden()
    assert page.locator("[data-share]").first.is_hidden()


# Every element's computed colours in print, from a page a reader sees in dark mode: [tag, colour, background].
COLOURS = """() => [...document.querySelectorAll('body *')].filter(el => el.getClientRects().length)
  .map(el => { const s = getComputedStyle(el); return [el.tagName + '.' + el.className, s.color, s.backgroundColor]; })"""


def _luminance(css: str) -> tuple[float, float]:
    """(relative luminance, alpha) of an rgb()/rgba() colour."""
    values = [float(x) for x in css[css.index("(") + 1:-1].split(",")]
    r, g, b = values[:3]
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255, values[3] if len(values) > 3 else 1.0


@pytest.mark.parametrize("path", [f"{RID}/s2-1/", f"{RID}/targets/", f"{RID}/p/t2/", f"en/{RID}/bilingual/"])
def test_no_dark_colour_leaks_into_print_from_a_dark_screen(page_at, path):
    pg = page_at(DESK)
    pg.emulate_media(color_scheme="dark")
    pg.goto(pg.base + path)
    assert _luminance(pg.evaluate("getComputedStyle(document.body).backgroundColor"))[0] < 0.3  # dark on screen
    pg.emulate_media(media="print", color_scheme="dark")
    leaks = []
    for name, colour, background in pg.evaluate(COLOURS):
        light, alpha = _luminance(background)
        if alpha > 0 and light < 0.7:
            leaks.append((name, "background", background))
        if _luminance(colour)[0] > 0.5:
            leaks.append((name, "text", colour))
    assert leaks == []


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_previous_and_next_give_the_neighbours_opening_words_not_only_its_number(site_dir, prefix):
    from bs4 import BeautifulSoup

    def soup(unit):
        return BeautifulSoup((site_dir / f"{prefix}{RID}/p/{unit}/index.html").read_text(encoding="utf-8"), "html.parser")

    page = soup("s2-1-p2")
    for rel, unit in (("prev", "s2-1-p1"), ("next", "s2-1-p3")):
        link = page.select_one(f".pager a[rel={rel}]")
        detail = link.select_one(".pager-detail").get_text()
        neighbour = soup(unit).select_one(".ptext").get_text(" ", strip=True)
        start = detail.rstrip("…")
        if not prefix:  # Chinese runs marker, lead and text together
            start, neighbour = start.replace(" ", ""), neighbour.replace(" ", "")
        assert len(start) >= 4 and start[:8] in neighbour
