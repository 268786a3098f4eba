"""requirements.lock pins every package the project and its tests need, with hashes, and make installs from it."""

from __future__ import annotations

import os
import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements.lock"


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked() -> dict[str, tuple[str, list[str]]]:
    """Package -> (pinned version, its hashes)."""
    pins: dict[str, tuple[str, list[str]]] = {}
    current = None
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        if m := re.match(r"([A-Za-z0-9._-]+)==([^ \\]+)", line):
            current = canonical(m.group(1))
            pins[current] = (m.group(2), [])
        elif m := re.match(r"\s+--hash=sha256:([0-9a-f]{64})", line):
            pins[current][1].append(m.group(1))
    return pins


def test_every_requirement_of_the_project_and_its_tests_is_pinned_with_hashes():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wanted = project["project"]["dependencies"] + project["project"]["optional-dependencies"]["test"]
    wanted += project["build-system"]["requires"]
    pins = locked()
    for requirement in wanted:
        name = canonical(re.match(r"[A-Za-z0-9._-]+", requirement).group(0))
        assert name in pins, f"{name} is not in requirements.lock (run make lock)"
    assert all(hashes for _, hashes in pins.values()), [name for name, (_, hashes) in pins.items() if not hashes]


def test_make_installs_the_locked_packages_and_nothing_else():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("$(STAMP):", 1)[1].split("\n\n", 1)[0]
    installs = [line.strip() for line in recipe.splitlines() if "pip install" in line]
    assert installs == ["$(PY) -m pip install -q --require-hashes --no-deps -r requirements.lock",
                        "$(PY) -m pip install -q --no-deps --no-build-isolation -e ."]


@pytest.mark.skipif(not os.environ.get("CI"), reason="a developer's environment may hold other versions; CI's is made by make")
def test_under_ci_the_installed_packages_are_the_locked_versions():
    build_only = {"setuptools"}  # what builds the project; a venv made otherwise holds its own
    wrong = {name: (version, metadata.version(name)) for name, (version, _) in locked().items()
             if name not in build_only and metadata.version(name) != version}
    assert wrong == {}
