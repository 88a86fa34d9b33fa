"""Long series kept short on the server: every point is appended; once a series holds more
than its limit, neighbouring points merge in pairs (averaged, the last time kept), so a run of
any length is drawn with at most ``limit`` points."""

from __future__ import annotations

from webapp.model.cloud.state import Series


def add(series: Series, point: list[float]) -> None:
    series.pending.append(point)
    if len(series.pending) < series.bucket:
        return
    series.points.append(_merge(series.pending))
    series.pending = []
    if len(series.points) > series.limit:
        series.points = [_merge(series.points[i:i + 2]) for i in range(0, len(series.points), 2)]
        series.bucket *= 2


def _merge(points: list[list[float]]) -> list[float]:
    if len(points) == 1:
        return list(points[0])
    width = len(points[0])
    merged = [sum(p[i] for p in points) / len(points) for i in range(width)]
    merged[0] = points[-1][0]  # the time of the last point
    return merged


def shown(series: Series) -> list[list[float]]:
    """The points to draw (the merged ones, then those still waiting for their pair)."""
    tail = [_merge(series.pending)] if series.pending else []
    return series.points + tail
