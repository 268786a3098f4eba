"""The link checker: every internal link of a built site must land on a page, and every #anchor on an id."""

from __future__ import annotations

import pytest

from reportsite.site.linkcheck import check_links
from reportsite.site.output import OutputTree

BASE = "https://example.org/reports/"


def messages(pages: dict[str, str]) -> list[str]:
    """What the checker says of a site made of `pages` (path -> what its <main> holds)."""
    tree = OutputTree()
    for path, body in pages.items():
        tree.add(path, f"<!doctype html><main>{body}</main>")
    return [str(e) for e in check_links(tree, BASE)]


def linking(href: str) -> dict[str, str]:
    """A home page holding one link, and a report with one page of text."""
    return {"index.html": f'<h1 id="top">x</h1><a href="{href}">x</a>', "r-2022/index.html": "r",
            "r-2022/text/index.html": '<p id="p1">p</p>'}


@pytest.mark.parametrize("href", ["/reports/r-2022/", "/reports/r-2022/text/#p1", f"{BASE}r-2022/", "#top", "?q=x",
                                  "https://elsewhere.org/missing/", "mailto:x@example.org", "/reports/",
                                  "/reports/r-2022/text/index.html", f"{BASE}r-2022/text/index.html#p1",
                                  "/reports/r-2022/text/#p1:~:text=p", "#:~:text=x"])
def test_a_link_to_a_page_and_anchor_that_exist_passes(href):
    assert messages(linking(href)) == []


@pytest.mark.parametrize("href, shown", [
    ("/reports/r-2022/missing/", "/reports/r-2022/missing/"),
    ("/reports/r-2021/", "/reports/r-2021/"),
    ("/reports/r-2022/text", "/reports/r-2022/text"),  # the folder exists, but no file by that name
    (f"{BASE}nowhere.html", "/reports/nowhere.html"),
    ("/elsewhere/", "/elsewhere/"),
    ("missing/", "missing/"),
])
def test_a_link_to_a_page_that_does_not_exist_is_reported_with_the_page_holding_it(href, shown):
    assert messages(linking(href)) == [f"site/index.html: broken link {shown!r} (a template or an ID in content is wrong)"]


def test_a_link_to_a_missing_anchor_is_reported():
    assert messages(linking("/reports/r-2022/text/#p9")) == [
        "site/index.html: link '/reports/r-2022/text/#p9' names a missing anchor (check the ID)"]


@pytest.mark.parametrize("holder", ['<p data-id="p2">p</p>', '<p data-uid="p2">p</p>', '<p title=\'id="p2"\'>p</p>'])
def test_an_anchor_is_an_id_attribute_not_one_ending_in_id_nor_text_inside_another(holder):
    pages = linking("/reports/r-2022/text/#p2")
    pages["r-2022/text/index.html"] += holder
    assert messages(pages) == ["site/index.html: link '/reports/r-2022/text/#p2' names a missing anchor (check the ID)"]


def test_every_broken_link_of_a_page_is_reported_not_only_those_before_an_outside_one():
    body = ('<a href="https://elsewhere.org/">x</a><a href="/reports/gone/">x</a>'
            '<a href="mailto:x@example.org">x</a><a href="/reports/r-2022/#p9">x</a><a href="/reports/also-gone/">x</a>')
    assert messages({"index.html": body, "r-2022/index.html": "r"}) == [
        "site/index.html: broken link '/reports/gone/' (a template or an ID in content is wrong)",
        "site/index.html: link '/reports/r-2022/#p9' names a missing anchor (check the ID)",
        "site/index.html: broken link '/reports/also-gone/' (a template or an ID in content is wrong)",
    ]
