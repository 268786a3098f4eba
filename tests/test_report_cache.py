"""The loaded-report cache: a report is parsed again whenever a file it is read from changes, and never read through a symlink."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reportsite.content import report as content
from reportsite.content.report import load_report, load_report_kept

ROOT = Path(__file__).resolve().parents[1]
RID = "jiangxian-2022"


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return Path(shutil.copytree(ROOT / "content" / "reports" / RID, tmp_path / "reports" / RID))


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """The folders load_report parsed."""
    calls = []
    monkeypatch.setattr(content, "load_report", lambda folder, display: calls.append(folder.name) or load_report(folder, display))
    return calls


def test_a_report_loaded_before_comes_from_the_cache_equal_to_a_fresh_load(folder, parses):
    fresh = load_report(folder, RID)
    assert load_report_kept(folder, RID) == fresh and parses == [RID]
    assert load_report_kept(folder, RID) == fresh and parses == [RID]  # not parsed again


@pytest.mark.parametrize("path", ["report.yaml", "targets.yaml", "provenance.yaml", "parts/part2.yaml"])
def test_an_edit_to_any_file_the_report_is_read_from_loads_it_afresh(folder, parses, path):
    load_report_kept(folder, RID)
    edited = folder / path
    edited.write_text(edited.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    report, _ = load_report_kept(folder, RID)
    assert parses == [RID, RID] and report == load_report(folder, RID)[0]


def test_a_damaged_cache_entry_is_loaded_again(folder, parses, tmp_path):
    fresh = load_report_kept(folder, RID)
    for entry in (tmp_path / "cache" / "reportsite" / "reports").iterdir():
        entry.write_bytes(entry.read_bytes()[:100])
    assert load_report_kept(folder, RID) == fresh and parses == [RID, RID]


def test_a_report_with_errors_is_not_kept(folder, parses, tmp_path):
    (folder / "targets.yaml").write_text("targets: [\n", encoding="utf-8")
    report, errors = load_report_kept(folder, RID)
    assert report is None and errors
    assert not list((tmp_path / "cache" / "reportsite" / "reports").iterdir())


def test_a_symlinked_report_file_is_left_to_load_report_and_not_read_for_the_cache(folder, parses, tmp_path, monkeypatch):
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text((folder / "targets.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "targets.yaml").unlink()
    (folder / "targets.yaml").symlink_to(outside)
    read = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self.name) or real(self))
    load_report_kept(folder, RID)
    load_report_kept(folder, RID)
    assert parses == [RID, RID] and "elsewhere.yaml" not in read and "targets.yaml" not in read


def test_an_edited_paragraph_is_what_the_next_load_shows(folder):
    load_report_kept(folder, RID)
    part = folder / "parts" / "part2.yaml"
    part.write_text(part.read_text(encoding="utf-8").replace("发展", "发达发展", 1), encoding="utf-8")
    report, _ = load_report_kept(folder, RID)
    assert any("发达发展" in p.text for p in report.all_paragraphs())


def test_a_report_whose_parts_folder_is_a_symlink_is_never_taken_from_the_cache(folder, parses, tmp_path):
    real = folder / "real-parts"  # inside the report: load_report accepts it
    (folder / "parts").rename(real)
    (folder / "parts").symlink_to(real)
    assert load_report_kept(folder, RID)[0] is not None
    load_report_kept(folder, RID)
    assert parses == [RID, RID]


class _Runs:
    """A pickle that, loaded, writes a file: what a kept report must never be able to hold."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return exec, (f"open({str(self.marker)!r}, 'w').write('ran')",)


def test_a_kept_report_is_data_that_runs_no_code_when_it_is_loaded(folder, parses, tmp_path):
    import pickle

    from reportsite.cache import keep, private_cache_folder

    fresh = load_report_kept(folder, RID)
    marker = tmp_path / "code-ran"
    kept = private_cache_folder("reports")
    for entry in kept.iterdir():
        keep(kept, entry.name, pickle.dumps((_Runs(marker), [])))
    assert load_report_kept(folder, RID) == fresh
    assert not marker.exists() and parses == [RID, RID]
