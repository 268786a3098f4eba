"""Benchmark of what a reader and an editor wait for: `serve` (edit -> page, its peak memory) and the
search page over the whole archive (bytes and time before the first results, time until all).

Both run against real processes: `python build.py serve` in a new process, edited on disk, its page
loaded again over HTTP when serve's event stream says reload, as an open page does; the built site served by a static server on loopback and searched
in headless Chromium (Debian's /usr/bin/chromium through Playwright, as the browser tests do).
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
SEARCH_QUERY = "民生实事"  # in every report of the corpus, a few paragraphs each


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def _builds(base: str) -> int:
    """How many good builds serve has made."""
    return json.loads(_get(base + "__status"))["builds"]


def _next_reload(events) -> bool:
    """Read serve's event stream up to the next event: True for a reload, False for anything else."""
    event = ""
    for raw in events:
        line = raw.decode("utf-8").rstrip("\n")
        if line.startswith("event: "):
            event = line[len("event: "):]
        elif not line and event:
            return event == "reload"
    raise RuntimeError("serve closed its event stream")


def peak_rss_kb(pid: int) -> int:
    """The process's high-water resident memory (VmHWM), in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


@dataclass
class ServeSample:
    first_s: float  # from start to the first page served
    edits_s: list[float]  # from each edit's write to the edited page showing it
    settled_s: list[float]  # from each edit's write to the end of serve's rebuild (the rest of the site)
    peak_rss_kb: int


def measure_serve(project: Path, edit, edits: int, log) -> ServeSample:
    """Start `serve`, then `edits` times: open a paragraph's page, edit the paragraph (edit(i) -> (path,
    sentence, write)) and load the page again when serve says reload."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--port", str(port)], cwd=project,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                _get(base + "__status")
                break
            except OSError:
                if server.poll() is not None or time.perf_counter() - started > 900:
                    raise RuntimeError("serve did not start")
                time.sleep(0.05)
        first = time.perf_counter() - started
        time.sleep(1.0)  # let the watcher settle
        times, settled = [], []
        for i in range(edits):
            path, sentence, write = edit(i)
            builds = _builds(base)
            # As the page open in a browser does: listen for serve's reloads, saying which page it is.
            with urllib.request.urlopen(base + "__events?page=" + urllib.parse.quote("/" + path, safe=""), timeout=120) as events:
                write()
                written = time.perf_counter()
                while not _next_reload(events) or sentence not in _get(base + path):
                    if time.perf_counter() - written > 120:
                        raise RuntimeError(f"serve did not show the edit of {path}")
                times.append(time.perf_counter() - written)
            log(f"    serve edit -> page {times[-1]:.2f}s")
            while _builds(base) == builds:  # the open page shows before the rest of the rebuild ends
                time.sleep(0.01)
            settled.append(time.perf_counter() - written)
            time.sleep(0.5)
        return ServeSample(first, times, settled, peak_rss_kb(server.pid))
    finally:
        server.send_signal(signal.SIGTERM)  # as a process manager stops it (SIGINT may be ignored in the background): serve removes its store
        server.wait(600)  # removing the store of 100 reports' files took over 30 s on a loaded machine


@dataclass
class SearchSample:
    first_ms: float  # opening /search/?q= until the first result shows
    first_bytes: int  # bytes of every response finished by then (bodies as served, uncompressed)
    needed_bytes: int  # the page, its style and scripts, the character map and the first shard to arrive
    all_ms: float  # until every report has been searched
    all_bytes: int
    hits: int
    reports: int  # reports with a hit


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def measure_search(site: Path, runs: int, log) -> list[SearchSample]:
    """Open the search page with a query in a fresh browser context, `runs` times."""
    if not Path(CHROMIUM).exists():
        return []
    from playwright.sync_api import sync_playwright

    port = free_port()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_Quiet, directory=str(site)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    samples = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for _ in range(runs):
                context = browser.new_context()
                page = context.new_page()
                page.goto(f"http://127.0.0.1:{port}/search/?q={SEARCH_QUERY}", wait_until="commit")
                first = page.wait_for_function("() => document.querySelector('#results li.hit') && performance.now()",
                                               polling="raf", timeout=60000).json_value()
                last = page.wait_for_function("""() => {
                    const s = document.getElementById('search-status');
                    return s.textContent !== '' && s.textContent !== s.dataset.msgLoading && performance.now();
                }""", polling="raf", timeout=60000).json_value()
                sizes = page.evaluate("""() => [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
                    .map((e) => [e.name, e.responseEnd, e.encodedBodySize])""")
                # Index files are the reports' shards and, in an archive of more reports than a pack
                # holds, the packs; the first results need the first of them to arrive.
                index = lambda name: name.endswith("/search-index.json") or re.search(r"/search/pack-\d+\.json$", name)  # noqa: E731
                shards = sorted((end, size) for name, end, size in sizes if index(name))
                needed = sum(size for name, end, size in sizes if end <= first and not index(name)) + shards[0][1]
                hits = page.locator("#results h2[data-report]").evaluate_all("hs => hs.map(h => Number(h.dataset.count))")
                samples.append(SearchSample(first, sum(b for _, end, b in sizes if end <= first), needed, last, sum(b for _, _, b in sizes),
                                            sum(hits) or page.locator("#results li.hit").count(), len(hits) or 1))
                log(f"    search: first results {first:.0f} ms, needing {needed / 1024:.0f} KB, "
                    f"all {last:.0f} ms, {samples[-1].all_bytes / 1024:.0f} KB, {samples[-1].hits} hits in {samples[-1].reports} reports")
                context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return samples
