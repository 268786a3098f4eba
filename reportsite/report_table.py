"""The table a batch import ends with: file -> id, place, year, parts, paragraphs, targets, warnings."""

from __future__ import annotations

import unicodedata

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
