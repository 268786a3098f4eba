"""A template that a frame cannot serve is rendered whole, and the build says so and why."""

from __future__ import annotations

import logging

import pytest
from reportsite.site.build import render_site

from .conftest import copy_project

pytestmark = pytest.mark.warm_cache  # builds the project: its cache comes warm (tests/conftest.py)

BASE = "http://127.0.0.1:8000/"


def _warnings(project, caplog) -> list[str]:
    with caplog.at_level(logging.WARNING, logger="reportsite"):
        render_site(project / "content", project / "templates", project / "static", base_url=BASE)
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def test_the_seed_is_made_from_frames_without_a_warning(tmp_path, caplog):
    assert _warnings(copy_project(tmp_path), caplog) == []


def test_a_layout_that_transforms_the_title_is_rendered_whole_with_a_warning_naming_the_template_and_the_cause(tmp_path, caplog):
    project = copy_project(tmp_path)
    base = project / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("<title>{{ page.title }}</title>", "<title>{{ page.title | upper }}</title>", 1),
                    encoding="utf-8")
    warnings = _warnings(project, caplog)
    assert warnings and all(w.startswith("templates/") and "rendered whole" in w for w in warnings)
    assert any("templates/paragraph.html" in w and "per-page value" in w for w in warnings), warnings
