"""The output trees on their own: a folder's tree reads back what it wrote, and serve's store of files
(BlobTree) reuses a file or a remembered set of digests only when it still holds exactly that."""

from __future__ import annotations

from reportsite.site.output import BlobTree, OutputTree


def test_a_folder_tree_reads_back_the_file_it_wrote(tmp_path):
    tree = OutputTree(tmp_path / "site")
    (tmp_path / "site").mkdir()
    tree.add("jiangxian-2022/p/s1-1-p1/index.html", "<p>段落</p>")
    assert tree.read("jiangxian-2022/p/s1-1-p1/index.html") == "<p>段落</p>".encode("utf-8")
    assert (tmp_path / "site/jiangxian-2022/p/s1-1-p1/index.html").read_text(encoding="utf-8") == "<p>段落</p>"


def _store(tmp_path) -> BlobTree:
    store = tmp_path / "store"
    store.mkdir()
    tree = BlobTree(store)
    for path in ("a.html", "b.html"):
        tree.add(path, f"<p>{path}</p>")
    return tree


def test_the_store_gives_remembered_digests_only_for_the_same_paths_and_context(tmp_path):
    tree = _store(tmp_path)
    tree.remember("outcomes", ["a.html", "b.html"], ["report-digest", "next-year-digest"])
    again = BlobTree(tree.store)  # the next build's tree, over the same store
    digests = [tree.digests["a.html"], tree.digests["b.html"]]
    assert again.remembered("outcomes", ["a.html", "b.html"], ["report-digest", "next-year-digest"]) == digests
    assert again.remembered("outcomes", ["a.html"], ["report-digest", "next-year-digest"]) is None  # fewer paths
    assert again.remembered("outcomes", ["a.html", "b.html", "c.html"], ["report-digest", "next-year-digest"]) is None
    assert again.remembered("outcomes", ["a.html", "b.html"], ["report-digest", "edited"]) is None  # the context changed
    assert again.remembered("outcomes", ["a.html", "b.html"], ["report-digest"]) is None
    assert again.remembered("other", ["a.html", "b.html"], ["report-digest", "next-year-digest"]) is None


def test_the_store_reuses_a_file_only_while_it_holds_its_bytes(tmp_path):
    tree = _store(tmp_path)
    again = BlobTree(tree.store)
    assert again.reuse("a.html", tree.digests["a.html"]) and again.read("a.html") == b"<p>a.html</p>"
    assert not again.reuse("gone.html", "0" * 32) and "gone.html" not in again.digests
    assert not again.reuse("empty.html", "") and "empty.html" not in again.paths
