"""Data pass: files for people who reuse the report — report.json, targets.csv — and the share card."""

from __future__ import annotations

import csv
import io
import json
from importlib import resources
from functools import lru_cache
from pathlib import Path

from ..cache import cache_key, code_digest, keep, private_cache_folder, read_cached
from ..content.model import Report
from ..content.outcomes import ArchiveOutcomes, GoalOutcome
from .units import english_unit
from .views import ReportView

JSON_SCHEMA_VERSION = 2  # 2: a target's outcome is what the next year's report states; the hand-entered figure is `reached`


def _absolute(base_url: str, url: str) -> str:
    return base_url + url


def report_json(report: Report, rv: ReportView, base_url: str, outcomes: dict[str, GoalOutcome] | None = None) -> str:
    """The whole report as JSON (its JSON Schema: reportsite/schema/report.schema.json)."""
    return _compact(report_data(report, rv, base_url, outcomes))


def outcome_data(o: GoalOutcome | None, base_url: str) -> dict | None:
    """A goal's `outcome` in report.json: the status, the stated figure and its words, where it is stated."""
    if o is None:
        return None
    url = o.url or (_absolute(base_url, f"{o.report}/p/{o.paragraph}/") if o.report and o.paragraph else "")
    return {"status": o.status, "value": o.value, "estimate": o.estimate, "quote": o.quote, "report": o.report or None,
            "paragraph": o.paragraph or None, "url": url or None, "reviewed": o.reviewed}


# outcome_data's keys as targets.csv's columns, in the same order.
OUTCOME_FIELDS = ("status", "value", "estimate", "quote", "report", "paragraph", "url", "reviewed")


def report_json_en(report: Report, rv: ReportView, base_url: str, outcomes: dict[str, GoalOutcome] | None = None) -> str:
    """report.en.json: report.json's keys, with the English of the English view `rv` wherever en.yaml
    gives it (a paragraph or clause not yet translated keeps its Chinese, as the pages show it)."""
    data = report_data(report, rv, base_url, outcomes)
    data.update(title=rv.title, place=rv.place, occasion=rv.occasion, source=rv.source, language="en")
    views = {t.id: t for t in rv.targets}
    for target in data["targets"]:
        view = views[target["id"]]
        target.update(indicator=view.indicator, text=view.text_en or target["text"], url=_absolute(base_url, view.url),
                      unit=english_unit(target["unit"]), qualifier=view.qualifier)
    titles = {l.id: l.title for l in rv.lists}
    for lst in data["lists"]:
        lst["title"] = titles.get(lst["id"], lst["title"])
    return _compact(data)


def _compact(data: dict) -> str:
    # Compact: with an indent, json falls back from its C encoder to Python, eight times slower.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def report_data(report: Report, rv: ReportView, base_url: str, outcomes: dict[str, GoalOutcome] | None = None) -> dict:
    """What report.json holds: the metadata, the text by part, section and paragraph, the targets and lists,
    the notes (with the paragraphs that mark them) and the appendices."""
    def paragraph(p) -> dict:
        return {"id": p.id, "number": p.number, "text": p.plain, "url": _absolute(base_url, p.url)}

    m = report.meta
    data = {
        "schema": JSON_SCHEMA_VERSION,
        "id": report.id,
        "title": m.title, "place": m.place, "year": m.year, "occasion": m.occasion, "delivered": m.delivered,
        "published": m.published, "source": m.source, "source_url": m.source_url, "language": m.language,
        "url": _absolute(base_url, rv.url),
        "opening": [paragraph(p) for p in rv.opening],
        "parts": [
            {"id": part.id, "title": part.title, "url": _absolute(base_url, part.url),
             "intro": [paragraph(p) for p in part.intro],
             "sections": [{"id": s.id, "title": s.title, "url": _absolute(base_url, s.url),
                           "paragraphs": [paragraph(p) for p in s.paragraphs]} for s in part.sections],
             "outro": [paragraph(p) for p in part.outro]}
            for part in rv.parts
        ],
        "closing": [paragraph(p) for p in rv.closing],
        "targets": [
            {"id": t.id, "kind": t.kind, "indicator": t.indicator, "value": t.value, "unit": t.unit, "growth": t.growth,
             "qualifier": t.qualifier, "year": t.year, "paragraph": t.paragraph, "text": t.text, "baseline": t.baseline or None,
             "list": t.list or None, "number": t.number, "status": t.status, "reached": t.outcome,
             "outcome": outcome_data((outcomes or {}).get(t.id), base_url),
             "evidence": [{"date": e.date, "note": e.note, "url": e.url} for e in t.evidence],
             "url": _absolute(base_url, f"{report.id}/p/{t.id}/")}
            for t in report.targets
        ],
        "lists": [{"id": l.id, "title": l.title, "paragraph": l.paragraph, "items": list(l.items)} for l in report.lists],
        "kind": m.kind, "prefecture": m.prefecture, "province": m.province, "level": m.level, "office": m.office,
        "speaker": m.speaker, "named": m.named,
        "notes": [{"id": n.id, "mark": n.mark, "text": n.text,
                   "paragraphs": [p.id for p in rv.paragraphs if any(v.id == n.id for v in p.notes)]} for n in report.notes],
        "lost_notes": list(rv.lost_marks),
        "appendices": [{"id": a.id, "title": a.title, "items": list(a.items), "url": _absolute(base_url, f"{report.id}/text/#{a.id}")}
                       for a in report.appendices],
        "retired": dict(sorted(report.retired.items())),
    }
    return data


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value) -> object:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


CSV_COLUMNS = ("id", "kind", "indicator", "value", "unit", "growth", "qualifier", "year", "status", "reached",
               "paragraph", "section", "text", "url") + tuple(f"outcome_{name}" for name in OUTCOME_FIELDS)


def report_csv(report: Report, rv: ReportView, base_url: str, english: ReportView | None = None,
               outcomes: dict[str, GoalOutcome] | None = None) -> str:
    """targets.csv, one row per target; with the English view `english`, targets.en.csv: the same
    columns, with the indicator, the clause (where en.yaml gives it) and the address in English."""
    views = {t.id: t for t in english.targets} if english else {}
    positions = report.positions()
    sections = {pid: where.section.id for pid, where in positions.items() if where.section}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for t in report.targets:
        view = views.get(t.id)
        indicator, text = (view.indicator, view.text_en or t.text) if view else (t.indicator, t.text)
        unit, qualifier = (english_unit(t.unit), view.qualifier) if view else (t.unit, t.qualifier)
        url = _absolute(base_url, view.url if view else f"{report.id}/p/{t.id}/")
        writer.writerow([csv_safe(x) for x in (
            t.id, t.kind, indicator, "" if t.value is None else t.value, unit, "" if t.growth is None else t.growth,
            qualifier, t.year or "", t.status, "" if t.outcome is None else t.outcome, t.paragraph,
            sections.get(t.paragraph, ""), text, url, *_outcome_cells(outcome_data((outcomes or {}).get(t.id), base_url)),
        )])
    # A BOM so that spreadsheet programs open the Chinese text as UTF-8.
    return "\ufeff" + buffer.getvalue()


def _outcome_cells(data: dict | None) -> list:
    if data is None:
        return [""] * len(OUTCOME_FIELDS)
    return ["" if data[k] is None else ("true" if data[k] is True else "false" if data[k] is False else data[k]) for k in OUTCOME_FIELDS]


OUTCOMES_CSV = "outcomes.csv"  # the archive's every place's goals and outcomes by year, at the site's root


def outcomes_csv(tracked: ArchiveOutcomes) -> str:
    """outcomes.csv: one row per goal of every report, places and years in order (track's columns)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(tracked.columns)
    for row in tracked.rows:
        writer.writerow([csv_safe("" if row[c] is None else row[c]) for c in tracked.columns])
    return "\ufeff" + buffer.getvalue()


# The schemas of the data files, kept beside the package's code (found by package, not by path).
_SCHEMAS = resources.files("reportsite").joinpath("schema")
REPORT_SCHEMA_PATH = "schema/report.schema.json"  # where the site publishes report.json's schema


def report_schema(base_url: str) -> str:
    """report.json's JSON Schema (draft 2020-12) as the site publishes it: its $id is its address there."""
    schema = json.loads(_SCHEMAS.joinpath("report.schema.json").read_text(encoding="utf-8"))
    schema["$id"] = base_url + REPORT_SCHEMA_PATH
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def targets_table_schema() -> dict:
    """The Frictionless Table Schema of targets.csv and targets.en.csv."""
    return json.loads(_SCHEMAS.joinpath("targets.tableschema.json").read_text(encoding="utf-8"))


def datapackage(report: Report, base_url: str, english: bool) -> str:
    """datapackage.json: a Frictionless Tabular Data Package describing the report's CSV files."""
    table = targets_table_schema()

    def resource(name: str, path: str, language: str, title: str) -> dict:
        return {"name": name, "path": path, "title": title, "profile": "tabular-data-resource", "format": "csv",
                "mediatype": "text/csv", "encoding": "utf-8-sig", "language": language, "schema": table}

    resources_ = [resource("targets", "targets.csv", report.meta.language or "zh-Hans", f"{report.meta.title}: targets")]
    if english:
        resources_.append(resource("targets-en", "targets.en.csv", "en", f"{report.meta.title}: targets (English)"))
    data = {"profile": "tabular-data-package", "name": report.id, "title": report.meta.title,
            "homepage": _absolute(base_url, f"{report.id}/"), "resources": resources_}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# The files a report is made of, besides its part files (listed in report.yaml), in the order a
# reader would open them. Drafts and anything else in the folder stay unpublished.
SOURCE_FILES = ("report.yaml", "targets.yaml", "en.yaml", "glossary.yaml", "corrections.yaml", "provenance.yaml")


def source_files(folder: Path, report: Report) -> list[Path]:
    """The YAML files under `folder` that make up `report`: regular files only, none reached through
    a symlink, so nothing outside the report folder is ever published."""
    names = [SOURCE_FILES[0], *(f"parts/{Path(part.source.path).name}" for part in report.parts), *SOURCE_FILES[1:]]
    return [folder / name for name in names if _own_file(folder, folder / name)]


def _own_file(folder: Path, path: Path) -> bool:
    return path.is_file() and not any(p.is_symlink() for p in (path, path.parent)) and path.resolve().is_relative_to(folder.resolve())


_FONT_PATHS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
)


@lru_cache(maxsize=8)
def card_font(size: int):
    from PIL import ImageFont

    for path in _FONT_PATHS:
        if Path(path).exists():
            # Basic layout: the cards set Chinese and English only, which need no shaping, and Raqm's
            # measuring took thirty times as long.
            return ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.BASIC), True
    return ImageFont.load_default(size=size), False


def card_font_file() -> Path | None:
    """The CJK font the cards are drawn with, or None (the cards then show only Latin text)."""
    return next((Path(p) for p in _FONT_PATHS if Path(p).exists()), None)


def share_card(report: Report) -> bytes:
    """A 1200x630 PNG for link previews: the title, the occasion and the headline goals as bars."""
    goals = tuple(t.growth for t in report.targets if t.kind == "indicator" and t.growth is not None)[:8]
    return _card(report.id, one_line(report.meta.title), one_line(report.meta.occasion), goals)


@lru_cache(maxsize=256)
def _card(report_id: str, title: str, occasion: str, goals: tuple) -> bytes:
    """The card as drawn before from the same inputs, font, Pillow and drawing code, from the private
    cache: drawing it was most of the seed's data files pass, and it changes only with the report's title."""
    import PIL  # its version alone: the drawing modules load only to draw

    font = card_font_file()
    key = cache_key(report_id, title, occasion, goals, PIL.__version__, str(font), font.stat().st_mtime_ns if font else 0,
                    code_digest(__file__)) + ".png"
    folder = private_cache_folder("cards")
    card = read_cached(folder, key)
    if card is None or not card.startswith(b"\x89PNG"):
        card = _draw_card(report_id, title, occasion, goals)
        keep(folder, key, card)
    return card


def one_line(text: str) -> str:
    """Text the card can lay out: Pillow's layout fails on line and paragraph separators (\r, U+2029)."""
    if not text.isprintable():
        text = "".join(c if c.isprintable() else " " for c in text)
    return " ".join(text.split())


def _draw_card(report_id: str, title: str, occasion: str, goals: tuple) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1200, 630), (18, 52, 86))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 1200, 12), fill=(200, 40, 40))
    big, has_cjk = card_font(64)
    small, _ = card_font(30)
    draw.text((70, 70), title if has_cjk else f"{report_id} work report", font=big, fill=(255, 255, 255))
    if has_cjk:
        draw.text((70, 160), occasion.lstrip("—－-"), font=small, fill=(200, 215, 230))
    top = max([abs(g) for g in goals] + [1])
    for i, growth in enumerate(goals):
        x = 70 + i * 135
        h = int(260 * abs(growth) / top)
        draw.rectangle((x, 560 - h, x + 90, 560), fill=(240, 180, 60))
        draw.text((x, 565 - h - 40), f"{growth:g}%", font=small, fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)  # a flat image: faster levels cost little size
    return buffer.getvalue()
