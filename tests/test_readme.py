"""The README stays honest: every command it documents exists and answers --help."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_quick_start_is_two_make_commands_that_the_makefile_defines():
    block = README.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["make site", "make test"]
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^site:", makefile, re.M) and re.search(r"^test:", makefile, re.M)


def test_ci_runs_exactly_the_readme_test_command():
    assert (ROOT / ".ci" / "run").read_text().rstrip().splitlines()[-1] == "make test"


def test_ci_runs_the_tests_with_a_new_empty_cache_folder():
    lines = (ROOT / ".ci" / "run").read_text().rstrip().splitlines()
    assert lines[-3:] == ['XDG_CACHE_HOME="$(mktemp -d)"', "export XDG_CACHE_HOME", "make test"]


def test_every_documented_command_answers_help():
    documented = set(re.findall(r"`python build.py (import|check|serve|build)\b", README))
    assert documented == {"import", "check", "serve", "build"}
    for command in sorted(documented):
        result = subprocess.run([sys.executable, str(ROOT / "build.py"), command, "--help"], capture_output=True, text=True, cwd=ROOT)
        assert result.returncode == 0, result.stderr
        for option in re.findall(rf"`python build.py {command} [^`]*`", README):
            for flag in re.findall(r"--[a-z-]+", option):
                assert flag in result.stdout, f"{command} {flag}"
