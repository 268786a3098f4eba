"""The work of the render, data-file and search passes, as jobs: one per page or per set of files,
each a function of its inputs alone, so that they run the same in one process or in several."""

from __future__ import annotations

from pathlib import Path

from ..cache import cached_file_name
from .cards import card_folder, card_key, card_png, paragraph_card, target_card
from .datafiles import datapackage, report_csv, report_json, report_json_en, share_card, source_files
from .i18n import Lang
from .output import HeldFile
from .pages import Page
from .render import Glossary
from .workers import FileJob, RenderJob
from .reports import LoadedReport, ReportBuild
from .search import INDEX_NAME, build_search_index, search_keys_of
from .settings import Settings
from .sitemap import urlset
from .views import GlossaryEntry, ReportView


def report_jobs(rb: ReportBuild, settings: Settings, cards: bool = True, held=None) -> tuple[list, list, list]:
    """The render, data-file and search-index jobs of one report. Its paragraphs' and targets' share
    cards (none if not `cards`) are drawn in the render pass, beside the pages: the data pass has a
    few jobs a report and runs them without starting workers, and a build whose cards are all in the
    cache would start them only to copy cards. `held` is the output tree's (OutputTree.held)."""
    languages = settings.languages
    glossaries = {lang.code: Glossary(rb.glossaries[lang.code], settings.site.base_path + f"{lang.prefix}{rb.item.report.id}/glossary/", lang)
                  for lang in languages if rb.item.glossary}
    pages = page_jobs(rb.pages, settings, glossaries)
    if cards:
        pages += [job for lang in languages for job in _card_jobs(rb.views[lang.code], lang, settings.site.title_in(lang.code), held)]
    sitemap = urlset(rb.pages, languages, settings.url)
    data = [_data_job(rb.item, rb.views[languages[0].code], settings.url, sitemap, rb.views.get("en"), rb.outcomes)]
    originals = {p.id: p.text for p in rb.item.report.all_paragraphs()}
    search = [_search_job(rb.views[lang.code], lang, rb.glossaries[lang.code], originals) for lang in languages]
    search += [_keys_job(rb.views[lang.code], lang, rb.glossaries[lang.code]) for lang in languages]
    return pages, data, search


def page_jobs(by_lang: dict[str, list[Page]], settings: Settings, glossaries: dict[str, Glossary] | None = None) -> list[RenderJob]:
    """A render job per page, each with the addresses of the same page in the other languages."""
    keys = {code: {p.key for p in pages} for code, pages in by_lang.items()}
    return [RenderJob(page, lang, [(other, settings.url + other.prefix + page.key) for other in settings.languages if page.key in keys[other.code]],
                      (glossaries or {}).get(lang.code), settings.compiled[page.template], settings.site)
            for lang in settings.languages for page in by_lang[lang.code]]


def _data_paths(item: LoadedReport) -> list[tuple[str, Path | None]]:
    rid = item.report.id
    sources = source_files(item.folder, item.report)
    return ([(f"{rid}/report.json", None), (f"{rid}/targets.csv", None), (f"{rid}/card.png", None), (f"{rid}/sitemap.xml", None),
             (f"{rid}/datapackage.json", None), (f"{rid}/report.en.json", None), (f"{rid}/targets.en.csv", None)]
            + [(f"{rid}/source/{path.relative_to(item.folder).as_posix()}", path) for path in sources])


def _data_job(item: LoadedReport, rv: ReportView, url: str, sitemap: str, english: ReportView | None = None,
              outcomes: dict | None = None) -> FileJob:
    """A report's files for reuse (JSON, CSV, their descriptor, in English too if the site has English
    pages; its YAML), its share card and its sitemap."""
    paths = [(out, path) for out, path in _data_paths(item) if english is not None or not out.endswith((".en.json", ".en.csv"))]

    def make() -> list:
        files = {"report.json": report_json(item.report, rv, url, outcomes), "targets.csv": report_csv(item.report, rv, url, outcomes=outcomes),
                 "card.png": share_card(item.report), "sitemap.xml": sitemap,
                 "datapackage.json": datapackage(item.report, url, english is not None)}
        if english is not None:
            files |= {"report.en.json": report_json_en(item.report, english, url, outcomes),
                      "targets.en.csv": report_csv(item.report, rv, url, english, outcomes)}
        return [(out, files[out.split("/", 1)[1]] if path is None else path.read_bytes()) for out, path in paths]

    return FileJob(tuple(out for out, _ in paths), make)


def _card_jobs(rv: ReportView, lang: Lang, site_title: str, held=None) -> list[FileJob]:
    """A share card per paragraph and per target, each a job of its own: drawing is the slow part."""
    cards = [(p.url, paragraph_card(rv, p, site_title)) for p in rv.paragraphs]
    cards += [(t.url, target_card(rv, t, site_title, lang.code)) for t in rv.targets]
    folder = card_folder()
    return [FileJob((url + "card.png",), lambda url=url, card=card: [(url + "card.png", _card_file(card, folder, held))]) for url, card in cards]


def _card_file(card, folder, held):
    """The card, or where the output tree holds it already (serve's, after its first build): an edit
    makes a report's cards again, and reading its thousand unchanged cards was a fifth of the rebuild."""
    if held is not None:
        name = cached_file_name(folder, card_key(card))
        if name is not None and held(name):
            return HeldFile(name)
    return card_png(card, folder)


def _search_job(rv: ReportView, lang: Lang, glossary: tuple[GlossaryEntry, ...], originals: dict[str, str]) -> FileJob:
    path = f"{lang.prefix}{rv.id}/{INDEX_NAME}"
    return FileJob((path,), lambda: [(path, build_search_index(rv, lang, glossary, originals))])


def keys_path(lang: Lang, report_id: str) -> str:
    """Where run_jobs returns a report's part of a language's search key files (not a file of the site)."""
    return f"{lang.code}/{report_id}"


def _keys_job(rv: ReportView, lang: Lang, glossary: tuple[GlossaryEntry, ...]) -> FileJob:
    """A report's part of its language's key files: made beside its shard, in the workers, but kept
    by the build (ReportBuild.key_lines), never published."""
    path = keys_path(lang, rv.id)
    return FileJob((path,), lambda: [(path, search_keys_of(rv, glossary))], private=True)
