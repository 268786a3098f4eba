"""What only a browser shows: copy controls, filters, search, language switch, layout, accessibility."""

from __future__ import annotations

import re

import pytest

from .conftest import AXE_PATH, ROOT, guarded_context, read_with, settle

RID = "jiangxian-2022"

PAGE_TYPES = ["", f"{RID}/", f"{RID}/text/", f"{RID}/part2/", f"{RID}/s2-1/", f"{RID}/p/s2-1-p1/", f"{RID}/p/t1/",
              f"{RID}/targets/", f"{RID}/lists/l1/", f"{RID}/about/", f"{RID}/glossary/", f"{RID}/bilingual/", "search/?q=%E6%B6%91%E6%B0%B4", "404.html",
              f"{RID}/p/t46/", "places/jiangxian/"]


def axe_violations(page) -> list:
    page.add_script_tag(url=page.base + AXE_PATH)
    return page.evaluate("""async () => {
        const result = await axe.run(document, {resultTypes: ['violations']});
        return result.violations.map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
    }""")


@pytest.mark.parametrize("prefix", ["", "en/", "zh-hant/"])
@pytest.mark.parametrize("path", PAGE_TYPES)
def test_axe_finds_no_accessibility_violations(reading_page, prefix, path):
    reading_page.goto(reading_page.base + prefix + path)
    settle(reading_page)
    assert axe_violations(reading_page) == []


def test_the_browser_opens_only_the_pages_a_test_opens(page, browser):
    """No page of Chromium's own (its omnibox pop-ups, say) loads in a test's window, and no renderer
    waits beside the test's page (a spare one): each would take a renderer's CPU in every context of
    the run (CHROMIUM_ARGS)."""
    page.goto(page.base)
    mine = page.context.new_cdp_session(page).send("Target.getTargetInfo")["targetInfo"]["browserContextId"]
    session = browser.new_browser_cdp_session()
    try:
        targets = session.send("Target.getTargets", {"filter": [{}]})["targetInfos"]
        processes = session.send("SystemInfo.getProcessInfo")["processInfo"]
    finally:
        session.detach()
    # Other contexts of the worker may be open (a module's reading page): this test's window is its own.
    urls = [t["url"] for t in targets if t.get("browserContextId") == mine]
    assert urls and all(url.startswith(page.base) for url in urls), urls
    pages = [t for t in targets if t["type"] == "page"]
    assert len([p for p in processes if p["type"] == "renderer"]) == len(pages), processes


def test_copy_link_copies_the_paragraphs_own_page_and_says_so_on_the_button(page, browser):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(page.base + f"{RID}/s2-1/")
    button = page.locator("#s2-1-p1 [data-copy]").first
    button.focus()
    page.wait_for_function("b => getComputedStyle(b.closest('.share')).opacity === '1'", arg=button.element_handle())  # visible on keyboard focus
    button.press("Enter")
    page.wait_for_function("b => b.hasAttribute('data-copied')", arg=button.element_handle())
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.base + f"{RID}/p/s2-1-p1/"
    assert "已复制" in button.inner_text()


def test_copy_citation_names_issuer_title_date_section_paragraph_site_link_and_access_date(page):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(page.base + f"{RID}/p/s2-1-p1/")
    page.locator("#s2-1-p1 [data-copy]").nth(1).click()
    citation = page.evaluate("navigator.clipboard.readText()")
    today = page.evaluate("new Intl.DateTimeFormat('zh-Hans', {year: 'numeric', month: 'long', day: 'numeric'}).format(new Date())")
    assert citation.startswith("绛县人民政府《2022年绛县政府工作报告》（2022年1月26日），第二部分第一节“聚焦项目为王，全力扩大有效投资”，第")
    assert citation.endswith(f"段。政府工作报告浏览，{page.base}{RID}/p/s2-1-p1/，{today}访问。")


def test_english_citation_says_the_translation_is_unofficial(page):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(page.base + f"en/{RID}/s2-1/")
    page.locator("#s2-1-p1 [data-copy]").nth(1).click()
    citation = page.evaluate("navigator.clipboard.readText()")
    today = page.evaluate("new Intl.DateTimeFormat('en', {year: 'numeric', month: 'long', day: 'numeric'}).format(new Date())")
    assert citation.startswith("Jiang County People's Government, “Report on the Work of the Government of Jiang County, 2022” (January 26, 2022), Part II §1 “")
    assert ", unofficial translation version 1.1 (December 5, 2026), Government Work Reports Explorer, " in citation
    assert citation.endswith(f"en/{RID}/p/s2-1-p1/, accessed {today}")
    assert "，" not in citation and "。" not in citation


def test_copy_controls_stay_hidden_without_javascript(page_at):
    pg = page_at({"width": 1280, "height": 720}, java_script_enabled=False)
    pg.goto(pg.base + f"{RID}/s2-1/")
    assert pg.locator("[data-share]").first.is_hidden()
    assert "一要" in pg.locator("#s2-1-p1").inner_text()


def test_targets_filter_by_query_string_and_updates_the_url(page):
    page.goto(page.base + f"{RID}/targets/?kind=indicator")
    visible = page.locator(".targets-table tbody tr:visible")
    assert visible.count() == 8
    assert page.locator("select[name=kind]").input_value() == "indicator"
    page.select_option("select[name=kind]", "list-item")
    assert page.locator(".targets-table tbody tr:visible").count() == 10
    assert "kind=list-item" in page.url
    page.select_option("select[name=section]", "s2-7")
    assert page.locator(".targets-table tbody tr:visible").count() == 0
    page.goto(page.base + f"{RID}/targets/?section=s2-1&status=not-yet-due")
    rows = page.locator(".targets-table tbody tr:visible")
    assert rows.count() > 0
    assert all(r.get_attribute("data-section") == "s2-1" for r in rows.all())


def test_language_switch_from_a_deep_link_lands_on_the_same_paragraph(page):
    page.goto(page.base + f"{RID}/s2-1/#s2-1-p3")
    page.click('nav.langs a[hreflang="en"]')
    page.wait_for_url(f"**/en/{RID}/s2-1/#s2-1-p3")
    assert page.locator("#s2-1-p3").is_visible()
    page.click('nav.langs a[hreflang="zh-Hant"]')
    page.wait_for_url(f"**/zh-hant/{RID}/s2-1/#s2-1-p3")
    assert "抓實關鍵民生項目" in page.locator("#s2-1-p3").inner_text()


def test_layout_fits_a_360_pixel_screen(page_at):
    pg = page_at({"width": 360, "height": 740})
    for path in (f"{RID}/", f"{RID}/text/", f"{RID}/targets/", f"en/{RID}/text/"):
        pg.goto(pg.base + path)
        assert pg.evaluate("document.documentElement.scrollWidth") <= 360, path


def test_print_shows_paragraph_numbers_and_the_page_url(page):
    page.goto(page.base + f"{RID}/s2-1/")
    page.emulate_media(media="print")
    assert page.locator(".print-url").is_visible()
    assert page.evaluate("getComputedStyle(document.querySelector('.pnum'), '::before').content") == '"¶"'
    assert page.locator(".site-header").is_hidden()


@pytest.mark.parametrize("path", ["no-such-page", f"{RID}/s9-9/", f"en/{RID}/p/gone/"])
def test_404_page_works_at_any_unknown_path(new_context, served_site, path):
    """Served at the address that was not found, however deep, its styles and search form still work."""
    page = new_context(allow_console=(r"status of 404",)).new_page()
    response = page.goto(served_site[1] + path)
    assert response.status == 404
    assert page.locator("h1").inner_text() == "页面不存在"
    sheets = page.evaluate("[...document.querySelectorAll('link[rel=stylesheet]')].map(l => l.sheet ? l.sheet.cssRules.length : 0)")
    assert sheets and all(sheets), f"a stylesheet did not load at {path}"
    page.fill("#nf-q", "涑水")
    page.locator("main form[role=search] button").click()
    page.wait_for_url(served_site[1] + "search/?q=*")
    assert page.locator("#q").input_value() == "涑水"


def test_the_targets_table_is_a_list_of_cards_on_a_phone(page_at):
    """At 390 px no cell is squeezed to a letter a line and no row grows into a tower: each target is a card."""
    pg = page_at({"width": 390, "height": 844})
    for path in (f"{RID}/targets/", f"en/{RID}/targets/"):
        pg.goto(pg.base + path)
        sizes = pg.evaluate("""() => [...document.querySelectorAll('.targets-table tbody tr')].map(tr => ({
            height: tr.getBoundingClientRect().height,
            narrowest: Math.min(...[...tr.querySelectorAll('td')].filter(td => td.textContent.trim())
                                    .map(td => td.getBoundingClientRect().width))}))""")
        assert sizes and max(s["height"] for s in sizes) < 250, path
        assert min(s["narrowest"] for s in sizes) > 200, path
        assert pg.evaluate("document.documentElement.scrollWidth") <= 390, path


def test_a_guarded_context_refuses_other_hosts_and_fails_the_test_that_asked(browser, served_site):
    base = served_site[1]
    elsewhere = ["https://elsewhere.example/x.js", "http://203.0.113.9/x.js"]  # a name, and an address
    with pytest.raises(AssertionError, match=re.escape(f"requests to other hosts: {elsewhere}")):
        with guarded_context(browser, base, allow_console=("ERR_NAME_NOT_RESOLVED",), bypass_csp=True) as context:
            page = context.new_page()
            failed = {}
            page.on("requestfailed", lambda r: failed.setdefault(r.url, r.failure))
            page.goto(base + f"{RID}/")
            assert page.evaluate("fetch('/sitemap.xml').then((r) => r.status)") == 200  # the server's own: let through
            for url in elsewhere:
                assert page.evaluate(f"fetch('{url}').then(() => 'fetched', () => 'refused')") == "refused"
            # Refused by the browser before any connection, the address too: none leaves the machine.
            assert failed == {url: "net::ERR_NAME_NOT_RESOLVED" for url in elsewhere}


def test_a_shared_page_is_handed_on_as_a_fresh_one_would_be(reading_pages, served_site):
    """What one test does to the module's shared page does not reach the next: its route, permission,
    print media, viewport or hovering; and what would outlive it (a listener) is refused."""
    steps = read_with(reading_pages(served_site[1]))
    page = next(steps)
    fresh = page.viewport_size
    page.context.grant_permissions(["clipboard-read"])
    page.route("**/*.css*", lambda route: route.fulfill(body="", content_type="text/css"))  # an empty style sheet
    page.context.route("**/*.js*", lambda route: route.fulfill(body="", content_type="text/javascript"))  # no script
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 400, "height": 500})
    page.goto(page.base + f"{RID}/")
    page.hover("h1")
    for listen in (page.on, page.context.on):
        with pytest.raises(pytest.fail.Exception, match="fresh_page"):
            listen("request", print)
    with pytest.raises(StopIteration):
        next(steps)  # the test's teardown
    steps = read_with(reading_pages(served_site[1]))
    assert next(steps) is page and page.url == "about:blank"
    page.goto(page.base + f"{RID}/")
    assert page.evaluate("document.styleSheets[0].cssRules.length") > 0
    page.goto(page.base + f"{RID}/s2-1/")
    page.wait_for_function("() => !document.querySelector('[data-share]').hidden")  # the site's script ran
    assert not page.evaluate("matchMedia('print').matches") and page.viewport_size == fresh
    assert page.evaluate("document.querySelectorAll(':hover').length") == 0
    assert page.evaluate("navigator.permissions.query({name: 'clipboard-read'}).then(p => p.state)") != "granted"
    with pytest.raises(StopIteration):
        next(steps)


@pytest.mark.parametrize("way", ["new_context", "new_page"])
def test_a_test_cannot_open_a_context_without_the_guard(browser, way):
    with pytest.raises(pytest.fail.Exception, match="without the guard"):
        getattr(browser, way)()


def test_a_reading_page_fails_the_test_whose_page_threw_and_is_clean_for_the_next(reading_pages, served_site):
    steps = read_with(reading_pages(served_site[1], bypass_csp=True))
    page = next(steps)
    page.goto(page.base + f"{RID}/")
    with page.expect_event("pageerror"):
        page.evaluate("setTimeout(() => { throw new Error('thrown by this test'); })")
    with pytest.raises(AssertionError, match="thrown by this test"):
        next(steps)  # the test's teardown
    assert page.url == "about:blank" and page.context.findings == ([], [])


def test_the_site_keeps_nothing_in_the_browser_that_a_reading_page_would_carry_to_the_next_test():
    """reading_pages (conftest.py) serves many tests with one page because no script of the site keeps
    state across pages: no storage, cookie, service worker or IndexedDB."""
    scripts = sorted((ROOT / "static").rglob("*.js"))
    assert len(scripts) > 10
    keeps = re.compile(r"localStorage|sessionStorage|document\.cookie|serviceWorker|indexedDB|caches\.open")
    assert [f.name for f in scripts if keeps.search(f.read_text(encoding="utf-8"))] == []
