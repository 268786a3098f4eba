"""Script conversion between Traditional and Simplified Chinese, through OpenCC."""

from __future__ import annotations

import json
import tempfile
from functools import lru_cache
from pathlib import Path

import opencc

TRADITIONAL_PROFILE = "s2tw"  # the common Taiwan standard characters, characters only (not s2twp)


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


def to_traditional(text: str, *phrase_files: str) -> str:
    """Simplified -> Traditional in the common Taiwan standard characters (OpenCC s2tw: 為, 群眾, 裡),
    characters only: s2twp's phrase rewriting would swap mainland words for Taiwan ones (项目 -> 專案).
    The site's phrase lists, where given, are consulted first (see traditional_converter)."""
    lines = "".join(_phrase_lines(path) for path in phrase_files if path)
    if not lines:
        return converter(TRADITIONAL_PROFILE).convert(text)
    return traditional_converter(lines).convert(text)


def _phrase_lines(path: str) -> str:
    """The phrase list without comments and blank lines, in OpenCC's text dictionary format."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return "".join(line.split("#")[0].rstrip() + "\n" for line in lines if "\t" in line.split("#")[0])


@lru_cache(maxsize=8)
def traditional_converter(phrase_lines: str) -> opencc.OpenCC:
    """s2tw with a user phrase list consulted first: OpenCC matches the longest phrase at each place,
    so a listed phrase such as 食面积 (食面積) stops s2tw from reading 食面 as noodles (食麵).

    OpenCC reads its configuration and text dictionaries from files, and only when the converter is
    made; they go into a private folder (mkdtemp: 0700, a fresh name) that is removed right after, so
    nothing is left in the temp folder and nothing is loaded from a path another user could prepare.
    """
    share = Path(opencc.__file__).parent / "clib" / "share" / "opencc"
    standard = json.loads((share / f"{TRADITIONAL_PROFILE}.json").read_text(encoding="utf-8"))
    for step in standard["normalization"] + standard["conversion_chain"] + [standard["segmentation"]]:
        _absolute_files(step["dict"], share)
    with tempfile.TemporaryDirectory(prefix="reportsite-opencc-") as name:
        folder = Path(name)
        (folder / "phrases.txt").write_text(phrase_lines, encoding="utf-8")
        phrases = {"type": "text", "file": str(folder / "phrases.txt")}
        # The segmenter cuts the text into known phrases before any conversion (粮食|面积), so a
        # listed phrase must be one of its words too, or it never reaches the conversion step.
        standard["segmentation"]["dict"]["dicts"].insert(0, phrases)
        standard["conversion_chain"][0]["dict"]["dicts"].insert(0, phrases)
        config = folder / "site.json"
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
