"""The editors' Markdown notes of a report's about page: about.md, and about.en.md for English."""

from __future__ import annotations

from pathlib import Path

from ..errors import ContentError
from .reader import read_text_file

NOTE_FILES = {"zh": "about.md", "en": "about.en.md"}


def load_notes(folder: Path, display: str) -> tuple[dict[str, str], list[ContentError]]:
    """The notes there are ("zh", "en" -> Markdown), read by the rules of every content file."""
    notes, errors = {}, []
    for key, name in NOTE_FILES.items():
        text, errs = read_text_file(folder / name, f"{display}/{name}")
        errors += errs
        if text is not None:
            notes[key] = text
    return notes, errors
