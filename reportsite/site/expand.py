"""Query expansion data for the search page: groups of words that name the same thing.

Three sources, each a list of groups {zh: [...], en: [...]}: the synonym list beside this module
(synonyms.yaml, what readers type for what the reports call otherwise), the indicator vocabulary
(every name an indicator goes by, with its English name) when the project has one, and each report's
glossary (a term with its English rendering). The browser expands a query that equals a group's word
(static/js/search-expand.js) and says so on the page.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..content.vocabulary import load_vocabulary
from ..content.yamlio import load_package_yaml
from .i18n import Lang, remembered_text
from .views import GlossaryEntry

SYNONYMS = Path(__file__).with_name("synonyms.yaml")


@lru_cache(maxsize=None)
def _read(path: Path) -> dict:
    return load_package_yaml(path) or {}


def synonym_groups() -> list[dict]:
    return [{"zh": list(g["zh"]), "en": list(g.get("en", []))} for g in _read(SYNONYMS)["groups"]]


def vocabulary_groups() -> list[dict]:
    return [{"zh": list(i.names), "en": [i.en]} for i in load_vocabulary().indicators.values() if i.names]


def expansion_groups(lang: Lang, glossaries: list[tuple[GlossaryEntry, ...]]) -> list[dict]:
    """Every group, its Chinese words in the script of `lang`'s text (the English site searches
    Chinese text in Simplified)."""
    groups = synonym_groups() + vocabulary_groups()
    seen = set()
    for glossary in glossaries:
        for t in glossary:
            if t.term and t.en and t.term not in seen:
                seen.add(t.term)
                groups.append({"zh": [t.term], "en": [t.en]})
    if lang.code != "zh-Hant":
        return groups
    with remembered_text("search-expansion", lang):  # converted once, then from the private cache
        return [{"zh": [lang.text(w) for w in g["zh"]], "en": g["en"]} for g in groups]
