"""The serve command: build, serve on 127.0.0.1, rebuild on every change and reload open pages.

Like `hugo server`, it renders into memory and serves from there: a rebuild is a full build with
no disk writes, and the new site replaces the old in one step when it is complete. A failed rebuild
keeps the last good site and shows its error list in every open page. The server answers only for
files the build made, and only on the loopback address; `python build.py` writes the site to disk.
"""

from __future__ import annotations

import http.server
import json
import mimetypes
import queue
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .build import render_site
from .errors import ContentErrors

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
  var events = new EventSource("/__events");
  events.addEventListener("reload", function () { window.location.reload(); });
  events.addEventListener("failed", function (e) { show(JSON.parse(e.data)); });
})();
"""


class DevState:
    """What the watcher tells the server: the last build's errors and who is waiting for news."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.files: dict[str, bytes] = {}  # the last good build, by path
        self.listeners: list[queue.Queue] = []
        self.lock = threading.Lock()
        self.builds = 0

    def publish(self, event: str, data: str) -> None:
        with self.lock:
            for q in self.listeners:
                q.put((event, data))


def rebuild(content: Path, templates: Path, static: Path, state: DevState, base_url: str, log=print) -> bool:
    started = time.perf_counter()
    try:
        # One process: forking from the watcher thread of a threaded server is not safe, and for one
        # report the render pass is a quarter of a second anyway (bench/results.md).
        tree, stats, _ = render_site(content, templates, static, base_url=base_url)
    except ContentErrors as e:
        state.errors = [str(x) for x in e.errors]
        for line in state.errors:
            log(line)
        state.publish("failed", json.dumps(state.errors, ensure_ascii=False))
        return False
    state.files = tree.files  # one assignment: requests see the old site or the new, never a mix
    state.errors = []
    state.builds += 1
    log(f"rebuilt {stats.pages} pages in {time.perf_counter() - started:.2f}s")
    state.publish("reload", "")
    return True


def _lookup(files: dict[str, bytes], url_path: str) -> str | None:
    """The file a URL path names: `/a/` is `a/index.html`; only names the build made exist."""
    rel = unquote(url_path).lstrip("/")
    for candidate in (rel, rel + "index.html" if rel.endswith("/") or not rel else rel + "/index.html"):
        if candidate in files:
            return candidate
    return None


def make_handler(state: DevState):
    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            route = urlsplit(self.path).path
            if route == "/__dev.js":
                return self._send(200, "application/javascript", DEV_SCRIPT.encode())
            if route == "/__status":
                return self._send(200, "application/json", json.dumps({"errors": state.errors, "builds": state.builds}).encode())
            if route == "/__events":
                return self._events()
            files = state.files
            name = _lookup(files, route)
            if name is None:
                return self._send(404, "text/html; charset=utf-8", self._inject(files.get("404.html", b"not found")))
            kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
            if name.endswith(".html"):
                return self._send(200, "text/html; charset=utf-8", self._inject(files[name]))
            if kind.startswith("text/") or kind in ("application/json", "application/javascript", "image/svg+xml"):
                kind += "; charset=utf-8"
            return self._send(200, kind, files[name])

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
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            q: queue.Queue = queue.Queue()
            with state.lock:
                state.listeners.append(q)
            try:
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
                    state.listeners.remove(q)

    return Handler


def watch(paths: list[Path], on_change, stop: threading.Event, ready: threading.Event) -> None:
    from watchfiles import watch as watch_files

    existing = [str(p) for p in paths if p.exists()]
    for changes in watch_files(*existing, stop_event=stop, debounce=50, step=20, yield_on_timeout=True, rust_timeout=200):
        ready.set()  # the first yield comes once the watches are in place
        if changes:
            on_change()


def fingerprint(paths: list[Path]) -> tuple:
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for root in paths if root.exists() for p in root.rglob("*") if p.is_file()))


def serve(content: Path, port: int, templates: Path = Path("templates"), static: Path = Path("static"),
          host: str = "127.0.0.1") -> int:
    state = DevState()
    server = http.server.ThreadingHTTPServer((host, port), make_handler(state))
    server.daemon_threads = True
    base_url = f"http://{host}:{server.server_address[1]}/"  # links and canonicals that work locally
    watched = [content, templates, static]
    before = fingerprint(watched)
    rebuild(content, templates, static, state, base_url)
    stop, ready = threading.Event(), threading.Event()
    again = lambda: rebuild(content, templates, static, state, base_url)  # noqa: E731
    watcher = threading.Thread(target=watch, args=(watched, again, stop, ready), daemon=True)
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
