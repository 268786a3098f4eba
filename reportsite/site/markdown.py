"""Markdown for editorial pages and notes in content/: CommonMark with raw HTML off.

What a text renders to is kept in the private cache (see cache.py) under the digest of the text,
this module and the markdown-it that rendered it, so a build whose notes did not change never
loads markdown-it, in the build or in any of its workers.
"""

from __future__ import annotations

import importlib.util
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..cache import cache_key, code_digest, keep, private_cache_folder, read_cached

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore


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
    from markdown_it import MarkdownIt

    # html=False: tags in content are shown as text, never passed through; markdown-it also
    # refuses javascript:, vbscript: and data: link targets (its validateLink).
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.core.ruler.push("join_wide_lines", _join_wide_lines)
    return parser


@lru_cache(maxsize=1)
def _renderer_digest() -> str:
    """This module and markdown-it's version (in its __init__.py), found without importing it."""
    spec = importlib.util.find_spec("markdown_it")
    return code_digest(__file__) + (code_digest(spec.origin) if spec and spec.origin else "")


@lru_cache(maxsize=4096)
def _rendered(text: str, inline: bool) -> str:
    folder = private_cache_folder("markdown")
    key = cache_key(_renderer_digest(), inline, text)
    try:
        cached = read_cached(folder, key)
        if cached is not None:
            return cached.decode("utf-8")
    except UnicodeDecodeError:
        pass  # damaged: rendered and kept again
    html = _parser().renderInline(text) if inline else _parser().render(text)
    keep(folder, key, html.encode("utf-8"))
    return html


def render_markdown(text: str) -> Markup:
    return Markup(_rendered(text or "", False))


def render_inline(text: str) -> Markup:
    return Markup(_rendered(text or "", True))
