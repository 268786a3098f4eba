"""Cleaning pass: what a scraper wrote as text instead of as characters: line breaks (`\\r\\n`),
HTML entities (`&nbsp;`) and the `??` a non-breaking space became when its bytes were lost."""

from __future__ import annotations

import html
import re

_LITERAL_BREAK = re.compile(r"(?:\\r\\n|\\n|\\r)")
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{1,6}|#[xX][0-9a-fA-F]{1,5});")
# A cut-off entity at the end of a page's summary (`&ems......`) stands for a space too.
_CUT_ENTITY = re.compile(r"&(?:nbsp|ensp|emsp|ems|nbs|nb|en|em)(?=\.{3,})")
# Two or more question marks next to text that is not garbled: a lost non-breaking space (one per `??`).
_LOST_SPACE = re.compile(r"(?<![?？])\?{2,}(?![?？])")


def literal_line_breaks(text: str) -> str:
    """`各位代表：\\r\\n现在，…` (the four characters) -> a real line break."""
    return _LITERAL_BREAK.sub("\n", text)


def html_entities(text: str) -> str:
    """`&nbsp;`, `&emsp;`, `&amp;`, `&#12288;` -> the character; a bare `&` (`R&D`) stays."""
    return _CUT_ENTITY.sub(" ", _ENTITY.sub(lambda m: html.unescape(m.group(0)), text))


def lost_spaces(text: str, garbled=lambda line, start, end: False) -> str:
    """`区长?? 李英英`, `会议上????各位代表` -> a space, unless the run sits in garbled text
    (`garbled(line, start, end)`), where `?` marks lost bytes for the re-reading to use."""
    out = []
    for line in text.split("\n"):
        out.append(_LOST_SPACE.sub(lambda m: m.group(0) if garbled(m.string, m.start(), m.end()) else " ", line))
    return "\n".join(out)
