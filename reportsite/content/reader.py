"""The reader toolkit every YAML file of content/ is read with: typed fields out of the loaded YAML,
each problem collected with its file, line and field (`path:line: field: message (hint)`); and the
content files that are not YAML, read by the same rules."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from ..errors import ContentError
from .model import ID_PATTERN
from .yamlio import LineDict, LineList, load_yaml, read_content_file

ID = re.compile(ID_PATTERN)
HTTP_URL = re.compile(r"\Ahttps?://[^\s<>\"']+\Z")
# A part's or section's page is /<report>/<id>/ beside the report's own pages, and a report's is
# /<id>/ beside the site's: an ID equal to one of these names would overwrite that page.
PAGE_NAMES = frozenset({"text", "targets", "about", "bilingual", "glossary", "lists", "p", "source"})
SITE_NAMES = frozenset({"search", "static", "schema", "places", "en", "zh-hant"})
# Ordinals are printed as Chinese numerals (十二、) and Roman ones (XII.), which stop at 99 here.
MAX_NUMBER = 99
# Line and paragraph separators and control characters break one-line text: a title in <title>,
# a heading, the share card's text layout.
_BREAKING = frozenset({"Cc", "Zl", "Zp"})
# A title is drawn on the share card and repeated in every page's <title> and meta tags.
MAX_LINE_CHARS = 500
# Private-use characters stand for no character a reader can see (a garbled byte pair may become
# one), and the page frames mark their slots with them (frames.py): no content may bring one in.
_PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff]")
PRIVATE_USE_HINT = "delete it: it stands for no character a reader can see, and is often a garbled one"


def private_use_message(char: str) -> str:
    return f"contains a private-use character (U+{ord(char):04X})"


class Reader:
    """Reads typed fields out of one YAML file, collecting errors with file, line and field."""

    def __init__(self, path: str):
        self.path = path
        self.errors: list[ContentError] = []
        self.bad_ids = False  # references to a unit whose ID is wrong would all be reported as broken

    def error(self, node, key, field: str, message: str, hint: str = "") -> None:
        line = node.line_of(key) if isinstance(node, (LineDict, LineList)) and key is not None else getattr(node, "line", 0)
        self.errors.append(ContentError(self.path, line, field, message, hint))

    def mapping(self, node, field: str, parent=None, key=None, hint: str = "") -> LineDict | None:
        if isinstance(node, LineDict):
            return node
        self.error(parent if parent is not None else node, key, field, f"expected a mapping, got {describe(node)}", hint)
        return None

    def items(self, node: LineDict, key: str, field: str, required: bool = True) -> list:
        value = node.get(key)
        if value is None:
            if required and key not in node:
                self.error(node, None, f"{field}{key}", "missing", f"add `{key}:` with a list")
            return []
        if not isinstance(value, LineList):
            self.error(node, key, f"{field}{key}", f"expected a list, got {describe(value)}")
            return []
        return value

    def text(self, node: LineDict, key: str, field: str, required: bool = True, default: str = "") -> str:
        if key not in node or node[key] is None:
            if required:
                self.error(node, None, f"{field}{key}", "missing", f"add `{key}: …`")
            return default
        value = node[key]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            self.error(node, key, f"{field}{key}", f"expected text, got {describe(value)}")
            return default
        found = _PRIVATE_USE.search(value)
        if found is not None:
            self.error(node, key, f"{field}{key}", private_use_message(found.group()), PRIVATE_USE_HINT)
            return _PRIVATE_USE.sub("", value)
        return value

    def number(self, node: LineDict, key: str, field: str, integer: bool = False):
        value = node.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (integer and not isinstance(value, int)):
            kind = "a whole number" if integer else "a number"
            self.error(node, key, f"{field}{key}", f"expected {kind}, got {value!r}", "write digits only, e.g. 10 or 8.5")
            return None
        return value

    def ident(self, node: LineDict, key: str, field: str) -> str:
        value = self.text(node, key, field)
        if key in node and node[key] is not None and not ID.fullmatch(value):
            self.error(node, key, f"{field}{key}", f"{value!r} is not a valid ID", "use lower-case letters, digits and single hyphens, starting with a letter")
            self.bad_ids = True
        elif value in PAGE_NAMES:
            self.error(node, key, f"{field}{key}", f"{value!r} is the name of a page of the report", "choose another ID, e.g. with a number")
            self.bad_ids = True
        return value

    def line(self, node: LineDict, key: str, field: str, required: bool = True, default: str = "") -> str:
        """Text that must stay on one line: titles, names, dates."""
        value = self.text(node, key, field, required, default)
        if len(value) > MAX_LINE_CHARS:
            self.error(node, key, f"{field}{key}", f"{len(value):,} characters, more than {MAX_LINE_CHARS} for one line", "shorten it; long text belongs in a paragraph")
            return value[:MAX_LINE_CHARS]
        bad = next((c for c in value if unicodedata.category(c) in _BREAKING), None)
        if bad is not None:
            self.error(node, key, f"{field}{key}", f"contains a line break or control character (U+{ord(bad):04X})", "write it on one line")
            return " ".join(value.split())
        return value

    def ordinal(self, node: LineDict, key: str, field: str, default: int) -> int:
        value = self.number(node, key, field, integer=True)
        if value is not None and not 1 <= value <= MAX_NUMBER:
            self.error(node, key, f"{field}{key}", f"{value} is out of range", f"number from 1 to {MAX_NUMBER}")
            return default
        return value or default


def describe(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return f"text {value[:20]!r}"
    return type(value).__name__.replace("LineDict", "a mapping").replace("LineList", "a list")


def read_text_file(path: Path, display: str) -> tuple[str | None, list[ContentError]]:
    """A content file that is not YAML (a Markdown note, a phrase list) by the YAML's rules (see
    read_content_file), and without private-use characters; None if it does not exist."""
    if not os.path.lexists(path):
        return None, []
    text, errors = read_content_file(path, display)
    if text is None:
        return None, errors
    line, counted = 1, 0
    for found in _PRIVATE_USE.finditer(text):  # the first of each line, of the first few lines
        line, counted = line + text.count("\n", counted, found.start()), found.start()
        if not errors or errors[-1].line != line:
            errors.append(ContentError(display, line, "", private_use_message(found.group()), PRIVATE_USE_HINT))
            if len(errors) == 10:
                break
    return (None if errors else text), errors


def load_entries(path: Path, display: str, key: str, read) -> tuple[list, LineDict | None, list[ContentError]]:
    """The entries listed under `key` in the YAML file at `path` (none if there is no such file), each
    made by `read(reader, entry, field_prefix)`; the file's top-level mapping, for its other keys;
    and every problem of the file. The shape of glossary.yaml, corrections.yaml and outcomes.yaml."""
    if not path.exists():
        return [], None, []
    data, errors = load_yaml(path, display)
    if data is None:
        return [], None, errors
    r = Reader(display)
    node = r.mapping(data, "")
    out = []
    for i, item in enumerate(r.items(node, key, "") if node is not None else []):
        entry = r.mapping(item, f"{key}[{i}]")
        if entry is not None:
            out.append(read(r, entry, f"{key}[{i}]."))
    return out, node, errors + r.errors
