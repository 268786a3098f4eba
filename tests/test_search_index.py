"""The search index builder's promises to the browser, checked without one: the key file each key is
written to, the character map, and what the search page names for each language."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest

from reportsite.site.i18n import Lang
from reportsite.site.search import query_map, search_page_context
from reportsite.site.search_keys import KEY_SHARDS, shard_of

ROOT = Path(__file__).resolve().parent.parent
KEYS = ["", "a", "b", "foobar", "发", "發展", "gdp", "5g", "%", "𠀀", "增长"]


def test_a_key_goes_to_the_file_numbered_by_the_low_bits_of_its_32_bit_fnv_1a_hash():
    # The published FNV-1a vectors: "" 0x811c9dc5, "a" 0xe40c292c, "b" 0xe70c2de5, "foobar" 0xbf9cf968.
    expected = [h & (KEY_SHARDS - 1) for h in (0x811C9DC5, 0xE40C292C, 0xE70C2DE5, 0xBF9CF968)]
    assert [shard_of(key) for key in KEYS[:4]] == expected


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node (apt-get install npm)")
def test_the_browser_looks_for_every_key_in_the_file_the_build_wrote_it_to():
    script = (f"import {{ shardOf }} from {json.dumps((ROOT / 'static' / 'js' / 'search-keys.js').as_uri())};"
              f"console.log(JSON.stringify({json.dumps(KEYS)}.map((k) => shardOf(k, {KEY_SHARDS}))));")
    result = subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [shard_of(key) for key in KEYS]


def test_a_typed_character_maps_to_the_corpus_characters_it_stands_for_and_to_no_other():
    assert query_map("发") == {"發": "发"}  # 发 typed as itself needs no entry; 發 is not in the corpus
    assert query_map("发制製体體为爲") == {"为": "为爲", "体": "体體", "制": "制製", "為": "为爲", "爲": "为爲", "發": "发", "體": "体體"}


def _context(code: str, prefix: str, years: list[int]) -> dict:
    lang = Lang(code, prefix, code)
    builds = [SimpleNamespace(views={c: SimpleNamespace(id=f"r-{year}", title=f"r {year}", place_key="p", year=year)
                                     for c in ("zh-Hans", "zh-Hant", "en")}, glossaries={}) for year in years]
    return search_page_context(builds, lang, "/base/", {"p": "清河县"})


def test_only_the_english_search_page_names_the_chinese_indexes_a_chinese_query_reads():
    english = _context("en", "en/", [2022])
    assert (english["zh_charmap"], english["zh_keys"]) == ("/base/search/charmap.json", "/base/search/keys/")
    assert json.loads(english["reports_json"])[0]["zh"] == "/base/r-2022/search-index.json"
    for code, prefix in (("zh-Hans", ""), ("zh-Hant", "zh-hant/")):
        chinese = _context(code, prefix, [2022])
        assert (chinese["zh_charmap"], chinese["zh_keys"]) == ("", "")
        assert "zh" not in json.loads(chinese["reports_json"])[0]
        assert chinese["charmap"] == f"/base/{prefix}search/charmap.json"


def test_the_year_filter_lists_the_years_newest_first():
    assert _context("zh-Hans", "", [2021, 2023, 2022])["years"] == [2023, 2022, 2021]
