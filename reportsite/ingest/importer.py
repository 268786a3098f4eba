"""The import command: a raw scraped report -> clean, structured YAML under content/reports/<id>/."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..content.reader import SITE_NAMES
from ..content.report import load_report
from ..errors import ContentErrors, ImportProblem, shown
from ..content.model import Meta, Report, Target
from .suspicious import find_suspicious
from .chrome import is_chrome, split_chrome
from .portal import strip_furniture
from .clean import clean
from .corrections import folder_corrections, merge_corrections, raw_file_corrections
from .decode import read_raw, read_seed
from .ids import assign_structure_ids, assign_target_ids, is_report_id
from .store import provenance_data, report_files, write_report
from .digest import digest_part, is_digest
from .metadata import find_place_and_year
from .appendix import split_appendices
from .marks import ONE_PART_WARNING, not_a_report_message, one_part, reads_as_report
from .news import is_news_rewrite
from .notes import split_notes, unmatched_marker_warnings
from .headings import HEADLINES, drop_table_of_contents
from .structure import parse_structure
from .verify import contradicted_corrections, with_verdicts

MAX_SEED_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class ImportResult:
    report: Report
    folder: Path
    warnings: list[str]
    files: dict = field(default_factory=dict, compare=False)  # relative path -> YAML text, written or to write


def default_report_id(place: str, year: int | None) -> str:
    """绛县 + 2022 -> jiangxian-2022: the place in pinyin, then the year."""
    from pypinyin import lazy_pinyin
    slug = "".join(lazy_pinyin(place)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", slug).strip("-")
    return "-".join(x for x in (slug, str(year) if year else "") if x)


def parse_report(data: bytes, corrections=(), report_id: str | None = None) -> tuple[Report, dict]:
    """Raw bytes -> a Report without IDs, plus what provenance needs. Pure: touches no files."""
    if len(data) > MAX_SEED_BYTES:
        raise ImportProblem(f"the file is {len(data) // 2**20} MB; a work report is far smaller (limit {MAX_SEED_BYTES // 2**20} MB)")
    text, encoding = read_raw(data)
    cleaned = clean(text, list(corrections))
    furniture = strip_furniture(cleaned.text.split("\n"))
    lines, appendices = split_appendices(list(furniture.lines))
    page, body, dropped = split_chrome(drop_table_of_contents(lines))
    dropped = [*furniture.dropped, *dropped]
    scraped = furniture.meta
    body, notes = split_notes(body)
    news = is_news_rewrite(body)
    opening, parts, closing = parse_structure(body, HEADLINES if news else None)
    digest = not parts and is_digest(body)
    structure_warnings = []
    if digest:
        # A news article's first line is its headline: 溪南县政府工作报告提出今年主要预期目标.
        page = replace(page, title=page.title or next((line for line in dropped if not is_chrome(line)), ""))
        opening, parts, closing = [], [digest_part(body, page.title)], []
    elif not parts and reads_as_report(body, page.salutation):
        part, closing = one_part(body)
        opening, parts = [], [part]
        structure_warnings.append(ONE_PART_WARNING)
    elif not parts or not (page.title or page.occasion or page.salutation or opening or len(parts) >= 2):
        raise ImportProblem(not_a_report_message())
    speaker = page.speaker or scraped.get("speaker", "")
    found = find_place_and_year(page.title, page.occasion, speaker, opening[0].text if opening else "",
                                [p.title for p in parts], "\n".join(p.text for p in parts[0].paragraphs) if digest else "",
                                titles=tuple(t for t in (scraped.get("title"),) if t), delivered=page.delivered,
                                body="\n".join(body))
    rid = report_id or default_report_id(found.place_id or found.place, found.year)
    title, heading = _title_and_heading(page, scraped.get("title", ""), found.place, found.year)
    meta = Meta(
        title=title, place=found.place, year=found.year or 0, heading=heading,
        published=page.published or scraped.get("published", ""), source=page.source or scraped.get("source", ""),
        source_url=scraped.get("source_url", ""), occasion=page.occasion, delivered=page.delivered,
        speaker=speaker, salutation=page.salutation, province=found.province, digest=digest or news,
        prefecture=found.prefecture, named=found.named, level=found.level, office=scraped.get("office") or _office_of(speaker),
    )
    report = Report(rid, meta, tuple(opening), tuple(parts), tuple(closing), repairs=with_verdicts(cleaned.repairs),
                    notes=tuple(notes), appendices=tuple(appendices))
    cut_short = [] if digest or news else truncation_warnings(report)
    report = replace(report, meta=replace(meta, kind=text_kind(digest or news, is_excerpt(report, cut_short))))
    warnings = [*found.warnings, *structure_warnings, *cut_short,
                *unmatched_marker_warnings([p.text for p in report.all_paragraphs()], notes)]
    info = {"encoding": encoding, "dropped": dropped, "unmatched": cleaned.unmatched, "warnings": warnings}
    return report, info


_OFFICE = re.compile(r"^(.{2,30}?人民政府)")


def _office_of(speaker: str) -> str:
    """The issuing body a speaker line names: 保定市清苑区人民政府区长 李英英 -> 保定市清苑区人民政府."""
    m = _OFFICE.match(speaker)
    return m.group(1) if m else ""


def _title_and_heading(page, scraped_title: str, place: str, year: int | None) -> tuple[str, str]:
    """The page's own title line, unless it is the bare heading (政府工作报告) and the scraper or
    portal gave a title that names the report; then that bare line is the heading."""
    if page.title and (not scraped_title or _TITLE_NAMES.search(page.title)):
        return page.title, page.heading
    if scraped_title:
        return scraped_title, page.heading or page.title
    return f"{year}年{place}政府工作报告" if year else f"{place}政府工作报告", page.heading


_TITLE_NAMES = re.compile(r"\d{4}年|[县市区旗州盟]")


NOT_A_REPORT = not_a_report_message()


def is_excerpt(report: Report, cut_short: list[str]) -> bool:
    """A copy that stops early: mid-sentence, or without a closing address where its last paragraph
    is not the exhortation a report ends with (…而努力奋斗！)."""
    if any("cut off" in w for w in cut_short) or not report.all_paragraphs():
        return True
    return not report.closing and not report.all_paragraphs()[-1].text.endswith("！")


def text_kind(news: bool, cut_short: bool) -> str:
    """report, excerpt (the copy stops early) or news (a rewrite or digest of the report)."""
    return "news" if news else "excerpt" if cut_short else "report"


def truncation_warnings(report: Report) -> list[str]:
    """Where a copy seems to stop early: no closing address, or a last sentence cut off."""
    warnings = []
    if not report.closing:
        warnings.append("the text seems to stop early: no closing address (各位代表，…) was found")
    last = report.all_paragraphs()[-1].text if report.all_paragraphs() else ""
    if last and last[-1] not in "。！？”）…":
        warnings.append(f"the text seems to stop early: the last sentence is cut off (…{last[-12:]})")
    return warnings


def _carry_tracking(targets: list[Target], previous: Report | None) -> list[Target]:
    """Keep what editors recorded about a target (status, outcome, evidence) across a re-import, and a
    reviewed target whole: its label, nature, figure and cross-references are an editor's."""
    if previous is None:
        return targets
    old = {t.id: t for t in previous.targets}
    return [_carried(t, o) if (o := old.get(t.id)) else t for t in targets]


def _carried(new: Target, old: Target) -> Target:
    if old.reviewed:
        return replace(old, paragraph=new.paragraph, list=new.list, baseline=new.baseline or old.baseline, source=new.source)
    return replace(new, status=old.status, outcome=old.outcome, evidence=old.evidence)


def _retire_vanished(report: Report, previous: Report | None) -> dict:
    """IDs of the previous import that are gone now point to their section (or part), and figures to
    their paragraph, so links still land."""
    if previous is None:
        return {}
    live = {p.id for p in report.all_paragraphs()} | {s.id for s in report.sections()} | {p.id for p in report.parts}
    retired = {k: v for k, v in previous.retired.items() if k not in live}
    for part in previous.parts:
        for s in part.sections:
            for p in s.paragraphs:
                if p.id not in live:
                    retired[p.id] = s.id if s.id in live else report.parts[0].id
            if s.id not in live:
                retired[s.id] = part.id if part.id in live else report.parts[0].id
        for p in part.intro + part.outro:
            if p.id not in live:
                retired[p.id] = part.id if part.id in live else report.parts[0].id
    for p in previous.opening + previous.closing:
        if p.id not in live:
            retired[p.id] = report.parts[0].id
    # A figure that is no longer read from the text sends its readers to the paragraph it came from.
    live_figures = {t.id for t in report.targets} | {l.id for l in report.lists}
    for unit in (*previous.targets, *previous.lists):
        if unit.id not in live_figures and unit.id not in live:
            retired[unit.id] = unit.paragraph if unit.paragraph in live else retired.get(unit.paragraph, report.parts[0].id)
    return dict(sorted(retired.items()))


def check_report_id(report_id: str, given: bool) -> None:
    """Refuse an id that would write outside content/reports/ or that the build would reject."""
    if report_id in SITE_NAMES:  # the build refuses it: its pages would land in the site's own folder
        raise ImportProblem(f"{'--id' if given else 'the id'} {report_id!r} is the name of a folder of the site "
                            f"({', '.join(sorted(SITE_NAMES))}): pass another with --id, e.g. --id {report_id}-report")
    if is_report_id(report_id):
        return
    if given:
        raise ImportProblem(f"--id {report_id!r} is not a report id: use lower-case letters, digits and single hyphens, e.g. jiangxian-2022")
    raise ImportProblem("the place and year of the report were not found, so it has no default id: pass one with --id, e.g. --id jiangxian-2022")


def _located(problems: list, files: dict[str, str], display: str) -> list[str]:
    """Suspicious text named by the file and line the import writes it to, where an editor fixes it:
    the line of the unit's `id:` (or of the report's `title:`)."""
    lines = {}
    for name, text in files.items():
        for number, line in enumerate(text.split("\n"), start=1):
            m = re.fullmatch(r"\s*(?:- )?(?:id: (\S+)|(title):.*)", line)
            if m and name.endswith(".yaml"):
                lines.setdefault(m.group(1) or (m.group(2) if name == "report.yaml" else None), (name, number))
    out = []
    for problem in problems:
        name, number = lines.get(problem.field.split(".")[0], ("report.yaml", 0))
        out.append(str(replace(problem, path=f"{display}/{name}", line=number, warning=False)))
    return out


def refuse_overwriting(folder: Path, files: dict[str, str]) -> None:
    """Without --force, the import writes only files that do not exist yet: one that does may hold
    an editor's work even when report.yaml is gone (moved away, or never written)."""
    there = [name for name in sorted(files) if os.path.lexists(folder / name)]
    if there:
        raise ImportProblem(f"{folder}/ already holds {', '.join(there)}, which editors may have changed; nothing was written "
                            "(re-import with --force to replace them, or pass --id NEW-ID)")


def import_report(seed: Path, content_root: Path, report_id: str | None = None, force: bool = False) -> ImportResult:
    """Import one raw report into content_root/reports/<id>/."""
    result = prepare_import(seed, content_root, report_id, force)
    write_report(result.folder, result.files)
    return result


def prepare_import(seed: Path, content_root: Path, report_id: str | None = None, force: bool = False) -> ImportResult:
    """Everything an import does but writing: the report, its folder and its files."""
    if report_id is not None:
        check_report_id(report_id, given=True)
    data = read_seed(seed, MAX_SEED_BYTES)
    reports_root = content_root / "reports"
    display = f"{shown(content_root)}/reports"
    raw_fixes, notes = raw_file_corrections(seed, data)
    # The report's folder is known only after parsing the title, so an editor's corrections are looked
    # up twice: by the id given on the command line, or else by the id parsed from the seed.
    corrections = raw_fixes
    if report_id:
        corrections = merge_corrections(raw_fixes, folder_corrections(reports_root / report_id, f"{display}/{report_id}"))
    report, info = parse_report(data, corrections, report_id)
    check_report_id(report.id, given=False)
    folder = reports_root / report.id
    if not report_id and (folder / "corrections.yaml").exists():
        corrections = merge_corrections(raw_fixes, folder_corrections(folder, f"{display}/{report.id}"))
        report, info = parse_report(data, corrections, report.id)
    previous = None
    if (folder / "report.yaml").exists():
        if not force:
            raise ImportProblem(
                f"{folder}/ already holds report {report.id!r}, which editors may have changed; "
                "re-import with --force to replace its text (IDs, target status and evidence are kept), or pass --id NEW-ID"
            )
        previous, errors = load_report(folder, f"{shown(content_root)}/reports/{report.id}")
        if previous is None:
            raise ContentErrors(errors)
    report = assign_structure_ids(report, previous)
    from .targets import extract_targets

    targets, lists = assign_target_ids(extract_targets(report), previous)
    report = replace(report, targets=tuple(_carry_tracking(targets, previous)), lists=tuple(lists))
    report = replace(report, retired=_retire_vanished(report, previous))
    # What is said of the raw text as a whole names the raw file; the rest names the file to fix.
    warnings = [str(replace(n, warning=False)) for n in notes] + [f"{seed}: {w}" for w in info["warnings"]]
    text = data.decode("utf-8", "replace")
    warnings += [f"{c.path}:{c.line}: correction not applied: its garbled text occurs {text.count(c.garbled)} times, not once" for c in info["unmatched"]]
    warnings += [f"{c.path}:{c.line}: correction contradicts the bytes that survived: {v}" for c, v in contradicted_corrections(corrections)]
    provenance = provenance_data(report, seed.name, data, info["encoding"], info["dropped"])
    files = report_files(report, provenance)
    warnings += _located(find_suspicious(report), files, f"{display}/{report.id}")
    if not force:
        refuse_overwriting(folder, files)
    return ImportResult(report, folder, warnings, files)
