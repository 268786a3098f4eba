"""The build: content/ -> site/, as one pipeline whose passes run in this order and nowhere else.

site settings and templates -> per report: load, validate, views and pages -> render -> data files
-> search index -> site-wide: static files, sitemap index, character maps -> swap the new site in.
Everything is gathered and checked before anything is written, and the new site is written aside
and swapped in only when the whole build succeeded.

A report's files are a function of its folder and the site settings alone (ReportBuild); the
site-wide pages (home, search, 404, sitemap) are the only ones that read every report. So a
rebuild (serve) renders again only the reports whose folder changed, and everything when a
setting, template or static file did.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from .content import folders_outside, load_report_kept, report_folders, same_place_and_year
from .datafiles import report_csv, report_json, share_card, source_files
from .errors import ContentError, ContentErrors
from .i18n import Lang, forget_text, load_languages, remembered_text
from .ledger import check_ledger, update_ledger
from .output import OutputTree, check_out_folder, commit, staging_folder, write_failed
from .pages import Page, redirect_pages, report_pages, site_pages
from .render import FileJob, Glossary, RenderJob, SiteInfo, load_templates, make_environment, run_jobs, templates_checked_once
from .search import CHARMAP_NAME, INDEX_NAME, build_char_map, build_search_index, corpus_chars, pack_file, packs, search_page_context
from .settings import load_site_settings
from .translations import load_glossary, load_translation
from .views import ReportViewBuilder, bilingual_groups, link_neighbour_years

TEMPLATES = ["bilingual.html", "chrome.html", "home.html", "overview.html", "text.html", "part.html", "section.html", "paragraph.html", "target.html",
             "targets.html", "list.html", "about.html", "404.html", "redirect.html", "search.html", "glossary.html"]


@dataclass
class BuildStats:
    pages: int = 0
    seconds: float = 0.0
    timings: list[tuple[str, float]] = field(default_factory=list)
    warnings: list[ContentError] = field(default_factory=list)


@dataclass
class LoadedReport:
    report: object
    folder: Path
    translation: object
    glossary: list


def _asset_version(static: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in static.rglob("*") if p.is_file()):
        digest.update(path.relative_to(static).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


@dataclass(frozen=True)
class Settings:
    """Everything site-wide that every page depends on; `key` changes when any of it does."""

    url: str
    title: str
    site: SiteInfo
    languages: tuple[Lang, ...]
    compiled: dict
    key: str
    warnings: tuple[ContentError, ...] = ()  # site.yaml's (an unknown setting): errors under --strict


@dataclass(eq=False)  # compared by identity: "is this the one reused" never looks inside
class ReportBuild:
    """One report's share of the site, a function of (its folder, Settings) alone.

    `files` (path -> digest) is kept only by builds that can reuse it (serve); `chars` holds the
    characters its search indexes contain, per language.
    """

    key: str
    item: LoadedReport
    views: dict[str, object]
    pages: dict[str, list[Page]] = field(default_factory=dict)  # until it is rendered
    page_count: int = 0
    chars: dict[str, str] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    neighbours: str = ""  # the same place's reports of the year before and after, which its overview links to


def _digest_files(paths) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(str(path).encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"-")
    return digest.hexdigest()


def _tree_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []


def _folder_stamp(folder: Path) -> str:
    """Name, size and modification time of every file of a report folder: cheap to take at every rebuild."""
    entries = [(p.relative_to(folder).as_posix(), p.stat().st_mtime_ns, p.stat().st_size) for p in _tree_files(folder)]
    return hashlib.sha256(repr(entries).encode()).hexdigest()


def load_settings(content: Path, templates: Path, static: Path, base_url: str | None) -> Settings:
    """Pass 1, site-wide: site.yaml, templates, message catalogs and static files, or ContentErrors."""
    config, problems = load_site_settings(content, base_url)
    if any(not p.warning for p in problems):
        raise ContentErrors(problems)
    url, title = config.base_url, config.title
    env = make_environment(templates)
    compiled = load_templates(env, TEMPLATES)
    phrases = content / "zh-hant-phrases.txt"
    languages = tuple(load_languages(templates, phrases=phrases))
    site = SiteInfo(title, url, urlsplit(url).path or "/", languages, _asset_version(static) if static.exists() else "0",
                    config.contact_url)
    key = _digest_files([content / "site.yaml", phrases, *_tree_files(templates), *_tree_files(static)])
    return Settings(url, title, site, languages, compiled, hashlib.sha256(f"{key}{url}".encode()).hexdigest(), tuple(problems))


def load_report_build(content: Path, folder: Path, settings: Settings, key: str) -> tuple[ReportBuild | None, list[ContentError]]:
    """Pass 2, per report: read and check one report folder and make its views in every language."""
    display = f"{content.name}/reports/{folder.name}"
    report, errors = load_report_kept(folder, display)
    if report is None:
        # en.yaml and glossary.yaml do not need the text to be checked for syntax and shape, so they are
        # reported beside the cause; whether their IDs exist waits until the text loads.
        return None, errors + load_translation(folder, display, None)[1] + load_glossary(folder, display)[1]
    translation, errs = load_translation(folder, display, report)
    errors += errs
    glossary, errs = load_glossary(folder, display)
    errors += errs
    errors += check_ledger(folder, display, report)
    if any(not e.warning for e in errors):
        return None, errors
    item = LoadedReport(report, folder, translation, glossary)
    codes = {lang.code for lang in settings.languages}
    views = {}
    hant = next((lang for lang in settings.languages if lang.code == "zh-Hant"), None)
    with remembered_text(report.id, hant):
        for lang in settings.languages:
            rv = ReportViewBuilder(report, lang, settings.url, translation).build()
            rv.has_glossary = bool(glossary)
            rv.has_bilingual = "en" in codes and len(codes) > 1
            views[lang.code] = rv
        rb = ReportBuild(key, item, views)
        rb.pages = {lang.code: _report_pages(rb, lang, settings) for lang in settings.languages}
        for term in glossary if hant else ():
            hant.text(term.term), hant.text(term.zh)  # asked for by the glossary page, its links and the search index
    rb.chars = {lang.code: corpus_chars(views[lang.code]) for lang in settings.languages}
    rb.page_count = sum(map(len, rb.pages.values()))
    return rb, errors


def report_jobs(rb: ReportBuild, settings: Settings) -> tuple[list, list, list]:
    """The render, data-file and search-index jobs of one report."""
    languages = settings.languages
    keys = {code: {p.key for p in pages} for code, pages in rb.pages.items()}
    glossaries = {lang.code: Glossary(rb.item.glossary, settings.site.base_path + f"{lang.prefix}{rb.item.report.id}/glossary/", lang)
                  for lang in languages if rb.item.glossary}
    pages = [RenderJob(page, lang, [(other, settings.url + other.prefix + page.key) for other in languages if page.key in keys[other.code]],
                       glossaries.get(lang.code), settings.compiled[page.template], settings.site)
             for lang in languages for page in rb.pages[lang.code]]
    sitemap = _urlset("".join(_sitemap_entries(rb.pages, lang, settings) for lang in languages))
    data = [_data_job(rb.item, rb.views[languages[0].code], settings.url, sitemap)]
    originals = {p.id: p.text for p in rb.item.report.all_paragraphs()}
    search = [_search_job(rb.views[lang.code], lang, rb.item.glossary, originals) for lang in languages]
    return pages, data, search


def gather(content: Path, settings: Settings, strict: bool, previous: dict[str, ReportBuild]) -> tuple[list[ReportBuild], list[ReportBuild], list[ContentError]]:
    """Every report, reusing those of `previous` whose folder and settings are unchanged: (all, new ones, problems)."""
    builds, fresh, problems = [], [], []
    for folder in report_folders(content):
        key = hashlib.sha256(f"{settings.key}{_folder_stamp(folder)}".encode()).hexdigest()
        old = previous.get(folder.name)
        if old is not None and old.key == key:
            builds.append(old)
            continue
        rb, errors = load_report_build(content, folder, settings, key)
        problems += errors
        if rb is not None:
            builds.append(rb)
            fresh.append(rb)
    problems += [*settings.warnings, *folders_outside(content), *same_place_and_year([rb.item.report for rb in builds], content)]
    errors = [p for p in problems if not p.warning or strict]
    if errors:
        raise ContentErrors(errors)
    _link_years(content, settings, builds, fresh)
    return builds, fresh, [p for p in problems if p.warning]


def _neighbour_keys(builds: list[ReportBuild]) -> dict[str, str]:
    """Report id -> (year, id) of the same place's reports just before and after it."""
    by_place: dict[str, list[tuple[int, str]]] = {}
    for rb in builds:
        meta = rb.item.report.meta
        if meta.place and meta.year:
            by_place.setdefault(meta.place, []).append((meta.year, rb.item.report.id))
    keys = {}
    for same_place in by_place.values():
        same_place.sort()
        for i, (_, rid) in enumerate(same_place):
            keys[rid] = repr((same_place[i - 1] if i else None, same_place[i + 1] if i + 1 < len(same_place) else None))
    return keys


def _link_years(content: Path, settings: Settings, builds: list[ReportBuild], fresh: list[ReportBuild]) -> None:
    """Link each report to the same place's previous and next year. The one cross-report link of a
    report's pages: a reused report whose neighbours changed (one was added or removed) is made again."""
    keys = _neighbour_keys(builds)
    for i, rb in enumerate(builds):
        key = keys.get(rb.item.report.id, "")
        if rb not in fresh and rb.neighbours != key:
            rb = builds[i] = load_report_build(content, rb.item.folder, settings, rb.key)[0]
            fresh.append(rb)
        rb.neighbours = key
    for lang in settings.languages:
        link_neighbour_years([rb.views[lang.code] for rb in builds])


def render_site(content: Path, templates: Path = Path("templates"), static: Path = Path("static"), strict: bool = False,
                base_url: str | None = None, log=lambda message: None, tree: OutputTree | None = None,
                processes: int = 1, progress=lambda done, total: None,
                previous: dict[str, ReportBuild] | None = None) -> tuple[OutputTree, BuildStats, list[ReportBuild]]:
    """Every pass but the swap: the whole site into `tree` (in memory unless it has a folder), or
    ContentErrors listing every problem. Reports whose folder and settings are those of a report in
    `previous` are not rendered again: their files (kept by `tree`) are reused as they are."""
    stats = BuildStats()
    started = time.perf_counter()

    def timed(name: str, since: float, now: float | None = None) -> float:
        now = now or time.perf_counter()
        stats.timings.append((name, now - since))
        log(f"  {name:<14} {now - since:6.3f}s")
        return now

    t = started
    forget_text()  # what an earlier build (serve) converted is taken from the cache again if needed
    settings = load_settings(content, templates, static, base_url)
    settings_done = time.perf_counter()
    builds, fresh, stats.warnings = gather(content, settings, strict, previous or {})
    # Timings are logged once the content is known to be good: a failed build prints its errors alone.
    t = timed("load content", timed("templates", t, settings_done))

    tree = tree if tree is not None else OutputTree()
    jobs = [report_jobs(rb, settings) for rb in fresh]
    for rb in builds:
        if rb not in fresh:
            tree.adopt(rb.files)
    site = {lang.code: _site_pages(builds, lang, settings) for lang in settings.languages}
    page_jobs = [job for pages, _, _ in jobs for job in pages] + site_page_jobs(site, settings)
    with templates_checked_once(make_environment(templates)):
        run_jobs(page_jobs, tree, processes, progress)
    stats.pages = sum(rb.page_count for rb in builds) + sum(map(len, site.values()))
    t = timed("render", t)
    run_jobs([job for _, data, _ in jobs for job in data], tree, processes)
    t = timed("data files", t)
    run_jobs([job for _, _, search in jobs for job in search], tree, processes)
    ids = [rb.item.report.id for rb in builds]
    for lang in settings.languages:
        for path, shards in packs(ids, lang.prefix):
            tree.add_joined(path, shards, pack_file)
    t = timed("search index", t)
    for rb, (pages, data, search) in zip(fresh, jobs):
        rb.files = tree.digests_of([path for job in pages + data + search for path in job.outputs()])
        rb.pages = {}  # rendered: a later build reuses its files, never its pages

    if static.exists():
        for path in _tree_files(static):
            tree.add(f"static/{path.relative_to(static).as_posix()}", path.read_bytes())
    tree.add(SITE_SITEMAP, _urlset("".join(_sitemap_entries(site, lang, settings) for lang in settings.languages)))
    tree.add("sitemap.xml", _sitemap(builds, settings))
    tree.add("robots.txt", f"User-agent: *\nAllow: /\nSitemap: {settings.url}sitemap.xml\n")
    for lang in settings.languages:
        tree.add(f"{lang.prefix}search/{CHARMAP_NAME}", build_char_map([rb.chars.get(lang.code, "") for rb in builds]))
    timed("static", t)
    forget_text()
    stats.seconds = time.perf_counter() - started
    return tree, stats, builds


def _data_paths(item: LoadedReport) -> list[tuple[str, Path | None]]:
    rid = item.report.id
    sources = source_files(item.folder, item.report)
    return ([(f"{rid}/report.json", None), (f"{rid}/targets.csv", None), (f"{rid}/card.png", None), (f"{rid}/sitemap.xml", None)]
            + [(f"{rid}/source/{path.relative_to(item.folder).as_posix()}", path) for path in sources])


def _data_job(item: LoadedReport, rv, url: str, sitemap: str) -> FileJob:
    """A report's files for reuse (JSON, CSV, its YAML), its share card and its sitemap."""
    paths = _data_paths(item)

    def make() -> list:
        files = [(paths[0][0], report_json(item.report, rv, url)), (paths[1][0], report_csv(item.report, rv, url)),
                 (paths[2][0], share_card(item.report)), (paths[3][0], sitemap)]
        return files + [(out, path.read_bytes()) for out, path in paths[4:]]

    return FileJob(tuple(out for out, _ in paths), make)


def _search_job(rv, lang: Lang, glossary: list, originals: dict[str, str]) -> FileJob:
    path = f"{lang.prefix}{rv.id}/{INDEX_NAME}"
    return FileJob((path,), lambda: [(path, build_search_index(rv, lang, glossary, originals))])


def _report_pages(rb: ReportBuild, lang: Lang, settings: Settings) -> list[Page]:
    """Every page of one report in one language."""
    rv, item = rb.views[lang.code], rb.item
    pages = report_pages(rv, lang, settings.title, settings.url, _notes(item.folder, lang)) + redirect_pages(rv, item.report.retired, lang)
    partner = rb.views.get("zh-Hans" if lang.code == "en" else "en")
    if partner:
        pages.append(Page(f"{rv.id}/bilingual/", "bilingual.html", f"{lang.t('bilingual_heading')} · {rv.title}",
                          lang.t("bilingual_intro"), context={"groups": bilingual_groups(rv, partner)}, report=rv, nav="bilingual", image=rv.card_url))
    if item.glossary:
        pages.append(Page(f"{rv.id}/glossary/", "glossary.html", f"{lang.t('glossary_heading')} · {rv.title}",
                          lang.t("glossary_intro"), context={"terms": item.glossary}, report=rv, nav="glossary", image=rv.card_url))
    return pages


def _site_pages(builds: list[ReportBuild], lang: Lang, settings: Settings) -> list[Page]:
    """The pages every report feeds: home, 404 and search."""
    views = [rb.views[lang.code] for rb in builds]
    pages = site_pages(views, lang, settings.title)
    pages.append(Page("search/", "search.html", f"{lang.t('nav_search')} · {settings.title}", lang.t("search_label"),
                      context=search_page_context(builds, lang, settings.site.base_path), noindex=True,
                      image=views[0].card_url if views else ""))
    return pages


def site_page_jobs(by_lang: dict[str, list[Page]], settings: Settings) -> list[RenderJob]:
    keys = {code: {p.key for p in pages} for code, pages in by_lang.items()}
    return [RenderJob(page, lang, [(other, settings.url + other.prefix + page.key) for other in settings.languages if page.key in keys[other.code]],
                      None, settings.compiled[page.template], settings.site)
            for lang in settings.languages for page in by_lang[lang.code]]


def _notes(folder: Path, lang: Lang) -> str:
    """Editors' notes for the about page: about.en.md for English, about.md (converted for zh-Hant) otherwise."""
    english = folder / "about.en.md"
    if lang.code == "en" and english.exists():
        return english.read_text(encoding="utf-8")
    chinese = folder / "about.md"
    return lang.text(chinese.read_text(encoding="utf-8")) if chinese.exists() and lang.code != "en" else ""


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def build_site(content: Path, out: Path, templates: Path = Path("templates"), static: Path = Path("static"),
               strict: bool = False, base_url: str | None = None, log=lambda message: None, processes: int = 0,
               progress=lambda done, total: None) -> BuildStats:
    """The build command: render everything into a folder beside `out`, then swap it in whole."""
    check_out_folder(out, {"content": content, "templates": templates, "static": static})
    staging = staging_folder(out)
    try:
        tree, stats, builds = render_site(content, templates, static, strict, base_url, log,
                                          tree=OutputTree(staging), processes=processes or cores(), progress=progress)
        started = time.perf_counter()
        commit(staging, out)
    except OSError as e:
        raise write_failed(e, out) from e
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    for rb in builds:
        update_ledger(rb.item.folder, rb.item.report)
    log(f"  {'write':<14} {time.perf_counter() - started:6.3f}s")
    stats.seconds += time.perf_counter() - started
    return stats


def escape(text: str) -> str:
    """XML character data, as xml.sax.saxutils.escape writes it: that module imports urllib.request,
    and with it http, email and ssl, which was a tenth of the build's start-up."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def quoteattr(text: str) -> str:
    """An XML attribute value with its quotes, as xml.sax.saxutils.quoteattr writes it."""
    text = escape(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in text:
        return f'"{text}"'
    return f"'{text}'" if "'" not in text else '"' + text.replace('"', "&quot;") + '"'


def _sitemap_entries(pages_by_lang: dict[str, list[Page]], lang: Lang, settings: Settings) -> str:
    """The sitemap lines of some pages in one language, each with its alternates in the others."""
    keys = {code: {p.key for p in pages} for code, pages in pages_by_lang.items()}
    bases = {other.code: settings.url + other.prefix for other in settings.languages}
    lines = []
    for page in pages_by_lang[lang.code]:
        if page.noindex:
            continue
        lines.append(f"  <url><loc>{escape(bases[lang.code] + page.key)}</loc>")
        for other in settings.languages:
            if page.key in keys[other.code]:
                lines.append(f'    <xhtml:link rel="alternate" hreflang="{other.code}" href={_url_attr(bases[other.code] + page.key)}/>')
        lines.append("  </url>")
    return "".join(line + "\n" for line in lines)


_NEEDS_QUOTING = re.compile('[&<>"\n\r\t]')


def _url_attr(url: str) -> str:
    """quoteattr for a URL, short-cut for the usual one that needs no escaping (a sitemap has 100,000)."""
    return f'"{url}"' if url.isascii() and not _NEEDS_QUOTING.search(url) else quoteattr(url)


def _urlset(entries: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
            + entries + "</urlset>\n")


SITE_SITEMAP = "sitemap-site.xml"  # the home, search and 404 pages' entries


def _sitemap(builds: list[ReportBuild], settings: Settings) -> str:
    """The sitemap index: each report's own sitemap (a file of the report, reused while it is unchanged)
    and the site-wide pages'. One sitemap of every page would pass the protocol's 50,000 URLs at about
    a hundred reports, and would be written again whole after any edit."""
    files = [f"{rb.item.report.id}/sitemap.xml" for rb in builds] + [SITE_SITEMAP]
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            + "".join(f"  <sitemap><loc>{escape(settings.url + path)}</loc></sitemap>\n" for path in files) + "</sitemapindex>\n")
