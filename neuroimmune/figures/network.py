"""The node-link network figure: a bounded number of traces whatever the size of the graph."""

from __future__ import annotations

import functools
import html
import os
from collections.abc import Iterable, Sequence
from dataclasses import replace

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from .. import schema
from ..atlas import Atlas, relation_phrase
from ..label_layout import Canvas, text_width, wrap_label
from .style import EDGE_FAMILIES, EVIDENCE_STYLES, FAMILY_COLOURS, GREY, Theme, edge_family, node_style, theme

__all__ = [
    "build_network_figure",
    "EDGE_CLASSES",
    "MAX_TRACES",
    "FIGURE_OFFSET",
    "LONG_EDGE_NAME",
    "EDGE_LEGEND_TITLE",
    "fit_story_legends",
    "side_story_legends",
    "FORCE_PLOT_WIDTH_PX",
    "LABEL_POSITIONS",
    "force_label_scale",
    "label_box",
    "marker_sizes",
]

#: Edge line traces, in drawing order: (family, evidence style key).
EDGE_CLASSES: tuple[tuple[str, str], ...] = tuple(
    (fam, key) for fam in EDGE_FAMILIES for key in dict.fromkeys(s.key for s in EVIDENCE_STYLES.values())
)
#: 12 edge classes + 1 faint "skips a lane" trace + 1 arrow trace + 15 node types + 1 grey
#: (dimmed / no overlay value) trace.
MAX_TRACES = len(EDGE_CLASSES) + 1 + 1 + len(schema.NODE_TYPES) + 1
#: Legend name of the faint trace of column-view edges that jump over at least one column.
LONG_EDGE_NAME = "skips a column (faint)"
#: Legend title of the relation legend: colour = family, line style = evidence.
EDGE_LEGEND_TITLE = "<b>Relations</b><br>solid: established/supported<br>faint: emerging<br>dashed: contested"
#: Above this many drawn edges lines get thinner and lighter so the nodes stay readable.
DENSE_EDGES = 400
_FAMILY_INDEX = {fam: i for i, fam in enumerate(EDGE_FAMILIES)}
_ARROW_AT = 2 / 3  # arrowhead position along each edge
_PAD = 0.06
#: Figure coordinates are layout coordinates + 2. Why: plotly's JSON writer (used by
#: st.plotly_chart) escapes "/" as "\u002f", and base64 float32 in [0.5, 2) yields "/" for
#: every third value (exponent byte 0x3F); in [2, 3] it is 0x40 and the figure ~20 % smaller.
FIGURE_OFFSET = 2.0
#: Plotly property validation for the network's traces (on in the test suite, off at run time).
VALIDATE = os.environ.get("NEUROIMMUNE_VALIDATE_FIGURES", "") not in ("", "0")


def build_network_figure(
    atlas: Atlas,
    positions: pd.DataFrame,
    *,
    title: str = "",
    highlight: Iterable[str] = (),
    dim: Iterable[str] = (),
    hidden: Iterable[str] = (),
    overlay: pd.Series | None = None,
    overlay_label: str = "",
    presenter: bool = False,
    lanes: Sequence[tuple] | None = None,
    gl_threshold: int = 3000,
    max_labels: int = 60,
    aspect: float = 1.0,
    fade_skipping: bool = False,
    canvas: Canvas | None = None,
    plot_height: float | None = None,
    separate_labels: bool = False,
) -> go.Figure:
    """Node-link figure of ``atlas`` drawn at ``positions``, at most :data:`MAX_TRACES` traces.

    Edges are one NaN-separated line trace per (relation family × evidence style); contested
    edges are dashed, emerging ones fainter. The legend has one entry per family (a click hides
    the whole family) under a title that keys the line styles. With ``fade_skipping``, edges that
    jump over a column (and touch no highlighted node) are one faint grey trace; their arrowheads
    keep the family colour. Above ``DENSE_EDGES`` edges, lines are thinner and lighter.

    One marker trace puts an arrowhead two thirds
    along every edge; its ``customdata`` is the edge's index label in ``atlas.edges`` (an int,
    the row of the unfiltered atlas too) and its hover text reads "IL-1β causes Sickness
    behaviour (established)". Nodes are one trace per type with ``customdata`` = node id, so
    ``st.plotly_chart(on_select="rerun")`` reports clicked ids. All data text is HTML-escaped.

    Parameters
    ----------
    atlas : Atlas
        Nodes and edges to draw.
    positions : pandas.DataFrame
        Columns ``id``, ``x``, ``y`` covering every drawn node (extra rows are ignored).
    title : str
        Plain text (escaped).
    highlight, dim, hidden : iterable of str
        Node ids drawn bigger with an outline and a label / drawn grey / left out (with their edges).
    overlay : pandas.Series, optional
        id → number; colours nodes on a continuous scale with a colour bar titled
        ``overlay_label``. Nodes without a value are drawn grey.
    presenter : bool
        Larger type, thicker lines and bigger markers for a projector.
    lanes : sequence of (name, members, x), optional
        Column headers with light vertical bands (e.g. :data:`neuroimmune.layout.LANES`).
    gl_threshold : int
        Above this many edges every trace is WebGL and edge hover text is left out.
    max_labels : int
        Text labels for this many highest-degree nodes (highlighted nodes are always labelled).
    aspect : float
        Height of one y unit relative to one x unit on screen (arrowheads are rotated for it).
    fade_skipping : bool
        With three or more ``lanes``: draw edges that jump over a column faint grey (the gut-brain
        lanes, where long edges would otherwise cross everything).
    canvas : neuroimmune.label_layout.Canvas, optional
        Story mode: ``positions`` come from :func:`neuroimmune.label_layout.layered_label_layout`
        (with a ``text`` column of wrapped labels). Every node is labelled in full at the canvas's
        type size, markers have one size, the plot area is exactly ``plot_height`` px high and the
        legends sit below it, so the label boxes the layout computed are the ones drawn.
    separate_labels : bool
        Force views (no ``lanes``, no ``canvas``): place the ``max_labels`` labels (highlighted nodes
        first, then the best-connected) so their text boxes, estimated from Arial widths in the pixel
        space of the narrowest plot area (:data:`FORCE_PLOT_WIDTH_PX`), neither overlap nor leave the
        plot: each label tries positions around its marker (above first) and is left out where none
        is free (see :func:`_place_labels`). Marker positions never move.

    Returns
    -------
    plotly.graph_objects.Figure

    Examples
    --------
    >>> from neuroimmune.layout import force_layout
    >>> from neuroimmune.synthetic import synthetic_frames
    >>> atlas = Atlas.from_frames(**synthetic_frames(30, 60, seed=0))
    >>> fig = build_network_figure(atlas, force_layout(atlas), title="Demo")
    >>> len(fig.data) <= MAX_TRACES
    True
    """
    nodes = _placed_nodes(atlas, positions, set(hidden))
    edges = _placed_edges(atlas, nodes)
    look = theme(presenter)
    if canvas is not None:
        look = replace(look, label_size=canvas.label_px, node_size=canvas.marker_px)
        max_labels = len(nodes)
    use_gl = len(edges) > gl_threshold
    scatter = _trace_factory(go.Scattergl if use_gl else go.Scatter)
    px_per_x, screen_aspect = _screen_scale(lanes, look, aspect)
    dense = len(edges) > DENSE_EDGES
    long = _long_edges(edges, nodes, lanes if fade_skipping else None, set(highlight))
    traces = _edge_traces(edges, nodes, look, scatter, long=long, dense=dense)
    if len(edges):
        traces.append(_arrow_trace(edges, atlas, look, scatter, hover=not use_gl, aspect=screen_aspect, long=long, dense=dense))
    separate = separate_labels and canvas is None and not lanes
    nodes = _mark_nodes(
        nodes, set(highlight), set(dim), overlay, 0 if separate else max_labels, brief=use_gl, look=look,
        scale=(px_per_x, px_per_x * screen_aspect),
    )  # fmt: skip
    if canvas is not None:
        nodes["labelled"], nodes["textpos"], nodes["label_size"] = True, "top center", canvas.label_px
        nodes["degree"] = 0.0  # one marker size: the label, not the marker, carries the entity
    elif separate:
        plot_h = look.height - (90 if title else 60) - (110 if overlay is not None else 10)  # margins of _apply_layout / colour bar
        nodes["labelled"], nodes["textpos"] = _place_labels(nodes, look, max_labels=max_labels, aspect=aspect, plot_height=plot_h)
    else:
        nodes["textpos"] = _text_positions(nodes["x"].to_numpy(dtype=float), outward=bool(lanes) and len(lanes) <= 2)
    traces += _node_traces(nodes, look, scatter, overlay is not None)
    fig = go.Figure(data=traces, _validate=VALIDATE)
    # Column views fill the chart (no fixed aspect): columns are wide apart, so a locked ratio left
    # half the height empty. A story's canvas layout (label-sized in its own pixel space) fills the
    # chart too: a locked ratio squeezed its labels into the middle of a wide chart. Free (force)
    # layouts keep their shape with a fixed aspect.
    _apply_layout(fig, look, title, None if lanes or canvas is not None else aspect)
    if overlay is not None:
        _add_colour_axis(fig, nodes, overlay_label, look)
    if canvas is not None:
        _canvas_layout(fig, look, canvas, plot_height or canvas.height, lanes, has_title=bool(title))
        return fig
    if lanes:
        _add_lanes(fig, lanes, look)
    _place_legends(fig, look, n_nodes=sum(t.legend is None for t in traces if t.showlegend is not False),
                   n_edges=sum(t.legend == "legend2" and t.showlegend is not False for t in traces))  # fmt: skip
    return fig


# ---------------------------------------------------------------------------------------------
# data preparation
def _placed_nodes(atlas: Atlas, positions: pd.DataFrame, hidden: set[str]) -> pd.DataFrame:
    missing_cols = {"id", "x", "y"} - set(positions.columns)
    if missing_cols:
        raise ValueError(f"positions lacks column(s) {sorted(missing_cols)}; expected id, x, y (see neuroimmune.layout)")
    nodes = atlas.nodes.loc[~atlas.nodes["id"].isin(hidden), ["id", "label", "type", "description"]]
    pos = positions.drop_duplicates("id").set_index("id")[["x", "y", *(["text"] if "text" in positions else [])]]
    placed = nodes.join(pos, on="id")
    lost = placed["x"].isna() | placed["y"].isna()
    if lost.any():
        some = ", ".join(placed.loc[lost, "id"].head(3))
        raise ValueError(
            f"positions has no x/y for {int(lost.sum())} node(s) (e.g. {some}); "
            "compute positions for this atlas, e.g. neuroimmune.layout.force_layout(atlas)"
        )
    placed["degree"] = placed["id"].map(atlas.degree).fillna(0).to_numpy(dtype=float)
    return placed.reset_index(drop=True)


def _placed_edges(atlas: Atlas, nodes: pd.DataFrame) -> pd.DataFrame:
    index = pd.Index(nodes["id"])
    e = atlas.edges
    s, t = index.get_indexer(e["source"]), index.get_indexer(e["target"])
    keep = (s >= 0) & (t >= 0)
    x, y = nodes["x"].to_numpy(dtype=float), nodes["y"].to_numpy(dtype=float)
    return pd.DataFrame(
        {
            "row": e.index.to_numpy()[keep],
            "source": e["source"].to_numpy()[keep],
            "target": e["target"].to_numpy()[keep],
            "relation": e["relation"].to_numpy()[keep],
            "evidence": e["evidence"].to_numpy()[keep],
            "family": e["relation"].map(edge_family).to_numpy()[keep],
            "style": e["evidence"].map(lambda v: EVIDENCE_STYLES.get(v, EVIDENCE_STYLES["emerging"]).key).to_numpy()[keep],
            "x0": x[s[keep]], "y0": y[s[keep]], "x1": x[t[keep]], "y1": y[t[keep]],
        }
    )  # fmt: skip


def _coords(values, offset: float = 0.0) -> np.ndarray:
    """float32 rounded to 3 decimals: plotly 7 ships these as compact base64 typed arrays."""
    return np.round(np.asarray(values, dtype=np.float64) + offset, 3).astype(np.float32)


#: Node labels longer than this are shortened with "…" on the chart.
_LABEL_CHARS = 32


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# ---------------------------------------------------------------------------------------------
# edges
def _long_edges(edges: pd.DataFrame, nodes: pd.DataFrame, lanes, highlight: set[str]) -> np.ndarray:
    """Edges whose ends lie two or more columns apart (column views with ≥ 3 columns only).

    Edges of highlighted nodes never count: they are the story being told.
    """
    if not lanes or len(lanes) < 3 or edges.empty:
        return np.zeros(len(edges), dtype=bool)
    xs = np.sort(np.array([float(lane[2]) for lane in lanes]))
    col0 = np.abs(edges["x0"].to_numpy(dtype=float)[:, None] - xs).argmin(axis=1)
    col1 = np.abs(edges["x1"].to_numpy(dtype=float)[:, None] - xs).argmin(axis=1)
    focal = edges["source"].isin(highlight).to_numpy() | edges["target"].isin(highlight).to_numpy()
    return (np.abs(col0 - col1) >= 2) & ~focal


def _edge_traces(edges: pd.DataFrame, nodes: pd.DataFrame, look: Theme, scatter, *, long: np.ndarray, dense: bool) -> list:
    """One line trace per edge class; the legend shows one entry per family, named by the family."""
    traces = []
    by_key = {s.key: s for s in EVIDENCE_STYLES.values()}
    thin, light = (0.6, 0.55) if dense else (1.0, 1.0)
    short = edges[~long]
    named: set[str] = set()
    for family, key in EDGE_CLASSES:
        part = short[(short["family"] == family) & (short["style"] == key)]
        if part.empty:
            continue
        style = by_key[key]
        xs, ys = _segments(part, nodes)
        first = family not in named
        named.add(family)
        traces.append(
            scatter(
                x=xs, y=ys, mode="lines", name=family if first else f"{family} · {style.label}", showlegend=first,
                legend="legend2", legendgroup=family, meta=f"{family} · {style.label}",
                line={"color": FAMILY_COLOURS[family], "width": look.line_width * style.width_factor * thin, "dash": style.dash},
                opacity=style.opacity * light, hoverinfo="skip",
            )
        )  # fmt: skip
    if long.any():
        xs, ys = _segments(edges[long], nodes)
        traces.append(
            scatter(
                x=xs, y=ys, mode="lines", name=LONG_EDGE_NAME, legend="legend2", legendgroup="long", meta=LONG_EDGE_NAME,
                line={"color": "#8C8C8C", "width": look.line_width * 0.6}, opacity=0.3, hoverinfo="skip",
            )
        )  # fmt: skip
    return traces


def _segments(part: pd.DataFrame, nodes: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """One coordinate array per axis, trails separated by NaN (never a trace per edge).

    Edges are chained into trails through shared nodes (``a, b, c, NaN``) so most edges cost one
    point instead of three (x0, x1, NaN): the same picture in about half the JSON.
    """
    index = pd.Index(nodes["id"])
    walk = _trail_points(index.get_indexer(part["source"]), index.get_indexer(part["target"]), len(index))
    x, y = _coords(nodes["x"], FIGURE_OFFSET), _coords(nodes["y"], FIGURE_OFFSET)
    gap = walk < 0
    xs = np.where(gap, np.float32(np.nan), x[np.maximum(walk, 0)]).astype(np.float32)
    ys = np.where(gap, np.float32(np.nan), y[np.maximum(walk, 0)]).astype(np.float32)
    return xs, ys


def _trail_points(src: np.ndarray, dst: np.ndarray, n: int) -> np.ndarray:
    """Cover the edges with trails (greedy, odd-degree nodes first); node indices, -1 = break.

    Examples
    --------
    >>> _trail_points(np.array([0, 1, 2]), np.array([1, 2, 3]), 4).tolist()
    [0, 1, 2, 3, -1]
    """
    m = len(src)
    ends = np.concatenate([src, dst])
    other = np.concatenate([dst, src])
    edge_of = np.concatenate([np.arange(m), np.arange(m)])
    order = np.argsort(ends, kind="stable")
    nbr, eid = other[order].tolist(), edge_of[order].tolist()
    start = np.searchsorted(ends[order], np.arange(n + 1)).tolist()
    ptr = start[:-1]
    used = [False] * m
    degree = np.bincount(ends, minlength=n)
    out: list[int] = []
    for first in np.r_[np.flatnonzero(degree % 2 == 1), np.flatnonzero(degree % 2 == 0)].tolist():
        while True:  # every trail from ``first`` until its edges run out
            cur, trail = first, [first]
            while True:
                p, stop = ptr[cur], start[cur + 1]
                while p < stop and used[eid[p]]:
                    p += 1
                ptr[cur] = p
                if p == stop:
                    break
                used[eid[p]] = True
                cur = nbr[p]
                trail.append(cur)
            if len(trail) == 1:
                break
            out += trail
            out.append(-1)
    return np.asarray(out, dtype=np.int64)


def _arrow_trace(edges: pd.DataFrame, atlas: Atlas, look: Theme, scatter, *, hover: bool, aspect: float, long: np.ndarray, dense: bool):
    dx = (edges["x1"] - edges["x0"]).to_numpy()
    dy = (edges["y1"] - edges["y0"]).to_numpy()
    # marker.angle turns clockwise from "up"; screen dy is data dy times the aspect ratio
    # kept in [0, 360): negative int16 would put "/" into the base64 (see FIGURE_OFFSET)
    angle = (np.round(np.degrees(np.arctan2(dx, dy * aspect))).astype(np.int16) % 360).astype(np.int16)
    colours = list(FAMILY_COLOURS.values())
    scale = [[i / (len(colours) - 1), c] for i, c in enumerate(colours)]
    marker = {
        "symbol": "triangle-up", "size": round(look.arrow_size * (0.75 if dense else 1.0)), "angle": angle,
        "opacity": _coords(np.where(long, 0.35, 0.9)) if long.any() else (0.6 if dense else 0.9),
        "color": edges["family"].map(_FAMILY_INDEX).to_numpy(dtype=np.uint8),
        "colorscale": scale, "cmin": 0, "cmax": len(colours) - 1, "showscale": False,
    }  # fmt: skip
    trace = scatter(
        x=_coords(edges["x0"] + _ARROW_AT * dx, FIGURE_OFFSET), y=_coords(edges["y0"] + _ARROW_AT * dy, FIGURE_OFFSET),
        mode="markers",
        marker=marker, customdata=edges["row"].to_numpy(dtype=np.int32), name="relations", showlegend=False, legend="legend2",
        unselected={"marker": {"opacity": 0.6}},
    )  # fmt: skip
    if hover:
        trace.hovertext = _edge_sentences(edges, atlas)
        trace.hovertemplate = "%{hovertext}<extra></extra>"
    else:
        trace.hovertemplate = "relation — click to see it<extra></extra>"
    return trace


def _edge_sentences(edges: pd.DataFrame, atlas: Atlas) -> list[str]:
    """``IL-1β causes Sickness behaviour (established)``, escaped."""
    labels = atlas.labels
    esc = html.escape
    return [
        f"{esc(labels.get(s, s))} {esc(relation_phrase(r))} {esc(labels.get(t, t))} ({esc(ev)})"
        for s, r, t, ev in zip(edges["source"], edges["relation"], edges["target"], edges["evidence"])
    ]


# ---------------------------------------------------------------------------------------------
# nodes
def _mark_nodes(
    nodes,
    highlight: set[str],
    dim: set[str],
    overlay,
    max_labels: int,
    *,
    brief: bool,
    look: Theme | None = None,
    scale: tuple[float, float] = (700.0, 700.0),
) -> pd.DataFrame:
    """Add the per-node drawing decisions: highlighted, grey, labelled, overlay value, hover."""
    nodes = nodes.copy()
    nodes["highlight"] = nodes["id"].isin(highlight)
    nodes["value"] = np.nan
    if overlay is not None:
        values = pd.to_numeric(pd.Series(overlay), errors="coerce").replace([np.inf, -np.inf], np.nan)
        nodes["value"] = nodes["id"].map(values).astype(float)
    nodes["grey"] = nodes["id"].isin(dim) & ~nodes["highlight"]
    if overlay is not None:
        nodes["grey"] |= nodes["value"].isna()
    nodes["labelled"] = _label_choice(nodes, max_labels, look or theme(), scale)
    nodes["label_size"] = _label_sizes(nodes, look or theme())
    limit = 60 if brief else 160
    esc = html.escape
    nodes["hover"] = [
        f"<b>{esc(lbl)}</b>" + (f"<br>{esc(_truncate(desc, limit))}" if desc else "")
        for lbl, desc in zip(nodes["label"], nodes["description"])
    ]
    if overlay is not None:
        shown = [f"<br>value: {v:.3g}" if np.isfinite(v) else "<br>no value" for v in nodes["value"]]
        nodes["hover"] = nodes["hover"] + shown
    return nodes.sort_values("degree", kind="stable")  # hubs drawn last, on top


#: Typical width in pixels of the plotting area (a wide-layout page minus the legend).
_PLOT_WIDTH_PX = 800.0


def _screen_scale(lanes, look: Theme, aspect: float) -> tuple[float, float]:
    """(pixels per x unit, screen height of a y unit / width of an x unit) of a typical chart."""
    if not lanes:
        return _PLOT_WIDTH_PX / (1 + 2 * _PAD), aspect
    xs = sorted(float(lane[2]) for lane in lanes)
    half = (min(np.diff(xs)) if len(xs) > 1 else 1.0) / 2
    px_per_x = _PLOT_WIDTH_PX / (xs[-1] - xs[0] + 2 * half)
    px_per_y = (look.height - 130) / (1 + 2 * _PAD)
    return px_per_x, px_per_y / px_per_x


def _label_choice(nodes: pd.DataFrame, max_labels: int, look: Theme, scale: tuple[float, float]) -> np.ndarray:
    """Highlighted nodes, then the best-connected, skipping any label that would overlap one taken.

    Labels sit above their marker ("top center"); boxes are estimated in screen pixels from the
    font size and an assumed chart width, so a crowded hub area gets a few readable labels instead
    of a pile of overprinted ones.
    """
    taken = np.zeros(len(nodes), dtype=bool)
    highlight, grey = nodes["highlight"].to_numpy(dtype=bool), nodes["grey"].to_numpy(dtype=bool)
    size = _label_sizes(nodes, look)
    x = nodes["x"].to_numpy(dtype=float) * scale[0]
    y = nodes["y"].to_numpy(dtype=float) * scale[1] + size * 0.9
    w = nodes["label"].str.len().clip(upper=_LABEL_CHARS).to_numpy(dtype=float) * size * 0.55 + 6
    h = size * 1.3
    order = np.lexsort((-nodes["degree"].to_numpy(), ~highlight))
    boxes: list[int] = []
    budget = max(max_labels, 0)
    for i in order:
        if highlight[i]:
            taken[i] = True
            boxes.append(i)
            continue
        if budget <= 0 or grey[i]:
            continue
        b = np.asarray(boxes, dtype=int)
        if len(b) and np.any((np.abs(x[b] - x[i]) < (w[b] + w[i]) / 2) & (np.abs(y[b] - y[i]) < (h[b] + h[i]) / 2)):
            continue
        taken[i] = True
        boxes.append(i)
        budget -= 1
    return taken


#: The narrowest plot area a force view is drawn in, in px: the chart at 1280×720 with the sidebar open, less the
#: legends on its right (562 px measured in Chromium). Wider charts only spread the markers further apart (label
#: boxes keep their size), so labels placed apart here stay apart on every larger screen.
FORCE_PLOT_WIDTH_PX = 560.0
#: Where a force view's label may sit around its marker, in order of preference (Plotly textposition values).
LABEL_POSITIONS = ("top center", "bottom center", "middle right", "middle left", "top right", "top left", "bottom right", "bottom left")
_GAP_PX = 2.0  # kept clear between two label boxes and between a label and a labelled entity's marker
#: A label may lie under at most this many markers drawn over it (entities of traces drawn later, whose centre
#: is inside the label's box): beyond that a name is not legible (a highlighted entity is labelled anyway).
MAX_MARKERS_OVER_LABEL = 2


def force_label_scale(aspect: float, plot_height: float) -> tuple[float, float]:
    """(px per x unit, px per y unit) of a force view at its narrowest: the axes span [-pad, 1 + pad] with y
    locked to ``aspect`` × x (Plotly's ``scaleanchor``), in a plot area :data:`FORCE_PLOT_WIDTH_PX` wide and
    ``plot_height`` high."""
    span = 1 + 2 * _PAD
    px = min(FORCE_PLOT_WIDTH_PX / span, plot_height / (span * aspect))
    return px, px * aspect


def marker_sizes(nodes: pd.DataFrame, look: Theme) -> np.ndarray:
    """Marker diameter per node in px, as :func:`_node_trace` draws it (hubs bigger, highlighted ×1.6)."""
    degree = nodes["degree"].to_numpy(dtype=float)
    size = look.node_size * (0.75 + 1.45 * _hub_share(degree, max(float(degree.max()) if len(degree) else 1.0, 1.0)))
    return np.where(nodes["highlight"].to_numpy(dtype=bool), size * 1.6, size)


def label_box(position: str, x, y, text_w, font, marker):
    """The on-screen box (x0, x1, y0, y1; px, y down) of a label at ``position`` around a marker at (x, y).

    Plotly's text placement (``Drawing.textPointPosition``): the text sits ``marker / 1.6 + 1`` px from
    the marker's centre; its baseline is 0.75 font sizes below the anchor for one line. The box spans
    the font's ascent (0.905 em) and descent (0.212 em), as Chromium measures Arial / Liberation Sans.
    """
    r = np.asarray(marker, dtype=float) / 1.6 + 1
    v = "top" if "top" in position else "bottom" if "bottom" in position else "middle"
    h = "end" if "left" in position else "start" if "right" in position else "middle"
    baseline = (
        y + np.asarray(font) * 0.75 + {"top": -r, "bottom": r, "middle": 0.0}[v] + ({"top": -1.0, "bottom": 0.0, "middle": -0.5}[v] * font)
    )
    x0 = {"middle": x - text_w / 2, "start": x + r, "end": x - r - text_w}[h]
    return x0, x0 + text_w, baseline - 0.905 * np.asarray(font), baseline + 0.212 * np.asarray(font)


def _place_labels(nodes: pd.DataFrame, look: Theme, *, max_labels: int, aspect: float, plot_height: float) -> tuple[np.ndarray, np.ndarray]:
    """Labelled flag and text position per node of a force view: no two label boxes overlap, none leaves the plot.

    Highlighted nodes first, then the best-connected (dimmed ones never), up to ``max_labels``: each
    label takes a position of :data:`LABEL_POSITIONS` inside the plot and clear of the labels and
    labelled markers taken before — the one with the fewest markers drawn over it (entities of
    later traces: Plotly draws a trace's text above its own and earlier traces' markers only), then
    the first in order. A node whose marker already lies under a label, or whose label fits nowhere
    or only under more than :data:`MAX_MARKERS_OVER_LABEL` markers, stays unlabelled (a highlighted
    node is labelled anyway). Greedy and deterministic, in the pixel space of
    :func:`force_label_scale` (about 10 ms for the shipped atlas's 459 entities).
    """
    n = len(nodes)
    labelled = np.zeros(n, dtype=bool)
    textpos = np.full(n, "top center", dtype=object)
    if n == 0:
        return labelled, textpos
    sx, sy = force_label_scale(aspect, plot_height)
    px = (nodes["x"].to_numpy(dtype=float) + _PAD) * sx
    py = (1 + _PAD - nodes["y"].to_numpy(dtype=float)) * sy
    width, height = (1 + 2 * _PAD) * sx, (1 + 2 * _PAD) * sy
    font = _label_sizes(nodes, look)
    marker = marker_sizes(nodes, look)
    half = marker / 2
    highlight, grey = nodes["highlight"].to_numpy(dtype=bool), nodes["grey"].to_numpy(dtype=bool)
    types = list(schema.NODE_TYPES) + sorted(set(nodes["type"]) - set(schema.NODE_TYPES))  # trace order of _node_traces
    layer = np.where(grey, len(types), nodes["type"].map({t: k for k, t in enumerate(types)}).to_numpy(dtype=float))
    labels = nodes["label"].tolist()
    order = np.lexsort((-nodes["degree"].to_numpy(), ~highlight))
    taken = np.empty((2 * n, 4))  # label boxes and the markers of labelled nodes: x0, x1, y0, y1
    k = 0
    budget = max(int(max_labels), 0)
    positions = np.array(LABEL_POSITIONS, dtype=object)
    for i in order:
        if not highlight[i]:
            if budget <= 0:
                break
            if grey[i]:
                continue
        own = (px[i] - half[i], px[i] + half[i], py[i] - half[i], py[i] + half[i])
        t = taken[:k]
        if k and not highlight[i] and _hits(t, *own).any():
            continue  # its marker lies under a label already placed: a label here would read as that one's
        w = text_width(_truncate(labels[i], _LABEL_CHARS), font[i])
        boxes = _around(px[i], py[i], w, font[i], marker[i])  # (8, 4): one box per position
        inside = (boxes[:, 0] >= 0) & (boxes[:, 1] <= width) & (boxes[:, 2] >= 0) & (boxes[:, 3] <= height)
        clear = inside & ~_hits(t[None, :, :], *boxes.T[:, :, None]).any(axis=1) if k else inside
        lo, hi = boxes.min(axis=0), boxes.max(axis=0)
        near = (layer > layer[i]) & (px > lo[0]) & (px < hi[1]) & (py > lo[2]) & (py < hi[3])  # markers drawn over this label
        over = ((px[near] > boxes[:, :1]) & (px[near] < boxes[:, 1:2]) & (py[near] > boxes[:, 2:3]) & (py[near] < boxes[:, 3:4])).sum(
            axis=1
        )
        if not highlight[i]:
            clear &= over <= MAX_MARKERS_OVER_LABEL
        elif not clear.any():
            clear = inside if inside.any() else np.ones(len(boxes), dtype=bool)
        if not clear.any():
            continue
        best = int(np.flatnonzero(clear)[np.argmin(over[clear])])
        labelled[i], textpos[i] = True, positions[best]
        taken[k], taken[k + 1] = boxes[best], own
        k += 2
        if not highlight[i]:
            budget -= 1
    return labelled, textpos


def _hits(boxes: np.ndarray, x0, x1, y0, y1) -> np.ndarray:
    """Which ``boxes`` (last axis x0, x1, y0, y1) come within :data:`_GAP_PX` of the box (x0, x1, y0, y1) (broadcasts)."""
    g = _GAP_PX
    return (boxes[..., 0] < x1 + g) & (boxes[..., 1] > x0 - g) & (boxes[..., 2] < y1 + g) & (boxes[..., 3] > y0 - g)


# label_box of every LABEL_POSITIONS entry as coefficients: x0 = x + a·w + b·r; baseline = y + c·r + d·font
_H = {"middle": (-0.5, 0.0), "start": (0.0, 1.0), "end": (-1.0, -1.0)}
_V = {"top": (-1.0, -0.25), "bottom": (1.0, 0.75), "middle": (0.0, 0.25)}
_COEF = np.array(
    [(*_H["end" if "left" in p else "start" if "right" in p else "middle"], *_V["top" if "top" in p else "bottom" if "bottom" in p else "middle"])
     for p in LABEL_POSITIONS]
)  # fmt: skip


def _around(x: float, y: float, w: float, font: float, marker: float) -> np.ndarray:
    """The boxes (x0, x1, y0, y1) of a label at every :data:`LABEL_POSITIONS` entry, as :func:`label_box` gives them."""
    r = marker / 1.6 + 1
    x0 = x + _COEF[:, 0] * w + _COEF[:, 1] * r
    base = y + _COEF[:, 2] * r + _COEF[:, 3] * font
    return np.column_stack([x0, x0 + w, base - 0.905 * font, base + 0.212 * font])


def _hub_share(degree: np.ndarray, max_deg: float) -> np.ndarray:
    """0 for a leaf … 1 for the best-connected node (square root: mid-sized hubs still stand out)."""
    return np.sqrt(np.clip(np.asarray(degree, dtype=float) / max(max_deg, 1.0), 0, 1))


def _label_sizes(nodes: pd.DataFrame, look: Theme) -> np.ndarray:
    """Label font size per node: hubs up to 35 % larger, so the names that orient a class read first."""
    degree = nodes["degree"].to_numpy(dtype=float)
    return np.round(look.label_size * (1 + 0.35 * _hub_share(degree, degree.max() if len(degree) else 1.0)))


def _node_traces(nodes: pd.DataFrame, look: Theme, scatter, with_overlay: bool) -> list:
    traces = []
    max_deg = max(float(nodes["degree"].max()) if len(nodes) else 1.0, 1.0)
    for node_type in list(schema.NODE_TYPES) + sorted(set(nodes["type"]) - set(schema.NODE_TYPES)):
        part = nodes[(nodes["type"] == node_type) & ~nodes["grey"]]
        if part.empty:
            continue
        style = node_style(node_type)
        colour = {"color": part["value"].to_numpy(dtype=np.float32), "coloraxis": "coloraxis"} if with_overlay else {"color": style.colour}
        trace = _node_trace(part, look, scatter, max_deg, name=node_type, symbol=style.symbol, **colour)
        trace.hovertemplate = f"%{{hovertext}}<extra>{html.escape(node_type, quote=False)}</extra>"  # type shown once per trace
        traces.append(trace)
    if traces:
        traces[0].legendgrouptitle = {"text": "Entity types"}
    grey = nodes[nodes["grey"]]
    if not grey.empty:
        name = "no overlay value" if with_overlay else "dimmed"
        symbols = [node_style(t).symbol for t in grey["type"]]
        trace = _node_trace(grey, look, scatter, max_deg, name=name, symbol=symbols, color=GREY)
        trace.hovertext = [f"{h}<br><i>{html.escape(t, quote=False)}</i>" for h, t in zip(grey["hover"], grey["type"])]
        traces.append(trace)
    return traces


def _trace_factory(cls):
    """``cls`` with Plotly's per-property validation switched off unless :data:`VALIDATE`.

    Validation is most of the cost of building a large figure; the tests run with it on
    (``NEUROIMMUNE_VALIDATE_FIGURES=1``), so a misspelt property still fails there.
    """
    return functools.partial(cls, _validate=VALIDATE)


def _label_font(look: Theme, scatter) -> dict:
    """Label font; SVG traces get a white halo so a label stays readable over edges and markers."""
    font = {"size": look.label_size, "color": look.font_colour}
    if scatter.func is go.Scatter:  # WebGL text has no shadow
        font["shadow"] = "1px 1px 2px white, -1px -1px 2px white, 1px -1px 2px white, -1px 1px 2px white"
    return font


def _single(values: list):
    return values[0] if len(set(values)) == 1 else values


def _text_positions(x: np.ndarray, outward: bool = False) -> np.ndarray:
    """Labels above their marker, leaning inwards at the left and right edges so they are not cut off.

    With ``outward`` (two wide columns, as in the condition map) edge-column labels go beside their
    marker on the empty outer side instead, away from the edges running between the columns.
    """
    left, right = ("middle left", "middle right") if outward else ("top right", "top left")
    return np.where(x < 0.1, left, np.where(x > 0.9, right, "top center"))


def _node_trace(part: pd.DataFrame, look: Theme, scatter, max_deg: float, *, name: str, symbol, **colour):
    size = look.node_size * (0.75 + 1.45 * _hub_share(part["degree"].to_numpy(), max_deg))
    size = np.where(part["highlight"], size * (1.35 if "text" in part else 1.6), size)
    outline = np.where(part["highlight"], 3.0 if look.font_size > 16 else 2.5, 0.6)
    # long names are cut on the chart (a 57-letter disease name ran off the edge); hover has them whole
    if "text" in part and part["text"].notna().all():  # story mode: wrapped in full by the layout, escaped there
        labels = np.where(
            part["highlight"], part["text"].map(lambda t: "<br>".join(f"<b>{li}</b>" for li in t.split("<br>"))), part["text"]
        )
    else:
        labels = np.where(part["labelled"], part["label"].map(lambda s: html.escape(_truncate(s, _LABEL_CHARS), quote=False)), "")
    width = _coords(outline) if part["highlight"].any() else 0.6
    marker = {"symbol": symbol, "size": np.round(size).astype(np.uint8), "line": {"color": "#222222", "width": width}, **colour}
    trace = scatter(
        x=_coords(part["x"], FIGURE_OFFSET), y=_coords(part["y"], FIGURE_OFFSET), mode="markers+text" if part["labelled"].any() else "markers",
        name=name, legendgroup="nodes", marker=marker, customdata=part["id"].to_numpy(dtype=object),
        hovertext=part["hover"].tolist(), hovertemplate="%{hovertext}<extra></extra>",
        textposition=_single(part["textpos"].tolist()) if "textpos" in part else "top center", textfont=_label_font(look, scatter),
        # a click opens the entity's card; plotly's default fades everything else to 20 %, unreadable on a projector
        selected={"marker": {"opacity": 1}}, unselected={"marker": {"opacity": 0.75}, "textfont": {"color": look.font_colour}},
    )  # fmt: skip
    if part["labelled"].any():
        trace.text = labels.tolist()
        if "label_size" in part:
            trace.textfont.size = _single(part["label_size"].astype(int).tolist())
    return trace


# ---------------------------------------------------------------------------------------------
# layout, colour bar, lanes
def _apply_layout(fig: go.Figure, look: Theme, title: str, aspect: float | None) -> None:
    axis = {"visible": False, "showgrid": False, "zeroline": False}
    legend = {
        "orientation": "v", "x": 1.01, "xanchor": "left", "font": {"size": look.font_size}, "itemsizing": "constant",
        "bgcolor": "rgba(255,255,255,0.9)", "tracegroupgap": 14,
    }  # fmt: skip
    fig.update_layout(
        template=pio.templates["none"],  # an object: with validation off a name would not be resolved
        title={"text": html.escape(title, quote=False), "font": {"size": look.title_size}, "x": 0.01, "xanchor": "left"},
        font={"size": look.font_size, "color": look.font_colour, "family": "Arial, Helvetica, sans-serif"},
        paper_bgcolor="white", plot_bgcolor="white", height=look.height,
        margin={"l": 10, "r": 10, "t": 90 if title else 60, "b": 10},
        xaxis={**axis, "range": [FIGURE_OFFSET - _PAD, FIGURE_OFFSET + 1 + _PAD]},
        yaxis={**axis, "range": [FIGURE_OFFSET - _PAD, FIGURE_OFFSET + 1 + _PAD], **({"scaleanchor": "x", "scaleratio": aspect} if aspect else {})},
        showlegend=True, hovermode="closest", dragmode="pan", clickmode="event+select", uirevision="network",
        # entity types top right (one click hides one type), relations bottom right (one click
        # hides a whole family, every evidence grade of it)
        legend={**legend, "y": 1, "yanchor": "top", "groupclick": "toggleitem"},
        legend2={
            **legend, "y": 0, "yanchor": "bottom", "groupclick": "togglegroup", "tracegroupgap": 0,
            "title": {"text": EDGE_LEGEND_TITLE, "font": {"size": look.font_size}},
        },
        hoverlabel={"font": {"size": look.font_size}, "bgcolor": "white", "align": "left"},
    )  # fmt: skip


def _place_legends(fig: go.Figure, look: Theme, *, n_nodes: int, n_edges: int) -> None:
    """Shrink both legends' type (not below 14 px) when together they would not fit the chart's height."""
    margin = fig.layout.margin
    plot_px = (fig.layout.height or look.height) - (margin.t or 0) - (margin.b or 0)
    title_lines = EDGE_LEGEND_TITLE.count("<br>") + 1
    needed = 1.5 * look.font_size * (n_nodes + 1 + (n_edges + title_lines if n_edges else 0)) + 30
    if needed <= plot_px:
        return
    size = max(14, int(look.font_size * plot_px / needed))
    fig.update_layout(legend_font_size=size, legend2_font_size=size, legend2_title_font_size=size)


def _add_colour_axis(fig: go.Figure, nodes: pd.DataFrame, label: str, look: Theme) -> None:
    values = nodes["value"].dropna()
    lo, hi = (float(values.min()), float(values.max())) if len(values) else (0.0, 1.0)
    fig.update_layout(
        coloraxis={
            "colorscale": "Viridis", "cmin": lo, "cmax": hi if hi > lo else lo + 1,
            "colorbar": {
                "title": {"text": html.escape(label, quote=False) or "overlay", "side": "top", "font": {"size": look.font_size}},
                "orientation": "h", "x": 0.5, "xanchor": "center", "y": -0.02, "yanchor": "top",
                "len": 0.6, "thickness": 18, "tickfont": {"size": look.font_size},
            },
        }
    )  # fmt: skip
    fig.update_layout(margin={"b": 110})


def _add_lanes(fig: go.Figure, lanes: Sequence[tuple], look: Theme) -> None:
    xs = sorted(float(lane[2]) + FIGURE_OFFSET for lane in lanes)
    half = (min(np.diff(xs)) if len(xs) > 1 else 1.0) / 2
    stagger = len(lanes) >= 5  # narrow lanes: alternate header heights so long names never overprint
    for i, lane in enumerate(sorted(lanes, key=lambda ln: float(ln[2]))):
        x = float(lane[2]) + FIGURE_OFFSET
        fig.add_shape(
            type="rect", xref="x", yref="paper", x0=x - half, x1=x + half, y0=0, y1=1, layer="below",
            line={"width": 0}, fillcolor="#F2F4F7" if i % 2 == 0 else "#FAFBFC",
        )  # fmt: skip
        fig.add_annotation(
            x=x, y=1, xref="x", yref="paper", yanchor="bottom", showarrow=False, text=f"<b>{html.escape(str(lane[0]), quote=False)}</b>",
            font={"size": look.font_size, "color": look.font_colour}, yshift=int(look.font_size * 1.5) if stagger and i % 2 else 0,
        )  # fmt: skip
    # two wide columns label their outer nodes on the outside (see _text_positions): leave room for that text
    pad = 0.9 * half if len(xs) <= 2 else 0.0
    fig.update_xaxes(range=[xs[0] - half - pad, xs[-1] + half + pad])
    if stagger:
        fig.update_layout(margin={"t": fig.layout.margin.t + int(look.font_size * 1.5)})


# ---------------------------------------------------------------------------------------------
# story mode: an exact plot area, wrapped column headers, legends below
def _canvas_layout(fig: go.Figure, look: Theme, canvas: Canvas, plot_height: float, lanes, *, has_title: bool) -> None:
    """Fix the plot area to ``plot_height`` px with x, y spanning exactly [0, 1] (+ offset).

    Column headers wrap to their column's width (two lines at most) above the plot; both legends
    run horizontally below it, in a bottom margin sized for their rows, so Plotly never shrinks
    the plot area to make room (which would squeeze the label boxes the layout computed).
    """
    header_lines = 0
    if lanes:
        pitch = canvas.width / len(lanes)
        for i, lane in enumerate(sorted(lanes, key=lambda ln: float(ln[2]))):
            x = float(lane[2]) + FIGURE_OFFSET
            lines = wrap_label(str(lane[0]), pitch - 8, look.font_size, bold=True)
            header_lines = max(header_lines, len(lines))
            fig.add_shape(
                type="rect", xref="x", yref="paper", x0=x - 0.5 / len(lanes), x1=x + 0.5 / len(lanes), y0=0, y1=1, layer="below",
                line={"width": 0}, fillcolor="#F2F4F7" if i % 2 == 0 else "#FAFBFC",
            )  # fmt: skip
            fig.add_annotation(
                x=x, y=1, xref="x", yref="paper", yanchor="bottom", showarrow=False, font={"size": look.font_size, "color": look.font_colour},
                text="<br>".join(f"<b>{html.escape(li, quote=False)}</b>" for li in lines),
            )  # fmt: skip
    top = (int(look.title_size * 2.2) if has_title else 10) + int(header_lines * look.font_size * 1.35) + 6
    axis = {"visible": False, "showgrid": False, "zeroline": False, "fixedrange": False}
    for trace in fig.data:
        trace.legendgrouptitle = None  # the horizontal legend has its own title
    fig.update_layout(
        margin={"l": 6, "r": 6, "t": top, "b": 0},
        xaxis={**axis, "range": [FIGURE_OFFSET, FIGURE_OFFSET + 1]},
        yaxis={**axis, "range": [FIGURE_OFFSET, FIGURE_OFFSET + 1]},
        meta={"story_plot_height": float(plot_height), "story_width": float(canvas.width)},
    )  # fmt: skip
    fit_story_legends(fig)


def fit_story_legends(fig: go.Figure) -> go.Figure:
    """Lay a story figure's two legends out in rows below the plot, sized for their entries.

    Call it again after renaming or splitting traces (the cytokine classes do): the bottom margin
    and the figure height follow, the plot area keeps its height.
    """
    meta = fig.layout.meta or {}
    plot_height, width = float(meta["story_plot_height"]), float(meta["story_width"])
    font = fig.layout.font.size or 16
    look = replace(theme(font > 16), font_size=font)
    rows1, rows2 = _legend_rows(fig, look, width + 20)
    row_px = font * 2.1
    bottom = int((rows1 + rows2 + 1) * row_px + 40)  # + one line: the key to the line styles
    fig.update_layout(
        height=int(fig.layout.margin.t + plot_height + bottom),
        margin={"b": bottom},
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": -8 / plot_height, "yanchor": "top", "traceorder": "normal",
                "title": {"text": "<b>Entities</b>", "side": "left"}},
        legend2={
            "orientation": "h", "x": 0, "xanchor": "left", "y": -(24 + rows1 * row_px) / plot_height, "yanchor": "top", "traceorder": "normal",
            "title": {"text": f"<b>{_CANVAS_EDGE_TITLE}</b>", "side": "left", "font": {"size": font, "color": look.font_colour}},
        },
    )  # fmt: skip
    fig.update_layout(legend_title_font={"size": font, "color": look.font_colour})
    _place_line_key(fig, look, y=-(30 + (rows1 + rows2) * row_px) / plot_height)
    return fig


def _place_line_key(fig: go.Figure, look: Theme, *, y: float) -> None:
    """The key to the line styles under a story figure's plot (added once), at paper height ``y``."""
    if not [a for a in fig.layout.annotations if a.name == "line_key"]:
        fig.add_annotation(name="line_key", text=_LINE_KEY, xref="paper", yref="paper", x=0, xanchor="left", yanchor="top",
                           showarrow=False, font={"size": max(look.font_size - 2, 12), "color": look.font_colour})  # fmt: skip
    fig.update_annotations(selector={"name": "line_key"}, y=y)


def _legend_names(fig: go.Figure, legend: str) -> list[str]:
    """Names of the traces shown in one of a figure's legends (``legend`` or ``legend2``)."""
    return [t.name for t in fig.data if (t.legend or "legend") == legend and t.showlegend is not False and t.name]


def side_story_legends(fig: go.Figure) -> go.Figure:
    """Stack a story figure's two legends in a column right of the plot, so the figure is as short as its plot.

    For a screen that is wide but short (a 1280×720 projector in presenter mode): the legends below the plot
    took 140–240 px of its 720 lines. The plot keeps its height; the right margin is as wide as the widest entry.
    """
    meta = fig.layout.meta or {}
    plot_height = float(meta["story_plot_height"])
    font = fig.layout.font.size or 16
    look = replace(theme(font > 16), font_size=font)
    groups = [_legend_names(fig, "legend"), _legend_names(fig, "legend2")]
    titles = ("Entities", _CANVAS_EDGE_TITLE)
    widest = max([46 + text_width(str(n), font) for g in groups for n in g] + [text_width(t, font, bold=True) for t in titles])
    row_px = font * 1.45  # a vertical legend's entries sit about 1.45 font sizes apart
    top = int(fig.layout.margin.t or 0)
    bottom = int(font * 2.2)  # one line: the key to the line styles
    common = {"orientation": "v", "x": 1.0, "xanchor": "left", "yanchor": "top", "traceorder": "normal", "entrywidthmode": "pixels",
              "entrywidth": int(widest)}  # fmt: skip
    second = 1 - ((len(groups[0]) + 1) * row_px + 16) / plot_height if groups[0] else 1.0
    fig.update_layout(
        height=int(top + plot_height + bottom),
        margin={"r": int(widest + 24), "b": bottom},
        legend={**common, "y": 1.0, "title": {"text": "<b>Entities</b>", "side": "top"}},
        legend2={**common, "y": second, "title": {"text": f"<b>{_CANVAS_EDGE_TITLE}</b>", "side": "top",
                                                  "font": {"size": font, "color": look.font_colour}}},
    )  # fmt: skip
    fig.update_layout(legend_title_font={"size": font, "color": look.font_colour})
    _place_line_key(fig, look, y=-6 / plot_height)
    return fig


def _legend_rows(fig: go.Figure, look: Theme, width: float) -> tuple[int, int]:
    """Fix each horizontal legend's entry width and return how many rows it takes at ``width`` px.

    Plotly wraps a horizontal legend into columns as wide as its widest entry; setting that
    width ourselves makes the row count (and so the bottom margin) known before drawing.
    """
    rows = []
    for legend, title, side in (("legend", "Entities", "left"), ("legend2", _CANVAS_EDGE_TITLE, "left")):
        names = _legend_names(fig, legend)
        if not names:
            rows.append(0)
            continue
        entry = 46 + max(text_width(str(n), look.font_size) for n in names)
        room = width - (text_width(title, look.font_size, bold=True) + 14 if side == "left" else 0)
        per_row = max(int((room - 20) // (entry + 8)), 1)  # plotly adds a little padding per entry
        rows.append(-(-len(names) // per_row) + (1 if side == "top" else 0))
        fig.update_layout({legend: {"entrywidth": int(entry), "entrywidthmode": "pixels"}})
    return rows[0], rows[1]


#: The relation legend's title in story mode (one line above the entries).
_CANVAS_EDGE_TITLE = "Relations"
#: The key to the line styles, under the legends of a story figure.
_LINE_KEY = "Lines: solid = established or supported · faint = emerging · dashed = contested · arrow = direction"
