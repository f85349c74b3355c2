"""Inline-SVG geometry: the story list's articles-per-day bars and the story timeline chart.

Only numbers and dates come out of here; the templates draw them (and escape any text), so no
article text ever reaches an SVG attribute unescaped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from newsbrief.models import Brief

MAX_BARS = 40


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str  # "2024-05-14: 3 articles"


@dataclass(frozen=True)
class Spark:
    width: int
    height: int
    bars: list[Bar]


def _day(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def _bins(first: dt.date, last: dt.date, n_max: int) -> tuple[int, int]:
    """(number of bins, days per bin) covering first..last."""
    span = (last - first).days + 1
    per = max(1, -(-span // n_max))
    return -(-span // per), per


def spark(per_day: Mapping[str, int], width: int = 120, height: int = 22) -> Spark:
    """Bars of articles per day (days grouped when the story spans more than MAX_BARS days)."""
    days = {d: n for k, n in per_day.items() if (d := _day(k))}
    if not days:
        return Spark(width, height, [])
    first, last = min(days), max(days)
    n, per = _bins(first, last, MAX_BARS)
    counts = [0] * n
    for d, c in days.items():
        counts[(d - first).days // per] += c
    top = max(counts)
    w = width / n
    bars = []
    for i, c in enumerate(counts):
        if not c:
            continue
        h = max(2.0, (height - 2) * c / top)
        start = first + dt.timedelta(days=i * per)
        when = start.isoformat() if per == 1 else f"{start.isoformat()} +{per - 1}d"
        bars.append(Bar(round(i * w, 2), round(height - h, 2), round(max(1.0, w - 1), 2), round(h, 2), f"{when}: {c} article{'s' if c != 1 else ''}"))
    return Spark(width, height, bars)


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    date: str
    text: str
    index: int  # position in brief.timeline (the table row it stands for)


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class TimelineChart:
    width: int
    height: int
    axis_y: float
    bars: list[Bar]
    dots: list[Dot]
    ticks: list[Tick]
    outside: int  # timeline events before or after the drawn range (e.g. years back)


def timeline_chart(brief: Brief, width: int = 760, height: int = 150) -> TimelineChart | None:
    """Events on a date axis with the story's articles per day drawn behind them.

    The axis covers the articles' days and the day- or month-precise events within a month of them;
    events further away (background years) are counted in ``outside`` rather than squeezing the axis.
    """
    published = [a.published for a in brief.articles if a.published]
    events = [(i, t, _day(t.date if len(t.date) >= 10 else (t.date + "-01" if len(t.date) == 7 else ""))) for i, t in enumerate(brief.timeline)]
    dated = [(i, t, d) for i, t, d in events if d]
    if not published and not dated:
        return None
    anchor_lo = min(published) if published else min(d for _, _, d in dated)
    anchor_hi = max(published) if published else max(d for _, _, d in dated)
    window = dt.timedelta(days=31)
    near = [(i, t, d) for i, t, d in dated if anchor_lo - window <= d <= anchor_hi + window]
    lo = min([anchor_lo] + [d for _, _, d in near])
    hi = max([anchor_hi] + [d for _, _, d in near])
    span = max(1, (hi - lo).days)
    left, right, axis_y = 10.0, width - 10.0, height - 28.0

    def x_of(d: dt.date) -> float:
        return round(left + (right - left) * (d - lo).days / span, 2)

    per_day: dict[dt.date, int] = {}
    for d in published:
        per_day[d] = per_day.get(d, 0) + 1
    top = max(per_day.values(), default=1)
    bar_w = max(2.0, min(24.0, (right - left) / (span + 1) - 1))
    bars = [
        Bar(round(x_of(d) - bar_w / 2, 2), round(axis_y - (axis_y - 20) * n / top, 2), round(bar_w, 2), round((axis_y - 20) * n / top, 2), f"{d.isoformat()}: {n} article{'s' if n != 1 else ''}")
        for d, n in sorted(per_day.items())
    ]
    # Events of one day stack upwards so none hides another.
    on_day: dict[dt.date, int] = {}
    for _, _, d in near:
        on_day[d] = on_day.get(d, 0) + 1
    stacked: dict[dt.date, int] = {}
    dots = []
    for i, t, d in near:
        k = stacked.get(d, 0)
        stacked[d] = k + 1
        step = min(12.0, (axis_y - 18) / on_day[d])
        dots.append(Dot(x_of(d), round(axis_y - 10 - step * k, 2), t.date, t.text, i))
    return TimelineChart(width, height, axis_y, bars, dots, _ticks(lo, hi, x_of), len(brief.timeline) - len(near))


def _ticks(lo: dt.date, hi: dt.date, x_of: Callable[[dt.date], float]) -> list[Tick]:
    span = (hi - lo).days
    step = max(1, span // 5) if span else 1
    ticks = []
    d = lo
    while d <= hi:
        ticks.append(Tick(x_of(d), d.isoformat()))
        d += dt.timedelta(days=step)
    if ticks[-1].label != hi.isoformat() and span:
        if (hi - dt.date.fromisoformat(ticks[-1].label)).days <= 0.75 * step:
            ticks.pop()
        ticks.append(Tick(x_of(hi), hi.isoformat()))
    return ticks
