"""Untrusted content: payloads in every field are escaped wherever they land, and none runs in a browser."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from reportsite.content import load_report
from reportsite.output import OutputTree

from .conftest import ROOT, build, copy_project, free_port

RID = "jiangxian-2022"
PAYLOADS = [
    "<script>window.__pwned=1</script>",
    "</script><script>window.__pwned=2</script>",
    '"><img src=x onerror="window.__pwned=3">',
    "'><svg onload=window.__pwned=4>",
    "=HYPERLINK(\"http://evil.example\",\"x\")",
    "{{ 7*7 }}",
]
EVIL = "".join(PAYLOADS)


def _poison(project: Path) -> None:
    folder = project / "content" / "reports" / RID
    report = folder / "report.yaml"
    data = yaml.safe_load(report.read_text(encoding="utf-8"))
    for key in ("title", "occasion", "source", "salutation", "place"):
        data[key] = data[key] + EVIL
    data["opening"][0]["text"] += EVIL
    report.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    part_file = folder / "parts" / "part2.yaml"
    part = yaml.safe_load(part_file.read_text(encoding="utf-8"))
    part["title"] += EVIL
    section = part["sections"][0]
    section["title"] += EVIL
    block = section["paragraphs"][0]["blocks"][0]
    block["lead"] += EVIL
    block["marker"] += EVIL
    block["text"] += EVIL
    part_file.write_text(yaml.safe_dump(part, allow_unicode=True, sort_keys=False), encoding="utf-8")
    targets_file = folder / "targets.yaml"
    targets = yaml.safe_load(targets_file.read_text(encoding="utf-8"))
    for t in targets["targets"][:12]:
        t["indicator"] = PAYLOADS[4] if t["id"] == "t2" else t["indicator"] + EVIL
        t["text"] += EVIL
    targets["targets"][0]["evidence"] = [{"date": "2022-06-01", "note": EVIL + " [x](javascript:window.__pwned=5)", "url": "https://example.org/a?b=1&c=2"}]
    targets["lists"][0]["title"] += EVIL
    targets_file.write_text(yaml.safe_dump(targets, allow_unicode=True, sort_keys=False), encoding="utf-8")
    english_file = folder / "en.yaml"
    english = yaml.safe_load(english_file.read_text(encoding="utf-8"))
    english["meta"]["title"] += EVIL
    english["sections"]["s2-1"] += EVIL
    english["paragraphs"]["open-p1"]["text"] += EVIL
    english["targets"]["t1"] += EVIL
    english_file.write_text(yaml.safe_dump(english, allow_unicode=True, sort_keys=False), encoding="utf-8")
    glossary_file = folder / "glossary.yaml"
    glossary = yaml.safe_load(glossary_file.read_text(encoding="utf-8"))
    for key in ("en", "zh", "explanation"):
        glossary["terms"][0][key] += EVIL
    glossary_file.write_text(yaml.safe_dump(glossary, allow_unicode=True, sort_keys=False), encoding="utf-8")
    provenance_file = folder / "provenance.yaml"
    provenance = yaml.safe_load(provenance_file.read_text(encoding="utf-8"))
    provenance["repairs"][0]["note"] = EVIL
    provenance["repairs"][0]["repaired"] += EVIL
    provenance_file.write_text(yaml.safe_dump(provenance, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (folder / "about.md").write_text(f"# notes\n\n{EVIL}\n\n[click](javascript:window.__pwned=6)\n", encoding="utf-8")


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("poisoned"))
    _poison(project)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    build(project, project / "site", base_url=base)
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(project / "site"))
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield project / "site", base
    server.shutdown()


def test_payloads_are_text_everywhere_in_the_html(poisoned):
    site, _ = poisoned
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 500
    for file in pages:
        html = file.read_text(encoding="utf-8")
        page = BeautifulSoup(html, "html.parser")
        for script in page.find_all("script"):
            assert script.get("src", "").split("?")[0].endswith(("/static/site.js", "/static/search.js")) or script.get("type") == "application/ld+json", f"{file}: {script}"
            if script.get("type") == "application/ld+json":
                json.loads(script.string)
                assert "</script" not in script.string.lower()
        for el in page.find_all(True):
            assert not any(attr.lower().startswith("on") for attr in el.attrs), f"{file}: {el.name} {el.attrs}"
            href = el.get("href", "")
            assert not href.strip().lower().startswith("javascript:"), f"{file}: {href}"
        assert "49" not in page.title.get_text() or "{{ 7*7 }}" in page.title.get_text()


def test_payloads_reach_the_page_as_visible_text(poisoned):
    site, _ = poisoned
    page = BeautifulSoup((site / RID / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "<script>window.__pwned=1</script>" in page.select_one("h1").get_text()
    assert "<script>window.__pwned=1</script>" in page.title.get_text()
    assert EVIL in page.select_one('meta[property="og:title"]')["content"]


def test_csv_defuses_formulas_and_json_keeps_the_text(poisoned):
    site, _ = poisoned
    rows = list(csv.DictReader(io.StringIO((site / RID / "targets.csv").read_text(encoding="utf-8-sig"))))
    t2 = next(r for r in rows if r["id"] == "t2")
    assert t2["indicator"].startswith("'=HYPERLINK")
    data = json.loads((site / RID / "report.json").read_text(encoding="utf-8"))
    assert data["title"].endswith(EVIL)
    index = json.loads((site / RID / "search-index.json").read_text(encoding="utf-8"))
    assert any(EVIL in doc[3] for doc in index["docs"])


@pytest.mark.parametrize("prefix", ["", "en/", "zh-hant/"])
def test_no_payload_runs_in_a_real_browser(browser, poisoned, prefix):
    site, base = poisoned
    context = browser.new_context()
    pg = context.new_page()
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    paths = ["", f"{RID}/", f"{RID}/text/", f"{RID}/part2/", f"{RID}/s2-1/", f"{RID}/p/s2-1-p1/", f"{RID}/p/open-p1/",
             f"{RID}/p/t1/", f"{RID}/targets/?kind=indicator", f"{RID}/lists/l1/", f"{RID}/about/", f"{RID}/glossary/",
             f"{RID}/bilingual/", "search/?q=" + "%3Cscript%3E", "search/?q=window"]
    for path in paths:
        pg.goto(base + prefix + path)
        pg.wait_for_load_state("networkidle")
        assert pg.evaluate("window.__pwned") is None, prefix + path
        for link in pg.locator("a[href^='javascript']").all():
            pytest.fail(f"javascript link on {path}: {link.get_attribute('href')}")
    context.close()
    assert not dialogs


@pytest.mark.parametrize("bad_id, message", [
    ("../../etc", "is not a valid ID"),
    ("s2/1", "is not a valid ID"),
    ("/abs", "is not a valid ID"),
    ("s2-1\x07", "is not a valid ID"),
    ("s2-1\u200b", "is not a valid ID"),
    ("S2-1", "is not a valid ID"),
])
def test_unsafe_ids_are_refused(tmp_path, bad_id, message):
    project = copy_project(tmp_path)
    part_file = project / "content" / "reports" / RID / "parts" / "part2.yaml"
    part = yaml.safe_load(part_file.read_text(encoding="utf-8"))
    part["sections"][0]["id"] = bad_id
    part_file.write_text(yaml.safe_dump(part, allow_unicode=True, sort_keys=False), encoding="utf-8")
    report, errors = load_report(project / "content" / "reports" / RID, f"content/reports/{RID}")
    assert any(message in str(e) and "parts/part2.yaml" in str(e) for e in errors), errors


def test_report_id_and_part_files_cannot_point_outside_the_report(tmp_path):
    project = copy_project(tmp_path)
    report_file = project / "content" / "reports" / RID / "report.yaml"
    text = report_file.read_text(encoding="utf-8").replace(f"id: {RID}", "id: ../../x", 1).replace("- part3.yaml", "- ../../../site.yaml", 1)
    report_file.write_text(text, encoding="utf-8")
    _, errors = load_report(project / "content" / "reports" / RID, f"content/reports/{RID}")
    messages = "\n".join(map(str, errors))
    assert "'../../x' must be the folder name" in messages
    assert "no part file '../../../site.yaml'" in messages


def test_retired_ids_and_urls_are_validated(tmp_path):
    project = copy_project(tmp_path)
    folder = project / "content" / "reports" / RID
    report_file = folder / "report.yaml"
    report_file.write_text(report_file.read_text(encoding="utf-8").replace("retired: {}", "retired:\n  ../x: s2-1-p1"), encoding="utf-8")
    targets_file = folder / "targets.yaml"
    targets = yaml.safe_load(targets_file.read_text(encoding="utf-8"))
    targets["targets"][0]["evidence"] = [{"date": "2022-01-01", "note": "n", "url": "javascript:alert(1)"}]
    targets_file.write_text(yaml.safe_dump(targets, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _, errors = load_report(folder, f"content/reports/{RID}")
    messages = "\n".join(map(str, errors))
    assert "retired.../x: '../x': 's2-1-p1' is not a pair of valid IDs" in messages
    assert "'javascript:alert(1)' is not an http(s) URL" in messages


@pytest.mark.parametrize("path", ["../escape.html", "/etc/passwd", "a/../../b", "", "a\\..\\b"])
def test_the_build_never_writes_outside_its_output_folder(path):
    with pytest.raises(ValueError, match="outside the output folder"):
        OutputTree().add(path, "x")


def test_yaml_written_by_the_import_round_trips_without_loss():
    from reportsite.ingest.store import report_files

    folder = ROOT / "content" / "reports" / RID
    report, errors = load_report(folder, f"content/reports/{RID}")
    assert not errors
    provenance = yaml.safe_load((folder / "provenance.yaml").read_text(encoding="utf-8"))
    for name, text in report_files(report, provenance).items():
        if name != "provenance.yaml":
            assert (folder / name).read_text(encoding="utf-8") == text, name
