"""How the render pass shares pages out among forked workers."""

from __future__ import annotations

from types import SimpleNamespace

from reportsite.site.workers import _slices


def _job(report, lang):
    return SimpleNamespace(page=SimpleNamespace(report=report), lang=SimpleNamespace(code=lang))


def test_worker_slices_cover_every_job_once_and_cut_only_between_one_reports_pages_in_one_language():
    a, b = object(), object()
    jobs = ([_job(a, "zh-Hans")] * 5 + [_job(a, "en")] * 3 + [_job(b, "zh-Hans")] * 4
            + [_job(None, "zh-Hans"), _job(None, "en")])
    slices = _slices(jobs, 2)
    assert [i for bounds in slices for i in range(*bounds)] == list(range(len(jobs)))
    assert slices == [(0, 5), (5, 8), (8, 12), (12, 14)]


def test_jobs_that_share_nothing_are_sliced_at_the_requested_size():
    jobs = [SimpleNamespace()] * 7
    assert _slices(jobs, 3) == [(0, 3), (3, 6), (6, 7)]
    assert _slices([], 3) == []
