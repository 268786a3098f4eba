"""Static files as the site serves them: script modules import each other at the site's asset version.

A page asks for `static/site.js?v=<version>`, so that a reader's browser never mixes a new build's
files with an old one's; the modules that script imports are asked for by the address its `import`
names. The build adds the same version to every relative import, so they change together.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

# `import … from "./x.js"`, `import "./x.js"`, `import("./x.js")` and `export … from "./x.js"`.
_IMPORT = re.compile(rb"""(\b(?:import|from)\s*(?:\(\s*)?)(["'])(\.\.?/[^"'?#\s]+\.js)\2""")


def versioned_imports(source: bytes, version: str) -> bytes:
    """A script module with `?v=<version>` on every relative import; other text is left as it is."""
    tag = b"?v=" + version.encode("ascii")
    return _IMPORT.sub(lambda m: m[1] + m[2] + m[3] + tag + m[2], source)


def static_file(name: str, data: bytes, version: str) -> bytes:
    """The bytes the site serves for the static file `name`."""
    return versioned_imports(data, version) if name.endswith(".js") else data


# The static imports a module runs with (`import … from "./x.js"`, `export … from`, `import "./x.js"`),
# not `import("./x.js")`, which a script asks for only when it needs it.
_STATIC_IMPORT = re.compile(rb"""^\s*(?:import|export)\b[^"'()]*?(["'])(\.\.?/[^"'?#\s]+\.js)\1""", re.M)


def module_graph(static: Path, entry: str) -> tuple[str, ...]:
    """Every module `entry` (a path under static/) imports, directly or through another, in the order
    first met: the page names them all at once (modulepreload), instead of the browser finding them one
    import at a time, a round trip per level."""
    found: list[str] = []
    todo = [entry]
    while todo:
        name = todo.pop(0)
        path = static / name
        source = path.read_bytes() if path.is_file() else b""
        for m in _STATIC_IMPORT.finditer(source):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), m[2].decode()))
            if target not in found and target != entry and not target.startswith("../"):
                found.append(target)
                todo.append(target)
    return tuple(found)
