"""Checks across a report's files: duplicate IDs, dangling references, retired IDs still in use."""

from __future__ import annotations

from ..errors import ContentError
from .model import Report, Source, Target


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
        if t.duplicate_of and (t.duplicate_of == t.id or t.duplicate_of not in targets):
            errors.append(ContentError(t.source.path, t.source.line, f"{t.id}.duplicate_of", f"no other target {t.duplicate_of!r}", "name the target that counts the same thing, or remove the line"))
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
