"""Search in a real browser, on all three language versions: every paragraph that contains the query, and no other.

The expected hits are computed here from the built site's search-index.json: a paragraph is a hit when its
text contains every space-separated term, compared without case or width (５Ｇ = 5g, ， = ,), each Han
character of the query standing for every character of the text that is the same character in Simplified
script (制 -> 制製 on the Traditional site), as OpenCC's own t2s says, not the site's character map; on
the English site a word also matches by its Porter stem.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from urllib.parse import parse_qs, quote, urlsplit

import opencc
import pytest
import yaml

from reportsite.content.report import load_report

from .conftest import guarded_context

RID = "jiangxian-2022"
PREFIX = {"zh-Hans": "", "zh-Hant": "zh-hant/", "en": "en/"}
WORD = re.compile(r"[a-z0-9]+")

# Every kind of query on every site: runs across word boundaries, names, numbers with units (also typed
# full-width), single characters, several terms, long phrases (added from the index, see long_phrase).
QUERIES = {
    "zh-Hans": ["能电", "水蓄", "涑水新区", "蓄能电站", "抽水蓄能", "78.9亿元", "5G基站", "５ｇ基站", "9.3％", "亿元",
                "水", "蓄", "一", "、", "项目 投资", "乡村 振兴 产业", "涑水 项目 亿元", "稳中有进、稳中提质、稳中向好"],
    "zh-Hant": ["能電", "水蓄", "涑水新區", "蓄能電站", "抽水蓄能", "78.9億元", "5G基站", "５ｇ基站", "億元", "機制",
                "體制", "面積", "水", "蓄", "一", "項目 投資", "鄉村 振興 產業", "穩中有進、穩中提質、穩中向好"],
    "en": ["sushui", "pumped storage", "storage", "7.89 billion", "5g", "5G base stations", "9.3 percent", "billion yuan",
           "investment", "invest", "investing", "stations", "x", "×", "power station", "rural revitalization",
           "rural housing"],
}
NO_MATCH = {"zh-Hans": ["量子计算", "zz$&"], "zh-Hant": ["量子計算", "zz$&"], "en": ["quantum", "zz$&"]}
# A query typed in the other script: (site, typed, the forms the site's text uses).
OTHER_SCRIPT = [
    ("zh-Hans", "蓄能電站", ["蓄能电站"]),
    ("zh-Hans", "涑水新區", ["涑水新区"]),
    ("zh-Hans", "78.9億元", ["78.9亿元"]),
    ("zh-Hans", "項目 投資", ["项目", "投资"]),
    ("zh-Hans", "爲", ["为"]),
    ("zh-Hans", "為", ["为"]),
    ("zh-Hant", "蓄能电站", ["蓄能電站"]),
    ("zh-Hant", "涑水新区", ["涑水新區"]),
    ("zh-Hant", "机制", ["機制"]),
    ("zh-Hant", "为", ["為"]),
    ("zh-Hant", "爲", ["為"]),  # OpenCC's standard form, where the text has Taiwan's
]


def fold(text: str) -> str:
    """Case and width folded one character at a time, as static/js/fold.js does."""
    out = []
    for ch in text:
        folded = unicodedata.normalize("NFKC", ch).lower()
        out.append(folded if len(folded) == len(ch) else ch)
    return "".join(out)


_T2S = opencc.OpenCC("t2s")


@lru_cache(maxsize=None)
def simplified(ch: str) -> str:
    return _T2S.convert(ch)


@lru_cache(maxsize=None)
def term_pattern(term: str, text_chars: frozenset[str]) -> re.Pattern:
    """Each Han character of `term` matches itself and every character of the text that is the same in Simplified."""
    def one(ch: str) -> str:
        if not "\u3400" <= ch <= "\u9fff":
            return re.escape(ch)
        return "[" + "".join(sorted({ch} | {c for c in text_chars if simplified(c) == simplified(ch)})) + "]"

    return re.compile("".join(one(ch) for ch in term))


class Search:
    """One search page, reused for every query in its language."""

    def __init__(self, page, base: str, lang: str, index: dict):
        self.page, self.base, self.lang, self.index = page, base, lang, index
        self.text_chars = frozenset(ch for doc in index["docs"] for ch in doc[3])
        self.url = base + PREFIX[lang] + "search/"
        self.status = page.locator("#search-status")
        self.box = page.locator("#q")
        self.stems: dict[str, str] = {}
        self.open()

    def open(self, query: str | None = None) -> None:
        self.page.goto(self.url + (f"?q={quote(query)}" if query else ""))
        if query:
            self.wait_for_results()

    def wait_for_results(self) -> None:
        self.page.wait_for_function("""() => {
            const s = document.getElementById('search-status');
            return s.textContent !== '' && s.textContent !== s.dataset.msgLoading;
        }""", polling=10)

    def search(self, query: str) -> list[str]:
        """Type the query (replacing the last one) and return the ids of the paragraphs shown, in order."""
        if not self.page.url.startswith(self.url):
            self.open()
        if self.box.input_value():
            self.box.fill("")  # an empty box clears the status, so the next status is this query's
            self.page.wait_for_function("() => document.getElementById('search-status').textContent === ''", polling=10)
        self.box.fill(query)
        self.wait_for_results()
        return self.hit_ids()

    def hit_ids(self) -> list[str]:
        """The records found by the query itself (not by a word it was expanded to): a paragraph by its
        id, a record of another kind as `kind:id`."""
        return self.page.locator("#results li.hit[data-match=exact]").evaluate_all("items => items.map(li => li.dataset.record)")

    def message(self, key: str, **values) -> str:
        if key == "count" and values.get("n") == 1:
            key = "one"  # "1 paragraph found"
        text = self.status.get_attribute(f"data-msg-{key}")
        for name, value in values.items():
            text = text.replace("{" + name + "}", str(value))
        return text

    def stem(self, words: set[str]) -> None:
        """Porter stems from the vendored module the page itself uses."""
        missing = sorted(words - self.stems.keys())
        if missing:
            stems = self.page.evaluate("""async ([url, words]) => {
                const { stemmer } = await import(url);
                return words.map((w) => stemmer(w));
            }""", [self.base + "static/vendor/stemmer-2.0.1/index.js", missing])
            self.stems.update(zip(missing, stems))

    def matches(self, text: str, term: str) -> bool:
        if term_pattern(term, self.text_chars).search(text):
            return True
        if self.lang != "en" or not re.fullmatch("[a-z]+", term):
            return False
        words = set(WORD.findall(text))
        self.stem(words | {term})
        return self.stems[term] in {self.stems[w] for w in words}

    def expected(self, query: str) -> set[str]:
        terms = fold(query).split()
        return {record_id(doc) for doc in self.index["docs"] if all(self.matches(fold(doc[3]), t) for t in terms)}

    def doc(self, record: str) -> list:
        return next(d for d in self.index["docs"] if record_id(d) == record)


@pytest.fixture(scope="module")
def open_search(browser, served_site):
    """Search(lang): one page per language, opened once; fails if a page asks another host or throws."""
    site, base = served_site
    pages: dict[str, Search] = {}
    with guarded_context(browser, base) as context:
        def get(lang: str) -> Search:
            if lang not in pages:
                index = json.loads((site / PREFIX[lang] / RID / "search-index.json").read_text(encoding="utf-8"))
                for doc in index["docs"]:
                    doc[2] = index["where"][doc[2]]  # a shard names each place in the report once
                pages[lang] = Search(context.new_page(), base, lang, index)
            return pages[lang]

        yield get


def record_id(doc: list) -> str:
    return doc[0] if doc[5] == "paragraph" else f"{doc[5]}:{doc[0]}"


def long_phrase(index: dict) -> str:
    """Sixty characters from the middle of a paragraph, punctuation included, as a reader would paste them."""
    text = next(d for d in index["docs"] if d[0] == "s2-1-p1")[3]
    return text[10:70]


def all_queries():
    return [(lang, q) for lang, queries in QUERIES.items() for q in queries] + [(lang, None) for lang in PREFIX]


@pytest.mark.parametrize("lang, query", all_queries())
def test_every_paragraph_containing_the_query_is_found_and_no_other(open_search, lang, query):
    search = open_search(lang)
    query = query or long_phrase(search.index)
    expected = search.expected(query)
    assert expected, f"{query!r} should occur in the {lang} text"
    hits = search.search(query)
    assert len(hits) == len(set(hits)), "a paragraph is listed twice"
    assert set(hits) == expected
    assert search.status.inner_text() == search.message("count", n=len(expected))


@pytest.mark.parametrize("lang", PREFIX)
def test_a_run_across_or_inside_words_finds_what_a_word_index_would_miss(open_search, lang):
    search = open_search(lang)
    station = {"zh-Hans": "蓄能电站", "zh-Hant": "蓄能電站", "en": "pumped storage"}[lang]
    run = {"zh-Hans": "能电", "zh-Hant": "能電", "en": "umpe"}[lang]  # 蓄能|电站: 能电 is no word
    assert set(search.search(run)) >= set(search.search(station)) > set()


@pytest.mark.parametrize("lang", PREFIX)
def test_a_query_with_no_match_says_so_shows_no_hit_and_offers_suggestions(open_search, lang):
    search = open_search(lang)
    other = "search/" if lang == "en" else "en/search/"
    for query in NO_MATCH[lang]:
        assert search.expected(query) == set()
        assert search.search(query) == []
        assert search.status.inner_text() == search.message("none", q=query)  # $& is shown, not expanded
        assert search.page.locator("#results li.hit").count() == 0
        offered = search.page.locator("#results .search-suggest a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        same = [h for h in offered if urlsplit(h).path == "/" + other]
        assert same and parse_qs(urlsplit(same[0]).query)["q"] == [query], f"no search in the other language among {offered}"


@pytest.mark.parametrize("lang, typed, forms", OTHER_SCRIPT)
def test_a_query_in_the_other_script_finds_the_text(open_search, lang, typed, forms):
    search = open_search(lang)
    wanted = {record_id(d) for d in search.index["docs"] if all(f in d[3] for f in forms)}
    assert wanted
    assert set(search.search(typed)) == wanted
    marks = search.page.locator("#results mark").all_inner_texts()
    assert marks and all(m in forms for m in marks)


def test_a_word_typed_in_simplified_finds_both_traditional_spellings_of_it(open_search):
    search = open_search("zh-Hant")
    wanted = {record_id(d) for d in search.index["docs"] if "面積" in d[3] or "麪積" in d[3]}  # OpenCC wrote 糧食麪積 once
    assert set(search.search("面积")) == wanted
    assert set(search.search("面積")) == wanted


@pytest.mark.parametrize("query, word", [("investing", "investment"), ("invests", "investment"), ("station", "stations")])
def test_an_english_query_finds_other_forms_of_the_word_and_marks_them(open_search, query, word):
    search = open_search("en")
    with_word = {record_id(d) for d in search.index["docs"] if re.search(rf"\b{word}\b", d[3], re.I)}
    hits = search.search(query)
    assert with_word and with_word <= set(hits)
    assert word in [m.lower() for m in search.page.locator("#results mark").all_inner_texts()]


@pytest.mark.parametrize("lang, query, more", [("zh-Hans", "涑水新区", "蓄能电站"), ("zh-Hant", "涑水新區", "蓄能電站"),
                                               ("en", "sushui", "pumped storage")])
def test_the_query_lives_in_the_url(open_search, lang, query, more):
    search = open_search(lang)
    search.open(query)
    assert search.box.input_value() == query
    assert set(search.hit_ids()) == search.expected(query)
    search.search(more)
    assert parse_qs(urlsplit(search.page.url).query)["q"] == [more]
    search.box.fill("")
    search.page.wait_for_function("() => !new URLSearchParams(location.search).has('q')")
    assert search.status.inner_text() == "" and search.hit_ids() == []


@pytest.mark.parametrize("lang, query", [("zh-Hans", "涑水"), ("zh-Hant", "涑水"), ("en", "sushui"), ("en", "investing")])
def test_results_are_grouped_by_section_marked_and_link_to_the_paragraph(open_search, lang, query):
    search = open_search(lang)
    hits = search.search(query)
    groups = search.page.locator("#results > h2").evaluate_all("""hs => hs.map(h => [h.textContent,
        [...h.nextElementSibling.querySelectorAll('li.hit[data-match=exact]')].map(li => [li.dataset.record,
         li.querySelector('a').getAttribute('href')])])""")
    sections = [title for title, _ in groups]
    assert len(sections) == len(set(sections)), "a section is split into two groups"
    assert sum(len(links) for _, links in groups) == len(hits)
    for title, links in groups:
        for record, href in links:
            doc = search.doc(record)
            assert doc[2] == title
            assert href == "/" + doc[1]
    for item in search.page.locator("#results li.hit").all():
        marks = item.locator("mark").all_inner_texts()
        assert marks, f"nothing marked in {item.inner_text()!r}"
        assert all(search.matches(fold(m), fold(query)) for m in marks)


@pytest.mark.parametrize("lang, query", [("zh-Hans", "涑水"), ("zh-Hant", "涑水"), ("en", "sushui")])
def test_the_keyboard_moves_through_results_and_enter_follows_one(open_search, lang, query):
    search = open_search(lang)
    search.open()
    search.box.focus()
    search.page.keyboard.type(query)
    search.wait_for_results()
    links = search.page.locator("#results li.hit a")
    assert links.count() >= 2
    focused = "() => document.activeElement.getAttribute('href')"
    search.page.keyboard.press("ArrowDown")
    assert search.page.evaluate(focused) == links.nth(0).get_attribute("href")
    search.page.keyboard.press("ArrowDown")
    assert search.page.evaluate(focused) == links.nth(1).get_attribute("href")
    search.page.keyboard.press("ArrowUp")
    search.page.keyboard.press("ArrowUp")
    assert search.page.evaluate("() => document.activeElement.id") == "q"
    search.page.keyboard.press("ArrowDown")
    href = links.nth(0).get_attribute("href")
    search.page.keyboard.press("Enter")
    search.page.wait_for_url(search.base + href.lstrip("/"))
    assert search.page.locator("#" + href.split("#", 1)[1]).is_visible()


@pytest.mark.parametrize("lang", PREFIX)
def test_the_status_line_announces_the_count(open_search, lang):
    search = open_search(lang)
    n = len(search.search(QUERIES[lang][0]))
    assert search.status.inner_text() == search.message("count", n=n) and str(n) in search.status.inner_text()
    assert search.status.get_attribute("role") == "status"
    assert search.status.get_attribute("aria-live") == "polite"
    assert search.box.get_attribute("aria-describedby") == "search-status"


def wait_for_count(page) -> str:
    page.wait_for_function("""() => {
        const s = document.getElementById('search-status');
        return s.textContent !== '' && s.textContent !== s.dataset.msgLoading;
    }""", polling=10, timeout=5000)
    return page.locator("#search-status").inner_text()


@pytest.mark.fresh_page  # it installs a fake clock
def test_enter_searches_at_once_and_the_search_pending_from_typing_does_not_redraw_under_the_arrow_keys(page):
    page.clock.install()
    page.goto(page.base + "search/")
    page.clock.pause_at(page.evaluate("Date.now()") + 1000)  # timers now run only when the test says so
    page.locator("#q").focus()
    page.keyboard.type("涑水")
    page.keyboard.press("Enter")
    wait_for_count(page)
    page.keyboard.press("ArrowDown")
    first = page.locator("#results li.hit a").first.get_attribute("href")
    page.clock.run_for(200)
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == first


@pytest.mark.fresh_page  # it installs a fake clock
def test_searches_typed_while_the_index_loads_share_one_download(page):
    held = []
    page.route("**/search-index.json", lambda route: held.append(route))  # "loading" until released below
    page.clock.install()
    page.goto(page.base + "search/")
    page.clock.pause_at(page.evaluate("Date.now()") + 1000)
    page.locator("#q").focus()
    with page.expect_request("**/search-index.json"):
        for text in ("涑", "水", "新区"):
            page.keyboard.type(text)
            page.clock.run_for(100)  # each pause starts a search
    status = page.locator("#search-status")
    assert status.inner_text() == status.get_attribute("data-msg-loading")
    assert len(held) == 1
    held.pop().continue_()
    # 涑水新区: three paragraphs and the two targets quoted from them
    assert wait_for_count(page) == status.get_attribute("data-msg-count").replace("{n}", "5")
    assert len(held) == 0


def test_every_sites_search_index_carries_the_reports_glossary(site_dir):
    """On the Chinese sites a glossary term's English finds the term; on the English site it finds the
    paragraphs whose Chinese holds the term, since the translation words the term its own way."""
    folder = site_dir.parent / "content" / "reports" / RID
    terms = [(t["term"], t["en"]) for t in yaml.safe_load((folder / "glossary.yaml").read_text(encoding="utf-8"))["terms"]]
    report, _ = load_report(folder, f"content/reports/{RID}")
    chinese = {p.id: p.text for p in report.all_paragraphs()}
    shards = {lang: json.loads((site_dir / prefix / RID / "search-index.json").read_text(encoding="utf-8")) for lang, prefix in PREFIX.items()}
    assert shards["zh-Hans"]["gloss"] == [[term, en] for term, en in terms]
    assert [en for _, en in shards["zh-Hant"]["gloss"]] == [en for _, en in terms]
    found = [[[pid for pid, text in chinese.items() if term in text], en] for term, en in terms]
    assert shards["en"]["gloss"] == [entry for entry in found if entry[0]]
    assert len(shards["en"]["gloss"]) >= 5
