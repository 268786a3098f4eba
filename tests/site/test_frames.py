"""Page frames: a page made from its shape's frame is the page its template renders whole, whatever the layout does."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportsite.site import render
from reportsite.site.build import render_site

from .conftest import copy_project

pytestmark = pytest.mark.warm_cache  # builds the project: its cache comes warm (tests/conftest.py)

BASE = "http://127.0.0.1:8000/"


def _pages(project: Path, monkeypatch, framed: bool, reused: bool = True) -> dict[str, bytes]:
    with monkeypatch.context() as m:
        if not framed:
            m.setattr(render, "make_frame", lambda *args: None)
        if not reused:  # every paragraph and breadcrumb trail rendered afresh where it appears
            m.setattr(render, "_memoize_macros", lambda env: None)
        tree, _, _ = render_site(project / "content", project / "templates", project / "static", base_url=BASE)
    return {path: data for path, data in tree.files.items() if path.endswith(".html")}


def _differing(project: Path, monkeypatch) -> list[str]:
    framed, whole = _pages(project, monkeypatch, True), _pages(project, monkeypatch, False)
    assert framed.keys() == whole.keys()
    return [path for path in framed if framed[path] != whole[path]]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("frames"))


def test_every_page_of_the_seed_made_from_frames_equals_the_page_rendered_whole(project, monkeypatch):
    assert _differing(project, monkeypatch) == []


def test_every_page_made_from_frames_and_reused_paragraphs_and_crumbs_equals_one_rendered_with_nothing_reused(tmp_path, monkeypatch):
    project = copy_project(tmp_path)
    # Nothing reused first: the macros are wrapped for reuse in place, once per templates folder.
    whole = _pages(project, monkeypatch, False, reused=False)
    made = _pages(project, monkeypatch, True)
    assert made.keys() == whole.keys() and [path for path in made if made[path] != whole[path]] == []


def test_pages_are_made_from_frames_and_most_pages_share_one(project, monkeypatch):
    made = []
    real = render.make_frame
    monkeypatch.setattr(render, "make_frame", lambda *args: made.append(args[0].name) or real(*args))
    _, stats, _ = render_site(project / "content", project / "templates", project / "static", base_url=BASE)
    assert 0 < len(made) < stats.pages / 5


# Layouts that do with a per-page value what one frame for many pages could not reproduce.
LAYOUT_EDITS = {
    "measures the description": ('<meta name="description" content="{{ page.description }}">',
                                 '<meta name="description" content="{{ page.description }}" data-long="{{ page.description | length > 40 }}">'),
    "transforms the title": ("<title>{{ page.title }}</title>", "<title>{{ page.title | upper }}</title>"),
    "compares the address": ('<link rel="canonical" href="{{ canonical }}">',
                             '<link rel="canonical" href="{{ canonical }}">{% if page.key == "" %}<meta name="home">{% endif %}'),
    "encodes the address": ('<link rel="canonical" href="{{ canonical }}">',
                            '<link rel="canonical" href="{{ canonical }}"><meta name="share" content="{{ canonical | urlencode }}">'),
    "cuts the title": ("<title>{{ page.title }}</title>", "<title>{{ page.title[:12] }}</title>"),
    "tests the title": ("<title>{{ page.title }}</title>", "<title>{% if page.title %}{{ page.title }}{% else %}-{% endif %}</title>"),
    "keeps a value at the top of a page template": None,
}


@pytest.mark.parametrize("edit", LAYOUT_EDITS)
def test_a_layout_that_uses_a_per_page_value_beyond_printing_it_still_gets_every_page_right(edit, tmp_path, monkeypatch):
    project = copy_project(tmp_path)
    if LAYOUT_EDITS[edit] is None:
        target = project / "templates" / "target.html"
        text = target.read_text(encoding="utf-8").replace("{% block main %}", "{% set shown = page.title %}\n{% block main %}", 1)
        target.write_text(text.replace("<h1>{{ target.indicator }}</h1>", "<h1>{{ target.indicator }}</h1><p>{{ shown }}</p>"), encoding="utf-8")
    else:
        old, new = LAYOUT_EDITS[edit]
        base = project / "templates" / "base.html"
        text = base.read_text(encoding="utf-8")
        assert old in text
        base.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert _differing(project, monkeypatch) == []


MARKER_PAYLOAD = '\ue000jsonld\ue001" http-equiv="refresh" content="0;url=https://evil.example/'


def test_frame_markers_in_a_title_and_a_note_inject_nothing_even_past_the_content_check(tmp_path, monkeypatch):
    """The content check refuses private-use characters; were it bypassed, a report title and an
    about note holding a frame's marker still come out as text, on every page, as rendered whole."""
    import re
    import shutil

    import yaml

    from reportsite.content import reader

    monkeypatch.setattr(reader, "_PRIVATE_USE", re.compile("(?!)"), raising=False)
    project = copy_project(tmp_path)
    # A second report, after the seed: the seed's pages are the first of each template made from frames.
    folder = project / "content" / "reports" / "zz-2022"
    shutil.copytree(project / "content" / "reports" / "jiangxian-2022", folder)
    report = folder / "report.yaml"
    data = yaml.safe_load(report.read_text(encoding="utf-8"))
    data["id"] = "zz-2022"
    data["title"] += MARKER_PAYLOAD
    report.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for note in ("about.md", "about.en.md"):
        (folder / note).write_text((folder / note).read_text(encoding="utf-8") + f"\n{MARKER_PAYLOAD}\n", encoding="utf-8")
    framed = _pages(project, monkeypatch, True)
    assert [path for path, html in framed.items() if b'http-equiv="refresh"' in html] == []
    whole = _pages(project, monkeypatch, False)
    assert [path for path in framed if framed[path] != whole[path]] == []
