"""What serve keeps between rebuilds stays the size of one site, however many rebuilds it runs."""

from __future__ import annotations

import pytest

from reportsite.site.build import render_site
from reportsite.site.output import BlobTree

from .test_incremental import BASE, COPY, RID, add_copy, copy_project, edit

pytestmark = pytest.mark.warm_cache  # builds the project: its cache comes warm (tests/conftest.py)


def test_the_store_holds_only_the_files_of_the_last_build_after_many_edits(tmp_path):
    project = copy_project(tmp_path / "project")
    add_copy(project, COPY)
    store = tmp_path / "store"
    store.mkdir()
    earlier, reports, counts = None, {}, []
    part = project / f"content/reports/{RID}/parts/part2.yaml"
    for n in range(4):
        if n:
            edit(part, f"新建5G基站{131 + n}座", f"新建5G基站{132 + n}座")
        tree, _, builds = render_site(project / "content", project / "templates", project / "static", base_url=BASE,
                                      tree=BlobTree(store), previous=reports)
        tree.sweep(earlier)
        earlier, reports = tree, {rb.item.report.id: rb for rb in builds}
        blobs = [path for path in store.iterdir() if not path.name.startswith("memo-")]  # memo-*: what serve remembers of the key files
        counts.append((len(blobs), len(set(tree.digests.values()))))
        assert len(list(store.glob("memo-*"))) == 3  # one per language
    assert all(kept == named for kept, named in counts)
