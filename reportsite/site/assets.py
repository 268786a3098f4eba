"""Static files as the site serves them: script modules import each other at the site's asset version.

A page asks for `static/site.js?v=<version>`, so that a reader's browser never mixes a new build's
files with an old one's; the modules that script imports are asked for by the address its `import`
names. The build adds the same version to every relative import, so they change together.
"""

from __future__ import annotations

import re

# `import … from "./x.js"`, `import "./x.js"`, `import("./x.js")` and `export … from "./x.js"`.
_IMPORT = re.compile(rb"""(\b(?:import|from)\s*(?:\(\s*)?)(["'])(\.\.?/[^"'?#\s]+\.js)\2""")


def versioned_imports(source: bytes, version: str) -> bytes:
    """A script module with `?v=<version>` on every relative import; other text is left as it is."""
    tag = b"?v=" + version.encode("ascii")
    return _IMPORT.sub(lambda m: m[1] + m[2] + m[3] + tag + m[2], source)


def static_file(name: str, data: bytes, version: str) -> bytes:
    """The bytes the site serves for the static file `name`."""
    return versioned_imports(data, version) if name.endswith(".js") else data
