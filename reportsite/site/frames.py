"""Page frames: the layout a page template extends, rendered once per shape of page and filled per page.

Most of a page is its layout (base.html: head, header, footer), and most of the layout is the same on
every page of one report, language and tab. The frame of a shape is the page template rendered with
its own blocks left as slots and each per-page value (title, description, address, alternates,
structured data) as a marker; a page is then its frame with the markers replaced by its escaped
values and the slots by its blocks. Escaping is per character, so a marker's escaped value can be
put in wherever the marker went through output or concatenation.

The layout may only print a per-page value: a marker refuses to be tested, compared or measured, and
a frame whose markers came out changed is not used; the first page of each template and language
made from a frame is also rendered whole and compared. A template the frame cannot honour is rendered whole, every time.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import secrets

import jinja2
from markupsafe import Markup, escape

from .pages import json_ld

log = logging.getLogger(__name__)
# A marker is a private-use character, a secret drawn when the process starts, the value's name and
# another private-use character. Text that content put in the layout (a report's title, say) cannot
# know the secret, so it cannot make a marker that the page's values would be filled into: any
# marker character it holds is stray, and a frame with a stray one is not used.
_SECRET = secrets.token_hex(8)
_MARK = re.compile(f"\ue000{_SECRET}([a-z0-9-]+)\ue001")
_STRAY = re.compile("[\ue000\ue001]")


def _marker(name: str) -> str:
    return f"\ue000{_SECRET}{name}\ue001"


class FrameRefused(Exception):
    """The layout used a per-page value in a way one frame for many pages cannot reproduce."""


class Slot(str):
    """A per-page value's marker: it prints and joins like text and is as true as the value it stands
    for (part of the shape), but refuses to be compared or measured."""

    def __new__(cls, name: str, value) -> "Slot":
        slot = super().__new__(cls, _marker(name))
        slot.truth = bool(value)
        return slot

    def __bool__(self) -> bool:
        return self.truth

    def _refuse(self, *args):
        raise FrameRefused(self)

    __len__ = __eq__ = __ne__ = __lt__ = __le__ = __gt__ = __ge__ = __contains__ = __iter__ = _refuse
    __hash__ = str.__hash__


@dataclasses.dataclass
class Frame:
    """A shape's frame cut at its markers: literal text at even positions, marker names at odd ones."""

    pieces: list[str]
    blocks: tuple[str, ...]  # the page template's own blocks, each rendered per page
    imports: dict  # the names the page template's top level defines (its macros), for its blocks
    parents: dict  # block name -> the layout's versions of it, for super()

    def fill(self, template: jinja2.Template, variables: dict, values: dict[str, str]) -> str:
        """The page: `values` (page_values, which the page's rendered blocks are added to) in the frame."""
        context = template.new_context(dict(variables, **self.imports))
        for name, chain in self.parents.items():
            context.blocks.setdefault(name, []).extend(chain)
        for name in self.blocks:
            values[f"block-{name}"] = "".join(context.blocks[name][0](context))
        out = self.pieces[:]
        for i in range(1, len(out), 2):
            out[i] = values[out[i]]
        return "".join(out)


def json_ld_filter(data) -> Markup:
    """The `json_ld` filter: structured data as JSON for its script element; a marker passes through."""
    return Markup(data) if isinstance(data, Slot) else Markup(json_ld(data))


def shape(template: jinja2.Template, page, lang, alternates: list) -> tuple:
    """What the layout may branch on besides the marked values: pages of one shape share a frame."""
    return (template.name, lang.code, id(page.report), page.nav, page.og_type, bool(page.image), page.noindex,
            bool(page.title), bool(page.description), bool(page.key), bool(page.jsonld),
            tuple((other.code, bool(url)) for other, url in alternates))


def marked_page(page, alternates: list) -> tuple[object, list, set[str]]:
    """The page and alternates a frame is rendered with: markers for what differs from page to page,
    and no page context (a layout that reads it is rendered whole); and the markers' names."""
    # Each paragraph and target has a share card of its own: the image is marked like the title.
    marked = dataclasses.replace(page, title=Slot("title", page.title), description=Slot("description", page.description),
                                 key=Slot("key", page.key), jsonld=Slot("jsonld", page.jsonld), image=Slot("image", page.image),
                                 context={})
    marked_alternates = [(other, Slot(f"alt-{i}", url)) for i, (other, url) in enumerate(alternates)]
    return marked, marked_alternates, {"title", "description", "key", "jsonld", "image"} | {f"alt-{i}" for i in range(len(alternates))}


def page_values(page, alternates: list) -> dict[str, str]:
    """What replaces the markers on this page, escaped as the layout would have escaped it."""
    values = {"title": escape(page.title), "description": escape(page.description), "key": escape(page.key),
              "jsonld": json_ld_filter(page.jsonld) if page.jsonld else "", "image": escape(page.image)}
    for i, (_, url) in enumerate(alternates):
        values[f"alt-{i}"] = escape(url)
    return values


def make_frame(template: jinja2.Template, variables: dict, slots) -> Frame | None:
    """The frame of `template` rendered with `variables` (markers in place of the values named by
    `slots`), or None if the layout uses a per-page value in a way a frame cannot reproduce; then
    a warning says why, and the template's pages are rendered whole."""
    context = template.new_context(variables)
    own = tuple(template.blocks)
    for name in own:
        context.blocks[name] = [lambda _context, mark=_marker(f"block-{name}"): iter([mark])]
    try:
        text = "".join(template.root_render_func(context))
    except FrameRefused as e:
        return _refused(template, f"the layout tests, compares or measures a per-page value ({e.args[0]!s:.40})")
    except Exception as e:  # any other trouble: the page is rendered whole, which reports it where it is
        return _refused(template, f"rendering its frame failed: {type(e).__name__}: {e}")
    pieces = _MARK.split(text)
    names = set(pieces[1::2])
    if any(_STRAY.search(piece) for piece in pieces[::2]):
        return _refused(template, "a per-page value came out changed (filtered, cut or encoded), or a marker character came in as text")
    if not names <= set(slots) | {f"block-{b}" for b in own}:
        return _refused(template, "the layout printed a value the frame does not know")
    imports = {k: v for k, v in context.vars.items() if k not in variables}
    if any(isinstance(v, str) for v in imports.values()):  # a top-level {% set %} may hold a marker
        return _refused(template, "the page template sets a value at its top level")
    parents = {name: chain[1:] for name, chain in context.blocks.items() if len(chain) > 1}
    return Frame(pieces, own, imports, parents)


def _refused(template: jinja2.Template, why: str) -> None:
    log.warning("templates/%s: rendered whole, without a frame: %s", template.name, why)
    return None
