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

from reportsite.content.report import load_report
from reportsite.errors import ContentErrors, UnsafeOutputPath
from reportsite.site.output import OutputTree

from .conftest import ROOT, build, copy_project, free_port, settle

pytestmark = pytest.mark.warm_cache  # builds the project: its cache comes warm (tests/conftest.py)

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
    english["targets"]["t1"]["indicator"] += EVIL
    english["targets"]["t1"]["text"] += EVIL
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
def test_no_payload_runs_in_a_real_browser(new_context, poisoned, prefix):
    site, base = poisoned
    pg = new_context(base).new_page()
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    paths = ["", f"{RID}/", f"{RID}/text/", f"{RID}/part2/", f"{RID}/s2-1/", f"{RID}/p/s2-1-p1/", f"{RID}/p/open-p1/",
             f"{RID}/p/t1/", f"{RID}/targets/?kind=indicator", f"{RID}/lists/l1/", f"{RID}/about/", f"{RID}/glossary/",
             f"{RID}/bilingual/", "search/?q=" + "%3Cscript%3E", "search/?q=window"]
    for path in paths:
        pg.goto(base + prefix + path)
        settle(pg)
        assert pg.evaluate("window.__pwned") is None, prefix + path
        for link in pg.locator("a[href^='javascript']").all():
            pytest.fail(f"javascript link on {path}: {link.get_attribute('href')}")
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


@pytest.mark.parametrize("path", ["../escape.html", "/etc/passwd", "a/../../b", "", "a\\..\\b", "a\\b", "a\x00b"])
def test_the_build_never_writes_outside_its_output_folder(path):
    with pytest.raises(UnsafeOutputPath, match=f"^refusing to write {re.escape(repr(path))}: it is outside the output folder; nothing was replaced"):
        OutputTree().add(path, "x")


def test_the_build_never_writes_two_things_at_one_path():
    tree = OutputTree()
    tree.add("index.html", "first")
    with pytest.raises(UnsafeOutputPath, match="^refusing to write 'index.html' twice: two pages or files would share it"):
        tree.add("index.html", "second")
    assert tree.files == {"index.html": b"first"}


def test_yaml_written_by_the_import_round_trips_without_loss():
    from reportsite.ingest.store import report_files

    folder = ROOT / "content" / "reports" / RID
    report, errors = load_report(folder, f"content/reports/{RID}")
    assert not errors
    provenance = yaml.safe_load((folder / "provenance.yaml").read_text(encoding="utf-8"))
    for name, text in report_files(report, provenance).items():
        if name != "provenance.yaml":
            assert (folder / name).read_text(encoding="utf-8") == text, name


def test_only_the_files_the_report_is_made_of_are_published_as_its_source(tmp_path):
    project = copy_project(tmp_path)
    folder = project / "content" / "reports" / RID
    secret = tmp_path / "secret.txt"
    secret.write_text("password: hunter2\n", encoding="utf-8")
    (folder / "draft.yaml").write_text("notes: not for publication\n", encoding="utf-8")
    (folder / "corrections.yaml").write_text("corrections: []\n", encoding="utf-8")  # an editor's override
    (folder / "parts" / "notes.yaml").symlink_to(secret)
    (folder / "linked.yaml").symlink_to(secret)
    build(project, project / "site")
    published = sorted(p.relative_to(project / "site" / RID / "source").as_posix() for p in (project / "site" / RID / "source").rglob("*"))
    assert published == ["corrections.yaml", "en.yaml", "glossary.yaml", "parts", "parts/part1.yaml", "parts/part2.yaml",
                         "parts/part3.yaml", "provenance.yaml", "report.yaml", "targets.yaml"]
    assert (project / "site" / RID / "source" / "report.yaml").read_bytes() == (folder / "report.yaml").read_bytes()


def test_a_listed_file_that_is_a_symlink_out_of_the_report_is_never_published(tmp_path):
    from reportsite.site.datafiles import source_files

    project = copy_project(tmp_path)
    folder = project / "content" / "reports" / RID
    report, _ = load_report(folder, f"content/reports/{RID}")
    secret = tmp_path / "secret.yaml"
    secret.write_text("glossary: secret\n", encoding="utf-8")
    (folder / "glossary.yaml").unlink()
    (folder / "glossary.yaml").symlink_to(secret)
    assert folder / "glossary.yaml" not in source_files(folder, report)
    assert folder / "report.yaml" in source_files(folder, report)


def test_the_base_url_is_escaped_or_encoded_wherever_it_is_written(tmp_path):
    from xml.etree import ElementTree

    project = copy_project(tmp_path)
    build(project, project / "site", base_url="https://example.org/a&b/政府/")
    address = "https://example.org/a&b/%E6%94%BF%E5%BA%9C/"
    index = ElementTree.parse(project / "site" / "sitemap.xml").getroot()
    sitemaps = [e.text for e in index.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert sitemaps and all(loc.startswith(address) for loc in sitemaps)
    locs = [e.text for path in ("sitemap-site.xml", f"{RID}/sitemap.xml")
            for e in ElementTree.parse(project / "site" / path).getroot().iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert address in locs and all(loc.startswith(address) for loc in locs)
    assert (project / "site" / "robots.txt").read_text(encoding="utf-8") == f"User-agent: *\nAllow: /\nSitemap: {address}sitemap.xml\n"
    page = BeautifulSoup((project / "site" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find("link", rel="canonical")["href"] == address
    assert page.body["data-base"] == "/a&b/%E6%94%BF%E5%BA%9C/"
    assert json.loads((project / "site" / RID / "report.json").read_text(encoding="utf-8"))["url"] == f"{address}{RID}/"


def test_a_base_url_that_could_break_a_file_is_refused_before_anything_is_written(tmp_path):
    project = copy_project(tmp_path)
    with pytest.raises(ContentErrors) as refused:
        build(project, project / "site", base_url="https://example.org/\nDisallow: /")
    assert [str(e) for e in refused.value.errors] == [
        "--base-url: 'https://example.org/\\nDisallow: /' contains '\\n', which no URL may hold "
        "(write the address the site is published at, e.g. https://example.org/reports/)"
    ]
    assert not (project / "site").exists()


def test_no_id_can_take_the_place_of_a_page_of_the_report(tmp_path):
    from reportsite.content.reader import PAGE_NAMES, SITE_NAMES
    from reportsite.content.ledger import live_ids

    project = copy_project(tmp_path)
    build(project, project / "site")
    report, _ = load_report(project / "content" / "reports" / RID, f"content/reports/{RID}")
    site = project / "site"
    report_pages = {p.name for p in (site / RID).iterdir() if p.is_dir()} - live_ids(report)
    site_pages = {p.name for p in site.iterdir() if p.is_dir()} - {RID}
    assert report_pages <= PAGE_NAMES and site_pages <= SITE_NAMES


@pytest.mark.parametrize("title", ["2022年\u2029绛县政府工作报告", "2022年\r绛县政府工作报告", "报告\x1c\u2028\x85"])
def test_the_share_card_is_drawn_for_any_title(title):
    from dataclasses import replace

    from reportsite.site.datafiles import share_card

    report, _ = load_report(ROOT / "content" / "reports" / RID, f"content/reports/{RID}")
    report = replace(report, meta=replace(report.meta, title=title, occasion=title))
    assert share_card(report).startswith(b"\x89PNG")


def test_compiled_templates_are_cached_in_a_private_folder_of_the_user(tmp_path, monkeypatch):
    import os
    import stat

    from reportsite.site.render import bytecode_folder

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = bytecode_folder()
    assert folder == tmp_path / "cache" / "reportsite" / "jinja"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700 and folder.stat().st_uid == os.getuid()


@pytest.mark.parametrize("planted", ["world-writable", "symlink"])
def test_a_cache_folder_others_could_write_to_is_not_used(tmp_path, monkeypatch, planted):
    from reportsite.site.render import bytecode_folder

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    (tmp_path / "cache" / "reportsite").mkdir(parents=True)
    if planted == "world-writable":
        (tmp_path / "cache" / "reportsite" / "jinja").mkdir(mode=0o777)
        (tmp_path / "cache" / "reportsite" / "jinja").chmod(0o777)
    else:
        (tmp_path / "elsewhere").mkdir(mode=0o700)
        (tmp_path / "cache" / "reportsite" / "jinja").symlink_to(tmp_path / "elsewhere")
    assert bytecode_folder() is None


def test_the_build_keeps_no_code_in_the_shared_temporary_folder(tmp_path, monkeypatch):
    import tempfile

    shared = tmp_path / "tmp"
    shared.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(shared))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    from reportsite.site.render import make_environment

    make_environment.cache_clear()
    project = copy_project(tmp_path / "project")
    build(project, project / "site")
    make_environment.cache_clear()
    assert not [p.name for p in shared.iterdir() if p.name.startswith("reportsite-jinja")]
    assert any((tmp_path / "cache" / "reportsite" / "jinja").iterdir())
