"""Label-sized layered layouts: each node's box holds its wrapped label, so nothing overlaps by construction."""

from __future__ import annotations

import html
from dataclasses import dataclass

import igraph as ig
import numpy as np
import pandas as pd

__all__ = [
    "Canvas",
    "NORMAL_CANVAS",
    "PRESENTER_CANVAS",
    "text_width",
    "wrap_label",
    "layered_label_layout",
    "extend_label_layout",
    "fixed_label_layout",
    "legible_edges",
    "spanning_forest",
]


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
    32
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


def _sugiyama_order(n: int, src: np.ndarray, dst: np.ndarray, layer: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(layer, position in layer in (0, 1)): Sugiyama's crossing reduction over fixed layers.

    igraph's ``layout_sugiyama`` orders the layers (given only edges between adjacent layers: see
    :func:`_unit_span_edges`); barycentre sweeps then refine that order, and the order with fewer crossings
    between adjacent layers is kept (igraph's alone, refined, or sweeps from the input order).
    """
    layer = np.asarray(layer, dtype=np.int64)
    s, d, layers, n_all = _unit_span_edges(layer, src, dst)
    graph = ig.Graph(n=n_all, edges=list(zip(s.tolist(), d.tolist())), directed=True)
    graph.simplify(loops=True, multiple=True)
    x = np.asarray(graph.layout_sugiyama(layers=layers.tolist(), maxiter=200).coords, dtype=float)[:n, 0]
    start = np.zeros(n)
    for lv in set(layer.tolist()):
        members = np.flatnonzero(layer == lv)
        ranked = members[np.lexsort((members, x[members]))]
        start[ranked] = (np.arange(len(ranked)) + 0.5) / len(ranked)
    even = np.zeros(n)
    for lv in set(layer.tolist()):
        members = np.flatnonzero(layer == lv)
        even[members] = (np.arange(len(members)) + 0.5) / len(members)
    candidates = (start, _barycentre_sweeps(n, src, dst, layer, start), _barycentre_sweeps(n, src, dst, layer, even))
    return layer, min(candidates, key=lambda pos: _layer_crossings(layer, pos, src, dst))


def _barycentre_sweeps(n: int, src: np.ndarray, dst: np.ndarray, layer: np.ndarray, pos: np.ndarray, sweeps: int = 12) -> np.ndarray:
    """Down and up the layers, each node moves to the mean position of its neighbours in other layers."""
    real = src != dst
    s, d = np.concatenate([src[real], dst[real]]), np.concatenate([dst[real], src[real]])
    across = layer[s] != layer[d]
    s, d = s[across], d[across]
    pos = pos.copy()
    levels = sorted(set(layer.tolist()))
    for sweep in range(sweeps):
        for lv in levels if sweep % 2 == 0 else levels[::-1]:
            members = np.flatnonzero(layer == lv)
            total = np.bincount(s, weights=pos[d], minlength=n)[members]
            count = np.bincount(s, minlength=n)[members]
            bary = np.where(count > 0, total / np.maximum(count, 1), pos[members])
            ranked = members[np.lexsort((pos[members], bary))]
            pos[ranked] = (np.arange(len(ranked)) + 0.5) / len(ranked)
    return pos


def _layer_crossings(layer: np.ndarray, pos: np.ndarray, src: np.ndarray, dst: np.ndarray) -> int:
    """Crossings of straight edges drawn between layers (x = layer, y = position)."""
    keep = layer[src] != layer[dst]
    a, b = src[keep], dst[keep]
    if len(a) < 2:
        return 0
    return _count(layer.astype(float), pos, a, b)


def _unit_span_edges(column: np.ndarray, src: np.ndarray, dst: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Edges between adjacent layers only, for igraph's Sugiyama with fixed layers.

    igraph 1.0's C core reads out of bounds when it makes its own dummy vertices for an edge that spans several
    given layers (valgrind: sugiyama.c:508; a segfault some layouts later, and with automatic layering too). So
    long edges are split here into chains through dummy vertices of our own (numbered from ``n``), exactly what
    Sugiyama does internally; edges inside one layer carry no order and are dropped, edges pointing back are
    reversed. Layers are renumbered 0, 1, 2 … without gaps.

    Examples
    --------
    >>> s, d, layers, n = _unit_span_edges(np.array([0, 2, 1]), np.array([0, 2]), np.array([1, 0]))
    >>> n, s.tolist(), d.tolist(), layers.tolist()
    (4, [0, 3, 0], [3, 1, 2], [0, 2, 1, 1])
    """
    _, layer = np.unique(column, return_inverse=True)
    layer = layer.astype(np.int64)
    n = len(layer)
    new_src, new_dst, extra_layers = [], [], []
    for a, b in zip(src.tolist(), dst.tolist()):
        la, lb = layer[a], layer[b]
        if la == lb:
            continue
        if la > lb:
            a, b, la, lb = b, a, lb, la
        prev = a
        for mid in range(la + 1, lb):
            dummy = n + len(extra_layers)
            extra_layers.append(mid)
            new_src.append(prev)
            new_dst.append(dummy)
            prev = dummy
        new_src.append(prev)
        new_dst.append(b)
    layers = np.concatenate([layer, np.asarray(extra_layers, dtype=np.int64)])
    return np.asarray(new_src, dtype=np.int64), np.asarray(new_dst, dtype=np.int64), layers, n + len(extra_layers)


#: A column with relations inside it splits into at most this many sub-columns.
MAX_SUB_COLUMNS = 3


#: Automatic layering (the explorer) uses at most this many columns.
_MAX_AUTO_LAYERS = 5


def _longest_path_layers(n: int, src: np.ndarray, dst: np.ndarray, cap: int) -> np.ndarray:
    """Longest-path layer per node (a node one step right of what acts on it), capped at ``cap``.

    Relaxation instead of igraph's automatic Sugiyama layering, which crashed the interpreter on
    some small cyclic graphs; a cycle just runs into the cap.

    Examples
    --------
    >>> _longest_path_layers(4, np.array([0, 1, 2]), np.array([1, 2, 0]), 2).tolist()
    [2, 2, 2, 0]
    """
    layer = np.zeros(n, dtype=np.int64)
    real = src != dst
    s, d = src[real], dst[real]
    for _ in range(cap + 1):
        nxt = layer.copy()
        np.maximum.at(nxt, d, layer[s] + 1)
        nxt = np.minimum(nxt, cap)
        if (nxt == layer).all():
            break
        layer = nxt
    return layer


def _sub_layers(column: np.ndarray, src: np.ndarray, dst: np.ndarray) -> tuple[np.ndarray, dict[int, int]]:
    """Sub-column per node (longest path along the relations inside its column) and sub-columns per column."""
    n = len(column)
    sub = np.zeros(n, dtype=np.int64)
    inside = column[src] == column[dst]
    if inside.any():
        sub = _longest_path_layers(n, src[inside], dst[inside], MAX_SUB_COLUMNS - 1)
        for c in set(column.tolist()):  # renumber each column's used sub-layers 0..k-1, capped
            members = np.flatnonzero(column == c)
            sub[members] = np.minimum(np.searchsorted(sorted(set(sub[members].tolist())), sub[members]), MAX_SUB_COLUMNS - 1)
    counts = {int(c): int(sub[column == c].max()) + 1 for c in set(column.tolist())}
    return sub, counts


def _count(x: np.ndarray, y: np.ndarray, src: np.ndarray, dst: np.ndarray) -> int:
    seg = np.column_stack([x[src], y[src], x[dst], y[dst]])
    return int(sum(_crosses(seg[k], seg[k + 1 :]).sum() for k in range(len(seg) - 1)))


def _exchange(rank: np.ndarray, slot: np.ndarray, x: np.ndarray, src, dst, *, aspect: float, sweeps: int = 4) -> np.ndarray:
    """Swap neighbours inside a column while that removes crossings of the straight drawn lines.

    Sugiyama minimises crossings of its routed (dummy-node) drawing; the picture draws straight
    lines, so a few adjacent exchanges measured on the real geometry remove the rest it can.
    """
    rank = rank.copy()
    if len(src) < 2:
        return rank
    best = _count(x, rank * aspect, src, dst)
    for _ in range(sweeps):
        improved = False
        for c in set(slot.tolist()):
            members = np.flatnonzero(slot == c)
            members = members[np.argsort(rank[members], kind="stable")]
            for a, b in zip(members[:-1], members[1:]):
                rank[a], rank[b] = rank[b], rank[a]
                now = _count(x, rank * aspect, src, dst)
                if now < best:
                    best, improved = now, True
                    members = members[np.argsort(rank[members], kind="stable")]
                else:
                    rank[a], rank[b] = rank[b], rank[a]
        if not improved or best == 0:
            break
    return rank


def _boxes(labels: list[str], canvas: Canvas, wrap_px) -> tuple[list[list[str]], np.ndarray, np.ndarray]:
    """Wrapped lines, box width and label height (px) per node (``wrap_px``: one width or one per node)."""
    size = canvas.label_px
    widths = np.broadcast_to(np.asarray(wrap_px, dtype=float), (len(labels),))
    lines = [wrap_label(lbl, wp, size, bold=True) for lbl, wp in zip(labels, widths)]
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
    if column is None:  # automatic layers from the edge directions, empty ones dropped
        layer = _longest_path_layers(n, src, dst, _MAX_AUTO_LAYERS - 1)
        layer = np.searchsorted(sorted(set(layer.tolist())), layer)
        column = layer
    column = np.asarray(column, dtype=np.int64)
    sub, n_sub = _sub_layers(column, src, dst)
    # one Sugiyama layer per (column, sub-column): relations inside a column run sideways, not along it
    offset = np.concatenate([[0], np.cumsum([n_sub.get(c, 1) for c in range(int(column.max()) + 1)])])
    _, order = _sugiyama_order(n, src, dst, offset[column] + sub)
    layer = column
    n_cols = max(n_columns or 0, int(layer.max()) + 1)
    pitch = canvas.width / n_cols
    k = np.array([n_sub.get(int(c), 1) for c in column])
    lines, w, text_h = _boxes(list(labels), canvas, np.maximum(pitch / k - 16, 80))
    marker = canvas.marker_px * 1.5  # room for a highlighted (bigger) marker
    top, bottom = marker / 2 + 3 + text_h, np.full(n, marker / 2 + 2)
    x = np.clip((layer + (sub + 0.5) / k) * pitch, w / 2 + 2, canvas.width - w / 2 - 2)
    # order inside a column → desired height, spread over the canvas
    # Sugiyama's order inside each (sub-)column, spread evenly over the height (slot centres)
    rank = np.zeros(n)
    slot = offset[column] + sub
    for c in set(slot.tolist()):
        members = np.flatnonzero(slot == c)
        members = members[np.argsort(order[members], kind="stable")]
        rank[members] = (np.arange(len(members)) + 0.5) / len(members)
    rank = _exchange(rank, slot, x / canvas.width, src, dst, aspect=canvas.height / canvas.width)
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


#: A hand-laid figure wraps labels as a five-column story would (its columns are the curator's to choose).
_FIXED_COLUMNS = 5


def fixed_label_layout(
    ids, labels, xy: np.ndarray, src: np.ndarray, dst: np.ndarray, canvas: Canvas, *, gap: float = 6
) -> tuple[pd.DataFrame, float]:
    """Label boxes at given positions (a curator's hand-laid figure); nodes without one in the free room nearest their neighbours.

    Parameters
    ----------
    ids, labels : sequences of str
        One per node, in placing order (nodes without a position are placed in this order).
    xy : numpy.ndarray
        ``n × 2`` positions in [0, 1] (x left → right, y bottom → top); a NaN row = no position.
    src, dst : numpy.ndarray
        Edge ends as positions into ``ids`` (a node without a position goes near those it is linked to).
    canvas : Canvas
        The design plot area and type size.

    The given positions are scaled into the canvas with margins for the widest label box, so
    x = 0 and x = 1 still show the whole label, and the boxes (label above marker) of a
    position are kept apart: where two would overlap, the lower one moves down just enough
    (x never changes; the drawing grows taller if it must). A node without a position goes to
    the nearest point (to the mean of its already placed neighbours, else the centre) where its
    box overlaps none. Deterministic.

    Returns
    -------
    (pandas.DataFrame, float)
        The columns of :func:`layered_label_layout` (``column`` is 0) and the plot height in px.

    Examples
    --------
    >>> xy = np.array([[0.0, 1.0], [1.0, 0.0], [np.nan, np.nan]])
    >>> pos, height = fixed_label_layout(["a", "b", "c"], ["A", "B", "C"], xy, np.array([0]), np.array([2]), NORMAL_CANVAS)
    >>> bool(pos.at[0, "px"] < pos.at[1, "px"] and pos.at[0, "py"] < pos.at[1, "py"]), height == NORMAL_CANVAS.height
    (True, True)
    """
    ids = list(ids)
    n = len(ids)
    if n == 0:
        return pd.DataFrame({"id": [], "x": [], "y": [], "text": [], "column": []}), canvas.height
    xy = np.asarray(xy, dtype=float).reshape(n, 2)
    lines, w, text_h = _boxes(list(labels), canvas, max(canvas.width / _FIXED_COLUMNS - 16, 80))
    marker = canvas.marker_px * 1.5
    top, bottom = marker / 2 + 3 + text_h, np.full(n, marker / 2 + 2)
    fixed = ~np.isnan(xy).any(axis=1)
    margin_x = float(w.max()) / 2 + 2
    span_y = canvas.height - float(top.max()) - float(bottom.max()) - 2  # 2 px clear of the bottom edge, as the layered layout
    px = np.where(fixed, margin_x + np.clip(xy[:, 0], 0, 1) * (canvas.width - 2 * margin_x), np.nan)
    py = np.full(n, np.nan)
    given = np.flatnonzero(fixed)
    if len(given):
        desired = float(top.max()) + (1 - np.clip(xy[given, 1], 0, 1)) * span_y
        py[given] = _pack(desired, px[given], w[given], top[given], bottom[given], gap)
    height = max(canvas.height, float(np.nanmax(py + bottom)) + 2) if len(given) else canvas.height
    for i in np.flatnonzero(~fixed):
        px[i], py[i] = _free_spot(i, px, py, w, top, bottom, src, dst, canvas.width, height, gap)
        height = max(height, float(py[i] + bottom[i]) + 2)
    text = ["<br>".join(html.escape(li, quote=False) for li in ls) for ls in lines]
    frame = pd.DataFrame({"id": ids, "text": text, "column": 0, "px": px, "py": py, "w": w, "top": top, "bottom": bottom})
    return _normalised(frame, canvas, height), height


def _free_spot(i: int, px, py, w, top, bottom, src, dst, width: float, height: float, gap: float, step: float = 8) -> tuple[float, float]:
    """Where node ``i``'s box overlaps no placed box, nearest the mean of its placed neighbours (else the centre)."""
    placed = ~np.isnan(py)
    near = np.concatenate([dst[src == i], src[dst == i]])
    near = near[placed[near]] if len(near) else near
    anchor = (float(px[near].mean()), float(py[near].mean())) if len(near) else (width / 2, height / 2)
    xs = np.arange(w[i] / 2 + 2, width - w[i] / 2 - 2 + 1e-9, step) if width - w[i] - 4 > 0 else np.array([width / 2])
    ys = np.arange(top[i], height - bottom[i] + 1e-9, step) if height - bottom[i] - top[i] > 0 else np.array([top[i]])
    cx, cy = (a.ravel() for a in np.meshgrid(xs, ys))
    j = np.flatnonzero(placed)
    if not len(j):
        k = int(np.argmin(np.hypot(cx - anchor[0], cy - anchor[1])))
        return float(cx[k]), float(cy[k])
    apart_x = np.abs(cx[:, None] - px[j]) >= (w[j] + w[i]) / 2 + gap
    apart_y = (cy[:, None] + bottom[i] + gap <= py[j] - top[j]) | (cy[:, None] - top[i] >= py[j] + bottom[j] + gap)
    free = (apart_x | apart_y).all(axis=1)
    if free.any():
        dist = np.where(free, np.hypot(cx - anchor[0], cy - anchor[1]), np.inf)
        k = int(np.argmin(dist))
        return float(cx[k]), float(cy[k])
    x = float(np.clip(anchor[0], w[i] / 2 + 2, max(width - w[i] / 2 - 2, w[i] / 2 + 2)))
    return x, float(np.nanmax(py[j] + bottom[j])) + gap + float(top[i])  # no room: below everything (the drawing grows)


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


def _crosses(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Which segments ``b`` (k × 4) properly cross segment ``a`` (4,): sharing an end does not count."""
    p, r = a[:2], a[2:] - a[:2]
    q, t = b[:, :2], b[:, 2:] - b[:, :2]
    denom = r[0] * t[:, 1] - r[1] * t[:, 0]
    qp = q - p
    with np.errstate(divide="ignore", invalid="ignore"):
        u = (qp[:, 0] * t[:, 1] - qp[:, 1] * t[:, 0]) / denom
        v = (qp[:, 0] * r[1] - qp[:, 1] * r[0]) / denom
    eps = 1e-6
    return (np.abs(denom) > 1e-9) & (u > eps) & (u < 1 - eps) & (v > eps) & (v < 1 - eps)


def spanning_forest(n: int, src: np.ndarray, dst: np.ndarray, order: np.ndarray) -> np.ndarray:
    """Kruskal: the edges that join components, taken in ``order`` (best first); a boolean mask.

    Examples
    --------
    >>> spanning_forest(3, np.array([0, 1, 0]), np.array([1, 2, 2]), np.array([0, 1, 2])).tolist()
    [True, True, False]
    """
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    forest = np.zeros(len(src), dtype=bool)
    for k in np.argsort(order, kind="stable"):
        a, b = root(int(src[k])), root(int(dst[k]))
        if a != b:
            parent[a] = b
            forest[k] = True
    return forest


def _through_a_marker(seg: np.ndarray, xy: np.ndarray, a: int, b: int, clearance, labels: np.ndarray | None = None) -> bool:
    """Does the segment pass within ``clearance`` of a node other than its ends (away from them),
    or through another node's label (``labels``: centre x, centre y, radius per node)?"""
    if len(xy) < 3:
        return False
    p, d = seg[:2], seg[2:] - seg[:2]
    length2 = float(d @ d)
    if length2 == 0:
        return False
    points, radius = xy, np.broadcast_to(np.asarray(clearance, dtype=float), (len(xy),))
    if labels is not None:
        points, radius = np.vstack([xy, labels[:, :2]]), np.concatenate([radius, labels[:, 2]])
    t = np.clip(((points - p) @ d) / length2, 0, 1)
    dist = np.hypot(*(p + t[:, None] * d - points).T)
    inner = (t > 0.02) & (t < 0.98) & (radius > 0)
    n = len(xy)
    inner[[a, b]] = False
    if labels is not None:
        inner[[n + a, n + b]] = False
    return bool((inner & (dist < radius)).any())


def legible_edges(
    xy: np.ndarray,
    src: np.ndarray,
    dst: np.ndarray,
    order: np.ndarray,
    *,
    per_edge: float = 1.0,
    hard: float = np.inf,
    clearance: float = 0.0,
    must: np.ndarray | None = None,
    labels: np.ndarray | None = None,
) -> np.ndarray:
    """Which edges to draw so the picture keeps few crossings per drawn edge.

    Edges are taken in ``order`` (e.g. by the step that introduced them, then strongest first).
    An edge of the strongest spanning forest (it keeps an entity connected to the story) is drawn
    while the running total stays within ``hard`` crossings per drawn edge; any other edge while
    it stays within ``per_edge``. So the drawing never exceeds ``max(per_edge, hard)`` per edge.
    An edge passing within ``clearance`` (px) of another node's centre is drawn only when it keeps
    an entity connected. ``must`` marks edges of entities that must not be left unconnected (a
    lesson's focus): their forest edge is drawn anyway, and the most-crossed optional edges make
    room for it. The rest stay in the tables
    and come back with "Show everything". Taking edges in a fixed order keeps earlier choices when
    more entities arrive (a lesson's next step only adds relations).

    Examples
    --------
    >>> xy = np.array([[0, 0], [1, 1], [0, 1], [1, 0]], dtype=float)
    >>> legible_edges(xy, np.array([0, 2]), np.array([1, 3]), np.array([0, 1]), per_edge=0.0).tolist()
    [True, True]
    """
    m = len(src)
    keep = np.zeros(m, dtype=bool)
    if m == 0:
        return keep
    seg = np.column_stack([xy[src], xy[dst]]).astype(float)
    ranked = np.argsort(order, kind="stable")
    forest = spanning_forest(len(xy), src, dst, order)
    crossings = 0
    for k in ranked:
        if src[k] == dst[k]:
            continue
        if not forest[k] and _through_a_marker(seg[k], xy, int(src[k]), int(dst[k]), clearance, labels):
            continue  # a line through another entity's marker reads as a relation of that entity
        taken = np.flatnonzero(keep)
        extra = int(_crosses(seg[k], seg[taken]).sum()) if len(taken) else 0
        budget = (hard if forest[k] else per_edge) * (len(taken) + 1)
        if crossings + extra <= budget:
            keep[k] = True
            crossings += extra
    for k in ranked[forest[ranked] & ~keep[ranked]]:  # a second chance for connecting edges, now more are drawn
        taken = np.flatnonzero(keep)
        extra = int(_crosses(seg[k], seg[taken]).sum())
        if crossings + extra <= hard * (len(taken) + 1):
            keep[k] = True
            crossings += extra
    if must is not None:
        keep = _connect(keep, forest & np.asarray(must, dtype=bool), seg, src, dst, ranked, min(per_edge, hard) if np.isinf(hard) else hard)
    return keep


def _connect(keep, wanted, seg, src, dst, ranked, limit: float) -> np.ndarray:
    """Draw a ``wanted`` edge for each end still without a drawn edge, then drop the most-crossed
    optional (not ``wanted``) edges until the drawing is back within ``limit`` crossings per edge."""
    keep = keep.copy()
    added = np.zeros(len(keep), dtype=bool)
    for k in ranked:
        if wanted[k] and not keep[k]:
            ends = {int(src[k]), int(dst[k])}
            linked = set(src[keep].tolist()) | set(dst[keep].tolist())
            if ends - linked:
                keep[k] = added[k] = True
    while True:
        taken = np.flatnonzero(keep)
        hits = np.array([int(_crosses(seg[k], seg[taken]).sum()) for k in taken])
        if len(taken) == 0 or hits.sum() / 2 <= limit * len(taken):
            return keep
        degree = np.bincount(np.concatenate([src[taken], dst[taken]]), minlength=int(max(src.max(), dst.max())) + 1)
        # protected: an edge that alone connects an entity that must stay connected
        lonely = [wanted[k] and (added[k] or min(degree[src[k]], degree[dst[k]]) <= 1) for k in taken]
        optional = [i for i, k in enumerate(taken) if not lonely[i]]
        if not optional:
            return keep
        worst = max(optional, key=lambda i: (hits[i], i))
        if hits[worst] == 0:
            return keep
        keep[taken[worst]] = False
