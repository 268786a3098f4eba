"""Share cards from the private cache are hard links to the cache's files where the site and the cache
share a file system, copies elsewhere, and the same bytes in every kind of output tree; neither side's
later change reaches the other."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from pathlib import Path

import pytest

from reportsite import cache
from reportsite.site.output import BlobTree, OutputTree

from .conftest import build, copy_project

pytestmark = pytest.mark.warm_cache
RID = "jiangxian-2022"
CARD = f"{RID}/p/s2-1-p1/card.png"


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return cache.private_cache_folder("cards")


def _cache_file(site_card: Path) -> Path:
    """The cache's file holding the same bytes as a card of the site."""
    folder = Path(os.environ["XDG_CACHE_HOME"]) / "reportsite" / "cards"
    return folder / f"file-{hashlib.sha256(site_card.read_bytes()).hexdigest()}"


def test_a_built_card_is_the_cache_file_itself_and_read_only(tmp_path):
    project = copy_project(tmp_path / "project")
    build(project, tmp_path / "site")
    card = tmp_path / "site" / CARD
    kept = _cache_file(card)
    assert os.stat(card).st_ino == os.stat(kept).st_ino
    assert not os.stat(card).st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    assert os.stat(card).st_mode & stat.S_IROTH  # a web server running as another user can read it


def test_a_card_is_copied_where_the_cache_and_the_site_cannot_share_a_file(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "project")

    def other_file_system(*args, **kwargs):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", other_file_system)
    build(project, tmp_path / "site")
    card = tmp_path / "site" / CARD
    assert os.stat(card).st_nlink == 1 and card.read_bytes() == _cache_file(card).read_bytes()


def test_an_edit_of_the_published_card_is_never_taken_from_the_cache(tmp_path, monkeypatch):
    """The published card is the cache's file: written to in place (as root may, whatever its mode),
    the cache's digest no longer matches, so the next build draws the card again under a new file."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # its own: the drawn cards are linked into every test's
    project = copy_project(tmp_path / "project")
    build(project, tmp_path / "site")
    card = tmp_path / "site" / CARD
    drawn = card.read_bytes()
    os.chmod(card, 0o644)
    card.write_bytes(drawn[:100])
    build(project, tmp_path / "site")
    assert card.read_bytes() == drawn


def test_a_cache_entry_replaced_after_it_was_checked_is_copied_not_linked(folder, tmp_path):
    kept = cache.keep_file(folder, "card.png", b"\x89PNG first")
    cache.keep_file(folder, "card.png", b"\x89PNG first")  # a build beside renames a new file over it
    assert not cache.place(kept, str(tmp_path / "card.png")) and not (tmp_path / "card.png").exists()
    tree = OutputTree(tmp_path / "site")
    tree.add("card.png", kept)
    assert (tmp_path / "site" / "card.png").read_bytes() == b"\x89PNG first"
    assert os.stat(tmp_path / "site" / "card.png").st_nlink == 1


def test_a_linkable_entry_is_checked_against_its_digest(folder):
    kept = cache.keep_file(folder, "card.png", b"\x89PNG bytes")
    assert cache.read_cached_file(folder, "card.png").data == b"\x89PNG bytes"
    path = Path(kept.folder) / kept.name
    os.chmod(path, 0o600)
    path.write_bytes(b"\x89PNG other")
    assert cache.read_cached_file(folder, "card.png") is None


def test_memory_and_digest_trees_hold_a_cached_file_s_bytes(folder, tmp_path):
    kept = cache.keep_file(folder, "card.png", b"\x89PNG bytes")
    memory, blobs = OutputTree(), BlobTree(tmp_path)
    memory.add("a/card.png", kept)
    blobs.add("a/card.png", kept)
    assert memory.read("a/card.png") == blobs.read("a/card.png") == b"\x89PNG bytes"
