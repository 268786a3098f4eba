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
from reportsite.site.search_keys import KEY_SHARDS, shard_count, shard_of

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


def test_the_page_names_as_many_key_files_as_the_build_writes_for_its_reports():
    assert _context("zh-Hans", "", [2021, 2023, 2022])["key_shards"] == 128 == shard_count(3)


def test_a_report_edit_rejoins_only_the_key_files_whose_line_changed():
    from reportsite.site.search_keys import changed_files

    assert changed_files([b"a", b"b", b""], [b"a", b"c", b"d"]) == {1, 2}
    assert changed_files([b"a", b"b", b"", b"e"], [b"a", b"b", b"d", b"e"], 2) == {0}  # line 2 is in file 0 of 2


def _report_view():
    """A report of an opening paragraph (under no part) and one part with a section of one paragraph
    and a section of none."""
    opening = SimpleNamespace(id="open-p1", context_url="r/#open-p1", where="", plain="各位代表", number=1)
    paragraph = SimpleNamespace(id="s1-1-p1", context_url="r/s1-1/#s1-1-p1", where="一、回顾 › （一）稳增长", plain="增长5%",
                                number=1)
    sections = [SimpleNamespace(id="s1-1", url="r/s1-1/", label="（一）", title="稳增长", paragraphs=[paragraph]),
                SimpleNamespace(id="s1-2", url="r/s1-2/", label="（二）", title="惠民生", paragraphs=[])]
    part = SimpleNamespace(id="part1", url="r/part1/", label="一、", title="回顾", sections=sections)
    return SimpleNamespace(id="r", title="清河县报告", url="r/", paragraphs=[opening, paragraph], parts=[part], targets=[], lists=[])


def test_a_section_is_found_where_its_first_paragraph_stands_or_else_under_its_part():
    from reportsite.site.search import build_search_index

    index = json.loads(build_search_index(_report_view(), Lang("zh-Hans", "", "zh-Hans"), (), {}))
    where = {doc[0]: index["where"][doc[2]] for doc in index["docs"]}
    assert where == {"open-p1": "清河县报告", "s1-1-p1": "一、回顾 › （一）稳增长", "part1": "一、回顾", "s1-1": "一、回顾 › （一）稳增长",
                     "s1-2": "一、回顾"}


def test_the_character_map_covers_the_characters_of_where_a_record_stands():
    """A result shows where its record stands (here the report's title, over the opening paragraph),
    and a query typed in the other script must find that too."""
    from reportsite.site.search import corpus_chars

    chars = corpus_chars(_report_view())
    assert set(chars) == set("各位代表一二回顾稳增长惠民生清河县报告")


def test_a_character_whose_folded_form_is_longer_is_kept_as_it_is_as_the_browser_keeps_it():
    from reportsite.site.search_keys import fold

    assert fold("ﬁ㎡ＡＢ") == "ﬁ㎡ab"  # NFKC would make fi and m2: two characters for one, and the offsets of marks would move


def test_key_lines_list_their_keys_in_order_and_write_chinese_unescaped():
    """The same texts give the same bytes in any process (set order varies with the hash seed), and
    the key files, the largest part of the index, carry characters as UTF-8 rather than \\u escapes."""
    from reportsite.site.search_keys import _report_keys

    texts = ["".join(chr(0x4E00 + i) for i in range(n, n + 40)) for n in range(0, 3000, 40)]
    parts = _report_keys("r", texts)
    lines = [json.loads(line) for line in parts if line]
    assert {line[0] for line in lines} == {"r"} and sum(len(line) > 2 for line in lines) > 10  # keys of several blocks
    whole = "".join(texts)  # every character once: a key's place in the text is its first
    for line in lines:
        for block in line[1:]:  # a block's characters, then its pairs, each in the text's order
            keys = block.split()
            for size in (1, 2):
                places = [whole.index(key) for key in keys if len(key) == size]
                assert places == sorted(places)
            assert [len(key) for key in keys] == sorted(len(key) for key in keys)
    assert all(b"\\u" not in part for part in parts) and any("一丁".encode() in part for part in parts)
