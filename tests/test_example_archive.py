"""The example archive (examples/content/, `make example`): every report builds, every internal
link and anchor holds, and the home page groups the reports by place with their years in order."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from reportsite.site.linkcheck import check_links

from .conftest import share_cache

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE = ROOT / "examples" / "content"
BASE_URL = "https://reports.example.org/hebei/"


@pytest.fixture(scope="module")
def site(example_archive_site):
    # As build.py builds it: with the goals' outcomes, their links and the places' pages, at the
    # archive's own base URL (its site.yaml), the one the links are checked against.
    assert example_archive_site.read("index.html").decode("utf-8").count(BASE_URL) > 0
    return example_archive_site


def reports() -> dict[str, dict]:
    return {p.parent.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(ARCHIVE.glob("reports/*/report.yaml"))}


def test_the_archive_is_its_own_content_root_with_its_own_settings():
    settings = yaml.safe_load((ARCHIVE / "site.yaml").read_text(encoding="utf-8"))
    assert settings["base_url"] == BASE_URL and len(reports()) == 27


def test_every_report_builds_its_overview_and_full_text(site):
    assert [rid for rid in reports() if not {f"{rid}/index.html", f"{rid}/text/index.html"} <= site.paths] == []


def test_every_internal_link_and_anchor_holds(site):
    assert check_links(site, BASE_URL) == []


def test_the_home_page_groups_by_place_with_years_newest_first(site):
    page = BeautifulSoup(site.read("index.html").decode("utf-8"), "html.parser")
    groups = {g.select_one("h3").contents[0].strip(): [int(c.select_one(".card-year").get_text()) for c in g.select(".card")]
              for g in page.select("[data-place]")}
    assert sorted(groups) == sorted(["保定市", "容城县", "易县", "清苑区", "高阳县"])
    assert groups["清苑区"] == [2025, 2024, 2023, 2022, 2021, 2020, 2013, 2008, 2005, 2003]
    assert all(years == sorted(years, reverse=True) for years in groups.values())


@pytest.mark.parametrize("prefix, hint", [("", "例如：{}、{}"), ("en/", "e.g. {}, {}")])
def test_the_filters_hint_names_the_archives_own_first_place_and_its_newest_year(site, prefix, hint):
    page = BeautifulSoup(site.read(f"{prefix}index.html").decode("utf-8"), "html.parser")
    first = page.select_one("[data-place]")
    place, year = first.select_one(".card-meta").get_text().split(" · ")[1], first.select_one(".card-year").get_text()
    assert page.select_one("#af")["placeholder"] == hint.format(place, year)
    assert "绛县" not in str(page) and "Jiang County" not in str(page)  # no other archive's example


def test_make_example_builds_the_archive_into_example_site():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "build.py --content examples/content --out example-site" in makefile
    assert "/example-site/" in (ROOT / ".gitignore").read_text(encoding="utf-8").split("\n")


def test_check_passes_without_strict_and_keeps_lost_and_full_width_characters_as_warnings(example_cache):
    # What check reports is the subject, not how the cache saves its work: its cache starts warm.
    share_cache(example_cache, Path(os.environ["XDG_CACHE_HOME"]))
    run = subprocess.run([sys.executable, str(ROOT / "build.py"), "--content", str(ARCHIVE), "check"],
                         capture_output=True, text=True, cwd=ROOT, timeout=300)
    out = run.stdout + run.stderr
    assert run.returncode == 0, out
    assert "baoding-2023/parts/part2.yaml:6: part2-p1: warning: lost character (U+FFFD)" in out
    assert "rongcheng-2019/parts/part1.yaml:18: part1-p6: warning: full-width letter 'Ａ'" in out
