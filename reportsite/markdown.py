"""Markdown for editorial pages and notes in content/: CommonMark with raw HTML off."""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markupsafe import Markup


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # html=False: tags in content are shown as text, never passed through; markdown-it also
    # refuses javascript:, vbscript: and data: link targets (its validateLink).
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def render_markdown(text: str) -> Markup:
    return Markup(_parser().render(text or ""))


def render_inline(text: str) -> Markup:
    return Markup(_parser().renderInline(text or ""))
