"""Content that would exhaust memory or time is refused before it is loaded, with one clear line."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from reportsite.content.yamlio import MAX_ALIAS_NODES, MAX_FILE_BYTES, MAX_TEXT_CHARS, load_yaml


def billion_laughs(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels + 1)]
    return "\n".join(lines) + f"\nmeta:\n  title: *a{levels}\n"


def load(tmp_path: Path, text: str, name: str = "en.yaml") -> tuple[object, list[str]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    data, errors = load_yaml(path, name)
    return data, [str(e) for e in errors]


def test_an_alias_bomb_in_en_yaml_is_refused_at_once(tmp_path):
    started = time.perf_counter()
    data, errors = load(tmp_path, billion_laughs())
    assert time.perf_counter() - started < 5  # loading it unchecked runs for minutes and ends in MemoryError
    assert data is None
    assert errors == [f"en.yaml:4: aliases expand to more than {MAX_ALIAS_NODES:,} values (write the values out instead of using & and *)"]


def test_an_alias_bomb_in_the_glossary_stops_the_build_with_that_line(tmp_path):
    from tests.test_content_errors import add_file, build_messages, write_report

    content = add_file(write_report(tmp_path), "glossary.yaml", billion_laughs(8).replace("meta:\n  title:", "terms:\n- term:"))
    assert build_messages(content) == [
        f"content/reports/mini-2023/glossary.yaml:4: aliases expand to more than {MAX_ALIAS_NODES:,} values (write the values out instead of using & and *)"
    ]


def test_a_few_aliases_are_still_allowed(tmp_path):
    data, errors = load(tmp_path, "base: &b {status: draft, text: x}\nother: *b\n")
    assert errors == [] and data["other"] == {"status": "draft", "text": "x"}


def test_an_alias_inside_its_own_value_is_refused(tmp_path):
    data, errors = load(tmp_path, "loop: &a [1, *a]\n")
    assert data is None and errors == ["en.yaml:1: an alias refers to the value that contains it (write the value out instead of using & and *)"]


def test_an_over_long_text_is_refused(tmp_path):
    data, errors = load(tmp_path, "meta:\n  title: " + "长" * (MAX_TEXT_CHARS + 1) + "\n")
    assert data is None
    assert errors == [f"en.yaml:2: text of {MAX_TEXT_CHARS + 1:,} characters, more than {MAX_TEXT_CHARS:,} (split it, or check that the file holds what you meant)"]


def test_a_file_of_50_megabytes_is_refused_without_being_parsed(tmp_path):
    path = tmp_path / "report.yaml"
    with path.open("w", encoding="utf-8") as f:
        f.write("title: ")
        f.write("x" * 50_000_000)
    started = time.perf_counter()
    data, errors = load_yaml(path, "report.yaml")
    assert time.perf_counter() - started < 1
    assert data is None
    assert [str(e) for e in errors] == [f"report.yaml: file of 50,000,007 bytes, more than {MAX_FILE_BYTES:,} (split it, or check that it is the file you meant)"]


@pytest.mark.parametrize("opening, inner, closing", [("[", "", "]"), ("{a: ", "1", "}")])
def test_deep_nesting_is_an_error_not_a_crash(tmp_path, opening, inner, closing):
    depth = 10_000
    data, errors = load(tmp_path, "x: " + opening * depth + inner + closing * depth + "\n")
    assert data is None
    assert errors == ["en.yaml:1: YAML syntax: exceeded maximum nesting depth (check the indentation and quotes on this line and the one above)"]
