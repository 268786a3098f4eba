"""Progress of long builds: a bar on a terminal, plain lines in logs, nothing for short builds."""

from __future__ import annotations

import io

from reportsite.cli import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_draws_a_bar_on_a_terminal():
    stream = Terminal()
    progress = Progress(stream)
    for done in (500, 1000, 2000):
        progress(done, 2000)
    out = stream.getvalue()
    assert "\r  rendering [#######" in out and out.endswith("2000/2000 pages\n")


def test_progress_prints_a_line_per_quarter_when_not_a_terminal():
    stream = io.StringIO()
    progress = Progress(stream)
    for done in range(100, 4001, 100):
        progress(done, 4000)
    assert stream.getvalue().splitlines() == [f"  rendered {n}/4000 pages" for n in (1000, 2000, 3000, 4000)]


def test_short_builds_show_no_progress():
    stream = Terminal()
    Progress(stream)(546, 546)
    assert stream.getvalue() == ""
