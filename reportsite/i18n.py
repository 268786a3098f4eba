"""Languages of the site: the interface message catalogs and how each language shows the report text."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import ContentError, ContentErrors
from .script import to_traditional
from .yamlio import load_yaml


@dataclass(frozen=True)
class Lang:
    code: str  # BCP 47, as in the html lang attribute
    prefix: str  # URL path prefix under the site root: "" for the default language
    name: str  # the language's own name, for the switcher
    messages: dict = field(default_factory=dict, compare=False, hash=False)
    phrases: str = ""  # the site's s2tw phrase list, for zh-Hant

    def t(self, key: str, **values) -> str:
        """The message for `key`; a missing key is a bug in the catalog, so it fails loudly."""
        try:
            text = self.messages[key]
        except KeyError:
            raise KeyError(f"message {key!r} is missing from the {self.code} catalog") from None
        return text.format(**values) if values else text

    def text(self, zh: str) -> str:
        """Report text as this language shows it when no translation applies."""
        return to_traditional(zh, self.phrases) if self.code == "zh-Hant" else zh


LANGUAGE_ORDER = ("zh-Hans", "zh-Hant", "en")
_NAMES = {"zh-Hans": "简体中文", "zh-Hant": "繁體中文", "en": "English"}
_PREFIXES = {"zh-Hans": "", "zh-Hant": "zh-hant/", "en": "en/"}


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
        catalogs["zh-Hant"] = {k: to_traditional(v, phrase_file, ui_words) for k, v in catalogs["zh-Hans"].items()}
    base = catalogs.get("zh-Hans", {})
    missing = [ContentError(f"templates/i18n/{c}.yaml", 0, key, "message missing", "translate it")
               for c in ("en",) if c in catalogs for key in base if key not in catalogs[c]]
    if missing:
        raise ContentErrors(missing)
    return [Lang(code, _PREFIXES[code], _NAMES[code], catalogs[code], phrase_file if code == "zh-Hant" else "")
            for code in codes if code in catalogs]
