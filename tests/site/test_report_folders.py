"""Which folders are reports: none outside content/, and two of one place and year are not each other's next year."""

from __future__ import annotations

import shutil

import pytest
from bs4 import BeautifulSoup

from reportsite.cli import main

from .conftest import build, copy_project

pytestmark = pytest.mark.warm_cache  # builds the project: its cache comes warm (tests/conftest.py)

RID = "jiangxian-2022"


def test_a_report_folder_symlinked_from_outside_content_is_neither_built_nor_written_to(tmp_path, monkeypatch, capsys):
    project = copy_project(tmp_path / "project")
    outside = tmp_path / "elsewhere" / RID
    outside.parent.mkdir()
    shutil.move(project / "content" / "reports" / RID, outside)
    (outside / "published-ids.txt").unlink()
    (project / "content" / "reports" / RID).symlink_to(outside)
    monkeypatch.chdir(project)
    expected = f"content/reports/{RID}: is a symlink to {outside}, outside content/ (move the report's folder into content/reports/)"
    for command in (["--out", str(tmp_path / "site")], ["check"]):
        assert main(command) == 1
        assert expected in capsys.readouterr().err
    assert not (outside / "published-ids.txt").exists()
    assert not (tmp_path / "site").exists()


def test_two_reports_of_one_place_and_year_get_a_warning_and_do_not_link_as_next_year(tmp_path):
    project = copy_project(tmp_path / "project")
    reports = project / "content" / "reports"
    twin = reports / f"{RID}-copy"
    shutil.copytree(reports / RID, twin)
    yaml = twin / "report.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace(f"id: {RID}\n", f"id: {RID}-copy\n", 1), encoding="utf-8")
    (twin / "published-ids.txt").unlink()
    stats = build(project, tmp_path / "site")
    assert [str(w) for w in stats.warnings if w.field == "year"] == [
        f"content/reports/{RID}-copy/report.yaml: year: warning: 绛县 2022 is also the place and year of {RID!r} "
        "(correct the place or the year of one of them)"]
    for rid in (RID, f"{RID}-copy"):
        page = BeautifulSoup((tmp_path / "site" / rid / "index.html").read_text(encoding="utf-8"), "html.parser")
        assert page.select('a[rel="next"], a[rel="prev"]') == []
