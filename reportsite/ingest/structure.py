"""Parsing pass: the report's cleaned lines -> parts, sections, paragraphs and their inner structure.

Work reports share a grammar: parts numbered 一、二、, sections （一）（二） either on their own line
or as the first sentence of a paragraph, enumerations 一是…二是… or 一要…二要…, short lead
sentences that head a run of text, and addresses to the deputies (各位代表) that close a passage.
IDs are not assigned here (see ids.py); every unit comes out with an empty id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..content.model import CN_DIGITS, Block, Paragraph, Part, Section
from .clean import HAN

CN_NUMERAL = f"[{CN_DIGITS}十]{{1,3}}"

_PART = re.compile(rf"^(?:第({CN_NUMERAL})部分|({CN_NUMERAL})、)\s*(.{{1,40}})$")
# Part headings written as bare lines, without a number: 2022年工作回顾, 今后五年的奋斗目标.
_BARE_PART = re.compile(
    rf"^(?:\d{{4}}年|过去[{CN_DIGITS}十]年|今后[{CN_DIGITS}十]年|新的一年|本届政府)[^，。；：]{{0,10}}?"
    r"(?:工作回顾|工作安排|工作任务|奋斗目标|目标任务|主要目标|总体要求|重点工作)$"
)
_CONTENTS = re.compile(r"^目\s*录$")
_SECTION = re.compile(rf"^[（(]({CN_NUMERAL})[）)]\s*(.+)$")
_ARABIC_SECTION = re.compile(r"^(\d{1,2})[.．、]\s*(?=[" + HAN + r"])(.+)$")
_ADDRESS = re.compile(r"^各位代表[，,！!：:；]")
_ITEM_MARK = re.compile(rf"({CN_NUMERAL})(是|要)")
_INLINE_ITEM = re.compile(rf"(?:^|(?<=[。；：！？]))({CN_NUMERAL})(是|要)")
_SENTENCE = re.compile(r"[^。！？]*[。！？]|[^。！？]+$")
_LEAD_MAX_HAN = 8
_ITEM_LEAD_MAX = 40


def cn_number(text: str) -> int:
    """一 -> 1, 十 -> 10, 十二 -> 12, 二十三 -> 23."""
    if "十" not in text:
        return CN_DIGITS.index(text) + 1 if len(text) == 1 else 0
    tens, _, ones = text.partition("十")
    return (CN_DIGITS.index(tens) + 1 if tens else 1) * 10 + (CN_DIGITS.index(ones) + 1 if ones else 0)


def han_count(text: str) -> int:
    return len(re.findall(f"[{HAN}]", text))


# ---- blocks inside a paragraph -------------------------------------------------------------


def split_sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.findall(text) if s]


def is_lead_sentence(sentence: str) -> bool:
    """A short, figure-free sentence that names the topic of the sentences after it (项目建设卓有成效。)."""
    body = sentence.rstrip("。")
    return (
        sentence.endswith("。")
        and 4 <= han_count(body) <= _LEAD_MAX_HAN
        and not re.search(r"[\d，、；：,]", body)
    )


def split_leads(text: str) -> list[Block]:
    """Split running text at its lead sentences; text with none stays one block."""
    sentences = split_sentences(text)
    blocks: list[Block] = []
    current_lead, current_text = "", ""
    for i, sentence in enumerate(sentences):
        if i + 1 < len(sentences) and is_lead_sentence(sentence):
            if current_lead or current_text:
                blocks.append(Block(current_text, lead=current_lead))
            current_lead, current_text = sentence, ""
        else:
            current_text += sentence
    blocks.append(Block(current_text, lead=current_lead))
    return blocks


def _item_block(marker: str, text: str) -> Block:
    first = split_sentences(text)[:1]
    if first and first[0].endswith("。") and len(first[0]) <= _ITEM_LEAD_MAX and len(first[0]) < len(text):
        return Block(text[len(first[0]) :], lead=first[0], marker=marker)
    return Block(text, marker=marker)


def find_enumeration(text: str) -> list[re.Match]:
    """The markers of an enumeration 一是…二是…, numbered from one without gaps; [] if there is none."""
    by_kind: dict[str, list[re.Match]] = {}
    for m in _INLINE_ITEM.finditer(text):
        by_kind.setdefault(m.group(2), []).append(m)
    for marks in by_kind.values():
        run: list[re.Match] = []
        for m in marks:
            if cn_number(m.group(1)) == len(run) + 1:
                run.append(m)
        if len(run) >= 2:
            return run
    return []


DASH = "——"


def split_blocks(text: str) -> tuple[Block, ...]:
    """A paragraph's text as blocks: lead sentences, enumeration items and dash headings
    (——发展动能更足。…) become structure."""
    if text.startswith(DASH) and len(text) > len(DASH):
        return (_item_block(DASH, text[len(DASH) :]),)
    marks = find_enumeration(text)
    if not marks:
        return tuple(split_leads(text))
    blocks = split_leads(text[: marks[0].start()]) if marks[0].start() else []
    items = [text[m.end() : nxt.start() if nxt else len(text)] for m, nxt in zip(marks, [*marks[1:], None])]
    if all(item.endswith("；") for item in items[:-1]):
        blocks += _clause_items(marks, items)
    else:
        blocks += [_item_block(m.group(0), item) for m, item in zip(marks, items)]
    return tuple(b for b in blocks if b.full)


def _clause_items(marks: list[re.Match], items: list[str]) -> list[Block]:
    """Items that are clauses of one sentence (一是…；二是…；三是…。): no item has a lead, and the
    sentence ends the list, so what follows it (对此，我们将…) belongs to the paragraph, not to the last item."""
    last = split_sentences(items[-1])[0]
    blocks = [Block(item, marker=m.group(0)) for m, item in zip(marks[:-1], items[:-1])]
    blocks.append(Block(last, marker=marks[-1].group(0)))
    return blocks + split_leads(items[-1][len(last) :])


def paragraph(text: str) -> Paragraph:
    return Paragraph("", split_blocks(text))


def mark_item_paragraphs(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Paragraphs that open with 一要/二要… in sequence become items with marker and lead."""
    starts = []
    for p in paragraphs:
        m = _ITEM_MARK.match(p.text)
        starts.append((cn_number(m.group(1)), m.group(2)) if m else None)
    out = []
    for i, p in enumerate(paragraphs):
        here = starts[i]
        prev = starts[i - 1] if i else None
        nxt = starts[i + 1] if i + 1 < len(starts) else None
        in_run = here and (
            (prev and prev[1] == here[1] and prev[0] == here[0] - 1)
            or (nxt and nxt[1] == here[1] and nxt[0] == here[0] + 1)
        )
        if not in_run:
            out.append(p)
            continue
        marker = _ITEM_MARK.match(p.text).group(0)
        rest = p.text[len(marker) :]
        first = split_sentences(rest)[0]
        lead = first if first.endswith("。") and len(first) <= _ITEM_LEAD_MAX and len(first) < len(rest) else ""
        tail_blocks = list(split_blocks(rest[len(lead) :]))
        text = ""
        if tail_blocks and not tail_blocks[0].lead and not tail_blocks[0].marker:
            text = tail_blocks.pop(0).text
        blocks = [Block(text, lead=lead, marker=marker)]
        out.append(replace(p, blocks=tuple(blocks + tail_blocks)))
    return out


# ---- parts and sections --------------------------------------------------------------------


@dataclass
class _SectionDraft:
    number: int
    title: str
    heading_style: str
    texts: list[str] = field(default_factory=list)


@dataclass
class _PartDraft:
    number: int
    title: str
    intro: list[str] = field(default_factory=list)
    sections: list[_SectionDraft] = field(default_factory=list)
    outro: list[str] = field(default_factory=list)
    closed: bool = False  # an address to the deputies ended the sections


def _heading_title(text: str) -> str:
    return text.strip().rstrip("。：:")


def _section_heading(line: str, expected: int) -> tuple[str, str, str] | None:
    """(title, style, body) if `line` opens section number `expected`, else None."""
    m = _SECTION.match(line) or _ARABIC_SECTION.match(line)
    if not m:
        return None
    number = int(m.group(1)) if m.group(1).isdigit() else cn_number(m.group(1))
    if number != expected:
        return None
    rest = m.group(2)
    first = split_sentences(rest)[0]
    if len(first) < len(rest) and first.endswith("。"):
        return _heading_title(first), "inline", rest[len(first) :]
    if len(rest) > 80:
        return None  # prose that happens to open with a number
    return _heading_title(rest), "line", ""


def _part_number(line: str) -> tuple[int, str] | None:
    """(number, title) of a numbered part heading (一、…, 第一部分…)."""
    m = _PART.match(line)
    if m and not line.endswith("。"):
        return cn_number(m.group(1) or m.group(2)), _heading_title(m.group(3))
    return None


def drop_table_of_contents(lines: list[str]) -> list[str]:
    """Leave out a table of contents printed at the top (目录, then 一、…二、… with （一）…), which
    repeats the part headings before the body does: the run of heading lines from the first 一、,
    when another 一、 follows."""
    firsts = [i for i, line in enumerate(lines) if (n := _part_number(line)) and n[0] == 1]
    if len(firsts) < 2:
        return lines
    start = end = firsts[0]
    while end < firsts[1] and (_part_number(lines[end]) or (_SECTION.match(lines[end]) and len(lines[end]) <= 40)):
        end += 1
    if end - start < 2:
        return lines
    if start and _CONTENTS.match(lines[start - 1]):
        start -= 1
    return lines[:start] + lines[end:]


def _part_heading(line: str, expected: int, bare: bool) -> str | None:
    """The title if `line` opens part number `expected` (numbered, or bare when the report has no numbers)."""
    if bare:
        return _heading_title(line) if _BARE_PART.match(line) else None
    found = _part_number(line)
    return found[1] if found and found[0] == expected else None


def parse_structure(lines: list[str]) -> tuple[list[Paragraph], list[Part], list[Paragraph]]:
    """Group body lines into (opening paragraphs, parts, closing paragraphs)."""
    opening: list[str] = []
    parts: list[_PartDraft] = []
    bare = not any((n := _part_number(line)) and n[0] == 1 for line in lines)
    for line in lines:
        title = _part_heading(line, len(parts) + 1, bare)
        if title is not None:
            parts.append(_PartDraft(len(parts) + 1, title))
            continue
        if not parts:
            opening.append(line)
            continue
        part = parts[-1]
        heading = None if part.closed else _section_heading(line, len(part.sections) + 1)
        if heading:
            title, style, body = heading
            part.sections.append(_SectionDraft(len(part.sections) + 1, title, style, [body] if body else []))
        elif _ADDRESS.match(line) and part.sections:
            part.closed = True
            part.outro.append(line)
        elif part.closed:
            part.outro.append(line)
        elif part.sections:
            part.sections[-1].texts.append(line)
        else:
            part.intro.append(line)
    closing: list[str] = []
    if parts and parts[-1].outro:
        closing, parts[-1].outro = parts[-1].outro, []
    return _paragraphs(opening), [_build_part(p) for p in parts], _paragraphs(closing)


def _paragraphs(texts: list[str]) -> list[Paragraph]:
    return mark_item_paragraphs([paragraph(t) for t in texts])


def _build_part(draft: _PartDraft) -> Part:
    sections = tuple(
        Section("", s.number, s.title, tuple(_paragraphs(s.texts)), s.heading_style) for s in draft.sections
    )
    return Part("", draft.number, draft.title, tuple(_paragraphs(draft.intro)), sections, tuple(_paragraphs(draft.outro)))
