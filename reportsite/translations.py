"""Loading pass for translations: content/reports/<id>/en.yaml, keyed by the same IDs as the Chinese."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import ContentError
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
    target_texts: dict = field(default_factory=dict)  # target id -> the quoted clause in English, where given

    def paragraph(self, p: Paragraph) -> ParagraphTranslation | None:
        found = self.paragraphs.get(p.id)
        return found if found and found.status != "missing" else None


@dataclass(frozen=True)
class GlossaryTerm:
    term: str
    en: str
    zh: str
    explanation: str


def load_translation(folder: Path, display: str, report: Report, language: str = "en") -> tuple[Translation | None, list[ContentError]]:
    path = folder / f"{language}.yaml"
    if not path.exists():
        return None, []
    shown = f"{display}/{language}.yaml"
    data, errors = load_yaml(path, shown)
    if not isinstance(data, LineDict):
        return None, errors or [ContentError(shown, 0, "", "expected a mapping at the top")]
    paragraphs = {}
    known = {p.id: p for p in report.all_paragraphs()}
    for pid, node in (data.get("paragraphs") or {}).items():
        line = data["paragraphs"].line_of(pid) if isinstance(data["paragraphs"], LineDict) else 0
        if pid not in known:
            errors.append(ContentError(shown, line, f"paragraphs.{pid}", "no paragraph with this ID in the Chinese text", "remove it or fix the ID"))
            continue
        if not isinstance(node, dict):
            errors.append(ContentError(shown, line, f"paragraphs.{pid}", "expected a mapping with status and text or blocks"))
            continue
        status = str(node.get("status", "draft"))
        if status not in TRANSLATION_STATUSES:
            errors.append(ContentError(shown, line, f"paragraphs.{pid}.status", f"unknown status {status!r}", "use reviewed, draft or missing"))
        if "blocks" in node and isinstance(node["blocks"], list):
            blocks = tuple(Block(str(b.get("text", "")), str(b.get("lead", "")), str(b.get("marker", ""))) for b in node["blocks"] if isinstance(b, dict))
            if len(blocks) != len(known[pid].blocks):
                errors.append(ContentError(shown, line, f"paragraphs.{pid}.blocks", f"{len(blocks)} blocks, the Chinese has {len(known[pid].blocks)}", "translate block by block"))
        else:
            blocks = (Block(str(node.get("text", ""))),)
        paragraphs[pid] = ParagraphTranslation(blocks, status)
    titles = {}
    for key in ("parts", "sections", "lists"):
        titles.update({str(k): str(v) for k, v in (data.get(key) or {}).items()})
    translation = Translation(
        language, str(data.get("note", "")), {str(k): str(v) for k, v in (data.get("meta") or {}).items()},
        titles, paragraphs, *_target_translations(data.get("targets") or {}),
    )
    return translation, errors


def _target_translations(node: dict) -> tuple[dict, dict]:
    """(indicators, quoted clauses): a target is `t1: indicator` or `t1: {indicator: …, text: …}`."""
    indicators, texts = {}, {}
    for key, value in node.items():
        if isinstance(value, dict):
            indicators[str(key)] = str(value.get("indicator", ""))
            if value.get("text"):
                texts[str(key)] = str(value["text"])
        else:
            indicators[str(key)] = str(value)
    return indicators, texts


def load_glossary(folder: Path, display: str) -> tuple[list[GlossaryTerm], list[ContentError]]:
    path = folder / "glossary.yaml"
    if not path.exists():
        return [], []
    shown = f"{display}/glossary.yaml"
    data, errors = load_yaml(path, shown)
    terms = []
    for i, node in enumerate((data or {}).get("terms") or []):
        if not isinstance(node, dict) or not node.get("term"):
            errors.append(ContentError(shown, getattr(node, "line", 0), f"terms[{i}]", "each term needs term, en, zh and explanation"))
            continue
        terms.append(GlossaryTerm(str(node["term"]), str(node.get("en", "")), str(node.get("zh", "")), str(node.get("explanation", ""))))
    return terms, errors


def coverage(report: Report, translation: Translation | None) -> tuple[int, int, int]:
    """(reviewed, draft, total) paragraphs of the report."""
    total = len(report.all_paragraphs())
    if translation is None:
        return 0, 0, total
    statuses = [translation.paragraphs[p.id].status for p in report.all_paragraphs() if p.id in translation.paragraphs]
    return statuses.count("reviewed"), statuses.count("draft"), total
