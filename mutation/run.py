"""Mutation testing with cosmic-ray, on a copy of the project, so that no mutant ever lands in the work tree.

    python mutation/run.py TARGET [--module PATH] [--tests PATHS] [--sample N --seed S] [--resume | --retest]

TARGET is one of the configurations beside this file (ingest, output, search): the code it mutates
and a fast subset of the tests that exercise it. --module narrows a run to one module of the target
(reportsite/ingest/verify.py), --tests to that module's own tests (tests/test_verify.py); --sample N
tries only N mutants drawn at random (--seed makes the draw repeatable) and skips the others. Each
run keeps its session in .mutation/NAME.sqlite (NAME: the target, or target-module): --resume goes on
where an interrupted run stopped, --retest runs the kept session's survivors again (after tests were
added). The report lists the survivors and ends with a row of scores.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import toml

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("reportsite", "tests", "content", "templates", "static", "seeds", "examples", "build.py", "pyproject.toml")


def copy_project(dest: Path) -> None:
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / name)


def keep_sample(session: Path, size: int, seed: int) -> None:
    """Mark every mutant of the session but `size` drawn with `seed` as skipped."""
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import WorkerOutcome, WorkResult

    with use_db(str(session), WorkDB.Mode.open) as db:
        jobs = sorted(item.job_id for item in db.pending_work_items)
        kept = set(random.Random(seed).sample(jobs, min(size, len(jobs))))
        skipped = WorkResult(output=f"not in the sample of {size} (seed {seed})", worker_outcome=WorkerOutcome.SKIPPED)
        for job in jobs:
            if job not in kept:
                db.set_result(job, skipped)


def retest_survivors(session: Path, test_command: str, timeout: float) -> None:
    """Run the tests again on every mutant that survived, and keep the new outcome (from the copy's folder)."""
    from cosmic_ray.mutating import mutate_and_test
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import TestOutcome

    with use_db(str(session), WorkDB.Mode.open) as db:
        survivors = [item for item, result in db.completed_work_items if result.test_outcome == TestOutcome.SURVIVED]
        for item in survivors:
            db.set_result(item.job_id, mutate_and_test(item.mutations, test_command, timeout))


def scores(session: Path) -> str:
    """One Markdown row per module: mutants, tried, killed, timed out, survived, score (killed / tried)."""
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import TestOutcome, WorkerOutcome

    rows: dict[str, list[int]] = {}
    with use_db(str(session), WorkDB.Mode.open) as db:
        for item in db.work_items:
            rows.setdefault(item.mutations[0].module_path, [0] * 5)[0] += 1
        for item, result in db.completed_work_items:
            row = rows[item.mutations[0].module_path]
            if result.worker_outcome == WorkerOutcome.SKIPPED:
                continue
            row[1] += 1
            if result.test_outcome == TestOutcome.SURVIVED:
                row[4] += 1
            elif result.output == "timeout":
                row[3] += 1
            else:
                row[2] += 1
    lines = ["| module | mutants | tried | killed | timeout | survived | score |", "|---|---|---|---|---|---|---|"]
    for module, (total, tried, killed, timeout, survived) in sorted(rows.items()):
        score = f"{(killed + timeout) / tried:.0%}" if tried else "–"
        lines.append(f"| `{module}` | {total} | {tried} | {killed} | {timeout} | {survived} | {score} |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    targets = sorted(p.stem for p in Path(__file__).parent.glob("*.toml"))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", choices=targets)
    parser.add_argument("--module", help="mutate only this module of the target")
    parser.add_argument("--tests", help="run only these test files (space-separated) on each mutant")
    parser.add_argument("--sample", type=int, help="try only this many mutants, drawn at random")
    parser.add_argument("--seed", type=int, default=0, help="the seed of the random draw (default 0)")
    parser.add_argument("--resume", action="store_true", help="go on with the kept session")
    parser.add_argument("--retest", action="store_true", help="run the kept session's survivors again")
    parser.add_argument("--scores", action="store_true", help="print the kept session's scores and stop")
    args = parser.parse_args(argv)

    work = ROOT / ".mutation"
    name = args.target + (f"-{Path(args.module).stem}" if args.module else "")
    tree, session = work / name, work / f"{name}.sqlite"
    if args.scores:
        print(scores(session))
        return 0
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
    if args.retest:
        os.chdir(tree)
        os.environ.update(env)
        retest_survivors(session, config["cosmic-ray"]["test-command"], config["cosmic-ray"]["timeout"])
        print(scores(session))
        return 0
    if not (args.resume and session.exists()):
        session.unlink(missing_ok=True)
        cosmic_ray("baseline", "mutation.toml")  # the tests pass on the code as it is
        cosmic_ray("init", "mutation.toml", str(session))
        if args.sample is not None:
            keep_sample(session, args.sample, args.seed)
    cosmic_ray("exec", "mutation.toml", str(session))
    subprocess.run([sys.executable, "-m", "cosmic_ray.tools.report", "--surviving-only", str(session)], check=True)
    print(scores(session))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
