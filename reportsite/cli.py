"""Command line: turns typed problems into messages and exit codes; library code never prints."""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from .errors import ContentErrors, ImportProblem, OutputProblem

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3


COMMANDS = ("build", "import", "check", "serve")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="build.py", description="Build the report-explorer site from content/.")
    parser.add_argument("--content", default="content", help="content folder (default: content)")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    # The same options after the command too (`build.py build --content DIR`); SUPPRESS keeps a
    # value given before the command from being reset by the subcommand's default.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--content", default=argparse.SUPPRESS, help="content folder (default: content)")
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show tracebacks")
    sub = parser.add_subparsers(dest="command")

    build = sub.add_parser("build", parents=[common], help="render the site (the default command)")
    build.add_argument("--out", default="site", help="output folder (default: site); only a folder the build made, or an empty one, is replaced")
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build.add_argument("--base-url", default=None, help="absolute URL the site is published at (overrides content/site.yaml)")

    imp = sub.add_parser("import", parents=[common], help="import raw reports (text or saved HTML pages) into content/")
    imp.add_argument("paths", nargs="+", metavar="path", help="a raw report file; several files, or a folder of them, import as a batch")
    imp.add_argument("--id", dest="report_id", help="report id of a single file (default: place in pinyin and year, e.g. jiangxian-2022)")
    imp.add_argument("--force", action="store_true", help="replace an imported report's text, keeping its IDs")

    check = sub.add_parser("check", parents=[common], help="validate content, suspicious text, links and translations")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")

    serve = sub.add_parser("serve", parents=[common], help="build in memory, serve on 127.0.0.1 and rebuild on change")
    serve.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000)")
    return parser


def with_command(argv: list[str]) -> list[str]:
    """`build` inserted after the options that come before any command: it is the default command,
    so `build.py --content DIR --out X` means `build.py --content DIR build --out X`."""
    i = 0
    while i < len(argv) and argv[i] not in (*COMMANDS, "-h", "--help"):
        if argv[i] == "--content":
            i += 2
        elif argv[i] == "--debug" or argv[i].startswith("--content="):
            i += 1
        else:
            return [*argv[:i], "build", *argv[i:]]
    return argv if i < len(argv) else [*argv, "build"]


class Progress:
    """A bar on a terminal; on a pipe or log file, a plain line at each quarter of a long build."""

    LONG = 1000  # pages: shorter builds are over before a bar would help

    def __init__(self, stream) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self.quarter = 0

    def __call__(self, done: int, total: int) -> None:
        if total < self.LONG:
            return
        if self.tty:
            filled = 30 * done // total
            self.stream.write(f"\r  rendering [{'#' * filled}{'.' * (30 - filled)}] {done}/{total} pages")
            if done == total:
                self.stream.write("\n")
            self.stream.flush()
        elif 4 * done // total > self.quarter:
            self.quarter = 4 * done // total
            print(f"  rendered {done}/{total} pages", file=self.stream, flush=True)


def _import_batch(paths: list[Path], content: Path, force: bool) -> int:
    """Import every file, a bar while it runs, then a table of what each file became."""
    import time

    from .ingest.batch import batch_table, import_batch

    start = time.perf_counter()
    bar = ImportBar(sys.stderr)
    rows = import_batch(paths, content, force, progress=bar)
    print(batch_table(rows))
    failed = [row for row in rows if row.error]
    for row in rows:
        for w in row.result.warnings if row.result else ():
            print(f"{row.file}: warning: {w}", file=sys.stderr)
    for row in failed:
        print(f"{row.file}: error: {row.error}", file=sys.stderr)
    print(f"{len(rows) - len(failed)} imported, {len(failed)} failed, in {time.perf_counter() - start:.1f}s -> {content}/reports/")
    return EXIT_PROBLEMS if failed or not rows else EXIT_OK


class ImportBar:
    """A bar of files on a terminal; on a pipe or log file, nothing until the table."""

    def __init__(self, stream) -> None:
        self.stream = stream

    def __call__(self, done: int, total: int, name: str) -> None:
        if not self.stream.isatty():
            return
        filled = 30 * done // total
        self.stream.write(f"\r  importing [{'#' * filled}{'.' * (30 - filled)}] {done}/{total} {name[:30]:<30}")
        if done == total:
            self.stream.write("\n")
        self.stream.flush()


def main(argv: list[str]) -> int:
    args = _parser().parse_args(with_command(argv))
    try:
        return _run(args)
    except ContentErrors as e:
        for error in e.errors:
            print(error, file=sys.stderr)
        # A warning among them is there because --strict made it stop the build: it counts.
        print(f"{len(e.errors)} error(s); nothing was written.", file=sys.stderr)
        return EXIT_PROBLEMS
    except (ImportProblem, OutputProblem) as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        print("interrupted; the previous site is untouched.", file=sys.stderr)
        return 130
    except Exception as e:
        if args.debug:
            raise
        print(_bug_line(e), file=sys.stderr)
        return EXIT_BUG


def _bug_line(e: Exception) -> str:
    """One line for what no check foresaw: the content is not at fault as far as the tool knows."""
    if isinstance(e, OSError):
        where = f"{e.filename}: " if e.filename else ""
        return f"error: {where}{e.strerror or e}"
    detail = " ".join(str(e).split())[:200]
    return f"error: this is a bug in build.py, not in your content: {type(e).__name__}: {detail} (run again with --debug for the traceback, and report it)"


def _print_cache_warnings() -> None:
    """Why the build ran without the private cache: slower, not wrong, so never an error (not even --strict)."""
    from .cache import cache_warnings

    for warning in cache_warnings():
        print(warning, file=sys.stderr)


def _run(args) -> int:
    content = Path(args.content)
    if args.command == "import":
        paths = [Path(p) for p in args.paths]
        if len(paths) > 1 or paths[0].is_dir():
            if args.report_id:
                raise ImportProblem("--id names one report: import the files one by one to give each an id")
            return _import_batch(paths, content, args.force)
        from .ingest.importer import import_report

        result = import_report(paths[0], content, args.report_id, args.force)
        r = result.report
        print(f"imported {r.id}: {len(r.parts)} parts, {len(r.sections())} sections, "
              f"{len(r.all_paragraphs())} paragraphs, {len(r.targets)} targets, {len(r.repairs)} repairs -> {result.folder}/")
        for w in result.warnings:
            print(f"warning: {w}", file=sys.stderr)
        return EXIT_OK
    if args.command == "check":
        from .check import check_site

        result = check_site(content)
        for note in result.notes:
            print(note)
        for p in result.problems:
            print(p, file=sys.stderr)
        _print_cache_warnings()
        errors = [p for p in result.problems if not p.warning or args.strict]
        print(f"check: {len(errors)} error(s), {len(result.problems) - len(errors)} warning(s)")
        return EXIT_PROBLEMS if errors else EXIT_OK
    if args.command == "serve":
        from .site.serve import serve
        from .track.publish import archive_outcomes

        return serve(content, args.port, track=archive_outcomes)

    from .site.build import build_site
    from .track.publish import archive_outcomes

    # A build makes millions of objects that live until it ends: collecting every 700 allocations
    # found nothing to free and cost a third of the time of loading a hundred reports.
    gc.set_threshold(100_000, 50, 100)
    stats = build_site(content, Path(args.out), strict=args.strict, base_url=args.base_url,
                       log=lambda m: print(m, file=sys.stderr), progress=Progress(sys.stderr), track=archive_outcomes)
    for warning in stats.warnings:
        print(warning, file=sys.stderr)
    _print_cache_warnings()
    print(f"built {stats.pages} pages into {args.out}/ in {stats.seconds:.2f}s")
    return EXIT_OK
