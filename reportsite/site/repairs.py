"""View pass, repairs: where in the report each repair of the raw text landed, so that the about
page links a repair to its paragraph (or heading) and the paragraph carries a mark linking back."""

from __future__ import annotations

import re

from ..content.model import Report

# A section number or punctuation around a repaired span says nothing about where it is.
_NOT_TEXT = re.compile(r"^(?:[（(][一二三四五六七八九十]+[）)])?[\s，。；、：,.;:]*|[\s，。；、：,.;:]+$")
# A repaired section heading names its section's number: （二） is the second section of its part.
_HEADING = re.compile(r"^[（(]([一二三四五六七八九十]+)[）)]")
_NUMERALS = "一二三四五六七八九十"


def _units(report: Report) -> list[tuple[str, str, int]]:
    """(id, text, section number or 0) of every heading and paragraph, in the order of the raw text."""
    units = [(p.id, p.text, 0) for p in report.opening]
    for part in report.parts:
        units.append((part.id, part.title, 0))
        units += [(p.id, p.text, 0) for p in part.intro]
        for s in part.sections:
            units.append((s.id, s.title, s.number))
            units += [(p.id, p.text, 0) for p in s.paragraphs]
        units += [(p.id, p.text, 0) for p in part.outro]
    return units + [(p.id, p.text, 0) for p in report.closing]


def _number(numeral: str) -> int:
    """一 .. 十九 as a number (section numbers stay below twenty)."""
    if numeral.startswith("十"):
        return 10 + (_NUMERALS.index(numeral[1]) + 1 if len(numeral) > 1 else 0)
    return _NUMERALS.index(numeral[0]) + 1


def repair_places(report: Report, simplified) -> tuple[str, ...]:
    """The ID of the unit each repair of `report` lies in ("" where it cannot be told). Repairs come
    in the raw text's order, so each is looked for from where the one before it was found; a span
    the text does not hold as it is (a repair whose reading was later corrected) stays unplaced."""
    units = _units(report)
    places, start = [], 0
    for repair in report.repairs:
        text = simplified(repair.repaired)
        core, heading = _NOT_TEXT.sub("", text), _HEADING.match(text)
        if heading:
            n = _number(heading[1])
            found = next((i for i in range(start + 1 if start else 0, len(units)) if units[i][2] == n), None)
        else:
            found = next((i for i in range(start, len(units)) if core and core in units[i][1]), None)
        if found is None:
            places.append("")
            continue
        places.append(units[found][0])
        start = found
    return tuple(places)
