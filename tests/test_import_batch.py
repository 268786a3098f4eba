"""Batch import from the command line: a folder or several files, a table at the end, a failed file
that stops nothing and leaves nothing half-written, and two files of one place and year refused."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reportsite.ingest.batch import import_batch, raw_files, write_new_folder

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "examples" / "raw"
NOT_A_REPORT = Path(__file__).parent / "data" / "seeds" / "not-a-report.txt"


def run(content: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "build.py", "--content", str(content), "import", *args],
                          cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120)


@pytest.fixture
def folder(tmp_path) -> Path:
    """Three raw reports, one of them no report at all."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("gaoyang-2018.txt", "yixian-2019.txt"):
        shutil.copy(RAW / name, raw / name)
    shutil.copy(NOT_A_REPORT, raw / "menu.txt")
    return raw


def test_a_folder_imports_with_a_table_and_a_failed_file_stops_nothing(folder, tmp_path):
    result = run(tmp_path / "content", str(folder))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["file", "id", "place", "year", "parts", "paragraphs", "targets", "warnings"]
    assert [line.split()[:4] for line in lines[1:4]] == [
        ["gaoyang-2018.txt", "gaoyang-2018", "高阳县", "2018"], ["menu.txt", "failed"], ["yixian-2019.txt", "yixian-2019", "易县", "2019"]]
    assert lines[-1].startswith("2 imported, 1 failed, in ")
    assert f"{folder}/menu.txt: error: this does not look like a government work report" in result.stderr
    assert sorted(p.name for p in (tmp_path / "content" / "reports").iterdir()) == ["gaoyang-2018", "yixian-2019"]


def test_two_reports_of_one_place_and_year_are_refused_naming_each_other(folder, tmp_path):
    shutil.copy(folder / "yixian-2019.txt", folder / "yixian-2019-copy.txt")
    rows = {row.file.name: row for row in import_batch([folder], tmp_path / "content")}
    assert rows["yixian-2019.txt"].error.startswith(f"gives the id 'yixian-2019', as {folder}/yixian-2019-copy.txt does")
    assert rows["yixian-2019-copy.txt"].error.startswith(f"gives the id 'yixian-2019', as {folder}/yixian-2019.txt does")
    assert rows["gaoyang-2018.txt"].error == ""
    assert not (tmp_path / "content" / "reports" / "yixian-2019").exists()


def test_several_files_import_as_a_batch_and_id_is_refused_for_them(folder, tmp_path):
    files = [str(folder / "gaoyang-2018.txt"), str(folder / "yixian-2019.txt")]
    assert run(tmp_path / "content", *files).returncode == 0
    refused = run(tmp_path / "other", *files, "--id", "x-2020")
    assert (refused.returncode, refused.stderr) == (1, "error: --id names one report: import the files one by one to give each an id\n")


def test_a_folder_is_read_for_raw_reports_only_in_name_order(folder):
    (folder / "notes.md").write_text("x", encoding="utf-8")
    assert [p.name for p in raw_files([folder])] == ["gaoyang-2018.txt", "menu.txt", "yixian-2019.txt"]


def test_a_report_folder_that_fails_to_be_written_leaves_nothing(tmp_path):
    with pytest.raises(TypeError):
        write_new_folder(tmp_path / "reports" / "x-2020", {"report.yaml": "id: x\n", "parts/part1.yaml": None})
    assert list((tmp_path / "reports").iterdir()) == []


def test_reimporting_the_batch_without_force_refuses_every_report_and_changes_nothing(folder, tmp_path):
    content = tmp_path / "content"
    import_batch([folder], content)
    before = {p: p.read_bytes() for p in content.rglob("*.yaml")}
    rows = import_batch([folder], content)
    assert all("already holds report" in row.error for row in rows if row.file.name != "menu.txt")
    assert {p: p.read_bytes() for p in content.rglob("*.yaml")} == before
