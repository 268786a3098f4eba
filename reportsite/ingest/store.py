"""Writing pass: a Report -> the YAML files under content/reports/<id>/ that editors change.

Layout: report.yaml (metadata, opening and closing paragraphs, retired IDs), parts/partN.yaml (one
file per part, so an editor finds a section quickly), targets.yaml, corrections.yaml (reviewed
fixes, written by people) and provenance.yaml (what the import did; regenerated on re-import).
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, fields
from pathlib import Path

from ..model import Meta, Paragraph, Part, Report, Section, Target
from ..errors import ImportProblem
from ..swap import SpecialFile, write_files_at_once
from ..yamlio import dump_yaml

GENERATED_HEADER = "# Written by `python build.py import`; edit freely, IDs must stay as they are.\n"


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


# Written only when set, so that reports without them keep their files as they were.
_OPTIONAL_META = {"province": "", "digest": False}


def meta_data(meta: Meta) -> dict:
    data = {f.name: getattr(meta, f.name) for f in fields(meta)}
    return {k: v for k, v in data.items() if k not in _OPTIONAL_META or v != _OPTIONAL_META[k]}


def report_data(report: Report) -> dict:
    return {
        "id": report.id,
        **meta_data(report.meta),
        "parts": [part_filename(p) for p in report.parts],
        "opening": [paragraph_data(p) for p in report.opening],
        "closing": [paragraph_data(p) for p in report.closing],
        "retired": dict(report.retired),
    }


_TARGET_DEFAULTS = {f.name: f.default for f in fields(Target) if f.name not in ("id", "kind", "paragraph", "text")}


def target_data(t: Target) -> dict:
    data = {"id": t.id, "kind": t.kind, "paragraph": t.paragraph, "text": t.text}
    for name, default in _TARGET_DEFAULTS.items():
        value = getattr(t, name)
        if name == "source":
            continue
        if name == "status" or value != default:
            data[name] = [asdict(e) for e in value] if name == "evidence" else value
    return data


def targets_data(report: Report) -> dict:
    return {
        "targets": [target_data(t) for t in report.targets],
        "lists": [{"id": l.id, "title": l.title, "paragraph": l.paragraph, "items": list(l.items)} for l in report.lists],
    }


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


def report_files(report: Report, provenance: dict) -> dict[str, str]:
    """Every generated file of the report, relative path -> YAML text."""
    files = {"report.yaml": GENERATED_HEADER + dump_yaml(report_data(report))}
    for part in report.parts:
        files[f"parts/{part_filename(part)}"] = GENERATED_HEADER + dump_yaml(part_data(part))
    files["targets.yaml"] = GENERATED_HEADER + dump_yaml(targets_data(report))
    files["provenance.yaml"] = "# Written by the import: how the text was restored. Not meant to be edited.\n" + dump_yaml(provenance)
    return files


def write_report(folder: Path, files: dict[str, str]) -> None:
    """All the report's files or none: a full disk or a crash leaves the previous ones whole."""
    try:
        write_files_at_once(folder, files)
    except SpecialFile as e:
        raise ImportProblem(f"{e}: cannot copy it with the report folder (it is a pipe, socket, device or a symlinked "
                            "folder); nothing was written (move it out of the report folder and import again)") from e
    except OSError as e:  # a full disk: the swap never happened
        raise ImportProblem(f"cannot write {folder}/: {e.strerror or e}; nothing was changed, its files are as they were") from e
