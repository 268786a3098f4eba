"""Benchmark: import, cold build, rebuild after an edit, memory, output and search index for N reports,
with Hugo and MkDocs building the same pages side by side.

Run from the project folder:  make bench
    or  .venv/bin/python bench/run.py --sizes 1,10,30,100 --repeat 3
Writes a Markdown table to bench/results.md (and prints it). Needs Hugo (apt-get install hugo) and
MkDocs (the `bench` extra: pip install -e '.[bench]'); a missing peer is skipped with a note.

For each N, in a temporary project (templates/, static/, content/site.yaml and the N generated
reports, see bench/corpus.py), each repeat:
  import    N seeds imported in this process (import_report), after a warm-up import;
  build     `python build.py --out site` in a new process, output folder absent: wall time, CPU
            time and peak RSS of that process and its workers (wait4), and its pass log;
  rebuild   one paragraph of the first report edited, then `serve`'s own rebuild in this (warm)
            process, after serve's first build at that size, with that build's pass timings;
  search    the "search index" pass of that rebuild (BuildStats.timings), and the bytes of every
            search-index.json written;
  peers     Hugo (twice: with a minimal layout, and with our pages' furniture) and MkDocs, each in a
            new process with its output folder absent, on Markdown pages holding the same text at the
            same paths (bench/peers.py).
Then once per size (bench/live.py):
  serve     `python build.py serve` in a new process: one edit per repeat, timed from the write to
            the page showing it over HTTP, and the process's peak RSS;
  search    the search page of the cold build opened with a query in headless Chromium, once per
            repeat: time and bytes before the first results, time until every report is searched.
Medians over the repeats are reported. A peer run slower than --peer-budget seconds (default 60) is not
repeated at that size, which keeps the default run near a quarter of an hour on 2 cores.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import write_corpus, write_example_corpus  # noqa: E402
from live import measure_search, measure_serve  # noqa: E402
from peers import peer_pages, report_data, write_hugo, write_mkdocs  # noqa: E402
from reportsite.site import serve  # noqa: E402
from reportsite.track.publish import archive_outcomes  # noqa: E402
from reportsite.ingest.importer import import_report  # noqa: E402

SERVE_URL = "http://127.0.0.1:8000/"  # the base URL `serve` builds with
_PASS_LOG = re.compile(r"^  (\S[^\n]*?)\s+(\d+\.\d+)s$", re.M)  # the build command's log: "  render   1.234s"


@dataclass
class Child:
    seconds: float
    cpu_s: float  # user + system, of the process and the workers it waited for
    max_rss_kb: int
    stdout: str
    stderr: str


@dataclass
class Sample:
    """One repeat at one size."""

    import_s: float = 0.0
    build_s: float = 0.0
    build_cpu_s: float = 0.0
    build_rss_kb: int = 0
    build_passes: dict = field(default_factory=dict)
    first_build_s: float | None = None  # the same build with an empty private cache, as the first on a machine
    rebuild_s: float = 0.0
    passes: dict = field(default_factory=dict)
    search_s: float = 0.0
    serve_first_s: float = 0.0  # serve's first build at this size, before any edit
    serve_edit_s: float | None = None  # `python build.py serve`: from an edit's write to the page showing it
    serve_settled_s: float | None = None  # ... to the end of its rebuild, the rest of the site included
    serve_rss_kb: int | None = None  # that serve process's peak RSS
    search_first_ms: float | None = None  # search page opened with ?q=: first results shown
    search_first_bytes: int | None = None  # bytes received by then
    search_all_ms: float | None = None  # every report searched
    search_all_bytes: int | None = None
    pages: int = 0
    output_bytes: int = 0
    search_bytes: int = 0
    hugo_s: float | None = None
    hugo_cpu_s: float | None = None
    hugo_rss_kb: int | None = None
    hugo_pages: int | None = None
    hugof_s: float | None = None  # Hugo with the furnished layout (bench/peers.py)
    hugof_cpu_s: float | None = None
    hugof_rss_kb: int | None = None
    hugof_pages: int | None = None
    mkdocs_s: float | None = None
    mkdocs_cpu_s: float | None = None
    mkdocs_rss_kb: int | None = None
    mkdocs_pages: int | None = None


# Runs the command in a fork of a small interpreter and reports the child's wall time and ru_maxrss.
# Forking the benchmark process itself would count its own (large) memory: Linux carries the
# high-water mark of the memory a child had before exec into the child's ru_maxrss.
_MEASURE = """import os, sys, time
t = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
sys.stderr.write(f"\\n@@bench {time.perf_counter() - t:.6f} {usage.ru_utime + usage.ru_stime:.6f} {usage.ru_maxrss}\\n")
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_child(cmd: list[str], cwd: Path, env: dict | None = None) -> Child:
    """Run a command in a new process: its wall time and its own peak RSS."""
    proc = subprocess.run([sys.executable, "-S", "-c", _MEASURE, *map(str, cmd)], cwd=cwd, capture_output=True, stdin=subprocess.DEVNULL,
                          env=None if env is None else {**os.environ, **env})
    stderr = proc.stderr.decode("utf-8", "replace")
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} exited {proc.returncode}:\n{stderr[-3000:]}")
    stderr, _, line = stderr.rstrip("\n").rpartition("\n@@bench ")
    seconds, cpu, rss = line.split()
    return Child(float(seconds), float(cpu), int(rss), proc.stdout.decode("utf-8", "replace"), stderr)


def tree_size(folder: Path) -> tuple[int, int, int]:
    """(bytes of all files, HTML pages, bytes of search-index.json files)."""
    total = pages = search = 0
    for dirpath, _, files in os.walk(folder):
        for name in files:
            size = os.path.getsize(os.path.join(dirpath, name))
            total += size
            pages += name.endswith(".html")
            search += size if name == "search-index.json" else 0
    return total, pages, search


def make_project(folder: Path, n: int, seed: int, examples: bool = False) -> list[tuple[str, Path]]:
    """A project of n reports' seeds; with `examples`, the example archive replicated, whose content is
    written as well (copied from the examples' YAML, see bench/corpus.py) and whose seeds are imported
    only for the import measure."""
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "content").mkdir(parents=True)
    shutil.copytree(ROOT / "templates", folder / "templates")
    shutil.copytree(ROOT / "static", folder / "static")
    shutil.copy2(ROOT / "content" / "site.yaml", folder / "content" / "site.yaml")
    if examples:
        return write_example_corpus(n, folder / "seeds", folder / "content", seed)
    return write_corpus(n, folder / "seeds", seed)


def import_all(content: Path, seeds: list[tuple[str, Path]]) -> float:
    shutil.rmtree(content / "reports", ignore_errors=True)
    started = time.perf_counter()
    for rid, path in seeds:
        import_report(path, content, rid)
    return time.perf_counter() - started


def paragraph_edit(content: Path, report_id: str, sentence: str) -> tuple[str, object]:
    """An edit that appends a sentence to the first plain-text paragraph (ending in 。) of the report's
    first part: (the paragraph's id, a function that writes it)."""
    path = content / "reports" / report_id / "parts" / "part1.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(lines):
        if line.strip().startswith("text: ") and line.rstrip().endswith("。") and not line.strip()[6:].startswith(("'", '"')):
            lines[i] = line.rstrip() + sentence
            pid = next(prev.split("id:", 1)[1].strip() for prev in reversed(lines[:i]) if prev.strip().startswith("- id:"))
            return pid, lambda: path.write_text("\n".join(lines), encoding="utf-8")
    raise RuntimeError(f"{path}: no paragraph to edit")


def edit_one_paragraph(content: Path, report_id: str, sentence: str) -> str:
    """Append a sentence to a paragraph now (paragraph_edit); returns its id."""
    pid, write = paragraph_edit(content, report_id, sentence)
    write()
    return pid


def edit_for_serve(content: Path, report_id: str, run: int) -> tuple[str, str, object]:
    """An edit for the live serve measure: (the edited paragraph's page, the sentence it will hold, a
    function that writes it)."""
    sentence = f"（服务中第{run + 1}次编辑。）"
    pid, write = paragraph_edit(content, report_id, sentence)
    return f"{report_id}/p/{pid}/", sentence, write


class DevServer:
    """`serve`'s rebuild, called as its file watcher calls it, with the BuildStats it keeps to itself.

    The first call is serve's first build; later calls reuse what it kept (compiled templates, share
    cards, loaded converters), as a running `serve` does. serve renders into memory and serves from
    there, so there is no output folder; the cold build's uses another base URL.
    """

    def __init__(self, project: Path):
        self.project = project
        (project / "serve-store").mkdir(exist_ok=True)
        # With the goals' outcomes, as the serve command passes them: matching them is part of each rebuild.
        self.state = serve.DevState(project / "serve-store", track=archive_outcomes, freeze_heap=True)  # as serve's own process

    def rebuild(self) -> tuple[float, dict]:
        real, seen = serve.render_site, []

        def recording(*args, **kwargs):
            result = real(*args, **kwargs)
            seen.append(result[1])
            return result

        serve.render_site = recording
        try:
            started = time.perf_counter()
            ok = serve.rebuild(self.project / "content", self.project / "templates", self.project / "static",
                               self.state, SERVE_URL, log=lambda message: None)
            seconds = time.perf_counter() - started
        finally:
            serve.render_site = real
        if not ok:
            raise RuntimeError("serve's rebuild failed:\n" + "\n".join(self.state.errors))
        # The previous site is deleted on a background thread; let it finish before the next measure.
        for thread in threading.enumerate():
            if thread is not threading.current_thread() and thread.daemon:
                thread.join()
        passes = dict(seen[-1].timings)
        passes["swap"] = seconds - seen[-1].seconds
        return seconds, passes


def warm_up(work: Path, seed: int) -> None:
    """Load every module and table the import and the build use, so this process's timings are warm."""
    project = work / "warm-up"
    seeds = make_project(project, 1, seed)
    import_all(project / "content", seeds)
    dev = DevServer(project)
    dev.rebuild()
    edit_one_paragraph(project / "content", seeds[0][0], "（热身。）")
    dev.rebuild()
    shutil.rmtree(project)


def peer_available(name: str) -> str:
    if name == "hugo":
        return "" if shutil.which("hugo") else "Hugo not found (apt-get install hugo)"
    try:
        import mkdocs  # noqa: F401
    except ImportError:
        return "MkDocs not installed (pip install -e '.[bench]')"
    return ""


def set_aside(folder: Path) -> None:
    """Move an earlier output out of the way, to be deleted when the whole run is over.

    Deleting it just before a timed build would time the file system instead: ext4 without a journal
    passes over inodes freed in the last minutes when it makes new ones, which made a build that
    followed the deletion of 100,000 files take several times as long in the kernel.
    """
    if folder.exists():
        trash = folder.parents[1] / "trash"  # every output is work/<project>/<output>
        trash.mkdir(exist_ok=True)
        folder.rename(trash / f"{folder.parent.name}-{folder.name}-{time.monotonic_ns()}")


def measure(project: Path, seeds: list[tuple[str, Path]], dev: DevServer, run: int, peers: dict[str, Path], log, budget: float) -> Sample:
    s = Sample()
    content, site = project / "content", project / "site"
    # Into a scratch folder: importing over content/ would rewrite every report, and serve's rebuild
    # below would then be a rebuild of everything rather than of the one report edited.
    scratch = project / "import-scratch"
    set_aside(scratch)
    s.import_s = import_all(scratch, seeds)
    log(f"    import   {s.import_s:7.2f}s")
    set_aside(site)
    child = run_child([sys.executable, str(ROOT / "build.py"), "--out", "site"], project)
    s.build_s, s.build_cpu_s, s.build_rss_kb = child.seconds, child.cpu_s, child.max_rss_kb
    s.build_passes = {m.group(1): float(m.group(2)) for m in _PASS_LOG.finditer(child.stderr)}
    s.output_bytes, html, s.search_bytes = tree_size(site)
    s.pages = int(child.stdout.split("built ", 1)[1].split(" pages", 1)[0])
    if html != s.pages:
        raise RuntimeError(f"build reports {s.pages} pages but wrote {html} HTML files")
    log(f"    build    {s.build_s:7.2f}s  {s.pages} pages, {s.output_bytes / 2**20:.1f} MiB, peak RSS {s.build_rss_kb / 1024:.0f} MiB")
    if run == 0:
        # Once per size: the first build on a machine, with no compiled templates or zh-Hant text cached yet.
        set_aside(site)
        empty = Path(tempfile.mkdtemp(prefix="cache-", dir=project))
        s.first_build_s = run_child([sys.executable, str(ROOT / "build.py"), "--out", "site"], project, {"XDG_CACHE_HOME": str(empty)}).seconds
        log(f"    first build, empty cache {s.first_build_s:7.2f}s")

    # The cold build added every report's published-ids.txt (new IDs); serve sees that as an edit of
    # every report, so it catches up first, untimed, and the timed rebuild is one paragraph's.
    dev.rebuild()
    sentence = f"（本段第{run + 1}次编辑。）"  # differs per run: each run's edit changes what serve serves
    pid = edit_one_paragraph(content, seeds[0][0], sentence)
    s.rebuild_s, s.passes = dev.rebuild()
    s.search_s = s.passes["search index"]
    if sentence not in dev.state.read(f"{seeds[0][0]}/p/{pid}/index.html").decode("utf-8"):
        raise RuntimeError(f"the rebuild did not show the edit of {pid}")
    log(f"    rebuild  {s.rebuild_s:7.2f}s  (search index {s.search_s:.2f}s)")

    for name, attr in (("hugo", "hugo"), ("hugo-furnished", "hugof")):
        if name not in peers:
            continue
        out = peers[name] / "public"
        set_aside(out)
        child = run_child(["hugo", "--quiet", "--source", str(peers[name]), "--destination", str(out)], project)
        for field_, value in (("s", child.seconds), ("cpu_s", child.cpu_s), ("rss_kb", child.max_rss_kb), ("pages", tree_size(out)[1])):
            setattr(s, f"{attr}_{field_}", value)
        log(f"    {name:<8} {child.seconds:7.2f}s  {getattr(s, attr + '_pages')} pages")
        if child.seconds > budget:
            del peers[name]
    if "mkdocs" in peers:
        out = peers["mkdocs"] / "site"
        set_aside(out)
        child = run_child([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(peers["mkdocs"] / "mkdocs.yml"), "-d", str(out)], project)
        s.mkdocs_s, s.mkdocs_cpu_s, s.mkdocs_rss_kb, s.mkdocs_pages = child.seconds, child.cpu_s, child.max_rss_kb, tree_size(out)[1]
        log(f"    mkdocs   {s.mkdocs_s:7.2f}s  {s.mkdocs_pages} pages")
        if s.mkdocs_s > budget:
            del peers["mkdocs"]
    return s


def median(samples: list[Sample], name: str):
    values = [getattr(x, name) for x in samples if getattr(x, name) is not None]
    return statistics.median(values) if values else None


def fmt(value, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def ratio(ours, theirs) -> str:
    return "–" if not ours or not theirs else f"{ours / theirs:.1f}×"


def _runs(samples: list[Sample], name: str, repeat: int) -> str:
    """The median, marked when the peer budget cut the repeats short."""
    count = sum(getattr(x, name) is not None for x in samples)
    return fmt(median(samples, name)) + (f" ({count} run)" if 0 < count < repeat else "")


def _pass_table(rows: list[tuple[int, list[Sample]]], attr: str, total: str, extra: tuple[str, str] | None = None) -> list[str]:
    names = list(dict.fromkeys(name for _, samples in rows for x in samples for name in getattr(x, attr)))
    head = names + ["total"] + ([extra[0]] if extra else [])
    lines = ["| N | " + " | ".join(head) + " |", "|---:|" + "---:|" * len(head)]
    for n, samples in rows:
        cells = [fmt(statistics.median(getattr(x, attr).get(p, 0.0) for x in samples)) for p in names]
        cells += [fmt(median(samples, total))] + ([fmt(median(samples, extra[1]))] if extra else [])
        lines.append(f"| {n} | " + " | ".join(cells) + " |")
    return lines


def _versions() -> tuple[str, str, str]:
    cpu = platform.processor() or platform.machine()
    if Path("/proc/cpuinfo").exists():
        cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")), cpu)
    hugo = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.split()[1] if shutil.which("hugo") else "–"
    try:
        from importlib.metadata import version

        mkdocs = version("mkdocs")
    except Exception:
        mkdocs = "–"
    return cpu, hugo, mkdocs


def results_table(rows: list[tuple[int, list[Sample]]], args, notes: list[str]) -> str:
    cpu, hugo, mkdocs = _versions()
    command = (f".venv/bin/python bench/run.py --sizes {','.join(map(str, args.sizes))} --repeat {args.repeat}"
               + (" --examples" if args.examples else "")
               + (" --mkdocs-search" if args.mkdocs_search else "") + (f" --peer-budget {args.peer_budget:g}" if args.peer_budget != 60 else ""))
    lines = [
        "# Benchmark results",
        "",
        f"Measured {datetime.date.today().isoformat()} on {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
        f"Hugo {hugo}, MkDocs {mkdocs}, at commit {_commit()}. Command: `{command}`; medians of {args.repeat} runs. "
        "Times are wall seconds unless marked CPU.",
        "",
        "| N | pages | import | build (cold) | rebuild after edit | build peak RSS MiB | output MiB | search index pass | search index MiB "
        "| Hugo, minimal layout | ours/Hugo | Hugo, our furniture | ours/Hugo furnished | MkDocs | ours/MkDocs |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    live = ["", "`python build.py serve` in its own process (edit -> page: from writing the edit to the page showing it, loaded again over HTTP when serve's event stream says reload, as an open page does, "
            "which tells serve it is open, so that serve renders it first; rebuild done: to the end of that rebuild, the rest of the site included; "
            "peak RSS of the serve process after its first build and the edits), and the search page opened with `?q=民生实事` "
            "in headless Chromium on loopback (first results: time since navigation, and the bytes they need: the page, its style and scripts, "
            "the character map and the first shard or pack to arrive; on loopback the others arrive meanwhile; all: every report searched):", "",
            "| N | serve first build | edit -> page | rebuild done | serve peak RSS MiB | search: first results | bytes they need | all results | bytes in all |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for n, samples in rows:
        m = {name: median(samples, name) for name in Sample.__dataclass_fields__ if not name.endswith("passes")}
        lines.append(
            f"| {n} | {m['pages']:.0f} | {fmt(m['import_s'])} | {fmt(m['build_s'])} | {fmt(m['rebuild_s'])} | {m['build_rss_kb'] / 1024:.0f} | "
            f"{m['output_bytes'] / 2**20:.1f} | {fmt(m['search_s'])} | {m['search_bytes'] / 2**20:.1f} | {_runs(samples, 'hugo_s', args.repeat)} | "
            f"{ratio(m['build_s'], m['hugo_s'])} | {_runs(samples, 'hugof_s', args.repeat)} | {ratio(m['build_s'], m['hugof_s'])} | "
            f"{_runs(samples, 'mkdocs_s', args.repeat)} | {ratio(m['build_s'], m['mkdocs_s'])} |"
        )
        live.append(f"| {n} | {fmt(m['serve_first_s'])} s | {fmt(m['serve_edit_s'])} s | {fmt(m['serve_settled_s'])} s | {fmt(m['serve_rss_kb'] / 1024 if m['serve_rss_kb'] else None, 0)} | "
                    f"{fmt(m['search_first_ms'], 0)} ms | {fmt(m['search_first_bytes'] / 1024 if m['search_first_bytes'] else None, 0)} KB | "
                    f"{fmt(m['search_all_ms'], 0)} ms | {fmt(m['search_all_bytes'] / 1024 if m['search_all_bytes'] else None, 0)} KB |")
    lines += live
    lines += ["", "CPU seconds (user + system, workers included) and peak RSS MiB of each cold build; page counts of the peers' output:", "",
              "| N | ours CPU | Hugo CPU | Hugo furnished CPU | MkDocs CPU | ours/Hugo CPU | ours/Hugo furnished CPU | ours/MkDocs CPU | ours RSS | Hugo RSS "
              "| Hugo furnished RSS | MkDocs RSS | our pages | Hugo pages | MkDocs pages | our first build, empty cache |",
              "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for n, samples in rows:
        m = {name: median(samples, name) for name in Sample.__dataclass_fields__ if not name.endswith("passes")}
        rss = [fmt(m[k] / 1024 if m[k] else None, 0) for k in ("build_rss_kb", "hugo_rss_kb", "hugof_rss_kb", "mkdocs_rss_kb")]
        lines.append(f"| {n} | {fmt(m['build_cpu_s'])} | {fmt(m['hugo_cpu_s'])} | {fmt(m['hugof_cpu_s'])} | {fmt(m['mkdocs_cpu_s'])} | "
                     f"{ratio(m['build_cpu_s'], m['hugo_cpu_s'])} | {ratio(m['build_cpu_s'], m['hugof_cpu_s'])} | "
                     f"{ratio(m['build_cpu_s'], m['mkdocs_cpu_s'])} | " + " | ".join(rss)
                     + f" | {m['pages']:.0f} | {fmt(m['hugo_pages'], 0)} | {fmt(m['mkdocs_pages'], 0)} | {fmt(m['first_build_s'])} s |")
    lines += ["", "Cold build (`python build.py`) by pass, from its log (median seconds; total is the wall time of the process):", ""]
    lines += _pass_table(rows, "build_passes", "build_s")
    lines += ["", "Rebuild after a one-paragraph edit (`serve`'s own `rebuild`, in process), by pass from `BuildStats.timings` "
              "(median seconds; `swap` is the rest of the rebuild's time: serve swaps the served files in one step and deletes the blobs no longer named), and serve's first build at that size:", ""]
    lines += _pass_table(rows, "passes", "rebuild_s", ("serve's first build", "serve_first_s"))
    lines += ["", "Notes:", ""] + [f"- {note}" for note in notes]
    return "\n".join(lines) + "\n"


def _commit() -> str:
    try:
        head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "reportsite", "templates", "static"],
                               capture_output=True, text=True).stdout.strip()
    except OSError:
        return "unknown"
    return f"{head}{' with uncommitted changes to the build' if dirty else ''}" if head else "unknown"


NOTES = [
    "import: N seeds (bench/corpus.py, clean Simplified text made from the imported real report) imported one after "
    "another with `import_report` in the benchmark's own, warmed-up process, into a scratch folder (the content built is imported once per size).",
    "build (cold): `python build.py --out site` in a new process with no output folder; wall time, including "
    "interpreter start and imports; peak RSS is that child's own `ru_maxrss` (wait4). The user's private cache (compiled "
    "templates, converted zh-Hant text) is as the earlier builds left it, as it is for every build after the first on a "
    "machine; the first build on a machine, with that cache empty, is measured once per size (last column of the CPU table).",
    "Outputs are moved aside before each timed build and deleted when the run is over: deleting 100,000 files just before "
    "a build made the next one several times slower in the kernel (ext4 without a journal passes over recently freed inodes).",
    "rebuild after edit: one paragraph of the first report gets a sentence more (a different one each run), then "
    "`reportsite.site.serve.rebuild` runs in the benchmark process, as serve's file watcher calls it, after serve's first build "
    "at that size (so it can reuse what that build kept), and after an untimed rebuild that catches up with the "
    "published-ids.txt files the cold build wrote.",
    "rebuild after edit now re-renders only the edited report and the site-wide pages (home, search, 404, sitemap, "
    "character maps); serve keeps its files on disk by digest, not in memory.",
    "search index pass: the `search index` entry of that rebuild's `BuildStats.timings`; size: all `search-index.json` files.",
    "Hugo and MkDocs run in new processes with no output folder, on the pages bench/peers.py writes: every page of ours "
    "(all three languages) with the same text; Hugo twice: with a minimal single.html/list.html (the page's text in a bare document), "
    "and with our furniture (head, JSON-LD, header, language links, report menu, breadcrumbs, share buttons, pager, footer: "
    "bench/peers.py, HUGO_BASEOF), its per-page values given in the front matter; MkDocs with its default theme, "
    "`use_directory_urls: true`, a one-entry nav (its default nav would put every page on every page) and the page count "
    "checked against ours. MkDocs puts the zh-hant and en 404 pages at …/404/ since it writes one 404.html.",
    "Hugo renders on all cores, and so do our cold build's forked workers (render, data files and search indexes, on sites of 300 pages or more); serve's rebuild and MkDocs use one core.",
]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the build against Hugo and MkDocs.")
    parser.add_argument("--sizes", default="1,10,30,100", help="numbers of reports, comma-separated (default 1,10,30,100)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; medians are reported (default 3)")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "results.md", help="where to write the table")
    parser.add_argument("--mkdocs-search", action="store_true", help="build MkDocs with its search plugin (off by default, see the notes)")
    parser.add_argument("--peer-budget", type=float, default=60.0, metavar="SECONDS",
                        help="a peer whose run at a size took longer is not run again at that size (default 60)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects and print where they are")
    parser.add_argument("--examples", action="store_true", help="the example archive replicated to each size instead of copies of the seed (bench/corpus.py)")
    args = parser.parse_args(argv)
    args.sizes = [int(x) for x in args.sizes.split(",") if x.strip()]

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    notes = list(NOTES)
    if args.examples:
        notes[0] = ("corpus: the example archive (examples/content, 27 real reports of five places) replicated to N by bench/corpus.py "
                    "--examples: the archive, then copies with every place renamed and its years moved back by the copy's number; "
                    "import: the copies' raw files (examples/raw, renamed the same way) imported one after another with `import_report` "
                    "in the benchmark's own, warmed-up process, into a scratch folder; the content built is the copied YAML.")
    notes.append("MkDocs search plugin " + ("on (--mkdocs-search)." if args.mkdocs_search else
                 "off: measured at N=30 it took 29% of MkDocs' time (35.1 s with it, 25.1 s without; peak RSS 361 MiB against 140 MiB), "
                 "a share that grows with the site since it is one index of every page's full text; turn it on with --mkdocs-search."))
    notes.append(f"A peer run that takes over {args.peer_budget:g} s is not repeated at that size (--peer-budget), to keep the default "
                 "run near a quarter of an hour on 2 cores; its column then holds that one run. Our own measures are always repeated.")
    missing = {name: why for name in ("hugo", "mkdocs") if (why := peer_available(name))}
    notes += [f"{why}: skipped." for why in missing.values()]
    work = Path(tempfile.mkdtemp(prefix="reportsite-bench-"))
    started = time.perf_counter()
    load_before = os.getloadavg()
    commit_before = _commit()
    rows, sizes = [], []
    try:
        warm_up(work, args.seed)
        for n in args.sizes:
            log(f"N={n}")
            project = work / f"n{n}"
            seeds = make_project(project, n, args.seed, args.examples)
            peers: dict[str, Path] = {}
            samples = []
            # Once per size: the peers' pages and serve's first build, from the imported content.
            if not args.examples:
                import_all(project / "content", seeds)
            if len(missing) < 2:
                pages = peer_pages(project / "content")
                furnished = lambda f: write_hugo(pages, f, "furnished", report_data(project / "content"))  # noqa: E731
                for name, write in (("hugo", lambda f: write_hugo(pages, f)), ("hugo-furnished", furnished),
                                    ("mkdocs", lambda f: write_mkdocs(pages, f, args.mkdocs_search))):
                    if name.split("-")[0] not in missing:
                        write(work / f"{name}-{n}")
                        peers[name] = work / f"{name}-{n}"
            dev = DevServer(project)
            first, _ = dev.rebuild()
            log(f"  serve's first build {first:.2f}s")
            for r in range(args.repeat):
                log(f"  run {r + 1}/{args.repeat}")
                s = measure(project, seeds, dev, r, peers, log, args.peer_budget)
                samples.append(s)
            rows.append((n, samples))
            sizes.append((project, seeds))
        # serve and search after every cold build: serve deletes its store of files when it stops,
        # and the builds that followed would pay for those deletions (see set_aside).
        for (n, samples), (project, seeds) in zip(rows, sizes):
            log(f"N={n}: serve and search")
            live_serve = measure_serve(project, lambda i: edit_for_serve(project / "content", seeds[0][0], i), args.repeat, log)
            searched = measure_search(project / "site", args.repeat, log)
            for i, s in enumerate(samples):
                s.serve_first_s = live_serve.first_s
                s.serve_edit_s = live_serve.edits_s[i]
                s.serve_settled_s = live_serve.settled_s[i]
                s.serve_rss_kb = live_serve.peak_rss_kb
                if searched:
                    s.search_first_ms, s.search_first_bytes = searched[i].first_ms, searched[i].needed_bytes
                    s.search_all_ms, s.search_all_bytes = searched[i].all_ms, searched[i].all_bytes
                for name in ("hugo", "hugof", "mkdocs"):
                    count = getattr(s, f"{name}_pages")
                    # The peers get the page kinds of bench/peers.py; a page kind of ours it lacks (a
                    # place's page, an appendix) is a page in a hundred, shown in the CPU table.
                    if count is not None and abs(count - s.pages) > s.pages / 100:
                        raise RuntimeError(f"{name} built {count} pages, ours {s.pages}: the peer project does not match")
    finally:
        if args.keep:
            log(f"projects kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    notes.append(f"The whole run took {time.perf_counter() - started:.0f} s. Load average (1, 5, 15 min) before: "
                 f"{', '.join(f'{x:.2f}' for x in load_before)}; after: {', '.join(f'{x:.2f}' for x in os.getloadavg())}. "
                 "Other work on the machine shows in wall times first; CPU seconds are steadier.")
    if _commit() != commit_before:
        notes.append(f"The code changed during the run (from {commit_before} to {_commit()}): run it again, or from a clone.")
    table = results_table(rows, args, notes)
    print(table)
    args.results.write_text(table, encoding="utf-8")
    log(f"wrote {args.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
