"""The benchmark's furnished Hugo layout (bench/peers.py) carries the furniture of our pages: the
benchmark says Hugo builds the same pages, and a piece of furniture added to base.html alone would
make that untrue without anyone noticing."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from peers import HUGO_BASEOF, HUGO_FURNISHED_SINGLE, HUGO_PARAMS, HUGO_REPORT_NAV, _toml_params  # noqa: E402

LAYOUT = HUGO_BASEOF + HUGO_FURNISHED_SINGLE + HUGO_REPORT_NAV
PAGE = "jiangxian-2022/p/s2-1-p1/index.html"


def furniture(page: BeautifulSoup) -> set[str]:
    """The head's tags by what they are, and the body's landmarks and controls outside the text."""
    head = page.head
    found = {f'name="{m["name"]}"' for m in head.select("meta[name]")}
    found |= {f'property="{m["property"]}"' for m in head.select("meta[property]")}
    found |= {f'http-equiv="{m["http-equiv"]}"' for m in head.select("meta[http-equiv]")}
    found |= {f'rel="{" ".join(link["rel"])}"' for link in head.select("link[rel]")}
    found |= {f'type="{s["type"]}"' for s in head.select("script[type]")}
    found |= {f'hreflang="{link["hreflang"]}"' for link in head.select('link[rel="alternate"][hreflang="x-default"]')}
    body = page.body
    found |= {f'class="{" ".join(e["class"])}"' for e in body.select("header, nav, footer, form, .print-head, .share, .pager, .skip")}
    found |= {f'id="{e["id"]}"' for e in body.select("main[id], #live-region")}
    return found


def test_the_furnished_layout_makes_every_piece_of_furniture_of_a_paragraph_page(site_dir):
    ours = furniture(BeautifulSoup((site_dir / PAGE).read_text(encoding="utf-8"), "html.parser"))
    assert {'property="og:image"', 'type="application/ld+json"', 'class="crumbs"', 'class="pager"', 'class="share"'} <= ours
    missing = sorted(piece for piece in ours if piece not in LAYOUT)
    assert not missing, f"base.html has furniture the benchmark's Hugo layout lacks: {missing}"


def test_the_furnished_layouts_site_params_are_valid_toml():
    params = tomllib.loads(_toml_params(HUGO_PARAMS))["params"]
    assert [lang["code"] for lang in params["langs"]] == ["zh-Hans", "zh-Hant", "en"]
    assert params["modules"] == HUGO_PARAMS["modules"] and "script-src 'self'" in params["csp"]
