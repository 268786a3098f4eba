"""One definition of the Han characters, used by the import's cleaning and by the search's character maps."""

from __future__ import annotations

import re

import pytest

from reportsite.script import HAN, is_han
from reportsite.site.search import corpus_chars


@pytest.mark.parametrize("ch, han", [
    ("\u3400", True), ("\u4dbf", True),  # Extension A, first and last
    ("\u4dc0", False), ("\u4dff", False),  # Yijing hexagram symbols, between Extension A and the unified block
    ("\u4e00", True), ("县", True), ("\u9fff", True),
    ("\uf900", True), ("\ufa2d", True),  # compatibility ideographs, as old encodings map some characters
    ("a", False), ("。", False), ("，", False), ("\u3007", False),  # 〇 is a symbol in Unicode, not an ideograph
])
def test_is_han_follows_the_unicode_blocks_of_han_ideographs(ch, han):
    assert is_han(ch) is han
    assert bool(re.fullmatch(f"[{HAN}]", ch)) is han  # the class and the test agree


def test_the_search_character_map_keeps_compatibility_ideographs_and_leaves_hexagrams_out():
    class Paragraph:
        where, plain, id, context_url, number = "", "县\ufa2d\u4dc0a。", "p1", "", 1

    class View:
        title, url, paragraphs, parts, targets, lists = "", "", [Paragraph()], [], [], []

    assert corpus_chars(View()) == "".join(sorted("县\ufa2d"))
