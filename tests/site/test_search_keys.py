"""The search key files: every character and pair of adjacent characters of a record names it, in the
file its hash chooses, for the report that holds it."""

from __future__ import annotations

import json

from reportsite.site.search_keys import KEY_SHARDS, fold, key_files, report_keys, shard_of


def lookup(files: list[bytes], key: str) -> dict[str, list[int]]:
    return {rid: keys[key] for rid, keys in json.loads(files[shard_of(key)]) if key in keys}


def test_each_character_and_pair_names_the_records_that_hold_it_in_each_report():
    files = key_files([report_keys("a", ["修建公路", "公共服务"]).encode(), report_keys("b", ["农村公路"]).encode()])
    assert len(files) == KEY_SHARDS
    assert lookup(files, "公路") == {"a": [0], "b": [0]}
    assert lookup(files, "公") == {"a": [0, 1], "b": [0]}
    assert lookup(files, "共服") == {"a": [1]}
    assert lookup(files, "路公") == {}  # not adjacent anywhere


def test_keys_are_folded_as_the_browser_folds_a_query():
    files = key_files([report_keys("a", ["５Ｇ基站 GDP"]).encode()])
    assert fold("５Ｇ") == "5g"
    assert lookup(files, "5g") == {"a": [0]} and lookup(files, "gd") == {"a": [0]}
    assert lookup(files, "５Ｇ") == {}


def test_a_file_leaves_out_the_reports_without_a_key_in_it():
    files = key_files([report_keys("a", ["甲"]).encode(), report_keys("b", ["乙"]).encode()])
    assert json.loads(files[shard_of("乙")]) == [["b", {"乙": [0]}]] or shard_of("甲") == shard_of("乙")
    assert sum(len(json.loads(f)) for f in files) == 2
