"""Benchmark of the in-browser search: recall, precision, latency, bytes before the first result, index size and build time.

Run from the project folder:  .venv/bin/python bench/search_bench.py [--runs 5]
Writes a Markdown report to bench/search-results.md (and prints it). Needs Debian's Chromium
(/usr/bin/chromium) and Playwright, as the browser tests do.

The committed content is rendered into a temporary folder (render_site, no ledger update) and served on
loopback. Then, in headless Chromium:
  recall     for each query of QUERIES on its language's search page, the paragraphs shown against the
             paragraphs that contain it (every space-separated term, ignoring case and width; a query typed
             in the other script is checked against the text's own spelling; an English word also counts
             where a word of the same Porter stem occurs, by the page's own vendored stemmer);
  latency    from the input event to the status line changing to a result (60 ms of it is the wait
             after typing), and from Enter (the form's submit, no wait), with the index already loaded;
             every query, --runs times each way;
  first      from a fresh browser context: time and bytes (response bodies and headers, as served,
             uncompressed) from opening the search page with ?q= until the first result shows;
  index      bytes (and gzip -6 bytes) of each search-index.json, and the median time of
             reportsite.site.search.build_search_index per report and language (the first call also loads
             OpenCC's dictionaries and is shown apart).
"""

from __future__ import annotations

import argparse
import datetime
import functools
import gzip
import http.server
import json
import platform
import re
import socket
import statistics
import sys
import tempfile
import threading
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportsite.site.build import gather, load_settings, render_site  # noqa: E402
from reportsite.site.output import OutputTree  # noqa: E402
from reportsite.site.search import INDEX_NAME, build_char_map, build_search_index, corpus_chars  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]  # as tests/site/conftest.py
PREFIX = {"zh-Hans": "", "zh-Hant": "zh-hant/", "en": "en/"}
OUT = ROOT / "bench" / "search-results.md"


@dataclass(frozen=True)
class Query:
    kind: str
    lang: str
    text: str  # as typed
    truth: tuple[str, ...] = ()  # the text's own spellings, when typed in the other script; else the query itself


def q(kind: str, lang: str, text: str, *truth: str) -> Query:
    return Query(kind, lang, text, truth or (text,))


QUERIES = [
    *(q("substring", "zh-Hans", t) for t in ["涑水新区", "蓄能电站", "抽水蓄能", "乡村振兴", "营商环境", "高质量发展", "绛县"]),
    *(q("substring", "zh-Hant", t) for t in ["涑水新區", "蓄能電站", "鄉村振興", "機制", "體制"]),
    *(q("single character", "zh-Hans", t) for t in ["水", "蓄", "绛", "一"]),
    *(q("single character", "zh-Hant", t) for t in ["水", "縣"]),
    *(q("cross-boundary", "zh-Hans", t) for t in ["能电", "水蓄", "区起", "县经", "力推"]),
    *(q("cross-boundary", "zh-Hant", t) for t in ["能電", "水蓄"]),
    *(q("number", "zh-Hans", t) for t in ["78.9亿元", "5G基站", "27.5亿元", "9.3%", "亿元", "５Ｇ基站", "2022年"]),
    *(q("number", "zh-Hant", t) for t in ["78.9億元", "5G基站"]),
    *(q("multi-term", "zh-Hans", t) for t in ["项目 投资", "乡村 振兴 产业", "涑水 项目 亿元", "农村 收入"]),
    *(q("multi-term", "zh-Hant", t) for t in ["項目 投資", "農村 收入"]),
    q("long phrase", "zh-Hans", "坚持基础设施先行，筑牢发展之基。实施电网提升工程，强化供电保障。"),
    q("long phrase", "zh-Hans", "稳中有进、稳中提质、稳中向好"),
    q("long phrase", "zh-Hant", "堅持基礎設施先行，築牢發展之基。實施電網提升工程，強化供電保障。"),
    *(q("no match", lang, t) for lang, t in [("zh-Hans", "量子计算"), ("zh-Hans", "火星基地"), ("zh-Hant", "量子計算"),
                                            ("en", "quantum"), ("en", "zz$&")]),
    q("other script", "zh-Hans", "蓄能電站", "蓄能电站"),
    q("other script", "zh-Hans", "涑水新區", "涑水新区"),
    q("other script", "zh-Hans", "78.9億元", "78.9亿元"),
    q("other script", "zh-Hans", "項目 投資", "项目 投资"),
    q("other script", "zh-Hans", "鄉村振興", "乡村振兴"),
    q("other script", "zh-Hans", "為", "为"),
    q("other script", "zh-Hant", "蓄能电站", "蓄能電站"),
    q("other script", "zh-Hant", "机制", "機制"),
    q("other script", "zh-Hant", "为", "爲"),
    q("other script", "zh-Hant", "面积", "面積", "麪積"),  # OpenCC wrote 糧食麪積 once
    *(q("English", "en", t) for t in ["sushui", "pumped storage", "7.89 billion", "5g", "investment", "invest", "investing",
                                      "stations", "rural revitalisation", "power station", "Infrastructure", "x"]),
]


def fold(text: str) -> str:
    """Case and width folded one character at a time, as the page does (５Ｇ = 5g)."""
    return "".join(f if len(f := unicodedata.normalize("NFKC", ch).lower()) == len(ch) else ch for ch in text)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def render(folder: Path, base: str) -> float:
    """The site into `folder`; returns the seconds of the search index pass."""
    _, stats, _ = render_site(ROOT / "content", ROOT / "templates", ROOT / "static", base_url=base,
                              tree=OutputTree(folder), processes=1)
    return dict(stats.timings)["search index"]


def index_builds(repeat: int) -> list[dict]:
    """Size and build time of every report's index in every language."""
    settings = load_settings(ROOT / "content", ROOT / "templates", ROOT / "static", None)
    builds = gather(ROOT / "content", settings, False, {})[0]
    rows = []
    for lang in settings.languages:
        for rb in builds:
            rv = rb.views[lang.code]
            originals = {p.id: p.text for p in rb.item.report.all_paragraphs()}
            times = []
            for _ in range(repeat + 1):
                started = time.perf_counter()
                data = build_search_index(rv, lang, rb.glossaries[lang.code], originals).encode()
                charmap = json.loads(build_char_map([corpus_chars(rv)]))
                times.append(time.perf_counter() - started)
            docs = json.loads(data)
            rows.append({"report": rb.item.report.id, "lang": lang.code, "bytes": len(data), "gzip": len(gzip.compress(data, 6)),
                         "docs": len(docs["docs"]), "map": len(charmap["map"]), "first_s": times[0],
                         "median_s": statistics.median(times[1:])})
    return rows


FIRST = {"zh-Hans": "涑水新区", "zh-Hant": "涑水新區", "en": "sushui"}

# In the page: the time from an input event (or Enter, which does not wait for more typing) to the
# status line showing a result for it.
TIME_QUERY = """async ([query, enter]) => {
    const input = document.getElementById('q');
    const status = document.getElementById('search-status');
    const done = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
            if (status.textContent && status.textContent !== status.dataset.msgLoading) {
                observer.disconnect();
                resolve(performance.now());
            }
        });
        observer.observe(status, { childList: true, characterData: true, subtree: true });
    });
    input.value = query;
    const started = performance.now();
    if (enter) input.form.requestSubmit(); else input.dispatchEvent(new Event('input', { bubbles: true }));
    const ended = await done;
    const hits = [...document.querySelectorAll('#results li.hit a')].map((a) => a.getAttribute('href').split('#')[1]);
    return { ms: ended - started, hits };
}"""


class Truth:
    """The paragraphs containing a query, from the built index; English words also by the page's stemmer."""

    def __init__(self, page, base: str, index: dict, english: bool):
        self.docs = [(d[0], fold(d[3])) for d in index["docs"]]
        self.stems: dict[str, str] = {}
        if english:
            words = sorted({w for _, text in self.docs for w in re.findall("[a-z0-9]+", text)}
                           | {w for qu in QUERIES for w in re.findall("[a-z]+", fold(qu.text))})
            stems = page.evaluate("""async ([url, words]) => {
                const { stemmer } = await import(url);
                return words.map((w) => stemmer(w));
            }""", [base + "static/vendor/stemmer-2.0.1/index.js", words])
            self.stems = dict(zip(words, stems))

    def _has(self, text: str, term: str) -> bool:
        if term in text:
            return True
        if term in self.stems and re.fullmatch("[a-z]+", term):
            return self.stems[term] in {self.stems.get(w) for w in re.findall("[a-z0-9]+", text)}
        return False

    def of(self, query: Query) -> set[str]:
        return {pid for pid, text in self.docs
                if any(all(self._has(text, t) for t in fold(form).split()) for form in query.truth)}


def browser_measures(base: str, site: Path, runs: int) -> tuple[list[dict], list[dict]]:
    from playwright.sync_api import sync_playwright

    rows, firsts = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for lang, prefix in PREFIX.items():
            index = json.loads((site / prefix / "jiangxian-2022" / INDEX_NAME).read_text(encoding="utf-8"))
            firsts.append(first_result(browser, base, lang, FIRST[lang]))
            context = browser.new_context()
            page = context.new_page()
            page.goto(base + prefix + "search/")
            page.evaluate(TIME_QUERY, ["warm-up", False])  # loads the index
            truth = Truth(page, base, index, lang == "en")
            for query in (qu for qu in QUERIES if qu.lang == lang):
                timings = [page.evaluate(TIME_QUERY, [query.text, False]) for _ in range(runs)]
                enter = [page.evaluate(TIME_QUERY, [query.text, True]) for _ in range(runs)]
                hits = timings[-1]["hits"]
                rows.append({"query": query, "ms": [t["ms"] for t in timings], "enter_ms": [t["ms"] for t in enter],
                             "hits": hits, "truth": truth.of(query),
                             "stable": all(t["hits"] == hits for t in timings + enter)})
            context.close()
        browser.close()
    return rows, firsts


def first_result(browser, base: str, lang: str, query: str) -> dict:
    """A reader arriving with ?q=: a fresh context, so nothing is cached; bytes and time until the first result."""
    context = browser.new_context()
    page = context.new_page()
    done: list[tuple[str, int]] = []
    page.on("requestfinished", lambda r: done.append((r.url, r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"])))
    started = time.perf_counter()
    with page.expect_request_finished(lambda r: r.url.endswith(INDEX_NAME)):
        page.goto(base + PREFIX[lang] + "search/?q=" + quote(query), wait_until="commit")
        page.wait_for_function("""() => {
            const s = document.getElementById('search-status');
            return s && s.textContent && s.textContent !== s.dataset.msgLoading;
        }""", polling=5)
        seconds = time.perf_counter() - started
    before = list(done)
    context.close()
    return {"lang": lang, "query": query, "ms": seconds * 1000, "bytes": sum(size for _, size in before),
            "files": [(url.removeprefix(base).split("?")[0], size) for url, size in before]}


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "–"


def report(rows: list[dict], firsts: list[dict], builds: list[dict], pass_s: float, runs: int, render_s: float) -> str:
    kinds = list(dict.fromkeys(r["query"].kind for r in rows))
    out = [f"# Search benchmark ({datetime.date.today().isoformat()})", "",
           f"`.venv/bin/python bench/search_bench.py --runs {runs}` on {platform.machine()}, Python {platform.python_version()}, "
           f"headless Chromium; the committed report, served on loopback. {len(rows)} queries; see the script's docstring "
           "for what each figure measures.", "",
           "## Recall, precision, latency", "",
           "| kind | queries | paragraphs expected | shown | recall | precision | exact | typed: median ms | slowest ms "
           "| Enter: median ms | slowest ms |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]

    def line(name: str, group: list[dict]) -> str:
        expected = sum(len(r["truth"]) for r in group)
        shown = sum(len(r["hits"]) for r in group)
        right = sum(len(r["truth"] & set(r["hits"])) for r in group)
        exact = sum(r["truth"] == set(r["hits"]) and len(r["hits"]) == len(set(r["hits"])) for r in group)
        ms = [m for r in group for m in r["ms"]]
        enter = [m for r in group for m in r["enter_ms"]]
        return (f"| {name} | {len(group)} | {expected} | {shown} | {pct(right, expected)} | {pct(right, shown)} | "
                f"{exact}/{len(group)} | {statistics.median(ms):.1f} | {max(ms):.1f} | {statistics.median(enter):.1f} "
                f"| {max(enter):.1f} |")

    out += [line(kind, [r for r in rows if r["query"].kind == kind]) for kind in kinds]
    out.append(line("**all**", rows))
    out += ["", "Latency is from the input event (typed) or the form's submit (Enter) to the status line showing the "
            "result, with the index loaded; after a keystroke the page waits 60 ms for more typing, on Enter it does not. "
            f"{runs} runs of every query each way; median and slowest over all of them.", ""]
    wrong = [r for r in rows if r["truth"] != set(r["hits"]) or not r["stable"]]
    if wrong:
        out += ["Queries whose results differ from the paragraphs that contain them:", ""]
        for r in wrong:
            missed = sorted(r["truth"] - set(r["hits"]))
            extra = sorted(set(r["hits"]) - r["truth"])
            out.append(f"- {r['query'].lang} `{r['query'].text}`: missed {missed}, extra {extra}"
                       + ("" if r["stable"] else ", results changed between runs"))
        out.append("")

    out += ["## First result for a reader arriving with ?q=", "",
            "| site | query | ms to first result | bytes downloaded before it | files |", "|---|---|---:|---:|---|"]
    for f in firsts:
        files = ", ".join(f"{name or '/'} {size:,}" for name, size in f["files"])
        out.append(f"| {f['lang']} | {f['query']} | {f['ms']:.0f} | {f['bytes']:,} | {files} |")
    out += ["", "Bytes as served by Python's http.server (no compression): bodies plus headers, from a fresh context.", ""]

    out += ["## Index per report and language", "",
            "| report | language | paragraphs | map entries | bytes | gzip -6 | build ms (median) | first build ms |",
            "|---|---|---:|---:|---:|---:|---:|---:|"]
    for b in builds:
        out.append(f"| {b['report']} | {b['lang']} | {b['docs']} | {b['map']} | {b['bytes']:,} | {b['gzip']:,} | "
                   f"{b['median_s'] * 1000:.1f} | {b['first_s'] * 1000:.1f} |")
    out += ["", f"The first build of each index also loads OpenCC's dictionaries where not yet loaded. In the whole "
            f"build (render_site, {render_s:.2f} s, one process) the search index pass took {pass_s * 1000:.0f} ms.", ""]
    return "\n".join(out)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the in-browser search.")
    parser.add_argument("--runs", type=int, default=5, help="times each query is timed (default 5)")
    parser.add_argument("--out", type=Path, default=OUT, help=f"Markdown report (default {OUT.relative_to(ROOT)})")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is missing (apt-get install chromium)", file=sys.stderr)
        return 1
    builds = index_builds(args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        port = free_port()
        base = f"http://127.0.0.1:{port}/"
        started = time.perf_counter()
        pass_s = render(site, base)
        render_s = time.perf_counter() - started
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(QuietHandler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            rows, firsts = browser_measures(base, site, args.runs)
        finally:
            server.shutdown()
    text = report(rows, firsts, builds, pass_s, args.runs, render_s)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
