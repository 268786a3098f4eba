"""Script conversion between Traditional and Simplified Chinese, through OpenCC."""

from __future__ import annotations

from functools import lru_cache

import opencc


@lru_cache(maxsize=None)
def converter(profile: str) -> opencc.OpenCC:
    """One OpenCC converter per profile, loaded on first use (loading its dictionaries takes time)."""
    return opencc.OpenCC(profile)


def to_simplified(text: str) -> str:
    # tw2s rather than t2s: scraped copies are converted with Taiwan-style variants, and only tw2s
    # turns the 著 of 意味著/迎著 back into 着 while keeping 著名 and 显著; both pick 干/乾/幹 by phrase.
    return converter("tw2s").convert(text)


def is_simplified(text: str) -> bool:
    """True when plain t2s would change nothing: the text holds no Traditional-only character."""
    return converter("t2s").convert(text) == text


def traditional_characters(text: str) -> list[tuple[int, str, str]]:
    """(position, character, simplified form) of each Traditional character left in Simplified text.

    Plain t2s is the judge here: tw2s, right for scraped copies, would also rewrite 显著 to 显着.
    """
    converted = converter("t2s").convert(text)
    if len(converted) != len(text):
        return []
    return [(i, a, b) for i, (a, b) in enumerate(zip(text, converted)) if a != b]


def to_traditional(text: str) -> str:
    # s2t: OpenCC's standard Traditional (OpenCC variant forms), neutral between Taiwan and Hong Kong.
    return converter("s2t").convert(text)


@lru_cache(maxsize=None)
def to_simplified_char(ch: str) -> str:
    return converter("tw2s").convert(ch)
