"""An archive of several reports: the home page groups them by place and year, filters them in the
browser (and lists them all without a script), and each report links to its place's other years."""

from __future__ import annotations

import shutil

import pytest
import yaml
from bs4 import BeautifulSoup

from .conftest import copy_project, serve_built

pytestmark = pytest.mark.warm_cache  # builds the project: its cache comes warm (tests/conftest.py)

SEED = "jiangxian-2022"
# (id, place, English place, year): the seed copied under other places and years.
REPORTS = [("jiangxian-2021", "绛县", "Jiang County", 2021), ("jiangxian-2023", "绛县", "Jiang County", 2023),
           ("wenxi-2022", "闻喜县", "Wenxi County", 2022)]


def add_report(content, rid: str, place: str, place_en: str, year: int) -> None:
    """A copy of the seed report under another id, place and year."""
    folder = content / "reports" / rid
    shutil.copytree(content / "reports" / SEED, folder)
    report = folder / "report.yaml"
    data = yaml.safe_load(report.read_text(encoding="utf-8"))
    data.update(id=rid, place=place, year=year, title=f"{year}年{place}政府工作报告")
    report.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    english = folder / "en.yaml"
    data = yaml.safe_load(english.read_text(encoding="utf-8"))
    data["meta"].update(place=place_en, title=f"Report on the Work of the Government of {place_en}, {year}")
    english.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """(site folder, base URL) of the seed plus three copies, built and served on loopback."""
    project = copy_project(tmp_path_factory.mktemp("archive"))
    for rid, place, place_en, year in REPORTS:
        add_report(project / "content", rid, place, place_en, year)
    yield from serve_built(project)


def home(site, prefix: str = "") -> BeautifulSoup:
    return BeautifulSoup((site / prefix / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("prefix, places", [("", ["绛县", "闻喜县"]), ("en/", ["Jiang County", "Wenxi County"])])
def test_home_page_groups_reports_by_place_newest_year_first(archive, prefix, places):
    page = home(archive[0], prefix)
    groups = page.select("[data-place]")
    assert [g.select_one("h3").contents[0].strip() for g in groups] == places
    years = [card.select_one(".card-year").get_text() for card in groups[0].select(".card")]
    assert years == ["2023", "2022", "2021"]


def test_each_report_card_shows_title_place_year_occasion_and_headline_figures(archive):
    card = home(archive[0]).select_one('.card:has(a[href$="/wenxi-2022/"])')
    assert card.select_one("h4").get_text() == "2022年闻喜县政府工作报告"
    meta = card.select_one(".card-meta").get_text()
    assert "2022" in meta and "闻喜县" in meta and "人民代表大会" in meta
    figures = card.select(".card-figures dd")
    assert 1 <= len(figures) <= 3 and figures[0].get_text() == "+8%左右"


def test_each_report_links_to_the_same_places_previous_and_next_year(archive):
    site = archive[0]

    def years_nav(rid: str) -> dict:
        page = BeautifulSoup((site / rid / "index.html").read_text(encoding="utf-8"), "html.parser")
        return {a["rel"][0]: a["href"] for a in page.select("nav.years a[rel]")}

    assert years_nav("jiangxian-2022") == {"prev": "/jiangxian-2021/", "next": "/jiangxian-2023/"}
    assert years_nav("jiangxian-2021") == {"next": "/jiangxian-2022/"}
    assert years_nav("wenxi-2022") == {}


def test_archive_filter_narrows_the_list_by_place_or_year_in_the_browser(new_context, archive):
    pg = new_context(archive[1]).new_page()
    pg.goto(archive[1])
    assert pg.locator(".card:visible").count() == 4
    pg.fill("#af", "2022")
    assert pg.locator(".card:visible").count() == 2
    pg.fill("#af", "闻喜")
    assert pg.locator(".card:visible").count() == 1
    assert pg.locator("[data-place]:visible").count() == 1
    assert "1 / 4" in pg.locator("#af-count").inner_text()
    pg.fill("#af", "nowhere")
    assert pg.locator(".card:visible").count() == 0 and pg.locator("#af-count").inner_text() == "没有符合条件的报告。"


def test_archive_lists_every_report_without_javascript(new_context, archive):
    pg = new_context(archive[1], java_script_enabled=False).new_page()
    pg.goto(archive[1])
    assert pg.locator(".card:visible").count() == 4
    assert pg.locator("form[data-archive-filter]").is_hidden()  # a filter that cannot work is not offered
