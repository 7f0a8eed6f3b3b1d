"""Label-sized layered layouts: each node's box holds its wrapped label, so nothing overlaps by construction."""

from __future__ import annotations

import html
from dataclasses import dataclass

import igraph as ig
import numpy as np
import pandas as pd

__all__ = ["Canvas", "NORMAL_CANVAS", "PRESENTER_CANVAS", "text_width", "wrap_label", "layered_label_layout", "extend_label_layout"]


@dataclass(frozen=True)
class Canvas:
    """The design size of a chart's plot area in px, and the type and marker size drawn on it.

    ``width`` is the narrowest plot area the view must fit (a 1280×720 screen with the sidebar
    open); wider screens only add room between columns. ``height`` is the plot height the layout
    aims for; a view whose columns do not fit grows taller instead of overprinting.
    """

    width: float
    height: float
    label_px: int
    marker_px: int
    line_px: float = 0.0

    @property
    def line_height(self) -> float:
        """Plotly sets multi-line text 1.3 font sizes apart."""
        return self.line_px or 1.3 * self.label_px


#: A laptop or classroom projector at 1280×720 (plot area ≈ 770 px wide once the legend is below).
NORMAL_CANVAS = Canvas(width=740, height=500, label_px=14, marker_px=14)
#: Presenter mode at 1920×1080: the chart column is ≈ 1390 px wide and 980 px high.
PRESENTER_CANVAS = Canvas(width=1280, height=700, label_px=20, marker_px=20)

# Advance widths of Arial/Helvetica/Liberation Sans in 1/1000 em (the font the charts use).
_WIDTHS = {
    **dict.fromkeys("ijl|'", 222), **dict.fromkeys(" ftI.,:;!/[]()", 278), **dict.fromkeys("r-*`\"", 333),
    **dict.fromkeys("cksvxyzJ", 500), **dict.fromkeys("FTZ", 611), **dict.fromkeys("ABEKPSVXY&", 667),
    **dict.fromkeys("CDHNRUw", 722), **dict.fromkeys("GOQ", 778), **dict.fromkeys("mM", 833), "W": 944, "%": 889,
}  # fmt: skip
_DEFAULT_WIDTH = 556  # digits, most lower case letters, Greek letters
_BOLD = 1.08


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Rendered width in px of ``text`` at ``size`` px in Arial (bold about 8 % wider).

    Examples
    --------
    >>> round(text_width("IL-1β", 14))
    29
    """
    em = sum(_WIDTHS.get(ch, _DEFAULT_WIDTH) for ch in text) / 1000
    return em * size * (_BOLD if bold else 1.0)


def wrap_label(text: str, max_width: float, size: float, *, bold: bool = False, max_lines: int = 2) -> list[str]:
    """Full words on at most ``max_lines`` lines no wider than ``max_width`` px where possible.

    When the words do not fit, the split that makes the widest line narrowest is used (the label
    is then wider than ``max_width``; the layout gives it the room). Nothing is cut off.

    Examples
    --------
    >>> wrap_label("Clostridium (clusters IV and XIVa)", 120, 14)
    ['Clostridium (clusters', 'IV and XIVa)']
    >>> wrap_label("IL-6", 120, 14)
    ['IL-6']
    """
    words = str(text).split()
    if not words:
        return [""]
    lines: list[str] = []
    for word in words:
        if lines and text_width(f"{lines[-1]} {word}", size, bold=bold) <= max_width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    if len(lines) <= max_lines:
        return lines
    return _balanced(words, size, bold, max_lines)


def _balanced(words: list[str], size: float, bold: bool, n_lines: int) -> list[str]:
    """Split ``words`` into ``n_lines`` lines minimising the widest (exhaustive for two lines)."""
    if n_lines == 1 or len(words) == 1:
        return [" ".join(words)]
    best: list[str] | None = None
    best_w = np.inf
    for cut in range(1, len(words)):
        head = " ".join(words[:cut])
        rest = _balanced(words[cut:], size, bold, n_lines - 1)
        w = max(text_width(head, size, bold=bold), *(text_width(r, size, bold=bold) for r in rest))
        if w < best_w:
            best, best_w = [head, *rest], w
    return best or [" ".join(words)]


def _sugiyama_order(n: int, src: np.ndarray, dst: np.ndarray, column: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """(column, position in column) per node from igraph's crossing-minimising Sugiyama layout."""
    graph = ig.Graph(n=n, edges=list(zip(src.tolist(), dst.tolist())), directed=True)
    graph.simplify(loops=True, multiple=True)
    layout = graph.layout_sugiyama(layers=None if column is None else column.tolist(), maxiter=200)
    coords = np.asarray(layout.coords, dtype=float)[:n]
    layer = np.round(coords[:, 1]).astype(np.int64) if column is None else column.astype(np.int64)
    return layer, coords[:, 0]


def _boxes(labels: list[str], canvas: Canvas, wrap_px: float) -> tuple[list[list[str]], np.ndarray, np.ndarray]:
    """Wrapped lines, box width and label height (px) per node."""
    size = canvas.label_px
    lines = [wrap_label(lbl, wrap_px, size, bold=True) for lbl in labels]
    width = np.array([max(max(text_width(li, size, bold=True) for li in ls), canvas.marker_px * 1.5) + 6 for ls in lines])
    text_h = np.array([len(ls) * canvas.line_height for ls in lines])
    return lines, width, text_h


def _pack(desired: np.ndarray, x: np.ndarray, w: np.ndarray, top: np.ndarray, bottom: np.ndarray, gap: float) -> np.ndarray:
    """Top-to-bottom greedy placement: each node as near its wish as boxes placed above allow."""
    y = np.zeros(len(desired))
    placed: list[int] = []
    for i in np.argsort(desired, kind="stable"):
        lo = desired[i]
        for j in placed:
            if abs(x[i] - x[j]) < (w[i] + w[j]) / 2 + gap:
                lo = max(lo, y[j] + bottom[j] + gap + top[i])
        y[i] = lo
        placed.append(i)
    return y


def layered_label_layout(
    ids,
    labels,
    src: np.ndarray,
    dst: np.ndarray,
    canvas: Canvas,
    *,
    column: np.ndarray | None = None,
    n_columns: int | None = None,
) -> tuple[pd.DataFrame, float]:
    """Columns left to right, crossing-minimised order inside each, every box sized by its label.

    Parameters
    ----------
    ids, labels : sequences of str
        One per node.
    src, dst : numpy.ndarray
        Edge ends as positions into ``ids``.
    canvas : Canvas
        The design plot area; labels sit above their markers and wrap to the column width.
    column : numpy.ndarray, optional
        A column number per node (gut-brain lanes, cytokine layers); ``None`` lets Sugiyama's
        longest-path layering decide from the edge directions.
    n_columns : int, optional
        How many columns the view has (empty ones still take their place); default: as used.

    Returns
    -------
    (pandas.DataFrame, float)
        ``id, x, y, text, column`` (x, y in [0, 1], y up; ``text`` the escaped label lines joined
        by ``<br>``) and the plot height in px the drawing needs (``canvas.height`` or more).

    Examples
    --------
    >>> pos, height = layered_label_layout(["a", "b", "c"], ["A", "B", "C"], np.array([0, 0]), np.array([1, 2]), NORMAL_CANVAS)
    >>> pos["column"].tolist(), height == NORMAL_CANVAS.height
    ([0, 1, 1], True)
    """
    ids = list(ids)
    n = len(ids)
    if n == 0:
        return pd.DataFrame({"id": [], "x": [], "y": [], "text": [], "column": []}), canvas.height
    layer, order = _sugiyama_order(n, src, dst, column)
    used = sorted(set(layer.tolist()))
    if column is None:  # automatic layers: drop empty ones
        layer = np.searchsorted(used, layer)
    n_cols = max(n_columns or 0, int(layer.max()) + 1)
    pitch = canvas.width / n_cols
    lines, w, text_h = _boxes(list(labels), canvas, max(pitch - 16, 80))
    marker = canvas.marker_px * 1.5  # room for a highlighted (bigger) marker
    top, bottom = marker / 2 + 3 + text_h, np.full(n, marker / 2 + 2)
    x = np.clip((layer + 0.5) * pitch, w / 2 + 2, canvas.width - w / 2 - 2)
    # order inside a column → desired height, spread over the canvas
    # Sugiyama's positions are aligned across columns (long edges run straight): keep them global
    rank = (order - order.min()) / np.ptp(order) if np.ptp(order) > 0 else np.full(n, 0.5)
    y = _fit_height(rank, x, w, top, bottom, canvas.height)
    height = max(canvas.height, float((y + bottom).max()) + 2)
    text = ["<br>".join(html.escape(li, quote=False) for li in ls) for ls in lines]
    frame = pd.DataFrame({"id": ids, "text": text, "column": layer, "px": x, "py": y, "w": w, "top": top, "bottom": bottom})
    return _normalised(frame, canvas, height), height


def _normalised(frame: pd.DataFrame, canvas: Canvas, height: float) -> pd.DataFrame:
    """x, y in [0, 1] (y up) from the px columns, for a plot ``height`` px high."""
    return frame.assign(x=(frame["px"] / canvas.width).astype(np.float32), y=(1 - frame["py"] / height).astype(np.float32))


def extend_label_layout(
    frame: pd.DataFrame, height: float, ids, labels, columns, anchors, canvas: Canvas, *, n_columns: int
) -> tuple[pd.DataFrame, float]:
    """Add nodes to a :func:`layered_label_layout` without moving any node already placed.

    Each new node goes into its column (``columns``) at the free height nearest its anchor (the
    px height ``anchors`` gives, e.g. the node it was expanded from); where the column is full the
    drawing grows downwards.
    """
    new = [(i, lbl, int(c), float(a)) for i, lbl, c, a in zip(ids, labels, columns, anchors) if i not in set(frame["id"])]
    if not new:
        return frame, height
    pitch = canvas.width / max(n_columns, 1)
    rows = frame.to_dict("records")
    for node, label, col, anchor in new:
        lines, w, text_h = _boxes([label], canvas, max(pitch - 16, 80))
        marker = canvas.marker_px * 1.5
        top, bottom = marker / 2 + 3 + text_h[0], marker / 2 + 2
        x = float(np.clip((col + 0.5) * pitch, w[0] / 2 + 2, canvas.width - w[0] / 2 - 2))
        y = _free_height(rows, x, float(w[0]), float(top), bottom, anchor, height)
        text = "<br>".join(html.escape(li, quote=False) for li in lines[0])
        rows.append({"id": node, "text": text, "column": col, "px": x, "py": y, "w": float(w[0]), "top": top, "bottom": bottom})
    out = pd.DataFrame(rows)
    height = max(height, float((out["py"] + out["bottom"]).max()) + 2)
    return _normalised(out, canvas, height), height


def _free_height(rows: list[dict], x: float, w: float, top: float, bottom: float, anchor: float, height: float, gap: float = 6) -> float:
    """The px height nearest ``anchor`` where a box fits between the boxes it would overlap sideways."""
    busy = sorted((r["py"] - r["top"] - gap, r["py"] + r["bottom"] + gap) for r in rows if abs(r["px"] - x) < (r["w"] + w) / 2 + gap)
    candidates = [max(anchor, top), top] + [hi + top for _, hi in busy] + [lo - bottom for lo, _ in busy]
    fits = [y for y in candidates if y >= top and all(y + bottom <= lo or y - top >= hi for lo, hi in busy)]
    inside = [y for y in fits if y + bottom <= height]
    pool = inside or fits or [max(hi for _, hi in busy) + top]
    return min(pool, key=lambda y: abs(y - anchor))


def _fit_height(rank: np.ndarray, x, w, top, bottom, height: float) -> np.ndarray:
    """Pack with the wished heights squeezed until the drawing fits ``height`` (or cannot shrink more)."""
    span = height - top.max() - bottom.max()
    for squeeze in (1.0, 0.85, 0.7, 0.55, 0.4, 0.25, 0.1):
        desired = top.max() + rank * span * squeeze + (1 - squeeze) * span / 2
        y = _pack(desired, x, w, top, bottom, gap=6)
        if (y + bottom).max() <= height:
            return y
    return _pack(top.max() + rank * 1e-3, x, w, top, bottom, gap=6)  # does not fit: stack from the top, grow
