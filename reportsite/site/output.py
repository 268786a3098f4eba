"""Writing pass: the site is written into a folder beside the output (or held in memory) and swapped in whole."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from ..cache import CachedFile, place
from ..errors import OutputProblem, UnsafeOutputPath
from ..swap import exchange, umask, write_bytes


@dataclass(frozen=True)
class HeldFile:
    """A file that the tree said it holds already (held), by its name there: nothing to read again."""

    name: str


class OutputTree:
    """Files of the site by relative path; refuses any path that would land outside the site.

    In memory by default (check, tests); given a folder, it writes each file as it comes, so a large
    site never has to fit in memory — into a staging folder that is swapped in at the end.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self.files: dict[str, bytes] = {}
        self.paths: set[str] = set()
        self.bytes = 0
        self._made: set[str] = set()  # folders already created: one mkdir per folder, not per file

    @staticmethod
    def check_path(path: str) -> None:
        # As PurePosixPath(path) judges it (absolute, or a ".." part), in string operations: a build
        # checks a hundred thousand paths, and parsing each into a path object took a quarter second.
        if not path or path[0] == "/" or "\\" in path or "\x00" in path or ".." in path.split("/"):
            raise UnsafeOutputPath(f"refusing to write {path!r}: it is outside the output folder; nothing was replaced "
                                   "(a template or an ID in content makes this path)")

    def reserve(self, paths: list[str]) -> None:
        """Claim paths that another process will write, so that no two things land on one file."""
        for path in paths:
            self.check_path(path)
            if path in self.paths:
                raise UnsafeOutputPath(f"refusing to write {path!r} twice: two pages or files would share it; nothing was replaced "
                                       "(a template, an ID in content or a static file makes this path)")
            self.paths.add(path)

    def add(self, path: str, data: str | bytes | CachedFile, reserved: bool = False) -> None:
        """A file of the site. A file from the private cache (a share card) is linked to the cache's
        file where both are on one file system (see cache.place), and written otherwise."""
        if not reserved:
            self.reserve([path])
        cached = data if isinstance(data, CachedFile) else None
        data = cached.data if cached is not None else data.encode("utf-8") if isinstance(data, str) else data
        self.bytes += len(data)
        if self.folder is None:
            self.files[path] = data
            return
        target = os.path.join(self.folder, path)
        _make_parent(target, self._made)
        if cached is None or not place(cached, target):
            write_bytes(target, data)

    def read(self, path: str) -> bytes:
        return self.files[path] if self.folder is None else (self.folder / path).read_bytes()

    def digests_of(self, paths: list[str]) -> dict[str, str]:
        """What a later build needs to reuse these files; a tree that cannot reuse keeps nothing."""
        return {}

    def remembered(self, name: str, paths: list[str], context: list[str]) -> list[str] | None:
        """The digests of `paths` that remember() noted under `name` for the same paths and context, in a
        tree that keeps them (serve's); None elsewhere."""
        return None

    def remember(self, name: str, paths: list[str], context: list[str]) -> None:
        """Note the digests of `paths` under `name` for a later build's tree (serve's keeps them)."""

    def reuse(self, path: str, digest: str) -> bool:
        """Name a file of an earlier build at `path` again, if the tree still holds it."""
        return False

    held = None  # name -> whether the tree holds the private cache's file of that name (serve's does), or None

    def adopt(self, files: dict[str, str]) -> None:
        raise ValueError("only a BlobTree can reuse the files of an earlier build")


def _make_parent(target: str, made: set[str]) -> None:
    """The folder of a file about to be written, in as few system calls as it takes: a mkdir for a
    folder not yet in `made`, then the file's open, write and close (swap.write_bytes: pathlib's
    write_bytes adds a buffered writer and path parsing, which cost more than the writing itself for
    a page of a few kilobytes)."""
    parent = os.path.dirname(target)
    if parent not in made:
        try:
            os.mkdir(parent)
        except FileExistsError:
            pass
        except FileNotFoundError:
            os.makedirs(parent, exist_ok=True)
        made.add(parent)


class BlobTree(OutputTree):
    """The site as path -> digest, each file's bytes stored once under its digest in `store`.

    What `serve` keeps: the bytes stay on disk, memory holds a short name per file, and a rebuild
    reuses an unchanged report's files by their digests without reading or rendering them again.
    """

    def __init__(self, store: Path) -> None:
        super().__init__(None)
        self.store = store
        self.digests: dict[str, str] = {}

    def add(self, path: str, data: str | bytes | CachedFile | HeldFile, reserved: bool = False) -> None:
        """A file; one from the private cache (a share card) is stored under the cache's name for it,
        which is the SHA-256 of its bytes, so that a later build can name it without reading it (held)."""
        if not reserved:
            self.reserve([path])
        if isinstance(data, HeldFile):
            self.digests[path] = data.name
            return
        digest = data.name if isinstance(data, CachedFile) else None
        data = data.data if isinstance(data, CachedFile) else data.encode("utf-8") if isinstance(data, str) else data
        self.bytes += len(data)
        digest = digest or hashlib.blake2b(data, digest_size=16).hexdigest()
        blob = self.store / digest
        if not blob.exists():
            partial = self.store / f".{digest}.{os.getpid()}"
            partial.write_bytes(data)
            os.replace(partial, blob)  # a request never sees half a file
        self.digests[path] = digest

    def read(self, path: str) -> bytes:
        return (self.store / self.digests[path]).read_bytes()

    def snapshot(self) -> "BlobTree":
        """The files as they are now, in a tree of their own that later additions leave alone."""
        copy = BlobTree(self.store)
        copy.digests = dict(self.digests)
        return copy

    def held(self, name: str) -> bool:
        """Whether the store holds the private cache's file `name` (stored by an earlier build: serve
        sweeps a build's unnamed files before the next build starts, so it stays until added again)."""
        return (self.store / name).exists()

    def digests_of(self, paths: list[str]) -> dict[str, str]:
        return {path: self.digests[path] for path in paths}

    def remembered(self, name: str, paths: list[str], context: list[str]) -> list[str] | None:
        memo = self.store / f"memo-{name}.json"
        try:
            kept = json.loads(memo.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return kept["digests"] if kept.get("paths") == paths and kept.get("context") == context else None

    def remember(self, name: str, paths: list[str], context: list[str]) -> None:
        digests = [self.digests.get(path, "") for path in paths]
        memo = {"paths": paths, "context": context, "digests": digests}
        (self.store / f"memo-{name}.json").write_text(json.dumps(memo, ensure_ascii=False), encoding="utf-8")

    def reuse(self, path: str, digest: str) -> bool:
        if not digest or not (self.store / digest).exists():
            return False
        self.reserve([path])
        self.digests[path] = digest
        return True

    def adopt(self, files: dict[str, str]) -> None:
        """Take an earlier build's files as they are: their paths were checked when they were written,
        and a report's paths are under its own id, so checking a hundred reports' again is skipped."""
        self.paths.update(files)
        self.digests.update(files)

    def sweep(self, earlier: "BlobTree | None") -> None:
        """Delete the blobs of an earlier build that this one no longer names."""
        named = set(self.digests.values())
        if earlier is None:
            return
        for digest in set(earlier.digests.values()) - named:
            (self.store / digest).unlink(missing_ok=True)


def recover(out: Path) -> None:
    """Finish a swap that a killed build left half done: the previous site comes back.

    Only folders that hold the build's marker are moved or removed: a folder of the user's that
    happens to be called `.site.old` or `.site.new-…` is left as it is.
    """
    for old in sorted(out.parent.glob(f".{out.name}.old*")):
        if not _marked(old) or _running(old.name, ".old-"):
            continue
        if not out.exists():
            os.replace(old, out)
        else:
            shutil.rmtree(old, ignore_errors=True)
    for staging in out.parent.glob(f".{out.name}.new-*"):
        if _running(staging.name, ".new-") or staging.is_symlink():
            continue
        if _marked(staging):
            shutil.rmtree(staging, ignore_errors=True)  # left by a build that was killed
        else:
            try:
                os.rmdir(staging)  # killed before it was marked: empty, so nothing of anyone's is lost
            except OSError:
                pass


def _marked(folder: Path) -> bool:
    """Whether a folder was made by the build: it holds the marker, and is no symlink to elsewhere."""
    return not folder.is_symlink() and folder.is_dir() and (folder / MARKER).is_file()


def _running(name: str, infix: str) -> bool:
    """Whether the build that named a folder `.<out><infix><pid>-…` is still running."""
    pid = name.split(infix, 1)[1].split("-", 1)[0] if infix in name else ""
    return pid.isdigit() and _alive(int(pid))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# Written into every site the build makes: the build replaces a folder only if it holds this file
# (or is empty), so an --out pointing at anything else is refused instead of deleted.
MARKER = ".reportsite-build"
_MARKER_TEXT = "Made by `python build.py`: the next build replaces this whole folder.\n"


def staging_folder(out: Path) -> Path:
    """A fresh folder beside `out` to build the new site in, marked as made by the build.

    mkdtemp makes it private (0700); a site is for a web server that may run as another user, so it
    gets the mode any new folder gets under the user's umask (0755 under the usual 022).
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    recover(out)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-{os.getpid()}-", dir=out.parent))
    os.chmod(staging, 0o777 & ~umask())
    (staging / MARKER).write_text(_MARKER_TEXT, encoding="utf-8")
    return staging


def write_failed(error: OSError, out: Path) -> OutputProblem:
    """A write that failed half way (a full disk): the swap never happened, so the previous site stands."""
    where = f"{error.filename}: " if error.filename else ""
    return OutputProblem(f"cannot write the site: {where}{error.strerror or error}; the previous site in {out} is intact")


def _wait_to_be_killed(step: str) -> None:
    """With REPORTSITE_PAUSE=<step>:<file>, the build writes its pid to <file> at that step of the
    swap and waits there, so that a test can kill it at a known moment instead of after a guessed delay."""
    wanted, _, flag = os.environ.get("REPORTSITE_PAUSE", "").partition(":")
    if wanted == step and flag:
        Path(flag).write_text(str(os.getpid()), encoding="utf-8")
        while True:
            time.sleep(1)


def commit(staging: Path, out: Path) -> None:
    """Swap the finished staging folder in for `out`: a failure at any point leaves the previous site."""
    out = out.resolve()
    _wait_to_be_killed("swap")
    try:
        if out.exists() and exchange(staging, out):
            _wait_to_be_killed("swapped")
            return  # staging now holds the previous site, removed below
        old = None
        if out.exists():
            # A name of its own (not `.site.old`, which may be the user's): the previous site waits there.
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-{os.getpid()}-", dir=out.parent))
            os.replace(out, old)
        _wait_to_be_killed("aside")
        os.replace(staging, out)
        _wait_to_be_killed("swapped")
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
