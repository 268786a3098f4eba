"""serve survives anything a rebuild can throw: it shows the error, keeps watching and recovers."""

from __future__ import annotations

import gc
import http.server
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import weakref
from contextlib import contextmanager
from pathlib import Path

import pytest

from reportsite.site import build, serve

from .conftest import ROOT, copy_project, free_port, interruptible

pytestmark = pytest.mark.warm_cache  # builds the project: its cache comes warm (tests/conftest.py)

RID = "jiangxian-2022"
PART2 = Path("content/reports/jiangxian-2022/parts/part2.yaml")


@contextmanager
def dev_server(folder: Path):
    """(project, DevState, rebuild, get, log): serve's state and handler on a free loopback port for a
    copy of the project in `folder`, and what it printed."""
    project = copy_project(folder / "project")
    store = folder / "store"
    store.mkdir()
    state = serve.DevState(store)
    lines: list[str] = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), serve.make_handler(state))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"

    def rebuild() -> bool:
        return serve.rebuild(project / "content", project / "templates", project / "static", state, base, log=lines.append)

    def get(path: str, host: str | None = None) -> tuple[int, str]:
        request = urllib.request.Request(base + path, headers={} if host is None else {"Host": host})
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8")

    get.base = base
    try:
        yield project, state, rebuild, get, lines
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def dev(tmp_path):
    with dev_server(tmp_path) as served:
        yield served


@pytest.fixture(scope="module")
def built_dev(tmp_path_factory):
    """`dev` with the site built once, for the tests that only send requests to it (a build per
    request-only test took most of this file's time)."""
    with dev_server(tmp_path_factory.mktemp("built-dev")) as served:
        assert served[2]()
        yield served


def boom(*args, **kwargs):
    raise RuntimeError("the sitemap\npass broke")


def test_an_unexpected_exception_in_a_pass_is_shown_as_one_line_and_the_last_good_site_stays(dev, monkeypatch):
    project, state, rebuild, get, log = dev
    assert rebuild()
    monkeypatch.setattr(build, "_sitemap", boom)
    assert not rebuild()
    assert len(state.errors) == 1
    line = state.errors[0]
    assert line.startswith("build failed: RuntimeError: the sitemap pass broke at ") and "\n" not in line
    assert log[-1] == line
    status = json.loads(get("__status")[1])
    assert status["errors"] == [line]
    code, page = get(f"{RID}/s2-1/")
    assert code == 200 and "新建5G基站132座" in page


def test_serve_recovers_when_the_cause_is_gone(dev, monkeypatch):
    project, state, rebuild, get, log = dev
    monkeypatch.setattr(build, "report_jobs", boom)
    assert not rebuild()
    monkeypatch.undo()
    assert rebuild()
    assert state.errors == [] and json.loads(get("__status")[1])["errors"] == []
    assert get(f"{RID}/s2-1/")[0] == 200


def test_serve_started_on_broken_content_shows_the_errors_on_every_address(dev):
    project, state, rebuild, get, log = dev
    (project / PART2).write_text("id: [broken\n", encoding="utf-8")
    assert not rebuild()
    for path in ("", f"{RID}/", "search/", "no/such/page/"):
        code, page = get(path)
        assert code == 503
        assert "parts/part2.yaml:" in page and "YAML syntax" in page
        assert "/__dev.js" in page  # the page reloads itself once the content is fixed


def test_the_watcher_keeps_watching_after_any_failure_and_serves_the_fixed_site(dev, monkeypatch):
    project, state, rebuild, get, log = dev
    assert rebuild()
    monkeypatch.setattr(build, "_sitemap", boom)
    stop, ready = threading.Event(), threading.Event()
    watcher = threading.Thread(target=serve.watch, args=([project / "content"], rebuild, stop, ready), daemon=True)
    watcher.start()
    try:
        assert ready.wait(10)
        part = project / PART2
        part.write_text(part.read_text(encoding="utf-8").replace("新建5G基站132座", "新建5G基站170座"), encoding="utf-8")
        wait_until(lambda: state.errors)
        assert "RuntimeError" in state.errors[0] and watcher.is_alive()
        monkeypatch.undo()
        part.write_text(part.read_text(encoding="utf-8").replace("新建5G基站170座", "新建5G基站171座"), encoding="utf-8")
        wait_until(lambda: not state.errors)
        assert "新建5G基站171座" in get(f"{RID}/s2-1/")[1]
    finally:
        stop.set()
        watcher.join(5)


def edit_part2(project: Path, old: str, new: str) -> None:
    part = project / PART2
    part.write_text(part.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def open_page(state: serve.DevState, route: str) -> queue.Queue:
    """As a page open in a browser: listening for reloads, saying which page it is."""
    q: queue.Queue = queue.Queue()
    state.listeners[q] = route
    return q


def at_first_reload(state: serve.DevState, look) -> list[str]:
    """Call look() in the rebuild, at the moment it sends its first reload, and note every event sent."""
    sent, publish = [], state.publish

    def publishing(event: str, data: str) -> None:
        if event == "reload" and "reload" not in sent:
            look()
        sent.append(event)
        publish(event, data)

    state.publish = publishing
    return sent


def test_a_rebuild_shows_the_open_page_first_and_holds_back_the_pages_it_may_still_change(dev):
    project, state, rebuild, get, log = dev
    assert rebuild()
    open_page(state, f"/{RID}/s2-1/")
    seen: dict = {}

    def look() -> None:  # the rest of the rebuild waits until this returns
        seen["open"] = get(f"{RID}/s2-1/")
        seen["style"] = get("static/style.css")  # made before the pages, so shown with them
        later = threading.Thread(target=lambda: seen.setdefault("text", get(f"{RID}/text/")))
        later.start()
        later.join(0.5)
        seen["text waited"], seen["later"] = later.is_alive(), later

    sent = at_first_reload(state, look)
    edit_part2(project, "新建5G基站132座", "新建5G基站173座")
    assert rebuild()
    seen["later"].join(10)
    assert seen["open"][0] == 200 and "新建5G基站173座" in seen["open"][1]
    assert seen["open"][1] == get(f"{RID}/s2-1/")[1]  # what the whole rebuild made, byte for byte
    assert seen["style"][0] == 200
    assert seen["text waited"]  # the full text shows the paragraph too: it waited for the rest of the rebuild
    assert seen["text"][0] == 200 and "新建5G基站173座" in seen["text"][1]
    assert sent == ["reload"]  # once: the open page was already showing the rebuild's own page
    assert "(open pages shown after " in log[-1]


def test_a_site_wide_page_open_is_shown_first_when_no_page_of_the_edited_report_is(dev):
    project, state, rebuild, get, log = dev
    assert rebuild()
    open_page(state, "/")  # the home page lists every report by its title
    seen: dict = {}
    sent = at_first_reload(state, lambda: seen.setdefault("home", get("")))
    report = project / "content/reports/jiangxian-2022/report.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("title: 2022年绛县政府工作报告", "title: 2022年绛县人民政府工作报告"),
                      encoding="utf-8")
    assert rebuild()
    assert seen["home"][0] == 200 and "2022年绛县人民政府工作报告" in seen["home"][1]
    assert seen["home"][1] == get("")[1] and sent == ["reload"]
    assert "(open pages shown after " in log[-1]


def test_a_rebuild_with_no_open_page_it_makes_reloads_once_at_the_end(dev):
    project, state, rebuild, get, log = dev
    assert rebuild()
    open_page(state, "/no/such/page/")  # a page that no build makes (a 404 shown in the browser)
    seen: dict = {}
    sent = at_first_reload(state, lambda: seen.setdefault("tree", state.tree))
    edit_part2(project, "新建5G基站132座", "新建5G基站174座")
    built = state.tree
    assert rebuild()
    assert sent == ["reload"] and seen["tree"] is not built and state.preview is None
    assert "open pages shown" not in log[-1]


def test_a_rebuild_that_fails_after_showing_the_open_page_takes_it_back(dev, monkeypatch):
    project, state, rebuild, get, log = dev
    assert rebuild()
    open_page(state, f"/{RID}/s2-1/")
    seen: dict = {}
    sent = at_first_reload(state, lambda: seen.setdefault("open", get(f"{RID}/s2-1/")[1]))
    monkeypatch.setattr(build, "_sitemap", boom)  # after the render pass
    edit_part2(project, "新建5G基站132座", "新建5G基站175座")
    assert not rebuild()
    assert "新建5G基站175座" in seen["open"]
    assert sent == ["reload", "failed", "reload"]  # shown, then the errors, then back to the last good site
    assert "新建5G基站132座" in get(f"{RID}/s2-1/")[1] and state.preview is None


def test_a_change_of_a_static_file_reloads_the_open_page_with_the_new_file(dev):
    project, state, rebuild, get, log = dev
    assert rebuild()
    open_page(state, f"/{RID}/s2-1/")
    seen: dict = {}
    sent = at_first_reload(state, lambda: seen.setdefault("style", get("static/style.css")[1]))
    style = project / "static" / "style.css"
    style.write_text(style.read_text(encoding="utf-8") + "\n/* changed */\n", encoding="utf-8")
    assert rebuild()
    assert sent == ["reload"] and "/* changed */" in seen["style"]  # the new style sheet, not the old one


class Cycle:
    """An object that refers to itself: garbage that only the cyclic collector can free."""

    def __init__(self) -> None:
        self.me = self


def test_a_good_build_is_frozen_and_the_garbage_frozen_with_it_is_collected_once_the_watcher_is_idle(dev):
    project, state, rebuild, get, log = dev
    state.freeze_heap = True  # as the serve command's state has it
    try:
        held = [Cycle()]  # alive during the build, as the report an edit will replace
        alive = weakref.ref(held[0])
        assert rebuild()
        assert state.frozen and gc.get_freeze_count() > 0
        held.clear()  # now garbage, but frozen with the build
        gc.collect()
        assert alive() is not None  # so a full collection, which no longer walks the build, leaves it
        assert not serve.collect_when_idle(state, idle=60) and alive() is not None  # a change may come yet
        assert serve.collect_when_idle(state, idle=0)
        assert alive() is None and not state.frozen and gc.get_freeze_count() > 0  # what lives is frozen again
        assert not serve.collect_when_idle(state, idle=0)  # nothing new to collect until the next build
    finally:
        gc.unfreeze()


def test_the_watcher_says_when_nothing_changed(tmp_path):
    quiet, stop, ready = threading.Event(), threading.Event(), threading.Event()
    watcher = threading.Thread(target=serve.watch, args=([tmp_path], lambda: None, stop, ready, quiet.set), daemon=True)
    watcher.start()
    try:
        assert quiet.wait(10)
    finally:
        stop.set()
        watcher.join(5)


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "[::1]", "LocalHost"])
def test_serve_answers_to_its_loopback_names(built_dev, host):
    project, state, rebuild, get, log = built_dev
    port = get.base.rsplit(":", 1)[1].strip("/")
    assert get("__status", host=f"{host}:{port}")[0] == 200
    assert get(f"{RID}/", host=f"{host}:{port}")[0] == 200


@pytest.mark.parametrize("host", ["attacker.example:{port}", "127.0.0.1.attacker.example:{port}", "localhost:{other}",
                                  "127.0.0.1", "localhost.:{port}", "", "127.0.0.1:{port}@attacker.example"])
@pytest.mark.parametrize("path", ["", "__status", f"{RID}/", "no/such/page/", "__dev.js"])
def test_serve_refuses_any_other_host_name_so_a_rebound_page_cannot_read_it(built_dev, host, path):
    project, state, rebuild, get, log = built_dev
    port = int(get.base.rsplit(":", 1)[1].strip("/"))
    code, body = get(path, host=host.format(port=port, other=port + 1))
    assert code == 403 and "jiangxian" not in body and "errors" not in body


def wait_until(condition, seconds: float = 20) -> None:
    deadline = time.time() + seconds
    while not condition():
        assert time.time() < deadline, "serve did not get there in time"
        time.sleep(0.05)


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=["ctrl-c", "sigterm", "sighup"])
def test_serve_removes_its_store_of_files_when_stopped(tmp_path, stop):
    project = copy_project(tmp_path / "project")
    temp = tmp_path / "temp"
    temp.mkdir()
    port = free_port()
    server = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--port", str(port)], cwd=project,
                              preexec_fn=interruptible, env={**os.environ, "TMPDIR": str(temp)},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until(lambda: _answers(f"http://127.0.0.1:{port}/__status"), 60)
        assert len(list(temp.glob("reportsite-serve-*"))) == 1  # the store of the served files
    finally:
        server.send_signal(stop)
        server.wait(30)
    assert list(temp.glob("reportsite-serve-*")) == []


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except OSError:
        return False


def test_a_page_open_from_serve_reloads_itself_after_an_edit_of_a_paragraph(tmp_path, new_context):
    """End to end: the real serve command, Chromium on one of its pages listening on /__events, an editor's save."""
    project = copy_project(tmp_path / "project")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--port", str(port)], cwd=project,
                              preexec_fn=interruptible, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        printed = [server.stdout.readline() for _ in range(2)]
        assert printed[1] == f"serving at {base} (Ctrl-C to stop)\n", printed  # once edits are watched
        # A reload can cut off a module still loading from the page it replaces, and stopping serve
        # the requests still open: those resets are the test's own doing, not the site's.
        page = new_context(base, allow_console=(r"net::ERR_(CONNECTION_RESET|EMPTY_RESPONSE)",)).new_page()
        events = []
        listens = base + f"__events?page=%2F{RID}%2Fs2-1%2F"  # the page says which it is: serve renders it first
        page.on("request", lambda r: events.append(r.url) if r.url.startswith(base + "__events") else None)
        with page.expect_request(listens):
            page.goto(base + f"{RID}/s2-1/")
        assert events == [listens]
        paragraph = page.locator("#s2-1-p1")
        assert "新建5G基站132座" in paragraph.inner_text()
        page.evaluate("window.beforeTheEdit = true")
        part = project / PART2
        with page.expect_request(listens, timeout=60_000):  # the reloaded page listens again
            part.write_text(part.read_text(encoding="utf-8").replace("新建5G基站132座", "新建5G基站172座"), encoding="utf-8")
        assert "新建5G基站172座" in paragraph.inner_text()
        assert page.evaluate("window.beforeTheEdit") is None  # a new page, not an edit in place
        assert events == [listens] * 2
        assert "(open pages shown after " in server.stdout.readline()  # fast render: the open page came first
        page.wait_for_timeout(500)
        assert events == [listens] * 2  # and it was reloaded once, not again when the rest was done
        page.close()  # before serve stops: its scripts would otherwise fail on a server that is gone
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(30)
        server.stdout.close()
