"""Rendering pass: pages -> HTML through the Jinja templates (autoescaped, strict about undefined names)."""

from __future__ import annotations

import gc
import multiprocessing
import re
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from .cache import keep, private_cache_folder, read_cached
from .errors import ContentError, ContentErrors
from .frames import Frame, json_ld_filter, make_frame, marked_page, page_values, shape
from .i18n import Lang
from .markdown import render_inline, render_markdown
from .pages import Page
from .translations import GlossaryTerm

# No inline script runs anywhere: the site's one script is a file, JSON-LD is data, not script.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'")


@dataclass(frozen=True)
class SiteInfo:
    title: str
    base_url: str  # absolute, ending in /
    base_path: str  # path part of base_url, ending in /
    languages: tuple[Lang, ...]
    asset_version: str  # hash of static/, so browsers fetch changed assets
    contact_url: str = ""  # where readers report a mistake (site.yaml contact_url); none if empty


def bytecode_folder() -> Path | None:
    """The private folder for compiled templates (see cache.py), or None to compile without a cache."""
    return private_cache_folder("jinja")


class PrivateBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in the private cache. They are code the build runs, trusted because
    cache.py reads them only from a folder nobody but the user can write, and never half written."""

    def __init__(self, folder: Path):
        self.folder = folder

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = read_cached(self.folder, f"{bucket.key}.jinja")
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        keep(self.folder, f"{bucket.key}.jinja", bucket.bytecode_to_string())


@lru_cache(maxsize=8)
def make_environment(templates: Path) -> jinja2.Environment:
    """One environment per templates folder and process: serve's rebuilds reuse what it compiled,
    and Jinja's auto-reload recompiles a template whose file changed."""
    # Compiled templates are cached on disk by their source's checksum, so a cold build skips compiling.
    cache = bytecode_folder()
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        bytecode_cache=PrivateBytecodeCache(cache) if cache else None,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["json_ld"] = json_ld_filter
    env.filters["markdown"] = render_markdown
    env.filters["markdown_inline"] = render_inline
    return env


@contextmanager
def templates_checked_once(env: jinja2.Environment):
    """Jinja looks at a template's file for changes each time a page asks for it (its layout, its
    macros, the furniture): several stat calls a page. Checked once here, for the whole render pass;
    if one changed since it was compiled, the check stays per use and reloads it as before."""
    checked = env.auto_reload
    cached = list(env.cache.values()) if env.cache is not None else []
    env.auto_reload = checked and not all(template.is_up_to_date for template in cached)
    try:
        yield
    finally:
        env.auto_reload = checked


def load_templates(env: jinja2.Environment, names: list[str]) -> dict[str, jinja2.Template]:
    """Compile every template once, up front, reporting each syntax error with file and line."""
    compiled, errors = {}, []
    for name in names:
        try:
            compiled[name] = env.get_template(name)
        except jinja2.TemplateSyntaxError as e:
            errors.append(ContentError(f"templates/{e.name or name}", e.lineno or 0, "", f"template syntax: {e.message}", "fix the tag on this line"))
        except jinja2.TemplateNotFound as e:
            errors.append(ContentError(f"templates/{name}", 0, "", f"template not found: {e.name}", "restore the file"))
    if errors:
        raise ContentErrors(errors)
    return compiled


@dataclass(frozen=True)
class UI:
    """What the macros in macros.html need from the page being rendered."""

    href: object
    t: object
    gloss: object
    lang: Lang
    msg: dict
    glossary: "Glossary | None" = None
    seen: set | None = None  # glossary terms this page has linked already
    base_path: str = "/"


class Glossary:
    """Links the first occurrence of each glossary term on a page to its entry.

    Chinese pages look for the term as written; English pages for its English rendering, without
    a leading article or a trailing explanation in brackets (the "six fronts").
    """

    def __init__(self, terms: list[GlossaryTerm], url: str, lang: Lang):
        self.url = url
        self.slug = {}
        for i, t in enumerate(terms, start=1):  # numbered as glossary.html numbers them
            key = _english_key(t.en) if lang.code == "en" else lang.text(t.term)
            if key:
                self.slug.setdefault(key, f"g-{i}")
        ordered = sorted(self.slug, key=len, reverse=True)  # the longest term wins where two overlap
        self.pattern = re.compile("|".join(map(re.escape, ordered))) if ordered else None

    def terms_in(self, texts) -> frozenset[str]:
        """The terms `link` would find in these texts, had none been linked yet."""
        if not self.pattern:
            return frozenset()
        return frozenset(m.group(0) for text in texts if text for m in self.pattern.finditer(text))

    def link(self, text: str, seen: set) -> Markup:
        if not self.pattern or not text:
            return escape(text)
        out, pos = [], 0
        for m in self.pattern.finditer(text):
            term = m.group(0)
            if term in seen:
                continue
            seen.add(term)
            out.append(escape(text[pos : m.start()]))
            out.append(Markup('<a class="gloss" href="{}#{}">{}</a>').format(self.url, self.slug[term], term))
            pos = m.end()
        out.append(escape(text[pos:]))
        return Markup("").join(out)


def _english_key(rendering: str) -> str:
    key = re.sub(r"\s*\([^)]*\)$", "", rendering.strip())
    key = re.sub(r"^(the|a|an) ", "", key)
    return key if len(key) >= 4 else ""


_CHROME: dict[tuple, object] = {}  # (env, piece, language, report, tab) -> rendered furniture; (env, name) -> template


def _chrome(env: jinja2.Environment, lang: Lang, site: SiteInfo, page: Page):
    """The page's furniture (search bar, report tabs, footer note), each rendered once per language,
    report and tab: most pages share it, and rendering it per page was half of all template time."""
    rv = page.report
    module = _template_once(env, "chrome.html").module
    msg = lang.messages

    def piece(name: str) -> Markup:
        key = (id(env), name, lang.code, site.base_path, id(rv), page.nav if name == "report_nav" else "")
        if key not in _CHROME:
            if name == "search_bar":
                _CHROME[key] = Markup(module.search_bar(lang, msg, site.base_path, rv))
            elif name == "report_nav":
                _CHROME[key] = Markup(module.report_nav(msg, site.base_path, rv, page.nav))
            else:
                _CHROME[key] = Markup(module.footer_note(msg, site.base_path, rv))
        return _CHROME[key]

    return piece


def _template_once(env: jinja2.Environment, name: str) -> jinja2.Template:
    """A template every page asks for, looked up once per pass (reset_chrome forgets it): a lookup
    in Jinja's cache costs more than the piece of furniture it is for."""
    key = (id(env), name)
    if key not in _CHROME:
        _CHROME[key] = env.get_template(name)
    return _CHROME[key]


def reset_chrome() -> None:
    """Forget rendered furniture and paragraphs between builds (views are new objects each build)."""
    _CHROME.clear()
    _keep_paragraphs_of(None)


_PARAGRAPHS: dict[tuple, str] = {}  # the current report's paragraphs, as the macro rendered them
_TERMS: dict[tuple, frozenset] = {}  # (paragraph, glossary) -> the glossary terms in its text
_CRUMBS: dict[tuple, str] = {}  # the current report's breadcrumb trails, as the macro rendered them
_REPORT: list = [None]  # the report whose paragraphs are kept: one at a time, so memory stays flat


def _keep_paragraphs_of(report) -> None:
    if _REPORT[0] is not report:
        _PARAGRAPHS.clear()
        _TERMS.clear()
        _CRUMBS.clear()
        _REPORT[0] = report


def _memoize_macros(env: jinja2.Environment) -> None:
    """Route every call of macros.html's paragraph and crumbs macros, from templates and other macros
    alike, through `_paragraph_once` and `_crumbs_once`: imported without context, the macros module
    is one object per template version, and its macros call each other through those same Macro objects."""
    module = _template_once(env, "macros.html")._get_default_module()
    for name, once in (("paragraph", _paragraph_once), ("crumbs", _crumbs_once)):
        macro = getattr(module, name)
        if not hasattr(macro._func, "__wrapped__"):
            macro._func = once(macro._func)


def _paragraph_once(render):
    """The paragraph macro's body, run once per paragraph, language and variant and then reused.

    A paragraph appears on its own page, its section, its part, the full text and the side-by-side
    page; rendering it each time was most of the render pass. Its HTML depends on the page only
    through the glossary terms linked before it on that page (the first occurrence is linked), so
    those go into the key, and a reused paragraph marks its own terms as linked, as rendering would.
    """
    def paragraph(p, ui, standalone=False, *rest):
        glossary = ui.glossary
        terms = _TERMS.get((id(p), id(glossary)))
        if terms is None:
            texts = [x for b in p.blocks for x in (b.lead, b.text)]
            terms = _TERMS[(id(p), id(glossary))] = glossary.terms_in(texts) if glossary else frozenset()
        key = (id(p), ui.lang.code, ui.base_path, id(glossary), standalone, rest, terms & ui.seen if ui.seen is not None else None)
        if key not in _PARAGRAPHS:
            _PARAGRAPHS[key] = render(p, ui, standalone, *rest)
        elif ui.seen is not None:
            ui.seen.update(terms)
        return _PARAGRAPHS[key]

    paragraph.__wrapped__ = render
    return paragraph


def _crumbs_once(render):
    """The crumbs macro's body, run once per trail: every target page of a report shares one trail,
    and the crumbs were the costliest part of a target page after its layout."""
    def crumbs(trail, ui, current="", *rest):
        key = (tuple((link.url, link.label) for link in trail), current, ui.lang.code, ui.base_path, rest)
        if key not in _CRUMBS:
            _CRUMBS[key] = render(trail, ui, current, *rest)
        return _CRUMBS[key]

    crumbs.__wrapped__ = render
    return crumbs


def render_page(template: jinja2.Template, page: Page, lang: Lang, site: SiteInfo, alternates: list[tuple[Lang, str]],
                glossary: Glossary | None) -> str:
    seen: set = set()
    href = lambda url: site.base_path + url  # noqa: E731
    gloss = (lambda text: glossary.link(text, seen)) if glossary else escape
    _keep_paragraphs_of(page.report)
    _memoize_macros(template.environment)
    variables = dict(
        lang=lang, t=lang.t, site=site, rv=page.report, alternates=alternates, csp=CSP, href=href, gloss=gloss,
        # Macros get what they need as one argument: imported without the page's context, their
        # module is compiled and run once per process instead of once per page.
        ui=UI(href, lang.t, gloss, lang, lang.messages, glossary, seen if glossary else None, site.base_path),
        chrome=_chrome(template.environment, lang, site, page), msg=lang.messages,
    )
    whole = dict(variables, page=page, canonical=site.base_url + lang.prefix + page.key, **page.context)
    try:
        frame = _frame_of(template, page, lang, site, alternates, variables)
        if frame is None:
            return template.render(whole)
        return _checked_once(frame.fill(template, whole, page_values(page, alternates)), template, lang, whole)
    except jinja2.UndefinedError as e:
        raise ContentErrors([ContentError(f"templates/{template.name}", _template_line(e, template.name), "", f"template error: {e.message}", "check the names this template uses")]) from e


_ONCE, _UNFRAMED = object(), object()  # a shape of which one page was rendered; one whose frame the layout refused


def _frame_of(template: jinja2.Template, page: Page, lang: Lang, site: SiteInfo, alternates: list, variables: dict) -> Frame | None:
    """The frame of this page's shape, made when a second page of the shape comes: the overview,
    the full text and other pages alone in their shape are rendered whole, as cheaply."""
    if ("unframed", template.name) in _CHROME:
        return None
    key = ("frame", id(template), id(site)) + shape(template, page, lang, alternates)
    frame = _CHROME.get(key)
    if frame is None:
        _CHROME[key] = _ONCE
        return None
    if frame is _ONCE:
        marked, marked_alternates, slots = marked_page(page, alternates)
        frame = make_frame(template, dict(variables, page=marked, alternates=marked_alternates,
                                          canonical=site.base_url + lang.prefix + marked.key), slots) or _UNFRAMED
        _CHROME[key] = frame
    return None if frame is _UNFRAMED else frame


def _checked_once(html: str, template: jinja2.Template, lang: Lang, variables: dict) -> str:
    """The first framed page of each template and language is also rendered whole: if the two differ,
    the layout does something with a per-page value a frame cannot follow, and the template is
    rendered whole from then on."""
    key = ("checked", template.name, lang.code)
    if key in _CHROME:
        return html
    _CHROME[key] = True
    if variables["ui"].seen is not None:
        variables["ui"].seen.clear()  # the glossary links the framed blocks made, made again
    whole = template.render(variables)
    if whole != html:
        _CHROME[("unframed", template.name)] = True
    return whole


def _template_line(error: Exception, name: str) -> int:
    tb = error.__traceback__
    line = 0
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(name):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


# Below this many jobs, starting worker processes costs more than it saves. With the zh-Hant text and
# the share card from the private cache a worker loads nothing after the fork, and the seed's 534
# pages render in two workers 0.06 s sooner than in one process (median of six cold builds each).
PARALLEL_MIN_JOBS = 300
_WORK: tuple | None = None  # set just before forking; the workers inherit it instead of unpickling it


@dataclass(frozen=True)
class RenderJob:
    """One page to render."""

    page: Page
    lang: Lang
    alternates: list
    glossary: Glossary | None
    template: jinja2.Template
    site: SiteInfo

    def outputs(self) -> list[str]:
        return [self.page.output_path(self.lang)]

    def run(self) -> list[tuple[str, str | bytes]]:
        html = render_page(self.template, self.page, self.lang, self.site, self.alternates, self.glossary)
        return [(self.page.output_path(self.lang), html)]


@dataclass(frozen=True)
class FileJob:
    """Files made by a function (a report's data files, its search indexes), at paths known up front."""

    paths: tuple[str, ...]
    make: object  # () -> list of (path, data)

    def outputs(self) -> list[str]:
        return list(self.paths)

    def run(self) -> list[tuple[str, str | bytes]]:
        return self.make()


def _run_slice(bounds: tuple[int, int]) -> tuple[int, list]:
    """Run some jobs; a worker writes into a folder tree itself and hands back in-memory results."""
    jobs, tree = _WORK
    kept = []
    for job in jobs[bounds[0] : bounds[1]]:
        for path, data in job.run():
            if tree.folder is None and multiprocessing.parent_process() is not None:
                kept.append((path, data))
            else:
                tree.add(path, data, reserved=True)
    return bounds[1] - bounds[0], kept


def _shared_work(job) -> tuple | None:
    """What a job shares with its neighbours in the list: the pages of one report in one language reuse
    its rendered paragraphs and furniture, which live in the process that rendered them first."""
    page = getattr(job, "page", None)
    return (id(page.report), job.lang.code) if page is not None and page.report is not None else None


def _slices(jobs: list, size: int) -> list[tuple[int, int]]:
    """Runs of at least `size` jobs (the last may be shorter), cut only where the shared work changes,
    so that a worker never renders again the paragraphs another worker rendered."""
    slices, start = [], 0
    for i in range(1, len(jobs)):
        if i - start >= size and (_shared_work(jobs[i]) is None or _shared_work(jobs[i]) != _shared_work(jobs[i - 1])):
            slices.append((start, i))
            start = i
    return slices + [(start, len(jobs))] if jobs else slices


def run_jobs(jobs: list, tree, processes: int, progress=lambda done, total: None) -> None:
    """Run every job into `tree`; with many jobs, in `processes` forked workers that write their own files.

    Each job works on its own from the same inputs, so the output does not depend on how the jobs
    are shared out.
    """
    global _WORK
    reset_chrome()
    tree.reserve([path for job in jobs for path in job.outputs()])
    parallel = (processes > 1 and len(jobs) >= PARALLEL_MIN_JOBS and "fork" in multiprocessing.get_all_start_methods())
    _WORK = (jobs, tree)
    try:
        done = 0
        if not parallel:
            step = max(1, len(jobs) // 20)
            for bounds in [(i, min(i + step, len(jobs))) for i in range(0, len(jobs), step)]:
                done += _run_slice(bounds)[0]
                progress(done, len(jobs))
            return
        # Objects made before the fork are never collected in the workers: frozen, the collector leaves
        # them alone, so the workers do not copy the parent's memory pages by walking them.
        gc.freeze()
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            for count, kept in pool.imap_unordered(_run_slice, _slices(jobs, max(1, len(jobs) // (processes * 8))), chunksize=1):
                for path, data in kept:
                    tree.add(path, data, reserved=True)
                done += count
                progress(done, len(jobs))
    finally:
        gc.unfreeze()
        _WORK = None
