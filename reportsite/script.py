"""Script conversion between Traditional and Simplified Chinese, through OpenCC, and what a Han character is.

Shared infrastructure: the import cleans text with it and the site converts and indexes text with
it; it imports no stage and nothing of content/."""

from __future__ import annotations

import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path

import opencc

# The Han characters, as a character class: the unified ideographs and Extension A, and the
# compatibility ideographs; not the Yijing hexagram symbols (U+4DC0-U+4DFF) that sit between them.
HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_RANGES = (("\u3400", "\u4dbf"), ("\u4e00", "\u9fff"), ("\uf900", "\ufaff"))


def is_han(ch: str) -> bool:
    """Whether one character is a Han character (HAN)."""
    return any(low <= ch <= high for low, high in _HAN_RANGES)


TRADITIONAL_PROFILE = "s2tw"  # the common Taiwan standard characters, characters only (not s2twp)


def opencc_version() -> str:
    """Which OpenCC converts: what it made is cached only as long as the same one is installed."""
    return f"{getattr(opencc, '__version__', '')} {Path(opencc.__file__).parent.stat().st_mtime_ns}"


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
    lines = phrase_lines(*phrase_files)
    if not lines:
        return taiwan_quotes(converter(TRADITIONAL_PROFILE).convert(text))
    return taiwan_quotes(traditional_converter(lines).convert(text))


# Quotation marks as Traditional text in Taiwan writes them: corner brackets, double ones inside.
_CORNER_QUOTES = str.maketrans({"“": "「", "”": "」", "‘": "『", "’": "』"})


def taiwan_quotes(text: str) -> str:
    """“…‘…’…” -> 「…『…』…」: OpenCC converts characters, never punctuation."""
    return text.translate(_CORNER_QUOTES)


def phrase_lines(*phrase_files: str) -> str:
    """The phrase lists given (empty names are skipped), one after the other, as OpenCC reads them."""
    return "".join(_phrase_lines(path) for path in phrase_files if path)


def _phrase_lines(path: str) -> str:
    """The phrase list without comments and blank lines, in OpenCC's text dictionary format.

    Read again only when the file changed (serve): every paragraph of a zh-Hant page asks for it."""
    info = os.stat(path)
    return _read_phrase_lines(path, info.st_mtime_ns, info.st_size)


@lru_cache(maxsize=16)
def _read_phrase_lines(path: str, mtime_ns: int, size: int) -> str:
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
    standard = _standard_config(TRADITIONAL_PROFILE)
    with tempfile.TemporaryDirectory(prefix="reportsite-opencc-") as name:
        folder = Path(name)
        (folder / "phrases.txt").write_text(phrase_lines, encoding="utf-8")
        phrases = {"type": "text", "file": str(folder / "phrases.txt")}
        # The segmenter cuts the text into known phrases before any conversion (粮食|面积), so a
        # listed phrase must be one of its words too, or it never reaches the conversion step.
        standard["segmentation"]["dict"]["dicts"].insert(0, phrases)
        # Every step, not only the first: s2tw's last step turns standard characters into Taiwan's
        # variants (污 -> 汙), so a listed form that step would change again must be kept there too.
        # Its input is already Traditional, which only a phrase written alike in both scripts matches.
        for step in standard["conversion_chain"]:
            step["dict"]["dicts"].insert(0, phrases)
        return _load_config(standard, folder)


@lru_cache(maxsize=None)
def character_converter(profile: str) -> opencc.OpenCC:
    """s2t or s2tw for text of one character: the profile without its phrase dictionary.

    A phrase never matches a single character, so the result is the profile's (a test checks every
    character from U+3400 to U+9FFF); the phrase dictionary is most of the time it takes to load one.
    """
    config = _standard_config(profile)
    characters = {"type": "ocd2", "file": str(_SHARE / "STCharacters.ocd2")}
    config["segmentation"] = {"type": "mmseg", "dict": characters}
    config["conversion_chain"][0]["dict"] = characters
    with tempfile.TemporaryDirectory(prefix="reportsite-opencc-") as name:
        return _load_config(config, Path(name))


_SHARE = Path(opencc.__file__).parent / "clib" / "share" / "opencc"


def _standard_config(profile: str) -> dict:
    """One of OpenCC's own profiles as a dict, its dictionary files named by absolute path."""
    standard = json.loads((_SHARE / f"{profile}.json").read_text(encoding="utf-8"))
    for step in standard.get("normalization", []) + standard["conversion_chain"] + [standard.get("segmentation", {"dict": {}})]:
        _absolute_files(step["dict"], _SHARE)
    return standard


def _load_config(config: dict, folder: Path) -> opencc.OpenCC:
    """OpenCC reads its configuration only from a file, and only when the converter is made."""
    path = folder / "site.json"
    path.write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
    return opencc.OpenCC(str(path))


def _absolute_files(node: dict, share: Path) -> None:
    if "file" in node:
        node["file"] = str(share / node["file"])
    for child in node.get("dicts", []):
        _absolute_files(child, share)


@lru_cache(maxsize=None)
def to_simplified_char(ch: str) -> str:
    return converter("tw2s").convert(ch)
