"""Benchmark: what a search costs a reader on an archive of N reports, beside Pagefind on the same site.

    python bench/search_scale.py 100 [--examples] [--work DIR] [--pagefind PATH]

Makes N reports with the bench's corpus builder (bench/corpus.py: invented copies of the seed, or with
`--examples` the example archive replicated), imports and builds them, then in
headless Chromium opens the search page with two queries, three runs each:

  rare    a phrase that only the last report holds (the first six characters of its text that no
          other report has): bytes received and time until its results show;
  common  one character that every report holds many times (的): the same.

Bytes are response bodies as served (uncompressed, on loopback), the page and its scripts included.
With `--pagefind` (the `pagefind` binary from npm's `pagefind` package, which ships it), the same
site is indexed by Pagefind and the same queries run through its JavaScript API, loading the
fragments of the first results as its default UI does; recall is measured for both on substrings of
the last report's paragraphs (20 runs of 2-4 characters from its text): the share of them for which
the search returns the page that holds them.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import random
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import write_corpus, write_example_corpus  # noqa: E402
from live import CHROMIUM, _Quiet, free_port  # noqa: E402

from reportsite.ingest.importer import import_report  # noqa: E402

RUNS = 3
PAGEFIND_PAGE = """<!doctype html><meta charset="utf-8"><title>pagefind</title>
<script type="module">
const pagefind = await import("/pagefind/pagefind.js");
window.pagefindSearch = async (q, n) => {
  const found = await pagefind.search(q);
  const data = await Promise.all(found.results.slice(0, n).map((r) => r.data()));
  return { count: found.results.length, urls: data.map((d) => d.url) };
};
window.pagefindReady = true;
</script>"""


def make_project(folder: Path, n: int, examples: bool = False) -> Path:
    """A project of n reports made by the corpus builder (imported, or copied from the example
    archive's YAML); returns its folder."""
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "content").mkdir(parents=True)
    for name in ("templates", "static"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copy2(ROOT / "content" / "site.yaml", folder / "content" / "site.yaml")
    if examples:
        write_example_corpus(n, folder / "seeds", folder / "content")
        return folder
    for rid, path in write_corpus(n, folder / "seeds"):
        import_report(path, folder / "content", rid)
    return folder


def shard_texts(site: Path, rid: str) -> str:
    data = json.loads((site / rid / "search-index.json").read_text(encoding="utf-8"))
    return "\n".join(doc[3] for doc in data["docs"] if doc[5] == "paragraph")


def rare_phrase(site: Path, ids: list[str], length: int = 6) -> str:
    """The first run of `length` Chinese characters of the last report that no other report holds."""
    last = shard_texts(site, ids[-1])
    others = "\n".join(shard_texts(site, rid) for rid in ids[:-1])
    for i in range(len(last) - length):
        run = last[i : i + length]
        if all("\u4e00" <= ch <= "\u9fff" for ch in run) and run not in others:
            return run
    raise SystemExit("no phrase is the last report's alone")


def substrings(site: Path, rid: str, n: int = 20) -> list[tuple[str, str]]:
    """(run of 2-4 characters, paragraph id) from a report's paragraphs, as readers paste them."""
    data = json.loads((site / rid / "search-index.json").read_text(encoding="utf-8"))
    rng = random.Random(0)
    docs = [d for d in data["docs"] if d[5] == "paragraph" and len(d[3]) > 10]
    out = []
    while len(out) < n:
        doc = rng.choice(docs)
        size = rng.randint(2, 4)
        start = rng.randrange(len(doc[3]) - size)
        run = doc[3][start : start + size]
        if all("\u4e00" <= ch <= "\u9fff" for ch in run):
            out.append((run, doc[0]))
    return out


def serve(site: Path):
    port = free_port()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_Quiet, directory=str(site)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{port}/"


def _bytes(page, until: float | None = None) -> int:
    entries = page.evaluate("""() => [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
        .map((e) => [e.responseEnd, e.encodedBodySize])""")
    return sum(size for end, size in entries if until is None or end <= until)


def ours(browser, base: str, query: str) -> tuple[float, int, int]:
    """(ms until the first result shows, bytes by then, results counted) for one query, fresh context."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base}search/?q={query}", wait_until="commit")
    shown = page.wait_for_function("""() => {
        const s = document.getElementById('search-status');
        return document.querySelector('#results li.hit') && s.textContent !== s.dataset.msgLoading && performance.now();
    }""", polling="raf", timeout=60000).json_value()
    count = page.locator("#results li.hit").count()
    got = _bytes(page, shown)
    context.close()
    return shown, got, count


def theirs(browser, base: str, query: str) -> tuple[float, int, int]:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base}pagefind-bench.html")
    page.wait_for_function("() => window.pagefindReady === true")
    started = page.evaluate("performance.now()")
    found = page.evaluate("async (q) => window.pagefindSearch(q, 10)", query)
    done = page.evaluate("performance.now()")
    got = _bytes(page)
    context.close()
    return done - started, got, found["count"]


def recall_ours(browser, base: str, runs: list[tuple[str, str]], rid: str) -> float:
    context = browser.new_context()
    page = context.new_page()
    hit = 0
    for text, pid in runs:
        page.goto(f"{base}search/?q={text}&report={rid}")
        page.wait_for_function("""() => { const s = document.getElementById('search-status');
            return s.textContent !== '' && s.textContent !== s.dataset.msgLoading; }""", polling=20, timeout=60000)
        records = page.locator("#results li.hit").evaluate_all("lis => lis.map(li => li.dataset.record)")
        hit += pid in records
    context.close()
    return hit / len(runs)


def recall_theirs(browser, base: str, runs: list[tuple[str, str]], rid: str) -> float:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base}pagefind-bench.html")
    page.wait_for_function("() => window.pagefindReady === true")
    hit = 0
    for text, pid in runs:
        found = page.evaluate("async (q) => window.pagefindSearch(q, 1000)", text)
        hit += any(f"/{rid}/" in url for url in found["urls"])
    context.close()
    return hit / len(runs)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--work", type=Path, default=ROOT / ".cache-test" / "search-scale")
    parser.add_argument("--pagefind", type=Path, help="the pagefind binary (npm's pagefind package ships it)")
    parser.add_argument("--skip-build", action="store_true", help="reuse the project built by an earlier run")
    parser.add_argument("--examples", action="store_true", help="the example archive replicated to N reports (bench/corpus.py)")
    args = parser.parse_args(argv)
    project = args.work / f"{'examples' if args.examples else 'n'}{args.n}"
    if not args.skip_build:
        started = time.perf_counter()
        make_project(project, args.n, args.examples)
        print(f"import {time.perf_counter() - started:.1f}s", flush=True)
        out = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--out", "site"], cwd=project, capture_output=True, text=True, check=True)
        print(out.stdout.strip(), flush=True)
    site = project / "site"
    ids = [r["id"] for r in json.loads(_search_reports(site))]
    if args.pagefind and not (site / "pagefind").exists():
        started = time.perf_counter()
        subprocess.run([str(args.pagefind), "--site", str(site)], check=True, capture_output=True)
        print(f"pagefind index {time.perf_counter() - started:.1f}s", flush=True)
    (site / "pagefind-bench.html").write_text(PAGEFIND_PAGE, encoding="utf-8")
    phrase = rare_phrase(site, ids)
    queries = {"rare": phrase, "common": "的"}
    runs = substrings(site, ids[-1])
    from playwright.sync_api import sync_playwright

    server, base = serve(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            rows = []
            for name, query in queries.items():
                mine = [ours(browser, base, query) for _ in range(RUNS)]
                row = [name, query, statistics.median(m[0] for m in mine), statistics.median(m[1] for m in mine) / 1024, mine[0][2]]
                if args.pagefind:
                    pf = [theirs(browser, base, query) for _ in range(RUNS)]
                    row += [statistics.median(m[0] for m in pf), statistics.median(m[1] for m in pf) / 1024, pf[0][2]]
                rows.append(row)
            recall = [recall_ours(browser, base, runs, ids[-1])] + ([recall_theirs(browser, base, runs, ids[-1])] if args.pagefind else [])
            browser.close()
    finally:
        server.shutdown()
    print(f"\nN={args.n} reports; medians of {RUNS} runs; bytes as served, uncompressed, page and scripts included\n")
    head = "| query | text | ours: ms to results | ours: KB | ours: results shown |"
    if args.pagefind:
        head += " Pagefind: ms | Pagefind: KB | Pagefind: pages |"
    print(head)
    print("|" + " --- |" * (len(rows[0])))
    for row in rows:
        print("| " + " | ".join(f"{v:.0f}" if isinstance(v, float) else str(v) for v in row) + " |")
    print(f"\nrecall on {len(runs)} runs of 2-4 characters from the last report: ours {recall[0]:.0%}"
          + (f", Pagefind {recall[1]:.0%}" if args.pagefind else ""))
    return 0


def _search_reports(site: Path) -> str:
    """The search page's list of reports, in its order."""
    import html
    import re

    page = (site / "search" / "index.html").read_text(encoding="utf-8")
    return html.unescape(re.search(r'data-reports="([^"]*)"', page)[1])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
