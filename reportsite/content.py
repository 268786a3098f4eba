"""Loading pass: content/reports/<id>/*.yaml -> validated Report objects, with every problem found at once."""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import stat
import sys
import unicodedata
from functools import lru_cache
from pathlib import Path

import yaml

from .cache import cache_key, code_digest, keep, private_cache_folder, read_cached

from .errors import ContentError, ContentErrors
from .model import ID_PATTERN, KINDS, STATUSES, Block, Correction, Evidence, Meta, NumberedList, Paragraph, Part, Repair, Report, Section, Source, Target
from .yamlio import MAX_FILE_BYTES, LineDict, LineList, load_yaml

_ID = re.compile(ID_PATTERN)
_REPORT_ID = re.compile(r"\A[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_HTTP_URL = re.compile(r"\Ahttps?://[^\s<>\"']+\Z")
# A part's or section's page is /<report>/<id>/ beside the report's own pages, and a report's is
# /<id>/ beside the site's: an ID equal to one of these names would overwrite that page.
PAGE_NAMES = frozenset({"text", "targets", "about", "bilingual", "glossary", "lists", "p", "source"})
SITE_NAMES = frozenset({"search", "static", "en", "zh-hant"})
# Ordinals are printed as Chinese numerals (十二、) and Roman ones (XII.), which stop at 99 here.
MAX_NUMBER = 99
# How the import restored a span of text; the about page explains each in words.
REPAIR_METHODS = ("recorded correction", "re-read in step")
# Line and paragraph separators and control characters break one-line text: a title in <title>,
# a heading, the share card's text layout.
_BREAKING = frozenset({"Cc", "Zl", "Zp"})
# A title is drawn on the share card and repeated in every page's <title> and meta tags.
MAX_LINE_CHARS = 500


class Reader:
    """Reads typed fields out of one YAML file, collecting errors with file, line and field."""

    def __init__(self, path: str):
        self.path = path
        self.errors: list[ContentError] = []
        self.bad_ids = False  # references to a unit whose ID is wrong would all be reported as broken

    def error(self, node, key, field: str, message: str, hint: str = "") -> None:
        line = node.line_of(key) if isinstance(node, (LineDict, LineList)) and key is not None else getattr(node, "line", 0)
        self.errors.append(ContentError(self.path, line, field, message, hint))

    def mapping(self, node, field: str, parent=None, key=None, hint: str = "") -> LineDict | None:
        if isinstance(node, LineDict):
            return node
        self.error(parent if parent is not None else node, key, field, f"expected a mapping, got {_describe(node)}", hint)
        return None

    def items(self, node: LineDict, key: str, field: str, required: bool = True) -> list:
        value = node.get(key)
        if value is None:
            if required and key not in node:
                self.error(node, None, f"{field}{key}", "missing", f"add `{key}:` with a list")
            return []
        if not isinstance(value, LineList):
            self.error(node, key, f"{field}{key}", f"expected a list, got {_describe(value)}")
            return []
        return value

    def text(self, node: LineDict, key: str, field: str, required: bool = True, default: str = "") -> str:
        if key not in node or node[key] is None:
            if required:
                self.error(node, None, f"{field}{key}", "missing", f"add `{key}: …`")
            return default
        value = node[key]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            self.error(node, key, f"{field}{key}", f"expected text, got {_describe(value)}")
            return default
        return value

    def number(self, node: LineDict, key: str, field: str, integer: bool = False):
        value = node.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (integer and not isinstance(value, int)):
            kind = "a whole number" if integer else "a number"
            self.error(node, key, f"{field}{key}", f"expected {kind}, got {value!r}", "write digits only, e.g. 10 or 8.5")
            return None
        return value

    def ident(self, node: LineDict, key: str, field: str) -> str:
        value = self.text(node, key, field)
        if key in node and node[key] is not None and not _ID.fullmatch(value):
            self.error(node, key, f"{field}{key}", f"{value!r} is not a valid ID", "use lower-case letters, digits and single hyphens, starting with a letter")
            self.bad_ids = True
        elif value in PAGE_NAMES:
            self.error(node, key, f"{field}{key}", f"{value!r} is the name of a page of the report", "choose another ID, e.g. with a number")
            self.bad_ids = True
        return value

    def line(self, node: LineDict, key: str, field: str, required: bool = True, default: str = "") -> str:
        """Text that must stay on one line: titles, names, dates."""
        value = self.text(node, key, field, required, default)
        if len(value) > MAX_LINE_CHARS:
            self.error(node, key, f"{field}{key}", f"{len(value):,} characters, more than {MAX_LINE_CHARS} for one line", "shorten it; long text belongs in a paragraph")
            return value[:MAX_LINE_CHARS]
        bad = next((c for c in value if unicodedata.category(c) in _BREAKING), None)
        if bad is not None:
            self.error(node, key, f"{field}{key}", f"contains a line break or control character (U+{ord(bad):04X})", "write it on one line")
            return " ".join(value.split())
        return value

    def ordinal(self, node: LineDict, key: str, field: str, default: int) -> int:
        value = self.number(node, key, field, integer=True)
        if value is not None and not 1 <= value <= MAX_NUMBER:
            self.error(node, key, f"{field}{key}", f"{value} is out of range", f"number from 1 to {MAX_NUMBER}")
            return default
        return value or default


def _describe(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return f"text {value[:20]!r}"
    return type(value).__name__.replace("LineDict", "a mapping").replace("LineList", "a list")


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


def _paragraphs(r: Reader, node: LineDict, key: str, field: str) -> tuple[Paragraph, ...]:
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
                    _paragraphs(r, s, "paragraphs", f), style, Source(r.path, s.line))
        )
    return Part(
        r.ident(node, "id", ""), r.ordinal(node, "number", "", 1), r.line(node, "title", ""),
        _paragraphs(r, node, "intro", ""), tuple(sections), _paragraphs(r, node, "outro", ""), Source(r.path, node.line),
    )


def _target(r: Reader, node, i: int) -> Target | None:
    f = f"targets[{i}]."
    node = r.mapping(node, f"targets[{i}]")
    if node is None:
        return None
    kind = r.text(node, "kind", f)
    if kind and kind not in KINDS:
        r.error(node, "kind", f + "kind", f"unknown kind {kind!r}", "use one of " + ", ".join(KINDS))
    status = r.text(node, "status", f, required=False, default=STATUSES[0])
    if status not in STATUSES:
        r.error(node, "status", f + "status", f"unknown status {status!r}", "use one of " + ", ".join(STATUSES))
    evidence = []
    for j, e in enumerate(r.items(node, "evidence", f, required=False)):
        e = r.mapping(e, f"{f}evidence[{j}]")
        if e is not None:
            ef = f"{f}evidence[{j}]."
            url = r.text(e, "url", ef, required=False)
            if url and not _HTTP_URL.match(url):
                r.error(e, "url", ef + "url", f"{url[:40]!r} is not an http(s) URL", "link evidence with a full https://… address")
                url = ""
            evidence.append(Evidence(r.text(e, "date", ef), r.text(e, "note", ef), url))
    return Target(
        r.ident(node, "id", f), kind, r.text(node, "paragraph", f), r.text(node, "text", f),
        indicator=r.text(node, "indicator", f, required=False), value=r.number(node, "value", f),
        unit=r.text(node, "unit", f, required=False), growth=r.number(node, "growth", f),
        qualifier=r.text(node, "qualifier", f, required=False), year=r.number(node, "year", f, integer=True),
        baseline=r.text(node, "baseline", f, required=False), list=r.text(node, "list", f, required=False),
        number=r.number(node, "number", f, integer=True), status=status, outcome=r.number(node, "outcome", f),
        evidence=tuple(evidence), source=Source(r.path, node.line),
    )


def load_corrections(folder: Path, display: str) -> tuple[list[Correction], list[ContentError]]:
    path = folder / "corrections.yaml"
    if not path.exists():
        return [], []
    data, errors = load_yaml(path, f"{display}/corrections.yaml")
    if errors:
        return [], errors
    r = Reader(f"{display}/corrections.yaml")
    node = r.mapping(data, "")
    out = []
    for i, c in enumerate(r.items(node, "corrections", "") if node is not None else []):
        c = r.mapping(c, f"corrections[{i}]")
        if c is not None:
            f = f"corrections[{i}]."
            out.append(Correction(r.text(c, "garbled", f), r.text(c, "repaired", f, required=False), r.text(c, "note", f), c.line))
    return out, r.errors


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
    opening, closing = _paragraphs(r, node, "opening", ""), _paragraphs(r, node, "closing", "")
    parts, part_errors, parts_complete = _load_parts(r, node, folder, display)
    targets, lists, target_errors, targets_complete = _load_targets(folder, display)
    errors += r.errors + part_errors + target_errors
    if not (parts_complete and targets_complete) or r.bad_ids:
        return None, errors
    repairs, repair_errors = _load_repairs(folder, display)
    report = Report(report_id, meta, opening, tuple(parts), closing, tuple(targets), tuple(lists), retired, repairs)
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
    key = cache_key(display, _loader_digest(), inputs)
    kept = read_cached(cache, key)
    if kept is not None:
        try:
            return pickle.loads(kept)
        except Exception:  # damaged: loaded again and kept anew
            pass
    report, errors = load_report(folder, display)
    if report is not None:
        keep(cache, key, pickle.dumps((report, errors), protocol=pickle.HIGHEST_PROTOCOL))
    return report, errors


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
    """The code that loads a report (this module, the model, the YAML reader) and the Python and PyYAML running it."""
    from . import errors, model, yamlio

    return cache_key(sys.version, yaml.__version__, *(code_digest(m.__file__) for m in (sys.modules[__name__], errors, model, yamlio)))


def _retired(r: Reader, node: LineDict) -> dict[str, str]:
    retired = node.get("retired") or {}
    if not isinstance(retired, dict):
        r.error(node, "retired", "retired", "expected a mapping of old ID: new ID")
        return {}
    valid = {}
    for old, new in retired.items():
        if isinstance(old, str) and _ID.fullmatch(old) and isinstance(new, str) and _ID.fullmatch(new):
            valid[old] = new
        else:
            r.error(retired, old, f"retired.{old}", f"{old!r}: {new!r} is not a pair of valid IDs", "write `old-id: new-id` in lower-case letters, digits and hyphens")
    return valid


def _meta(r: Reader, node: LineDict) -> Meta:
    source_url = r.line(node, "source_url", "", required=False)
    if source_url and not _HTTP_URL.fullmatch(source_url):
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
    )


def _load_parts(r: Reader, node: LineDict, folder: Path, display: str) -> tuple[list[Part], list[ContentError], bool]:
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
        return node, "parts", "parts", f"expected a list of part files, got {_describe(node['parts'])}", hint
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


def _load_targets(folder: Path, display: str) -> tuple[list[Target], list[NumberedList], list[ContentError], bool]:
    """Targets and lists, their problems, and whether the file could be read at all."""
    path = folder / "targets.yaml"
    if not path.exists():
        return [], [], [], True
    shown = f"{display}/targets.yaml"
    data, errors = load_yaml(path, shown)
    if data is None:
        return [], [], errors or [ContentError(shown, 0, "", "empty file", "write `targets: []` and `lists: []` for a report without targets")], False
    r = Reader(shown)
    node = r.mapping(data, "")
    if node is None:
        return [], [], errors + r.errors, False
    targets = [t for i, item in enumerate(r.items(node, "targets", "")) if (t := _target(r, item, i))]
    lists = []
    for i, l in enumerate(r.items(node, "lists", "", required=False)):
        l = r.mapping(l, f"lists[{i}]")
        if l is not None:
            f = f"lists[{i}]."
            items = tuple(str(x) for x in r.items(l, "items", f))
            lists.append(NumberedList(r.ident(l, "id", f), r.line(l, "title", f), r.text(l, "paragraph", f), items, Source(r.path, l.line)))
    return targets, lists, errors + r.errors, not r.bad_ids


def _load_repairs(folder: Path, display: str) -> tuple[tuple[Repair, ...], list[ContentError]]:
    """What the import did to the text, for the about page (provenance.yaml is written by the import)."""
    path = folder / "provenance.yaml"
    if not path.exists():
        return (), []
    shown = f"{display}/provenance.yaml"
    data, errors = load_yaml(path, shown)
    r = Reader(shown)
    node = r.mapping(data, "") if data is not None else None
    repairs = []
    for i, x in enumerate(r.items(node, "repairs", "", required=False) if node is not None else []):
        x = r.mapping(x, f"repairs[{i}]")
        if x is None:
            continue
        f = f"repairs[{i}]."
        line = x.get("line")
        if isinstance(line, bool) or not isinstance(line, int) or line < 1:
            r.error(x, "line", f + "line", f"expected the line number in the seed, got {line!r}", "write a whole number from 1")
            line = 0
        method = r.text(x, "method", f)
        if method and method not in REPAIR_METHODS:
            r.error(x, "method", f + "method", f"unknown method {method!r}", "use one of " + ", ".join(REPAIR_METHODS))
        repairs.append(Repair(line, r.text(x, "garbled", f), r.text(x, "repaired", f, required=False), method, r.text(x, "note", f, required=False),
                              r.line(x, "verdict", f, required=False)))
    return tuple(repairs), errors + r.errors


def check_references(report: Report, display: str) -> list[ContentError]:
    """Duplicate IDs, dangling paragraph/baseline/list references and retired IDs that still live."""
    errors = []
    seen: dict[str, Source] = {}
    units = [*((p.id, p.source) for p in report.parts), *((s.id, s.source) for s in report.sections()),
             *((p.id, p.source) for p in report.all_paragraphs()), *((t.id, t.source) for t in report.targets),
             *((l.id, l.source) for l in report.lists)]
    for uid, source in units:
        if not uid:
            continue
        if uid in seen:
            first = seen[uid]
            errors.append(ContentError(source.path, source.line, "id", f"duplicate ID {uid!r}, first used at {first.path}:{first.line}", "give one of them a new ID that is not used elsewhere"))
        else:
            seen[uid] = source
    paragraphs = {p.id for p in report.all_paragraphs()}
    targets = {t.id: t for t in report.targets}
    for t in report.targets:
        if t.paragraph not in paragraphs:
            errors.append(ContentError(t.source.path, t.source.line, f"{t.id}.paragraph", f"no paragraph {t.paragraph!r}", "name the ID of the paragraph this figure is in"))
        if t.baseline and targets.get(t.baseline, Target("", "", "", "")).kind != "indicator-result":
            errors.append(ContentError(t.source.path, t.source.line, f"{t.id}.baseline", f"{t.baseline!r} is not an indicator-result target", "name last year's result for the same indicator, or remove the line"))
    for l in report.lists:
        for item in l.items:
            if item not in targets:
                errors.append(ContentError(l.source.path, l.source.line, f"{l.id}.items", f"no target {item!r}", "list IDs of list-item targets"))
    retired_path = f"{display}/report.yaml"
    for old, new in report.retired.items():
        if old in seen:
            errors.append(ContentError(retired_path, 0, f"retired.{old}", "this ID is retired but still in use", "remove it from retired: or give the unit a new ID"))
        if new not in seen:
            errors.append(ContentError(retired_path, 0, f"retired.{old}", f"points to {new!r}, which does not exist", "name the ID that now holds the content"))
    return errors


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
    return [ContentError(f"{root.name}/reports/{p.name}", 0, "", f"is a symlink to {p.resolve()}, outside {root.name}/",
                         "move the report's folder into content/reports/")
            for p in sorted(_candidate_folders(base) if base.is_dir() else []) if not _within(p, root)]


def same_place_and_year(reports: list[Report], root: Path) -> list[ContentError]:
    """Warnings for reports of a place and year that another report already has: which one is the year
    before or after the next would be a guess, so neither is linked to the other."""
    first: dict[tuple[str, int], str] = {}
    warnings = []
    for report in sorted(reports, key=lambda r: r.id):
        key = (report.meta.place, report.meta.year)
        if not (report.meta.place and report.meta.year):
            continue
        if key in first:
            warnings.append(ContentError(f"{root.name}/reports/{report.id}/report.yaml", 0, "year",
                                         f"{report.meta.place} {report.meta.year} is also the place and year of {first[key]!r}",
                                         "correct the place or the year of one of them", warning=True))
        first.setdefault(key, report.id)
    return warnings


def load_site_content(root: Path) -> tuple[list[Report], list[ContentError]]:
    """Every report under content/reports/, sorted by id, and every problem in them."""
    reports, errors = [], folders_outside(root)
    for folder in report_folders(root):
        report, errs = load_report(folder, f"{root.name}/reports/{folder.name}")
        errors += errs
        if report:
            reports.append(report)
    return reports, errors + same_place_and_year(reports, root)


def load_or_raise(root: Path) -> list[Report]:
    reports, errors = load_site_content(root)
    if errors:
        raise ContentErrors(errors)
    return reports
