"""Rendering pass: pages -> HTML through the Jinja templates (autoescaped, strict about undefined names)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from .errors import ContentError, ContentErrors
from .i18n import Lang
from .markdown import render_inline, render_markdown
from .pages import Page, json_ld
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


def make_environment(templates: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["json_ld"] = lambda data: Markup(json_ld(data))
    env.filters["markdown"] = render_markdown
    env.filters["markdown_inline"] = render_inline
    return env


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


class Glossary:
    """Links the first occurrence of each glossary term on a page to its entry."""

    def __init__(self, terms: list[GlossaryTerm], url: str, lang: Lang):
        self.url = url
        ordered = sorted({lang.text(t.term): t for t in terms}.items(), key=lambda kv: -len(kv[0]))
        self.slug = {lang.text(t.term): f"g-{i}" for i, t in enumerate(terms, start=1)}  # as glossary.html numbers them
        self.pattern = re.compile("|".join(re.escape(term) for term, _ in ordered)) if ordered else None
        self.entries = ordered

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


def render_page(template: jinja2.Template, page: Page, lang: Lang, site: SiteInfo, alternates: list[tuple[Lang, str]],
                glossary: Glossary | None) -> str:
    seen: set = set()
    canonical = site.base_url + lang.prefix + page.key
    try:
        return template.render(
            page=page, lang=lang, t=lang.t, site=site, rv=page.report, canonical=canonical,
            alternates=alternates, csp=CSP, href=lambda url: site.base_path + url,
            gloss=(lambda text: glossary.link(text, seen)) if glossary else (lambda text: escape(text)),
            **page.context,
        )
    except jinja2.UndefinedError as e:
        raise ContentErrors([ContentError(f"templates/{template.name}", _template_line(e, template.name), "", f"template error: {e.message}", "check the names this template uses")]) from e


def _template_line(error: Exception, name: str) -> int:
    tb = error.__traceback__
    line = 0
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(name):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
