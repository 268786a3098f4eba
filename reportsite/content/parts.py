"""parts/partN.yaml, read and written: a part, its sections and their paragraphs (the paragraph
readers serve report.yaml's opening and closing, and the translations' blocks, too)."""

from __future__ import annotations

from pathlib import Path

from ..errors import ContentError
from .model import Block, Paragraph, Part, Section, Source
from .reader import Reader, describe
from .yamlio import LineDict, LineList, load_yaml


def _paragraph(r: Reader, node, field: str) -> Paragraph | None:
    node = r.mapping(node, field)
    if node is None:
        return None
    pid = r.ident(node, "id", field + ".")
    source = Source(r.path, node.line)
    if "blocks" in node:
        blocks = read_blocks(r, node, field)
        if not blocks:
            r.error(node, "blocks", field + ".blocks", "empty", "give at least one block with text")
        return Paragraph(pid, blocks, source)
    text = r.text(node, "text", field + ".")
    if "text" in node and not text.strip():
        r.error(node, "text", field + ".text", "empty", "delete the paragraph and list its ID under `retired:` in report.yaml instead")
    return Paragraph(pid, (Block(text),), source)


def read_blocks(r: Reader, node: LineDict, field: str) -> tuple[Block, ...]:
    """The `blocks:` of a paragraph, Chinese or translated: each with text, lead and marker."""
    blocks = []
    for i, b in enumerate(r.items(node, "blocks", field + ".")):
        b = r.mapping(b, f"{field}.blocks[{i}]")
        if b is not None:
            f = f"{field}.blocks[{i}]."
            blocks.append(Block(r.text(b, "text", f, required=False), r.text(b, "lead", f, required=False), r.text(b, "marker", f, required=False)))
    return tuple(blocks)


def read_paragraphs(r: Reader, node: LineDict, key: str, field: str) -> tuple[Paragraph, ...]:
    out = []
    for i, item in enumerate(r.items(node, key, field, required=False)):
        p = _paragraph(r, item, f"{field}{key}[{i}]")
        if p:
            out.append(p)
    return tuple(out)


def _part(r: Reader, node) -> Part | None:
    node = r.mapping(node, "")
    if node is None:
        return None
    sections = []
    for i, s in enumerate(r.items(node, "sections", "")):
        s = r.mapping(s, f"sections[{i}]")
        if s is None:
            continue
        f = f"sections[{i}]."
        style = r.text(s, "heading_style", f, required=False, default="line")
        if style not in ("line", "inline"):
            r.error(s, "heading_style", f + "heading_style", f"unknown style {style!r}", "use line or inline")
        sections.append(
            Section(r.ident(s, "id", f), r.ordinal(s, "number", f, i + 1), r.line(s, "title", f),
                    read_paragraphs(r, s, "paragraphs", f), style, Source(r.path, s.line))
        )
    return Part(
        r.ident(node, "id", ""), r.ordinal(node, "number", "", 1), r.line(node, "title", ""),
        read_paragraphs(r, node, "intro", ""), tuple(sections), read_paragraphs(r, node, "outro", ""), Source(r.path, node.line),
    )


def load_parts(r: Reader, node: LineDict, folder: Path, display: str) -> tuple[list[Part], list[ContentError], bool]:
    """The parts listed under `parts:`, their problems, and whether every one of them could be read."""
    listed = node.get("parts")
    if not isinstance(listed, LineList) or not listed:
        r.error(*_parts_problem(node))
        return [], [], False
    parts, errors, complete = [], [], True
    for i, name in enumerate(listed):
        part_path = folder / "parts" / str(name)
        shown = f"{display}/parts/{name}"
        if not (_plain_name(name) and _inside(part_path, folder) and part_path.is_file()):
            errors.append(ContentError(r.path, listed.line_of(i), f"parts[{i}]", f"no part file {name!r}", "list files that exist under parts/"))
            complete = False
            continue
        pdata, errs = load_yaml(part_path, shown)
        errors += errs
        if pdata is None:
            errors += [] if errs else [ContentError(shown, 0, "", "empty file", "restore the part, or remove it from `parts:` in report.yaml")]
            complete = False
            continue
        pr = Reader(shown)
        part = _part(pr, pdata)
        errors += pr.errors
        complete = complete and part is not None and not pr.bad_ids
        if part:
            parts.append(part)
    return parts, errors, complete


def _parts_problem(node: LineDict) -> tuple:
    """Why `parts:` lists no part files, as arguments of Reader.error."""
    hint = "list the part files under parts/, e.g. `- part1.yaml`"
    if "parts" in node:
        return node, "parts", "parts", f"expected a list of part files, got {describe(node['parts'])}", hint
    similar = [k for k in node if isinstance(k, str) and k.lower().startswith("part")]
    if similar:
        return node, similar[0], "parts", f"missing; found {similar[0]!r}", "spell it `parts:`"
    return node, None, "parts", "missing", hint


def _plain_name(name) -> bool:
    """A file name directly under parts/, as the site publishes it (no folders, no hidden files)."""
    return isinstance(name, str) and bool(name) and "/" not in name and "\\" not in name and not name.startswith(".")


def _inside(path: Path, folder: Path) -> bool:
    """Whether `path`, symlinks followed, stays inside `folder`: content never reads beyond its report."""
    return path.resolve().is_relative_to(folder.resolve())


def paragraph_data(p: Paragraph) -> dict:
    if len(p.blocks) == 1 and not p.blocks[0].lead and not p.blocks[0].marker:
        return {"id": p.id, "text": p.blocks[0].text}
    blocks = []
    for b in p.blocks:
        block = {}
        if b.marker:
            block["marker"] = b.marker
        if b.lead:
            block["lead"] = b.lead
        block["text"] = b.text
        blocks.append(block)
    return {"id": p.id, "blocks": blocks}


def section_data(s: Section) -> dict:
    data = {"id": s.id, "number": s.number, "title": s.title}
    if s.heading_style != "line":
        data["heading_style"] = s.heading_style
    data["paragraphs"] = [paragraph_data(p) for p in s.paragraphs]
    return data


def part_data(part: Part) -> dict:
    return {
        "id": part.id,
        "number": part.number,
        "title": part.title,
        "intro": [paragraph_data(p) for p in part.intro],
        "sections": [section_data(s) for s in part.sections],
        "outro": [paragraph_data(p) for p in part.outro],
    }


def part_filename(part: Part) -> str:
    return f"part{part.number}.yaml"
