"""Share cards: one per paragraph and per target in each language, each page's og:image its own card."""

from __future__ import annotations

import struct

import pytest
from bs4 import BeautifulSoup

from reportsite.site.cards import wrap

RID = "jiangxian-2022"


def og_image(site_dir, path: str) -> str:
    soup = BeautifulSoup((site_dir / path / "index.html").read_text(encoding="utf-8"), "html.parser")
    return soup.find("meta", property="og:image")["content"]


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("prefix", ["", "zh-hant/", "en/"])
@pytest.mark.parametrize("unit", ["s2-1-p1", "open-p1", "t2"])
def test_a_paragraph_or_target_page_shows_its_own_card_in_its_language(site_dir, prefix, unit):
    path = f"{prefix}{RID}/p/{unit}/"
    image = og_image(site_dir, path)
    assert image.endswith(f"/{path}card.png")
    assert png_size((site_dir / path / "card.png").read_bytes()) == (1200, 630)


def test_cards_differ_between_languages_and_units(site_dir):
    cards = {(site_dir / f"{prefix}{RID}/p/{unit}/card.png").read_bytes() for prefix in ("", "zh-hant/", "en/") for unit in ("s2-1-p1", "t2")}
    assert len(cards) == 6


def test_every_paragraph_and_target_has_a_card_in_every_language(site_dir):
    for prefix in ("", "zh-hant/", "en/"):
        pages = [p.parent for p in (site_dir / prefix / RID / "p").glob("*/index.html") if "noindex" not in p.read_text(encoding="utf-8")]
        assert pages and all((page / "card.png").is_file() for page in pages)


def test_wrap_breaks_chinese_anywhere_and_english_at_spaces_and_stops_after_the_lines_asked_for():
    assert wrap("一二三四五", 2, len, False) == ["一二", "三四", "五"]
    assert wrap("ab cd ef", 5, len, True) == ["ab cd", "ef"]
    assert wrap("一二三四五六七八", 2, len, False, most=1) == ["一二", "三四"]


def test_a_cards_line_has_no_line_or_paragraph_separator_and_single_spaces():
    from reportsite.site.datafiles import one_line

    assert one_line("一段\r\n文字\u2029二段  three\tfour") == "一段 文字 二段 three four"
    assert one_line("已是一行") == "已是一行"


def test_a_card_shows_each_part_in_its_colour_and_stays_small():
    from io import BytesIO

    from PIL import Image

    from reportsite.site.cards import BAND, FIGURE, INK, MUTED, PAPER, Card, draw_card

    png = draw_card(Card(where="江县 · 2022 · 二、", quote="坚持以习近平新时代中国特色社会主义思想为指导" * 8, footer="江县2022年政府工作报告 · 报告浏览"))
    image = Image.open(BytesIO(png)).convert("RGB")
    colours = {colour for _, colour in image.getcolors(1 << 16)}
    assert {PAPER, INK, MUTED, FIGURE, BAND} <= colours
    assert image.getpixel((600, 6)) == BAND and image.getpixel((50, 300)) == FIGURE  # the top band, the quote's bar
    assert INK in {image.getpixel((x, y)) for x in range(70, 1130) for y in range(130, 180)}  # the quote's first line
    assert len(png) < 64 * 1024  # five full lines of Chinese: a preview fetched in a moment


def test_a_card_is_a_png_whose_checksums_hold_and_whose_pixels_are_the_drawing(monkeypatch):
    """The card's PNG is packed beside Pillow (ISA-L deflates its rows): a reader that checks every
    chunk's checksum takes it, and decodes the very palette image that was drawn."""
    from io import BytesIO

    from PIL import Image

    from reportsite.site import cards

    drawn = []
    pack = cards._Canvas.png
    monkeypatch.setattr(cards._Canvas, "png", lambda canvas: drawn.append(canvas.picture()) or pack(canvas))
    png = cards.draw_card(cards.Card(where="Jiang County · 2022 · II.", quote="Roads of 46.7 km were built. " * 9, lang="en"))
    Image.open(BytesIO(png)).verify()  # the checksum of every chunk
    image = Image.open(BytesIO(png))
    assert (image.mode, image.size) == ("P", (cards.WIDTH, cards.HEIGHT))
    assert image.getpalette()[:len(cards.PALETTE)] == cards.PALETTE
    assert image.tobytes() == drawn[0].tobytes()


def test_check_reads_the_pages_without_drawing_a_card(tmp_path, monkeypatch):
    """The check command walks pages and links; no link it checks is a card's, and drawing the
    example archive's 12,000 cards was most of its time."""
    from reportsite import check
    from reportsite.site import cards

    from .conftest import copy_project

    def no_drawing(card):
        raise AssertionError(f"drew a card: {card.where}")

    monkeypatch.setattr(cards, "draw_card", no_drawing)
    project = copy_project(tmp_path)
    result = check.check_site(project / "content", project / "templates", project / "static")
    assert [p for p in result.problems if not p.warning] == []
