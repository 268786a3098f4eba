"""Rebuilding after edits: edits show, mistakes leave the site alone, builds are repeatable, serve reloads."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from reportsite.site.build import render_site
from reportsite.errors import ContentErrors
from reportsite.site.output import recover

from ..helpers import run_build_py, tree_digest
from .conftest import ROOT, build, copy_project, free_port, interruptible

pytestmark = pytest.mark.warm_cache  # builds the project: its cache comes warm (tests/conftest.py)

RID = "jiangxian-2022"
PART2 = Path("content/reports/jiangxian-2022/parts/part2.yaml")


def run_cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    return run_build_py(*args, cwd=project, timeout=120)


def replace_line(path: Path, index: int, text: str) -> None:
    """Put a mistake on one line of a file, as an editor might."""
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[index] = text
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path)


def test_an_edit_shows_up_after_a_rebuild(project):
    build(project, project / "site")
    part = project / PART2
    part.write_text(part.read_text(encoding="utf-8").replace("新建5G基站132座", "新建5G基站150座"), encoding="utf-8")
    build(project, project / "site")
    page = (project / "site" / RID / "s2-1" / "index.html").read_text(encoding="utf-8")
    assert "新建5G基站150座" in page and "新建5G基站132座" not in page


def test_two_builds_of_the_same_content_are_byte_identical(project):
    build(project, project / "a")
    build(project, project / "b")
    assert tree_digest(project / "a") == tree_digest(project / "b")


def test_broken_yaml_names_file_and_line_and_leaves_the_previous_site(project):
    assert run_cli(project).returncode == 0
    before = tree_digest(project / "site")
    replace_line(project / PART2, 5, "  text: [unclosed")
    result = run_cli(project)
    assert result.returncode == 1
    assert "content/reports/jiangxian-2022/parts/part2.yaml:" in result.stderr
    assert "YAML syntax" in result.stderr and "nothing was written" in result.stderr
    assert tree_digest(project / "site") == before


def test_every_content_problem_is_reported_not_just_the_first(project):
    part = project / PART2
    text = part.read_text(encoding="utf-8").replace("id: s2-1-p2", "id: s2-1-p1", 1).replace("number: 3", "number: three", 1)
    part.write_text(text, encoding="utf-8")
    result = run_cli(project)
    assert result.returncode == 1
    assert "duplicate ID 's2-1-p1'" in result.stderr
    assert "expected a whole number, got 'three'" in result.stderr


def test_broken_template_names_file_and_line_and_leaves_the_previous_site(project):
    assert run_cli(project).returncode == 0
    before = tree_digest(project / "site")
    replace_line(project / "templates" / "target.html", 3, "<h1>{{ target.indicator </h1>")
    result = run_cli(project)
    assert result.returncode == 1
    assert "templates/target.html:4: template syntax:" in result.stderr
    assert tree_digest(project / "site") == before


def test_a_template_naming_an_unknown_value_fails_with_its_line(project):
    template = project / "templates" / "list.html"
    text = template.read_text(encoding="utf-8").replace("{{ list.title }}", "{{ list.title }}{{ no_such_value }}", 1)
    template.write_text(text, encoding="utf-8")
    with pytest.raises(ContentErrors) as error:
        render_site(project / "content", project / "templates", project / "static")
    assert "templates/list.html:3: template error: 'no_such_value' is undefined" in str(error.value)


def killed_at(project: Path, step: str, fallback: bool = False) -> None:
    """Build `project` in a process that stops at `step` of the swap (REPORTSITE_PAUSE), then kill it
    there. With `fallback`, the build swaps as on a system without an atomic exchange of folders."""
    flag = project.parent / f"paused-{step}"
    code = ("import sys; from reportsite.site import output; " + ("output.exchange = lambda a, b: False; " if fallback else "")
            + "from reportsite.cli import main; sys.exit(main([]))")
    env = {**os.environ, "REPORTSITE_PAUSE": f"{step}:{flag}", "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-c", code], cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while not flag.exists():
            assert process.poll() is None, f"the build ended before the {step} step: {process.stderr.read()}"
            assert time.monotonic() < deadline, f"the build did not reach the {step} step"
            time.sleep(0.05)
    finally:
        process.kill()
        process.wait()
        process.stderr.close()


def edited(project: Path) -> None:
    part = project / PART2
    part.write_text(part.read_text(encoding="utf-8").replace("新建5G基站132座", "新建5G基站140座"), encoding="utf-8")


def page_text(project: Path) -> str:
    return (project / "site" / RID / "s2-1" / "index.html").read_text(encoding="utf-8")


def leftovers(project: Path) -> list[str]:
    return sorted(p.name.split("-")[0] for p in project.iterdir() if p.name.startswith(".site."))


@pytest.mark.parametrize("step, site_shows, left", [("swap", "132座", [".site.new"]), ("swapped", "140座", [".site.new"])])
def test_a_build_killed_at_the_swap_leaves_one_whole_site_and_the_next_build_cleans_up(project, step, site_shows, left):
    assert run_cli(project).returncode == 0
    before = tree_digest(project / "site")
    edited(project)
    killed_at(project, step)
    if step == "swap":
        assert tree_digest(project / "site") == before  # the new site was complete but not yet in place
    assert site_shows in page_text(project)
    assert leftovers(project) == left  # the dead build's staging folder (after the swap: the old site)
    assert run_cli(project).returncode == 0
    assert "140座" in page_text(project) and leftovers(project) == []


def test_a_build_killed_between_the_two_renames_of_a_swap_gets_the_previous_site_back(project):
    assert run_cli(project).returncode == 0
    before = tree_digest(project / "site")
    edited(project)
    killed_at(project, "aside", fallback=True)
    assert not (project / "site").exists() and leftovers(project) == [".site.new", ".site.old"]
    recover(project / "site")
    assert tree_digest(project / "site") == before and leftovers(project) == []


def test_a_published_id_cannot_silently_disappear(project):
    build(project, project / "site")
    part = project / PART2
    text = part.read_text(encoding="utf-8")
    part.write_text(text.replace("- id: s2-1-p6\n", "- id: s2-1-p60\n", 1), encoding="utf-8")
    english = project / "content/reports/jiangxian-2022/en.yaml"
    english.write_text(english.read_text(encoding="utf-8").replace("  s2-1-p6:\n", "  s2-1-p60:\n", 1), encoding="utf-8")
    with pytest.raises(ContentErrors) as error:
        build(project, project / "site")
    assert "published ID 's2-1-p6' is gone from the content" in str(error.value)
    report = project / "content/reports/jiangxian-2022/report.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("retired: {}", "retired:\n  s2-1-p6: s2-1-p60"), encoding="utf-8")
    build(project, project / "site")
    moved = (project / "site" / RID / "p" / "s2-1-p6" / "index.html").read_text(encoding="utf-8")
    assert 'href="/jiangxian-2022/p/s2-1-p60/"' in moved
    section = (project / "site" / RID / "s2-1" / "index.html").read_text(encoding="utf-8")
    assert 'id="s2-1-p6"' in section and 'id="s2-1-p60"' in section  # the old anchor still lands


def test_serve_rebuilds_and_reports_errors_on_a_real_server(project):
    port = free_port()
    server = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--port", str(port)], cwd=project,
                              preexec_fn=interruptible, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        def get(path: str) -> str:
            with urllib.request.urlopen(base + path, timeout=5) as response:
                return response.read().decode("utf-8")

        deadline = time.time() + 30
        while True:
            try:
                page = get(f"{RID}/s2-1/")
                break
            except OSError:
                assert time.time() < deadline, "serve did not start"
                time.sleep(0.2)
        assert "新建5G基站132座" in page and "/__dev.js" in page
        part = project / PART2
        part.write_text(part.read_text(encoding="utf-8").replace("新建5G基站132座", "新建5G基站160座"), encoding="utf-8")
        deadline = time.time() + 20
        while "新建5G基站160座" not in get(f"{RID}/s2-1/"):
            assert time.time() < deadline, "serve did not rebuild after the edit"
            time.sleep(0.2)
        part.write_text("id: [broken\n", encoding="utf-8")
        deadline = time.time() + 20
        while '"errors": []' in get("__status"):
            assert time.time() < deadline, "serve did not report the broken file"
            time.sleep(0.2)
        status = get("__status")
        assert "parts/part2.yaml:" in status and "YAML syntax" in status
        assert "新建5G基站160座" in get(f"{RID}/s2-1/")  # the last good site is still served
        with pytest.raises(urllib.error.HTTPError) as missing:
            get("..%2f..%2fetc/passwd")
        assert missing.value.code == 404
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
