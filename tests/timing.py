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
LINEAR_BOUND = 3.5  # eight inputs of size n against one of size 8n: linear about 1, quadratic about 8
GREW_LINEARLY = 3.2  # at most this much slower on the input of size 8n than on that of size 4n


def best_time(f, arg, repeat: int = 1, tries: int = 3) -> float:
    best = float("inf")
    for _ in range(tries):
        start = time.process_time()
        for _ in range(repeat):
            f(arg)
        best = min(best, time.process_time() - start)
    return best


def fitting_size(f, make, largest: int) -> tuple[int, float, float]:
    """The size n, up to `largest`, whose input of size 8n runs in about half LARGE_INPUT_SECONDS or
    more, that run's time (the search's last run is the large input's first measurement), and how
    much slower it ran than the input of size 4n: about 2 for a linear pass, 4 for a quadratic one."""
    size, half = min(SMALLEST, largest), None  # half: the time of the input of size 4n, if measured
    while True:
        seconds = best_time(f, make(8 * size), tries=1)
        if seconds >= LARGE_INPUT_SECONDS / 2 or size >= largest:
            break
        half = seconds if 2 * size <= largest else None  # a step cut short by `largest` is no doubling
        size = min(2 * size, largest)
    if half is None and size > 1:  # the search took no doubling step to this size
        half = best_time(f, make(4 * size), tries=1)
    growth = seconds / half if half else float("inf")
    return size, seconds, growth


def assert_linear(f, make, size: int) -> None:
    """Eight inputs of size n take about as long as one of size 8n, n at most `size`."""
    f(make(min(SMALLEST, size)))  # warm caches (pinyin inventory, OpenCC dictionaries)
    size, large_seconds, growth = fitting_size(f, make, size)
    small = make(size)
    # One run of each size settles a plainly linear pass. Both are single runs, and one pause of the
    # machine during the eight short ones can make a quadratic pass look linear: the search's last
    # doubling must agree (linear passes grew 1.5 to 3.3 times there, a quadratic one about 4).
    if growth < GREW_LINEARLY and large_seconds / best_time(f, small, repeat=8, tries=1) < PLAINLY_LINEAR:
        return
    # The machine is shared: a pass counts as linear if two of three measurements (each the best of
    # three runs) say so. A quadratic pass measures about 8, and one measurement in some sixty came
    # to 3.9, so that one alone settled nothing.
    large, ratios = make(8 * size), []
    while sum(r < LINEAR_BOUND for r in ratios) < 2:
        if sum(r >= LINEAR_BOUND for r in ratios) >= 2:
            raise AssertionError(f"8x the input (n = {size}) took {min(r for r in ratios if r >= LINEAR_BOUND) * 8:.1f}x as long")
        ratios.append(best_time(f, large) / best_time(f, small, repeat=8))
