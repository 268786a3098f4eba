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


_WIDTH, _LABEL_W, _ROW_H, _BAR_H, _PAD = 720, 250, 46, 14, 8


def _fmt(value: float) -> str:
    return f"{value:g}%"


def indicator_chart(rows: list[ChartRow], title: str, legend: tuple[str, str], chart_id: str) -> Markup:
    """Paired horizontal bars per indicator: last year's result above this year's target."""
    values = [v for r in rows for v in (r.result, r.target) if v is not None]
    top = max([abs(v) for v in values] + [1.0])
    scale = (_WIDTH - _LABEL_W - 70) / top
    height = _ROW_H * len(rows) + 40
    parts = [
        f'<svg class="chart" viewBox="0 0 {_WIDTH} {height}" role="img" aria-labelledby="{chart_id}-t" '
        f'xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMinYMin meet">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
    ]
    legend_y = 14
    for i, (name, cls) in enumerate(zip(legend, ("bar-result", "bar-target"))):
        x = _LABEL_W + i * 170
        parts.append(f'<rect class="{cls}" x="{x}" y="{legend_y - 10}" width="12" height="12"/>')
        parts.append(f'<text class="legend" x="{x + 18}" y="{legend_y}">{escape(name)}</text>')
    for i, row in enumerate(rows):
        y = 34 + i * _ROW_H
        parts.append(f'<text class="label" x="{_LABEL_W - _PAD}" y="{y + _BAR_H + 2}" text-anchor="end">{escape(row.label)}</text>')
        for j, (value, cls, text) in enumerate(((row.result, "bar-result", None), (row.target, "bar-target", row.target_label))):
            if value is None:
                continue
            w = max(1.0, abs(value) * scale)
            by = y + j * (_BAR_H + 2)
            parts.append(f'<rect class="{cls}" x="{_LABEL_W}" y="{by}" width="{w:.1f}" height="{_BAR_H}"/>')
            parts.append(f'<text class="value" x="{_LABEL_W + w + 4:.1f}" y="{by + _BAR_H - 2}">{escape(text or _fmt(value))}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
