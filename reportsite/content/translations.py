"""Loading pass for translations: content/reports/<id>/en.yaml, keyed by the same IDs as the Chinese."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .parts import read_blocks
from .reader import Reader, load_entries
from ..errors import ContentError
from .model import Block, Paragraph, Report
from .yamlio import LineDict, load_yaml

TRANSLATION_STATUSES = ("reviewed", "draft", "missing")


@dataclass(frozen=True)
class ParagraphTranslation:
    blocks: tuple[Block, ...]
    status: str


@dataclass(frozen=True)
class Translation:
    language: str
    note: str = ""
    meta: dict = field(default_factory=dict)
    titles: dict = field(default_factory=dict)  # part/section/list id -> title
    paragraphs: dict = field(default_factory=dict)  # paragraph id -> ParagraphTranslation
    targets: dict = field(default_factory=dict)  # target id -> indicator
    target_texts: dict = field(default_factory=dict)  # target id -> the quoted clause, translated
    version: str = ""  # the translation's own version and date, which a citation of it names
    date: str = ""

    def paragraph(self, p: Paragraph) -> ParagraphTranslation | None:
        found = self.paragraphs.get(p.id)
        return found if found and found.status != "missing" else None


@dataclass(frozen=True)
class GlossaryTerm:
    term: str
    en: str
    zh: str
    explanation: str


def load_translation(folder: Path, display: str, report: Report | None, language: str = "en") -> tuple[Translation | None, list[ContentError]]:
    """The translation of `report`; with no report (its text could not be loaded), only what does not
    depend on the text is checked: syntax, shape, statuses, one-line titles."""
    path = folder / f"{language}.yaml"
    if not path.exists():
        return None, []
    shown = f"{display}/{language}.yaml"
    data, errors = load_yaml(path, shown)
    if data is None:
        return None, errors or [ContentError(shown, 0, "", "empty file", "delete it, or translate at least the titles")]
    r = Reader(shown)
    node = r.mapping(data, "")
    if node is None:
        return None, errors + r.errors
    titles = {}
    for key in ("parts", "sections", "lists"):
        titles.update(_labels(r, node, key))
    translation = Translation(language, r.text(node, "note", "", required=False), _labels(r, node, "meta"), titles,
                              _paragraph_translations(r, node, report), *_target_entries(r, node),
                              version=r.line(node, "version", "", required=False), date=_date(r, node))
    return translation, errors + r.errors


def _date(r: Reader, node: LineDict) -> str:
    """The translation's date, YYYY-MM-DD (YAML reads an unquoted one as a date)."""
    value = node.get("date")
    if value is None:
        return ""
    text = str(value)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        r.error(node, "date", "date", f"{text!r} is not a date", "write it as YYYY-MM-DD, e.g. 2022-03-01")
        return ""
    return text


def _section(r: Reader, node: LineDict, key: str) -> LineDict | None:
    """The mapping under `key`, or None when it is absent or (reported) not a mapping."""
    value = node.get(key)
    return None if value is None else r.mapping(value, key, node, key)


def _labels(r: Reader, node: LineDict, key: str) -> dict[str, str]:
    """ID (or field) -> one line of text, e.g. `sections: {s1-1: …}` or `meta: {title: …}`."""
    found = _section(r, node, key)
    return {} if found is None else {str(k): r.line(found, k, f"{key}.") for k in found}


def _paragraph_translations(r: Reader, node: LineDict, report: Report | None) -> dict[str, ParagraphTranslation]:
    found = _section(r, node, "paragraphs")
    if found is None:
        return {}
    known = None if report is None else {p.id: p for p in report.all_paragraphs()}
    out = {}
    for pid, item in found.items():
        field = f"paragraphs.{pid}"
        if known is not None and pid not in known:
            r.error(found, pid, field, "no paragraph with this ID in the Chinese text", "remove it or fix the ID")
            continue
        item = r.mapping(item, field, found, pid)
        if item is None:
            continue
        status = r.text(item, "status", field + ".", required=False, default="draft")
        if status not in TRANSLATION_STATUSES:
            r.error(item, "status", f"{field}.status", f"unknown status {status!r}", "use reviewed, draft or missing")
        if "blocks" in item:
            blocks = read_blocks(r, item, field)
            if known is not None and len(blocks) != len(known[pid].blocks):
                r.error(item, "blocks", f"{field}.blocks", f"{len(blocks)} blocks, the Chinese has {len(known[pid].blocks)}", "translate block by block")
        else:
            blocks = (Block(r.text(item, "text", field + ".", required=False)),)
        out[pid] = ParagraphTranslation(blocks, status)
    return out


def _target_entries(r: Reader, node: LineDict) -> tuple[dict[str, str], dict[str, str]]:
    """(indicators, texts) from `targets:`, where each entry is the indicator alone (`t1: GDP`) or a
    mapping `{indicator: GDP, text: the quoted clause in English}`; the text is optional."""
    found = _section(r, node, "targets")
    indicators, texts = {}, {}
    for tid, entry in (found or {}).items():
        field = f"targets.{tid}"
        if isinstance(entry, LineDict):
            indicators[str(tid)] = r.line(entry, "indicator", field + ".")
            text = r.text(entry, "text", field + ".", required=False)
            if text:
                texts[str(tid)] = text
        else:
            indicators[str(tid)] = r.line(found, tid, "targets.")
    return indicators, texts


def load_glossary(folder: Path, display: str) -> tuple[list[GlossaryTerm], list[ContentError]]:
    terms, _, errors = load_entries(folder / "glossary.yaml", f"{display}/glossary.yaml", "terms", _term)
    return terms, errors


def _term(r: Reader, item: LineDict, f: str) -> GlossaryTerm:
    return GlossaryTerm(r.line(item, "term", f), r.line(item, "en", f), r.text(item, "zh", f), r.text(item, "explanation", f))


def coverage(report: Report, translation: Translation | None) -> tuple[int, int, int]:
    """(reviewed, draft, total) paragraphs of the report."""
    total = len(report.all_paragraphs())
    if translation is None:
        return 0, 0, total
    statuses = [translation.paragraphs[p.id].status for p in report.all_paragraphs() if p.id in translation.paragraphs]
    return statuses.count("reviewed"), statuses.count("draft"), total
