"""Running a pass's jobs (pages, data files, search indexes): in this process, or shared out to
forked workers when there are many; each job works alone from the same inputs, so the output does
not depend on how they are shared out. A render pass renders its pages in one RenderSession."""

from __future__ import annotations

import gc
import multiprocessing
from dataclasses import dataclass

import jinja2

from .i18n import Lang
from .pages import Page
from .render import Glossary, SiteInfo, render_page
from .session import RenderSession

# Below this many jobs, starting worker processes costs more than it saves. With the zh-Hant text and
# the share card from the private cache a worker loads nothing after the fork, and the seed's 534
# pages render in two workers 0.06 s sooner than in one process (median of six cold builds each).
PARALLEL_MIN_JOBS = 300
_WORK: tuple | None = None  # (jobs, tree, session), set just before forking: the workers inherit it instead of unpickling it


@dataclass(frozen=True)
class RenderJob:
    """One page to render."""

    page: Page
    lang: Lang
    alternates: list
    glossary: Glossary | None
    template: jinja2.Template
    site: SiteInfo

    def outputs(self) -> list[str]:
        return [self.page.output_path(self.lang)]

    def run(self, session: RenderSession) -> list[tuple[str, str | bytes]]:
        html = render_page(self.template, self.page, self.lang, self.site, self.alternates, self.glossary, session)
        return [(self.page.output_path(self.lang), html)]


@dataclass(frozen=True)
class FileJob:
    """Files made by a function (a report's data files, its search indexes), at paths known up front.
    A private job's data goes back to the build (run_jobs returns it by path), never into the site."""

    paths: tuple[str, ...]
    make: object  # () -> list of (path, data)
    private: bool = False

    def outputs(self) -> list[str]:
        return [] if self.private else list(self.paths)

    def run(self, session: RenderSession) -> list[tuple[str, str | bytes]]:
        return self.make()


def _run_slice(bounds: tuple[int, int]) -> tuple[int, list, dict]:
    """Run some jobs; a worker writes into a folder tree itself and hands back in-memory results and
    private jobs' data."""
    jobs, tree, session = _WORK
    kept, private = [], {}
    for job in jobs[bounds[0] : bounds[1]]:
        for path, data in job.run(session):
            if getattr(job, "private", False):
                private[path] = data
            elif tree.folder is None and multiprocessing.parent_process() is not None:
                kept.append((path, data))
            else:
                tree.add(path, data, reserved=True)
    return bounds[1] - bounds[0], kept, private


def _shared_work(job) -> tuple | None:
    """What a job shares with its neighbours in the list: the pages of one report in one language reuse
    its rendered paragraphs and furniture, which live in the process that rendered them first."""
    page = getattr(job, "page", None)
    return (id(page.report), job.lang.code) if page is not None and page.report is not None else None


def _slices(jobs: list, size: int) -> list[tuple[int, int]]:
    """Runs of at least `size` jobs (the last may be shorter), cut only where the shared work changes,
    so that a worker never renders again the paragraphs another worker rendered."""
    slices, start = [], 0
    for i in range(1, len(jobs)):
        if i - start >= size and (_shared_work(jobs[i]) is None or _shared_work(jobs[i]) != _shared_work(jobs[i - 1])):
            slices.append((start, i))
            start = i
    return slices + [(start, len(jobs))] if jobs else slices


def run_jobs(jobs: list, tree, processes: int, progress=lambda done, total: None) -> dict:
    """Run every job into `tree`; with many jobs, in `processes` forked workers that write their own
    files. Returns the private jobs' data by path.

    Each job works on its own from the same inputs, so the output does not depend on how the jobs
    are shared out.
    """
    global _WORK
    tree.reserve([path for job in jobs for path in job.outputs()])
    parallel = (processes > 1 and len(jobs) >= PARALLEL_MIN_JOBS and "fork" in multiprocessing.get_all_start_methods())
    _WORK = (jobs, tree, RenderSession())
    private: dict = {}
    try:
        done = 0
        if not parallel:
            step = max(1, len(jobs) // 20)
            for bounds in [(i, min(i + step, len(jobs))) for i in range(0, len(jobs), step)]:
                count, _, made = _run_slice(bounds)
                private.update(made)
                done += count
                progress(done, len(jobs))
            return private
        # Objects made before the fork are never collected in the workers: frozen, the collector leaves
        # them alone, so the workers do not copy the parent's memory pages by walking them.
        gc.freeze()
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            for count, kept, made in pool.imap_unordered(_run_slice, _slices(jobs, max(1, len(jobs) // (processes * 8))), chunksize=1):
                for path, data in kept:
                    tree.add(path, data, reserved=True)
                private.update(made)
                done += count
                progress(done, len(jobs))
        return private
    finally:
        gc.unfreeze()
        _WORK = None
