"""report.yaml, read and written, and a whole report folder: loaded (the part files, targets,
corrections and provenance with it), checked, and kept in the private cache; or written as the
import makes it. Every problem is found at once."""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import sys
from dataclasses import fields
from functools import lru_cache
from pathlib import Path

import yaml

from ..cache import cache_key, code_digest, keep, private_cache_folder, read_cached
from ..errors import ContentError, ImportProblem, shown
from ..swap import SpecialFile, write_files_at_once
from .archive import same_place_and_year
from .checks import check_references
from .model import REPORT_ID_PATTERN, Appendix, Block, Evidence, Meta, Note, NumberedList, Paragraph, Part, Repair, Report, Section, Source, Target
from .parts import load_parts, paragraph_data, part_data, part_filename, read_paragraphs
from .provenance import load_repairs
from .reader import HTTP_URL, ID, SITE_NAMES, Reader
from .targets import load_targets, targets_data
from .yamlio import MAX_FILE_BYTES, LineDict, dump_yaml, load_yaml

_REPORT_ID = re.compile(REPORT_ID_PATTERN)
GENERATED_HEADER = "# Written by `python build.py import`; edit freely, IDs must stay as they are.\n"


def load_report(folder: Path, display: str) -> tuple[Report | None, list[ContentError]]:
    """Read and validate one report folder; returns (report or None, all problems found).

    When a part or the targets cannot be read, or an ID is malformed, the report is incomplete: every reference into the
    missing text would be reported as broken, burying the cause, so the report comes back as None
    with the cause alone and nothing downstream (translation, published IDs) is checked.
    """
    data, errors = load_yaml(folder / "report.yaml", f"{display}/report.yaml")
    if data is None:
        return None, errors or [ContentError(f"{display}/report.yaml", 0, "", "empty file")]
    r = Reader(f"{display}/report.yaml")
    node = r.mapping(data, "")
    if node is None:
        return None, errors + r.errors
    report_id = r.text(node, "id", "")
    if report_id and (not _REPORT_ID.fullmatch(report_id) or report_id != folder.name):
        r.error(node, "id", "id", f"{report_id!r} must be the folder name {folder.name!r}, in lower-case letters, digits and hyphens")
    elif report_id in SITE_NAMES:
        r.error(node, "id", "id", f"{report_id!r} is the name of a page of the site", "rename the folder and the id")
    retired = _retired(r, node)
    meta = _meta(r, node)
    opening, closing = read_paragraphs(r, node, "opening", ""), read_paragraphs(r, node, "closing", "")
    parts, part_errors, parts_complete = load_parts(r, node, folder, display)
    targets, lists, target_errors, targets_complete = load_targets(folder, display)
    errors += r.errors + part_errors + target_errors
    if not (parts_complete and targets_complete) or r.bad_ids:
        return None, errors
    repairs, repair_errors = load_repairs(folder, display)
    report = Report(report_id, meta, opening, tuple(parts), closing, tuple(targets), tuple(lists), retired, repairs,
                    notes=_notes(r, node), appendices=_appendices(r, node))
    return report, errors + repair_errors + check_references(report, display)


# What load_report reads from a report folder, besides the files under parts/.
_REPORT_FILES = ("report.yaml", "targets.yaml", "corrections.yaml", "provenance.yaml")


def load_report_kept(folder: Path, display: str) -> tuple[Report | None, list[ContentError]]:
    """load_report, or what it returned for exactly these files before, from the private cache.

    Parsing and checking the YAML is most of loading a report; the cached result is kept under the
    digest of every file it reads and of the code that reads them, so an edit, a new version of
    this code or of PyYAML loads afresh. Only a report that loaded is kept, and only from plain files:
    a symlink is left to load_report, which checks where it leads before reading it.
    """
    inputs = _plain_inputs(folder)
    cache = private_cache_folder("reports") if inputs is not None else None
    if cache is None:
        return load_report(folder, display)
    key = cache_key(display, _loader_digest(), inputs) + ".json"
    kept = read_cached(cache, key)
    if kept is not None:
        try:
            report, errors = json.loads(kept, object_hook=_from_plain)
            if isinstance(report, Report) and all(isinstance(e, ContentError) for e in errors):
                return report, list(errors)
        except (ValueError, TypeError, KeyError):  # not what this code keeps: loaded again and kept anew
            pass
    report, errors = load_report(folder, display)
    if report is not None:
        keep(cache, key, json.dumps(_plain((report, errors)), ensure_ascii=False, separators=(",", ":")).encode())
    return report, errors


# What a kept report is made of. It is kept as JSON, which runs no code when it is read: a dataclass
# is {"@": its name, "v": its fields in order}, a mapping {"=": …}, a tuple or list a JSON list.
_KEPT_TYPES = {cls.__name__: cls for cls in (Report, Meta, Part, Section, Paragraph, Block, Source, Target, Evidence,
                                              NumberedList, Repair, Note, Appendix, ContentError)}
_FIELDS = {cls: tuple(f.name for f in fields(cls)) for cls in _KEPT_TYPES.values()}


def _plain(value):
    """`value` as JSON data (see _KEPT_TYPES)."""
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {"=": {k: _plain(v) for k, v in value.items()}}
    if _KEPT_TYPES.get(type(value).__name__) is type(value):
        return {"@": type(value).__name__, "v": [_plain(getattr(value, f.name)) for f in fields(value)]}
    if value is None or type(value) in (str, int, float, bool):
        return value
    raise TypeError(f"cannot keep {type(value).__name__}")


def _from_plain(data: dict):
    """What _plain made a JSON object from (json.loads calls it for each, innermost first). The
    model's lists (of units, of target ids) hold no lists: one level comes back as tuples."""
    if "@" in data:
        cls = _KEPT_TYPES[data["@"]]
        unit = object.__new__(cls)  # as pickle makes it: frozen dataclasses' __init__ sets each field the slow way
        unit.__dict__.update(zip(_FIELDS[cls], [tuple(v) if type(v) is list else v for v in data["v"]], strict=True))
        return unit
    return data["="] if "=" in data else data  # a mapping, and then its wrapper


def _plain_inputs(folder: Path) -> list[tuple[str, str]] | None:
    """(name, digest) of every file load_report may read in `folder`, or None if one is not a plain file."""
    parts = folder / "parts"
    if parts.is_symlink():  # its files would be read through it: load_report judges where it leads
        return None
    names = list(_REPORT_FILES) + (sorted(f"parts/{p.name}" for p in parts.iterdir()) if parts.is_dir() else [])
    inputs = []
    for name in names:
        path = folder / name
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            inputs.append((name, ""))
            continue
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
            return None
        inputs.append((name, hashlib.sha256(path.read_bytes()).hexdigest()))
    return inputs


@lru_cache(maxsize=1)
def _loader_digest() -> str:
    """The code that loads a report (this module, the readers of its files, the model, the YAML
    reader) and the Python and PyYAML running it."""
    from .. import errors
    from . import checks, model, parts, provenance, reader, targets, yamlio

    modules = (sys.modules[__name__], errors, checks, model, parts, provenance, reader, targets, yamlio)
    return cache_key(sys.version, yaml.__version__, *(code_digest(m.__file__) for m in modules))


def _retired(r: Reader, node: LineDict) -> dict[str, str]:
    retired = node.get("retired") or {}
    if not isinstance(retired, dict):
        r.error(node, "retired", "retired", "expected a mapping of old ID: new ID")
        return {}
    valid = {}
    for old, new in retired.items():
        if isinstance(old, str) and ID.fullmatch(old) and isinstance(new, str) and ID.fullmatch(new):
            valid[old] = new
        else:
            r.error(retired, old, f"retired.{old}", f"{old!r}: {new!r} is not a pair of valid IDs", "write `old-id: new-id` in lower-case letters, digits and hyphens")
    return valid


def _meta(r: Reader, node: LineDict) -> Meta:
    source_url = r.line(node, "source_url", "", required=False)
    if source_url and not HTTP_URL.fullmatch(source_url):
        r.error(node, "source_url", "source_url", f"{source_url[:40]!r} is not an http(s) URL", "write the full https://… address")
        source_url = ""
    return Meta(
        title=r.line(node, "title", ""), place=r.line(node, "place", "", required=False),
        year=r.number(node, "year", "", integer=True) or 0, heading=r.line(node, "heading", "", required=False),
        published=r.line(node, "published", "", required=False), source=r.line(node, "source", "", required=False),
        source_url=source_url, occasion=r.line(node, "occasion", "", required=False),
        delivered=r.line(node, "delivered", "", required=False), speaker=r.line(node, "speaker", "", required=False),
        salutation=r.line(node, "salutation", "", required=False),
        language=r.line(node, "language", "", required=False, default="zh-Hans"),
        province=r.line(node, "province", "", required=False), digest=node.get("digest") is True,
        prefecture=r.line(node, "prefecture", "", required=False), named=r.line(node, "named", "", required=False),
        level=r.line(node, "level", "", required=False), office=r.line(node, "office", "", required=False),
        kind=r.line(node, "kind", "", required=False, default="report"),
    )


def _entries(r: Reader, node: LineDict, key: str, make) -> tuple:
    """The mappings listed under `key` (notes:, appendices:), each made into a unit by make(item, field prefix)."""
    out = []
    for i, item in enumerate(r.items(node, key, "", required=False)):
        item = r.mapping(item, f"{key}[{i}]")
        if item is not None:
            out.append(make(item, f"{key}[{i}]."))
    return tuple(out)


def _notes(r: Reader, node: LineDict) -> tuple[Note, ...]:
    """The glossary's entries under `notes:` (id, mark, text), linked from their markers in the text."""
    return _entries(r, node, "notes", lambda item, f: Note(
        r.ident(item, "id", f), r.line(item, "mark", f), r.text(item, "text", f), Source(r.path, item.line)))


def _appendices(r: Reader, node: LineDict) -> tuple[Appendix, ...]:
    """The lists printed after the report under `appendices:` (id, title, items)."""
    return _entries(r, node, "appendices", lambda item, f: Appendix(
        r.ident(item, "id", f), r.line(item, "title", f), tuple(str(x) for x in r.items(item, "items", f, required=False)),
        Source(r.path, item.line)))


def report_folders(root: Path) -> list[Path]:
    """The folders under content/reports/, sorted: one report each (a symlink out of content/ is none)."""
    base = root / "reports"
    return sorted(p for p in _candidate_folders(base) if _within(p, root)) if base.is_dir() else []


def _candidate_folders(base: Path) -> list[Path]:
    return [p for p in base.iterdir() if p.is_dir() and not p.name.startswith(".")]


def _within(folder: Path, root: Path) -> bool:
    return folder.resolve().is_relative_to(root.resolve())


def folders_outside(root: Path) -> list[ContentError]:
    """Report folders that are symlinks to a folder outside content/: neither read, built nor written to
    (the build records published IDs in a report's folder)."""
    base = root / "reports"
    return [ContentError(f"{shown(root)}/reports/{p.name}", 0, "", f"is a symlink to {p.resolve()}, outside {shown(root)}/",
                         "move the report's folder into content/reports/")
            for p in sorted(_candidate_folders(base) if base.is_dir() else []) if not _within(p, root)]


def load_site_content(root: Path) -> tuple[list[Report], list[ContentError]]:
    """Every report under content/reports/, sorted by id, and every problem in them."""
    reports, errors = [], folders_outside(root)
    for folder in report_folders(root):
        report, errs = load_report(folder, f"{shown(root)}/reports/{folder.name}")
        errors += errs
        if report:
            reports.append(report)
    return reports, errors + same_place_and_year(reports, root)


# Written only when set, so that reports without them keep their files as they were.
_OPTIONAL_META = {"province": "", "digest": False, "prefecture": "", "named": "", "level": "", "office": "", "kind": "report"}


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
        # The glossary's entries, linked from their markers ([1]) in the text, and the lists printed
        # after the report; written only when there are any.
        **({"notes": [{"id": n.id, "mark": n.mark, "text": n.text} for n in report.notes]} if report.notes else {}),
        **({"appendices": [{"id": a.id, "title": a.title, "items": list(a.items)} for a in report.appendices]} if report.appendices else {}),
        "retired": dict(report.retired),
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
