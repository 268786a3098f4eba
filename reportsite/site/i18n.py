"""Languages of the site: the interface message catalogs and how each language shows the report text."""

from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ContentError, ContentErrors
from ..cache import cache_key, keep, private_cache_folder, read_cached
from ..script import opencc_version, phrase_lines, to_traditional
from ..content.yamlio import load_yaml


@dataclass(frozen=True)
class Lang:
    code: str  # BCP 47, as in the html lang attribute
    prefix: str  # URL path prefix under the site root: "" for the default language
    name: str  # the language's own name, for the switcher
    messages: dict = field(default_factory=dict, compare=False, hash=False)
    phrases: str = ""  # the site's s2tw phrase list, for zh-Hant
    words: str = ""  # the Taiwan interface words (templates/i18n/zh-Hant-words.txt), for zh-Hant

    def t(self, key: str, **values) -> str:
        """The message for `key`; a missing key is a bug in the catalog, so it fails loudly."""
        try:
            text = self.messages[key]
        except KeyError:
            raise KeyError(f"message {key!r} is missing from the {self.code} catalog") from None
        return text.format(**values) if values else text

    @property
    def og_locale(self) -> str:
        """The locale as Open Graph names it (language_TERRITORY): zh_CN, zh_TW, en_US."""
        return _OG_LOCALES.get(self.code, self.code.replace("-", "_"))

    def text(self, zh: str) -> str:
        """Report text as this language shows it when no translation applies."""
        return _traditional(zh, self.phrases) if self.code == "zh-Hant" else zh

    def ui_text(self, zh: str) -> str:
        """The site's own Chinese prose (an about page's notes) as this language shows it: in zh-Hant
        with the interface words too (連結, 資訊), as the messages are; report text keeps its own."""
        return _traditional(zh, self.phrases, self.words) if self.code == "zh-Hant" else zh


# zh-Hant forms of report text, by (phrase list, interface words or "", Simplified text): filled from
# the private cache by remembered_text() and by converting what it did not hold; forget_text() empties it.
_KNOWN: dict[tuple[str, str, str], str] = {}
_ASKED: list[dict[str, str]] = []  # what the open remembered_text() scope has asked for
_UI = "\x00"  # marks, in the cache, text converted with the interface words


def _traditional(zh: str, phrases: str, words: str = "") -> str:
    out = _KNOWN.get((phrases, words, zh))
    if out is None:
        out = _KNOWN[(phrases, words, zh)] = to_traditional(zh, phrases, words)
    if _ASKED:
        _ASKED[-1][_UI + zh if words else zh] = out
    return out


@contextmanager
def remembered_text(name: str, lang: Lang | None):
    """Within it, `lang.text` takes the zh-Hant forms of one report's text (`name`) from the private
    cache, kept under the digest of everything the conversion reads; afterwards the cache holds what
    was asked for. Loading OpenCC's dictionaries costs more than the seed's whole text takes to
    convert, and a build whose text did not change needs neither."""
    if lang is None or lang.code != "zh-Hant":
        yield
        return
    key = cache_key(opencc_version(), phrase_lines(lang.phrases), phrase_lines(lang.words), name)
    folder = private_cache_folder("zh-hant")
    stored = _read_catalog(folder, key) or {}
    for zh, out in stored.items():
        ui = zh.startswith(_UI)
        _KNOWN.setdefault((lang.phrases, lang.words if ui else "", zh[1:] if ui else zh), out)
    _ASKED.append({})
    try:
        yield
    finally:
        asked = _ASKED.pop()
    if asked != stored:
        keep(folder, f"{key}.json", json.dumps(asked, ensure_ascii=False).encode())


def forget_text() -> None:
    """Drop the remembered zh-Hant text: a long-running `serve` keeps only what one build needed."""
    _KNOWN.clear()


LANGUAGE_ORDER = ("zh-Hans", "zh-Hant", "en")
_NAMES = {"zh-Hans": "简体中文", "zh-Hant": "繁體中文", "en": "English"}
# Open Graph reads locales as language_TERRITORY: Simplified as written in mainland China, Traditional
# in Taiwan's standard characters (the profile the site converts with), English as the US writes it.
_OG_LOCALES = {"zh-Hans": "zh_CN", "zh-Hant": "zh_TW", "en": "en_US"}
_PREFIXES = {"zh-Hans": "", "zh-Hant": "zh-hant/", "en": "en/"}


def _traditional_catalog(messages: dict[str, str], *phrase_files: str) -> dict[str, str]:
    """The zh-Hant messages, converted from zh-Hans: kept in the private cache under the digest of
    everything the conversion reads, as loading OpenCC with these phrase lists is a tenth of a
    second the seed's build would otherwise spend on every run for the same hundred messages."""
    key = cache_key(opencc_version(), phrase_lines(*phrase_files), messages)
    folder = private_cache_folder("messages")
    cached = _read_catalog(folder, key)
    if cached is not None and cached.keys() == messages.keys():
        return cached
    converted = {k: to_traditional(v, *phrase_files) for k, v in messages.items()}
    keep(folder, f"{key}.json", json.dumps(converted, ensure_ascii=False).encode())
    return converted


def _read_catalog(folder: Path | None, key: str) -> dict[str, str] | None:
    try:
        data = json.loads(read_cached(folder, f"{key}.json") or b"null")
    except ValueError:
        return None
    ok = isinstance(data, dict) and all(isinstance(v, str) for v in data.values())
    return data if ok else None


def load_languages(templates: Path, codes: tuple[str, ...] = LANGUAGE_ORDER, phrases: Path | None = None) -> list[Lang]:
    """The catalogs under templates/i18n/; zh-Hant is converted from zh-Hans, never stored twice.

    `phrases` is the site's list of s2tw corrections (content/zh-hant-phrases.txt), if it has one.
    """
    phrase_file = str(phrases) if phrases and phrases.exists() else ""
    catalogs: dict[str, dict] = {}
    errors: list[ContentError] = []
    for code in ("zh-Hans", "en"):
        path = templates / "i18n" / f"{code}.yaml"
        if not path.exists():
            continue
        data, errs = load_yaml(path, f"templates/i18n/{code}.yaml")
        errors += errs
        if isinstance(data, dict):
            catalogs[code] = {str(k): "" if v is None else str(v) for k, v in data.items()}
    if errors:
        raise ContentErrors(errors)
    if "zh-Hans" in catalogs:
        words = templates / "i18n" / "zh-Hant-words.txt"  # Taiwan interface words: 搜尋, 列印
        ui_words = str(words) if words.exists() else ""
        catalogs["zh-Hant"] = _traditional_catalog(catalogs["zh-Hans"], phrase_file, ui_words)
    base = catalogs.get("zh-Hans", {})
    missing = [ContentError(f"templates/i18n/{c}.yaml", 0, key, "message missing", "translate it")
               for c in ("en",) if c in catalogs for key in base if key not in catalogs[c]]
    if missing:
        raise ContentErrors(missing)
    words = templates / "i18n" / "zh-Hant-words.txt"
    hant_words = str(words) if words.exists() else ""
    return [Lang(code, _PREFIXES[code], _NAMES[code], catalogs[code], *((phrase_file, hant_words) if code == "zh-Hant" else ()))
            for code in codes if code in catalogs]
