"""The docs stay true: each how-to page runs as written in a fresh copy of the project, and every link holds.

A how-to page's ```sh blocks are run in order, each with `bash -e`, in a copy of the project where
`python` is this interpreter; every block must exit 0, and every project file the page names in
backticks (`content/reports/…`, `site/…`, `public/…`) must exist afterwards.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from reportsite.script import to_simplified

from .conftest import share_cache

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
HOWTOS = ("adding-a-report.md", "translating.md", "editing.md", "deploying.md")
# Named paths under these roots are files the walk must leave behind (or that ship with the project).
NAMED_ROOTS = ("content/", "site/", "public/", "seeds/", "examples/", "example-site/", "templates/")
# What a copy of the project leaves out: outputs, caches, the environment and the tests themselves.
NOT_COPIED = {".git", ".venv", "node_modules", "site", "example-site", "tests", "bench", ".pytest_cache",
              "__pycache__", ".mutation", "public"}


def sh_blocks(text: str) -> list[str]:
    return re.findall(r"^```sh\n(.*?)^```", text, re.M | re.S)


def named_paths(text: str) -> list[str]:
    """The project paths a page names in backticks, without placeholders or globs."""
    found = []
    for token in re.findall(r"`([^`\s]+)`", text):
        if token.startswith(NAMED_ROOTS) and not re.search(r"[<>*…]", token) and token not in found:
            found.append(token)
    return found


def _ignore(folder: str, names: list[str]) -> set[str]:
    """NOT_COPIED at the project's top only: the package's own `reportsite/site/` is copied (left out,
    the copy would run whatever `reportsite.site` the interpreter finds elsewhere)."""
    if Path(folder).resolve() != ROOT.resolve():
        return {n for n in names if n == "__pycache__"}
    return {n for n in names if n in NOT_COPIED or n.startswith((".site.", ".example-site.", ".cache"))}


@pytest.fixture
def project(tmp_path: Path, seed_cache: Path, example_cache: Path) -> tuple[Path, dict]:
    """A fresh copy of the project, and the environment in which `python` is this interpreter; its
    cache holds what builds of the seed and of the example archive made once a run."""
    for built in (seed_cache, example_cache):
        share_cache(built, tmp_path / "cache")
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=_ignore, symlinks=True)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "python"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    shim.chmod(shim.stat().st_mode | stat.S_IXUSR)
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}", PYTHONPATH=str(copy),
               XDG_CACHE_HOME=str(tmp_path / "cache"))
    return copy, env


def walk(page: str, project: tuple[Path, dict]) -> tuple[Path, list[str]]:
    """Run every sh block of a page in the copy; return the copy and each block's output."""
    copy, env = project
    text = (DOCS / page).read_text(encoding="utf-8")
    blocks = sh_blocks(text)
    assert blocks, f"{page} has no sh block to walk"
    outputs = []
    for block in blocks:
        result = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", block], cwd=copy, env=env,
                                capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, f"{page}: exit {result.returncode} from\n{block}\n{result.stdout}\n{result.stderr}"
        outputs.append(result.stdout + result.stderr)
    named = named_paths(text)
    assert len(named) >= 3, f"{page} names too few files to check: {named}"
    missing = [p for p in named if not (copy / p).exists()]
    assert not missing, f"{page} names files the walk did not leave: {missing}"
    return copy, outputs


def repairs(report: Path) -> list[tuple[str, str, str]]:
    provenance = yaml.safe_load((report / "provenance.yaml").read_text(encoding="utf-8"))
    return [(r["garbled"], r["repaired"], r["verdict"]) for r in provenance["repairs"]]


def same_text(a: Path, b: Path) -> None:
    """Two imports of one raw file: the same parts, paragraphs and targets."""
    assert sorted(p.name for p in (a / "parts").iterdir()) == sorted(p.name for p in (b / "parts").iterdir())
    for part in (a / "parts").iterdir():
        assert part.read_text(encoding="utf-8") == (b / "parts" / part.name).read_text(encoding="utf-8"), part.name
    ids = lambda folder: [t["id"] for t in yaml.safe_load((folder / "targets.yaml").read_text(encoding="utf-8"))["targets"]]
    assert ids(a) == ids(b)


def test_adding_a_report_imports_the_seed_under_a_new_id_with_all_its_repairs(project):
    copy, outputs = walk("adding-a-report.md", project)
    imported, published = copy / "content/reports/jiangxian-copy", copy / "content/reports/jiangxian-2022"
    # `check` right after the import reports no error.
    assert re.search(r"check: 0 error\(s\)", outputs[0]), outputs[0]
    # All 16 repairs of the published report, each verified, and the same text.
    found = repairs(imported)
    assert len(found) == 16 and found == repairs(published)
    assert all(verdict == "verified" for *_, verdict in found)
    same_text(imported, published)
    about = (copy / "site/jiangxian-copy/about/index.html").read_text(encoding="utf-8")
    for garbled, repaired, _ in found:  # as the Simplified page shows a repair: in its script
        assert to_simplified(repaired.strip("，,。")) in about, repaired
    published_ids = (imported / "published-ids.txt").read_text(encoding="utf-8").splitlines()
    assert {"part1-p1", "s2-1", "t9", "l1"} <= set(published_ids)
    # A report of the example archive, imported by the same steps, is the archive's own import.
    assert re.search(r"check: 0 error\(s\)", outputs[2]), outputs[2]
    same_text(copy / "content/reports/qingyuan-2022", copy / "examples/content/reports/qingyuan-2022")
    assert (copy / "site/qingyuan-2022/about/index.html").is_file()
    assert (copy / "example-site/qingyuan-2022/index.html").is_file()


def test_translating_starts_an_en_yaml_that_check_counts_and_the_site_shows(project):
    copy, outputs = walk("translating.md", project)
    assert "qingyuan-2022: English translation 2% (0 reviewed, 1 draft, 51 missing of 52 paragraphs)" in outputs[0], outputs[0]
    assert "qingyuan-2022: English translation 2% (0 reviewed, 1 draft, 51 missing of 52 paragraphs)" in \
        (DOCS / "translating.md").read_text(encoding="utf-8").replace("\n", " ")
    assert "check: 0 error(s)" in outputs[0]
    page = (copy / "site/en/qingyuan-2022/index.html").read_text(encoding="utf-8")
    assert "Report on the Work of the Government of Qingyuan District, 2022" in page


def test_editing_a_target_changes_its_page(project):
    before = (project[0] / "content/reports/jiangxian-2022/targets.yaml").read_text(encoding="utf-8")
    copy, outputs = walk("editing.md", project)
    targets = yaml.safe_load((copy / "content/reports/jiangxian-2022/targets.yaml").read_text(encoding="utf-8"))
    t9 = next(t for t in targets["targets"] if t["id"] == "t9")
    assert t9["status"] == "achieved" and "status: achieved" not in before.split("- id: t9\n")[1].split("- id: t10")[0]
    assert "achieved" in (copy / "site/jiangxian-2022/p/t9/index.html").read_text(encoding="utf-8")


def test_deploying_under_a_sub_path(project):
    copy, _ = walk("deploying.md", project)
    assert "Sitemap: https://example.org/reports/sitemap.xml" in (copy / "public/robots.txt").read_text()
    page = (copy / "public/404.html").read_text(encoding="utf-8")
    local = [h for h in re.findall(r'(?:href|src)="([^"#][^"]*)"', page) if not re.match(r"[a-z]+:", h)]  # not http:, mailto:
    assert local and all(h.startswith("/reports/") for h in local), local
    assert "https://example.org/reports/" in (copy / "public/feed.xml").read_text(encoding="utf-8")


# Links and commands ---------------------------------------------------------------------------


def _slug(heading: str) -> str:
    """A heading's anchor as GitHub makes it."""
    heading = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return heading.replace(" ", "-")


def _pages() -> list[Path]:
    return [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]


@pytest.mark.parametrize("page", _pages(), ids=lambda p: p.name)
def test_every_link_to_a_project_file_resolves(page: Path):
    text = page.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)\s]+)\)", text) + re.findall(r'src="([^"]+)"', text):
        if re.match(r"[a-z]+:", target):
            continue
        path, _, anchor = target.partition("#")
        resolved = (page.parent / path).resolve() if path else page
        assert resolved.exists(), f"{page.name}: {target}"
        if anchor and resolved.suffix == ".md":
            headings = re.findall(r"^#+ (.+)$", resolved.read_text(encoding="utf-8"), re.M)
            assert anchor in {_slug(h) for h in headings}, f"{page.name}: {target}"


def test_the_readme_links_every_docs_page():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"\]\(docs/([\w-]+\.md)", readme))
    assert linked == {p.name for p in DOCS.glob("*.md")}


def test_every_command_the_docs_show_answers_help_with_its_flags():
    shown: dict[str, set[str]] = {}
    for page in DOCS.glob("*.md"):
        text = page.read_text(encoding="utf-8")
        for line in re.findall(r"`(python build\.py[^`]*)`", text) + [l for b in sh_blocks(text) for l in b.splitlines()]:
            match = re.match(r"python build\.py((?: --?[\w-]+(?: \S+)?)*?)(?: (import|check|serve|build)\b(.*))?$", line.strip())
            if not match:
                continue
            command = match.group(2) or "build"
            flags = re.findall(r"(?<!\S)--[a-z-]+", (match.group(1) or "") + " " + (match.group(3) or ""))
            shown.setdefault(command, set()).update(flags)
    assert {"import", "check", "build"} <= set(shown)
    for command, flags in sorted(shown.items()):
        result = subprocess.run([sys.executable, str(ROOT / "build.py"), command, "--help"], capture_output=True, text=True, cwd=ROOT)
        assert result.returncode == 0, result.stderr
        for flag in flags:
            assert flag in result.stdout, f"{command} {flag}"


def test_the_readme_steps_are_commands_a_walked_page_runs():
    """The README's walk-through is the how-to's, word for word, so the walk above proves it too."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8").split("## Quick start", 1)[1].split("## Commands", 1)[1]
    steps = [line.strip() for block in re.findall(r"```sh\n(.*?)```", readme, re.S) for line in block.splitlines() if line.strip()]
    walked = {line.strip() for page in HOWTOS for block in sh_blocks((DOCS / page).read_text(encoding="utf-8")) for line in block.splitlines()}
    assert steps and set(steps) <= walked, set(steps) - walked
    inline = re.findall(r"`(python build\.py [^`]*)`", readme.split("## From a raw report", 1)[1])
    assert inline and set(inline) <= walked, set(inline) - walked
