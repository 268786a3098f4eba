"""Mutation testing with cosmic-ray, on a copy of the project, so that no mutant ever lands in the work tree.

    python mutation/run.py TARGET [--module PATH] [--tests PATHS] [--resume]

TARGET is one of the configurations beside this file (ingest, output, search): the code it mutates
and a fast subset of the tests that exercise it. --module narrows a run to one module of the target
(reportsite/ingest/verify.py), --tests to that module's own tests (tests/test_verify.py). The session is kept in .mutation/TARGET.sqlite: --resume goes on
where an interrupted run stopped. The report ends with the share of mutants the tests killed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

import toml

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("reportsite", "tests", "content", "templates", "static", "seeds", "build.py", "pyproject.toml")


def copy_project(dest: Path) -> None:
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / name)


def main(argv: list[str]) -> int:
    targets = sorted(p.stem for p in Path(__file__).parent.glob("*.toml"))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", choices=targets)
    parser.add_argument("--module", help="mutate only this module of the target")
    parser.add_argument("--tests", help="run only these test files (space-separated) on each mutant")
    parser.add_argument("--resume", action="store_true", help="go on with the kept session")
    args = parser.parse_args(argv)

    work = ROOT / ".mutation"
    tree, session = work / args.target, work / f"{args.target}.sqlite"
    config = toml.loads((Path(__file__).parent / f"{args.target}.toml").read_text(encoding="utf-8"))
    if args.module:
        config["cosmic-ray"]["module-path"] = args.module
    if args.tests:
        config["cosmic-ray"]["test-command"] = f"python -m pytest -x -q -p no:cacheprovider {args.tests}"
    config["cosmic-ray"]["test-command"] = config["cosmic-ray"]["test-command"].replace("python ", f"{sys.executable} ", 1)
    env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONDONTWRITEBYTECODE": "1"}

    def cosmic_ray(*command: str) -> None:
        subprocess.run([sys.executable, "-m", "cosmic_ray.cli", *command], cwd=tree, env=env, check=True)

    # Copied afresh even to resume: a run that was killed leaves its last mutant in the copy.
    copy_project(tree)
    (tree / "mutation.toml").write_text(toml.dumps(config), encoding="utf-8")
    if not (args.resume and session.exists()):
        session.unlink(missing_ok=True)
        cosmic_ray("baseline", "mutation.toml")  # the tests pass on the code as it is
        cosmic_ray("init", "mutation.toml", str(session))
    cosmic_ray("exec", "mutation.toml", str(session))
    subprocess.run([sys.executable, "-m", "cosmic_ray.tools.report", "--surviving-only", str(session)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
