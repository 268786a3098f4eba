"""What import writes: only files that do not exist yet unless --force, all of a report's files or
none of them, with the modes any file of the user's gets."""

from __future__ import annotations

import os
import resource
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import content_before_import
from .test_import_cli import ROOT, snapshot


def run(root: Path, *args: str, file_size_limit: int | None = None, umask: int = 0o022) -> subprocess.CompletedProcess:
    def limits() -> None:
        os.umask(umask)
        if file_size_limit is not None:
            # Writing past the limit fails with EFBIG, as a full disk fails with ENOSPC, wherever it happens.
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "XDG_CACHE_HOME": str(root / "cache")}
    return subprocess.run([sys.executable, "build.py", "--content", str(root / "content"), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120, preexec_fn=limits)


@pytest.fixture
def imported(tmp_path, seed) -> Path:
    content_before_import(tmp_path)
    assert run(tmp_path, "import", str(seed)).returncode == 0
    return tmp_path / "content" / "reports" / "jiangxian-2022"


def test_an_edited_targets_file_is_not_overwritten_when_report_yaml_is_gone(imported, seed):
    (imported / "report.yaml").rename(imported.parent.parent / "report.yaml.bak")
    with open(imported / "targets.yaml", "a", encoding="utf-8") as f:
        f.write("# checked against the statistics bureau's bulletin\n")
    before = snapshot(imported)
    result = run(imported.parent.parent.parent, "import", str(seed))
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: {imported}/ already holds parts/part1.yaml, parts/part2.yaml, parts/part3.yaml, provenance.yaml, "
        "targets.yaml, which editors may have changed; nothing was written (re-import with --force to replace them, "
        "or pass --id NEW-ID)\n")
    assert snapshot(imported) == before


def test_a_write_that_fails_half_way_leaves_every_file_of_the_report_as_it_was(imported, seed):
    sizes = {p.relative_to(imported).as_posix(): p.stat().st_size for p in imported.rglob("*") if p.is_file()}
    limit = sizes["targets.yaml"] - 1  # the last file written fails; every other one fits
    assert max(size for name, size in sizes.items() if name != "targets.yaml") < limit
    for path in imported.rglob("*.yaml"):
        with open(path, "a", encoding="utf-8") as f:
            f.write("# an editor's note\n")
    before = snapshot(imported)
    result = run(imported.parent.parent.parent, "import", "--force", str(seed), file_size_limit=limit)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"error: cannot write {imported}/: File too large; nothing was changed, its files are as they were\n"
    assert snapshot(imported) == before
    assert sorted(p.name for p in imported.parent.iterdir()) == ["jiangxian-2022"]


def test_a_forced_import_keeps_the_files_it_does_not_write(imported, seed):
    (imported / "about.md").write_text("编者按\n", encoding="utf-8")
    (imported / "notes").mkdir()
    (imported / "notes" / "todo.txt").write_text("check t14\n", encoding="utf-8")
    assert run(imported.parent.parent.parent, "import", "--force", str(seed)).returncode == 0
    assert (imported / "about.md").read_text(encoding="utf-8") == "编者按\n"
    assert (imported / "notes" / "todo.txt").read_text(encoding="utf-8") == "check t14\n"


@pytest.mark.warm_cache  # builds the seed: its cache comes warm (tests/conftest.py)
def test_files_the_tool_writes_into_content_get_the_mode_the_umask_gives(tmp_path, seed):
    content_before_import(tmp_path)
    assert run(tmp_path, "import", str(seed), umask=0o022).returncode == 0
    assert run(tmp_path, "--out", str(tmp_path / "site"), umask=0o022).returncode == 0  # writes published-ids.txt
    folder = tmp_path / "content" / "reports" / "jiangxian-2022"
    modes = {p.relative_to(folder).as_posix(): oct(stat.S_IMODE(p.stat().st_mode)) for p in [folder, *folder.rglob("*")]}
    modes.pop("corrections.yaml", None)  # an editor's file, if the test copied one in, keeps its checkout's mode
    assert set(modes.values()) == {"0o644", "0o755"}
    assert modes["."] == modes["parts"] == "0o755"
    assert modes["targets.yaml"] == modes["published-ids.txt"] == "0o644"


def test_a_link_in_a_report_folder_stays_a_link_after_the_folder_is_written_again(tmp_path):
    """The folder is copied beside itself before the swap: a link in it is copied as a link, never as
    a copy of what it names (which may be anyone's file)."""
    from reportsite.swap import write_files_at_once

    folder, theirs = tmp_path / "report", tmp_path / "theirs.txt"
    folder.mkdir()
    theirs.write_text("not the tool's\n", encoding="utf-8")
    (folder / "notes.txt").symlink_to(theirs)
    write_files_at_once(folder, {"report.yaml": "id: r\n"})
    assert (folder / "notes.txt").is_symlink() and os.readlink(folder / "notes.txt") == str(theirs)
    assert (folder / "report.yaml").read_text(encoding="utf-8") == "id: r\n"


def test_a_file_written_over_a_longer_one_holds_only_the_new_bytes(tmp_path):
    from reportsite.swap import write_bytes

    path = tmp_path / "a.txt"
    path.write_bytes(b"a longer text than the next\n")
    write_bytes(str(path), b"short\n")
    assert path.read_bytes() == b"short\n"
