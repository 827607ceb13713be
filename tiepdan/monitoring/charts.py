"""Server-rendered SVG charts for the dashboard (no JavaScript library, nothing from a CDN).
Pure functions: numbers in, escaped SVG markup out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from django.utils.safestring import SafeString, mark_safe

from tiepdan.core.numbers import vn_number

W, H, PAD_L, PAD_R, PAD_T, PAD_B = 720, 220, 40, 12, 14, 34


def _scale(values: Sequence[float]) -> float:
    top = max([1.0, *values])
    step = 10 ** max(0, len(str(int(top))) - 1)
    return float(((int(top) // step) + 1) * step)


Row = tuple[date, float, float, float]  # a forecast day: (day, expected, low, high)


@dataclass(frozen=True)
class _Frame:
    """The plot area: `n` slots across, values up to `top`."""

    n: int
    top: float

    @property
    def slot(self) -> float:
        return (W - PAD_L - PAD_R) / self.n

    @property
    def inner_h(self) -> float:
        return H - PAD_T - PAD_B

    def x(self, i: int) -> float:
        return PAD_L + self.slot * i + self.slot / 2

    def y(self, v: float) -> float:
        return PAD_T + self.inner_h * (1 - v / self.top)


def trend_chart(
    history: Sequence[tuple[date, int]],
    forecast: Sequence[Row] = (),
    *,
    title: str,
    history_label: str,
    forecast_label: str,
) -> SafeString:
    """Bars of past values, then the forecast as a line with its low–high band."""
    days = [d for d, _ in history] + [d for d, *_ in forecast]
    frame = _Frame(
        n=max(1, len(days)), top=_scale([v for _, v in history] + [hi for *_, hi in forecast])
    )
    parts = [
        f'<svg class="chart" viewBox="0 0 {W} {H}" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>',
        *_grid(frame),
        *_bars(frame, history),
        *_forecast(frame, forecast, offset=len(history)),
        *_day_labels(frame, days),
        *_legend(history_label, forecast_label if forecast else None),
        "</svg>",
    ]
    return mark_safe("".join(parts))


def _grid(frame: _Frame) -> list[str]:
    parts = []
    for k in range(5):
        v = frame.top * k / 4
        y = frame.y(v)
        tick = vn_number(v, 2)  # "0,75", "1.250": the Vietnamese separators
        parts.append(
            f'<line x1="{PAD_L}" x2="{W - PAD_R}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
            f'<text x="{PAD_L - 4}" y="{y + 4:.1f}" class="axis" text-anchor="end">{tick}</text>'
        )
    return parts


def _bars(frame: _Frame, history: Sequence[tuple[date, int]]) -> list[str]:
    parts = []
    for i, (d, v) in enumerate(history):
        h = frame.inner_h * v / frame.top
        parts.append(
            f'<rect x="{frame.x(i) - frame.slot * 0.35:.1f}" y="{PAD_T + frame.inner_h - h:.1f}" '
            f'width="{frame.slot * 0.7:.1f}" height="{h:.1f}" class="bar">'
            f"<title>{d:%d/%m}: {vn_number(v)}</title></rect>"
        )
    return parts


def _forecast(frame: _Frame, forecast: Sequence[Row], *, offset: int) -> list[str]:
    if not forecast:
        return []
    x, y = frame.x, frame.y
    band_top = " ".join(
        f"{x(offset + i):.1f},{y(hi):.1f}" for i, (_, _, _, hi) in enumerate(forecast)
    )
    band_bottom = " ".join(
        f"{x(offset + i):.1f},{y(lo):.1f}"
        for i, (_, _, lo, _) in reversed(list(enumerate(forecast)))
    )
    line = " ".join(f"{x(offset + i):.1f},{y(e):.1f}" for i, (_, e, _, _) in enumerate(forecast))
    return [
        f'<polygon points="{band_top} {band_bottom}" class="band"/>',
        f'<polyline points="{line}" class="line"/>',
        *(
            f'<circle cx="{x(offset + i):.1f}" cy="{y(e):.1f}" r="2.5" class="dot">'
            f"<title>{d:%d/%m}: {e:g} ({lo:g}–{hi:g})</title></circle>"
            for i, (d, e, lo, hi) in enumerate(forecast)
        ),
    ]


def _day_labels(frame: _Frame, days: Sequence[date]) -> list[str]:
    """A date every week, and the last day unless a label sits close before it."""
    n = frame.n
    return [
        f'<text x="{frame.x(i):.1f}" y="{H - PAD_B + 14}" class="axis" text-anchor="middle">'
        f"{d:%d/%m}</text>"
        for i, d in enumerate(days)
        if i % 7 == 0 or (i == n - 1 and i % 7 > 3)
    ]


def _legend(history_label: str, forecast_label: str | None) -> list[str]:
    legend_y = H - 6
    parts = [
        f'<rect x="{PAD_L}" y="{legend_y - 9}" width="10" height="10" class="bar"/>'
        f'<text x="{PAD_L + 14}" y="{legend_y}" class="axis">{escape(history_label)}</text>'
    ]
    if forecast_label is not None:
        parts.append(
            f'<line x1="{PAD_L + 190}" x2="{PAD_L + 210}" y1="{legend_y - 4}" '
            f'y2="{legend_y - 4}" class="line"/>'
            f'<text x="{PAD_L + 214}" y="{legend_y}" class="axis">{escape(forecast_label)}</text>'
        )
    return parts


def sparkline(values: Sequence[int], *, label: str) -> SafeString:
    """A 14-day bar sparkline for a hotspot row."""
    w, h = 84, 20
    top = max([1, *values])
    bw = w / max(1, len(values))
    bars = "".join(
        f'<rect x="{i * bw:.1f}" y="{h - h * v / top:.1f}" width="{bw * 0.8:.1f}" '
        f'height="{h * v / top:.1f}"/>'
        for i, v in enumerate(values)
    )
    return mark_safe(
        f'<svg class="spark" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">{bars}</svg>'
    )


def heat_class(value: int, top: int) -> str:
    """CSS class heat0…heat4 of a grid cell."""
    if value <= 0 or top <= 0:
        return "heat0"
    return f"heat{min(4, 1 + (4 * value - 1) // top)}"
