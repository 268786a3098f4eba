"""Share cards: a 1200x630 PNG per paragraph and per target, in each language, for link previews.

A card says where its words come from (place, year, section) and then the quote, or the figure with
what it counts. Each is drawn once from its inputs and kept in the private cache under their digest,
so a build draws only the cards whose words changed.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from functools import lru_cache

from ..cache import CachedFile, cache_key, code_digest, keep_file, private_cache_folder, read_cached_file
from . import datafiles
from .datafiles import card_font, card_font_file, one_line

WIDTH, HEIGHT, MARGIN = 1200, 630, 70
INK, MUTED, BAND, PAPER, FIGURE = (255, 255, 255), (200, 215, 230), (200, 40, 40), (18, 52, 86), (240, 180, 60)
QUOTE_LINES = 5


@dataclass(frozen=True)
class Card:
    """What one card shows, all in the page's language."""

    where: str  # place · year · section
    quote: str = ""  # a paragraph's words
    label: str = ""  # a target: what it counts
    figure: str = ""  # a target: its figure
    footer: str = ""  # the report's and the site's titles
    lang: str = "zh-Hans"


def paragraph_card(rv, p, site_title: str) -> Card:
    return Card(where=_where(rv, p.where), quote=p.plain, footer=f"{rv.title} · {site_title}", lang=p.lang)


def target_card(rv, t, site_title: str, lang: str) -> Card:
    return Card(where=_where(rv, t.section_label), label=t.indicator, figure=t.figure, footer=f"{rv.title} · {site_title}", lang=lang)


def _where(rv, section: str) -> str:
    return " · ".join(x for x in (rv.place, str(rv.year), section) if x)


@lru_cache(maxsize=1)
def _drawn_with() -> tuple:
    """What every card is drawn with besides its words: Pillow, ISA-L, the font file, the drawing code (here
    and the font's settings in datafiles.py), looked up once a process rather than once a card."""
    import isal
    import PIL  # its version alone: the drawing modules load only to draw

    font = card_font_file()
    return (PIL.__version__, isal.__version__, str(font), font.stat().st_mtime_ns if font else 0, code_digest(__file__),
            code_digest(datafiles.__file__))


def card_folder():
    """The private cache's folder of cards (None: draw without a cache), found once for many cards."""
    return private_cache_folder("cards")


def card_key(card: Card) -> str:
    """The name a card is kept under in the cache: the digest of everything it is drawn from."""
    return cache_key(card.where, card.quote, card.label, card.figure, card.footer, card.lang, *_drawn_with()) + ".png"


def card_png(card: Card, folder) -> bytes | CachedFile:
    """The card's PNG, from the cache `folder` (card_folder()) when the same inputs were drawn before.
    A card in the cache comes as the cache's file, which the site links to instead of copying it:
    a site holds a card per paragraph and target in each language, and writing them all again was
    most of what a build with a warm cache wrote to disk."""
    key = card_key(card)
    cached = read_cached_file(folder, key)
    if cached is not None and cached.data.startswith(b"\x89PNG"):
        return cached
    png = draw_card(card)
    return keep_file(folder, key, png) or png


# Each font's measured pieces, kept across cards: a card repeats most characters of the one before.
_WIDTHS: dict[object, dict[str, float]] = {}


def wrap(text: str, width: float, measure, latin: bool, most: int = 0) -> list[str]:
    """`text` in lines no wider than `width` (the first `most` + 1 of them, if `most`): at spaces for
    English, between any characters for Chinese. Each piece is measured once and the widths added
    up; measuring every longer trial line was most of a card's drawing time."""
    widths = _WIDTHS.setdefault(measure, {})
    space = measure(" ") if latin else 0.0
    lines: list[str] = []
    line, used = [], 0.0
    for piece in (text.split(" ") if latin else text):
        w = widths.get(piece)
        if w is None:
            w = widths[piece] = measure(piece)
        gap = space if line else 0.0
        if line and used + gap + w > width:
            lines.append((" " if latin else "").join(line))
            if most and len(lines) > most:
                return lines
            line, used, gap = [], 0.0, 0.0
        line.append(piece)
        used += gap + w
    if line:
        lines.append((" " if latin else "").join(line))
    return lines


def _clipped(lines: list[str], most: int, measure, width: float) -> list[str]:
    if len(lines) <= most:
        return lines
    last = lines[most - 1]
    while last and measure(last + "…") > width:
        last = last[:-1]
    return lines[:most - 1] + [last.rstrip("，。；、,;. ") + "…"]


# A card is a palette image of SHADES steps from the paper to each colour: one byte a pixel, 25 KB
# once packed (45 KB for five full lines), where the RGB image took three times as long to pack and
# took twice the bytes. Sixteen steps of anti-aliasing look the same at 1200x630. Each line of text
# is drawn as coverage (0-255) in an image of its own size, turned into its colour's shades and laid
# over the card: no pass over the whole card but the packing.
COLOURS = (INK, MUTED, BAND, FIGURE)
SHADES = 16


def _mix(colour: tuple, shade: int) -> tuple:
    return tuple(round(p + (c - p) * shade / (SHADES - 1)) for p, c in zip(PAPER, colour))


PALETTE = [channel for colour in COLOURS for shade in range(SHADES) for channel in _mix(colour, shade)]
# Coverage 0-255 -> the palette index of that shade of the colour; no coverage is the paper (index 0).
_SHADE_OF = [[k * SHADES + s if (s := round(v * (SHADES - 1) / 255)) else 0 for v in range(256)] for k in range(len(COLOURS))]


# Each character's coverage at each size, drawn once a process: a card sets mostly characters the
# cards before it set, and laying the line out from them gives Pillow's own pixels five times sooner.
_GLYPHS: dict[tuple, tuple] = {}


def _glyph(font, char: str) -> tuple:
    """(Pillow's core image of its coverage or None if blank, width, height, left, top, advance) of
    one character: the core and its size kept apart, as the Image's properties cost each read."""
    found = _GLYPHS.get((font, char))
    if found is None:
        from PIL import Image, ImageDraw  # only for a character not drawn before: an import statement costs each call

        left, top, right, bottom = font.getbbox(char)
        core = None
        if right > left and bottom > top:
            image = Image.new("L", (right - left, bottom - top), 0)
            ImageDraw.Draw(image).text((-left, -top), char, font=font, fill=255)
            core = image.im
        found = _GLYPHS[(font, char)] = (core, right - left, bottom - top, left, top, font.getlength(char))
    return found


class _Canvas:
    """A card being drawn: palette indices, as an 8-bit image until it is packed. The image is a
    column wider than the card: PNG leads each row with the byte of its filter type, and column 0,
    never drawn on, is that byte (0: none), so the image's bytes are the rows PNG deflates."""

    def __init__(self):
        from PIL import Image, ImageDraw

        self.image = Image.new("L", (WIDTH + 1, HEIGHT), 0)
        self.draw = ImageDraw.Draw(self.image)

    def rectangle(self, box: tuple, colour: tuple) -> None:
        left, top, right, bottom = box
        self.draw.rectangle((left + 1, top, right + 1, bottom), fill=COLOURS.index(colour) * SHADES + SHADES - 1)

    def text(self, xy: tuple, words: str, font, colour: tuple) -> None:
        from PIL import Image, ImageChops

        placed, x, y = [], xy[0] + 1, xy[1]  # each drawn glyph and where its top left corner falls on the image
        for char in words:
            glyph, width, height, left, top, advance = _glyph(font, char)
            if glyph is not None:
                placed.append((glyph, round(x + left), y + top, width, height))
            x += advance
        if not placed:
            return
        box = (min(p[1] for p in placed), min(p[2] for p in placed),
               max(p[1] + p[3] for p in placed), max(p[2] + p[4] for p in placed))
        coverage = Image.new("L", (box[2] - box[0], box[3] - box[1]), 0)
        core = coverage.im  # Pillow's own image: a hundred pastes a card skip Image.paste's checks
        for glyph, gx, gy, width, height in placed:
            gx, gy = gx - box[0], gy - box[1]
            core.paste(255, (gx, gy, gx + width, gy + height), glyph)
        # The core's point() takes the table as it is; Image.point() rounds its 256 entries on every call.
        shades = coverage._new(core.point(_SHADE_OF[COLOURS.index(colour)], None))
        # Lighter (the higher index) keeps whatever else is under the line's box: nothing, on a card.
        self.image.paste(ImageChops.lighter(self.image.crop(box), shades), box)

    def picture(self):
        """The card's own pixels, without the column of filter bytes."""
        return self.image.crop((1, 0, WIDTH + 1, HEIGHT))

    def png(self) -> bytes:
        """The card as a PNG of palette indices, its rows unfiltered and deflated by ISA-L: packing
        them through Pillow (the system's zlib) took four times as long, over half of a card's time."""
        from isal import isal_zlib

        header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 3, 0, 0, 0)  # 8-bit indices into PLTE, not interlaced
        return b"".join((b"\x89PNG\r\n\x1a\n", _chunk(b"IHDR", header), _chunk(b"PLTE", bytes(PALETTE)),
                         _chunk(b"IDAT", isal_zlib.compress(self.image.tobytes(), 1)), _chunk(b"IEND", b"")))


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(data, zlib.crc32(kind)))


def draw_card(card: Card) -> bytes:
    canvas = _Canvas()
    canvas.rectangle((0, 0, WIDTH, 12), BAND)
    small, has_cjk = card_font(30)
    width = WIDTH - 2 * MARGIN
    latin = card.lang == "en"

    def text(xy, words, font, colour):
        if has_cjk or words.isascii():
            canvas.text(xy, one_line(words), font, colour)

    text((MARGIN, 50), _clipped(wrap(one_line(card.where), width, small.getlength, latin, 1), 1, small.getlength, width)[0], small, MUTED)
    if card.figure:
        label, _ = card_font(48)
        big, _ = card_font(112)
        y = 150
        for line in _clipped(wrap(one_line(card.label), width, label.getlength, latin, 2), 2, label.getlength, width):
            text((MARGIN, y), line, label, INK)
            y += 64
        text((MARGIN, y + 20), card.figure, big, FIGURE)
    else:
        quote, _ = card_font(46)
        y = 130
        canvas.rectangle((MARGIN - 24, y + 8, MARGIN - 16, y + 8 + 70 * QUOTE_LINES - 20), FIGURE)
        for line in _clipped(wrap(one_line(card.quote), width, quote.getlength, latin, QUOTE_LINES), QUOTE_LINES, quote.getlength, width):
            text((MARGIN, y), line, quote, INK)
            y += 70
    footer = _clipped(wrap(one_line(card.footer), width, small.getlength, latin, 1), 1, small.getlength, width)
    text((MARGIN, HEIGHT - 80), footer[0] if footer else "", small, MUTED)
    return canvas.png()
