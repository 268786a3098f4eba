"""The build: content/ -> site/, as one pipeline whose passes run in this order and nowhere else.

load content -> validate -> views and pages -> render -> data files -> search index -> static files
-> sitemap -> swap the new site in. Everything is gathered and checked before anything is written,
and the new site is written aside and swapped in only when the whole build succeeded.
"""

from __future__ import annotations

import hashlib
import os
import json
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

from .content import load_site_content
from .datafiles import report_csv, report_json, share_card, source_files
from .errors import ContentError, ContentErrors
from .i18n import Lang, load_languages
from .ledger import check_ledger, update_ledger
from .output import OutputTree, check_out_folder, commit, staging_folder, write_failed
from .pages import Page, redirect_pages, report_pages, site_pages
from .render import FileJob, Glossary, RenderJob, SiteInfo, load_templates, make_environment, run_jobs
from .search import INDEX_NAME, build_search_index
from .settings import load_site_settings
from .translations import check_without_text, load_glossary, load_translation
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


def _site_config(content: Path, base_url: str | None) -> tuple[str, str, list[ContentError]]:
    settings, errors = load_site_settings(content, base_url)
    return settings.base_url, settings.title, errors


def _contact_url(content: Path) -> str:
    """Where readers report a mistake (site.yaml `contact_url`, checked with the other settings)."""
    return load_site_settings(content)[0].contact_url


def load_everything(content: Path, base_url: str | None) -> tuple[list[LoadedReport], str, str, list[ContentError]]:
    """Pass 1 and 2: read all content and collect every problem in it."""
    url, title, errors = _site_config(content, base_url)
    reports, errs = load_site_content(content)
    errors += errs + check_without_text(content, reports)
    loaded = []
    for report in reports:
        folder = content / "reports" / report.id
        display = f"{content.name}/reports/{report.id}"
        translation, errs = load_translation(folder, display, report)
        errors += errs
        glossary, errs = load_glossary(folder, display)
        errors += errs
        errors += check_ledger(folder, display, report)
        loaded.append(LoadedReport(report, folder, translation, glossary))
    return loaded, url, title, errors


def _asset_version(static: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in static.rglob("*") if p.is_file()):
        digest.update(path.relative_to(static).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def render_site(content: Path, templates: Path = Path("templates"), static: Path = Path("static"), strict: bool = False,
                base_url: str | None = None, log=lambda message: None, tree: OutputTree | None = None,
                processes: int = 1, progress=lambda done, total: None) -> tuple[OutputTree, BuildStats, list[LoadedReport]]:
    """Every pass but the swap: the whole site into `tree` (in memory unless it has a folder), or
    ContentErrors listing every problem."""
    stats = BuildStats()
    started = time.perf_counter()

    def timed(name: str, since: float) -> float:
        now = time.perf_counter()
        stats.timings.append((name, now - since))
        log(f"  {name:<14} {now - since:6.3f}s")
        return now

    t = started
    loaded, url, site_title, problems = load_everything(content, base_url)
    errors = [p for p in problems if not p.warning or strict]
    stats.warnings = [p for p in problems if p.warning and not strict]
    if errors:
        raise ContentErrors(errors)
    t = timed("load content", t)

    env = make_environment(templates)
    compiled = load_templates(env, TEMPLATES)
    languages = load_languages(templates, phrases=content / "zh-hant-phrases.txt")
    site = SiteInfo(site_title, url, urlsplit(url).path or "/", tuple(languages), _asset_version(static) if static.exists() else "0",
                    _contact_url(content))
    t = timed("templates", t)

    views_by_lang = {lang.code: [ReportViewBuilder(item.report, lang, url, item.translation).build() for item in loaded] for lang in languages}
    codes = {lang.code for lang in languages}
    for views in views_by_lang.values():
        for rv, item in zip(views, loaded):
            rv.has_glossary = bool(item.glossary)
            rv.has_bilingual = "en" in codes and len(codes) > 1
        link_neighbour_years(views)
    pages_by_lang = {lang.code: _pages(lang, views_by_lang, loaded, site_title, url) for lang in languages}
    glossaries = {(lang.code, item.report.id): Glossary(item.glossary, site.base_path + f"{lang.prefix}{item.report.id}/glossary/", lang)
                  for lang in languages for item in loaded if item.glossary}
    t = timed("views", t)

    tree = tree if tree is not None else OutputTree()
    keys = {code: {p.key for p in pages} for code, pages in pages_by_lang.items()}
    jobs = [
        RenderJob(page, lang, [(other, url + other.prefix + page.key) for other in languages if page.key in keys[other.code]],
                  glossaries.get((lang.code, page.report.id)) if page.report else None, compiled[page.template], site)
        for lang in languages for page in pages_by_lang[lang.code]
    ]
    run_jobs(jobs, tree, processes, progress)
    stats.pages = len(jobs)
    t = timed("render", t)

    run_jobs([_data_job(item, views_by_lang, languages, url) for item in loaded], tree, processes)
    t = timed("data files", t)

    run_jobs([_search_job(rv, lang) for lang in languages for rv in views_by_lang[lang.code]], tree, processes)
    t = timed("search index", t)

    if static.exists():
        for path in sorted(p for p in static.rglob("*") if p.is_file()):
            tree.add(f"static/{path.relative_to(static).as_posix()}", path.read_bytes())
    tree.add("sitemap.xml", _sitemap(pages_by_lang, languages, url))
    tree.add("robots.txt", f"User-agent: *\nAllow: /\nSitemap: {url}sitemap.xml\n")
    timed("static", t)
    stats.seconds = time.perf_counter() - started
    return tree, stats, loaded


def _data_job(item: LoadedReport, views_by_lang: dict, languages: list[Lang], url: str) -> FileJob:
    """A report's files for reuse (JSON, CSV, its YAML) and its share card."""
    rid = item.report.id
    rv = next(v for v in views_by_lang[languages[0].code] if v.id == rid)
    sources = source_files(item.folder, item.report)
    paths = [f"{rid}/report.json", f"{rid}/targets.csv", f"{rid}/card.png"]
    paths += [f"{rid}/source/{path.relative_to(item.folder).as_posix()}" for path in sources]

    def make() -> list:
        files = [(paths[0], report_json(item.report, rv, url)), (paths[1], report_csv(item.report, rv, url)),
                 (paths[2], share_card(item.report))]
        return files + [(out, path.read_bytes()) for out, path in zip(paths[3:], sources)]

    return FileJob(tuple(paths), make)


def _search_job(rv, lang: Lang) -> FileJob:
    return FileJob((f"{lang.prefix}{rv.id}/{INDEX_NAME}",),
                   lambda: [(f"{lang.prefix}{rv.id}/{name}", data) for name, data in build_search_index(rv, lang).items()])


def _pages(lang: Lang, views_by_lang: dict, loaded: list[LoadedReport], site_title: str, url: str) -> list[Page]:
    """Every page of the site in one language."""
    views = views_by_lang[lang.code]
    partner = views_by_lang.get("zh-Hans" if lang.code == "en" else "en")
    pages: list[Page] = []
    for rv, item in zip(views, loaded):
        pages += report_pages(rv, lang, site_title, url, _notes(item.folder, lang)) + redirect_pages(rv, item.report.retired, lang)
        if partner:
            other = next(v for v in partner if v.id == rv.id)
            pages.append(Page(f"{rv.id}/bilingual/", "bilingual.html", f"{lang.t('bilingual_heading')} · {rv.title}",
                              lang.t("bilingual_intro"), context={"groups": bilingual_groups(rv, other)}, report=rv, nav="bilingual", image=rv.card_url))
        if item.glossary:
            pages.append(Page(f"{rv.id}/glossary/", "glossary.html", f"{lang.t('glossary_heading')} · {rv.title}",
                              lang.t("glossary_intro"), context={"terms": item.glossary}, report=rv, nav="glossary", image=rv.card_url))
    pages += site_pages(views, lang, site_title)
    index_list = [{"id": rv.id, "title": rv.title, "index": urlsplit(url).path + f"{lang.prefix}{rv.id}/{INDEX_NAME}"} for rv in views]
    pages.append(Page("search/", "search.html", f"{lang.t('nav_search')} · {site_title}", lang.t("search_label"),
                      context={"reports_json": json.dumps(index_list, ensure_ascii=False)}, noindex=True,
                      image=views[0].card_url if views else ""))
    return pages


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
        tree, stats, loaded = render_site(content, templates, static, strict, base_url, log,
                                          tree=OutputTree(staging), processes=processes or cores(), progress=progress)
        started = time.perf_counter()
        commit(staging, out)
    except OSError as e:
        raise write_failed(e, out) from e
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    for item in loaded:
        update_ledger(item.folder, item.report)
    log(f"  {'write':<14} {time.perf_counter() - started:6.3f}s")
    stats.seconds += time.perf_counter() - started
    return stats


def _sitemap(pages_by_lang: dict[str, list[Page]], languages: list[Lang], url: str) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    keys = {code: {p.key for p in pages} for code, pages in pages_by_lang.items()}
    for lang in languages:
        for page in pages_by_lang[lang.code]:
            if page.noindex:
                continue
            lines.append(f"  <url><loc>{escape(url + lang.prefix + page.key)}</loc>")
            for other in languages:
                if page.key in keys[other.code]:
                    lines.append(f'    <xhtml:link rel="alternate" hreflang="{other.code}" href={quoteattr(url + other.prefix + page.key)}/>')
            lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"
