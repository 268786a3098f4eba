"""A render session: what one render pass reuses from page to page, held in one object that the
pass creates and hands to every page it renders, and drops when it ends.

It keeps the furniture rendered once per language, report and tab, the frames of the pages'
shapes, and the current report's paragraphs and breadcrumb trails as the macros rendered them.
Objects are told apart by identity (`id`): the session holds the pages, and with them every view
it keys by, for as long as it lives, so no identity is reused while it is kept.
"""

from __future__ import annotations

import jinja2
from markupsafe import Markup


class MacroMemo:
    """The paragraph and crumbs macros of macros.html, each rendered once per paragraph (or trail)
    and variant and then reused: a paragraph appears on its own page, its section, its part, the full
    text and the side-by-side page, and rendering it each time was most of the render pass.

    macros.html routes its `paragraph` and `crumbs` through `paragraph_once` and `crumbs_once`
    (template globals), which hand the call to the page's memo (`ui.memo`), or render it afresh
    when the page has none. Only the current report's are kept, so memory stays flat.
    """

    def __init__(self) -> None:
        self.report = None
        self.paragraphs: dict[tuple, str] = {}
        self.terms: dict[tuple, frozenset] = {}  # (paragraph, glossary) -> the glossary terms in its text
        self.crumbs: dict[tuple, str] = {}

    def keep_report(self, report) -> None:
        if self.report is not report:
            self.paragraphs.clear()
            self.terms.clear()
            self.crumbs.clear()
            self.report = report

    def paragraph(self, render, p, ui, standalone=False):
        """A paragraph's HTML depends on the page only through the glossary terms linked before it on
        that page (the first occurrence is linked), so those go into the key, and a reused paragraph
        marks its own terms as linked, as rendering would."""
        glossary = ui.glossary
        terms = self.terms.get((id(p), id(glossary)))
        if terms is None:
            texts = [x for b in p.blocks for x in (b.lead, b.text)]
            terms = self.terms[(id(p), id(glossary))] = glossary.terms_in(texts) if glossary else frozenset()
        key = (id(p), ui.lang.code, ui.base_path, id(glossary), standalone, terms & ui.seen if ui.seen is not None else None)
        if key not in self.paragraphs:
            self.paragraphs[key] = render(p, ui, standalone)
        elif ui.seen is not None:
            ui.seen.update(terms)
        return self.paragraphs[key]

    def trail(self, render, trail, ui, current=""):
        """Every target page of a report shares one trail, and the crumbs were the costliest part of a
        target page after its layout."""
        key = (tuple((link.url, link.label) for link in trail), current, ui.lang.code, ui.base_path)
        if key not in self.crumbs:
            self.crumbs[key] = render(trail, ui, current)
        return self.crumbs[key]


def paragraph_once(render):
    """The template global macros.html wraps its paragraph macro in."""
    def paragraph(p, ui, standalone=False):
        return ui.memo.paragraph(render, p, ui, standalone) if ui.memo is not None else render(p, ui, standalone)

    return paragraph


def crumbs_once(render):
    """The template global macros.html wraps its crumbs macro in."""
    def crumbs(trail, ui, current=""):
        return ui.memo.trail(render, trail, ui, current) if ui.memo is not None else render(trail, ui, current)

    return crumbs


class RenderSession:
    """What one render pass reuses: furniture, frames, which templates frames cannot serve, and the macro memo."""

    def __init__(self) -> None:
        self.templates: dict[str, jinja2.Template] = {}
        self.furniture: dict[tuple, Markup] = {}
        self.frames: dict[tuple, object] = {}  # shape -> Frame, ONCE (one page seen) or UNFRAMED
        self.unframed: set[str] = set()  # templates rendered whole from now on
        self.checked: set[tuple[str, str]] = set()  # (template, language) whose first framed page was compared
        self.memo = MacroMemo()

    def template(self, env: jinja2.Environment, name: str) -> jinja2.Template:
        """A template every page asks for, looked up once per pass: a lookup in Jinja's cache costs
        more than the piece of furniture it is for."""
        if name not in self.templates:
            self.templates[name] = env.get_template(name)
        return self.templates[name]

    def chrome(self, env: jinja2.Environment, lang, site, page):
        """The page's furniture (search bar, report tabs, footer note), each rendered once per language,
        report and tab: most pages share it, and rendering it per page was half of all template time."""
        rv = page.report
        module = self.template(env, "chrome.html").module
        msg = lang.messages

        def piece(name: str) -> Markup:
            key = (name, lang.code, site.base_path, id(rv), page.nav if name == "report_nav" else "")
            if key not in self.furniture:
                if name == "search_bar":
                    self.furniture[key] = Markup(module.search_bar(lang, msg, site.base_path, rv, site.title_in(lang.code)))
                elif name == "report_nav":
                    self.furniture[key] = Markup(module.report_nav(msg, site.base_path, rv, page.nav))
                else:
                    self.furniture[key] = Markup(module.footer_note(msg, site.base_path, rv, site.title_in(lang.code)))
            return self.furniture[key]

        return piece
