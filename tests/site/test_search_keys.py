"""The search key files: every character and pair of adjacent characters of a block of records names
it, in the file its hash chooses, for the report that holds it; the parts are made in memory and the
same in every process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from reportsite.site.search_keys import BLOCK_CHARS, KEY_SHARDS, blocks, fold, key_files, report_keys, shard_count, shard_of

ROOT = Path(__file__).resolve().parents[2]


def lookup(files: list[bytes], key: str) -> dict[str, list[int]]:
    """Report id -> the blocks whose keys in the file name `key`, as the browser reads the file the
    key's hash chooses among len(files) (a report may have more than one entry in it)."""
    found: dict[str, set[int]] = {}
    for rid, *in_blocks in json.loads(files[shard_of(key) % len(files)]):
        found.setdefault(rid, set()).update(n for n, keys in enumerate(in_blocks) if key in keys.split(" "))
    return {rid: sorted(numbers) for rid, numbers in found.items() if numbers}


def test_each_character_and_pair_names_the_reports_that_hold_it():
    files = key_files([report_keys("a", ["修建公路", "公共服务"]), report_keys("b", ["农村公路"])])
    assert len(files) == KEY_SHARDS
    assert lookup(files, "公路") == {"a": [0], "b": [0]}
    assert lookup(files, "公") == {"a": [0], "b": [0]}
    assert lookup(files, "共服") == {"a": [0]}
    assert lookup(files, "路公") == {}  # not adjacent in a record: the records are joined by a space


def test_a_long_report_is_cut_into_blocks_and_a_key_names_only_the_blocks_holding_it():
    filler = "甲" * BLOCK_CHARS
    texts = ["修建公路" + filler, "学校" + filler, "农村公路"]
    assert len(blocks(texts)) == 3
    files = key_files([report_keys("a", texts)])
    assert lookup(files, "公路") == {"a": [0, 2]}
    assert lookup(files, "学校") == {"a": [1]}
    assert lookup(files, "甲") == {"a": [0, 1]}


def test_fewer_key_files_find_every_key_in_the_same_blocks():
    filler = "甲" * BLOCK_CHARS
    parts = [report_keys("a", ["修建公路" + filler, "学校" + filler, "农村公路"]), report_keys("b", ["公共服务", "农村学校"])]
    every = key_files(parts)
    keys = {key for file in every for _, *in_blocks in json.loads(file) for block in in_blocks for key in block.split(" ") if key}
    for count in (1, 2, 32):
        fewer = key_files(parts, count)
        assert len(fewer) == count
        assert all(lookup(fewer, key) == lookup(every, key) for key in keys), count
    assert lookup(key_files(parts, 2), "学校") == {"a": [1], "b": [0]}


def test_a_site_has_32_key_files_a_report_up_to_1024():
    assert [shard_count(n) for n in (1, 2, 3, 10, 31, 32, 100)] == [32, 64, 128, 512, 1024, 1024, 1024]
    assert KEY_SHARDS == 1024


def test_keys_are_folded_as_the_browser_folds_a_query():
    files = key_files([report_keys("a", ["５Ｇ基站 GDP"])])
    assert fold("５Ｇ") == "5g"
    assert lookup(files, "5g") == {"a": [0]} and lookup(files, "gd") == {"a": [0]}
    assert lookup(files, "５Ｇ") == {}


def test_no_key_holds_a_space_a_quote_or_a_backslash_which_the_browser_never_looks_up():
    files = key_files([report_keys("a", ['说 "好" \\n'])])
    keys = {key for file in files for _, *in_blocks in json.loads(file) for block in in_blocks for key in block.split(" ") if key}
    assert keys == {"说", "好", "n"}


def test_a_file_leaves_out_the_reports_without_a_key_in_it():
    files = key_files([report_keys("a", ["甲"]), report_keys("b", ["乙"])])
    assert json.loads(files[shard_of("乙")]) == [["b", "乙"]] or shard_of("甲") == shard_of("乙")
    assert sum(len(json.loads(f)) for f in files) == 2


def test_a_part_is_the_same_in_every_process_whatever_its_hash_seed():
    script = ("import sys, hashlib; from reportsite.site.search_keys import report_keys;"
              "print(hashlib.sha256(b'|'.join(report_keys('a', ['修建农村公路和学校', 'GDP增长6%', '公共服务'] * 50))).hexdigest())")
    digests = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT,
                              env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(digests) == 1


def test_nothing_build_only_is_published(site_dir):
    """The key files' per-report parts stay in the build's memory: the site holds the key files, the
    shards and the files each report publishes, nothing made only to build them."""
    names = {path.name for path in site_dir.rglob("*") if path.is_file()}
    assert "search-keys.txt" not in names
    report = next(p for p in site_dir.iterdir() if (p / "search-index.json").exists())
    published = {"index.html", "search-index.json", "report.json", "report.en.json", "targets.csv", "targets.en.csv", "card.png",
                 "sitemap.xml", "datapackage.json"}
    assert {p.name for p in report.iterdir() if p.is_file()} <= published
    assert len(list((site_dir / "search" / "keys").iterdir())) == shard_count(1)
    search = (site_dir / "search" / "index.html").read_text(encoding="utf-8")
    assert f'data-key-shards="{shard_count(1)}"' in search
