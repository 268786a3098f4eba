"""The stages stay apart: content/ is the contract every stage reads, and no stage imports another.

Each of the stages that exist (ingest, track, site) may import content/ and the shared modules at
the top of the package (errors, cache, script); content/ imports no stage. cli.py and check.py,
the commands that run the stages, may import them all. Imports are read from the source with ast,
so an import inside a function counts as much as one at the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "reportsite"
STAGES = ("ingest", "track", "site")
LAYERS = ("content",) + STAGES


def imported_layers(path: Path) -> set[str]:
    """The subpackages of reportsite (content, ingest, track, site) that the module at `path` imports."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    package = parts[:-1] if parts[-1] != "__init__" else parts
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                names = [(*base, *node.module.split("."))] if node.module else [(*base, alias.name) for alias in node.names]
            else:
                names = [tuple(node.module.split("."))] + [(*node.module.split("."), alias.name) for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [tuple(alias.name.split(".")) for alias in node.names]
        else:
            continue
        found |= {name[1] for name in names if len(name) > 1 and name[0] == "reportsite" and name[1] in LAYERS}
    return found


def modules_of(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


def present() -> list[str]:
    return [layer for layer in LAYERS if (PACKAGE / layer).is_dir()]


@pytest.mark.parametrize("layer", present())
def test_a_layer_imports_only_itself_and_content(layer):
    allowed = {layer} if layer == "content" else {layer, "content"}
    wrong = {path.relative_to(PACKAGE).as_posix(): sorted(imported_layers(path) - allowed) for path in modules_of(layer)}
    assert {path: layers for path, layers in wrong.items() if layers} == {}


def test_the_check_sees_relative_absolute_and_late_imports(tmp_path, monkeypatch):
    monkeypatch.setattr(__import__(__name__, fromlist=["PACKAGE"]), "PACKAGE", tmp_path / "reportsite")
    sneaky = tmp_path / "reportsite" / "content" / "sneaky.py"
    sneaky.parent.mkdir(parents=True)
    sneaky.write_text("from . import model\n\ndef f():\n    from ..site.build import build\n    import reportsite.ingest.store\n", encoding="utf-8")
    assert imported_layers(sneaky) == {"content", "site", "ingest"}


def test_shared_modules_import_no_layer():
    """errors, cache, script and swap are the infrastructure under every layer: they import none."""
    for name in ("errors", "cache", "script", "swap"):
        assert imported_layers(PACKAGE / f"{name}.py") == set(), name
