"""Batch import: a folder (or a list) of raw reports -> one report folder each, all checked first,
and the table the batch ends with.

Every file is parsed before anything is written; a file that fails is reported and the others go
on. Two files that give the same id (the same place and year) are both refused, naming each other.
A new report folder is written aside and renamed into place, so a failure leaves nothing half-written.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ..errors import ContentErrors, ImportProblem
from ..swap import umask
from .importer import ImportResult, prepare_import
from .store import write_report

RAW_SUFFIXES = (".txt", ".html", ".htm")


@dataclass(frozen=True)
class BatchRow:
    """One file of the batch: what it became, or why it failed."""

    file: Path
    result: ImportResult | None = None
    error: str = ""


def raw_files(paths: list[Path]) -> list[Path]:
    """Files as given, and the raw reports of each folder given, in name order."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in RAW_SUFFIXES)
        else:
            files.append(path)
    return files


def _problem(e: Exception) -> str:
    if isinstance(e, ContentErrors):
        return "; ".join(str(x) for x in e.errors)
    return str(e)


def prepare_batch(files: list[Path], content_root: Path, force: bool = False, progress=None) -> list[BatchRow]:
    """Parse every file; rows in file order. Nothing is written."""
    rows = []
    for i, path in enumerate(files):
        try:
            rows.append(BatchRow(path, prepare_import(path, content_root, force=force)))
        except (ImportProblem, ContentErrors) as e:
            rows.append(BatchRow(path, error=_problem(e)))
        if progress:
            progress(i + 1, len(files), path.name)
    return _refuse_same_ids(rows)


def _refuse_same_ids(rows: list[BatchRow]) -> list[BatchRow]:
    """Two files of one place and year would write one folder: both are refused, each naming the other."""
    by_id = defaultdict(list)
    for row in rows:
        if row.result:
            by_id[row.result.report.id].append(row.file)
    out = []
    for row in rows:
        same = by_id[row.result.report.id] if row.result else []
        if len(same) > 1:
            others = ", ".join(str(f) for f in same if f != row.file)
            row = BatchRow(row.file, error=f"gives the id {row.result.report.id!r}, as {others} does: the same place and year (import one of them, or the other with --id)")
        out.append(row)
    return out


def write_new_folder(folder: Path, files: dict[str, str]) -> None:
    """Write a report folder aside, then rename it into place: a failure leaves no folder at all."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    aside = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}."))
    try:
        os.chmod(aside, 0o777 & ~umask())  # mkdtemp's 0700 would hide the report from the rest of the team
        write_report(aside, files)
        os.replace(aside, folder)
    except BaseException:
        shutil.rmtree(aside, ignore_errors=True)
        raise


def import_batch(paths: list[Path], content_root: Path, force: bool = False, progress=None) -> list[BatchRow]:
    """Import every raw report of `paths`; rows in file order, failed ones with their error."""
    rows = prepare_batch(raw_files(paths), content_root, force, progress)
    written = []
    for row in rows:
        if row.result is None:
            written.append(row)
            continue
        try:
            if row.result.folder.exists():
                write_report(row.result.folder, row.result.files)
            else:
                write_new_folder(row.result.folder, row.result.files)
            written.append(row)
        except OSError as e:
            written.append(BatchRow(row.file, error=f"cannot write {row.result.folder}: {e.strerror or e}"))
        except ImportProblem as e:  # write_report's own account of a failed write
            written.append(BatchRow(row.file, error=str(e)))
    return written


# The table a batch ends with: file -> id, place, year, parts, paragraphs, targets, warnings.
COLUMNS = ("file", "id", "place", "year", "parts", "paragraphs", "targets", "warnings")
_NUMERIC = {"year", "parts", "paragraphs", "targets", "warnings"}


def _width(text: str) -> int:
    """Columns on a terminal: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _cells(row) -> list[str]:
    if row.result is None:
        return [row.file.name, "failed", "", "", "", "", "", ""]
    r = row.result.report
    return [row.file.name, r.id, r.meta.place, str(r.meta.year or ""), str(len(r.parts)), str(len(r.all_paragraphs())),
            str(len(r.targets)), str(len(row.result.warnings))]


def batch_table(rows) -> str:
    table = [list(COLUMNS)] + [_cells(row) for row in rows]
    widths = [max(_width(line[i]) for line in table) for i in range(len(COLUMNS))]
    lines = []
    for line in table:
        cells = []
        for name, cell, width in zip(COLUMNS, line, widths):
            pad = " " * (width - _width(cell))
            cells.append(pad + cell if name in _NUMERIC else cell + pad)
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)
