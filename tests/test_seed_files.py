"""Seeds that are not what they seem: a pipe, a device, a huge sparse file or a deeply nested page is
refused or read in time linear in its size; the import never hangs and never reads a file whole first."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import tracemalloc
from contextlib import contextmanager
from pathlib import Path

import pytest

from reportsite.errors import ImportProblem
from reportsite.ingest import importer
from reportsite.ingest.decode import html_to_text
from reportsite.ingest.importer import import_report, parse_report
from tests.test_linear_time import assert_linear

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "seeds" / "jiangxian-2022-work-report.txt").read_text(encoding="utf-8")


def _limit_memory() -> None:
    """A child that reads without end fails for want of memory instead of taking the machine's."""
    resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))


def run_import(tmp_path: Path, seed: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "--content", str(tmp_path / "content"), "import", str(seed)],
                          capture_output=True, text=True, timeout=90, cwd=tmp_path, preexec_fn=_limit_memory)


def test_a_named_pipe_is_refused_at_once_instead_of_waiting_for_a_writer(tmp_path):
    seed = tmp_path / "seed.txt"
    os.mkfifo(seed)
    result = run_import(tmp_path, seed)
    assert (result.returncode, result.stderr) == (
        1, f"error: {seed}: cannot read: it is a named pipe, not a file (save the page as a file and import that)\n")
    assert not (tmp_path / "content").exists()


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_that_never_ends_is_refused_without_reading_it(tmp_path, device):
    seed = tmp_path / "seed.txt"
    seed.symlink_to(device)
    result = run_import(tmp_path, seed)
    assert (result.returncode, result.stderr) == (
        1, f"error: {seed}: cannot read: it is a device, not a file (save the page as a file and import that)\n")


def test_a_folder_is_refused_with_what_it_is(tmp_path):
    with pytest.raises(ImportProblem, match=r": cannot read: it is a folder, not a file"):
        import_report(tmp_path, tmp_path / "content")


def test_a_huge_sparse_file_is_refused_by_its_size_without_being_read(tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "MAX_SEED_BYTES", 2**20)
    seed = tmp_path / "seed.txt"
    with open(seed, "wb") as f:
        f.truncate(64 * 2**20)  # 64 MB that take no room on the disk, but would in memory
    tracemalloc.start()
    try:
        with pytest.raises(ImportProblem, match=r"^the file is 64 MB; a work report is far smaller \(limit 1 MB\)$"):
            import_report(seed, tmp_path / "content")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 * 2**20


@contextmanager
def time_limit(seconds: int):
    def expire(signum, frame):
        raise TimeoutError(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def nested(depth: int, inner: str) -> bytes:
    return ("<html><body>" + "<div>" * depth + inner + "</div>" * depth + "</body></html>").encode()


def test_a_page_nested_100000_elements_deep_imports_within_a_minute():
    paragraphs = "".join(f"<p>{line}</p>" for line in SEED.splitlines())
    with time_limit(60):
        report, info = parse_report(nested(100_000, paragraphs))
    assert [p.title for p in report.parts] == [p.title for p in parse_report(SEED.encode())[0].parts]
    assert info["encoding"] == "html/utf-8"


@pytest.mark.parametrize("closed", [True, False], ids=["closed", "never-closed"])
def test_reading_a_page_is_linear_in_how_deeply_it_nests(closed):
    def page(depth: int) -> bytes:
        return nested(depth, "一、工作回顾") if closed else ("<div>" * depth + "一、工作回顾").encode()

    with time_limit(120):
        assert_linear(html_to_text, page, size=2000)
