"""Geometry of the timeline chart, computed on the server and drawn as SVG by a template.

The chart is diverging: cooperative events rise above the axis, conflictual
ones fall below it, and neutral ones (REQUEST) stack in grey on top of the
cooperative bar. Periods sit at their place on a time axis, so gaps show.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

WIDTH, HEIGHT, PAD_LEFT, PAD_BOTTOM = 960, 260, 40, 22
MAX_SLOTS = 1500  # more periods than this and bars would be under a pixel wide


@dataclass(frozen=True, kw_only=True)
class Bar:
    period: str
    x: float
    width: float
    coop_y: float
    coop_h: float
    neutral_y: float
    neutral_h: float
    conflict_y: float
    conflict_h: float
    cooperative: int
    conflictual: int
    neutral: int


@dataclass(frozen=True, kw_only=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True, kw_only=True)
class Chart:
    width: int
    height: int
    axis_y: float
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    top: int  # the count the half-height stands for


def slot(period: str, granularity: str) -> int:
    """Return the ordinal of a period on its axis (years, months since year 0, or days)."""
    if granularity == "year":
        return int(period[:4])
    if granularity == "month":
        return int(period[:4]) * 12 + int(period[5:7]) - 1
    try:
        return dt.date.fromisoformat(period[:10]).toordinal()
    except ValueError:  # 2021-02-30 is a valid prefix in the store, not a date: clamp it
        return dt.date(int(period[:4]), int(period[5:7]), 28).toordinal()


def label(index: int, granularity: str) -> str:
    """Return the period name for an axis ordinal (the inverse of ``slot``)."""
    if granularity == "year":
        return f"{index:04d}"
    if granularity == "month":
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    return dt.date.fromordinal(index).isoformat()


def slots_between(first: str, last: str, granularity: str) -> int:
    """Return how many periods of this granularity span from ``first`` to ``last`` (ISO prefixes)."""
    lo, hi = _bounds(first, granularity)[0], _bounds(last, granularity)[1]
    return hi - lo + 1


def _bounds(date: str, granularity: str) -> tuple[int, int]:
    """Return the first and last slot a date prefix covers at this granularity."""
    if len(date) < 4:  # a decade such as '201'
        date = date + "0" * (4 - len(date))
    year = int(date[:4])
    if granularity == "year":
        return year, year
    if granularity == "month":
        if len(date) >= 7:
            m = year * 12 + int(date[5:7]) - 1
            return m, m
        return year * 12, year * 12 + 11
    if len(date) >= 10:
        d = slot(date, "day")
        return d, d
    if len(date) >= 7:
        y, m = year, int(date[5:7])
        start = dt.date(y, m, 1)
        end = dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)
        return start.toordinal(), end.toordinal()
    return dt.date(year, 1, 1).toordinal(), dt.date(year, 12, 31).toordinal()


def auto_granularity(first: str | None, last: str | None) -> str:
    """Return the granularity that shows a span well: day up to ~4 months, month up to 15 years, else year."""
    if not first or not last:
        return "year"
    days = slots_between(first, last, "day")
    if days <= 120:
        return "day"
    if days <= 15 * 366:
        return "month"
    return "year"


def layout(periods: list[dict[str, int | str]], granularity: str, first: str, last: str) -> Chart:
    """Return the bars and ticks of the chart for per-period tone counts between ``first`` and ``last``."""
    lo, hi = _bounds(first, granularity)[0], _bounds(last, granularity)[1]
    n = max(hi - lo + 1, 1)
    plot_w = WIDTH - PAD_LEFT - 10
    step = plot_w / n
    bar_w = max(step * 0.8, 1.0)
    half = (HEIGHT - PAD_BOTTOM - 10) / 2
    axis_y = 5 + half
    top = max([max(int(p["cooperative"]) + int(p["neutral"]), int(p["conflictual"])) for p in periods] or [1])
    top = max(top, 1)
    bars = []
    for p in periods:
        i = slot(str(p["period"]), granularity) - lo
        coop, neutral, conflict = int(p["cooperative"]), int(p["neutral"]), int(p["conflictual"])
        coop_h, neutral_h, conflict_h = (half * v / top for v in (coop, neutral, conflict))
        bars.append(Bar(
            period=str(p["period"]), x=PAD_LEFT + i * step + (step - bar_w) / 2, width=bar_w,
            coop_y=axis_y - coop_h, coop_h=coop_h, neutral_y=axis_y - coop_h - neutral_h, neutral_h=neutral_h,
            conflict_y=axis_y, conflict_h=conflict_h, cooperative=coop, conflictual=conflict, neutral=neutral,
        ))
    every = max(1, round(n / 10))
    ticks = tuple(
        Tick(x=PAD_LEFT + (i + 0.5) * step, label=label(lo + i, granularity))
        for i in range(0, n, every)
    )
    return Chart(width=WIDTH, height=HEIGHT, axis_y=axis_y, bars=tuple(bars), ticks=ticks, top=top)


def finer(granularity: str) -> str | None:
    """Return the next finer granularity (year -> month -> day), None below day."""
    return {"year": "month", "month": "day"}.get(granularity)


def parent(period: str) -> str | None:
    """Return the period one level up ('2020-09-06' -> '2020-09' -> '2020'), None above a year."""
    if len(period) >= 10:
        return period[:7]
    if len(period) >= 7:
        return period[:4]
    return None
