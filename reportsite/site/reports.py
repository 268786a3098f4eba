"""Per-report pass: each report folder -> its checked content, views and page list (a ReportBuild).

A report's share of the site is a function of its folder, the site settings and its place's
neighbouring years alone, so a rebuild (serve) makes again only the reports whose folder or
neighbours changed, and every report when a setting, template or static file did.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..content.archive import Archive, YearLinks, same_place_and_year
from ..content.ledger import check_ledger
from ..content.model import Report
from ..content.notes import load_notes
from ..content.outcomes import ArchiveOutcomes, GoalOutcome
from ..content.report import folders_outside, load_report_kept, report_folders
from ..content.translations import GlossaryTerm, Translation, load_glossary, load_translation
from ..errors import ContentError, ContentErrors, shown
from .i18n import Lang, remembered_text
from .pages import Page, ReportPageInput
from .registry import report_pages
from .report_view import ReportViewBuilder
from .search import corpus_chars
from .settings import Settings, tree_files
from .views import GlossaryEntry, ReportView


@dataclass(frozen=True)
class LoadedReport:
    """A report folder's content, read and checked: the text, its translation and its glossary."""

    report: Report
    folder: Path
    translation: Translation | None
    glossary: tuple[GlossaryTerm, ...]
    notes: dict[str, str] = field(default_factory=dict)  # the about page's Markdown, "zh" and "en" (content/notes.py)


@dataclass(eq=False)  # compared by identity: "is this the one reused" never looks inside
class ReportBuild:
    """One report's share of the site.

    `files` (path -> digest) is kept only by builds that can reuse it (serve); `chars` holds the
    characters its search indexes contain, per language. `pages` is emptied once they are rendered.
    """

    key: str
    item: LoadedReport
    years: YearLinks
    views: dict[str, ReportView]
    glossaries: dict[str, tuple[GlossaryEntry, ...]]
    pages: dict[str, list[Page]] = field(default_factory=dict)
    page_count: int = 0
    chars: dict[str, str] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    outcomes: dict[str, GoalOutcome] = field(default_factory=dict)  # its goals' outcomes (content.outcomes)
    key_lines: dict[str, list[bytes]] = field(default_factory=dict)  # per language, its part of the search key files (search_keys.py)


def folder_stamp(folder: Path) -> str:
    """Name, size and modification time of every file of a report folder: cheap to take at every rebuild."""
    entries = [(p.relative_to(folder).as_posix(), info.st_mtime_ns, info.st_size) for p in tree_files(folder) for info in (p.stat(),)]
    return hashlib.sha256(repr(entries).encode()).hexdigest()


def load_report_item(content: Path, folder: Path) -> tuple[LoadedReport | None, list[ContentError]]:
    """Read and check one report folder: its text, translation, glossary and published IDs."""
    display = f"{shown(content)}/reports/{folder.name}"
    report, errors = load_report_kept(folder, display)
    if report is None:
        # en.yaml and glossary.yaml do not need the text to be checked for syntax and shape, so they are
        # reported beside the cause; whether their IDs exist waits until the text loads.
        return None, errors + load_translation(folder, display, None)[1] + load_glossary(folder, display)[1]
    translation, errs = load_translation(folder, display, report)
    errors += errs
    glossary, errs = load_glossary(folder, display)
    errors += errs + check_ledger(folder, display, report)
    notes, errs = load_notes(folder, display)
    errors += errs
    if any(not e.warning for e in errors):
        return None, errors
    return LoadedReport(report, folder, translation, tuple(glossary), notes), errors


def make_report_build(item: LoadedReport, settings: Settings, key: str, years: YearLinks,
                      outcomes: dict[str, GoalOutcome] | None = None) -> ReportBuild:
    """A loaded report's views and pages in every language."""
    report, languages = item.report, settings.languages
    codes = {lang.code for lang in languages}
    hant = next((lang for lang in languages if lang.code == "zh-Hant"), None)
    with remembered_text(report.id, hant):  # every zh-Hant text of the report is converted in here
        views = {lang.code: ReportViewBuilder(report, lang, settings.url, item.translation,
                                             settings.site.title_in(lang.code), outcomes)
                 .build(years, has_glossary=bool(item.glossary), has_bilingual="en" in codes and len(codes) > 1)
                 for lang in languages}
        glossaries = {lang.code: glossary_entries(item.glossary, lang) for lang in languages}
        rb = ReportBuild(key, item, years, views, glossaries, outcomes=outcomes or {})
        rb.pages = {lang.code: report_pages(_page_input(rb, lang, settings)) for lang in languages}
    rb.chars = {lang.code: corpus_chars(views[lang.code]) for lang in languages}
    rb.page_count = sum(map(len, rb.pages.values()))
    return rb


def glossary_entries(terms: tuple[GlossaryTerm, ...], lang: Lang) -> tuple[GlossaryEntry, ...]:
    return tuple(GlossaryEntry(term=lang.text(t.term), zh=lang.text(t.zh), en=t.en, explanation=t.explanation) for t in terms)


def _page_input(rb: ReportBuild, lang: Lang, settings: Settings) -> ReportPageInput:
    return ReportPageInput(rv=rb.views[lang.code], lang=lang, site_title=settings.site.title_in(lang.code), base_url=settings.url,
                           notes=_notes(rb.item.notes, lang), partner=rb.views.get("zh-Hans" if lang.code == "en" else "en"),
                           glossary=rb.glossaries[lang.code], retired=rb.item.report.retired)


def _notes(notes: dict[str, str], lang: Lang) -> str:
    """Editors' notes for the about page: about.en.md for English, about.md (converted for zh-Hant,
    with the interface words) otherwise."""
    if lang.code == "en":
        return notes.get("en", "")
    return lang.ui_text(notes["zh"]) if "zh" in notes else ""


def gather(content: Path, settings: Settings, strict: bool, previous: dict[str, ReportBuild], track=None
           ) -> tuple[list[ReportBuild], list[ReportBuild], list[ContentError], Archive, ArchiveOutcomes]:
    """Every report, reusing those of `previous` whose folder, settings, neighbouring years and goals'
    outcomes are unchanged: (all, new ones, warnings, the archive, the outcomes), or ContentErrors listing
    every problem. `track` (reports, their folders by id -> ArchiveOutcomes) computes the outcomes: the
    tracking stage's function, which the command passes in (the site never imports track/)."""
    loaded, problems = [], []
    for folder in report_folders(content):
        key = hashlib.sha256(f"{settings.key}{folder_stamp(folder)}".encode()).hexdigest()
        old = previous.get(folder.name)
        if old is not None and old.key == key:
            loaded.append((key, old.item, old))
            continue
        item, errors = load_report_item(content, folder)
        problems += errors
        if item is not None:
            loaded.append((key, item, None))
    problems += [*settings.warnings, *folders_outside(content), *same_place_and_year([item.report for _, item, _ in loaded], content)]
    errors = [p for p in problems if not p.warning or strict]
    if errors:
        raise ContentErrors(errors)
    archive = Archive.of(item.report for _, item, _ in loaded)
    tracked = track([item.report for _, item, _ in loaded], {item.report.id: item.folder for _, item, _ in loaded}) if track else ArchiveOutcomes()
    builds, fresh = [], []
    for key, item, old in loaded:
        years = archive.year_links(item.report.id)
        outcomes = tracked.of(item.report.id)
        # The same place's previous and next year are the links between reports' pages, and the next
        # year states the outcomes: a report whose neighbours or outcomes changed is made again.
        if old is not None and old.years == years and old.outcomes == outcomes:
            builds.append(old)
            continue
        rb = make_report_build(item, settings, key, years, outcomes)
        builds.append(rb)
        fresh.append(rb)
    return builds, fresh, [p for p in problems if p.warning], archive, tracked
