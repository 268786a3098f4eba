"""Shared test setup: a cache and temporary folder per test, the seed, a content folder ready for its import,
the example archive built once a run, and the --update-golden option."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "jiangxian-2022-work-report.txt"
# The seed's reviewed corrections travel beside it, bound to its bytes by their digest.
SEED_CORRECTIONS = ROOT / "seeds" / "jiangxian-2022-work-report.corrections.yaml"
# The committed import of the seed doubles as the golden files of the parser's YAML output.
GOLDEN = ROOT / "content" / "reports" / "jiangxian-2022"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the golden files (the seed's YAML under content/reports/) from the current parser",
    )


MEMORY_FS = Path("/dev/shm")
MEMORY_FS_ROOM = 8 << 30  # bytes free: a run's folders peak at about 3.3 GB, and the memory is shared


def pytest_configure(config: pytest.Config) -> None:
    """The run's temporary folders go on the memory file system when it has room to spare and no other
    place was asked for (--basetemp, PYTEST_DEBUG_TEMPROOT, TMPDIR): the tests write and remove many
    small files (sites, caches, copies of the project), in a quarter less time than on disk."""
    if config.option.basetemp or os.environ.get("PYTEST_DEBUG_TEMPROOT") or os.environ.get("TMPDIR"):
        return
    try:
        room = os.statvfs(MEMORY_FS)
    except OSError:
        return
    # Not mounted noexec: the how-to walks run a `python` shim they write into their temporary folder.
    usable = os.access(MEMORY_FS, os.W_OK | os.X_OK) and not room.f_flag & (os.ST_NOEXEC | os.ST_RDONLY)
    if usable and room.f_bavail * room.f_frsize >= MEMORY_FS_ROOM:
        os.environ["PYTEST_DEBUG_TEMPROOT"] = str(MEMORY_FS)


def _own_folders(mp: pytest.MonkeyPatch, factory: pytest.TempPathFactory, name: str) -> None:
    """A cache folder and a temporary folder of their own, for this process and the ones it starts."""
    mp.setenv("XDG_CACHE_HOME", str(factory.mktemp(f"{name}-cache")))
    temp = factory.mktemp(f"{name}-tmp")
    mp.setenv("TMPDIR", str(temp))
    mp.setattr(tempfile, "tempdir", str(temp))


@pytest.fixture(scope="session", autouse=True)
def session_folders(tmp_path_factory: pytest.TempPathFactory):
    """Session fixtures (a built site, an import) use a cache and a temporary folder of the session's,
    never the developer's ~/.cache/reportsite: results do not depend on what an earlier run left."""
    with pytest.MonkeyPatch.context() as mp:
        _own_folders(mp, tmp_path_factory, "session")
        yield


@pytest.fixture(autouse=True)
def folders_of_each_test(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    """Every test starts with an empty cache and a temporary folder of its own (set after the session's);
    in a module or test marked `warm_cache`, the cache holds what a build of the committed content made
    once this run (marked `warm_cache("small")`, what a build of small_project() made)."""
    _own_folders(monkeypatch, tmp_path_factory, "test")
    marker = request.node.get_closest_marker("warm_cache")
    if marker:
        built = "small_cache" if marker.args == ("small",) else "seed_cache"
        share_cache(request.getfixturevalue(built), Path(os.environ["XDG_CACHE_HOME"]))


def _run_folder(factory: pytest.TempPathFactory) -> Path:
    """A folder every worker of this run shares (pytest-xdist gives each worker a base folder inside it)."""
    base = factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def copy_project(dest: Path, content: Path = ROOT / "content") -> Path:
    """A throwaway project in `dest`: a copy of `content` (the committed content/ unless another is
    given) and of the committed templates/ and static/, which a test may change."""
    shutil.copytree(content, dest / "content")
    _copy_code(dest)
    return dest


def _copy_code(dest: Path) -> None:
    for folder in ("templates", "static"):
        shutil.copytree(ROOT / folder, dest / folder)


SMALL = "yixian-2017"  # the example archive's shortest report


def small_project(dest: Path) -> Path:
    """A throwaway project of one short report (the example archive's yixian-2017, with an editor's
    note) under the committed site settings: for the tests of what a build does with its folders and
    its cache, where a long report is only time."""
    _copy_code(dest)
    (dest / "content" / "reports").mkdir(parents=True)
    for name in ("site.yaml", "zh-hant-phrases.txt"):
        shutil.copy(ROOT / "content" / name, dest / "content" / name)
    report = dest / "content" / "reports" / SMALL
    shutil.copytree(ROOT / "examples" / "content" / "reports" / SMALL, report)
    # An editor's note, as a report's about page has one: Markdown that the build renders and caches.
    (report / "about.md").write_text("本报告据易县人民政府网站转载件整理，**段落编号**保持不变。\n", encoding="utf-8")
    return dest


def _build_once(factory: pytest.TempPathFactory, name: str, lay_out) -> Path:
    """The folder of one build by build.py of the project `lay_out(folder)` makes, built once a run:
    the first worker to ask builds it, in a process and a cache of their own, while the others wait
    on the run's lock; all then read the same folder, its share cards under cache/ and the site under
    site/. Drawing cards is most of the time a build with an empty cache takes."""
    root = _run_folder(factory) / f"built-{name}"
    with open(_run_folder(factory) / f"built-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (root / "done").exists():
            shutil.rmtree(root, ignore_errors=True)  # an earlier worker's attempt that failed
            lay_out(root)  # a copy: the build writes its ledgers into content/
            env = dict(os.environ, XDG_CACHE_HOME=str(root / "cache"))
            run = subprocess.run([sys.executable, str(ROOT / "build.py"), "--out", str(root / "site")], cwd=root, env=env,
                                 capture_output=True, text=True, timeout=900)
            assert run.returncode == 0, run.stderr
            (root / "done").touch()
    return root


def _cache(built: Path) -> Path:
    return built / "cache" / "reportsite"


@pytest.fixture(scope="session")
def seed_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The private cache of a build of the committed content, made once a run: its share cards,
    compiled templates, loaded report, zh-Hant text, notes and character maps. The tests that build the
    project (marked `warm_cache`) test what the build makes, not how the cache makes it; the cache's
    own tests and the cards' start empty."""
    return _cache(_build_once(tmp_path_factory, "seed", copy_project))


@pytest.fixture(scope="session")
def small_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The private cache of a build of small_project(), made once a run."""
    return _cache(_build_once(tmp_path_factory, "small", small_project))


# An appendix, as an editor would add one to an imported report (no report of the example archive prints one).
EXAMPLE_APPENDIX = """appendices:
- id: appendix1
  title: 2022年市级重点项目计划表
  items:
  - 保定数字经济产业园
  - 白洋淀生态修复工程
"""
APPENDIX_REPORT = "baoding-2022"


def _example_project(dest: Path) -> Path:
    """A copy of the example archive whose baoding-2022 an editor gave the appendix above."""
    copy_project(dest, ROOT / "examples" / "content")
    with (dest / "content" / "reports" / APPENDIX_REPORT / "report.yaml").open("a", encoding="utf-8") as f:
        f.write(EXAMPLE_APPENDIX)
    return dest


@pytest.fixture(scope="session")
def example_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example archive built once a run by build.py, as `make example` builds it (with the goals'
    outcomes, at the archive's own base URL, under its sub-path), an editor's appendix added to
    baoding-2022; tests must not change it."""
    return _build_once(tmp_path_factory, "example", _example_project)


@pytest.fixture(scope="session")
def example_cache(example_build: Path) -> Path:
    """The example archive's private cache (its 12,000 share cards are most of the time its first build takes)."""
    return _cache(example_build)


def share_cache(built: Path, cache: Path) -> None:
    """Hard links in the cache folder `cache` (an XDG_CACHE_HOME) to every entry of a built cache.
    The cache replaces an entry by renaming a new file over it and never writes one in place, so a
    test's build cannot change the entries it was given."""
    mine = cache / "reportsite"
    for folder, _, names in os.walk(built):
        here = mine / Path(folder).relative_to(built)
        here.mkdir(mode=0o700, parents=True, exist_ok=True)
        for name in names:  # thousands of cards: plain strings, and no look before each link
            try:
                os.link(os.path.join(folder, name), os.path.join(here, name))
            except FileExistsError:
                pass


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def seed() -> Path:
    return SEED


@pytest.fixture(scope="session")
def golden() -> Path:
    return GOLDEN


def content_before_import(root: Path) -> Path:
    """An empty content/ folder, as before the seed's first import."""
    (root / "content" / "reports").mkdir(parents=True)
    return root / "content"


def seed_corrections() -> list:
    from reportsite.content.provenance import load_corrections_file

    corrections, _, errors = load_corrections_file(SEED_CORRECTIONS, "seeds/" + SEED_CORRECTIONS.name)
    assert errors == []
    return corrections


@pytest.fixture
def fresh_content(tmp_path: Path) -> Path:
    return content_before_import(tmp_path)


@pytest.fixture(scope="session")
def seed_import(tmp_path_factory: pytest.TempPathFactory):
    """The seed imported once into a scratch content folder (an ImportResult); tests must not change it."""
    from reportsite.ingest.importer import import_report

    return import_report(SEED, content_before_import(tmp_path_factory.mktemp("seed")))


@pytest.fixture(scope="session")
def example_archive_site(example_build: Path):
    """The example archive's built site, read as the build's own tree (FolderTree)."""
    from .helpers import FolderTree

    return FolderTree(example_build / "site")
