"""Extraction pass: the figures a report sets and reports -> targets linked to their paragraphs.

Each kind of figure has its own small pattern: headline results (…完成78.9亿元，同比增长9.3%),
headline goals (主要预期目标是：…增长8%左右), any other quantity with a unit (新建5G基站132座),
and announced numbered lists (办好10件民生实事：一是…十是…).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..content.model import NumberedList, Paragraph, Report, Target
from ..content.vocabulary import load_vocabulary
from .headline import NUMBER, QUALIFIER, UNIT, headline_goals, headline_results, signed_growth, to_number
from .labels import describe, is_five_year_part
from .structure import CN_NUMERAL, cn_number

_QUANTITY = re.compile(
    rf"(?<![\dA-Za-z.·×+\-])(?P<growth>增长|提高|下降|减少)?(?P<num>{NUMBER})(?P<unit>{UNIT})(?P<q>{QUALIFIER})?"
)
_CLAUSE = re.compile(r"[^，。；：！？]+")
_LIST_ANNOUNCE = re.compile(rf"(\d+|{CN_NUMERAL})(件|项|个|条|大)([^，。；：]{{2,16}})：$")
_QUOTES = "“”‘’\"'「」『』《》"
_TRAILING_VERB = re.compile(r"(达到|稳定在|控制在|保持在|超过|突破|完成|实现|新增|为|至|在)$")
# Verbs of effort and scope words that say how hard or where, not what is counted.
_EFFORT = re.compile(
    r"^(?:我们将|我们要|全力|加快推进|加快|推进|推动|确保|力争|做好|办好|抓好|实施|新培育|培育|争取|规划建设|改造提升|全年|全县|全市|全区"
    r"|为[^，。；、]{1,10}?争取)+"
)
_EFFORT_TAIL = re.compile(r"(?<=[^\s])(?:建设$|等(?:一批|一期|重点|项目|工程|企业).*$)")


def plain_label(label: str) -> str:
    """'我们将全力办好民生实事' -> '民生实事': a label names what is counted, without the effort."""
    stripped = _EFFORT_TAIL.sub("", _EFFORT.sub("", label.strip()))
    return stripped if len(stripped) >= 2 else label.strip()


def inherit_noun(label: str, first: str) -> str:
    """An elliptical item of a list takes its noun from the first item: '市级' after
    '省级企业技术中心' is '市级企业技术中心'; '总产' after '粮食面积' is '粮食总产'."""
    if not first or len(label) > 3 or len(first) <= len(label) or first.startswith(label) or first.endswith(label):
        return label
    if label.endswith(("级", "类", "型")) and first[len(label) - 1] == label[-1]:
        return label + first[len(label) :]
    return first[: -len(label)] + label


def quantities(paragraph: Paragraph, kind: str, year: int | None) -> list[Target]:
    """Every figure with a unit in the paragraph, with the clause it counts."""
    out = []
    for block in paragraph.blocks:  # markers (一是) are numbering, not part of what is counted
        for clause_match in _CLAUSE.finditer(block.lead + block.text):
            clause = clause_match.group(0)
            pieces = list_pieces(clause)
            tail = shared_tail(pieces)
            first = ""
            for piece in pieces:
                text_ends = len(piece.rstrip())
                for m in _QUANTITY.finditer(piece):
                    target = _quantity_target(paragraph.id, piece, m, kind, year)
                    if tail and m.end() >= text_ends:
                        target = replace(target, indicator=target.indicator + tail)
                    target = replace(target, indicator=inherit_noun(target.indicator, first))
                    first = first or target.indicator
                    out.append(target)
    return out


def list_pieces(clause: str) -> list[str]:
    """The items of a clause that lists several figures, each with its own; with one figure, the item it
    starts ('…城市会客厅及3条市政道路等' -> '3条市政道路等', '21所义务教育学校校舍提升改造、山冲学校…' -> its
    first item), since a figure before its noun counts that noun only."""
    if len(_QUANTITY.findall(clause)) > 1:
        return re.split(r"[、和及]", clause)
    pieces = re.split(r"[、及]", clause)
    lead = [p for p in pieces if _QUANTITY.match(p)]
    return lead if len(lead) == 1 and len(pieces) > 1 else [clause]


def shared_tail(pieces: list[str]) -> str:
    """'涧东村至磨里村2.5公里、陈村至一级路口3公里通道绿化': the last item's noun after its figure
    (通道绿化) is what every item whose figure ends it counts."""
    if len(pieces) < 2 or not (last := list(_QUANTITY.finditer(pieces[-1]))):
        return ""
    after = pieces[-1][last[-1].end() :].strip()
    return after if re.fullmatch(r"[\u4e00-\u9fff]{2,8}", after) and not _QUANTITY.search(after) else ""


# How far a figure's clause reaches on either side of it. A clause of a report is shorter (91 characters
# at most in the example archive); a run of figures with no punctuation between them is not, and each of
# its figures would take in, and be described by reading again, the whole run.
_REACH = 200


def _quantity_target(paragraph_id: str, piece: str, m: re.Match, kind: str, year: int | None) -> Target:
    start = max(0, m.start() - _REACH)
    piece, at, end = piece[start : m.end() + _REACH], m.start() - start, m.end() - start
    before, after = piece[:at].strip(), piece[end:].strip()
    # '网办率达到90%': the verb before a closing figure is not part of what is counted.
    counted = (before + after) if after else (_TRAILING_VERB.sub("", before) or before)
    is_growth = bool(m.group("growth")) and m.group("unit") == "%"
    return Target(
        "", kind, paragraph_id, piece.strip(),
        indicator=plain_label(counted),
        value=None if is_growth else to_number(m.group("num")),
        unit="" if is_growth else m.group("unit"),
        growth=signed_growth(m.group("growth"), m.group("num")) if is_growth else None,
        qualifier=m.group("q") or "",
        year=year,
    )


def list_title(announce: re.Match) -> str:
    """'办好10件民生实事：' names its list 民生实事; '发挥“三大优势”：' names it 三大优势, the count and
    its noun together as the report quotes them (优势 alone says less), without the quotation marks."""
    count, measure, noun = announce.groups()
    noun = noun.strip().strip(_QUOTES)
    return f"{count}{measure}{noun}" if measure == "大" else noun


def numbered_lists(paragraph: Paragraph, year: int | None) -> tuple[list[NumberedList], list[Target]]:
    """An announced list ('办好10件民生实事：一是…十是…') whose items match the announced count."""
    blocks = paragraph.blocks
    items = [b for b in blocks if b.marker]
    if not items or not blocks[0].full or blocks[0].marker:
        return [], []
    m = _LIST_ANNOUNCE.search(blocks[0].full)
    if not m:
        return [], []
    count = int(m.group(1)) if m.group(1).isdigit() else cn_number(m.group(1))
    if count != len(items):
        return [], []
    title = list_title(m)
    entries = [
        Target("", "list-item", paragraph.id, b.lead + b.text, indicator=(b.lead + b.text).rstrip("。；"), number=i, year=year)
        for i, b in enumerate(items, start=1)
    ]
    return [NumberedList("", title, paragraph.id, ())], entries


def is_review_part(title: str, review_year: int | None) -> bool:
    return load_vocabulary().is_review_part(title, review_year)


@dataclass(frozen=True)
class Extraction:
    """Targets without ids, in reading order, and each list with the positions of its items."""

    targets: list[Target]
    lists: list[tuple[NumberedList, list[int]]]


def extract_targets(report: Report) -> Extraction:
    """All targets of a report whose paragraphs already have ids."""
    year = report.meta.year
    review_year = year - 1 if year else None
    targets: list[Target] = []
    lists: list[tuple[NumberedList, list[int]]] = []
    for part in report.parts:
        # A digest made of one body has no review part, whatever its headline says; a news rewrite that keeps
        # the report's parts has one.
        review = is_review_part(part.title, review_year) and not (report.meta.digest and len(report.parts) == 1)
        five_year = not review and is_five_year_part(part.title)
        for p in part.paragraphs:
            headline = headline_results(p, review_year) if review else headline_goals(p, year)
            if report.meta.digest and not headline:
                headline = headline_results(p, review_year)  # a digest quotes last year's results anywhere
            if headline:
                targets.extend(describe(headline, p, year, five_year))
                continue
            # A list in the review ('三大攻坚战取得决定性成就：一是…') reports results, not commitments.
            new_lists, entries = ([], []) if review else numbered_lists(p, year)
            for lst in new_lists:
                lists.append((lst, list(range(len(targets), len(targets) + len(entries)))))
            found = quantities(p, "result" if review else "commitment", review_year if review else year)
            targets.extend(describe(entries + found, p, year, five_year))
    return Extraction(targets, lists)
