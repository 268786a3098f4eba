"""The user's private cache folder, for what the build can skip making again (compiled templates,
the converted zh-Hant messages), each kept under a name derived from everything it was made from.

Shared infrastructure: content/ and every stage may keep things here; it imports none of them."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from functools import lru_cache
from pathlib import Path


def private_cache_folder(name: str) -> Path | None:
    """A folder for the build's cache, or None to work without one.

    The cache holds what the build runs or shows, so it lives in the user's own cache folder
    ($XDG_CACHE_HOME or ~/.cache), never in the shared temporary folder, and is used only if it is
    a real folder owned by the user that nobody else can write to.
    """
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folder = base / "reportsite" / name
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.lstat(folder)
    except OSError:
        return None
    private = stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    return folder if private else None


def read_cached(folder: Path | None, key: str) -> bytes | None:
    """What was kept under `key`, or None (no cache, nothing kept, or unreadable)."""
    if folder is None:
        return None
    try:
        return (folder / key).read_bytes()
    except OSError:
        return None


def keep(folder: Path | None, key: str, data: bytes) -> None:
    """Keep `data` under `key`, whole or not at all: a build running beside never reads half a file,
    and a full disk only means the next build makes it again."""
    if folder is None:
        return
    partial = folder / f".{key}.{os.getpid()}"
    try:
        partial.write_bytes(data)
        os.replace(partial, folder / key)
    except OSError:
        partial.unlink(missing_ok=True)


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
