"""Fixtures for site tests: the committed content built once, and served on loopback for the browser."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import threading
from pathlib import Path

import pytest

from reportsite.site.build import build_site
from reportsite.track.publish import archive_outcomes

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def copy_project(dest: Path) -> Path:
    """A throwaway copy of content/, templates/ and static/ that a test may change."""
    for name in ("content", "templates", "static"):
        shutil.copytree(ROOT / name, dest / name)
    return dest


def build(project: Path, out: Path, base_url: str = "http://127.0.0.1:8000/", **kw):
    """As build.py builds: with the tracking stage's outcomes of the goals."""
    kw.setdefault("track", archive_outcomes)
    return build_site(project / "content", out, project / "templates", project / "static", base_url=base_url, **kw)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve_built(project: Path):
    """Build `project` into its site/ with the address of a free loopback port and serve it there:
    a generator of (site folder, base URL) for a fixture to yield from."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    out = project / "site"
    build(project, out, base_url=base)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_QuietHandler, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield out, base
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def served_site(tmp_path_factory):
    """(site folder, base URL): the committed content, built with a base URL on a free loopback port."""
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
        yield b
        b.close()


def keep_local(context, base: str) -> list[str]:
    """Refuse every request of `context` to a host other than the local server; returns what was refused."""
    outside: list[str] = []

    def guard(route):
        if route.request.url.startswith(base) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    return outside


@pytest.fixture
def page(browser, served_site, request):
    """A fresh page that fails the test if it asks any host but the local server.

    Tests marked `bypass_csp` may inject a script (axe-core) that the site's own policy forbids.
    """
    context = browser.new_context(bypass_csp=request.node.get_closest_marker("bypass_csp") is not None)
    base = served_site[1]
    outside = keep_local(context, base)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.base = base
    yield pg
    context.close()
    assert not outside, f"requests to other hosts: {outside}"
    assert not errors, f"script errors: {errors}"
