"""What the site-wide checks read of every page (ids, links, headings, canonical, metadata, resources),
taken in one pass of the standard library's HTML parser and kept per page for the run.

The checks walk every page of a site, thousands on the example archive; a BeautifulSoup tree of each
took four times as long as this pass, and each check parsed every page again. Attribute values come
unescaped, and a repeated attribute keeps its last value, as BeautifulSoup gives them; `rel` is
compared whole, as the selector `link[rel="canonical"]` compares it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

HEADINGS = ("h1", "h2", "h3", "h4", "h5")


@dataclass
class PageFacts:
    lang: str = ""  # <html lang>
    ids: set[str] = field(default_factory=set)  # every element's id
    links: list[str] = field(default_factory=list)  # every <a href>, in order
    headings: list[int] = field(default_factory=list)  # levels of the h1-h5 inside <main>, in order
    canonical: list[str] = field(default_factory=list)  # every <link rel="canonical"> href
    meta: dict[str, str] = field(default_factory=dict)  # <meta content> by its property, or else its name
    head_meta: dict[str, list[str]] = field(default_factory=dict)  # every content of each property or name in <head>
    title: str | None = None  # the text of the first <title>
    head_links: list[dict[str, str]] = field(default_factory=list)  # the attributes of each <link> in <head>
    resources: list[str | None] = field(default_factory=list)  # what the page loads: scripts, styles, images, frames, icons
    inline_scripts: int = 0  # <script> elements with neither src nor type="application/ld+json"
    json_ld: list[str] = field(default_factory=list)  # the text of each <script type="application/ld+json">

    def head_link(self, rel: str, type: str | None = None) -> dict[str, str] | None:
        """The attributes of the first <link> in <head> with this rel (and type), as select_one finds it."""
        return next((link for link in self.head_links if link.get("rel") == rel and (type is None or link.get("type") == type)), None)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.facts = PageFacts()
        self.main = self.head = 0  # how deep inside <main> and <head>
        self.json_ld: list[str] | None = None  # the pieces of the JSON-LD script being read
        self.title: list[str] | None = None  # the pieces of the first <title>, while it is read

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = {name: value or "" for name, value in attrs}
        f = self.facts
        if "id" in a:
            f.ids.add(a["id"])
        if tag == "html" and "lang" in a:
            f.lang = a["lang"]
        elif tag == "main":
            self.main += 1
        elif tag == "head":
            self.head += 1
        elif tag in HEADINGS and self.main:
            f.headings.append(int(tag[1]))
        elif tag == "a" and "href" in a:
            f.links.append(a["href"])
        elif tag == "link":
            rel = a.get("rel")
            if rel == "canonical":
                f.canonical.append(a.get("href", ""))
            if rel in ("stylesheet", "icon"):
                f.resources.append(a.get("href"))
            if self.head:
                f.head_links.append(a)
        elif tag == "meta":
            key = a.get("property") or a.get("name")
            if "content" in a:
                f.meta[key] = a["content"]
            if self.head and key:
                f.head_meta.setdefault(key, []).append(a.get("content", ""))
        elif tag == "title" and f.title is None:
            self.title = []
        elif tag == "script":
            if "src" in a:
                f.resources.append(a["src"])
            elif a.get("type") == "application/ld+json":
                self.json_ld = []
            else:
                f.inline_scripts += 1
        elif tag == "img" and "src" in a:
            f.resources.append(a["src"])
        elif tag == "iframe":
            f.resources.append(a.get("src") or a.get("href"))

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "main" and self.main:
            self.main -= 1
        elif tag == "head" and self.head:
            self.head -= 1
        elif tag == "script" and self.json_ld is not None:
            self.facts.json_ld.append("".join(self.json_ld))
            self.json_ld = None
        elif tag == "title" and self.title is not None:
            self.facts.title, self.title = "".join(self.title), None

    def handle_data(self, data: str) -> None:
        if self.json_ld is not None:
            self.json_ld.append(data)
        if self.title is not None:
            self.title.append(data)


def page_facts(text: str) -> PageFacts:
    reader = _Reader()
    reader.feed(text)
    reader.close()
    return reader.facts


_READ: dict[tuple, PageFacts] = {}


def facts_of(file: Path) -> PageFacts:
    """The facts of a built page, read again only if the file changed since (a rebuild of its site)."""
    info = file.stat()
    key = (file, info.st_mtime_ns, info.st_size, info.st_ino)
    found = _READ.get(key)
    if found is None:
        found = _READ[key] = page_facts(file.read_text(encoding="utf-8"))
    return found
