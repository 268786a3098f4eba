"""Incremental rebuilds, as `serve` makes them: after every kind of edit, the same bytes as a full build."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from reportsite.site.build import render_site
from reportsite.site.output import BlobTree
from reportsite.site.search_keys import shard_count

from ..conftest import share_cache
from .conftest import copy_project

pytestmark = pytest.mark.warm_cache  # builds the project: its cache comes warm (tests/conftest.py)

RID, COPY = "jiangxian-2022", "jiangxian-2023"
BASE = "http://127.0.0.1:8000/"


def add_copy(project: Path, rid: str) -> None:
    """A second report: the seed's folder under another id and title."""
    folder = project / "content" / "reports" / rid
    shutil.copytree(project / "content" / "reports" / RID, folder)
    report = folder / "report.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace(f"id: {RID}", f"id: {rid}").replace("year: 2022", "year: 2023")
                      .replace("title: 2022年绛县", "title: 2023年绛县"), encoding="utf-8")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit_text(project: Path) -> None:
    edit(project / f"content/reports/{RID}/parts/part2.yaml", "新建5G基站132座", "新建5G基站150座")


def edit_title(project: Path) -> None:
    edit(project / f"content/reports/{RID}/report.yaml", "title: 2022年绛县政府工作报告", "title: 2022年绛县人民政府工作报告")


def retire_an_id(project: Path) -> None:
    folder = project / f"content/reports/{RID}"
    edit(folder / "parts/part2.yaml", "- id: s2-1-p6\n", "- id: s2-1-p60\n")
    edit(folder / "en.yaml", "  s2-1-p6:\n", "  s2-1-p60:\n")
    edit(folder / "report.yaml", "retired: {}", "retired:\n  s2-1-p6: s2-1-p60")


def add_a_report(project: Path) -> None:
    add_copy(project, "jiangxian-2024")


def remove_a_report(project: Path) -> None:
    shutil.rmtree(project / "content" / "reports" / COPY)


def change_a_template(project: Path) -> None:
    edit(project / "templates/paragraph.html", "{% block main %}", "{% block main %}<!-- edited -->")


def change_a_static_file(project: Path) -> None:
    with (project / "static/style.css").open("a", encoding="utf-8") as css:
        css.write("\n.edited { color: inherit; }\n")


EDITS = [edit_text, edit_title, retire_an_id, add_a_report, remove_a_report, change_a_template, change_a_static_file]


def full_build(project: Path) -> dict[str, str]:
    tree, _, _ = render_site(project / "content", project / "templates", project / "static", base_url=BASE)
    return {path: hashlib.sha256(data).hexdigest() for path, data in tree.files.items()}


def incremental_build(project: Path, store: Path, previous: dict):
    tree, stats, builds = render_site(project / "content", project / "templates", project / "static", base_url=BASE,
                                      tree=BlobTree(store), previous=previous)
    files = {path: hashlib.sha256(tree.read(path)).hexdigest() for path in tree.digests}
    return files, {rb.item.report.id: rb for rb in builds}


@pytest.fixture(scope="module")
def two_reports_cache(tmp_path_factory, seed_cache) -> Path:
    """The private cache of a build of the project of two reports, made once a module: the copy's
    cards differ from the seed's by its year and title. Every test here starts with it."""
    root = tmp_path_factory.mktemp("two-reports-cache")
    project = copy_project(root / "project")
    add_copy(project, COPY)
    share_cache(seed_cache, root / "cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(root / "cache"))
        full_build(project)
    return root / "cache" / "reportsite"


@pytest.fixture(autouse=True)
def cache_warmed(two_reports_cache) -> None:
    share_cache(two_reports_cache, Path(os.environ["XDG_CACHE_HOME"]))


@pytest.fixture
def archive(tmp_path):
    """A project of two reports, built once as serve builds it: (project, blob store, reports kept)."""
    project = copy_project(tmp_path / "project")
    add_copy(project, COPY)
    store = tmp_path / "store"
    store.mkdir()
    _, reports = incremental_build(project, store, {})
    return project, store, reports


@pytest.mark.parametrize("change", EDITS, ids=[f.__name__ for f in EDITS])
def test_an_incremental_rebuild_equals_a_full_build_after_every_kind_of_edit(archive, change):
    project, store, reports = archive
    change(project)
    incremental, _ = incremental_build(project, store, reports)
    full = full_build(project)
    assert incremental.keys() == full.keys()
    assert [path for path in full if incremental[path] != full[path]] == []


def test_an_edit_to_one_report_renders_only_that_report_again(archive):
    project, store, reports = archive
    edit_text(project)
    _, after = incremental_build(project, store, reports)
    assert after[COPY] is reports[COPY]
    assert after[RID] is not reports[RID]


@pytest.mark.parametrize("change", [change_a_template, change_a_static_file])
def test_a_template_or_static_change_renders_every_report_again(archive, change):
    project, store, reports = archive
    change(project)
    _, after = incremental_build(project, store, reports)
    assert all(after[rid] is not reports[rid] for rid in reports)


def test_a_rebuild_reuses_the_stored_files_of_unchanged_reports_without_writing_them_again(archive):
    project, store, reports = archive
    before = {blob.name: blob.stat().st_mtime_ns for blob in store.iterdir()}
    edit_text(project)
    incremental_build(project, store, reports)
    kept = reports[COPY].files.values()
    assert all((store / digest).stat().st_mtime_ns == before[digest] for digest in kept)


def test_a_rebuild_after_an_edit_reads_from_the_cache_only_the_cards_the_edit_changes(archive, monkeypatch):
    """The store holds every card it was given under the cache's name for it: the edited report's
    other cards are named again, not read and checked again (hundreds a report, in each language)."""
    from reportsite.site import cards

    project, store, reports = archive
    read, real = [], cards.read_cached_file
    monkeypatch.setattr(cards, "read_cached_file", lambda folder, key: read.append(key) or real(folder, key))
    edit_text(project)
    files, _ = incremental_build(project, store, reports)
    assert 0 < len(read) <= 6  # the edited paragraph's and target's cards, in the languages whose text changed
    assert sum(path.endswith("card.png") for path in files) > 900


def _files(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_build_in_forked_workers_writes_the_same_files_as_one_in_a_single_process(tmp_path):
    from reportsite.site.build import build_site
    from reportsite.site.workers import PARALLEL_MIN_JOBS

    project = copy_project(tmp_path / "project")
    add_copy(project, COPY)
    stats = build_site(project / "content", tmp_path / "one", project / "templates", project / "static", base_url=BASE, processes=1)
    assert stats.pages >= PARALLEL_MIN_JOBS  # so that the other build does use its workers
    build_site(project / "content", tmp_path / "two", project / "templates", project / "static", base_url=BASE, processes=2)
    one, two = _files(tmp_path / "one"), _files(tmp_path / "two")
    assert one.keys() == two.keys() and [path for path in one if one[path] != two[path]] == []


def test_a_rebuild_joins_again_only_the_search_key_files_whose_lines_the_edit_changes(archive, monkeypatch):
    project, store, reports = archive
    added = []
    real = BlobTree.add
    monkeypatch.setattr(BlobTree, "add", lambda self, path, data, reserved=False: added.append(path) or real(self, path, data, reserved))
    edit_text(project)  # 132 -> 150: the pairs 15 and 50 come in, 13 and 32 may go
    tree, _, _ = render_site(project / "content", project / "templates", project / "static", base_url=BASE, tree=BlobTree(store), previous=reports)
    joined = [path for path in added if path.startswith("search/keys/")]
    assert 0 < len(joined) <= 16  # a few changed pairs and characters, not the 64 files
    assert sum(1 for path in tree.digests if path.startswith("search/keys/")) == shard_count(2) == 64
