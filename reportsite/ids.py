"""ID pass: give every part, section, paragraph, target and list an ID once, at import.

IDs are short and positional when first minted (part2, s2-1, s2-1-p3, t14) and never recomputed:
on a re-import, a unit whose title or text is unchanged keeps the ID it had, new units get the
next free ID, and retired IDs are never handed out again.
"""

from __future__ import annotations

from dataclasses import replace

from .model import NumberedList, Paragraph, Part, Report, Section, Target
from .targets import Extraction, pair_goals_with_results

ID_PATTERN = r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"


class _Minter:
    """Hands out IDs: the previous ID of an equal unit if there is one, else a fresh one."""

    def __init__(self, previous: dict[str, list[str]], reserved: set[str]):
        self.previous = {k: list(v) for k, v in previous.items()}
        self.reserved = set(reserved)  # every ID ever published: never minted afresh
        self.used: set[str] = set()

    def reuse(self, key: str) -> str | None:
        for candidate in self.previous.get(key, []):
            if candidate not in self.used:
                self.used.add(candidate)
                return candidate
        return None

    def fresh(self, prefix: str, start: int) -> str:
        n = start
        while f"{prefix}{n}" in self.used or f"{prefix}{n}" in self.reserved:
            n += 1
        self.used.add(f"{prefix}{n}")
        return f"{prefix}{n}"

    def get(self, key: str, prefix: str, start: int) -> str:
        return self.reuse(key) or self.fresh(prefix, start)


def _previous_keys(previous: Report | None) -> tuple[dict[str, list[str]], set[str]]:
    keys: dict[str, list[str]] = {}
    reserved: set[str] = set()
    if previous is None:
        return keys, reserved

    def add(key: str, id_: str) -> None:
        keys.setdefault(key, []).append(id_)
        reserved.add(id_)

    for part in previous.parts:
        add("part:" + part.title, part.id)
        for s in part.sections:
            add("section:" + s.title, s.id)
    for p in previous.all_paragraphs():
        add("para:" + p.text, p.id)
    for t in previous.targets:
        add(f"target:{t.kind}:{t.text}", t.id)
    for lst in previous.lists:
        add("list:" + lst.title, lst.id)
    reserved |= set(previous.retired)
    return keys, reserved


def _number_paragraphs(paragraphs, minter: _Minter, prefix: str, start: int = 1) -> tuple[Paragraph, ...]:
    out = []
    for i, p in enumerate(paragraphs, start=start):
        out.append(replace(p, id=minter.reuse("para:" + p.text) or minter.fresh(f"{prefix}-p", i)))
    return tuple(out)


def assign_structure_ids(report: Report, previous: Report | None = None) -> Report:
    keys, reserved = _previous_keys(previous)
    minter = _Minter(keys, reserved)
    # Units that keep an old ID claim it before any fresh ID is minted, so nothing else can take it.
    parts = [replace(p, id=minter.reuse("part:" + p.title) or "") for p in report.parts]
    parts = [replace(p, id=p.id or minter.fresh("part", p.number)) for p in parts]
    numbered = []
    for part in parts:
        sections = []
        for s in part.sections:
            sid = minter.get("section:" + s.title, f"s{part.number}-", s.number)
            sections.append(replace(s, id=sid, paragraphs=_number_paragraphs(s.paragraphs, minter, sid)))
        intro = _number_paragraphs(part.intro, minter, part.id)
        outro = _number_paragraphs(part.outro, minter, part.id, start=len(intro) + 1)
        numbered.append(replace(part, intro=intro, sections=tuple(sections), outro=outro))
    opening = _number_paragraphs(report.opening, minter, "open")
    closing = _number_paragraphs(report.closing, minter, "close")
    return replace(report, opening=opening, parts=tuple(numbered), closing=closing)


def assign_target_ids(extraction: Extraction, previous: Report | None = None) -> tuple[list[Target], list[NumberedList]]:
    keys, reserved = _previous_keys(previous)
    minter = _Minter(keys, reserved)
    targets = [replace(t, id=minter.reuse(f"target:{t.kind}:{t.text}") or "") for t in extraction.targets]
    targets = [replace(t, id=t.id or minter.fresh("t", i)) for i, t in enumerate(targets, start=1)]
    lists = []
    for n, (lst, positions) in enumerate(extraction.lists, start=1):
        lid = minter.get("list:" + lst.title, "l", n)
        for pos in positions:
            targets[pos] = replace(targets[pos], list=lid)
        lists.append(replace(lst, id=lid, items=tuple(targets[pos].id for pos in positions)))
    results = [t for t in targets if t.kind == "indicator-result"]
    goals = pair_goals_with_results([t for t in targets if t.kind == "indicator"], results)
    by_id = {g.id: g for g in goals}
    return [by_id.get(t.id, t) for t in targets], lists
