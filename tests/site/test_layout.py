"""Layout as a reader sees it, measured in Chromium: every page type in three languages at phone and
desk width, the measure of the text, previous/next links, dark mode, and a copied link opened fresh."""

from __future__ import annotations

import pytest

RID = "jiangxian-2022"
PAGE_TYPES = ["", f"{RID}/", f"{RID}/text/", f"{RID}/part2/", f"{RID}/s2-1/", f"{RID}/p/s2-1-p1/", f"{RID}/p/t2/",
              f"{RID}/targets/", f"{RID}/lists/l1/", f"{RID}/about/", f"{RID}/glossary/", f"{RID}/bilingual/",
              "search/?q=%E6%B6%91%E6%B0%B4", "404.html"]
# Pages whose running text must keep to the measure (the side-by-side page has two narrower columns).
PROSE_PAGES = ["", f"{RID}/", f"{RID}/text/", f"{RID}/part2/", f"{RID}/s2-1/", f"{RID}/p/s2-1-p1/", f"{RID}/p/t2/",
               f"{RID}/about/", f"{RID}/glossary/", "404.html"]
SEQUENCE_PAGES = [f"{RID}/part2/", f"{RID}/s2-1/", f"{RID}/p/s2-1-p1/", f"{RID}/p/t2/"]
LANGUAGES = ["", "zh-hant/", "en/"]
MAX_CJK, MAX_LATIN = 42, 80

# Characters per rendered line of each paragraph, measured with a Range over every character and
# grouped by the line box it lands on. In Chinese text a Latin letter or digit is half a character wide
# and counts as half.
LONGEST_LINES = """() => {
  const out = [];
  const blocks = [...document.querySelectorAll('main p')].filter(el => el.offsetParent && !el.closest('.bilingual, table, nav'));
  for (const el of blocks.slice(0, 40)) {
    const lines = new Map();
    const lang = (el.closest('[lang]') || document.documentElement).lang;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.length; i++) {
        range.setStart(node, i); range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (!rect || !node.data[i].trim()) continue;
        const key = Math.round(rect.top);
        const narrow = lang !== 'en' && node.data.charCodeAt(i) < 0x2000;
        lines.set(key, (lines.get(key) || 0) + (narrow ? 0.5 : 1));
      }
    }
    out.push({lang, chars: Math.max(0, ...lines.values()), text: el.textContent.slice(0, 30)});
  }
  return out;
}"""

DOUBLED_CELLS = """() => [...document.querySelectorAll('td, th')].map(c => c.textContent.replace(/\\s+/g, ' ').trim())
  .filter(t => { const w = t.split(' '); const h = w.length / 2; return w.length > 1 && w.length % 2 === 0 && w.slice(0, h).join(' ') === w.slice(h).join(' '); })"""


@pytest.fixture
def sized_page(page_at, request):
    """The module's shared page at the given viewport width."""
    width = request.param
    return page_at({"width": width, "height": 800 if width < 600 else 900})


@pytest.mark.parametrize("sized_page", [390, 1280], indirect=True)
@pytest.mark.parametrize("prefix", LANGUAGES)
def test_no_page_scrolls_sideways_or_prints_a_table_cell_twice(sized_page, prefix):
    for path in PAGE_TYPES:
        sized_page.goto(sized_page.base + prefix + path)
        width = sized_page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        assert width[0] <= width[1], f"{prefix}{path} is {width[0]} px wide in a {width[1]} px window"
        assert sized_page.evaluate(DOUBLED_CELLS) == [], prefix + path


@pytest.mark.parametrize("sized_page", [1280], indirect=True)
@pytest.mark.parametrize("prefix", LANGUAGES)
def test_running_text_keeps_a_comfortable_measure_at_desk_width(sized_page, prefix):
    for path in PROSE_PAGES:
        sized_page.goto(sized_page.base + prefix + path)
        lines = sized_page.evaluate(LONGEST_LINES)
        assert lines, prefix + path
        for line in lines:
            limit = MAX_LATIN if line["lang"] == "en" else MAX_CJK
            assert line["chars"] <= limit, f"{prefix}{path}: {line['chars']} characters on a line of {line['text']!r}"


@pytest.mark.parametrize("sized_page", [390], indirect=True)
def test_chart_labels_stay_readable_on_a_phone(sized_page):
    for prefix in LANGUAGES:
        sized_page.goto(sized_page.base + prefix + f"{RID}/")
        sizes = sized_page.evaluate("[...document.querySelectorAll('.chart text')].map(t => t.getBoundingClientRect().height)")
        assert min(sizes) >= 10, f"{prefix}: chart text {min(sizes):.1f} px high"
        left = sized_page.evaluate("Math.min(...[...document.querySelectorAll('.chart text')].map(t => t.getBoundingClientRect().left))")
        assert left >= 0


@pytest.mark.parametrize("sized_page", [1280], indirect=True)
@pytest.mark.parametrize("prefix", LANGUAGES)
def test_part_section_paragraph_and_target_pages_link_to_previous_and_next(sized_page, prefix):
    for path in SEQUENCE_PAGES:
        sized_page.goto(sized_page.base + prefix + path)
        for rel in ("prev", "next"):
            link = sized_page.locator(f'main a[rel="{rel}"]')
            assert link.count() == 1 and link.is_visible(), f"{prefix}{path}: no rel={rel}"


def test_a_paragraph_breadcrumb_names_report_part_and_section(page):
    page.goto(page.base + f"{RID}/p/s2-1-p1/")
    crumbs = page.locator("nav.crumbs a")
    assert [crumbs.nth(i).get_attribute("href").rstrip("/").rsplit("/", 1)[-1] for i in range(crumbs.count())] == [RID, "part2", "s2-1"]


def test_dark_mode_darkens_every_page_type(page_at):
    pg = page_at({"width": 1280, "height": 720})
    pg.emulate_media(color_scheme="dark")
    for path in PAGE_TYPES:
        pg.goto(pg.base + path)
        rgb = pg.evaluate("getComputedStyle(document.body).backgroundColor.match(/\\d+/g).slice(0, 3).map(Number)")
        luminance = (0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]) / 255
        assert luminance < 0.2, f"{path}: body background {rgb} in dark mode"
        ink = pg.evaluate("getComputedStyle(document.querySelector('main')).color.match(/\\d+/g).map(Number)")
        assert sum(ink[:3]) / 3 > 180, f"{path}: text colour {ink} on a dark page"


def _relative_luminance(rgb: list[int]) -> float:
    def channel(c: int) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_focus_ring_contrasts_at_least_three_to_one_with_the_page(page_at, scheme):
    pg = page_at({"width": 1280, "height": 720})
    pg.emulate_media(color_scheme=scheme)
    pg.goto(pg.base + f"{RID}/s2-1/")
    pg.keyboard.press("Tab")  # skip link
    pg.locator("main a").first.focus()
    colours = pg.evaluate("""() => { const el = document.activeElement; const s = getComputedStyle(el);
        return [s.outlineColor, getComputedStyle(document.body).backgroundColor, s.outlineStyle].map(String); }""")
    assert colours[2] != "none"
    ring, paper = (_relative_luminance([int(x) for x in c[c.index("(") + 1 : c.index(")")].split(",")[:3]]) for c in colours[:2])
    ratio = (max(ring, paper) + 0.05) / (min(ring, paper) + 0.05)
    assert ratio >= 3, f"{scheme}: focus ring {colours[0]} on {colours[1]} is {ratio:.2f}:1"


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_a_copied_paragraph_link_is_short_and_opens_the_paragraphs_own_page_with_it_in_view(new_context, served_site, prefix):
    base = served_site[1]
    context = new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    pg = context.new_page()
    pg.goto(base + prefix + f"{RID}/s2-1/")
    para = pg.locator("#s2-1-p4")
    para.hover()
    button = para.locator("[data-copy]").first
    label = button.inner_text()
    button.click()
    pg.wait_for_function("b => b.hasAttribute('data-copied')", arg=button.element_handle())
    assert button.inner_text() != label  # the button itself shows the copied state
    link = pg.evaluate("navigator.clipboard.readText()")
    # The paragraph's own page, not the section's with a fragment: chat apps and news sites drop fragments.
    assert len(link) < 100 and "#" not in link and link.endswith(f"{RID}/p/s2-1-p4/"), link
    fresh = context.new_page()
    fresh.goto(link)
    box = fresh.locator("#s2-1-p4").bounding_box()
    assert 0 <= box["y"] < 900


def test_copy_controls_show_on_touch_screens_without_covering_the_next_paragraph(page_at):
    pg = page_at({"width": 390, "height": 800}, has_touch=True, is_mobile=True)
    pg.goto(pg.base + f"{RID}/s2-1/")
    share = pg.locator("#s2-1-p1 .share")
    assert pg.evaluate("el => getComputedStyle(el).opacity", share.element_handle()) == "1"
    bottom = share.bounding_box()
    next_top = pg.locator("#s2-1-p2 .ptext").bounding_box()["y"]
    assert bottom["y"] + bottom["height"] <= next_top


@pytest.mark.parametrize("sized_page", [390], indirect=True)
def test_contents_fold_away_on_a_phone_and_open_on_request(sized_page):
    sized_page.goto(sized_page.base + f"{RID}/text/")
    toc = sized_page.locator(".reader-toc details")
    assert toc.get_attribute("open") is None
    assert sized_page.locator(".toc-parts").is_hidden()
    sized_page.locator(".reader-toc summary").click()
    assert sized_page.locator(".toc-parts").is_visible()


def test_contents_lists_are_numbered_once_by_their_own_labels(page):
    page.goto(page.base + f"{RID}/")
    styles = page.evaluate("[...document.querySelectorAll('.toc-parts, .toc-sections')].map(l => getComputedStyle(l).listStyleType)")
    assert styles and set(styles) == {"none"}
    assert page.locator(".toc-parts > li > a").first.inner_text().startswith("一、")
