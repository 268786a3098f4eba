"""Script conversion between Traditional and Simplified Chinese, through OpenCC."""

from __future__ import annotations

import json
import tempfile
from functools import lru_cache
from pathlib import Path

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


def to_traditional(text: str, phrases: str = "") -> str:
    """Simplified -> Traditional with OpenCC's standard s2t profile (neutral between Taiwan and Hong
    Kong forms), plus the site's own phrase list where one is given (see traditional_converter)."""
    if not phrases:
        return converter("s2t").convert(text)
    return traditional_converter(_phrase_lines(phrases)).convert(text)


def _phrase_lines(path: str) -> str:
    """The phrase list without comments and blank lines, in OpenCC's text dictionary format."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return "\n".join(line.split("#")[0].rstrip() for line in lines if "\t" in line.split("#")[0]) + "\n"


@lru_cache(maxsize=8)
def traditional_converter(phrase_lines: str) -> opencc.OpenCC:
    """s2t with a user phrase list consulted first: OpenCC matches the longest phrase at each place,
    so a listed phrase such as 食面积 (食面積) stops s2t from reading 食面 as noodles (食麪)."""
    share = Path(opencc.__file__).parent / "clib" / "share" / "opencc"
    standard = json.loads((share / "s2t.json").read_text(encoding="utf-8"))
    for step in standard["normalization"] + standard["conversion_chain"]:
        _absolute_files(step["dict"], share)
    chain = standard["conversion_chain"][0]["dict"]
    folder = Path(tempfile.mkdtemp(prefix="reportsite-opencc-"))
    (folder / "phrases.txt").write_text(phrase_lines, encoding="utf-8")
    chain["dicts"].insert(0, {"type": "text", "file": str(folder / "phrases.txt")})
    config = folder / "s2t-site.json"
    config.write_text(json.dumps(standard, ensure_ascii=False), encoding="utf-8")
    return opencc.OpenCC(str(config))


def _absolute_files(node: dict, share: Path) -> None:
    if "file" in node:
        node["file"] = str(share / node["file"])
    for child in node.get("dicts", []):
        _absolute_files(child, share)


@lru_cache(maxsize=None)
def to_simplified_char(ch: str) -> str:
    return converter("tw2s").convert(ch)
