"""Appendix pass: lists printed after the closing address (附件：2023年重点项目计划表, 附表2…)
are the report's appendices, not paragraphs of its last part."""

from __future__ import annotations

import re

from ..content.model import Appendix
from .chrome import is_chrome
from .notes import is_notes_heading

_HEADING = re.compile(r"^附(?:件|表|录)?\s*[0-9一二三四五六七八九十]{0,2}\s*[：:、.．]?\s*(.{0,40})$")
_ADDRESS = re.compile(r"^各位(?:代表|委员)[，,！!：:；、]")


def split_appendices(lines: list[str]) -> tuple[list[str], list[Appendix]]:
    """(the report's lines, its appendices): from the first appendix heading after the last address
    to the deputies on, each heading opens an appendix, up to a glossary of notes, which stays with
    the report's lines, and without the page's chrome."""
    last_address = max((i for i, line in enumerate(lines) if _ADDRESS.match(line)), default=None)
    if last_address is None:
        return lines, []
    start = next((i for i in range(last_address + 1, len(lines)) if _HEADING.match(lines[i])), None)
    if start is None:
        return lines, []
    end = next((i for i in range(start, len(lines)) if is_notes_heading(lines[i])), len(lines))
    appendices: list[Appendix] = []
    for line in lines[start:end]:
        if is_chrome(line):
            continue
        if m := _HEADING.match(line):
            appendices.append(Appendix(f"appendix{len(appendices) + 1}", m.group(1) or line, ()))
        else:
            appendices[-1] = Appendix(appendices[-1].id, appendices[-1].title, (*appendices[-1].items, line))
    return lines[:start] + lines[end:], appendices
