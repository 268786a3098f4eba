"""The scripts in a real browser when something goes wrong, and what they leave to the browser: a failed
download or copy is shown to the reader, a modified click on the language switch is the browser's, the
live region is in the page before any script runs, and the contents list does not move the text."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from .conftest import copy_project, serve_built
from .test_browser import axe_violations
from .test_incremental import retire_an_id

pytestmark = pytest.mark.warm_cache  # builds the project: its cache comes warm (tests/conftest.py)

RID = "jiangxian-2022"
QUERY = "涑水"


def status_text(page) -> str:
    return page.locator("#search-status").inner_text()


@pytest.mark.console_errors(r"net::ERR_FAILED")  # the download the test makes fail
@pytest.mark.parametrize("failing", ["**/search-index.json*", "**/charmap.json*"])
def test_a_failed_index_download_says_so_instead_of_loading_forever(page, failing):
    page.route(failing, lambda route: route.abort())
    page.goto(page.base + f"search/?q={quote(QUERY)}")
    failed = page.locator("#search-status").get_attribute("data-msg-failed")
    assert failed and "{" not in failed
    page.wait_for_function("m => document.getElementById('search-status').textContent === m", arg=failed, timeout=5000)
    assert page.locator("#results .hit").count() == 0
    # The failed download is tried again by the next search.
    page.unroute(failing)
    page.locator("#q").press("Enter")
    page.wait_for_function("() => document.querySelectorAll('#results .hit').length > 0", timeout=5000)
    assert status_text(page) != failed


def deny_clipboard(page) -> None:
    """The reader (or the browser's policy) refuses the page the clipboard."""
    cdp = page.context.new_cdp_session(page)
    context_id = cdp.send("Target.getTargetInfo")["targetInfo"]["browserContextId"]
    for name in ("clipboard-write", "clipboard-read"):
        cdp.send("Browser.setPermission", {"permission": {"name": name}, "setting": "denied",
                                           "origin": page.base.rstrip("/"), "browserContextId": context_id})
    assert page.evaluate("navigator.permissions.query({name: 'clipboard-write'}).then(s => s.state)") == "denied"


@pytest.mark.parametrize("prefix, nth, text", [("", 0, f"{RID}/p/s2-1-p1/"), ("en/", 1, "unofficial translation")])
def test_a_refused_copy_says_so_and_leaves_the_text_selected_to_copy_by_hand(page, prefix, nth, text):
    page.goto(page.base + f"{prefix}{RID}/s2-1/")
    deny_clipboard(page)
    page.locator("#s2-1-p1 [data-copy]").nth(nth).click()
    message = page.locator("#s2-1-p1 .copy-failed")
    message.wait_for(state="visible", timeout=5000)
    failed = page.locator("#live-region").get_attribute("data-msg-copy-failed")
    assert failed and failed in message.inner_text()
    box = message.locator("textarea")
    assert text in box.input_value()
    assert box.input_value().startswith(page.locator("#s2-1-p1 [data-copy]").nth(nth).get_attribute("data-copy"))  # + the access date
    selected = page.evaluate("() => { const el = document.activeElement; return el.value.slice(el.selectionStart, el.selectionEnd); }")
    assert selected == box.input_value()
    assert not page.locator("#s2-1-p1 [data-copy][data-copied]").count()
    page.wait_for_function("m => document.getElementById('live-region').textContent === m", arg=failed)


@pytest.mark.bypass_csp
def test_the_text_to_copy_by_hand_is_labelled_for_every_reader(page):
    page.goto(page.base + f"en/{RID}/s2-1/")
    deny_clipboard(page)
    page.locator("#s2-1-p1 [data-copy]").first.click()
    page.locator("#s2-1-p1 .copy-failed textarea").wait_for(timeout=5000)
    assert axe_violations(page) == []


@pytest.mark.parametrize("how", [{"modifiers": ["Control"]}, {"modifiers": ["Shift"]}, {"button": "middle"}])
def test_a_modified_or_middle_click_on_the_language_switch_is_left_to_the_browser(page, how):
    page.goto(page.base + f"{RID}/s2-1/#s2-1-p3")
    here = page.url
    with page.context.expect_page(timeout=5000) as opened:
        page.click('nav.langs a[hreflang="en"]', **how)
    other = opened.value
    other.wait_for_load_state()
    # The new tab opens on the same paragraph in the other language; this one stays where it was.
    assert other.url == page.base + f"en/{RID}/s2-1/#s2-1-p3"
    page.wait_for_timeout(300)
    assert page.url == here


def test_the_language_switch_follows_the_paragraph_the_reader_moves_to(page):
    page.goto(page.base + f"{RID}/s2-1/")
    page.locator("#s2-1-p2 .pnum").evaluate("a => { location.hash = '#s2-1-p2'; }")
    page.wait_for_function("() => document.querySelector('nav.langs a[hreflang=en]').href.endsWith('#s2-1-p2')")
    page.click('nav.langs a[hreflang="en"]')
    page.wait_for_url(f"**/en/{RID}/s2-1/#s2-1-p2")


@pytest.mark.parametrize("path", [f"{RID}/s2-1/", "", f"{RID}/targets/", "search/"])
def test_the_live_region_is_in_the_page_before_any_script_runs(page_at, path):
    pg = page_at({"width": 1280, "height": 800}, java_script_enabled=False)
    pg.goto(pg.base + path)
    region = pg.locator("#live-region")
    assert region.count() == 1
    assert region.get_attribute("role") == "status" and region.get_attribute("aria-live") == "polite"
    assert region.inner_text() == ""


def test_a_copy_is_announced_in_the_live_region_that_was_there_from_the_start(page):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(page.base + f"{RID}/s2-1/")
    first = page.locator("#live-region").element_handle()
    page.locator("#s2-1-p1 [data-copy]").first.click()
    page.wait_for_function("el => el.textContent === '已复制'", arg=first)
    assert page.locator("[aria-live]#live-region").count() == 1


LAYOUT_SHIFT = """() => new Promise((done) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: 'layout-shift', buffered: true});
  setTimeout(() => done(total), 500);
})"""


@pytest.mark.parametrize("path", [f"{RID}/text/", f"en/{RID}/bilingual/"])
@pytest.mark.parametrize("width", [390, 1280])
def test_the_contents_list_keeps_its_place_while_the_page_loads(new_context, served_site, width, path):
    context = new_context(viewport={"width": width, "height": 800})
    pg = context.new_page()
    pg.goto(served_site[1] + path)
    pg.wait_for_load_state("networkidle")
    assert pg.evaluate(LAYOUT_SHIFT) < 0.01
    # Folded on a phone, open at desk width; once the scripts have run the summary folds and opens it.
    toc = pg.locator("details[data-fold]")
    summary = toc.locator("summary")
    assert toc.locator(".toc-parts").is_visible() == (width > 600)
    summary.click()
    assert toc.locator(".toc-parts").is_visible() == (width < 600)
    summary.click()
    assert toc.locator(".toc-parts").is_visible() == (width > 600)


@pytest.mark.fresh_page  # it listens to the page's requests
@pytest.mark.parametrize("path", [f"{RID}/s2-1/", f"search/?q={quote(QUERY)}"])
def test_every_script_module_is_asked_for_at_the_sites_asset_version(page, path):
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url) if request.resource_type == "script" else None)
    page.goto(page.base + path)
    page.wait_for_load_state("networkidle")
    version = page.locator("script[type=module]").first.get_attribute("src").split("?v=")[1]
    assert len(asked) > 3
    assert all(url.startswith(page.base + "static/") and url.endswith(f".js?v={version}") for url in asked), asked


@pytest.mark.parametrize("width", [390, 1280])
def test_the_home_page_filter_appears_in_a_place_kept_for_it(new_context, served_site, width):
    context = new_context(viewport={"width": width, "height": 800})
    pg = context.new_page()
    pg.goto(served_site[1])
    pg.wait_for_load_state("networkidle")
    assert pg.locator("form[data-archive-filter]").is_visible()
    assert pg.evaluate(LAYOUT_SHIFT) < 0.01


@pytest.mark.parametrize("width", [390, 1280])
def test_without_a_script_the_contents_list_is_open_at_desk_width_and_folded_on_a_phone(page_at, width):
    pg = page_at({"width": width, "height": 800}, java_script_enabled=False)
    pg.goto(pg.base + f"{RID}/text/")
    assert pg.locator(".reader-toc .toc-parts").is_visible() == (width > 600)
    # Shown by the stylesheet alone, it is also there for a screen reader.
    assert ("- link" in pg.locator(".reader-toc").aria_snapshot()) == (width > 600)


@pytest.fixture(scope="module")
def retired(tmp_path_factory):
    """(site folder, base URL) of the seed with paragraph s2-1-p6 renamed s2-1-p60, built and served."""
    project = copy_project(tmp_path_factory.mktemp("retired"))
    retire_an_id(project)
    yield from serve_built(project)


def test_the_page_of_a_retired_id_sends_the_reader_on_with_the_fragment(new_context, retired):
    site, base = retired
    moved = [p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")
             if "data-redirect" in p.read_text(encoding="utf-8") and "s2-1-p60" in p.read_text(encoding="utf-8")]
    assert f"{RID}/p/s2-1-p6" in moved
    context = new_context(base)
    pg = context.new_page()
    pg.goto(base + f"{RID}/p/s2-1-p6/#note")
    pg.wait_for_url(f"**/{RID}/p/s2-1-p60/#note", timeout=3000)  # at once, not after the refresh's 5 seconds


@pytest.mark.fresh_page  # it listens to the page's requests
@pytest.mark.parametrize("path", ["search/?q=%E6%B6%91%E6%B0%B4", f"{RID}/s2-1/", "en/"])
def test_a_page_names_every_script_module_it_runs_in_its_head_so_none_is_found_an_import_late(page, path):
    """Every module the page's scripts import (through any depth) is a modulepreload link in the head,
    so the browser asks for all of them at once; and nothing is preloaded that the page does not run."""
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url.split("?")[0]) if r.resource_type == "script" else None)
    page.goto(page.base + path)
    page.wait_for_load_state("networkidle")
    named = page.eval_on_selector_all("script[type=module][src], link[rel=modulepreload]",
                                      "els => els.map(e => (e.src || e.href).split('?')[0])")
    assert len(named) == len(set(named)) and len(named) > 3
    assert sorted(set(fetched)) == sorted(named)
