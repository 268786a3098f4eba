"""Typed problems that the command line turns into messages and exit codes.

Shared infrastructure: content/ and every stage (ingest, site) raise these; it imports none of them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


def shown(folder: Path) -> str:
    """A folder as messages name it: from the current folder when it is inside it
    (`examples/content`, a path the reader can open), else by its own name (`content`)."""
    try:
        return Path(folder).resolve().relative_to(Path.cwd().resolve()).as_posix() or folder.name
    except ValueError:
        return folder.name


class ImportProblem(Exception):
    """A raw seed that cannot be imported, with a message a person can act on."""


class OutputProblem(Exception):
    """An output folder the build refuses to touch, or cannot write; the message says what is intact."""


class UnsafeOutputPath(OutputProblem):
    """A file the build was about to write outside the site, or where another file goes: refused
    before it is written, and the build stops before it replaces anything."""


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in user content, printed as `path:line: field: message (hint)`."""

    path: str
    line: int
    field: str
    message: str
    hint: str = ""
    warning: bool = False

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f" {self.field}:" if self.field else ""
        hint = f" ({self.hint})" if self.hint else ""
        kind = "warning: " if self.warning else ""
        return f"{where}:{field} {kind}{self.message}{hint}"


class ContentErrors(Exception):
    """All the problems found in one pass, sorted by file and line."""

    def __init__(self, errors: list[ContentError]):
        self.errors = sorted(errors)
        super().__init__("\n".join(map(str, self.errors)))

    def __reduce__(self):
        return (ContentErrors, (self.errors,))  # so that a rendering process can hand them back
