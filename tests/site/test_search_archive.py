"""Search over an archive of several reports, in a real browser: one query searches every report.

The archive is the committed report and two copies of it under other places and years, one with a
paragraph changed, so that the reports do not all give the same hits. Expected hits come from the
built shards: a paragraph is a hit when its text contains the query.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import quote

import pytest

from .conftest import copy_project, page_on, serve_built

pytestmark = pytest.mark.warm_cache  # builds the project: its cache comes warm (tests/conftest.py)

RID = "jiangxian-2022"
COPIES = {"wenxi-2022": ("闻喜县", 2022), "wenxi-2023": ("闻喜县", 2023)}
QUERY = "涑水"


def add_copy(project: Path, rid: str, place: str, year: int) -> None:
    folder = project / "content" / "reports" / rid
    shutil.copytree(project / "content" / "reports" / RID, folder)
    report = folder / "report.yaml"
    text = report.read_text(encoding="utf-8").replace(f"id: {RID}", f"id: {rid}")
    text = text.replace("place: 绛县", f"place: {place}").replace("year: 2022", f"year: {year}").replace("title: 2022年绛县", f"title: {year}年{place}")
    report.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """(site folder, base URL) of a three-report archive served on loopback."""
    project = copy_project(tmp_path_factory.mktemp("archive"))
    for rid, (place, year) in COPIES.items():
        add_copy(project, rid, place, year)
    part = project / "content/reports/wenxi-2023/parts/part1.yaml"
    part.write_text(part.read_text(encoding="utf-8").replace("涑水", "涑川"), encoding="utf-8")  # fewer hits here
    yield from serve_built(project)


@pytest.fixture
def page(reading_pages, new_context, archive, request):
    """A page on the archive's server (see page_on)."""
    yield from page_on(archive[1], request, reading_pages, new_context)


def shard(site: Path, rid: str, prefix: str = "") -> dict:
    return json.loads((site / prefix / rid / "search-index.json").read_text(encoding="utf-8"))


def record_id(doc: list) -> str:
    return doc[0] if doc[5] == "paragraph" else f"{doc[5]}:{doc[0]}"


def containing(site: Path, rid: str, *words: str, prefix: str = "", kinds: tuple[str, ...] = ()) -> set[str]:
    """The records of a report's shard whose text holds one of the words (of the given kinds, or any)."""
    return {record_id(d) for d in shard(site, rid, prefix)["docs"] if any(w in d[3] for w in words) and (not kinds or d[5] in kinds)}


def open_search(page, base: str, query: str, path: str = "search/", extra: str = "") -> None:
    page.goto(f"{base}{path}?q={quote(query)}{extra}")
    page.wait_for_function("""() => {
        const s = document.getElementById('search-status');
        return s.textContent !== '' && s.textContent !== s.dataset.msgLoading;
    }""", polling=10)


def counts(page) -> dict[str, int]:
    return dict(page.locator("#results h2[data-report]").evaluate_all("hs => hs.map(h => [h.dataset.report, Number(h.dataset.count)])"))


def hits_of(page, rid: str, match: str = "") -> set[str]:
    """The records shown of one report (those found by the query itself, or by an expansion, if `match` says)."""
    found = page.locator("#results li.hit" + (f"[data-match={match}]" if match else "")).evaluate_all(
        "lis => lis.map(li => [li.dataset.record, li.querySelector('a:not(.hit-english)').getAttribute('href')])")
    return {record for record, href in found if f"/{rid}/" in href}


def test_one_query_finds_every_matching_paragraph_in_every_report_grouped_by_report(page, archive):
    site, base = archive
    open_search(page, base, QUERY)
    expected = {rid: containing(site, rid, QUERY) for rid in [RID, *COPIES]}
    assert all(expected.values()) and len({len(v) for v in expected.values()}) > 1
    assert counts(page) == {rid: len(ids) for rid, ids in expected.items()}
    for rid, ids in expected.items():
        assert hits_of(page, rid) == ids  # fewer than a report shows at once, so all are listed
    total = sum(map(len, expected.values()))
    status = page.locator("#search-status")
    assert status.inner_text() == status.get_attribute("data-msg-count").replace("{n}", str(total))
    contexts = page.locator("#results h3").all_inner_texts()
    assert contexts and all(" › " in c or c.startswith(("一、", "二、", "三、")) for c in contexts)  # part › section


def test_the_report_the_reader_came_from_is_listed_first(page, archive):
    open_search(page, archive[1], QUERY, extra="&r=wenxi-2022")
    assert list(counts(page))[0] == "wenxi-2022"


@pytest.mark.parametrize("extra, reports", [("&place=闻喜县", {"wenxi-2022", "wenxi-2023"}), ("&year=2022", {RID, "wenxi-2022"}),
                                            ("&place=闻喜县&year=2023", {"wenxi-2023"})])
def test_filters_by_place_and_year_search_only_the_reports_they_name(page, archive, extra, reports):
    open_search(page, archive[1], QUERY, extra=extra)
    assert set(counts(page)) == reports


def test_changing_a_filter_searches_again(page, archive):
    open_search(page, archive[1], QUERY)
    page.select_option("#search-year", "2023")
    page.wait_for_function("() => document.querySelectorAll('#results h2[data-report]').length === 1")
    assert set(counts(page)) == {"wenxi-2023"}
    assert "year=2023" in page.url


def test_an_english_word_on_the_chinese_site_finds_the_paragraphs_of_the_glossary_term_it_renders(page, archive):
    site, base = archive
    open_search(page, base, "livelihood")
    expected = {rid: containing(site, rid, "民生实事") for rid in [RID, *COPIES]}
    assert all(expected.values())
    assert counts(page) == {rid: len(ids) for rid, ids in expected.items()}
    # The glossary's own entry holds the word; the paragraphs are found through the term it renders, and say so.
    assert hits_of(page, RID, "exact") == containing(site, RID, "livelihood", kinds=("term",))
    assert hits_of(page, RID, "expanded") == expected[RID] - hits_of(page, RID, "exact")
    assert set(page.locator("#results li.hit[data-match=expanded] mark").all_inner_texts()) == {"民生实事"}
    assert "民生实事" in page.locator("#search-expanded").inner_text()


def test_a_chinese_query_on_the_english_site_finds_the_chinese_text_and_offers_its_english_version(page, archive):
    site, base = archive
    open_search(page, base, QUERY, path="en/search/")
    expected = containing(site, RID, QUERY)
    assert counts(page)[RID] == len(expected)
    hit = page.locator("#results li.hit").first
    chinese, english = hit.locator("a").nth(0), hit.locator("a.hit-english")
    assert chinese.get_attribute("lang") == "zh-Hans" and QUERY in chinese.inner_text()
    pid = chinese.get_attribute("href").split("#", 1)[1]
    assert english.get_attribute("href") == chinese.get_attribute("href").replace("/", "/en/", 1)
    english.click()
    page.wait_for_url(f"**/en/**#{pid}")
    assert page.locator(f"#{pid}").is_visible()


@pytest.mark.fresh_page  # it listens to the page's requests
def test_every_shard_is_requested_at_once_and_the_character_map_once(page, archive):
    base = archive[1]
    held, maps = [], []
    page.route("**/search-index.json", lambda route: held.append(route))  # none answers until all are asked for
    page.on("request", lambda r: maps.append(r.url) if r.url.endswith("charmap.json") else None)
    page.goto(f"{base}search/?q={quote(QUERY)}")
    page.wait_for_timeout(50)
    deadline = 100
    while len(held) < 3 and deadline:
        page.wait_for_timeout(50)
        deadline -= 1
    assert sorted(route.request.url for route in held) == sorted(f"{base}{rid}/search-index.json" for rid in [RID, *COPIES])
    for route in held:
        route.continue_()
    page.wait_for_function("() => document.querySelectorAll('#results h2[data-report]').length === 3")
    assert maps == [f"{base}search/charmap.json"]


def test_a_report_with_many_hits_shows_twenty_and_links_to_all_of_them(page, archive):
    site, base = archive
    common = "发展"
    expected = containing(site, RID, common)
    assert len(expected) > 20
    open_search(page, base, common)
    assert counts(page)[RID] == len(expected)
    assert len(hits_of(page, RID)) == 20
    page.locator(f"#results a.search-report-more[href*='report={RID}']").click()
    page.wait_for_function("() => document.querySelectorAll('#results li.hit').length > 20")
    assert hits_of(page, RID) == expected
    assert page.locator("#results h2[data-report]").count() == 0  # one report: grouped by section only


@pytest.mark.fresh_page  # it listens to the page's requests
def test_a_query_downloads_the_key_files_of_its_pairs_and_the_shards_of_the_reports_holding_it_only(page, archive):
    site, base = archive
    fetched = []
    page.on("request", lambda r: fetched.append(r.url[len(base):]) if r.url.endswith(".json") else None)
    open_search(page, base, "涑川")  # only wenxi-2023 says 涑川
    assert [path for path in fetched if path.endswith("search-index.json")] == ["wenxi-2023/search-index.json"]
    keys = [path for path in fetched if path.startswith("search/keys/")]
    assert len(keys) == 1  # one pair of characters, one key file
    assert counts(page) == {"wenxi-2023": len(containing(site, "wenxi-2023", "涑川"))}


@pytest.mark.fresh_page  # it listens to the page's requests
def test_a_chinese_query_on_the_english_site_reads_the_chinese_key_files(page, archive):
    site, base = archive
    fetched = []
    page.on("request", lambda r: fetched.append(r.url[len(base):]) if r.url.endswith(".json") else None)
    open_search(page, base, "涑川", path="en/search/")
    assert [path for path in fetched if path.endswith("search-index.json")] == ["wenxi-2023/search-index.json"]
    assert all(not path.startswith("en/search/keys/") for path in fetched)
