"""Checking pass: text that still looks damaged after cleaning — pinyin, garbage, the wrong script."""

from __future__ import annotations

import re
import unicodedata

from .clean import HAN
from ..errors import ContentError
from .garble import char_rarity
from ..content.model import Report
from ..script import traditional_characters

_TONE_MARKS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN = re.compile(rf"\(?[a-zü]*[{_TONE_MARKS}][a-zü{_TONE_MARKS}]*\)?")
_LATIN_IN_HAN = re.compile(rf"(?<=[{HAN}])[a-z]+(?=[{HAN}])")
# Embeddings, overrides and isolates: they make text display in another order than it is stored
# (a figure or a name shown reversed), and a work report never needs them.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def problems_in(text: str) -> list[tuple[str, bool]]:
    """(message, is_error) for each suspicious thing in `text`; rare characters are only warnings."""
    found: list[tuple[str, bool]] = []
    for m in _PINYIN.finditer(text):
        found.append((f"pinyin fragment {m.group(0)!r} in …{_around(text, m.start())}…", True))
    for m in _LATIN_IN_HAN.finditer(text):
        found.append((f"stray Latin letters {m.group(0)!r} in …{_around(text, m.start())}…", True))
    for m in _BIDI_CONTROLS.finditer(text):
        context = _BIDI_CONTROLS.sub(lambda c: f"<U+{ord(c.group(0)):04X}>", _around(text, m.start()))
        found.append((f"bidirectional control character U+{ord(m.group(0)):04X} in …{context}…", True))
    rarities = [char_rarity(ch) for ch in text]
    for i, ch in enumerate(text):
        if ch == LOST or (_FULLWIDTH_LATIN(ch) and _alone(rarities, i)):
            found.append(_kept_as_found(text, i))
        elif rarities[i] >= 6:
            found.append((f"garbled character {ch!r} (U+{ord(ch):04X}) in …{_around(text, i)}…", True))
        elif rarities[i] == 5 and sum(r >= 5 for r in rarities[i : i + 3]) >= 2:
            # A lone rare character is usually a real word (勠力, 涅槃); debris comes in runs.
            found.append((f"run of rare characters {text[i:i + 3]!r} looks garbled in …{_around(text, i)}…", True))
    for i, ch, simple in traditional_characters(text):
        found.append((f"Traditional character {ch!r} (Simplified {simple!r}) in …{_around(text, i)}…", True))
    return found


LOST = "\ufffd"  # what a decoder leaves where bytes were lost: never guessed


def _FULLWIDTH_LATIN(ch: str) -> bool:
    return "\uff21" <= ch <= "\uff3a" or "\uff41" <= ch <= "\uff5a"


def _alone(rarities: list[int], i: int) -> bool:
    """No rare character beside position i: a lone width variant (4Ａ级), not a run of debris."""
    return all(r < 5 for r in rarities[max(0, i - 1) : i] + rarities[i + 1 : i + 2])


def _kept_as_found(text: str, i: int) -> tuple[str, bool]:
    """A warning, not an error: the character stays as the source printed it until an editor knows better."""
    ch = text[i]
    if ch == LOST:
        return (f"lost character (U+FFFD) kept as found in …{_around(text, i)}…: the source lost its bytes, "
                "write it only if another copy shows it", False)
    return (f"full-width letter {ch!r} (U+{ord(ch):04X}) in …{_around(text, i)}…, "
            f"likely a width variant of {unicodedata.normalize('NFKC', ch)!r}", False)


def _around(text: str, i: int) -> str:
    return text[max(0, i - 6) : i + 7]


def find_suspicious(report: Report, path_of=None) -> list[ContentError]:
    """Every suspicious span in the report's titles, paragraphs and targets."""
    out = []

    def scan(text: str, source, field: str) -> None:
        for message, is_error in problems_in(text):
            out.append(ContentError(source.path, source.line, field, message, "fix the text in this file", warning=not is_error))

    scan(report.meta.title, report.opening[0].source if report.opening else _NoSource, "title")
    for part in report.parts:
        scan(part.title, part.source, f"{part.id}.title")
        for s in part.sections:
            scan(s.title, s.source, f"{s.id}.title")
    for p in report.all_paragraphs():
        scan(p.text, p.source, p.id)
    for t in report.targets:
        scan(t.indicator, t.source, f"{t.id}.indicator")
    return out


class _NoSource:
    path = ""
    line = 0
