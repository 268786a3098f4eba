"""Rendering pass: the headline-indicator chart, drawn at build time as inline SVG (no script, no library)."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class ChartRow:
    label: str
    result: float | None  # last year's growth, %
    target: float | None  # this year's growth target, %
    target_label: str  # e.g. "8%左右"


# Labels sit on their own line above each pair of bars, so a long English label never runs off
# the left edge, and the drawing is narrow enough that its text stays readable on a phone.
_WIDTH, _VALUE_W, _LABEL_H, _BAR_H, _GAP = 400, 120, 18, 12, 14
_ROW_H = _LABEL_H + 2 * _BAR_H + 2 + _GAP


_LINE_CHARS = 44  # Latin characters that fit the drawing's width at its font size


def _label_lines(label: str) -> list[str]:
    """A long (English) label broken at spaces into lines that fit; Chinese labels are short enough."""
    lines: list[str] = []
    for word in label.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= _LINE_CHARS:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _fmt(value: float) -> str:
    return f"{value:g}%"


def indicator_chart(rows: list[ChartRow], title: str, legend: tuple[str, str], chart_id: str) -> Markup:
    """Paired horizontal bars per indicator: last year's result above this year's target."""
    values = [v for r in rows for v in (r.result, r.target) if v is not None]
    top = max([abs(v) for v in values] + [1.0])
    scale = (_WIDTH - _VALUE_W) / top
    labels = [_label_lines(r.label) for r in rows]
    height = sum(_ROW_H + (len(lines) - 1) * _LABEL_H for lines in labels) + 30
    parts = [
        f'<svg class="chart" viewBox="0 0 {_WIDTH} {height}" role="img" aria-labelledby="{chart_id}-t" '
        f'xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMinYMin meet">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
    ]
    for i, (name, cls) in enumerate(zip(legend, ("bar-result", "bar-target"))):
        x = i * 200
        parts.append(f'<rect class="{cls}" x="{x}" y="3" width="12" height="12"/>')
        parts.append(f'<text class="legend" x="{x + 18}" y="14">{escape(name)}</text>')
    y = 30
    for row, lines in zip(rows, labels):
        for line in lines:
            parts.append(f'<text class="label" x="0" y="{y + _LABEL_H - 5}">{escape(line)}</text>')
            y += _LABEL_H
        y -= _LABEL_H
        for j, (value, cls, text) in enumerate(((row.result, "bar-result", None), (row.target, "bar-target", row.target_label))):
            if value is None:
                continue
            w = max(1.0, abs(value) * scale)
            by = y + _LABEL_H + j * (_BAR_H + 2)
            parts.append(f'<rect class="{cls}" x="0" y="{by}" width="{w:.1f}" height="{_BAR_H}"/>')
            parts.append(f'<text class="value" x="{w + 4:.1f}" y="{by + _BAR_H - 2}">{escape(text or _fmt(value))}</text>')
        y += _ROW_H
    parts.append("</svg>")
    return Markup("".join(parts))


@dataclass(frozen=True)
class TimelinePoint:
    year: int
    goal: float | None  # the year's growth goal, %
    outcome: float | None  # the growth the next year's report states, %
    outcome_label: str = ""  # its status, for the description ("met")


_T_W, _T_H, _T_TOP, _T_BOTTOM = 400, 220, 16, 40
_CHAR_W = 10  # at most, a digit, "." or "%" of the chart's 12px text (a "%" is the widest), in viewBox units


def timeline_chart(points: list[TimelinePoint], title: str, description: str, chart_id: str, legend: tuple[str, str]) -> Markup:
    """A goal line (circles, solid) and an outcome line (squares, dashed) over the years: shape and dash tell them
    apart, not colour. Its title and description name every figure; the table beside it gives them too."""
    values = [v for p in points for v in (p.goal, p.outcome) if v is not None] or [0.0]
    low, high = min(values + [0.0]), max(values + [1.0])
    span = (high - low) or 1.0
    axis_labels = [_fmt(high), "0%"] + ([_fmt(low)] if low < 0 else [])
    # The axis starts right of its widest label, so "-12.5%" or "40.4%" is never cut at the left edge.
    left = 10 + round(_CHAR_W * max(map(len, axis_labels)))
    inner_w = _T_W - left - 24  # room for the last year's label
    step = inner_w / max(len(points) - 1, 1)

    def x(i: int) -> float:
        return left + (i * step if len(points) > 1 else inner_w / 2)

    def y(v: float) -> float:
        return _T_TOP + (high - v) / span * (_T_H - _T_TOP - _T_BOTTOM)

    parts = [
        f'<svg class="timeline-chart" viewBox="0 0 {_T_W} {_T_H}" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{escape(title)}</title><desc id="{chart_id}-d">{escape(description)}</desc>',
        f'<line class="axis" x1="{left}" y1="{y(0):.1f}" x2="{_T_W - 10}" y2="{y(0):.1f}"/>',
        f'<text x="{left - 6}" y="{y(high) + 4:.1f}" text-anchor="end">{escape(_fmt(high))}</text>',
        f'<text x="{left - 6}" y="{y(0) + 4:.1f}" text-anchor="end">0%</text>',
    ]
    if low < 0:
        parts.append(f'<text x="{left - 6}" y="{y(low) + 4:.1f}" text-anchor="end">{escape(_fmt(low))}</text>')
    for cls, attr in (("goal-line", "goal"), ("outcome-line", "outcome")):
        run = [f"{x(i):.1f},{y(getattr(p, attr)):.1f}" for i, p in enumerate(points) if getattr(p, attr) is not None]
        if len(run) > 1:
            parts.append(f'<polyline class="{cls}" points="{" ".join(run)}"/>')
    for i, p in enumerate(points):
        # The square under the circle: where an outcome equals its goal, both marks still show.
        if p.outcome is not None:
            parts.append(f'<rect class="outcome-mark" x="{x(i) - 5:.1f}" y="{y(p.outcome) - 5:.1f}" width="10" height="10"/>')
        if p.goal is not None:
            parts.append(f'<circle class="goal-mark" cx="{x(i):.1f}" cy="{y(p.goal):.1f}" r="4"/>')
        parts.append(f'<text x="{x(i):.1f}" y="{_T_H - _T_BOTTOM + 16}" text-anchor="middle">{p.year}</text>')
    legend_y = _T_H - 8
    parts.append(f'<circle class="goal-mark" cx="{left + 5}" cy="{legend_y - 4}" r="4.5"/>'
                 f'<text x="{left + 14}" y="{legend_y}">{escape(legend[0])}</text>'
                 f'<rect class="outcome-mark" x="{left + 136}" y="{legend_y - 8}" width="8" height="8"/>'
                 f'<text x="{left + 150}" y="{legend_y}">{escape(legend[1])}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
