"""Parsing pass: the report's cleaned lines -> parts, sections, paragraphs and their inner structure.

Work reports share a grammar: parts numbered 一、二、, sections （一）（二） either on their own line
or as the first sentence of a paragraph, enumerations 一是…二是… or 一要…二要…, short lead
sentences that head a run of text, and addresses to the deputies (各位代表) that close a passage.
IDs are not assigned here (see ids.py); every unit comes out with an empty id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..content.model import Block, Paragraph, Part, Section
# CN_NUMERAL, cn_number and split_sentences are imported from here by targets.py and the tests too.
from .headings import CN_NUMERAL, SECTION, Grammar, choose_grammar, cn_number, han_count, split_sentences

_ADDRESS = re.compile(r"^各位(?:代表|委员)[，,！!：:；、]")
_CLOSING_REACH = 3  # a last part without sections ends with its closing address among its last paragraphs
_ITEM_MARK = re.compile(rf"({CN_NUMERAL})(是|要)")
_INLINE_ITEM = re.compile(rf"(?:^|(?<=[。；：！？]))({CN_NUMERAL})(是|要)")
_LEAD_MAX_HAN = 8
_ITEM_LEAD_MAX = 40


# ---- blocks inside a paragraph -------------------------------------------------------------


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
    numeral: int = 0  # the number the last section heading printed (a list may start again at 一)
    bracketed: bool = False  # the sections are headed （一）, not 1.


def parse_structure(lines: list[str], grammar: Grammar | None = None) -> tuple[list[Paragraph], list[Part], list[Paragraph]]:
    """Group body lines into (opening paragraphs, parts, closing paragraphs)."""
    opening: list[str] = []
    parts: list[_PartDraft] = []
    grammar = grammar or choose_grammar(lines)
    for line in lines:
        title = grammar.part(line, len(parts) + 1)
        if title is not None:
            parts.append(_PartDraft(len(parts) + 1, title))
            continue
        if not parts:
            opening.append(line)
            continue
        part = parts[-1]
        heading = _next_section(grammar, line, part)
        if heading:
            if part.closed:
                # An address inside the part (各位代表，建设良好的生态环境…) did not end its sections.
                part.sections[-1].texts += part.outro
                part.outro, part.closed = [], False
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
    elif parts and not parts[-1].sections:
        closing, parts[-1].intro = closing_address(parts[-1].intro)
    return _paragraphs(opening), [_build_part(p) for p in parts], _paragraphs(closing)


def _next_section(grammar: Grammar, line: str, part: _PartDraft) -> tuple[str, str, str] | None:
    """The heading of the part's next section: numbered on from the last, or a list of bracketed
    headings that starts again at （一） (两项行动（一）（二）, then 五条赛道（一）…), whose sections carry
    on the numbering. A `1.` list inside a section is its text."""
    restart = bool(part.sections) and part.bracketed and SECTION.match(line) is not None
    for numeral in (part.numeral + 1, 1) if restart else (part.numeral + 1,):
        if heading := grammar.section(line, numeral):
            part.numeral = numeral
            part.bracketed = part.bracketed or (not part.sections and SECTION.match(line) is not None)
            return heading
    return None


def closing_address(intro: list[str]) -> tuple[list[str], list[str]]:
    """(closing, rest of the intro): a part without sections (加强政府自身建设) closes the report with an
    address to the deputies among its last paragraphs."""
    start = len(intro) - _CLOSING_REACH
    at = next((i for i in range(len(intro) - 1, max(start, 0) - 1, -1) if _ADDRESS.match(intro[i])), None)
    if at is None or at == 0:
        return [], intro
    return intro[at:], intro[:at]


def _paragraphs(texts: list[str]) -> list[Paragraph]:
    return split_item_paragraphs(mark_item_paragraphs([paragraph(t) for t in texts]))


def split_item_paragraphs(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """One rule for enumerations, however the source broke its lines: an item that opens with a lead
    sentence (一要把握虚与实的关系。…) is a paragraph of its own, as when each stood on its own line,
    so that each can be linked and cited; items that are clauses of one sentence (一是…；二是…) stay
    in their paragraph. Text before the first item stays a paragraph; text after an item stays with it."""
    out = []
    for p in paragraphs:
        starts = [i for i, b in enumerate(p.blocks) if b.marker and b.lead]
        if len(starts) < 2:
            out.append(p)
            continue
        bounds = ([0] if starts[0] else []) + starts + [len(p.blocks)]
        out += [replace(p, blocks=p.blocks[a:b]) for a, b in zip(bounds, bounds[1:])]
    return out


def _build_part(draft: _PartDraft) -> Part:
    sections = tuple(
        Section("", s.number, s.title, tuple(_paragraphs(s.texts)), s.heading_style) for s in draft.sections
    )
    return Part("", draft.number, draft.title, tuple(_paragraphs(draft.intro)), sections, tuple(_paragraphs(draft.outro)))
