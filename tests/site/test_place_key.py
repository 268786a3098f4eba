"""One place, one key: a place's reports are grouped by the name in report.yaml, whatever each
translation calls it, so the year links, the home page and the search filter agree in every language."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from .conftest import build, copy_project
from .test_archive import add_report

pytestmark = pytest.mark.warm_cache  # builds the project: its cache comes warm (tests/conftest.py)

# The English translation names the county one way in 2021 and 2022 and another way in 2023.
REPORTS = [("jiangxian-2021", "绛县", "Jiang County", 2021), ("jiangxian-2023", "绛县", "Jiangxian County", 2023)]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("place-key"))
    for rid, place, place_en, year in REPORTS:
        add_report(project / "content", rid, place, place_en, year)
    build(project, project / "site", base_url="http://127.0.0.1:8000/")
    return project / "site"


def page(site, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("prefix", ["", "en/", "zh-hant/"])
def test_year_links_join_a_place_named_differently_in_two_years_of_its_translation(site, prefix):
    nav = {a["rel"][0]: a["href"] for a in page(site, f"{prefix}jiangxian-2022").select("nav.years a[rel]")}
    assert nav == {"prev": f"/{prefix}jiangxian-2021/", "next": f"/{prefix}jiangxian-2023/"}
    nav = {a["rel"][0]: a["href"] for a in page(site, f"{prefix}jiangxian-2023").select("nav.years a[rel]")}
    assert nav == {"prev": f"/{prefix}jiangxian-2022/"}


def test_home_page_shows_a_place_once_under_its_newest_name(site):
    groups = page(site, "en").select("[data-place]")
    assert [g.select_one("h3").contents[0].strip() for g in groups] == ["Jiangxian County"]
    assert len(groups[0].select(".card")) == 3


def test_search_filter_offers_a_place_once_and_every_report_of_it_matches(site):
    search = page(site, "en/search")
    assert [o["value"] for o in search.select("#search-place option") if o["value"]] == ["Jiangxian County"]
    reports = json.loads(search.select_one("#results")["data-reports"])
    assert {r["place"] for r in reports} == {"Jiangxian County"}
