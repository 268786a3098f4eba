"""Acceptance pass: what marks text as a work report when no part heading was found.

A copy may lose its part headings and keep everything else: the salutation (各位代表：), the
opening (我代表…人民政府…报告工作), a review (过去的一年, 一年来) and the year's tasks (今年…主要任务).
Such text is imported as one part, with a warning; text with none of these marks is refused, and
the refusal names what was looked for.
"""

from __future__ import annotations

import re

from ..content.model import Paragraph, Part
from .structure import closing_address, paragraph

# Each mark of the genre, and the words that show it.
MARKS = {
    "a salutation (各位代表：)": re.compile(r"^各位(?:代表|委员)[、，,！!：:]"),
    "an opening (我代表…人民政府…报告工作)": re.compile(r"我代表.{0,20}(?:人民政府|政府).{0,20}(?:报告|作)"),
    "a review (过去的一年, 一年来, 工作回顾)": re.compile(r"过去的一年|一年来|过去五年|工作回顾"),
    "the year's tasks (今年…主要任务, 预期目标, 工作安排)": re.compile(r"主要任务|预期目标|工作安排|重点工作|目标任务"),
}
ONE_PART_TITLE = "政府工作报告"
ONE_PART_WARNING = "structure: no part headings (一、…, 2022年工作回顾) were found; the text is imported as one part"


def report_marks(lines: list[str], salutation: str = "") -> list[str]:
    """The marks of a work report the text has."""
    text_lines = [salutation, *lines] if salutation else lines
    return [name for name, pattern in MARKS.items() if any(pattern.search(line) for line in text_lines)]


def reads_as_report(lines: list[str], salutation: str = "") -> bool:
    """An address to the congress (salutation or opening) and the body of a report (review or tasks)."""
    found = report_marks(lines, salutation)
    names = list(MARKS)
    return any(n in found for n in names[:2]) and any(n in found for n in names[2:])


def one_part(lines: list[str]) -> tuple[Part, list[Paragraph]]:
    """The text as one part, and the closing address that ends it."""
    closing, body = closing_address(lines)
    return Part("", 1, ONE_PART_TITLE, tuple(paragraph(line) for line in body), ()), [paragraph(line) for line in closing]


def not_a_report_message() -> str:
    return ("this does not look like a government work report: looked for numbered parts (一、… 二、…), part headings "
            "such as 2022年工作回顾 or 2023年工作安排, a news digest's 主要预期目标, and the marks of a report: "
            + ", ".join(MARKS) + "; found none of them")
