"""The check command: everything CI should know about content before it is published."""

from __future__ import annotations

from pathlib import Path

from .content import load_site_content
from .errors import ContentError
from .suspicious import find_suspicious


def check_site(content_root: Path) -> list[ContentError]:
    """All problems: invalid content, suspicious text (and, once the site is built, links and translations)."""
    reports, problems = load_site_content(content_root)
    for report in reports:
        problems += find_suspicious(report)
    return sorted(problems)
