"""Profile the build at N reports (default 30) with cProfile and, when installed, pyinstrument.

    .venv/bin/python bench/profile_build.py [--reports 30] [--top 30]

The build runs in this one process (`build_site(..., processes=1)`), so the render pass's work shows
instead of hiding in forked workers. Prints the top functions by own time and by cumulative time;
findings go in bench/PROFILE.md.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import import_all, make_project  # noqa: E402  (also puts the project on sys.path)

from reportsite.build import build_site  # noqa: E402


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=30)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="reportsite-profile-"))
    try:
        project = work / "project"
        seeds = make_project(project, args.reports, args.seed)
        import_all(project / "content", seeds)

        def build(out: str) -> float:
            started = time.perf_counter()
            build_site(project / "content", project / out, project / "templates", project / "static", processes=1)
            return time.perf_counter() - started

        print(f"unprofiled build, one process: {build('site-plain'):.2f}s")
        profiler = cProfile.Profile()
        profiler.enable()
        build("site-cprofile")
        profiler.disable()
        total = pstats.Stats(profiler).total_tt
        for key in ("tottime", "cumulative"):
            text = io.StringIO()
            pstats.Stats(profiler, stream=text).sort_stats(key).print_stats(args.top)
            print(f"\n==== cProfile by {key} (total {total:.2f}s) ====")
            print(text.getvalue().split("\n", 6)[-1])
        try:
            from pyinstrument import Profiler
        except ImportError:
            print("pyinstrument not installed; pip install -e '.[bench]'")
            return 0
        profiler = Profiler(interval=0.002)
        profiler.start()
        build("site-pyinstrument")
        profiler.stop()
        print("\n==== pyinstrument ====")
        print(profiler.output_text(unicode=True, color=False, show_all=False))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
