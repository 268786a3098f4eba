"""Shared test setup: a cache and temporary folder per test, the seed, a content folder ready for its import,
the example archive rendered in memory, and the --update-golden option."""

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
    in a module marked `drawn_cards`, the cache holds the committed content's share cards already."""
    _own_folders(monkeypatch, tmp_path_factory, "test")
    if request.node.get_closest_marker("drawn_cards"):
        share_cards(request.getfixturevalue("drawn_cards"), Path(os.environ["XDG_CACHE_HOME"]))


def _run_folder(factory: pytest.TempPathFactory) -> Path:
    """A folder every worker of this run shares (pytest-xdist gives each worker a base folder inside it)."""
    base = factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def _draw_once(factory: pytest.TempPathFactory, name: str, content: Path) -> Path:
    """The share cards of `content`, drawn once a run: the first worker to ask builds a copy of it by
    build.py, in a process and a cache of their own, while the others wait on the run's lock; all
    then read the same folder. Drawing cards is most of the time a build with an empty cache takes."""
    root = _run_folder(factory) / f"drawn-cards-{name}"
    cards = root / "cache" / "reportsite" / "cards"
    with open(_run_folder(factory) / f"drawn-cards-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (root / "done").exists():
            shutil.rmtree(root, ignore_errors=True)  # an earlier worker's attempt that failed
            shutil.copytree(content, root / "content")  # the build writes its ledgers into content/
            for folder in ("templates", "static"):
                shutil.copytree(ROOT / folder, root / folder)
            env = dict(os.environ, XDG_CACHE_HOME=str(root / "cache"))
            run = subprocess.run([sys.executable, str(ROOT / "build.py"), "--out", str(root / "site")], cwd=root, env=env,
                                 capture_output=True, text=True, timeout=900)
            assert run.returncode == 0, run.stderr
            shutil.rmtree(root / "site")
            (root / "done").touch()
    return cards


@pytest.fixture(scope="session")
def drawn_cards(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed content's share cards, drawn once a run. The tests that build the project
    (marked `drawn_cards`) do not look at the cards; the cards' own tests and the cache's start empty."""
    return _draw_once(tmp_path_factory, "seed", ROOT / "content")


@pytest.fixture(scope="session")
def example_cards(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example archive's share cards, drawn once a run (12,000 of them, most of a build of it)."""
    return _draw_once(tmp_path_factory, "example", ROOT / "examples" / "content")


def share_cards(drawn: Path, cache: Path) -> None:
    """Hard links to drawn cards in the cache folder `cache` (an XDG_CACHE_HOME). The cache replaces
    an entry by renaming a new file over it and never writes one in place, so a test's build cannot
    change the drawn cards."""
    cards = cache / "reportsite" / "cards"
    cards.mkdir(mode=0o700, parents=True, exist_ok=True)
    for entry in drawn.iterdir():
        if not (cards / entry.name).exists():
            os.link(entry, cards / entry.name)


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
def example_archive_render(example_cards):
    """(tree, stats): the example archive (examples/content/) rendered in memory once per worker, as
    build.py renders it (with the goals' outcomes) at its own base URL, its cards drawn already; tests
    must not change it."""
    share_cards(example_cards, Path(os.environ["XDG_CACHE_HOME"]))
    from reportsite.site.build import render_site
    from reportsite.track.publish import archive_outcomes

    tree, stats, _ = render_site(ROOT / "examples" / "content", ROOT / "templates", ROOT / "static", track=archive_outcomes)
    return tree, stats
