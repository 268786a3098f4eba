"""Helpers that several test files share: running build.py as a person does, reading a built site
as the build's own tree, and fingerprinting a folder."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from reportsite.site.output import OutputTree

ROOT = Path(__file__).resolve().parent.parent


def run_build_py(*args: str, cwd: Path = ROOT, timeout: float = 300) -> subprocess.CompletedProcess:
    """`python build.py ARGS` from `cwd`, its output captured as text."""
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", timeout=timeout)


class FolderTree(OutputTree):
    """A built site's folder, read as the link checker and the tests read the tree of a build."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.root = folder
        self.paths = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}

    def read(self, path: str) -> bytes:
        return (self.root / path).read_bytes()


def tree_digest(folder: Path) -> dict[str, str]:
    """Every path under `folder` with a hash of its bytes: equal digests mean nothing was touched."""
    out = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        out[rel] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
    return out
