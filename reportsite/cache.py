"""The user's private cache folder, for what the build can skip making again (compiled templates,
loaded reports, zh-Hant text, share cards, Markdown notes, character maps), each entry kept under a
name derived from everything it was made from.

Compiled templates are code, and every other entry ends up in the published site, so an entry is
trusted only because nobody but the user (or root) can have written it. That is checked on every
read and write, or once for a build that holds the folders (held_folders): the folder is opened one
component at a time from `/` without following symlinks, each folder on the way must belong to the
user or root and be writable by nobody else (a sticky folder such as /tmp may be, since nobody else
can move what the user owns in it), and the entry is opened relative to the folder so held. Someone
who can write a folder above the cache therefore cannot swap it between the check and the read: the
check is of the folder that is read, and a held folder stays the one that was checked.

Each entry carries the SHA-256 of its bytes, checked when it is read: a damaged entry (a crash, a
full disk, a disk error) is made again, never used. Entries are written whole (a temporary file,
fsynced, renamed over the old one), never changed in place.

A file the site publishes as it is (a share card) can be kept as a linkable entry (keep_file): its
bytes alone, in a read-only file named by their SHA-256, found through an ordinary entry that holds
that name. The build hard-links it into the site (place) instead of writing the same bytes again, once
read_cached_file has checked it as any entry is checked. Since the cache only ever renames a new
file over an entry, a later entry never changes a published file; and since the file is read-only
and checked against its name on every read, an edit of the published file (which is the cache's
file too) cannot be taken from the cache: the entry is made again under a new file.

Shared infrastructure: content/ and every stage may keep things here; it imports none of them.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import stat
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .swap import umask

_ENTRY = b"reportsite-cache-1\n"  # what an entry starts with, before the digest of the rest
_DIGEST = 32
_FOLDER = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_WRITABLE_BY_OTHERS = stat.S_IWGRP | stat.S_IWOTH
_WARNINGS: dict[str, str] = {}  # why the cache is not used -> the warning, not yet told
_TOLD: set[str] = set()  # the reasons told already: each once per process (serve rebuilds often)


def cache_warnings() -> list[str]:
    """Why the build ran without the cache, each reason once, for the command line to print."""
    told = list(_WARNINGS.values())
    _TOLD.update(_WARNINGS)
    _WARNINGS.clear()
    return told


def _warn(reason: str, message: str) -> None:
    if reason not in _TOLD:
        _WARNINGS.setdefault(reason, f"warning: building without the cache: {message}")


def home_folder() -> str | None:
    """The user's home folder ($HOME, else the password database), or None if neither knows it."""
    home = os.path.expanduser("~")
    return home if os.path.isabs(home) else None


def cache_base() -> str | None:
    """$XDG_CACHE_HOME, or ~/.cache, symlinks resolved; None (with a warning) if neither is known."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # the XDG specification ignores a relative one
        home = home_folder()
        if home is None:
            _warn("no-home", "neither XDG_CACHE_HOME nor HOME is set, and the user has no home folder (set XDG_CACHE_HOME)")
            return None
        base = os.path.join(home, ".cache")
    return os.path.realpath(base)


def private_cache_folder(name: str) -> Path | None:
    """The cache folder for one kind of entry (made if need be), or None to work without one: no
    known place for it, a folder on the way that someone else could write, or one the user cannot."""
    base = cache_base()
    if base is None:
        return None
    folder = os.path.join(base, "reportsite", name)
    if folder in _USABLE:
        return Path(folder)
    try:
        fd = _open_folder(folder, create=True)
    except OSError as e:
        _warn(f"unusable:{base}", f"cannot make {folder} ({e.strerror})")
        return None
    if fd is None:
        _warn(f"shared:{base}", f"{folder} or a folder above it belongs to another user or others can write to it")
        return None
    try:
        writable = os.access(".", os.W_OK, dir_fd=fd)  # also false on a read-only file system, even for root
    finally:
        os.close(fd)
    if not writable:
        _warn(f"read-only:{base}", f"{folder} cannot be written to")
        return None
    _USABLE.add(folder)  # read_cached and keep check the folder again each time: this only spares the warning's work
    return Path(folder)


_USABLE: set[str] = set()


def _trusted(info: os.stat_result, last: bool) -> bool:
    """A folder on the way to the cache: the user's or root's, and writable by nobody else (except a
    sticky one above the cache, where nobody else can rename what is not theirs)."""
    uid = os.geteuid()
    if info.st_uid not in (0, uid) or not stat.S_ISDIR(info.st_mode):
        return False
    if last:
        return info.st_uid == uid and not info.st_mode & _WRITABLE_BY_OTHERS
    return not info.st_mode & _WRITABLE_BY_OTHERS or bool(info.st_mode & stat.S_ISVTX)


def _open_folder(path: str, create: bool = False) -> int | None:
    """A descriptor of the folder at `path` (absolute, without symlinks), opened from `/` one folder
    at a time without following symlinks, each checked by `_trusted`; None if one is not trusted
    (or, unless `create`, missing)."""
    names = [n for n in path.split("/") if n]
    fd = os.open("/", _FOLDER)
    try:
        if not _trusted(os.fstat(fd), last=not names):
            return None
        for i, name in enumerate(names):
            try:
                child = os.open(name, _FOLDER, dir_fd=fd)
            except FileNotFoundError:
                if not create:
                    return None
                try:
                    os.mkdir(name, 0o700, dir_fd=fd)
                except FileExistsError:
                    pass
                child = os.open(name, _FOLDER, dir_fd=fd)
            except OSError as e:
                if e.errno in (errno.ELOOP, errno.ENOTDIR):  # a symlink put in its place, or a file
                    return None
                raise
            os.close(fd)
            fd = child
            if not _trusted(os.fstat(fd), last=i == len(names) - 1):
                return None
        opened, fd = fd, -1  # the caller's to close
        return opened
    finally:
        if fd >= 0:
            os.close(fd)


def _entry_name(key: str) -> str:
    if not key or "/" in key or key.startswith("."):
        raise ValueError(f"not a cache key: {key!r}")
    return key


def read_cached(folder: Path | None, key: str) -> bytes | None:
    """What was kept under `key`, or None: no cache, nothing kept, a folder or entry someone else
    could have written, or an entry whose bytes are not the ones that were kept (made again)."""
    return _entry_body(_read_entry(folder, _entry_name(key)) if folder is not None else None)


def _entry_body(found: tuple[bytes, os.stat_result] | None) -> bytes | None:
    """An entry's bytes without its header, if they are the ones that were kept."""
    if found is None:
        return None
    data = found[0]
    head, digest, body = data[:len(_ENTRY)], data[len(_ENTRY):len(_ENTRY) + _DIGEST], data[len(_ENTRY) + _DIGEST:]
    if head != _ENTRY or hashlib.sha256(body).digest() != digest:
        return None
    return body


def _read_entry(folder: Path, name: str) -> tuple[bytes, os.stat_result] | None:
    """The bytes of the file `name` in the cache folder, and its status, if the folder is trusted and
    the file is a regular file of the user's (not a symlink); None otherwise."""
    with _opened(folder) as fd:
        return _read_in(fd, name) if fd is not None else None


_HELD = threading.local()  # .folders: path -> descriptor, while this thread's build holds them


@contextmanager
def held_folders():
    """Within, each cache folder is opened and checked once and its descriptor kept (forked workers
    inherit it), not once an entry: a build reads a share card's entry and file and links the file,
    thousands of times. Outside, every use opens and checks the folder again, so a long-running serve
    sees a folder deleted or replaced between builds."""
    if getattr(_HELD, "folders", None) is not None:  # an outer build holds them
        yield
        return
    _HELD.folders = {}
    try:
        yield
    finally:
        held, _HELD.folders = _HELD.folders, None
        for fd in held.values():
            os.close(fd)


@contextmanager
def _opened(folder: Path | str, create: bool = False):
    """A descriptor of the cache folder, opened and checked as _open_folder does (or the one a build
    holds), or None."""
    path, held = str(folder), getattr(_HELD, "folders", None)
    if held is not None and path in held:
        yield held[path]
        return
    try:
        fd = _open_folder(path, create)
    except OSError:
        fd = None
    if fd is not None and held is not None:
        held[path] = fd
        yield fd
        return
    try:
        yield fd
    finally:
        if fd is not None:
            os.close(fd)


def _read_in(fd: int, name: str) -> tuple[bytes, os.stat_result] | None:
    """_read_entry's answer for the file `name` in the folder `fd` holds."""
    try:
        entry = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=fd)
        with os.fdopen(entry, "rb") as f:
            info = os.fstat(f.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid():
                return None
            return f.read(), info
    except OSError:
        return None


def keep(folder: Path | None, key: str, data: bytes) -> None:
    """Keep `data` under `key`, whole or not at all: a build running beside never reads half a file,
    a crash leaves the old entry or the new one, and a full disk only means the next build makes it again."""
    if folder is not None:
        _write_entry(folder, _entry_name(key), _ENTRY + hashlib.sha256(data).digest() + data, 0o600)


def _write_entry(folder: Path, name: str, data: bytes, mode: int) -> os.stat_result | None:
    """Write the file `name` whole (a temporary file, fsynced, renamed over the old one); its status,
    or None if it could not be written."""
    partial = f".{name}.{os.getpid()}.{os.urandom(4).hex()}"
    with _opened(folder, create=True) as fd:  # made again if it was deleted since (serve)
        return None if fd is None else _write_in(fd, folder, name, partial, data, mode)


def _write_in(fd: int, folder: Path, name: str, partial: str, data: bytes, mode: int) -> os.stat_result | None:
    """_write_entry's work in the folder `fd` holds."""
    try:
        out = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600, dir_fd=fd)
        try:
            with os.fdopen(out, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
                if mode != 0o600:
                    os.fchmod(f.fileno(), mode)
                info = os.fstat(f.fileno())
            os.replace(partial, name, src_dir_fd=fd, dst_dir_fd=fd)
            return info
        except OSError:
            os.unlink(partial, dir_fd=fd)
            raise
    except OSError as e:
        if e.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            _warn(f"read-only:{os.path.dirname(os.path.dirname(folder))}", f"{folder} cannot be written to")
        return None


@dataclass(frozen=True)
class CachedFile:
    """A linkable entry, checked: its bytes, and where the file that holds them is, to be placed in
    the site by a hard link (place) rather than written again."""

    data: bytes
    folder: str
    name: str
    identity: tuple[int, int, int, int]  # the checked file's device, inode, size and modification time


def _identity(info: os.stat_result) -> tuple[int, int, int, int]:
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns


def _file_name(digest: str) -> str:
    return f"file-{digest}"


def _published_mode() -> int:
    """A linkable entry's mode, which the site's file shares: readable as any file the site publishes
    (0444 under the usual umask 022), and writable by nobody, so that nobody edits it in place."""
    return 0o444 & ~umask()


def keep_file(folder: Path | None, key: str, data: bytes) -> CachedFile | None:
    """Keep `data` as a linkable entry found by `key`: the file first, then the entry naming it, each
    written whole. The kept file, or None (no cache, or it could not be written)."""
    if folder is None:
        return None
    digest = hashlib.sha256(data).hexdigest()
    name = _file_name(digest)
    info = _write_entry(folder, name, data, _published_mode())
    if info is None:
        return None
    keep(folder, key, digest.encode())
    return CachedFile(data, str(folder), name, _identity(info))


def read_cached_file(folder: Path | None, key: str) -> CachedFile | None:
    """The linkable entry kept under `key`, checked as read_cached checks an entry (a trusted folder,
    a regular file of the user's) and against the digest it is named by; None otherwise."""
    if folder is None:
        return None
    with _opened(folder) as fd:  # the entry and the file it names, in one opening of the folder
        name = _named(_entry_body(_read_in(fd, _entry_name(key)))) if fd is not None else None
        found = _read_in(fd, name) if name is not None else None
    if found is None or _file_name(hashlib.sha256(found[0]).hexdigest()) != name:
        return None
    return CachedFile(found[0], str(folder), name, _identity(found[1]))


def cached_file_name(folder: Path | None, key: str) -> str | None:
    """The name of the linkable entry kept under `key` (named by the SHA-256 of its bytes), without
    reading the file: for a reader that holds those bytes already under that name."""
    return _named(read_cached(folder, key))


def _named(pointer: bytes | None) -> str | None:
    """The file a linkable entry's pointer names, if it is a digest."""
    return _file_name(pointer.decode("ascii")) if pointer is not None and re.fullmatch(rb"[0-9a-f]{64}", pointer) else None


def place(cached: CachedFile, target: str) -> bool:
    """Hard-link the checked file to `target` (a path that does not exist yet); False, with nothing
    left at `target`, where that cannot be done (another file system, a file system without links,
    too many links) or the entry is no longer the file that was checked (replaced since): the
    caller then writes cached.data."""
    with _opened(cached.folder) as fd:
        if fd is None:
            return False
        try:
            os.link(cached.name, target, src_dir_fd=fd, follow_symlinks=False)
        except OSError:
            return False
    if _identity(os.lstat(target)) != cached.identity:
        os.unlink(target)
        return False
    return True


def cached_text(name: str, key: str, make) -> str:
    """The text kept under `key` in the private cache folder `name`, or `make()`'s, kept there."""
    folder = private_cache_folder(name)
    cached = read_cached(folder, key)
    if cached is not None:
        try:
            return cached.decode("utf-8")
        except UnicodeDecodeError:
            pass
    made = make()
    keep(folder, key, made.encode("utf-8"))
    return made


def cache_key(*inputs) -> str:
    """The name an entry is kept under: the digest of everything it was made from (JSON-able values)."""
    return hashlib.sha256(json.dumps(inputs, ensure_ascii=False).encode()).hexdigest()


@lru_cache(maxsize=None)
def code_digest(path: str) -> str:
    """A module's source, as one of the inputs of what it makes: changing the code makes it anew."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
