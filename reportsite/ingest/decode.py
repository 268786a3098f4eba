"""Reading pass: raw bytes of a scraped report (text or a saved HTML page) -> lines of text."""

from __future__ import annotations

import codecs
import os
import re
import stat
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import charset_normalizer

from ..errors import ImportProblem

_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# Encodings a Chinese web page comes in; GB18030 is the superset of GB2312 and GBK.
_CHINESE_ENCODINGS = ["utf_8", "gb18030", "big5", "utf_16_le", "utf_16_be"]
_HTML_SNIFF = re.compile(rb"<(!doctype html|html|body|head|meta|div|p)[\s>]", re.I)
_BLOCK_TAGS = ["p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "td"]


def read_seed(path: Path, limit: int) -> bytes:
    """The bytes of a seed file, refused unless it is a regular file of at most `limit` bytes.

    A named pipe would wait for a writer forever and a device (/dev/zero) never ends, so neither is
    opened for reading; a file is read up to `limit` + 1 bytes, never whole, whatever size it claims.
    """
    try:
        kind = _kind(os.stat(path).st_mode)
        if kind is None:  # opened without blocking, then asked again: it may have been swapped meanwhile
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
            try:
                info = os.fstat(fd)
                kind = _kind(info.st_mode)
                data = b"" if kind or info.st_size > limit else _read_at_most(fd, limit + 1)
            finally:
                os.close(fd)
    except OSError as e:
        raise ImportProblem(f"{path}: cannot read ({e.strerror})") from e
    if kind is not None:
        raise ImportProblem(f"{path}: cannot read: it is {kind}, not a file (save the page as a file and import that)")
    size = max(info.st_size, len(data))
    if size > limit:
        raise ImportProblem(f"the file is {size // 2**20} MB; a work report is far smaller (limit {limit // 2**20} MB)")
    return data


def _kind(mode: int) -> str | None:
    """What a path is, if it is not a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"


def _read_at_most(fd: int, count: int) -> bytes:
    chunks = []
    while count > 0:
        chunk = os.read(fd, min(count, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        count -= len(chunk)
    return b"".join(chunks)


def detect_encoding(data: bytes) -> str:
    """The encoding of `data`: a BOM if present, strict UTF-8 if it decodes, else the best Chinese guess."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data, cp_isolation=_CHINESE_ENCODINGS).best()
    if best is not None:
        return best.encoding
    # A page that is mostly figures and punctuation gives the detector too little to go on.
    for name in ("gb18030", "big5"):
        try:
            data.decode(name)
            return name
        except UnicodeDecodeError:
            continue
    raise ImportProblem("cannot tell the text encoding (is this a text or HTML file?)")


def is_html(data: bytes) -> bool:
    return _HTML_SNIFF.search(data[:4096]) is not None


def html_to_text(data: bytes) -> tuple[str, str]:
    """The visible text of an HTML page, one line per block element, and the encoding it was read in.

    Read in one pass with the standard library's tokenizer, holding only the open elements and the
    text: no tree is built, so neither time nor memory grows faster than the page, however deeply
    its elements nest (a tree took time quadratic in the depth to mark its blocks).
    """
    from bs4.dammit import UnicodeDammit
    dammit = UnicodeDammit(data, is_html=True)  # as BeautifulSoup reads a page: its <meta charset>, else a guess
    reader = _TextReader()
    reader.feed(dammit.unicode_markup or "")
    reader.close()
    return reader.text(), dammit.original_encoding or "utf-8"


_HIDDEN_TAGS = frozenset({"script", "style", "noscript", "template", "iframe", "svg"})  # not shown: dropped with all they hold
_VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"})
_BLOCKS = frozenset(_BLOCK_TAGS)
_HTML_SPACES = " \t\n\f\r"


class _TextReader(HTMLParser):
    """The text of a page as it streams by: a newline around each block element, nothing of a hidden one.

    An end tag closes the innermost open element of its name and everything opened inside it (an end
    tag with no open element of its name is ignored); the text of the first <body>, or of the whole
    page if it has none.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.counts: Counter[str] = Counter()
        self.hiding = 0  # open elements not shown at all
        self.everything: list[str] = []
        self.body: list[str] | None = None  # from the first <body> on, while it is open
        self.body_depth = -1

    def emit(self, text: str) -> None:
        self.everything.append(text)
        if self.body is not None and self.body_depth >= 0:
            self.body.append(text)

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _VOID_TAGS:
            if tag in _BLOCKS and not self.hiding:
                self.emit("\n\n")
            return
        if tag in _BLOCKS and not self.hiding:
            self.emit("\n")
        self.open.append(tag)
        self.counts[tag] += 1
        if tag in _HIDDEN_TAGS:
            self.hiding += 1
        if tag == "body" and self.body is None and not self.hiding:
            self.body, self.body_depth = [], len(self.open) - 1

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.counts[tag]:
            return
        while True:
            name = self.open.pop()
            self.counts[name] -= 1
            if name in _HIDDEN_TAGS:
                self.hiding -= 1
            if name in _BLOCKS and not self.hiding:
                self.emit("\n")
            if len(self.open) == self.body_depth:
                self.body_depth = -1
            if name == tag:
                return

    def handle_data(self, data: str) -> None:
        if self.hiding or self.counts["rt"] or self.counts["rp"]:
            return
        if not data.strip(_HTML_SPACES) and not (self.counts["pre"] or self.counts["textarea"]):
            data = "\n" if "\n" in data else " "  # space between tags counts as one, as a browser shows it
        self.emit(data)

    def unknown_decl(self, data: str) -> None:
        if data.startswith("CDATA[") and not self.hiding:
            self.emit(data[len("CDATA["):])

    def text(self) -> str:
        while self.open:
            self.handle_endtag(self.open[-1])
        return "".join(self.everything if self.body is None else self.body)


def read_raw(data: bytes) -> tuple[str, str]:
    """Decode a raw seed; returns (text with \\n line ends, name of the encoding or 'html/<enc>')."""
    if not data.strip():
        raise ImportProblem("the file is empty")
    forced = None
    if b"\x00" in data[:4096] and not any(data.startswith(b) for b, _ in _BOMS):
        forced = _utf16_without_bom(data)
        if forced is None:
            raise ImportProblem("this looks like a binary file, not a text or HTML report")
    if forced:
        encoding = forced
        text = data.decode(forced, errors="replace")
    elif is_html(data):
        text, page_encoding = html_to_text(data)
        encoding = f"html/{page_encoding}"
    else:
        encoding = detect_encoding(data)
        text = data.decode(encoding, errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if _control_ratio(text) > 0.01:
        raise ImportProblem("this looks like a binary file, not a text or HTML report")
    return text, encoding


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 of either byte order, told apart by which reading is text rather than noise."""
    sample = data[: 8192 - 8192 % 2]
    best, best_share = None, 0.9
    for name in ("utf_16_le", "utf_16_be"):
        try:
            text = sample.decode(name)
        except UnicodeDecodeError:
            continue
        plain = sum(1 for c in text if c.isprintable() or c in "\n\r\t")
        han_or_ascii = sum(1 for c in text if c.isascii() or "\u3000" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef")
        share = min(plain, han_or_ascii) / max(1, len(text))
        if share > best_share:
            best, best_share = name, share
    return best


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    bad = sum(1 for c in sample if ord(c) < 32 and c not in "\n\t")
    return bad / max(1, len(sample))
