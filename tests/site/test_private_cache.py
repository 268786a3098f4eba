"""The private cache: nobody else's entry is ever loaded, a damaged entry is made again, and odd
environments (no home folder, a read-only cache) build without it, with one warning."""

from __future__ import annotations

import ctypes
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reportsite import cache, cli
from reportsite.content.report import load_report_kept
from reportsite.site import datafiles, markdown, render, search
from reportsite.site.build import render_site

from ..conftest import SMALL, small_project
from .conftest import build

RID = SMALL  # a project of one short report: what is tested is the cache, the same for any report
NOBODY = 65534


@pytest.fixture(autouse=True)
def fresh_memory(monkeypatch):
    """Each test sees the cache as a new process does: no template, card or note remembered in memory."""
    monkeypatch.setattr(cache, "_WARNINGS", {}, raising=False)
    monkeypatch.setattr(cache, "_TOLD", set(), raising=False)
    monkeypatch.setattr(cache, "_USABLE", set(), raising=False)
    _forget()
    yield
    _forget()


def _forget() -> None:
    for remembered in (render.make_environment, datafiles._card, markdown._rendered, search._char_map):
        remembered.cache_clear()


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- another user's entries -------------------------------------------------------------------------

def _exchange(a: Path, b: Path) -> None:
    """Swap two folders in one step (renameat2 RENAME_EXCHANGE): the path always names one of them."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.renameat2(-100, bytes(a), -100, bytes(b), 2) != 0:
        raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(a))


# The other user, in a process of its own: it swaps the two folders as fast as the kernel lets it,
# all the while the builds run (a thread of the test's would share its interpreter's lock, and swap
# only while the build waits on a system call, slowing both). It says when it has begun, and stops
# when the test process is gone.
SWAPPER = """
import ctypes, os, sys
exchange = ctypes.CDLL(None, use_errno=True).renameat2
a, b = (os.fsencode(p) for p in sys.argv[1:3])
parent = os.getppid()
exchange(-100, a, -100, b, 2)
print("swapping", flush=True)
while os.getppid() == parent:
    for _ in range(1000):
        exchange(-100, a, -100, b, 2)
"""


class _Writes:
    """Loaded as a pickle, it writes `marker`: what a planted entry would run as the builder."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return exec, (f"open({str(self.marker)!r}, 'w').write('ran')",)


def _plant(project: Path, base: Path, marker: Path, monkeypatch) -> None:
    """A cache under `base` whose every entry writes `marker` when it is loaded: the templates'
    compiled code and the report's pickle, under the names the build looks for, written by the
    build's own cache code (so they pass any check of their bytes)."""
    from reportsite.content import report as content
    from reportsite.site.render import make_environment

    monkeypatch.setenv("XDG_CACHE_HOME", str(base))
    make_environment.cache_clear()
    env = make_environment(project / "templates")
    for name in env.list_templates(extensions=["html"]):
        source, filename, _ = env.loader.get_source(env, name)
        bucket = env.bytecode_cache.get_bucket(env, name, filename, source)
        bucket.code = compile(f"open({str(marker)!r}, 'w').write('ran')", "planted", "exec")
        env.bytecode_cache.set_bucket(bucket)
    folder = project / "content" / "reports" / RID
    key = cache.cache_key(f"content/reports/{RID}", content._loader_digest(), content._plain_inputs(folder))
    cache.keep(cache.private_cache_folder("reports"), key, pickle.dumps((_Writes(marker), [])))
    make_environment.cache_clear()


@pytest.mark.parametrize("shared", ["world-writable", "sticky"])
def test_a_folder_swapped_under_the_cache_while_builds_run_never_gets_an_entry_loaded(tmp_path, monkeypatch, shared):
    """XDG_CACHE_HOME in a folder others can write: another user swaps the cache folder with theirs
    in a loop while the builds run. None of their entries may ever be loaded."""
    if shared == "sticky" and os.geteuid() != 0:
        pytest.skip("the other user's folder must belong to someone else: needs root to chown")
    from reportsite.site.render import make_environment

    project = small_project(tmp_path / "project")
    common = tmp_path / "shared"
    common.mkdir()
    common.chmod(0o1777 if shared == "sticky" else 0o777)
    marker = tmp_path / "planted-code-ran"
    _plant(project, tmp_path / "attacker", marker, monkeypatch)
    monkeypatch.setenv("XDG_CACHE_HOME", str(common))
    make_environment.cache_clear()
    # Rendered without share cards: the planted entries are those that run code when loaded (the
    # templates' compiled code, the report's pickle); a card is read through the same folder check,
    # and drawing half the cards again each time the folder is theirs took most of this test's minute.
    render_project = lambda: render_site(project / "content", project / "templates", project / "static", processes=1, cards=False)
    render_project()  # the user's own cache, as earlier builds left it
    if not (common / "reportsite").exists():  # refused outright: still, the other user's folder is there
        (common / "reportsite").mkdir(mode=0o700)
    planted = common / "theirs"
    shutil.move(tmp_path / "attacker" / "reportsite", planted)
    if os.geteuid() == 0:
        for path in [planted, *planted.rglob("*")]:
            os.chown(path, NOBODY, NOBODY)
    try:
        _exchange(common / "reportsite", planted)
        _exchange(common / "reportsite", planted)
    except OSError as e:
        pytest.skip(f"no atomic folder exchange here: {e}")

    swapper = subprocess.Popen([sys.executable, "-c", SWAPPER, str(common / "reportsite"), str(planted)],
                               stdout=subprocess.PIPE, text=True)
    assert swapper.stdout.readline() == "swapping\n"
    failure = None
    try:
        make_environment.cache_clear()
        render_project()
        folder = project / "content" / "reports" / RID
        for _ in range(60):
            load_report_kept(folder, f"content/reports/{RID}")
            make_environment.cache_clear()
            make_environment(project / "templates").get_template("chrome.html")
    except Exception as e:  # a planted entry that ran breaks the build too: the marker says why
        failure = e
    finally:
        swapper.kill()
        swapper.wait()
        swapper.stdout.close()
    assert not marker.exists()
    if failure is not None:
        raise failure


def test_an_entry_that_is_a_symlink_is_not_read(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = cache.private_cache_folder("markdown")
    cache.keep(folder, "real", b"kept")
    (folder / "link").symlink_to(folder / "real")
    assert cache.read_cached(folder, "real") == b"kept" and cache.read_cached(folder, "link") is None



def test_a_build_checks_each_cache_folder_once_and_the_next_build_checks_it_again(tmp_path, monkeypatch):
    """A build with a warm cache reads and links hundreds of cards, but opens and checks their
    folder once (and once more to find it usable), not twice a card; the next build checks it again."""
    from collections import Counter

    project = small_project(tmp_path / "project")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    build(project, tmp_path / "site", processes=1)
    opened: list[str] = []
    real = cache._open_folder
    monkeypatch.setattr(cache, "_open_folder", lambda path, create=False: opened.append(path) or real(path, create))
    cards = str(tmp_path / "cache" / "reportsite" / "cards")
    linked = len(list((tmp_path / "site").rglob("*.png")))
    assert linked > 100
    for _ in range(2):
        opened.clear()
        monkeypatch.setattr(cache, "_USABLE", set())
        build(project, tmp_path / "site", processes=1)
        assert 1 <= Counter(opened)[cards] <= 2 and max(Counter(opened).values()) <= 2, Counter(opened)


def test_a_copy_of_the_project_elsewhere_compiles_no_template_and_its_errors_name_its_own_files(tmp_path, monkeypatch):
    """Compiled templates are found by name and source, not by path: a copy of the project (a clone
    elsewhere, a moved folder) builds without compiling, and a template's error still names the
    copy's file, not the one it was first compiled from."""
    import traceback

    import jinja2

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    first = small_project(tmp_path / "first")
    render_cardless = lambda project: render_site(project / "content", project / "templates", project / "static",
                                                  processes=1, cards=False)
    render_cardless(first)
    second = tmp_path / "second"
    shutil.copytree(first, second)
    compiled: list[str] = []
    real = jinja2.Environment.compile
    monkeypatch.setattr(jinja2.Environment, "compile", lambda env, source, name=None, *a, **k:
                        compiled.append(name) or real(env, source, name, *a, **k))
    _forget()
    render_cardless(second)
    assert compiled == []
    template = render.make_environment(second / "templates").get_template("paragraph.html")
    assert template.filename == str(second / "templates" / "paragraph.html")
    with pytest.raises(jinja2.UndefinedError) as error:
        template.render()  # no page to render: the template's first use of one fails
    files = [frame.filename for frame in traceback.extract_tb(error.value.__traceback__) if frame.filename.endswith(".html")]
    assert files and all(f.startswith(str(second / "templates")) for f in files), files

# --- damaged entries --------------------------------------------------------------------------------

def _cut(path: Path) -> None:
    """Half the entry, cut where the bytes still read as UTF-8 text: damage no decoder notices."""
    data = path.read_bytes()
    path.chmod(0o600)  # a card's file is read-only (what a disk error ignores)
    end = len(data) // 2
    while end and (data[end] & 0xC0) == 0x80:
        end -= 1
    path.write_bytes(data[:end])


@pytest.fixture(scope="module")
def fresh_site(tmp_path_factory) -> dict[str, bytes]:
    """The files of the seed's site built with an empty cache."""
    folder = tmp_path_factory.mktemp("fresh")
    with pytest.MonkeyPatch.context() as m:
        m.setenv("XDG_CACHE_HOME", str(folder / "cache"))
        _forget()
        build(small_project(folder / "project"), folder / "site")
        _forget()
    return _files(folder / "site")


@pytest.mark.parametrize("kind", ["charmaps", "markdown", "cards"])
def test_a_damaged_cache_entry_is_made_again_and_the_site_equals_a_fresh_build(tmp_path, monkeypatch, kind, fresh_site):
    """A truncated character map (search would hang), a damaged Markdown note (the about page
    would lose its notes), a damaged share card (a broken PNG): each is made again."""
    project = small_project(tmp_path / "project")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    build(project, tmp_path / "site")
    entries = list((tmp_path / "cache" / "reportsite" / kind).iterdir())
    assert entries
    for entry in entries:
        _cut(entry)
    _forget()
    build(project, tmp_path / "site")
    assert _files(tmp_path / "site") == fresh_site


def test_a_cache_entry_is_written_whole_under_its_name_and_leaves_no_partial_file(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = cache.private_cache_folder("cards")
    cache.keep(folder, "entry", b"x" * 1000)
    assert [p.name for p in folder.iterdir()] == ["entry"] and cache.read_cached(folder, "entry") == b"x" * 1000
    damaged = bytearray((folder / "entry").read_bytes())
    damaged[-1] ^= 1
    (folder / "entry").write_bytes(bytes(damaged))
    assert cache.read_cached(folder, "entry") is None


# --- environments -----------------------------------------------------------------------------------

def _no_passwd_entry(monkeypatch) -> None:
    """The user's uid has no entry in the password database (a container's arbitrary uid), and no HOME."""
    import pwd

    def missing(uid):
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    monkeypatch.setattr(pwd, "getpwuid", missing)
    monkeypatch.delenv("HOME", raising=False)


def _build_command(project: Path, capsys) -> tuple[int, list[str]]:
    code = cli.main(["--content", str(project / "content"), "build", "--out", str(project / "site")])
    return code, [line for line in capsys.readouterr().err.splitlines() if "cache" in line]


def test_a_user_without_a_home_folder_builds_with_the_cache_under_xdg_cache_home(tmp_path, monkeypatch, capsys):
    project = small_project(tmp_path / "project")
    monkeypatch.chdir(project)
    _no_passwd_entry(monkeypatch)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    code, warnings = _build_command(project, capsys)
    assert code == 0 and warnings == []
    assert list((tmp_path / "cache" / "reportsite" / "reports").iterdir())


def test_without_home_or_xdg_cache_home_the_build_runs_without_a_cache_and_says_so_once(tmp_path, monkeypatch, capsys):
    project = small_project(tmp_path / "project")
    monkeypatch.chdir(project)
    _no_passwd_entry(monkeypatch)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    code, warnings = _build_command(project, capsys)
    assert code == 0 and (project / "site" / RID / "index.html").exists()
    assert warnings == ["warning: building without the cache: neither XDG_CACHE_HOME nor HOME is set, "
                        "and the user has no home folder (set XDG_CACHE_HOME)"]


@pytest.fixture
def read_only(tmp_path):
    """Makes folders unwritable for this user, root included (an immutable folder), and writable again after."""
    made = []

    def make(folder: Path) -> None:
        if os.geteuid() == 0:
            if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
                pytest.skip("no immutable folders here, and root writes in any other")
        else:
            folder.chmod(0o500)
        made.append(folder)

    yield make
    for folder in made:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        else:
            folder.chmod(0o700)


def test_a_read_only_cache_folder_builds_without_the_cache_and_says_so_once(tmp_path, monkeypatch, capsys, read_only):
    project = small_project(tmp_path / "project")
    monkeypatch.chdir(project)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    for name in ("jinja", "reports", "messages", "zh-hant", "markdown", "cards", "charmaps"):
        folder = tmp_path / "cache" / "reportsite" / name
        folder.mkdir(parents=True, mode=0o700)
        read_only(folder)
    code, warnings = _build_command(project, capsys)
    assert code == 0 and (project / "site" / RID / "index.html").exists()
    assert len(warnings) == 1 and warnings[0].startswith("warning: building without the cache: ")
    assert warnings[0].endswith("cannot be written to")
