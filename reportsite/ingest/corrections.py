"""Corrections pass: finding the reviewed fixes for a raw file's garbled spans before it is cleaned.

The fixes belong to the raw file, not to a report id, so they travel beside it as
`<name>.corrections.yaml` (seeds/x.txt -> seeds/x.corrections.yaml), bound to it by the SHA-256 of
its bytes: any import of that file, under any id, uses them. A report folder's own corrections.yaml
is an editor's override: its entries replace those for the same garbled text and add new ones.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..content.provenance import load_corrections, load_corrections_file
from ..errors import ContentError, ContentErrors
from ..content.model import Correction


def corrections_file(raw: Path) -> Path:
    """Where the reviewed corrections of the raw file `raw` are kept."""
    return raw.with_name(raw.stem + ".corrections.yaml")


def raw_file_corrections(raw: Path, data: bytes) -> tuple[list[Correction], list[ContentError]]:
    """The corrections kept beside `raw` if they were written for these bytes, and a warning if not."""
    path = corrections_file(raw)
    corrections, node, errors = load_corrections_file(path, str(path))
    if errors:
        raise ContentErrors(errors)
    if node is None:
        return [], []
    actual = hashlib.sha256(data).hexdigest()
    recorded = node.get("sha256")
    if recorded == actual:
        return corrections, []
    what = f"is {recorded!r}" if recorded else "is missing"
    warning = ContentError(str(path), node.line_of("sha256"), "sha256",
                           f"the digest recorded for {raw.name} {what}, but the file's is {actual}: its corrections were not applied",
                           "review them against this copy of the file, then write its digest", warning=True)
    return [], [warning]


def folder_corrections(folder: Path, display: str) -> list[Correction]:
    corrections, errors = load_corrections(folder, display)
    if errors:
        raise ContentErrors(errors)
    return corrections


def merge_corrections(raw: list[Correction], override: list[Correction]) -> list[Correction]:
    """The raw file's corrections, each replaced by the editor's for the same garbled text, then the editor's new ones."""
    own = {c.garbled: c for c in override}
    merged = [own.pop(c.garbled, c) for c in raw]
    return merged + [c for c in override if c.garbled in own]
