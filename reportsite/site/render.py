"""Rendering pass: pages -> HTML through the Jinja templates (autoescaped, strict about undefined names)."""

from __future__ import annotations

import logging
import re
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import CodeType

import jinja2
from markupsafe import Markup, escape

from .notes import link_marks
from ..cache import keep, private_cache_folder, read_cached
from ..errors import ContentError, ContentErrors
from .frames import Frame, json_ld_filter, make_frame, marked_page, page_values, shape
from .i18n import Lang
from .markdown import render_inline, render_markdown
from .pages import Page
from .session import MacroMemo, RenderSession, crumbs_once, paragraph_once
from .views import GlossaryEntry

log = logging.getLogger(__name__)

# No inline script runs anywhere: the site's scripts are module files, JSON-LD is data, not script.
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
    titles: tuple[tuple[str, str], ...] = ()  # (language code, the site's title in it)
    modules: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (entry script, every module it imports)

    def title_in(self, code: str) -> str:
        """The site's title as pages in this language show it (<title>, og:site_name, the feed)."""
        return dict(self.titles).get(code, self.title)

    def imports_of(self, entry: str, *besides: str) -> tuple[str, ...]:
        """The modules the script `entry` imports, less those the scripts `besides` import already."""
        modules = dict(self.modules)
        known = {m for other in besides for m in modules.get(other, ())}
        return tuple(m for m in modules.get(entry, ()) if m not in known and m not in besides)


def bytecode_folder() -> Path | None:
    """The private folder for compiled templates (see cache.py), or None to compile without a cache."""
    return private_cache_folder("jinja")


class PrivateBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in the private cache. They are code the build runs, trusted because
    cache.py reads them only from a folder nobody but the user can write, and never half written.
    An entry is found by the template's name and source, not its file's path (Jinja's own key), so
    that a copy of the project, or the project moved, uses what was compiled before."""

    def __init__(self, folder: Path):
        self.folder = folder

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None, source: str) -> jinja2.bccache.Bucket:
        checksum = self.get_source_checksum(source)
        bucket = jinja2.bccache.Bucket(environment, self.get_cache_key(f"{name}|{checksum}"), checksum)
        self.load_bytecode(bucket)
        if bucket.code is not None and filename and bucket.code.co_filename != filename:
            bucket.code = _relocated(bucket.code, filename)
        return bucket

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = read_cached(self.folder, f"{bucket.key}.jinja")
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        keep(self.folder, f"{bucket.key}.jinja", bucket.bytecode_to_string())


def _relocated(code: CodeType, filename: str) -> CodeType:
    """`code` as if compiled from `filename`: a template's error names the file it came from."""
    consts = tuple(_relocated(c, filename) if isinstance(c, CodeType) else c for c in code.co_consts)
    return code.replace(co_filename=filename, co_consts=consts)


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
    env.filters["note_links"] = link_marks
    env.globals["paragraph_once"] = paragraph_once
    env.globals["crumbs_once"] = crumbs_once
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
    memo: MacroMemo | None = None  # the pass's rendered paragraphs and trails, reused (None: rendered afresh)


class Glossary:
    """Links the first occurrence of each glossary term on a page to its entry.

    Chinese pages look for the term as written; English pages for its English rendering, without
    a leading article or a trailing explanation in brackets (the "six fronts").
    """

    def __init__(self, terms: tuple[GlossaryEntry, ...], url: str, lang: Lang):
        self.url = url
        self.slug = {}
        self.definition = {}  # slug -> what the term means, shown in place by static/js/gloss.js
        for i, t in enumerate(terms, start=1):  # numbered as glossary.html numbers them
            key = _english_key(t.en) if lang.code == "en" else t.term
            if key:
                self.slug.setdefault(key, f"g-{i}")
                self.definition.setdefault(f"g-{i}", t.explanation if lang.code == "en" else t.zh)
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
            slug = self.slug[term]
            out.append(Markup('<a class="gloss" href="{}#{}" data-definition="{}">{}</a>').format(self.url, slug, self.definition[slug], term))
            pos = m.end()
        out.append(escape(text[pos:]))
        return Markup("").join(out)


def _english_key(rendering: str) -> str:
    key = re.sub(r"\s*\([^)]*\)$", "", rendering.strip())
    key = re.sub(r"^(the|a|an) ", "", key)
    return key if len(key) >= 4 else ""


def _memoize_macros(session: RenderSession) -> MacroMemo | None:
    """What reuses the paragraphs and breadcrumb trails the macros rendered on earlier pages of
    this pass (see session.MacroMemo); None renders each afresh where it appears."""
    return session.memo


def render_page(template: jinja2.Template, page: Page, lang: Lang, site: SiteInfo, alternates: list[tuple[Lang, str]],
                glossary: Glossary | None, session: RenderSession) -> str:
    seen: set = set()
    href = lambda url: site.base_path + url  # noqa: E731
    gloss = (lambda text: glossary.link(text, seen)) if glossary else escape
    memo = _memoize_macros(session)
    if memo is not None:
        memo.keep_report(page.report)
    variables = dict(
        lang=lang, t=lang.t, site=site, rv=page.report, alternates=alternates, csp=CSP, href=href, gloss=gloss,
        # Macros get what they need as one argument: imported without the page's context, their
        # module is compiled and run once per process instead of once per page.
        ui=UI(href, lang.t, gloss, lang, lang.messages, glossary, seen if glossary else None, site.base_path, memo),
        chrome=session.chrome(template.environment, lang, site, page), msg=lang.messages,
    )
    whole = dict(variables, page=page, canonical=site.base_url + lang.prefix + page.key, **page.context)
    try:
        frame = _frame_of(template, page, lang, site, alternates, variables, session)
        if frame is None:
            return template.render(whole)
        return _checked_once(frame.fill(template, whole, page_values(page, alternates)), template, lang, whole, session)
    except jinja2.UndefinedError as e:
        raise ContentErrors([ContentError(f"templates/{template.name}", _template_line(e, template.name), "", f"template error: {e.message}", "check the names this template uses")]) from e


_ONCE, _UNFRAMED = object(), object()  # a shape of which one page was rendered; one whose frame the layout refused


def _frame_of(template: jinja2.Template, page: Page, lang: Lang, site: SiteInfo, alternates: list, variables: dict,
              session: RenderSession) -> Frame | None:
    """The frame of this page's shape, made when a second page of the shape comes: the overview,
    the full text and other pages alone in their shape are rendered whole, as cheaply."""
    if template.name in session.unframed:
        return None
    key = shape(template, page, lang, alternates)
    frame = session.frames.get(key)
    if frame is None:
        session.frames[key] = _ONCE
        return None
    if frame is _ONCE:
        marked, marked_alternates, slots = marked_page(page, alternates)
        frame = make_frame(template, dict(variables, page=marked, alternates=marked_alternates,
                                          canonical=site.base_url + lang.prefix + marked.key), slots) or _UNFRAMED
        session.frames[key] = frame
    return None if frame is _UNFRAMED else frame


def _checked_once(html: str, template: jinja2.Template, lang: Lang, variables: dict, session: RenderSession) -> str:
    """The first framed page of each template and language is also rendered whole: if the two differ,
    the layout does something with a per-page value a frame cannot follow, and the template is
    rendered whole from then on."""
    if (template.name, lang.code) in session.checked:
        return html
    session.checked.add((template.name, lang.code))
    if variables["ui"].seen is not None:
        variables["ui"].seen.clear()  # the glossary links the framed blocks made, made again
    whole = template.render(variables)
    if whole != html:
        log.warning("templates/%s: rendered whole from now on: a page made from its frame differs from the page rendered whole", template.name)
        session.unframed.add(template.name)
    return whole


def _template_line(error: Exception, name: str) -> int:
    tb = error.__traceback__
    line = 0
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(name):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
