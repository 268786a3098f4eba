"""targets.yaml, read and written: the report's targets and numbered lists."""

from __future__ import annotations

from dataclasses import asdict, fields
from pathlib import Path

from ..errors import ContentError
from .model import KINDS, NATURES, STATUSES, Evidence, NumberedList, Target, Source
from .reader import HTTP_URL, Reader
from .yamlio import load_yaml


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
            if url and not HTTP_URL.match(url):
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
        evidence=tuple(evidence), source=Source(r.path, node.line), **_target_extras(r, node, f),
    )


def _target_extras(r: Reader, node, f: str) -> dict:
    """The fields that say what a target is: label, sentence and clause, nature, duplicate, review."""
    nature = r.text(node, "nature", f, required=False)
    if nature not in NATURES:
        r.error(node, "nature", f + "nature", f"unknown nature {nature!r}", "use one of " + ", ".join(n for n in NATURES if n))
    clause = node.get("clause")
    if clause is not None and not (isinstance(clause, list) and len(clause) == 2 and all(isinstance(x, int) for x in clause)):
        r.error(node, "clause", f + "clause", f"expected [start, end], got {clause!r}", "write where the clause starts in the sentence and where it ends (after its last character), e.g. [4, 19]")
        clause = None
    reviewed = node.get("reviewed", False)
    if not isinstance(reviewed, bool):
        r.error(node, "reviewed", f + "reviewed", f"expected true or false, got {reviewed!r}", "write reviewed: true once an editor checked the target")
        reviewed = False
    return {
        "label": r.text(node, "label", f, required=False), "sentence": r.text(node, "sentence", f, required=False),
        "clause": tuple(clause) if clause else None, "nature": nature,
        "duplicate_of": r.text(node, "duplicate_of", f, required=False), "reviewed": reviewed,
    }


def load_targets(folder: Path, display: str) -> tuple[list[Target], list[NumberedList], list[ContentError], bool]:
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


_TARGET_DEFAULTS = {f.name: f.default for f in fields(Target)}
# What a target is comes first, then where it was read, then the figure and what editors record.
_TARGET_ORDER = ("id", "kind", "nature", "label", "paragraph", "text", "sentence", "clause")


def target_data(t: Target) -> dict:
    names = [*_TARGET_ORDER, *(n for n in _TARGET_DEFAULTS if n not in _TARGET_ORDER and n != "source")]
    data = {}
    for name in names:
        value = getattr(t, name)
        if name in ("id", "kind", "paragraph", "text", "status") or value != _TARGET_DEFAULTS[name]:
            data[name] = [asdict(e) for e in value] if name == "evidence" else list(value) if name == "clause" else value
    return data


def targets_data(report: Report) -> dict:
    return {
        "targets": [target_data(t) for t in report.targets],
        "lists": [{"id": l.id, "title": l.title, "paragraph": l.paragraph, "items": list(l.items)} for l in report.lists],
    }
