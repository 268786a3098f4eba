"""Timing without an absolute limit: a pass is linear when eight runs on an input of size n take about
as long as one run on an input of size 8n (a quadratic pass takes eight times as long).

Times are the process's CPU time, not the clock's: the other workers of a parallel run (Chromium,
builds) share the cores and stretch the clock's time of whichever measurement they overlap."""

from __future__ import annotations

import time

# Costly passes (re-reading garbage tries every lost byte) are timed on shorter inputs: one run of
# the large input takes between half this and this many seconds, where growth shows as clearly and
# the suite stays fast.
LARGE_INPUT_SECONDS = 0.25
SMALLEST = 16
# One measurement of each size settles a pass at most this far from linear; any other ratio is
# measured again, the best of three runs each, as a pass near the bound or beyond it needs.
PLAINLY_LINEAR = 2.0


def best_time(f, arg, repeat: int = 1, tries: int = 3) -> float:
    best = float("inf")
    for _ in range(tries):
        start = time.process_time()
        for _ in range(repeat):
            f(arg)
        best = min(best, time.process_time() - start)
    return best


def fitting_size(f, make, largest: int) -> tuple[int, float]:
    """The size n, up to `largest`, whose input of size 8n runs in about half LARGE_INPUT_SECONDS or
    more, and that run's time: the last run of the search is the large input's first measurement."""
    size = min(SMALLEST, largest)
    while True:
        seconds = best_time(f, make(8 * size), tries=1)
        if seconds >= LARGE_INPUT_SECONDS / 2 or size >= largest:
            return size, seconds
        size = min(2 * size, largest)


def assert_linear(f, make, size: int) -> None:
    """Eight inputs of size n take about as long as one of size 8n, n at most `size`."""
    f(make(min(SMALLEST, size)))  # warm caches (pinyin inventory, OpenCC dictionaries)
    size, large_seconds = fitting_size(f, make, size)
    small = make(size)
    if large_seconds / best_time(f, small, repeat=8, tries=1) < PLAINLY_LINEAR:
        return
    # The machine is shared: a pass counts as linear if any of three measurements says so; a
    # quadratic pass is never near the bound (8 against 4).
    large, ratios = make(8 * size), []
    for _ in range(3):
        ratios.append(best_time(f, large) / best_time(f, small, repeat=8))
        if ratios[-1] < 4:
            return
    raise AssertionError(f"8x the input (n = {size}) took {min(ratios) * 8:.1f}x as long")
