"""Reading and finding, as a browser shows them: the phone's menu button, the side-by-side page's
linked pair, glossary terms explained in place, fonts per script."""

from __future__ import annotations

import pytest

RID = "jiangxian-2022"
PHONE = {"width": 390, "height": 844}
DESK = {"width": 1280, "height": 900}


@pytest.fixture
def at(page_at):
    """at(viewport, **context options) -> the module's shared page at that size (tests/site/conftest.py)."""
    return page_at


# s2-1-p2: a paragraph whose English page has a three-line heading under a four-line trail.
@pytest.mark.parametrize("path", [f"en/{RID}/s2-1/", f"en/{RID}/p/s2-1-p1/", f"en/{RID}/p/s2-1-p2/", f"{RID}/s2-1/"])
def test_on_a_phone_the_report_menu_is_one_button_and_the_text_starts_above_sixty_percent(at, path):
    pg = at(PHONE)
    pg.goto(pg.base + path)
    menu = pg.locator(".report-nav summary")
    assert menu.is_visible()
    assert pg.locator(".report-nav a").first.is_hidden()
    assert pg.locator(".unofficial").count() == (1 if path.startswith("en/") else 0)
    first_line = pg.locator("main .ptext p").first.bounding_box()["y"]
    assert first_line < 0.6 * PHONE["height"]
    menu.click()
    assert pg.locator(".report-nav a[aria-current]").is_visible()


def test_at_desk_width_the_report_menu_is_open_without_a_button(at):
    pg = at(DESK)
    pg.goto(pg.base + f"en/{RID}/s2-1/")
    assert pg.locator(".report-nav summary").is_hidden()
    assert pg.locator(".report-nav a").count() > 3
    assert all(pg.locator(".report-nav a").nth(i).is_visible() for i in range(pg.locator(".report-nav a").count()))


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_a_linked_pair_side_by_side_is_below_the_column_labels_and_marked_in_both_languages(at, prefix):
    pg = at(DESK)
    pg.goto(pg.base + f"{prefix}{RID}/bilingual/#s2-3-p2")
    pg.wait_for_timeout(300)
    linked = pg.locator("#s2-3-p2")
    labels = pg.locator(".pair-labels")
    label_box, box = labels.bounding_box(), linked.bounding_box()
    assert box["y"] >= label_box["y"] + label_box["height"]
    twin = pg.locator(".pair:has(#s2-3-p2) .para-twin")
    colour = pg.evaluate("el => getComputedStyle(el).backgroundColor", linked.element_handle())
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    assert pg.evaluate("el => getComputedStyle(el).backgroundColor", twin.element_handle()) == colour


def _gloss_popover_shows(pg, link) -> str:
    pop = pg.locator("#gloss-popover")
    pop.wait_for(state="visible", timeout=3000)
    assert link.get_attribute("aria-expanded") == "true"
    return pop.inner_text()


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_a_glossary_term_shows_its_definition_in_place_by_keyboard(at, prefix):
    pg = at(DESK)
    pg.goto(pg.base + f"{prefix}{RID}/s1-2/")
    link = pg.locator("a.gloss").first
    definition = link.get_attribute("data-definition")
    link.focus()
    pg.keyboard.press("Enter")
    assert definition in _gloss_popover_shows(pg, link)
    assert pg.url.endswith(f"{RID}/s1-2/")  # still on the page
    pg.keyboard.press("Escape")
    pg.locator("#gloss-popover").wait_for(state="hidden", timeout=3000)
    assert pg.evaluate("document.activeElement.classList.contains('gloss')")


def test_a_glossary_term_opens_by_touch_and_links_to_its_entry(at):
    pg = at(PHONE, has_touch=True, is_mobile=True)
    pg.goto(pg.base + f"{RID}/s1-2/")
    link = pg.locator("a.gloss").first
    link.tap()
    _gloss_popover_shows(pg, link)
    entry = pg.locator("#gloss-popover a")
    assert entry.get_attribute("href") == link.get_attribute("href")
    box = pg.locator("#gloss-popover").bounding_box()
    assert 0 <= box["x"] and box["x"] + box["width"] <= PHONE["width"]


def test_without_scripts_a_glossary_term_is_a_link_to_its_entry(at):
    pg = at(DESK, java_script_enabled=False)
    pg.goto(pg.base + f"{RID}/s1-2/")
    pg.locator("a.gloss").first.click()
    pg.wait_for_url(f"**/{RID}/glossary/#g-*")


@pytest.mark.parametrize("selector", ["body", "main .ptext p"])
def test_traditional_pages_name_traditional_fonts_before_simplified_ones(at, selector):
    pg = at(DESK)
    pg.goto(pg.base + f"zh-hant/{RID}/s2-1/")
    fonts = pg.evaluate("s => getComputedStyle(document.querySelector(s)).fontFamily", selector)
    assert "TC" in fonts and "SC" not in fonts.split("TC")[0]
    pg.goto(pg.base + f"{RID}/s2-1/")
    assert "SC" in pg.evaluate("s => getComputedStyle(document.querySelector(s)).fontFamily", selector)


def _soup(site_dir, path):
    from bs4 import BeautifulSoup

    return BeautifulSoup((site_dir / path / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("prefix", ["", "zh-hant/", "en/"])
def test_about_page_links_each_repair_to_its_paragraph_and_the_paragraph_links_back(site_dir, prefix):
    about = _soup(site_dir, f"{prefix}{RID}/about/")
    rows = about.select("table.repairs tbody tr")
    linked = [row for row in rows if row.select_one("td a")]
    assert rows and len(linked) == len(rows)
    to_paragraph = [row for row in linked if "/p/" in row.select_one("td a")["href"]]
    assert to_paragraph
    row = to_paragraph[0]
    unit = row.select_one("td a")["href"].rstrip("/").rsplit("/", 1)[1]
    mark = _soup(site_dir, f"{prefix}{RID}/p/{unit}/").select_one(f"#{unit} a.badge-repaired")
    assert mark is not None and mark["href"].endswith(f"about/#{row['id']}")
    assert about.select_one('.prose a[href^="mailto:"]') is not None


def test_repaired_cells_are_in_the_pages_script(site_dir):
    from reportsite.script import is_simplified

    simplified = [td.get_text() for td in _soup(site_dir, f"{RID}/about/").select("table.repairs tbody td:nth-child(3)")]
    assert simplified and all(is_simplified(text) for text in simplified), simplified


def test_the_about_pages_editors_notes_follow_their_heading_without_the_footnotes_rule(at):
    """The editor's notes are not the report's footnotes: no rule and no gap of theirs between heading and text."""
    pg = at(DESK)
    pg.goto(pg.base + f"{RID}/about/")
    heading = pg.locator("main h2").first.bounding_box()
    first = pg.locator("main h2 + div p").first.bounding_box()
    assert first["y"] - (heading["y"] + heading["height"]) < 24


@pytest.mark.parametrize("viewport, narrowest", [(PHONE, 330), (DESK, 450)])
def test_side_by_side_never_squeezes_a_column(at, viewport, narrowest):
    """Two columns of at least 450 px at desk width; on a phone the two languages stack, each the screen's width."""
    pg = at(viewport)
    pg.goto(pg.base + f"en/{RID}/bilingual/")
    widths = pg.evaluate("""() => [...document.querySelectorAll('.pair > .col')].filter(el => el.offsetParent)
                              .map(el => el.getBoundingClientRect().width)""")
    assert widths and min(widths) >= narrowest
    assert pg.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
