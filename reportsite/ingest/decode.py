"""Reading pass: raw bytes of a scraped report (text or a saved HTML page) -> lines of text."""

from __future__ import annotations

import codecs
import re

import charset_normalizer
from bs4 import BeautifulSoup

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
    """The visible text of an HTML page, one line per block element, and the encoding it was read in."""
    soup = BeautifulSoup(data, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "iframe", "svg"]):
        tag.decompose()
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    body = soup.body or soup
    return body.get_text(), soup.original_encoding or "utf-8"


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
