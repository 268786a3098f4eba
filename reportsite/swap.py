"""Replacing a folder in one step: a new version is made beside it and swapped in with one rename.

Shared infrastructure: the site swaps its output folder in with it and content/ a report's folder;
it imports none of them."""

from __future__ import annotations

import ctypes
import os
import shutil
import stat
import tempfile
from pathlib import Path

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
try:
    _libc = ctypes.CDLL(None, use_errno=True)
    _renameat2 = _libc.renameat2
    _renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
except (OSError, AttributeError):
    _renameat2 = None


def exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step (Linux renameat2); False where the system cannot."""
    if _renameat2 is None:
        return False
    return _renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0


def umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class SpecialFile(Exception):
    """A folder to be copied holds a pipe, a socket or a device, which cannot be copied."""


def write_files_at_once(folder: Path, files: dict[str, str]) -> None:
    """Write text files into `folder` (relative path -> text) so that all of them change or none.

    The folder is copied beside itself with every other file it holds, the files are written and
    synced in the copy, and the copy is swapped in with one rename: a full disk, an error or a
    crash leaves the folder as it was. Files get the mode the umask gives (0644 under 022).
    """
    if folder.is_symlink():
        raise SpecialFile(folder)  # swapping it would replace the link, not the folder it names
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.new-", dir=folder.parent))
    try:
        if folder.is_dir():
            shutil.copytree(folder, staging, symlinks=True, dirs_exist_ok=True, ignore=_not_copied(folder, files))
        else:
            os.chmod(staging, 0o777 & ~umask())
        for name, text in sorted(files.items()):
            _write_synced(staging, name, str.encode(text, "utf-8"))  # TypeError for what is not text
        _sync_tree(staging)
        _swap_in(staging, folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _not_copied(folder: Path, files: dict[str, str]):
    """The copy leaves out the files about to be written, and refuses what cannot be copied."""
    replaced = {str(folder / name) for name in files}

    def ignore(where: str, names: list[str]) -> set[str]:
        skipped = set()
        for name in names:
            path = os.path.join(where, name)
            mode = os.lstat(path).st_mode
            if path in replaced:
                skipped.add(name)
            elif not (stat.S_ISREG(mode) or stat.S_ISDIR(mode) or stat.S_ISLNK(mode)):
                raise SpecialFile(path)
        return skipped

    return ignore


def _write_synced(root: Path, name: str, data: bytes) -> None:
    parent = os.path.dirname(os.path.join(root, name))
    if os.path.islink(parent):
        raise SpecialFile(parent)  # writing through it would land outside the folder
    os.makedirs(parent, exist_ok=True)
    write_bytes(os.path.join(root, name), data, os.O_EXCL)


def write_bytes(path: str, data: bytes, flags: int = os.O_TRUNC) -> None:
    """A file in one open, the writes it takes and a close, with the mode the umask gives."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC | flags, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def _sync(path: str | Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sync_tree(root: Path) -> None:
    """Every file and folder of the new version on the disk before it replaces the old one: the
    old one is deleted after the swap, so a power cut must not find the new one only half written."""
    for where, _, names in os.walk(root):
        for name in names:
            if not os.path.islink(os.path.join(where, name)):
                _sync(os.path.join(where, name))
        _sync(where)


def _swap_in(staging: Path, folder: Path) -> None:
    if not os.path.lexists(folder):
        os.rename(staging, folder)
    elif not exchange(staging, folder):
        aside = Path(tempfile.mkdtemp(prefix=f".{folder.name}.old-", dir=folder.parent))
        os.replace(folder, aside)
        os.replace(staging, folder)
        shutil.rmtree(aside, ignore_errors=True)
        return
    _sync(folder.parent)
