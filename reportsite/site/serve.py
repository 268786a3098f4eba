"""The serve command: build, serve on 127.0.0.1, rebuild on every change and reload open pages.

The site is kept as path -> digest, its files stored once each in a private temporary folder, so
that memory does not grow with the site. A rebuild renders again only the reports whose folder
changed (everything when a template, static file or site setting did) and the site-wide pages they
feed, reusing the other reports' files; the new site replaces the old in one step when it is
complete. Open pages are shown sooner (fast render, as Hugo's server does): each says which page it
is when it listens for reloads, a rebuild renders those first and sends the reload then, and while
the rest of the rebuild runs, a request for anything it may still change waits for it. A failed
rebuild, whatever the cause, keeps the last good site, shows its errors in every open page and in
the terminal, and the watcher carries on. The server answers only for files the
build made, and only on the loopback address; `python build.py` writes the site to disk.
"""

from __future__ import annotations

import gc
import http.server
import json
import mimetypes
import queue
import signal
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from .build import render_site
from ..cache import cache_warnings
from ..errors import ContentErrors
from .output import BlobTree

DEV_SCRIPT = """(function () {
  function show(errors) {
    var box = document.getElementById("dev-errors");
    if (!errors.length) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("div");
      box.id = "dev-errors";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0 0 auto 0;max-height:60vh;overflow:auto;z-index:99;background:#3b0d0d;color:#fff;font:14px/1.5 monospace;padding:1rem;white-space:pre-wrap";
      document.body.prepend(box);
    }
    box.textContent = "Build failed; the page shows the last good build.\\n\\n" + errors.join("\\n");
  }
  fetch("/__status").then(function (r) { return r.json(); }).then(function (s) { show(s.errors); });
  var events = new EventSource("/__events?page=" + encodeURIComponent(location.pathname));
  events.addEventListener("reload", function () { window.location.reload(); });
  events.addEventListener("failed", function (e) { show(JSON.parse(e.data)); });
})();
"""


class DevState:
    """What the watcher tells the server: the last good build, the last build's errors and who is waiting for news."""

    def __init__(self, store: Path, track=None, freeze_heap: bool = False) -> None:
        self.store = store  # a private folder holding the files of the last good build, by digest
        self.track = track  # computes the goals' outcomes (render_site's `track`), passed in by the command
        self.errors: list[str] = []
        self.tree: BlobTree | None = None  # the last good build
        self.reports: dict = {}  # its reports, by id: what the next rebuild may reuse
        self.listeners: dict[queue.Queue, str] = {}  # each open page's event queue, and the page's URL path
        self.preview: Preview | None = None  # while a rebuild runs after showing the open pages
        self.lock = threading.Lock()
        self.builds = 0
        self.freeze_heap = freeze_heap  # freeze the objects of each good build (freeze() below): serve's own process
        self.built_at = 0.0  # time.monotonic() of the last good build
        self.frozen = False  # whether that build's objects are frozen, with whatever garbage they hold

    def publish(self, event: str, data: str) -> None:
        with self.lock:
            for q in list(self.listeners):
                q.put((event, data))

    def read(self, path: str) -> bytes | None:
        tree = self.tree
        return None if tree is None or path not in tree.digests else tree.read(path)

    def open_pages(self) -> frozenset[str]:
        """The files of the pages open in a browser: what a rebuild renders first."""
        with self.lock:
            routes = list(self.listeners.values())
        return frozenset(name for route in routes for name in _candidates(route))


@dataclass(frozen=True)
class Preview:
    """The open pages, rendered before the rest of a rebuild, beside the reused reports' files; the
    rest of the site may change until `done` is set."""

    tree: BlobTree
    done: threading.Event
    shown_at: float  # time.perf_counter() when the open pages were reloaded


def describe(error: Exception) -> str:
    """One line for an error that is not a content problem: what it is and where the code raised it."""
    frames = traceback.extract_tb(error.__traceback__)
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    message = " ".join(str(error).split()) or "no message"
    return f"build failed: {type(error).__name__}: {message}{where} (run `python build.py --debug` for the traceback)"


def rebuild(content: Path, templates: Path, static: Path, state: DevState, base_url: str, log=print) -> bool:
    started = time.perf_counter()

    def show_open_pages(tree: BlobTree) -> None:
        state.preview = Preview(tree.snapshot(), threading.Event(), time.perf_counter())
        state.publish("reload", "")

    try:
        # One process: forking from the watcher thread of a threaded server is not safe, and only
        # the changed reports are rendered again.
        tree, stats, builds = render_site(content, templates, static, base_url=base_url, tree=BlobTree(state.store),
                                          previous=state.reports, track=state.track,
                                          first=state.open_pages() if state.tree is not None else frozenset(), on_first=show_open_pages)
    except ContentErrors as e:
        return _failed(state, [str(x) for x in e.errors], log)
    except Exception as e:  # noqa: BLE001 - whatever goes wrong, serve shows it and keeps watching
        return _failed(state, [describe(e)], log)
    earlier, state.tree = state.tree, tree  # one assignment: requests see the old site or the new, never a mix
    preview = _end_preview(state)
    state.reports = {rb.item.report.id: rb for rb in builds}
    state.errors = []
    state.builds += 1
    shown = f" (open pages shown after {preview.shown_at - started:.2f}s)" if preview else ""
    log(f"rebuilt {stats.pages} pages in {time.perf_counter() - started:.2f}s{shown}")
    for warning in cache_warnings():  # each once while serve runs
        log(warning)
    if state.freeze_heap:
        freeze(state)
    if preview is None:  # else the open pages were reloaded already and show what this build made
        state.publish("reload", "")
    tree.sweep(earlier)  # after the reload is sent: open pages need not wait for the deletions
    return True


def _end_preview(state: DevState) -> Preview | None:
    """Let the requests that wait for the rebuild go on, to the site that is now state.tree."""
    preview, state.preview = state.preview, None
    if preview is not None:
        preview.done.set()
    return preview


# Python's cyclic garbage collector walks every object it tracks in a full collection, and by its own
# rule one comes about every other rebuild: serve holds every report's views, so at a hundred reports
# that walk took 0.2 to 0.3 s of a 0.6 s rebuild. After each good build its objects are frozen (the
# collector skips them); the garbage among them, the replaced report's cycles, is collected once the
# watcher has seen no change for IDLE seconds, when a pause of that length delays nobody's edit.
IDLE = 2.0
PREVIEW_WAIT = 60.0  # seconds a request waits for the rest of a rebuild at most; then it gets what there is


def freeze(state: DevState) -> None:
    gc.freeze()
    state.built_at, state.frozen = time.monotonic(), True


def collect_when_idle(state: DevState, idle: float = IDLE) -> bool:
    """Collect the garbage frozen with the last builds once no change has come for `idle` seconds;
    whether it did."""
    if not state.frozen or time.monotonic() - state.built_at < idle:
        return False
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    state.frozen = False
    return True


def _failed(state: DevState, errors: list[str], log) -> bool:
    state.errors = errors
    for line in errors:
        log(line)
    state.publish("failed", json.dumps(errors, ensure_ascii=False))
    if _end_preview(state) is not None:
        state.publish("reload", "")  # the open pages showed what this build made: back to the last good site
    return False


def error_page(errors: list[str]) -> bytes:
    """What every address shows while there has been no good build yet: the errors, until they are fixed."""
    items = "".join(f"<li>{escape(line)}</li>" for line in errors) or "<li>building…</li>"
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Build failed</title></head>'
            f'<body><h1>The site could not be built</h1><ul id="build-errors">{items}</ul></body></html>').encode()


def _candidates(url_path: str) -> tuple[str, str]:
    """The files a URL path may name: `/a/` is `a/index.html`, `/a` is `a` or `a/index.html`."""
    rel = unquote(url_path).lstrip("/")
    return rel, rel + "index.html" if rel.endswith("/") or not rel else rel + "/index.html"


def _lookup(files: dict[str, str], url_path: str) -> str | None:
    """The file a URL path names; only names the build made exist."""
    return next((candidate for candidate in _candidates(url_path) if candidate in files), None)


_LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


def loopback_host(host: str, port: int) -> bool:
    """Whether a request's Host header names this server by a loopback name: 127.0.0.1, localhost or
    [::1], with its port (which a browser leaves out only when it is 80)."""
    names = {f"{name}:{port}" for name in _LOOPBACK_NAMES} | (set(_LOOPBACK_NAMES) if port == 80 else set())
    return host.lower() in names


def make_handler(state: DevState):
    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            if not loopback_host(self.headers.get("Host", ""), self.server.server_address[1]):
                # A page elsewhere whose name was rebound to 127.0.0.1 (DNS rebinding) sends its own name:
                # the preview and its status answer only to loopback names.
                return self._send(403, "text/plain; charset=utf-8", b"forbidden: open the preview at http://127.0.0.1:PORT/")
            route = urlsplit(self.path).path
            if route == "/__dev.js":
                return self._send(200, "application/javascript", DEV_SCRIPT.encode())
            if route == "/__status":
                return self._send(200, "application/json", json.dumps({"errors": state.errors, "builds": state.builds}).encode())
            if route == "/__events":
                return self._events()
            tree = self._tree_for(route)
            if tree is None:
                return self._send(503, "text/html; charset=utf-8", self._inject(error_page(state.errors)))
            name = _lookup(tree.digests, route)
            if name is None:
                missing = tree.read("404.html") if "404.html" in tree.digests else b"not found"
                return self._send(404, "text/html; charset=utf-8", self._inject(missing))
            try:
                body = tree.read(name)
            except FileNotFoundError:  # swept by a rebuild that finished meanwhile
                body = state.read(name)
                if body is None:
                    return self._send(404, "text/plain; charset=utf-8", b"not found")
            kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
            if name.endswith(".html"):
                return self._send(200, "text/html; charset=utf-8", self._inject(body))
            if kind.startswith("text/") or kind in ("application/json", "application/javascript", "image/svg+xml"):
                kind += "; charset=utf-8"
            return self._send(200, kind, body)

        def _tree_for(self, route: str) -> BlobTree | None:
            """The site to answer from: while a rebuild runs after showing the open pages, what it
            showed (those pages, the reused reports' files, the static files) or, for anything else,
            the new site once it is done."""
            preview = state.preview
            if preview is None:
                return state.tree
            if _lookup(preview.tree.digests, route) is not None:
                return preview.tree
            preview.done.wait(PREVIEW_WAIT)
            return state.tree

        def _inject(self, body: bytes) -> bytes:
            return body.replace(b"</body>", b'<script src="/__dev.js"></script></body>', 1)

        def _send(self, code: int, kind: str, body: bytes) -> None:
            self.send_response(code)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def _events(self) -> None:
            q: queue.Queue = queue.Queue()
            page = parse_qs(urlsplit(self.path).query).get("page", [""])[0]
            with state.lock:  # before the answer: once a page has it, the next rebuild knows the page is open
                state.listeners[q] = page
            try:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                while True:
                    try:
                        event, data = q.get(timeout=15)
                        self.wfile.write(f"event: {event}\ndata: {data}\n\n".encode())
                    except queue.Empty:
                        self.wfile.write(b": keep-alive\n\n")
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass
            finally:
                with state.lock:
                    del state.listeners[q]

    return Handler


def watch(paths: list[Path], on_change, stop: threading.Event, ready: threading.Event, on_idle=lambda: None) -> None:
    from watchfiles import watch as watch_files

    existing = [str(p) for p in paths if p.exists()]
    for changes in watch_files(*existing, stop_event=stop, debounce=50, step=20, yield_on_timeout=True, rust_timeout=200):
        ready.set()  # the first yield comes once the watches are in place
        if changes:
            on_change()  # never raises: rebuild turns every failure into errors shown in the browser
        else:
            on_idle()  # every 200 ms without a change


def fingerprint(paths: list[Path]) -> tuple:
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for root in paths if root.exists() for p in root.rglob("*") if p.is_file()))


def serve(content: Path, port: int, templates: Path = Path("templates"), static: Path = Path("static"),
          host: str = "127.0.0.1", track=None) -> int:
    if threading.current_thread() is threading.main_thread():
        # Stopped by a process manager, or its terminal closed: still remove the store.
        for stop in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(stop, _stop)
    with tempfile.TemporaryDirectory(prefix="reportsite-serve-") as store:
        return _serve(content, port, templates, static, host, DevState(Path(store), track, freeze_heap=True))


def _stop(signum, frame) -> None:
    raise KeyboardInterrupt


def _serve(content: Path, port: int, templates: Path, static: Path, host: str, state: DevState) -> int:
    server = http.server.ThreadingHTTPServer((host, port), make_handler(state))
    server.daemon_threads = True
    base_url = f"http://{host}:{server.server_address[1]}/"  # links and canonicals that work locally
    watched = [content, templates, static]
    before = fingerprint(watched)
    rebuild(content, templates, static, state, base_url)
    stop, ready = threading.Event(), threading.Event()
    again = lambda: rebuild(content, templates, static, state, base_url)  # noqa: E731
    watcher = threading.Thread(target=watch, args=(watched, again, stop, ready, lambda: collect_when_idle(state)), daemon=True)
    watcher.start()
    ready.wait(10)
    if fingerprint(watched) != before:
        again()  # an edit made while the watches were being set up
    print(f"serving at {base_url} (Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
    return 0
