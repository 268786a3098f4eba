"""Writing pass, before anything is written: which --out folders a build may replace.

A build replaces its output folder whole, so it first refuses any folder it did not make: one that
holds or sits in the folders it reads, the current or home folder, the root, a file, a folder
without the build's marker.
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path, PurePosixPath

from ..cache import home_folder
from ..errors import OutputProblem
from .output import MARKER


def check_out_folder(out: Path, sources: dict[str, Path]) -> None:
    """Refuse, before anything is written, an output folder the build must not replace.

    `sources` names the folders the build reads (content, templates, static): the output may be
    neither one of them, nor inside one, nor a folder that holds one. The current folder, the home
    folder and the root are never replaced either, nor a file, nor a folder the build did not make.
    """
    target = out.resolve()
    reason = "it is the root folder" if target == Path(target.anchor) else _protected(target, {name: path.resolve() for name, path in sources.items()})
    hint = "choose a new or empty folder, e.g. site"
    if reason is None and target.exists():
        if not target.is_dir():
            reason = "it is a file"
        elif not (target / MARKER).is_file() and any(target.iterdir()):
            reason = f"it holds files that no build made (a site made by the build has a {MARKER} file)"
            if _earlier_site(target):
                # Deleting on a guess is what the marker exists to prevent: the person decides.
                reason = f"it has no {MARKER} file, but looks like a site made by an earlier version of build.py"
                hint = f"if it is one, remove it with `rm -rf -- {shlex.quote(str(out))}` and build again"
    if reason:
        raise OutputProblem(f"--out {out}: refusing to replace it: {reason}; nothing was touched ({hint})")


# Files every site the build has made holds, and the kinds of file a site is made of.
_SITE_SIGNATURE = ("sitemap.xml", "robots.txt", "404.html", "static/site.js")
_SITE_SUFFIXES = frozenset({".html", ".xml", ".txt", ".json", ".csv", ".png", ".css", ".js", ".webmanifest",
                            ".svg", ".ico", ".gif", ".jpg", ".jpeg", ".webp", ".woff", ".woff2"})


def _earlier_site(folder: Path) -> bool:
    """Whether a folder without the marker looks like a site made before the build wrote one: it has
    the files every site has, and nothing a site never holds (a hidden file such as .git, a
    symlink, code, YAML outside a report's source/) in any folder it can read."""
    if not all((folder / name).is_file() for name in _SITE_SIGNATURE):
        return False
    unreadable = []
    for root, dirs, files in os.walk(folder, onerror=unreadable.append):
        here = Path(root)
        rel = here.relative_to(folder)
        if any(name.startswith(".") or (here / name).is_symlink() for name in dirs + files):
            return False
        if not all(_site_file(PurePosixPath(rel.as_posix(), name)) for name in files):
            return False
    return not unreadable


def _site_file(rel: PurePosixPath) -> bool:
    """Whether a file at `rel` in a site is of a kind the build writes."""
    if rel.suffix == ".yaml":
        return len(rel.parts) > 2 and rel.parts[1] == "source"  # a report's own files, <id>/source/…
    if rel.parts[0] == "static" and not rel.suffix:
        return True  # licence files of vendored scripts
    return rel.suffix in _SITE_SUFFIXES


def _protected(target: Path, sources: dict[str, Path]) -> str | None:
    """Why `target` is a folder no build may replace, or None."""
    for name, folder in sources.items():
        if target == folder or target in folder.parents:
            return f"it {'is' if target == folder else 'holds'} the {name} folder"
        if folder in target.parents:
            return f"it is inside the {name} folder"
    known = {"current": str(Path.cwd()), "home": home_folder()}  # no home for a user without HOME or a passwd entry
    for name, folder in ((name, Path(path).resolve()) for name, path in known.items() if path):
        if target == folder or target in folder.parents:
            return f"it {'is' if target == folder else 'holds'} the {name} folder"
    return None
