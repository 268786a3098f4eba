"""The output folder: the build replaces only a folder it made itself, or an empty one, and nothing else."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from reportsite.site import build as build_module
from reportsite.cli import main
from reportsite.site import output
from reportsite.site.output import MARKER, recover
from reportsite.site.pages import Page
from tests.helpers import tree_digest
from tests.conftest import SMALL, small_project

# Builds a project of one short report, whose cards come drawn (tests/conftest.py): what is tested
# here is what the build does with folders, the same for any report.
pytestmark = pytest.mark.warm_cache("small")


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A copy of the project as the current folder, with a README and a git folder to protect."""
    root = small_project(tmp_path / "project")
    (root / "README.md").write_text("# readme\n", encoding="utf-8")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def no_writes(monkeypatch):
    """The build fails loudly if it gets as far as writing: a refusal must come before any write."""
    def refuse(*args, **kw):
        raise AssertionError("the build started writing")

    monkeypatch.setattr(build_module, "staging_folder", refuse)
    monkeypatch.setattr(build_module, "commit", refuse)


@pytest.mark.parametrize("out, reason", [
    ("content", "it is the content folder"),
    ("content/reports", "it is inside the content folder"),
    ("templates", "it is the templates folder"),
    ("static", "it is the static folder"),
    (".", "it holds the content folder"),
    ("README.md", "it is a file"),
])
def test_out_at_the_project_its_folders_or_a_file_is_refused_and_nothing_is_touched(project, capsys, out, reason):
    before = tree_digest(project)
    assert main(["--out", out]) == 1
    assert capsys.readouterr().err == (f"error: --out {out}: refusing to replace it: {reason}; nothing was touched "
                                       "(choose a new or empty folder, e.g. site)\n")
    assert tree_digest(project) == before


def test_out_at_the_root_folder_is_refused_before_anything_is_written(project, no_writes, capsys):
    assert main(["--out", "/"]) == 1
    assert capsys.readouterr().err.startswith("error: --out /: refusing to replace it: it is the root folder; nothing was touched")


def test_out_at_the_home_folder_is_refused_and_nothing_is_touched(project, tmp_path, monkeypatch, capsys):
    home = tmp_path / "home"
    (home / "notes").mkdir(parents=True)
    (home / "notes" / "todo.txt").write_text("keep me\n", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    before = tree_digest(home)
    assert main(["--out", str(home)]) == 1
    assert "refusing to replace it: it is the home folder" in capsys.readouterr().err
    assert tree_digest(home) == before


def test_a_folder_the_build_did_not_make_is_refused(project, capsys):
    other = project / "drafts"
    other.mkdir()
    (other / "draft.txt").write_text("mine\n", encoding="utf-8")
    assert main(["--out", "drafts"]) == 1
    assert "it holds files that no build made (a site made by the build has a .reportsite-build file)" in capsys.readouterr().err
    assert tree_digest(other) == {"draft.txt": hashlib.sha256(b"mine\n").hexdigest()}


def test_the_build_replaces_an_empty_folder_and_then_its_own_site(project, capsys):
    (project / "site").mkdir()
    assert main(["--out", "site"]) == 0
    assert (project / "site" / MARKER).is_file()
    (project / "site" / "stale.html").write_text("old", encoding="utf-8")
    assert main(["--out", "site"]) == 0
    assert not (project / "site" / "stale.html").exists()
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []


def test_the_site_is_readable_by_a_web_server_running_as_another_user(project):
    previous = os.umask(0o022)
    try:
        assert main(["--out", "site"]) == 0
    finally:
        os.umask(previous)
    site = project / "site"
    modes = {stat.S_IMODE(p.stat().st_mode) for p in [site, *site.rglob("*")] if p.is_dir()}
    files = {stat.S_IMODE(p.stat().st_mode) for p in site.rglob("*") if p.is_file() and not _linked_card(p)}
    cards = {stat.S_IMODE(p.stat().st_mode) for p in site.rglob("card.png") if _linked_card(p)}
    assert modes == {0o755} and files == {0o644}
    assert cards == {0o444}  # the private cache's files, linked: readable, and written to by nobody


def _linked_card(path) -> bool:
    """A share card linked from the private cache (see reportsite/cache.py)."""
    return path.name == "card.png" and path.stat().st_nlink > 1


def test_a_full_disk_stops_with_one_line_and_the_previous_site_intact(project, monkeypatch, capsys):
    assert main(["--out", "site"]) == 0
    before = tree_digest(project / "site")

    def full(*args, **kw):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(project / "site" / "index.html"))

    monkeypatch.setattr(build_module, "commit", full)
    capsys.readouterr()
    assert main(["--out", "site"]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == (f"error: cannot write the site: {project}/site/index.html: No space left on device; "
                                                        "the previous site in site is intact")
    assert tree_digest(project / "site") == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []


def test_content_given_before_the_out_option_needs_no_build_command(project, tmp_path, capsys):
    content = tmp_path / "elsewhere"
    (project / "content").rename(content)
    assert main(["--content", str(content), "--out", "out"]) == 0
    assert "built " in capsys.readouterr().out
    assert (project / "out" / "index.html").is_file()


def test_a_page_that_would_land_outside_the_site_stops_the_build_with_one_line(project, monkeypatch, capsys):
    assert main(["--out", "site"]) == 0
    before = tree_digest(project)
    site_pages = build_module.site_pages

    def escaping(*args, **kw):
        return site_pages(*args, **kw) + [Page("../escaped/", "404.html", "t", "d")]

    monkeypatch.setattr(build_module, "site_pages", escaping)
    capsys.readouterr()
    assert main(["--out", "site"]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == ("error: refusing to write '../escaped/index.html': it is outside the output folder; "
                                       "nothing was replaced (a template or an ID in content makes this path)")
    assert tree_digest(project) == before


def earlier_site(project: Path) -> Path:
    """A site as the previous version of the build made it: the same files, no marker."""
    assert main(["--out", "site"]) == 0
    (project / "site" / MARKER).unlink()
    return project / "site"


def test_a_site_made_before_the_marker_existed_is_refused_with_the_command_that_removes_it(project, capsys):
    site = earlier_site(project)
    before = tree_digest(site)
    capsys.readouterr()
    assert main(["--out", "site"]) == 1
    assert capsys.readouterr().err == (
        "error: --out site: refusing to replace it: it has no .reportsite-build file, but looks like a site made by an "
        "earlier version of build.py; nothing was touched (if it is one, remove it with `rm -rf -- site` and build again)\n")
    assert tree_digest(site) == before


def test_the_command_to_remove_an_earlier_site_is_quoted_for_the_shell(project, capsys):
    earlier_site(project).rename(project / "old site")
    assert main(["--out", "old site"]) == 1
    assert "remove it with `rm -rf -- 'old site'` and build again" in capsys.readouterr().err


# A report's folder holds YAML under source/ only: tables/ sorts after source/, as a test of order would let through.
@pytest.mark.parametrize("extra", [".git/HEAD", "build.py", "notes.yaml", "en/drafts.yaml", "static/notes.md", "README",
                                   f"{SMALL}/tables/notes.yaml"])
def test_a_folder_with_anything_a_site_never_holds_is_not_called_an_earlier_site(project, capsys, extra):
    site = earlier_site(project)
    (site / extra).parent.mkdir(parents=True, exist_ok=True)
    (site / extra).write_text("mine\n", encoding="utf-8")
    before = tree_digest(site)
    capsys.readouterr()
    assert main(["--out", "site"]) == 1
    err = capsys.readouterr().err
    assert "it holds files that no build made" in err and "rm -rf" not in err
    assert tree_digest(site) == before


def test_a_folder_with_a_symlink_is_not_called_an_earlier_site(project, tmp_path, capsys):
    site = earlier_site(project)
    (site / SMALL / "data.json").symlink_to(tmp_path)
    capsys.readouterr()
    assert main(["--out", "site"]) == 1
    assert "rm -rf" not in capsys.readouterr().err


def _ended_pid() -> int:
    """The id of a process that has ended (and been reaped), so that no process has it for now."""
    child = subprocess.Popen([sys.executable, "-c", ""])
    child.wait()
    return child.pid


def test_recover_removes_only_the_staging_folders_of_builds_that_ended(tmp_path):
    out = tmp_path / "site"
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"]) as running:
        try:
            alive = [tmp_path / f".site.new-{pid}-abc" for pid in (os.getpid(), running.pid, 1)]
            dead = tmp_path / f".site.new-{_ended_pid()}-abc"
            other = tmp_path / ".other.new-99999999-abc"  # another output folder's: not ours to judge
            for folder in (*alive, dead, other):
                folder.mkdir()
                (folder / MARKER).write_text("", encoding="utf-8")  # as the build marks its staging folder
                (folder / "index.html").write_text("<p>partial</p>\n", encoding="utf-8")
            recover(out)
            assert [f.exists() for f in alive] == [True, True, True]
            assert not dead.exists() and other.exists()
        finally:
            running.kill()


def test_recover_brings_back_the_previous_site_that_a_killed_swap_left_aside(tmp_path):
    out, old = tmp_path / "site", tmp_path / ".site.old"
    old.mkdir()
    (old / MARKER).write_text("", encoding="utf-8")  # a site the build made
    (old / "index.html").write_text("<p>previous</p>\n", encoding="utf-8")
    recover(out)
    assert (out / "index.html").read_text(encoding="utf-8") == "<p>previous</p>\n" and not old.exists()


def own_folder(path: Path) -> dict[str, str]:
    """A folder of the user's beside the output, with one file in it; returns its snapshot."""
    path.mkdir(parents=True)
    (path / "notes.txt").write_text("mine\n", encoding="utf-8")
    return tree_digest(path)


@pytest.mark.parametrize("name", [".site.old", ".site.old-1-x", ".site.new-999999999-x"])
@pytest.mark.parametrize("site_exists", [False, True])
@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "two-renames"])
def test_a_folder_beside_the_output_named_like_the_builds_own_is_kept_unless_the_build_marked_it(project, monkeypatch, name, site_exists, exchange):
    if not exchange:  # a system without an atomic exchange moves the previous site aside first
        monkeypatch.setattr(output, "exchange", lambda a, b: False)
    if site_exists:
        assert main(["--out", "d/site"]) == 0
    before = own_folder(project / "d" / name)
    assert main(["--out", "d/site"]) == 0
    assert tree_digest(project / "d" / name) == before
    assert (project / "d" / "site" / MARKER).is_file() and not (project / "d" / "site" / "notes.txt").exists()


def test_a_previous_site_left_aside_by_a_killed_build_comes_back_or_goes(project):
    assert main(["--out", "d/site"]) == 0
    (project / "d" / "site").rename(project / "d" / ".site.old")  # killed between the two renames
    (project / "d" / ".site.new-999999999-x").mkdir()
    (project / "d" / ".site.new-999999999-x" / MARKER).write_text("", encoding="utf-8")
    (project / "d" / ".site.new-999999998-y").mkdir()  # killed before it was marked: empty
    recover(project / "d" / "site")
    assert (project / "d" / "site" / MARKER).is_file()
    assert sorted(p.name for p in (project / "d").iterdir()) == ["site"]
