"""Writing pass: the rendered site is held in memory, written aside, and swapped in whole."""

from __future__ import annotations

import ctypes
import os
import shutil
from pathlib import Path, PurePosixPath

_RENAME_EXCHANGE = 2
try:
    _libc = ctypes.CDLL(None, use_errno=True)
    _renameat2 = _libc.renameat2
    _renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
except (OSError, AttributeError):
    _renameat2 = None
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step (Linux renameat2); False where the system cannot."""
    if _renameat2 is None:
        return False
    return _renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0


class OutputTree:
    """Files of the site by relative path; refuses any path that would land outside the site."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def add(self, path: str, data: str | bytes) -> None:
        pure = PurePosixPath(path)
        if pure.is_absolute() or ".." in pure.parts or not path or "\\" in path or "\x00" in path:
            raise ValueError(f"refusing to write outside the output folder: {path!r}")
        if path in self.files:
            raise ValueError(f"two things want to be written at {path!r}")
        self.files[path] = data.encode("utf-8") if isinstance(data, str) else data


def _write_tree(tree: OutputTree, folder: Path) -> None:
    for rel, data in sorted(tree.files.items()):
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def recover(out: Path) -> None:
    """Finish a swap that a killed build left half done: the previous site comes back."""
    old = out.with_name(f".{out.name}.old")
    if old.exists() and not out.exists():
        os.replace(old, out)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)
    for staging in out.parent.glob(f".{out.name}.new-*"):
        pid = staging.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(staging, ignore_errors=True)  # left by a build that was killed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def swap_in(tree: OutputTree, out: Path) -> None:
    """Write the new site beside `out`, then swap: a failure at any point leaves the previous site."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    recover(out)
    staging = out.with_name(f".{out.name}.new-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        _write_tree(tree, staging)
        if out.exists() and _exchange(staging, out):
            return  # staging now holds the previous site, removed below
        old = out.with_name(f".{out.name}.old")
        if out.exists():
            os.replace(out, old)
        os.replace(staging, out)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
