"""The search page keeps still while results arrive: its cumulative layout shift, measured by the
browser's own PerformanceObserver, stays within 0.1 (what Lighthouse and Core Web Vitals call good)."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from .conftest import guarded_context

CLS_GOOD = 0.1
# Every layout shift the page makes, including those before this script runs (buffered), that no
# recent input caused: what Chromium's Cumulative Layout Shift adds up.
OBSERVE = """() => {
  window.__shifts = [];
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      if (!entry.hadRecentInput) window.__shifts.push(entry.value);
    }
  }).observe({type: "layout-shift", buffered: true});
}"""


def layout_shift(browser, url: str, base: str, width: int) -> float:
    with guarded_context(browser, base, viewport={"width": width, "height": 800}) as context:
        page = context.new_page()
        page.goto(url)
        page.evaluate(OBSERVE)
        page.wait_for_function("() => document.querySelectorAll('#results .hit').length > 0", polling=10)
        page.wait_for_timeout(500)  # the last shifts are reported after the frame that made them
        return page.evaluate("window.__shifts.reduce((a, b) => a + b, 0)")


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("prefix, query", [("", "项目"), ("zh-hant/", "水"), ("en/", "investment")])
def test_results_arriving_on_a_search_page_opened_with_a_query_do_not_shift_the_layout(browser, served_site, width, prefix, query):
    site, base = served_site
    assert layout_shift(browser, f"{base}{prefix}search/?q={quote(query)}", base, width) <= CLS_GOOD

