"""The Nu Html Checker (the W3C's validator, npm vnu-jar, installed by `make test`) finds no error on
any page type in any language. One checker process for every file: it takes seconds to start."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT
from .test_site_pages import RID

JAVA = Path("/usr/bin/java")
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PAGE_TYPES = ("", f"{RID}/", f"{RID}/text/", f"{RID}/targets/", f"{RID}/about/", f"{RID}/part1/", f"{RID}/s1-1/",
              f"{RID}/p/s1-1-p1/", f"{RID}/p/open-p1/", f"{RID}/p/t1/", f"{RID}/lists/l1/", f"{RID}/bilingual/",
              f"{RID}/glossary/", "search/", "404.html", f"{RID}/p/t46/", "places/jiangxian/")


def checker() -> list[str]:
    missing = [str(p) for p in (JAVA, VNU) if not p.exists()]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{', '.join(missing)} missing: `make test` installs vnu-jar (npm ci), .ci/run installs Java")
        pytest.skip(f"the HTML checker needs {', '.join(missing)} (apt-get install default-jre-headless; npm ci)")
    # The checker runs for seconds, not hours: Java's quick compiler alone (C1) did the same checks in
    # half the CPU time, and its deeper frames need the larger stack the checker itself asks for.
    return [str(JAVA), "-Xss4m", "-XX:TieredStopAtLevel=1", "-jar", str(VNU), "--format", "json", "--also-check-svg"]


def page_files(site: Path) -> list[Path]:
    files = []
    for prefix in ("", "zh-hant/", "en/"):
        for path in PAGE_TYPES:
            file = site / prefix / path
            files.append(file if path.endswith(".html") else file / "index.html")
    return files + [site / "static" / "favicon.svg"]


def vnu_messages(files: list[Path]) -> list[dict]:
    run = subprocess.run(checker() + [str(f) for f in files], capture_output=True, text=True, timeout=600)
    return json.loads(run.stderr or run.stdout)["messages"]


def test_the_html_checker_finds_no_error_on_any_page_type_in_any_language_nor_in_the_icon(site_dir):
    files = page_files(site_dir)
    assert all(f.is_file() for f in files) and len(files) == 3 * len(PAGE_TYPES) + 1
    errors = [f"{m.get('url', '').rsplit('/site/', 1)[-1]}:{m.get('lastLine', 0)}: {m['message']}"
              for m in vnu_messages(files) if m["type"] in ("error", "non-document-error") or m.get("subType") == "fatal"]
    assert errors == []


def test_the_html_checker_would_report_an_empty_form_action(tmp_path):
    page = tmp_path / "page.html"
    page.write_text('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head>'
                    '<body><form action="" method="get"><input name="q"></form></body></html>', encoding="utf-8")
    messages = vnu_messages([page])
    assert any(m["type"] == "error" and "action" in m["message"] for m in messages)
