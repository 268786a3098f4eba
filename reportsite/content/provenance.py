"""corrections.yaml and provenance.yaml: the reviewed fixes for garbled text (written by people,
read by the import) and what the import did to the text (written by the import, read for the
about page)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import ContentError
from .model import Correction, Report, Repair
from .reader import Reader, load_entries
from .yamlio import LineDict, load_yaml

# How the import restored a span of text; the about page explains each in words.
REPAIR_METHODS = ("recorded correction", "re-read in step")


def load_corrections(folder: Path, display: str) -> tuple[list[Correction], list[ContentError]]:
    corrections, _, errors = load_corrections_file(folder / "corrections.yaml", f"{display}/corrections.yaml")
    return corrections, errors


def load_corrections_file(path: Path, display: str) -> tuple[list[Correction], LineDict | None, list[ContentError]]:
    """The corrections listed in `path`, the file's top-level mapping (for its other keys), and its problems."""
    def correction(r: Reader, c: LineDict, f: str) -> Correction:
        return Correction(r.text(c, "garbled", f), r.text(c, "repaired", f, required=False), r.text(c, "note", f), c.line, display)

    return load_entries(path, display, "corrections", correction)


def load_repairs(folder: Path, display: str) -> tuple[tuple[Repair, ...], list[ContentError]]:
    """What the import did to the text, for the about page (provenance.yaml is written by the import)."""
    path = folder / "provenance.yaml"
    if not path.exists():
        return (), []
    shown = f"{display}/provenance.yaml"
    data, errors = load_yaml(path, shown)
    r = Reader(shown)
    node = r.mapping(data, "") if data is not None else None
    repairs = []
    for i, x in enumerate(r.items(node, "repairs", "", required=False) if node is not None else []):
        x = r.mapping(x, f"repairs[{i}]")
        if x is None:
            continue
        f = f"repairs[{i}]."
        line = x.get("line")
        if isinstance(line, bool) or not isinstance(line, int) or line < 1:
            r.error(x, "line", f + "line", f"expected the line number in the seed, got {line!r}", "write a whole number from 1")
            line = 0
        method = r.text(x, "method", f)
        if method and method not in REPAIR_METHODS:
            r.error(x, "method", f + "method", f"unknown method {method!r}", "use one of " + ", ".join(REPAIR_METHODS))
        repairs.append(Repair(line, r.text(x, "garbled", f), r.text(x, "repaired", f, required=False), method, r.text(x, "note", f, required=False),
                              r.line(x, "verdict", f, required=False)))
    return tuple(repairs), errors + r.errors


def provenance_data(report: Report, seed_name: str, seed_bytes: bytes, encoding: str, dropped: list[str]) -> dict:
    return {
        "seed": seed_name,
        "sha256": hashlib.sha256(seed_bytes).hexdigest(),
        "encoding": encoding,
        "page_chrome_removed": dropped,
        "repairs": [
            {"line": r.line, "garbled": r.garbled, "repaired": r.repaired, "method": r.method,
             **({"note": r.note} if r.note else {}), **({"verdict": r.verdict} if r.verdict else {})}
            for r in report.repairs
        ],
    }
