"""Profile the build at N reports (default 30) with cProfile and pyinstrument.

    .venv/bin/python bench/profile_build.py [--reports 30] [--top 30]

Each build runs in a fresh process, as `python build.py` does (caches kept in memory, such as share
cards, start empty), but in one process (`build_site(..., processes=1)`) so that the render pass's
work shows instead of hiding in forked workers. First a plain build with its pass timings, then one
under cProfile (top functions by own and by cumulative time), then one under pyinstrument (call
tree). Both profilers slow call-heavy code (Jinja) more than the rest; the plain build's pass
timings are the true proportions. Findings go in bench/PROFILE.md.
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import import_all, make_project  # noqa: E402  (also puts the project on sys.path)


def child(mode: str, project: Path, top: int) -> None:
    from reportsite.site.build import build_site

    def build() -> float:
        started = time.perf_counter()
        build_site(project / "content", project / f"site-{mode}", project / "templates", project / "static",
                   processes=1, log=print if mode == "plain" else lambda message: None)
        return time.perf_counter() - started

    if mode == "plain":
        print(f"plain build, one process: {build():.2f}s")
    elif mode == "cprofile":
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        build()
        profiler.disable()
        total = pstats.Stats(profiler).total_tt
        for key in ("tottime", "cumulative"):
            text = io.StringIO()
            pstats.Stats(profiler, stream=text).sort_stats(key).print_stats(top)
            print(f"==== cProfile by {key} (total {total:.2f}s) ====")
            print(text.getvalue().split("\n", 6)[-1].replace(str(project), "<project>"))
    else:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.002)
        profiler.start()
        build()
        profiler.stop()
        print("==== pyinstrument ====")
        print(profiler.output_text(unicode=True, color=False).replace(str(project), "<project>"))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=30)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--child", nargs=2, metavar=("MODE", "PROJECT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child[0], Path(args.child[1]), args.top)
        return 0
    work = Path(tempfile.mkdtemp(prefix="reportsite-profile-"))
    try:
        project = work / "project"
        seeds = make_project(project, args.reports, args.seed)
        import_all(project / "content", seeds)
        modes = ["plain", "cprofile"]
        try:
            import pyinstrument  # noqa: F401

            modes.append("pyinstrument")
        except ImportError:
            print("pyinstrument not installed (pip install -e '.[bench]'): its call tree is skipped")
        for mode in modes:
            sys.stdout.flush()
            subprocess.run([sys.executable, __file__, "--top", str(args.top), "--child", mode, str(project)], check=True, cwd=project)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
