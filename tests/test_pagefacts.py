"""The one-pass reader of pages that the site-wide checks use (tests/pagefacts.py) reads what
BeautifulSoup's selectors read, on a page made to hold every case."""

from __future__ import annotations

from bs4 import BeautifulSoup

from .pagefacts import page_facts

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A &amp; B</title>
<meta name="description" content="d &quot;x&quot;"><meta property="og:site_name" content="S">
<meta property="og:site_name" content="T"><meta name="empty">
<link rel="canonical" href="https://example.org/a/"><link rel="icon" href="/i.svg" type="image/svg+xml">
<link rel="stylesheet" href="https://elsewhere.org/s.css"><link rel="alternate stylesheet" href="/alt.css">
<script src="/a.js" type="module"></script><script type="application/ld+json">{"@context": "https://schema.org"}</script>
</head><body><h1 id="outside">not in main</h1><nav><a href="#top" id="top">top</a></nav>
<main><h1>One</h1><section id="s1"><h2>Two</h2><h4>Four</h4><a href="/x/?a=1&amp;b=2">x</a><a>no href</a>
<img src="/p.png" alt=""><img alt="none"><iframe src="https://elsewhere.org/f"></iframe><h6>six</h6></section></main>
<h2>after main</h2><script>inline()</script><meta name="late" content="body"><link rel="canonical" href="https://example.org/b/">
<svg><title>svg title</title></svg><a href="#s1">s1</a></body></html>"""


def test_each_fact_is_what_beautifulsoups_selectors_find():
    facts, soup = page_facts(PAGE), BeautifulSoup(PAGE, "html.parser")
    assert facts.lang == soup.html["lang"] == "en"
    assert facts.title == soup.title.get_text() == "A & B"
    assert facts.ids == {el["id"] for el in soup.select("[id]")} == {"outside", "top", "s1"}
    assert facts.links == [a["href"] for a in soup.select("a[href]")] == ["#top", "/x/?a=1&b=2", "#s1"]
    assert facts.headings == [int(h.name[1]) for h in soup.select("main h1, main h2, main h3, main h4, main h5")] == [1, 2, 4]
    assert facts.canonical == [link["href"] for link in soup.select('link[rel="canonical"]')] == [
        "https://example.org/a/", "https://example.org/b/"]
    assert facts.meta == {m.get("property") or m.get("name"): m.get("content") for m in soup.select("meta[content]")}
    assert facts.meta["description"] == 'd "x"' and facts.meta["late"] == "body"
    assert facts.head_meta == {"description": ['d "x"'], "og:site_name": ["S", "T"], "empty": [""]}
    assert facts.resources == [el.get("src") or el.get("href") for el in soup.select(
        "script[src], link[rel=stylesheet], img[src], iframe, link[rel=icon]")]
    assert sorted(facts.resources) == sorted(["/i.svg", "https://elsewhere.org/s.css", "/a.js", "/p.png", "https://elsewhere.org/f"])
    assert facts.inline_scripts == len(soup.select("script:not([src]):not([type='application/ld+json'])")) == 1
    assert facts.json_ld == ['{"@context": "https://schema.org"}']
    assert facts.head_link("icon") == {"rel": "icon", "href": "/i.svg", "type": "image/svg+xml"}
    assert facts.head_link("icon", "text/css") is None and facts.head_link("manifest") is None
    assert [link["href"] for link in facts.head_links] == ["https://example.org/a/", "/i.svg", "https://elsewhere.org/s.css", "/alt.css"]
