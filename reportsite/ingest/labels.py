"""Describing pass: each target's label (what is counted, of what, where), the whole sentence with the clause
marked, its nature (a five-year goal, a design capacity, a planned investment, existing stock) and its
cross-references to other appearances of the same thing. The words it knows are in labels.yaml."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from functools import cache
from pathlib import Path

from ..content.model import Paragraph, Target
from ..content.vocabulary import load_vocabulary
from ..content.yamlio import load_package_yaml

_SENTENCE_END = "。！？"


@cache
def words() -> dict:
    return load_package_yaml(Path(__file__).with_name("labels.yaml"))


def sentence_ends(text: str) -> list[int]:
    """Where each sentence of `text` ends (after its 。！？, or at the end of the text)."""
    return [i + 1 for i, c in enumerate(text) if c in _SENTENCE_END and i + 1 < len(text)] + [len(text)]


def sentence_around(text: str, start: int, end: int, ends: list[int] | None = None) -> tuple[str, int]:
    """The sentence of `text` holding [start, end), and where it starts; `ends` (sentence_ends) once per text
    keeps many figures in one long paragraph from reading it again for each."""
    ends = ends if ends is not None else sentence_ends(text)
    first_end = bisect_right(ends, start)
    first = ends[first_end - 1] if first_end else 0
    last = ends[min(bisect_left(ends, end), len(ends) - 1)]
    return text[first:last], first


def nature_of(target: Target, sentence: str, year: int | None) -> str:
    """five-year-goal, capacity (a design capacity or planned size), investment, stock, or '' for a figure
    that is what its kind says."""
    w, clause = words(), target.text
    if target.kind in ("indicator", "commitment") and (
        any(m in clause for m in w["multi_year"]) or any(int(y) > year for y in re.findall(r"到(\d{4})年", sentence) if year)
    ):
        return "five-year-goal"
    capacity = w["capacity"]
    if target.unit in capacity["units"] and (any(m in clause for m in capacity["words"]) or any(m in sentence for m in capacity["sentence_words"])):
        return "capacity"
    if target.unit in capacity["size_units"] and any(m in clause for m in capacity["size_words"]):
        return "capacity"
    if target.unit.endswith("元") and any(m in clause for m in w["investment"]):
        return "investment"
    if target.kind in ("commitment", "result") and target.value is not None:
        figure = re.search(rf"{re.escape(_figure_text(target.value))}{re.escape(target.unit)}", clause)
        if figure and any(clause[: figure.start()].endswith(s) for s in w["stock_before"]):
            return "stock"
    return ""


def _figure_text(value: float) -> str:
    return f"{value:g}" if not isinstance(value, int) else str(value)


def project_label(target: Target) -> str:
    """'总投资22.64亿元的涑水新区全面开工' -> '涑水新区总投资'."""
    if not target.unit.endswith("元"):
        return ""
    for head in words()["investment"]:
        m = re.search(rf"{head}[\d.]+[亿万]?元的(?P<obj>[^，。；、]+)", target.text)
        if m:
            obj = m.group("obj")
            for end in words()["project_ends"]:
                obj = obj.removesuffix(end)
            return obj + head
    return ""


def designated(target: Target) -> str:
    """'…等7家企业被省农业农村厅认定为山西省农业产业化省级重点龙头企业' -> what they were recognised as."""
    for word in words()["designations"]:
        before, found, after = target.text.partition(word)
        if found and re.search(r"\d", before) and 2 <= len(after) <= 30:
            return after
    return ""


def plain_name(label: str) -> str:
    """'集中安置点全部建成' -> '集中安置点': what happened to a thing is not its name."""
    for end in words()["predicates"]:
        if label.endswith(end) and len(label) > len(end) + 1:
            return label[: -len(end)]
    return label


def is_five_year_part(title: str) -> bool:
    return load_vocabulary().is_five_year_part(title)


def describe(targets: list[Target], paragraph: Paragraph, year: int | None, five_year: bool = False) -> list[Target]:
    """Give each target of one paragraph its sentence, clause, nature and label; in a part that sets the
    plan's goals (`five_year`), every goal is a five-year goal."""
    text, out, at = paragraph.text, [], 0
    ends = sentence_ends(text)
    before: Target | None = None  # the figure before, in reading order
    subject = ""  # what the sentence's figures are of, until a figure names something else
    for t in targets:
        start = text.find(t.text, at)
        if start < 0:
            start = text.find(t.text)
        if start < 0:
            out.append(t)
            continue
        at = start + 1
        sentence, offset = sentence_around(text, start, start + len(t.text), ends)
        clause = (start - offset, start - offset + len(t.text))
        label = "" if t.kind == "list-item" else project_label(t) or designated(t) or plain_name(t.indicator)
        nature = nature_of(t, sentence, year)
        if five_year and not nature and t.kind in ("indicator", "commitment"):
            nature = "five-year-goal"
        if before and before.sentence == sentence:
            joined = sentence[before.clause[1] : clause[0]] in ("和", "、", "及")
            if label in words()["bare_heads"] and subject:
                label = subject + label  # 签约项目30个，总投资… : the investment of the signed projects
            if joined and before.nature == "stock" and not nature:
                nature = "stock"  # 做好全县9所养老机构和59所…中心运营: 全县 counts both
        described = replace(t, label=label, sentence=sentence, clause=clause, nature=nature)
        out.append(described)
        if t.kind != "list-item":
            if not before or before.sentence != sentence or t.indicator not in words()["bare_heads"]:
                subject = label
            before = described
    return out


def cross_reference(targets: list[Target]) -> list[Target]:
    """A figure inside a numbered list's item (送戏下乡200场 of the livelihood projects) is that item's,
    and the count that announces the list (办好10件民生实事) is the list's: each points to the item, so that
    one thing is counted once."""
    items = [t for t in targets if t.kind == "list-item"]
    out = []
    for t in targets:
        owner = None
        if t.kind != "list-item" and not t.duplicate_of:
            mine = [i for i in items if i.paragraph == t.paragraph]
            owner = next((i for i in mine if t.text in i.text), None)
            if owner is None and mine and t.value == len(mine) and not any(t.text in i.text for i in mine):
                owner = mine[0]
        out.append(replace(t, duplicate_of=owner.id) if owner else t)
    return out
