"""ID pass: give every part, section, paragraph, target and list an ID once, at import.

IDs are short and positional when first minted (part2, s2-1, s2-1-p3, t14) and never recomputed:
on a re-import, a unit whose title or text is unchanged keeps the ID it had, an edited paragraph or
target keeps its ID too (see kept_paragraph_ids, kept_target_ids), new units get the next free ID,
and retired IDs are never handed out again.
"""

from __future__ import annotations

import re
from dataclasses import replace
from difflib import SequenceMatcher

from ..content.model import REPORT_ID_PATTERN, NumberedList, Paragraph, Report, Section, Target
from .labels import cross_reference
from .headline import pair_goals_with_results
from .targets import Extraction

# A report id names a folder under content/reports/ and a path on the site: nothing that could
# climb out of it (`..`, `/`) or that the build would reject (capitals, spaces, a trailing newline).
_REPORT_ID = re.compile(REPORT_ID_PATTERN)


def is_report_id(text: str) -> bool:
    """jiangxian-2022 is a report id; '../x', '/tmp/x', 'Bad ID' and 'x\\n' are not."""
    return _REPORT_ID.fullmatch(text) is not None


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
        reserved.add(p.id)
    for t in previous.targets:
        reserved.add(t.id)
    for lst in previous.lists:
        add("list:" + lst.title, lst.id)
    reserved |= set(previous.retired)
    return keys, reserved


def _claim(kept: list[str], new_keys: list, old: list[tuple[object, str]]) -> None:
    """Give each new unit still without an ID the ID of an unclaimed old unit with an equal key, in order."""
    claimed = set(kept)
    pool: dict[object, list[str]] = {}
    for key, id_ in old:
        if id_ not in claimed:
            pool.setdefault(key, []).append(id_)
    for i, key in enumerate(new_keys):
        if not kept[i] and pool.get(key):
            kept[i] = pool[key].pop(0)


# An edited paragraph (a figure corrected, a clause added) still shares most of its text with the old one.
_EDITED_SIMILARITY = 0.6


def kept_paragraph_ids(paragraphs: list[Paragraph], previous: list[Paragraph]) -> list[str]:
    """The previous ID of each paragraph, or '' for a new one.

    First the paragraph with the same text; then the most similar paragraph left over, so that
    correcting a figure or a character does not break links to the paragraph.
    """
    return kept_ids([p.text for p in paragraphs], [(p.text, p.id) for p in previous])


def kept_section_ids(sections: list[Section], previous: list[Section]) -> list[str]:
    """The previous ID of each section: a corrected character in a heading keeps its links too."""
    return kept_ids([s.title for s in sections], [(s.title, s.id) for s in previous])


def kept_ids(texts: list[str], previous: list[tuple[str, str]]) -> list[str]:
    """For each text, the ID of the previous unit with the same text, else of the most similar one left."""
    kept = [""] * len(texts)
    _claim(kept, texts, previous)
    claimed = set(kept)
    leftovers = {id_: text for text, id_ in previous if id_ not in claimed}
    for i, text in enumerate(texts):
        if kept[i] or not leftovers:
            continue
        score = {uid: SequenceMatcher(None, text, old, autojunk=False).ratio() for uid, old in leftovers.items()}
        best = max(score, key=score.get)
        if score[best] >= _EDITED_SIMILARITY:
            kept[i] = best
            del leftovers[best]
    return kept


def kept_target_ids(targets: list[Target], previous: list[Target]) -> list[str]:
    """The previous ID of each target, or '': the same clause, else the same indicator of the same
    paragraph whose figure changed (so that an editor's status and evidence stay with it)."""
    kept = [""] * len(targets)
    # A reviewed target may have had its kind corrected by hand: its clause alone finds it.
    _claim(kept, [(t.paragraph, t.text) for t in targets], [((t.paragraph, t.text), t.id) for t in previous if t.reviewed])
    _claim(kept, [(t.kind, t.text) for t in targets], [((t.kind, t.text), t.id) for t in previous])
    _claim(kept, [(t.kind, t.paragraph, t.indicator) for t in targets], [((t.kind, t.paragraph, t.indicator), t.id) for t in previous])
    return kept


def assign_structure_ids(report: Report, previous: Report | None = None) -> Report:
    keys, reserved = _previous_keys(previous)
    minter = _Minter(keys, reserved)
    # Units that keep an old ID claim it before any fresh ID is minted, so nothing else can take it.
    parts = [replace(p, id=minter.reuse("part:" + p.title) or "") for p in report.parts]
    parts = [replace(p, id=p.id or minter.fresh("part", p.number)) for p in parts]
    # Paragraphs are numbered in reading order, the order of all_paragraphs() that `kept` follows.
    kept = iter(kept_paragraph_ids(report.all_paragraphs(), previous.all_paragraphs() if previous else []))

    def number(paragraphs, prefix: str, start: int = 1) -> tuple[Paragraph, ...]:
        return tuple(replace(p, id=next(kept) or minter.fresh(f"{prefix}-p", i)) for i, p in enumerate(paragraphs, start=start))

    kept_sections = iter(kept_section_ids(report.sections(), previous.sections() if previous else []))
    for sid in kept_section_ids(report.sections(), previous.sections() if previous else []):
        minter.used.add(sid)
    opening = number(report.opening, "open")
    numbered = []
    for part in parts:
        intro = number(part.intro, part.id)
        sections = []
        for s in part.sections:
            sid = next(kept_sections) or minter.fresh(f"s{part.number}-", s.number)
            sections.append(replace(s, id=sid, paragraphs=number(s.paragraphs, sid)))
        outro = number(part.outro, part.id, start=len(intro) + 1)
        numbered.append(replace(part, intro=intro, sections=tuple(sections), outro=outro))
    closing = number(report.closing, "close")
    return replace(report, opening=opening, parts=tuple(numbered), closing=closing)


def assign_target_ids(extraction: Extraction, previous: Report | None = None) -> tuple[list[Target], list[NumberedList]]:
    keys, reserved = _previous_keys(previous)
    minter = _Minter(keys, reserved)
    kept = kept_target_ids(extraction.targets, list(previous.targets) if previous else [])
    targets = [replace(t, id=k or minter.fresh("t", i)) for i, (t, k) in enumerate(zip(extraction.targets, kept), start=1)]
    lists = []
    for n, (lst, positions) in enumerate(extraction.lists, start=1):
        lid = minter.get("list:" + lst.title, "l", n)
        for pos in positions:
            targets[pos] = replace(targets[pos], list=lid)
        lists.append(replace(lst, id=lid, items=tuple(targets[pos].id for pos in positions)))
    results = [t for t in targets if t.kind == "indicator-result"]
    goals = pair_goals_with_results([t for t in targets if t.kind == "indicator"], results)
    by_id = {g.id: g for g in goals}
    return cross_reference([by_id.get(t.id, t) for t in targets]), lists
