"""Count edge crossings in a drawn network figure (straight segments that properly intersect)."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

__all__ = ["edge_segments", "count_crossings", "crossings_per_edge"]


def edge_segments(fig: go.Figure) -> np.ndarray:
    """Every drawn edge segment ``(x0, y0, x1, y1)`` of the figure's edge line traces.

    Edge traces are the ``mode="lines"`` traces of :func:`neuroimmune.figures.build_network_figure`
    (NaN-separated polylines); consecutive finite points form one segment (one edge).
    """
    out = []
    for trace in fig.data:
        if trace.mode != "lines" or trace.x is None:
            continue
        x = np.asarray(trace.x, dtype=float)
        y = np.asarray(trace.y, dtype=float)
        ok = np.isfinite(x[:-1]) & np.isfinite(x[1:]) & np.isfinite(y[:-1]) & np.isfinite(y[1:])
        out.append(np.column_stack([x[:-1], y[:-1], x[1:], y[1:]])[ok])
    return np.vstack(out) if out else np.zeros((0, 4))


def count_crossings(segments: np.ndarray, *, aspect: float = 1.0) -> int:
    """How many pairs of segments properly intersect (touching at an end does not count).

    Examples
    --------
    >>> count_crossings(np.array([[0, 0, 1, 1], [0, 1, 1, 0], [0, 0, 0, 1]]))
    1
    """
    s = np.asarray(segments, dtype=float).copy()
    if len(s) < 2:
        return 0
    s[:, [1, 3]] *= aspect
    p, r = s[:, None, :2], s[:, None, 2:] - s[:, None, :2]
    q, t = s[None, :, :2], s[None, :, 2:] - s[None, :, :2]
    cross = lambda a, b: a[..., 0] * b[..., 1] - a[..., 1] * b[..., 0]  # noqa: E731
    denom = cross(r, t)
    qp = q - p
    with np.errstate(divide="ignore", invalid="ignore"):
        u = cross(qp, t) / denom
        v = cross(qp, r) / denom
    eps = 1e-6
    hit = (np.abs(denom) > 1e-12) & (u > eps) & (u < 1 - eps) & (v > eps) & (v < 1 - eps)
    return int(np.triu(hit, 1).sum())


def crossings_per_edge(fig: go.Figure) -> tuple[float, int, int]:
    """(crossings per drawn edge, crossings, edges) of a network figure.

    Examples
    --------
    >>> fig = go.Figure([go.Scatter(x=[0, 1, None, 0, 1], y=[0, 1, None, 1, 0], mode="lines")])
    >>> crossings_per_edge(fig)
    (0.5, 1, 2)
    """
    seg = edge_segments(fig)
    n = count_crossings(seg)
    return (n / len(seg) if len(seg) else 0.0), n, len(seg)
