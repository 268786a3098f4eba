"""Fixtures for site tests: the committed content built once, and served on loopback for the browser."""

from __future__ import annotations

import functools
import itertools
import http.server
import os
import re
import signal
import socket
import threading
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from reportsite.site.build import build_site
from reportsite.track.publish import archive_outcomes

from ..conftest import copy_project, share_cache

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
# Each context opens a window, and Chromium loaded two omnibox pop-ups of its own into every window, in
# renderers of their own, though a headless window never shows one: about as much CPU as the test pages
# took. It also starts a spare renderer beside each page, for a navigation to another site that these
# tests never make. Chromium adds these features to those Playwright turns off. No host name or address
# but 127.0.0.1, where the tests serve, resolves (guarded_context below).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                 "--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,SpareRendererForSitePerProcess"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def interruptible() -> None:
    """For a command a test stops with Ctrl-C: SIGINT at its default, as a terminal starts it, even
    where the test's own process ignores SIGINT (a child keeps an ignored signal ignored, and a
    serve started so outlived the SIGINT that should have stopped it)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def build(project: Path, out: Path, base_url: str = "http://127.0.0.1:8000/", **kw):
    """As build.py builds: with the tracking stage's outcomes of the goals."""
    kw.setdefault("track", archive_outcomes)
    return build_site(project / "content", out, project / "templates", project / "static", base_url=base_url, **kw)


# axe-core, which the accessibility tests inject, is served beside the site at this path: the browser
# keeps it and its compiled code between pages, where injecting its text parsed it again on each.
AXE_FILE = ROOT / "tests" / "vendor" / "axe-core-4.14.1" / "axe.min.js"
AXE_PATH = "__tests__/axe.min.js"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site as a host configured for it does: under the path of its base URL (`prefix`), where
    an unknown path gets the site's 404.html."""

    def __init__(self, *args, prefix: str = "/", **kwargs):
        self.prefix = prefix  # before the base class's __init__, which answers the request
        super().__init__(*args, **kwargs)

    def log_message(self, *args) -> None:
        pass

    def handle(self) -> None:
        # A browser that moves on while a file is still being sent (a test blanking its page) closes the
        # connection: nothing the site did, and the server would print its traceback into the run's output.
        try:
            super().handle()
        except ConnectionError:
            pass

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "no such page")  # outside the site's path: a 404
        if path == self.prefix + AXE_PATH:
            return str(AXE_FILE)
        return super().translate_path("/" + path[len(self.prefix):])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def serving(folder: Path, prefix: str = "/", before=None):
    """The site in `folder` served under `prefix` on a free loopback port: its base URL. `before(base)`,
    if given, runs once the port is bound (no other worker of a parallel run can take it then) and
    before the server answers: a build of the site for that address."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder), prefix=prefix))
    base = f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    try:
        if before:
            before(base)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield base
        finally:
            server.shutdown()
    finally:
        server.server_close()


def serve_built(project: Path):
    """Build `project` into its site/ with the address of a free loopback port and serve it there:
    a generator of (site folder, base URL) for a fixture to yield from."""
    out = project / "site"
    with serving(out, before=lambda base: build(project, out, base_url=base)) as base:
        yield out, base


@pytest.fixture(scope="session")
def served_site(tmp_path_factory, seed_cache):
    """(site folder, base URL): the committed content, built with a base URL on a free loopback port
    (its cache warm already)."""
    share_cache(seed_cache, Path(os.environ["XDG_CACHE_HOME"]))
    yield from serve_built(copy_project(tmp_path_factory.mktemp("project")))


@pytest.fixture(scope="session")
def site_dir(served_site) -> Path:
    return served_site[0]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. Outside CI a machine without it skips these tests."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run must install Debian's chromium")
        pytest.skip(f"browser tests need {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        # Every context is a guarded one: the browser's own ways to a context are closed to tests.
        b.open_context = b.new_context
        for name in ("new_context", "new_page"):
            setattr(b, name, functools.partial(_unguarded, name))
        yield b
        b.close()


def _unguarded(name: str, *args, **kwargs) -> None:
    pytest.fail(f"browser.{name}() makes a context without the guard: use guarded_context() or a page fixture")


@contextmanager
def guarded_context(browser, base: str, allow_console: tuple[str, ...] = (), **options):
    """A browser context that may ask only the local server at `base`, and whose pages may log no
    console error (but those matching a pattern of `allow_console`) and throw no script error:
    anything else fails the test when the context is closed. Every test context is made here."""
    context = browser.open_context(**options)
    in_flight = context.in_flight = set()  # the requests of its pages not answered yet, for settle()
    # The browser resolves no host but 127.0.0.1 (CHROMIUM_ARGS): a request elsewhere fails without
    # leaving the machine, and is noted here. A route refusing them would cost every navigation its
    # time again: Playwright turns the HTTP cache off in a context with a route and holds each request.
    outside: list[str] = []

    def requested(request) -> None:
        in_flight.add(request)
        if not request.url.startswith((base, "data:")):
            outside.append(request.url)

    context.on("request", requested)
    context.on("requestfinished", lambda r: in_flight.discard(r))
    context.on("requestfailed", lambda r: in_flight.discard(r))
    errors: list[str] = []
    context.on("weberror", lambda e: errors.append(f"script error: {e.error}"))

    def console(message) -> None:
        if message.type == "error" and not any(re.search(p, message.text) for p in allow_console):
            errors.append(f"console error: {message.text} ({message.location.get('url', '')})")

    context.on("console", console)
    context.findings = (outside, errors)
    try:
        yield context
    finally:
        context.close()
    assert_no_findings(context)


def assert_no_findings(context) -> None:
    """Fail if the guarded `context` asked another host or logged an error since the last look."""
    outside, errors = context.findings
    found, logged = outside[:], errors[:]
    outside.clear()
    errors.clear()
    assert not found, f"requests to other hosts: {found}"
    assert not logged, "\n".join(logged)


@pytest.fixture(scope="module")
def reading_pages(browser):
    """reading_pages(base, allow_console=(), **options): one guarded page per server and options for a
    module's tests, each of which gets it through read_with(). The site keeps no state in the browser
    (no storage, cookie or service worker), so a test sees what a fresh page would; and a new window,
    with its renderer, costs more than twice the CPU of loading a page in one open (0.7 s against
    0.3 for a search). Options that a test could not undo on the page (a colour scheme) are refused."""
    with ExitStack() as stack:
        pages = {}

        def get(base: str, allow_console: tuple[str, ...] = (), **options):
            assert set(options) <= {"bypass_csp", "viewport", "java_script_enabled", "has_touch", "is_mobile"}, options
            key = (base, allow_console, repr(sorted(options.items())))
            if key not in pages:
                pages[key] = stack.enter_context(guarded_context(browser, base, allow_console, **options)).new_page()
                pages[key].base = base
                for shared, name in itertools.product((pages[key], pages[key].context), _LASTING):
                    setattr(shared, name, functools.partial(_lasting, name))
            return pages[key]

        yield get


# What a test does to a page that outlives it: a listener, a script run in every later document. A test
# that needs one asks for a page of its own (marked `fresh_page`), as one that installs a fake clock must.
_LASTING = ("on", "once", "add_init_script", "expose_function", "expose_binding")


def _lasting(name: str, *args, **kwargs) -> None:
    pytest.fail(f"{name}() would outlive the test on a shared page or its context: mark the test fresh_page")


def read_with(page):
    """A generator for a fixture: a shared `page` for one test, then blank (nothing of its document
    runs into the next test), as the test found it (no route, permission, media or viewport of the
    test's), and its guard's findings checked."""
    viewport = page.viewport_size
    yield page
    page.unroute_all(behavior="ignoreErrors")
    page.context.unroute_all(behavior="ignoreErrors")
    page.goto("about:blank")
    page.emulate_media(media="null", color_scheme="null")
    if page.viewport_size != viewport:
        page.set_viewport_size(viewport)
    page.context.clear_permissions()
    assert_no_findings(page.context)


@pytest.fixture
def page_at(reading_pages, served_site):
    """page_at(viewport, **options): the module's shared page of that size (and options) on the served
    site, its URL in `.base`, handed on through read_with() when the test ends."""
    with ExitStack() as stack:
        def get(viewport: dict, **options):
            steps = read_with(reading_pages(served_site[1], viewport=viewport, **options))
            stack.callback(next, steps, None)
            return next(steps)

        yield get


@pytest.fixture
def reading_page(reading_pages, served_site):
    """The module's reading page on the served site, where axe-core may be injected (the site's policy
    is bypassed; see reading_pages)."""
    yield from read_with(reading_pages(served_site[1], bypass_csp=True))


# A search page with a query is done once its status no longer says it is loading (fetches follow one another
# there, each after the script has read the last).
SEARCH_DONE = """() => { const s = document.getElementById('search-status');
                        return !s || !new URLSearchParams(location.search).get('q')
                               || (s.textContent !== '' && s.textContent !== s.dataset.msgLoading); }"""


def settle(page, quiet_ms: int = 100) -> None:
    """Wait until `page` (of a guarded context) has loaded, a search on it has finished, and none of
    its context's requests has been in flight for `quiet_ms`: Playwright's "networkidle", whose fixed
    500 ms of quiet was most of the time of the tests that open many pages."""
    page.wait_for_load_state("load")
    page.wait_for_function(SEARCH_DONE, polling="raf")
    deadline, quiet = time.monotonic() + 30, 0
    while quiet < quiet_ms:
        assert time.monotonic() < deadline, f"requests still in flight: {[r.url for r in page.context.in_flight]}"
        page.wait_for_timeout(20)  # the context's request events arrive while Playwright waits
        quiet = 0 if page.context.in_flight else quiet + 20


@pytest.fixture
def new_context(browser, request):
    """new_context(base=None, allow_console=(), **options): guarded browser contexts on the served
    site (or the server at `base`), closed and checked when the test ends."""
    with ExitStack() as stack:
        def make(base: str | None = None, allow_console: tuple[str, ...] = (), **options):
            base = base or request.getfixturevalue("served_site")[1]
            return stack.enter_context(guarded_context(browser, base, allow_console, **options))

        yield make


def page_on(base: str, request, reading_pages, new_context):
    """A generator for a page fixture: a page on the server at `base` (its URL in `page.base`), in a
    guarded context: the module's shared one (reading_pages), or for a test marked `fresh_page` a new one.

    Tests marked `bypass_csp` may inject a script (axe-core) that the site's own policy forbids;
    `console_errors(pattern)` names the console errors a test provokes on purpose.
    """
    expected = request.node.get_closest_marker("console_errors")
    allow = expected.args if expected else ()
    bypass = request.node.get_closest_marker("bypass_csp") is not None
    if request.node.get_closest_marker("fresh_page"):
        pg = new_context(base, allow_console=allow, bypass_csp=bypass).new_page()
        pg.base = base
        yield pg
    else:
        yield from read_with(reading_pages(base, allow, bypass_csp=bypass))


@pytest.fixture
def page(reading_pages, new_context, served_site, request):
    """A page on the served site (see page_on)."""
    yield from page_on(served_site[1], request, reading_pages, new_context)


@pytest.fixture(scope="session")
def example_site(example_build):
    """(site folder, base URL): the example archive's once-a-run build (tests/conftest.py), served on a
    free loopback port under its own sub-path, as a host serves it; tests must not change it."""
    site = example_build / "site"
    public = yaml.safe_load((example_build / "content" / "site.yaml").read_text(encoding="utf-8"))["base_url"]
    with serving(site, urlsplit(public).path) as base:
        yield site, base
