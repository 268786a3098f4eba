"""Search finds every kind of thing, bridges the words readers type to the reports' own, and keeps still.

In a real browser on the committed report: headings, targets, list items and glossary terms are found,
labelled by kind and linked to their own page; a query that is a word of a synonym group, an indicator's
name or a glossary term also searches the group's other words, says so, and marks what they add; a query
survives a language switch; the page does not move as results arrive.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs, quote, urlsplit

import pytest

RID = "jiangxian-2022"

# Counts layout shifts not caused by input, as Lighthouse's CLS does (the sum, one session here).
CLS_SCRIPT = """
window.__cls = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
}).observe({ type: "layout-shift", buffered: true });
"""


def shard(site_dir, prefix: str = "") -> dict:
    return json.loads((site_dir / prefix / RID / "search-index.json").read_text(encoding="utf-8"))


def search(page, query: str, path: str = "search/") -> None:
    page.goto(f"{page.base}{path}?q={quote(query)}")
    page.wait_for_function("""() => {
        const s = document.getElementById('search-status');
        return s.textContent !== '' && s.textContent !== s.dataset.msgLoading;
    }""", polling=10)


def shown(page, match: str = "") -> list[dict]:
    """Every hit shown: its record, kind, match, the kind label, the link and the text."""
    return page.locator("#results li.hit" + (f"[data-match={match}]" if match else "")).evaluate_all("""lis => lis.map(li => ({
        record: li.dataset.record, kind: li.dataset.kind, match: li.dataset.match,
        label: li.querySelector('.hit-kind').textContent, href: li.querySelector('a').getAttribute('href'),
        text: li.querySelector('a').textContent}))""")


@pytest.mark.parametrize("kind", ["heading", "target", "item", "term"])
def test_every_kind_of_record_is_found_labelled_and_linked_to_its_own_page(page, site_dir, kind):
    # A target with a status (a goal; a result of last year has none to show).
    doc = next(d for d in shard(site_dir)["docs"] if d[5] == kind and (d[6] or kind != "target"))
    query = doc[3].split()[0][:8]
    search(page, query)
    hits = [h for h in shown(page, "exact") if h["record"] == f"{kind}:{doc[0]}"]
    assert hits, f"{kind} {doc[0]} not found by {query!r}"
    label = page.locator("#search-status").get_attribute(f"data-kind-{kind}")
    assert hits[0]["label"].startswith(label)
    assert hits[0]["href"] == "/" + doc[1]
    if kind in ("target", "item"):  # a target or list item says its status, where it has one
        assert hits[0]["label"] == (f"{label} · {doc[6]}" if doc[6] else label)
    assert kind != "target" or doc[6]


def test_the_kind_filter_shows_one_kind_and_lives_in_the_url(page):
    search(page, "公路")
    assert {h["kind"] for h in shown(page)} >= {"paragraph", "target"}
    page.select_option("#search-kind", "target")
    page.wait_for_function("() => [...document.querySelectorAll('#results li.hit')].every(li => li.dataset.kind === 'target')")
    assert shown(page) and parse_qs(urlsplit(page.url).query)["kind"] == ["target"]


@pytest.mark.parametrize("path, query, word", [("search/", "道路", "公路"), ("search/", "修路", "公路"), ("search/", "GDP", "地区生产总值"),
                                               ("search/", "roads", "公路"), ("en/search/", "roads", "公路")])
def test_a_word_readers_type_finds_what_the_report_calls_it_and_says_so(page, site_dir, path, query, word):
    search(page, query, path)
    assert word in page.locator("#search-expanded").inner_text()
    hits = shown(page)
    if word == "公路":  # the 46.7 km rural-road target, which never says 道路 (in English: roads, found as such)
        assert any("46.7" in h["text"] and h["kind"] == "target" for h in hits)
    if path == "search/":
        expanded = shown(page, "expanded")
        assert any(word in h["text"] for h in expanded if h["kind"] == "paragraph")
        assert any(word in h["text"] for h in expanded if h["kind"] == "target")
    else:  # on the English site the Chinese words are looked up in the Chinese text, each hit offering its English version
        chinese = page.locator("#results li.hit[data-match=expanded] a[lang=zh-Hans]")
        assert chinese.count() == page.locator("#results li.hit[data-match=expanded] a.hit-english").count()
    matches = page.locator("#results li.hit").evaluate_all("lis => lis.map(li => li.dataset.match)")
    assert set(matches) <= {"exact", "expanded"}
    groups = page.locator("#results ol.hits").evaluate_all("ols => ols.map(ol => [...ol.children].map(li => li.dataset.match))")
    assert all(g == sorted(g, key=lambda m: m != "exact") for g in groups)  # exact first in every group


def test_an_exact_query_is_not_marked_expanded_and_says_nothing_was_added(page):
    search(page, "涑水新区")
    assert shown(page) and all(h["match"] == "exact" for h in shown(page))
    assert page.locator("#search-expanded").inner_text() == ""


def test_results_are_numbered_once_across_groups(page):
    search(page, "发展")
    starts = page.locator("#results ol.hits").evaluate_all("ols => ols.map(ol => [ol.start, ol.children.length])")
    assert len(starts) > 1
    number = 1
    for start, length in starts:
        assert start == number
        number += length


def test_a_query_with_no_match_suggests_near_words(page):
    search(page, "路况监测")
    assert page.locator("#results li.hit").count() == 0
    offered = page.locator("#results .search-suggest a").all_inner_texts()
    assert "道路" in offered and "公路" in offered


@pytest.mark.parametrize("start, other", [("search/", "en/search/"), ("en/search/", "search/")])
def test_the_language_switch_keeps_the_query(page, start, other):
    search(page, "涑水", start)
    page.locator("#q").fill("蓄能")
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') === '蓄能'")
    link = page.locator(f"a[data-lang-switch][href$='/{other}'], a[data-lang-switch][href*='/{other}?']").first
    link.click()
    page.wait_for_url(f"**/{other}?q=*")
    assert page.locator("#q").input_value() == "蓄能"


def test_the_language_switch_keeps_the_targets_filters(page):
    page.goto(f"{page.base}{RID}/targets/")
    page.select_option("form[data-filters] select[name=kind]", "list-item")
    page.locator("a[data-lang-switch][hreflang=en]").click()
    page.wait_for_url("**/en/**")
    assert parse_qs(urlsplit(page.url).query)["kind"] == ["list-item"]
    assert page.locator("form[data-filters] select[name=kind]").input_value() == "list-item"


@pytest.mark.parametrize("width, height", [(390, 844), (1280, 800)])
@pytest.mark.parametrize("query", ["发展", "公路", "量子计算"])
def test_results_arriving_move_nothing_on_the_page(new_context, served_site, width, height, query):
    page = new_context(viewport={"width": width, "height": height}).new_page()
    page.add_init_script(CLS_SCRIPT)
    page.base = served_site[1]
    search(page, query)
    page.wait_for_timeout(300)
    assert page.evaluate("window.__cls") <= 0.1


def test_a_target_record_reads_as_label_and_figure_then_the_sentence_it_quotes(site_dir):
    """Not "…新区3 3条市政道路…": the figure and the quote that may start with it are kept apart."""
    docs = [d for d in shard(site_dir)["docs"] if d[5] == "target"]
    assert docs and all(" · " in d[3] for d in docs)
    head, quote = next(d[3] for d in docs if "46.7" in d[3]).split(" · ", 1)
    assert "46.7" in head and "农村公路" in quote
