"""Published-ID ledger: every ID the site has ever published, so none can silently disappear.

content/reports/<id>/published-ids.txt lists them, one a line. The build fails when a listed ID is
neither in the content nor retired (report.yaml `retired: {old: new}`), and adds new IDs after a
successful build. Commit the file with the content.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ContentError
from .reader import read_text_file
from .model import Report
from .yamlio import write_atomic

LEDGER = "published-ids.txt"


def live_ids(report: Report) -> set[str]:
    return ({p.id for p in report.parts} | {s.id for s in report.sections()} | {p.id for p in report.all_paragraphs()}
            | {t.id for t in report.targets} | {l.id for l in report.lists})


def read_ledger(folder: Path) -> list[str]:
    path = folder / LEDGER
    if not path.exists():
        return []
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]


def check_ledger(folder: Path, display: str, report: Report) -> list[ContentError]:
    live = live_ids(report)
    _, errors = read_text_file(folder / LEDGER, f"{display}/{LEDGER}")  # a content file like any other
    if errors:
        return errors
    for old in read_ledger(folder):
        if old not in live and old not in report.retired:
            errors.append(ContentError(
                f"{display}/report.yaml", 0, "retired", f"published ID {old!r} is gone from the content",
                f"links to it would break: add `{old}: NEW-ID` under retired: naming the unit that now holds its text",
            ))
    return errors


def update_ledger(folder: Path, report: Report) -> None:
    known = read_ledger(folder)
    new = sorted(live_ids(report) - set(known))
    if new:
        header = "# IDs this report has published; never remove a line (see docs/editing.md: IDs and links that last).\n"
        write_atomic(folder / LEDGER, header + "\n".join(sorted(set(known) | set(new))) + "\n")
