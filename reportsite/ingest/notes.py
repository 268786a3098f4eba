"""Notes pass: the glossary at the end of a report (名词解释, then `[1]…` entries) becomes the
report's notes, linked from the markers `[1]` in the text; markers whose entry is missing are kept
in the text and reported."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..content.model import Note
from ..content.yamlio import load_package_yaml

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
# An entry: [1]…, ［１］…, or 1.[term]… (the number before the bracketed term).
_ENTRY = re.compile(r"^(?:[\[［【]([0-9０-９]{1,3})[\]］】]|([0-9]{1,3})[.．、]\s*[\[［【])")
_MARKER = re.compile(r"[\[［]([0-9０-９]{1,3})[\]］]")


@lru_cache(maxsize=1)
def _shapes() -> dict:
    return load_package_yaml(Path(__file__).with_name("notes.yaml"))


_WIDE_MARKER = re.compile(r"［([0-9０-９]{1,3})］|\[([０-９]{1,3})\]")


def ascii_markers(text: str) -> str:
    """Note markers in full-width brackets or digits (［1］, [８]) written as the report's others: [1]."""
    return _WIDE_MARKER.sub(lambda m: f"[{(m.group(1) or m.group(2)).translate(_FULLWIDTH_DIGITS)}]", text)


def is_notes_heading(line: str) -> bool:
    shapes = _shapes()
    return line.strip(shapes["decorations"]) in shapes["headings"]


def entry_number(line: str) -> int | None:
    m = _ENTRY.match(line)
    return int((m.group(1) or m.group(2)).translate(_FULLWIDTH_DIGITS)) if m else None


def split_notes(lines: list[str]) -> tuple[list[str], list[Note]]:
    """(the report's lines, its notes): the entries after the last glossary heading, or a run of
    entries from [1] at the very end when the heading is missing."""
    heading = next((i for i in range(len(lines) - 1, -1, -1) if is_notes_heading(lines[i])), None)
    if heading is not None and heading + 1 < len(lines) and entry_number(lines[heading + 1]) is not None:
        return lines[:heading], _notes(lines[heading + 1 :])
    start = len(lines)
    while start and entry_number(lines[start - 1]) is not None:
        start -= 1
    if start < len(lines) and entry_number(lines[start]) == 1:
        return lines[:start], _notes(lines[start:])
    return lines, []


def _without_number(line: str) -> str:
    """The entry without its number: `[1]“三步走”：…` -> `“三步走”：…`; `1.[九通一平]即…` -> `[九通一平]即…`."""
    m = _ENTRY.match(line)
    return line[m.end() :] if m.group(1) else line[m.end() - 1 :]


def _notes(lines: list[str]) -> list[Note]:
    """One note per entry; a line that is not an entry continues the one before it."""
    notes: list[Note] = []
    for line in lines:
        number = entry_number(line)
        if number is None and notes:
            notes[-1] = Note(notes[-1].id, notes[-1].mark, notes[-1].text + line)
        elif number is not None:
            notes.append(Note(f"note{number}", f"[{number}]", _without_number(line)))
    return notes


def markers(text: str) -> list[int]:
    """The note numbers marked in a text: 项目[1], “四个意识”[８]."""
    return [int(m.group(1).translate(_FULLWIDTH_DIGITS)) for m in _MARKER.finditer(text)]


def unmatched_marker_warnings(texts: list[str], notes: list[Note]) -> list[str]:
    """A warning per marker whose note is not there: the copy lost its glossary, or part of it."""
    have = {int(n.mark.strip("[]")) for n in notes}
    missing = sorted({n for text in texts for n in markers(text)} - have)
    if not missing:
        return []
    shown = ", ".join(f"[{n}]" for n in missing[:10]) + (" …" if len(missing) > 10 else "")
    return [f"notes: {len(missing)} marker(s) without their note ({shown}); kept in the text, the glossary was not found"]
