"""Content files that are not YAML (Markdown notes, the phrase list, the published IDs) follow the
YAML's rules, and no content holds the private-use characters the page frames are marked with."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .test_content_errors import PART, REPORT, add_file, build_messages, messages, write_report

HINT = "(delete it: it stands for no character a reader can see, and is often a garbled one)"
NOTE = "content/reports/mini-2023/about.md"


def test_a_title_holding_a_frame_marker_is_refused_with_its_file_and_line(tmp_path):
    broken = REPORT.replace("title: 2023年清河县政府工作报告", "title: 2023年清河县政府工作报告\ue000jsonld\ue001")
    assert messages(write_report(tmp_path, report=broken)) == [
        f"content/reports/mini-2023/report.yaml:2: title: contains a private-use character (U+E000) {HINT}"
    ]


def test_a_paragraph_holding_a_private_use_character_is_refused(tmp_path):
    broken = PART.replace("全年实施重点项目68个。", "全年实施\uf8ff重点项目68个。")
    assert messages(write_report(tmp_path, part=broken)) == [
        f"content/reports/mini-2023/parts/part1.yaml:11: sections[0].paragraphs[0].text: contains a private-use character (U+F8FF) {HINT}"
    ]


def test_a_note_holding_a_frame_marker_is_refused_with_its_file_and_line(tmp_path):
    content = add_file(write_report(tmp_path), "about.md", "说明\n\n见\ue000jsonld\ue001。\n")
    assert build_messages(content) == [f"{NOTE}:3: contains a private-use character (U+E000) {HINT}"]


def test_a_note_that_links_outside_the_report_is_refused_and_never_read(tmp_path):
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    content = write_report(tmp_path)
    (content / "reports" / "mini-2023" / "about.md").symlink_to(secret)
    assert build_messages(content) == [f"{NOTE}: a symlink to {secret}, outside mini-2023/ (copy the file here instead of linking to it)"]


def test_a_note_that_is_not_utf8_is_named(tmp_path):
    content = write_report(tmp_path)
    (content / "reports" / "mini-2023" / "about.en.md").write_bytes("说明".encode("gb18030"))
    assert build_messages(content) == [
        "content/reports/mini-2023/about.en.md: not UTF-8 text (invalid continuation byte at byte 2) (save the file as UTF-8)"
    ]


def test_a_note_larger_than_a_content_file_may_be_is_refused(tmp_path):
    content = write_report(tmp_path)
    with open(content / "reports" / "mini-2023" / "about.md", "wb") as f:
        f.truncate(5_000_000)
    assert build_messages(content) == [
        f"{NOTE}: file of 5,000,000 bytes, more than 4,000,000 (split it, or check that it is the file you meant)"
    ]


def test_a_note_that_is_a_fifo_is_refused_at_once(tmp_path):
    content = write_report(tmp_path)
    os.mkfifo(content / "reports" / "mini-2023" / "about.md")
    assert build_messages(content) == [f"{NOTE}: not a plain file (replace it with a text file)"]


@pytest.mark.parametrize("name", ["zh-hant-phrases.txt", "reports/mini-2023/published-ids.txt"])
def test_the_phrase_list_and_the_published_ids_may_not_link_outside_the_content(tmp_path, name):
    secret = tmp_path / "secret.txt"
    secret.write_text("s1-1-p1\n", encoding="utf-8")
    content = write_report(tmp_path)
    (content / name).symlink_to(secret)
    inside = "mini-2023" if "/" in name else "content"
    assert build_messages(content) == [f"content/{name}: a symlink to {secret}, outside {inside}/ (copy the file here instead of linking to it)"]


def test_a_phrase_list_that_is_not_utf8_is_named(tmp_path):
    content = write_report(tmp_path)
    (content / "zh-hant-phrases.txt").write_bytes(b"\xff\xfe")
    assert build_messages(content) == [
        "content/zh-hant-phrases.txt: not UTF-8 text (invalid start byte at byte 0) (save the file as UTF-8)"
    ]


def test_a_symlinked_note_is_found_by_check(tmp_path, monkeypatch):
    from reportsite.check import check_site

    project = Path(__file__).resolve().parents[1]
    content = write_report(tmp_path)
    (content / "reports" / "mini-2023" / "about.md").symlink_to("/etc/passwd")
    problems = check_site(content, project / "templates", project / "static").problems
    assert f"{NOTE}: a symlink to /etc/passwd, outside mini-2023/ (copy the file here instead of linking to it)" in map(str, problems)


@pytest.mark.parametrize("name", ["targets.yaml", "en.yaml", "glossary.yaml"])
def test_a_yaml_file_that_links_outside_the_report_is_refused_and_never_read(tmp_path, name):
    secret = tmp_path / "secret.yaml"
    secret.write_text("glossary: [{term: 密码, en: password, zh: hunter2, explanation: x}]\n", encoding="utf-8")
    content = write_report(tmp_path)
    path = content / "reports" / "mini-2023" / name
    path.unlink(missing_ok=True)
    path.symlink_to(secret)
    assert f"content/reports/mini-2023/{name}: a symlink to {secret}, outside mini-2023/ (copy the file here instead of linking to it)" in build_messages(content)


def test_a_yaml_file_that_is_a_fifo_is_refused_at_once(tmp_path):
    content = write_report(tmp_path)
    os.mkfifo(content / "reports" / "mini-2023" / "glossary.yaml")
    assert build_messages(content) == ["content/reports/mini-2023/glossary.yaml: not a plain file (replace it with a text file)"]
