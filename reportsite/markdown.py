"""Markdown for editorial pages and notes in content/: CommonMark with raw HTML off."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markupsafe import Markup


def _wide(char: str) -> bool:
    """A character of a script written without spaces (Chinese, Japanese, full-width punctuation)."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def _join_wide_lines(state: StateCore) -> None:
    """A line break in the source between two Chinese characters is no space: an editor wrapping a
    Chinese sentence would otherwise put a visible gap into it (as Pandoc's east_asian_line_breaks)."""
    for block in state.tokens:
        children = block.children or []
        for i, token in enumerate(children):
            if token.type != "softbreak" or not 0 < i < len(children) - 1:
                continue
            before, after = children[i - 1].content, children[i + 1].content
            if before and after and _wide(before[-1]) and _wide(after[0]):
                token.type, token.content = "text", ""


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # html=False: tags in content are shown as text, never passed through; markdown-it also
    # refuses javascript:, vbscript: and data: link targets (its validateLink).
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.core.ruler.push("join_wide_lines", _join_wide_lines)
    return parser


def render_markdown(text: str) -> Markup:
    return Markup(_parser().render(text or ""))


def render_inline(text: str) -> Markup:
    return Markup(_parser().renderInline(text or ""))
