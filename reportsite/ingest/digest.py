"""Digest pass: a news article that digests a work report (no parts, the year's main targets
quoted) becomes a report with one body, so that its targets can be tracked like a report's."""

from __future__ import annotations

from ..content.model import Part
from .structure import paragraph
from .headline import GOALS_LEAD
DIGEST_TITLE = "报道摘要"


def is_digest(lines: list[str]) -> bool:
    """Text without parts that quotes the year's main expected targets."""
    return any(GOALS_LEAD.search(line) for line in lines)


def digest_part(lines: list[str], title: str) -> Part:
    """The article's paragraphs as the one body of the report."""
    return Part("", 1, title or DIGEST_TITLE, tuple(paragraph(line) for line in lines), ())
