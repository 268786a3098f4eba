"""Loading pass: content/reports/<id>/*.yaml -> validated Report objects, with every problem found at once."""

from __future__ import annotations

import re
from pathlib import Path

from .errors import ContentError, ContentErrors
from .ingest.ids import ID_PATTERN
from .model import KINDS, STATUSES, Block, Correction, Evidence, Meta, NumberedList, Paragraph, Part, Repair, Report, Section, Source, Target
from .yamlio import LineDict, LineList, load_yaml

_ID = re.compile(ID_PATTERN)
_REPORT_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_HTTP_URL = re.compile(r"^https?://[^\s<>\"']+$")


class _Reader:
    """Reads typed fields out of one YAML file, collecting errors with file, line and field."""

    def __init__(self, path: str):
        self.path = path
        self.errors: list[ContentError] = []

    def error(self, node, key, field: str, message: str, hint: str = "") -> None:
        line = node.line_of(key) if isinstance(node, (LineDict, LineList)) and key is not None else getattr(node, "line", 0)
        self.errors.append(ContentError(self.path, line, field, message, hint))

    def mapping(self, node, field: str, parent=None, key=None) -> LineDict | None:
        if isinstance(node, LineDict):
            return node
        self.error(parent if parent is not None else node, key, field, f"expected a mapping, got {_describe(node)}")
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
        if value and not _ID.match(value):
            self.error(node, key, f"{field}{key}", f"{value!r} is not a valid ID", "use lower-case letters, digits and single hyphens, starting with a letter")
        return value


def _describe(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return f"text {value[:20]!r}"
    return type(value).__name__.replace("LineDict", "a mapping").replace("LineList", "a list")


def _paragraph(r: _Reader, node, field: str) -> Paragraph | None:
    node = r.mapping(node, field)
    if node is None:
        return None
    pid = r.ident(node, "id", field + ".")
    source = Source(r.path, node.line)
    if "blocks" in node:
        blocks = []
        for i, b in enumerate(r.items(node, "blocks", field + ".")):
            b = r.mapping(b, f"{field}.blocks[{i}]")
            if b is None:
                continue
            f = f"{field}.blocks[{i}]."
            blocks.append(Block(r.text(b, "text", f, required=False), r.text(b, "lead", f, required=False), r.text(b, "marker", f, required=False)))
        if not blocks:
            r.error(node, "blocks", field + ".blocks", "empty", "give at least one block with text")
        return Paragraph(pid, tuple(blocks), source)
    text = r.text(node, "text", field + ".")
    if "text" in node and not text.strip():
        r.error(node, "text", field + ".text", "empty", "delete the paragraph and list its ID under `retired:` in report.yaml instead")
    return Paragraph(pid, (Block(text),), source)


def _paragraphs(r: _Reader, node: LineDict, key: str, field: str) -> tuple[Paragraph, ...]:
    out = []
    for i, item in enumerate(r.items(node, key, field, required=False)):
        p = _paragraph(r, item, f"{field}{key}[{i}]")
        if p:
            out.append(p)
    return tuple(out)


def _part(r: _Reader, node) -> Part | None:
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
            Section(r.ident(s, "id", f), r.number(s, "number", f, integer=True) or i + 1, r.text(s, "title", f),
                    _paragraphs(r, s, "paragraphs", f), style, Source(r.path, s.line))
        )
    return Part(
        r.ident(node, "id", ""), r.number(node, "number", "", integer=True) or 0, r.text(node, "title", ""),
        _paragraphs(r, node, "intro", ""), tuple(sections), _paragraphs(r, node, "outro", ""), Source(r.path, node.line),
    )


def _target(r: _Reader, node, i: int) -> Target | None:
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
    r = _Reader(f"{display}/corrections.yaml")
    node = r.mapping(data, "")
    out = []
    for i, c in enumerate(r.items(node, "corrections", "") if node is not None else []):
        c = r.mapping(c, f"corrections[{i}]")
        if c is not None:
            f = f"corrections[{i}]."
            out.append(Correction(r.text(c, "garbled", f), r.text(c, "repaired", f, required=False), r.text(c, "note", f), c.line))
    return out, r.errors


def load_report(folder: Path, display: str) -> tuple[Report | None, list[ContentError]]:
    """Read and validate one report folder; returns (report or None, all problems found)."""
    errors: list[ContentError] = []
    data, errs = load_yaml(folder / "report.yaml", f"{display}/report.yaml")
    errors += errs
    if data is None:
        return None, errors or [ContentError(f"{display}/report.yaml", 0, "", "empty file")]
    r = _Reader(f"{display}/report.yaml")
    node = r.mapping(data, "")
    if node is None:
        return None, errors + r.errors
    report_id = r.text(node, "id", "")
    if report_id and (not _REPORT_ID.match(report_id) or report_id != folder.name):
        r.error(node, "id", "id", f"{report_id!r} must be the folder name {folder.name!r}, in lower-case letters, digits and hyphens")
    retired = node.get("retired") or {}
    if not isinstance(retired, dict):
        r.error(node, "retired", "retired", "expected a mapping of old ID: new ID")
        retired = {}
    for old, new in list(retired.items()):
        if not (isinstance(old, str) and _ID.match(old) and isinstance(new, str) and _ID.match(new)):
            r.error(retired, old, f"retired.{old}", f"{old!r}: {new!r} is not a pair of valid IDs", "write `old-id: new-id` in lower-case letters, digits and hyphens")
            del retired[old]
    source_url = r.text(node, "source_url", "", required=False)
    if source_url and not _HTTP_URL.match(source_url):
        r.error(node, "source_url", "source_url", f"{source_url[:40]!r} is not an http(s) URL", "write the full https://… address")
    meta = Meta(
        title=r.text(node, "title", ""), place=r.text(node, "place", "", required=False),
        year=r.number(node, "year", "", integer=True) or 0, heading=r.text(node, "heading", "", required=False),
        published=r.text(node, "published", "", required=False), source=r.text(node, "source", "", required=False),
        source_url=source_url if _HTTP_URL.match(source_url or "") else "", occasion=r.text(node, "occasion", "", required=False),
        delivered=r.text(node, "delivered", "", required=False), speaker=r.text(node, "speaker", "", required=False),
        salutation=r.text(node, "salutation", "", required=False),
        language=r.text(node, "language", "", required=False, default="zh-Hans"),
        province=r.text(node, "province", "", required=False), digest=node.get("digest") is True,
    )
    opening, closing = _paragraphs(r, node, "opening", ""), _paragraphs(r, node, "closing", "")
    errors += r.errors
    parts = []
    for i, name in enumerate(r.items(node, "parts", "")):
        part_path = folder / "parts" / str(name)
        shown = f"{display}/parts/{name}"
        if not isinstance(name, str) or "/" in name or "\\" in name or name.startswith(".") or not part_path.is_file():
            errors.append(ContentError(r.path, node["parts"].line_of(i), f"parts[{i}]", f"no part file {name!r}", "list files that exist under parts/"))
            continue
        pdata, errs = load_yaml(part_path, shown)
        errors += errs
        if pdata is not None:
            pr = _Reader(shown)
            part = _part(pr, pdata)
            errors += pr.errors
            if part:
                parts.append(part)
    targets, lists, terrs = _load_targets(folder, display)
    errors += terrs
    repairs = _load_repairs(folder)
    report = Report(report_id, meta, opening, tuple(parts), closing, tuple(targets), tuple(lists), dict(retired), repairs)
    errors += check_references(report, display)
    return report, errors


def _load_targets(folder: Path, display: str) -> tuple[list[Target], list[NumberedList], list[ContentError]]:
    path = folder / "targets.yaml"
    if not path.exists():
        return [], [], []
    data, errors = load_yaml(path, f"{display}/targets.yaml")
    if data is None:
        return [], [], errors
    r = _Reader(f"{display}/targets.yaml")
    node = r.mapping(data, "")
    if node is None:
        return [], [], errors + r.errors
    targets = [t for i, item in enumerate(r.items(node, "targets", "")) if (t := _target(r, item, i))]
    lists = []
    for i, l in enumerate(r.items(node, "lists", "", required=False)):
        l = r.mapping(l, f"lists[{i}]")
        if l is not None:
            f = f"lists[{i}]."
            items = tuple(str(x) for x in r.items(l, "items", f))
            lists.append(NumberedList(r.ident(l, "id", f), r.text(l, "title", f), r.text(l, "paragraph", f), items, Source(r.path, l.line)))
    return targets, lists, errors + r.errors


def _load_repairs(folder: Path) -> tuple[Repair, ...]:
    path = folder / "provenance.yaml"
    if not path.exists():
        return ()
    data, errors = load_yaml(path, str(path))
    if errors or not isinstance(data, dict):
        return ()
    return tuple(Repair(int(x.get("line", 0)), str(x.get("garbled", "")), str(x.get("repaired", "")), str(x.get("method", "")), str(x.get("note", "")), str(x.get("verdict", ""))) for x in data.get("repairs") or [] if isinstance(x, dict))


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


def load_site_content(root: Path) -> tuple[list[Report], list[ContentError]]:
    """Every report under content/reports/, sorted by id, and every problem in them."""
    reports, errors = [], []
    base = root / "reports"
    folders = sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith(".")) if base.is_dir() else []
    for folder in folders:
        report, errs = load_report(folder, f"{root.name}/reports/{folder.name}")
        errors += errs
        if report:
            reports.append(report)
    return reports, errors


def load_or_raise(root: Path) -> list[Report]:
    reports, errors = load_site_content(root)
    if errors:
        raise ContentErrors(errors)
    return reports
