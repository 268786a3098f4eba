"""The build: content/ -> site/, as one pipeline whose passes run in this order and nowhere else.

settings and templates -> per report: load, check, views and pages (reports.py) -> the archive's
site-wide pages -> render -> data files -> search index -> static files, sitemaps, report.json's
schema, character maps, feeds and manifests -> swap the new site in. Everything is gathered and
checked before anything is written, and the new site is written aside and swapped in only when the
whole build succeeded.

A report's files are a function of its folder, the site settings and its place's neighbouring
years (reports.py); the site-wide pages (home, search, 404, sitemap, feed) are the only ones that read
every report. So a rebuild (serve) renders again only the reports that changed.
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..cache import held_folders
from ..content.archive import Archive
from ..content.ledger import update_ledger
from ..errors import ContentError
from .assets import static_file
from .datafiles import OUTCOMES_CSV, REPORT_SCHEMA_PATH, outcomes_csv, report_schema
from .feed import web_files
from .i18n import Lang, forget_text
from .jobs import keys_path, page_jobs, report_jobs
from .guard import check_out_folder
from .output import OutputTree, commit, staging_folder, write_failed
from .pages import SitePageInput, place_groups
from .places import place_views
from .registry import site_pages
from .render import make_environment, templates_checked_once
from .workers import run_jobs
from .reports import ReportBuild, gather
from .search_keys import KEY_FOLDER, changed_files, key_file, shard_count
from .search import CHARMAP_NAME, build_char_map, search_page_context
from .settings import Settings, load_settings, tree_files
from .sitemap import SITE_SITEMAP, newest_lastmod, sitemap_index, urlset


@dataclass
class BuildStats:
    pages: int = 0
    seconds: float = 0.0
    timings: list[tuple[str, float]] = field(default_factory=list)
    warnings: list[ContentError] = field(default_factory=list)


@held_folders()  # each cache folder checked once a build, not once for each of its thousands of cards
def render_site(content: Path, templates: Path = Path("templates"), static: Path = Path("static"), strict: bool = False,
                base_url: str | None = None, log=lambda message: None, tree: OutputTree | None = None,
                processes: int = 1, progress=lambda done, total: None,
                previous: dict[str, ReportBuild] | None = None, track=None, cards: bool = True,
                first: frozenset[str] = frozenset(), on_first=None) -> tuple[OutputTree, BuildStats, list[ReportBuild]]:
    """Every pass but the swap: the whole site into `tree` (in memory unless it has a folder), or
    ContentErrors listing every problem. Reports whose folder and settings are those of a report in
    `previous` are not rendered again: their files (kept by `tree`) are reused as they are.

    `track` computes the goals' outcomes (reports, folders by id -> content.outcomes.ArchiveOutcomes). The
    site stage imports only content/: the command (cli.py) passes the tracking stage's
    track.publish.archive_outcomes in, and without it the pages show no outcomes. Without `cards` the
    paragraphs' and targets' share cards are not drawn (the check command reads pages, not pictures).

    `first` and `on_first` are serve's fast render: the pages at the paths in `first` are rendered
    before the others, and on_first(tree) is called with the tree holding them, the reused reports'
    files and the static files, nothing else yet."""
    stats = BuildStats()
    started = time.perf_counter()

    def timed(name: str, since: float, now: float | None = None) -> float:
        now = now or time.perf_counter()
        stats.timings.append((name, now - since))
        log(f"  {name:<14} {now - since:6.3f}s")
        return now

    forget_text()  # what an earlier build (serve) converted is taken from the cache again if needed
    settings = load_settings(content, templates, static, base_url)
    settings_done = time.perf_counter()
    builds, fresh, stats.warnings, archive, tracked = gather(content, settings, strict, previous or {}, track)
    # Timings are logged once the content is known to be good: a failed build prints its errors alone.
    t = timed("load content", timed("templates", started, settings_done))

    tree = tree if tree is not None else OutputTree()
    jobs = [report_jobs(rb, settings, cards, tree.held) for rb in fresh]
    for rb in builds:
        if rb not in fresh:
            tree.adopt(rb.files)
    _static_files(tree, static, settings.site.asset_version)  # before the pages: serve's fast render shows them
    site = {lang.code: site_pages(_site_input(builds, archive, lang, settings)) for lang in settings.languages}
    with templates_checked_once(make_environment(templates)):
        work = [job for pages, _, _ in jobs for job in pages] + page_jobs(site, settings)
        soon = {id(job) for job in work if not first.isdisjoint(job.outputs())} if on_first else set()
        if soon:
            run_jobs([job for job in work if id(job) in soon], tree, 1)
            on_first(tree)
        run_jobs([job for job in work if id(job) not in soon], tree, processes, progress)
    stats.pages = sum(rb.page_count for rb in builds) + sum(map(len, site.values()))
    t = timed("render", t)
    run_jobs([job for _, data, _ in jobs for job in data], tree, processes)
    t = timed("data files", t)
    parts = run_jobs([job for _, _, search in jobs for job in search], tree, processes)
    _search_keys(tree, builds, fresh, previous or {}, settings.languages, parts)
    t = timed("search index", t)
    for rb, (pages, data, search) in zip(fresh, jobs):
        rb.files = tree.digests_of([path for job in pages + data + search for path in job.outputs()])
        rb.pages = {}  # rendered: a later build reuses its files, never its pages

    tree.add(SITE_SITEMAP, urlset(site, settings.languages, settings.url, newest_lastmod(_first_views(builds, settings))))
    tree.add("sitemap.xml", _sitemap(builds, settings))
    tree.add(REPORT_SCHEMA_PATH, report_schema(settings.url))
    if tracked.rows:
        tree.add(OUTCOMES_CSV, outcomes_csv(tracked))
    tree.add("robots.txt", f"User-agent: *\nAllow: /\nSitemap: {settings.url}sitemap.xml\n")
    for lang in settings.languages:
        tree.add(f"{lang.prefix}search/{CHARMAP_NAME}", build_char_map([rb.chars.get(lang.code, "") for rb in builds]))
        for path, text in web_files([rb.views[lang.code] for rb in builds], lang, settings.site):
            tree.add(path, text)
    timed("static", t)
    forget_text()
    stats.seconds = time.perf_counter() - started
    return tree, stats, builds


def _site_input(builds: list[ReportBuild], archive: Archive, lang: Lang, settings: Settings) -> SitePageInput:
    """What the site-wide pages show in one language: every report, each place under one name."""
    views = tuple(rb.views[lang.code] for rb in builds)
    by_id = {rv.id: rv for rv in views}
    newest_name = {key: by_id[archive.newest(key)].place for key in archive.places}
    places = place_views(views, lang, newest_name)
    urls = {pv.place: pv.url for pv in places}
    groups = tuple(replace(g, url=urls.get(g.place, "")) for g in place_groups(list(views), lang, newest_name))
    return SitePageInput(views=views, lang=lang, site_title=settings.site.title_in(lang.code), places=groups,
                         search=search_page_context(builds, lang, settings.site.base_path, newest_name), home_url=settings.url + lang.prefix,
                         place_views=places)


def _search_keys(tree: OutputTree, builds: list[ReportBuild], fresh: list[ReportBuild], previous: dict[str, ReportBuild],
                 languages: tuple[Lang, ...], parts: dict[str, list[bytes]]) -> None:
    """Each language's key files, joined from its reports' parts in the search page's order. A report
    keeps its parts' lines in memory (rb.key_lines, never published), so that a rebuild (serve) makes
    only the fresh reports' and joins again only the files whose lines they change; the others keep the
    digests the tree remembers."""
    ids, count = [rb.item.report.id for rb in builds], shard_count(len(builds))
    for lang in languages:
        paths = [f"{lang.prefix}{KEY_FOLDER}{n}.json" for n in range(count)]
        remembered = tree.remembered(f"keys-{lang.code}", paths, ids)
        changed: set[int] = set()
        for rb in fresh:
            rb.key_lines[lang.code] = parts[keys_path(lang, rb.item.report.id)]
            old = previous.get(rb.item.report.id)
            changed |= changed_files(old.key_lines[lang.code], rb.key_lines[lang.code], count) if old and lang.code in old.key_lines else set(range(count))
        lines = [rb.key_lines[lang.code] for rb in builds]
        for n, path in enumerate(paths):
            if remembered is None or n in changed or not tree.reuse(path, remembered[n]):
                tree.add(path, key_file(lines, n, count))
        tree.remember(f"keys-{lang.code}", paths, ids)


def _static_files(tree: OutputTree, static: Path, version: str) -> None:
    for path in tree_files(static):
        name = path.relative_to(static).as_posix()
        tree.add(f"static/{name}", static_file(name, path.read_bytes(), version))


def _first_views(builds: list[ReportBuild], settings: Settings) -> list:
    return [rb.views[settings.languages[0].code] for rb in builds]


def _sitemap(builds: list[ReportBuild], settings: Settings) -> str:
    return sitemap_index(_first_views(builds, settings), settings.url)


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def build_site(content: Path, out: Path, templates: Path = Path("templates"), static: Path = Path("static"),
               strict: bool = False, base_url: str | None = None, log=lambda message: None, processes: int = 0,
               progress=lambda done, total: None, track=None) -> BuildStats:
    """The build command: render everything into a folder beside `out`, then swap it in whole."""
    check_out_folder(out, {"content": content, "templates": templates, "static": static})
    staging = staging_folder(out)
    try:
        tree, stats, builds = render_site(content, templates, static, strict, base_url, log,
                                          tree=OutputTree(staging), processes=processes or cores(), progress=progress,
                                          track=track)
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

