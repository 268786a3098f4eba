"""Checking pass: every internal link of the rendered site lands on a file, and every #anchor on an id."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from ..errors import ContentError
from .output import OutputTree

_HREF = re.compile(r'<a\b[^>]*\shref="([^"]*)"')
# Found by its literal text, then kept if whitespace precedes it (not data-id=): a pattern starting
# with \s is tried at every character, seven times slower over a site.
_ID = re.compile(r'id="([^"]*)"')
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")  # an address of its own: https:, mailto:, javascript:


def check_links(tree: OutputTree, base_url: str) -> list[ContentError]:
    """Broken internal links and anchors, as errors naming the page that holds the link."""
    base_path = urlsplit(base_url).path or "/"
    pages = {path: tree.read(path).decode("utf-8") for path in tree.paths if path.endswith(".html")}
    ids = {path: _ids(text) for path, text in pages.items()}
    errors = []
    for path, text in sorted(pages.items()):
        for raw in _HREF.findall(text):
            href = html.unescape(raw) if "&" in raw else raw
            if href.startswith(base_url):
                href = base_path + href[len(base_url):]
            if href.startswith("?") or _SCHEME.match(href):
                continue
            url, _, fragment = href.partition("#")
            target = _resolve(url, path, base_path)
            if target is None or target not in tree.paths:
                errors.append(ContentError(f"site/{path}", 0, "", f"broken link {href!r}", "a template or an ID in content is wrong"))
                continue
            anchor = fragment.split(":~:")[0]
            if anchor and target.endswith(".html") and anchor not in ids[target]:
                errors.append(ContentError(f"site/{path}", 0, "", f"link {href!r} names a missing anchor", "check the ID"))
    return errors


def _ids(text: str) -> set[str]:
    return {m[1] for m in _ID.finditer(text) if m.start() and text[m.start() - 1].isspace()}


def _resolve(url: str, page: str, base_path: str) -> str | None:
    if not url:
        return page
    if not url.startswith(base_path):
        return None
    rel = url[len(base_path):]
    return rel + "index.html" if rel.endswith("/") or rel == "" else rel
