"""Node positions per view: force (igraph), gut-brain lanes, typed layers and bipartite columns."""

from __future__ import annotations

import random
import threading
from dataclasses import replace
from typing import NamedTuple

import igraph as ig
import numpy as np
import pandas as pd

from . import schema
from .atlas import Atlas

__all__ = [
    "Lane",
    "LANES",
    "CYTOKINE_LAYERS",
    "EXACT_FR_MAX_NODES",
    "force_layout",
    "lane_layout",
    "layered_layout",
    "layer_columns",
    "bipartite_layout",
]


class Lane(NamedTuple):
    """A labelled column of a layout: its header, the values it holds and its x position.

    ``members`` are compartments for :data:`LANES` and node types for :func:`layer_columns`.
    """

    name: str
    members: tuple[str, ...]
    x: float


def _spread(names_members: list[tuple[str, tuple[str, ...]]]) -> list[Lane]:
    n = len(names_members)
    return [Lane(name, members, round(i / max(n - 1, 1), 4)) for i, (name, members) in enumerate(names_members)]


#: Gut → brain lanes, left to right. ``periphery`` and a missing compartment join the body lane.
LANES: list[Lane] = _spread(
    [
        ("Gut lumen", ("gut_lumen",)),
        ("Gut epithelium", ("gut_epithelium",)),
        ("Gut immune · enteric nerves", ("gut_immune", "enteric_nervous")),
        ("Blood · vagus · HPA axis", ("circulation", "vagus", "hpa_axis", "periphery", "")),
        ("Blood–brain barrier", ("bbb",)),
        ("Brain", ("brain",)),
    ]
)

#: Cytokine pathway columns: cytokine → receptor → signalling → effectors → symptoms/conditions.
#: Microbes sit with the cytokines they induce, treatments with the receptors they target.
CYTOKINE_LAYERS: dict[str, int] = {
    "cytokine": 0, "microbe": 0,
    "receptor": 1, "treatment": 1,
    "signaling": 2,
    "cell": 3, "process": 3, "protein": 3, "metabolite": 3, "neurotransmitter": 3,
    "hormone": 3, "antibody": 3, "anatomy": 3,
    "symptom": 4, "condition": 4,
}  # fmt: skip

_LAYER_NAMES = {0: "Cytokines", 1: "Receptors", 2: "Signalling", 3: "Cells & processes", 4: "Symptoms & conditions"}

#: Exact Fruchterman–Reingold up to this many nodes; the grid variant above (O(n) per step).
EXACT_FR_MAX_NODES = 600
_FR_ITERATIONS = 500
_FR_GRID_ITERATIONS = 300  # the grid variant settles large graphs in fewer steps
_RNG_LOCK = threading.Lock()  # igraph's random generator is process-global
_COLUMNS = ["id", "x", "y"]


# ---------------------------------------------------------------------------------------------
# shared helpers
def _frame(ids, x, y) -> pd.DataFrame:
    return pd.DataFrame({"id": np.asarray(ids, dtype=object), "x": np.asarray(x, dtype=np.float32), "y": np.asarray(y, dtype=np.float32)})


def _edge_index(atlas: Atlas) -> tuple[np.ndarray, np.ndarray]:
    """Integer (source, target) positions into ``atlas.nodes`` for edges with both ends present."""
    index = pd.Index(atlas.nodes["id"])
    src = index.get_indexer(atlas.edges["source"])
    dst = index.get_indexer(atlas.edges["target"])
    keep = (src >= 0) & (dst >= 0)
    return src[keep].astype(np.int64), dst[keep].astype(np.int64)


def _degree(n: int, src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    real = src != dst
    return np.bincount(src[real], minlength=n) + np.bincount(dst[real], minlength=n)


# ---------------------------------------------------------------------------------------------
# force layout
def force_layout(atlas: Atlas, *, seed: int = 0) -> pd.DataFrame:
    """Force-directed positions in [0, 1]² (Fruchterman–Reingold via python-igraph).

    Exact FR up to :data:`EXACT_FR_MAX_NODES` nodes, the grid variant above (10,000 nodes and
    100,000 edges take about 1–2 s). Numeric ``x``/``y`` node columns pin nodes (``NaN`` = free,
    one axis may be pinned alone); pinned values already in [0, 1] are kept exactly, others are
    rescaled into [0, 1] together. Free nodes without edges are set in rows along the bottom.

    Parameters
    ----------
    atlas : Atlas
        The (filtered) atlas to lay out; edges are treated as undirected.
    seed : int, default 0
        Same atlas and seed → same positions.

    Returns
    -------
    pandas.DataFrame
        Columns ``id``, ``x``, ``y`` (float32), one row per node in ``atlas.nodes`` order.

    Examples
    --------
    >>> from neuroimmune.synthetic import synthetic_frames
    >>> atlas = Atlas.from_frames(**synthetic_frames(40, 80, seed=1))
    >>> pos = force_layout(atlas, seed=0)
    >>> list(pos.columns), len(pos) == len(atlas.nodes)
    (['id', 'x', 'y'], True)
    >>> bool(pos[["x", "y"]].min().min() >= 0 and pos[["x", "y"]].max().max() <= 1)
    True
    """
    ids = atlas.nodes["id"].to_numpy()
    n = len(ids)
    if n == 0:
        return _frame([], [], [])
    src, dst = _edge_index(atlas)
    fixed = _fixed_positions(atlas.nodes)
    free_isolated = (_degree(n, src, dst) == 0) & np.isnan(fixed).all(axis=1)
    pos = np.zeros((n, 2))
    core = np.flatnonzero(~free_isolated)
    if len(core):
        remap = np.full(n, -1)
        remap[core] = np.arange(len(core))
        keep = (remap[src] >= 0) & (remap[dst] >= 0)
        pos[core] = _fr_positions(len(core), remap[src[keep]], remap[dst[keep]], fixed[core], seed)
    if free_isolated.any():
        pos = _place_isolated(pos, free_isolated, fixed_any=~np.isnan(fixed).all(axis=1))
    return _frame(ids, np.clip(pos[:, 0], 0, 1), np.clip(pos[:, 1], 0, 1))


def _fixed_positions(nodes: pd.DataFrame) -> np.ndarray:
    """(n, 2) pinned coordinates in [0, 1] or NaN; out-of-range input is rescaled jointly."""
    cols = [pd.to_numeric(nodes[c], errors="coerce") if c in nodes else pd.Series(np.nan, index=nodes.index) for c in ("x", "y")]
    fixed = np.column_stack([c.to_numpy(dtype=float) for c in cols])
    fixed[~np.isfinite(fixed)] = np.nan
    given = fixed[~np.isnan(fixed)]
    if given.size and (given.min() < 0 or given.max() > 1):
        lo, span = given.min(), max(given.max() - given.min(), 1e-9)
        fixed = (fixed - lo) / span
    return fixed


def _fr_positions(n: int, src: np.ndarray, dst: np.ndarray, fixed: np.ndarray, seed: int) -> np.ndarray:
    """FR layout of ``n`` nodes normalised to [0, 1]², pinned nodes at ``fixed`` (NaN = free)."""
    graph = ig.Graph(n=n, edges=np.column_stack([src, dst]).tolist(), directed=False)
    graph.simplify()
    grid = n > EXACT_FR_MAX_NODES
    # centred start: igraph's grid variant is fast only for drawings around the origin
    half = np.sqrt(n) / 2
    start = np.random.default_rng(seed).uniform(-half, half, (n, 2))
    free = _seeded_fr(graph, seed, start=start, grid=grid)
    pinned = ~np.isnan(fixed)
    if not pinned.any():
        return _normalise(_even_out(free))
    if grid:  # the grid variant crawls inside tight bounds: relax around the pins instead
        return _relax_around_pins(_normalise(free), fixed, src, dst)
    span = max(float(np.ptp(free, axis=0).max()), 1.0)  # natural size of the unpinned drawing
    target = (fixed - 0.5) * span
    start = np.where(pinned, target, (_normalise(free) - 0.5) * span)
    low = np.where(pinned, target, -span / 2)
    high = np.where(pinned, target, span / 2)
    bounds = {"minx": low[:, 0].tolist(), "maxx": high[:, 0].tolist(), "miny": low[:, 1].tolist(), "maxy": high[:, 1].tolist()}
    return _seeded_fr(graph, seed, start=start, grid=grid, **bounds) / span + 0.5


def _relax_around_pins(pos: np.ndarray, fixed: np.ndarray, src: np.ndarray, dst: np.ndarray, rounds: int = 30) -> np.ndarray:
    """Pin coordinates, then pull free ones halfway between their FR spot and their neighbours' mean."""
    n = len(pos)
    pinned = ~np.isnan(fixed)
    base = pos.copy()
    pos = np.where(pinned, fixed, pos)
    count = np.bincount(src, minlength=n) + np.bincount(dst, minlength=n)
    has_nb = (count > 0)[:, None]
    for _ in range(rounds):
        total = np.column_stack(
            [np.bincount(src, weights=pos[dst, k], minlength=n) + np.bincount(dst, weights=pos[src, k], minlength=n) for k in (0, 1)]
        )
        mean = np.where(has_nb, total / np.maximum(count, 1)[:, None], base)
        pos = np.where(pinned, fixed, 0.5 * base + 0.5 * mean)
    return pos


def _seeded_fr(graph: ig.Graph, seed: int, *, start: np.ndarray, grid: bool, **bounds) -> np.ndarray:
    # igraph's FR draws random numbers internally: give it a private seeded generator.
    with _RNG_LOCK:
        ig.set_random_number_generator(random.Random(seed))
        try:
            layout = graph.layout_fruchterman_reingold(
                seed=start.tolist(), niter=_FR_GRID_ITERATIONS if grid else _FR_ITERATIONS, grid=grid, **bounds
            )
        finally:
            ig.set_random_number_generator(random)
    return np.asarray(layout.coords, dtype=float).reshape(-1, 2)


def _even_out(pos: np.ndarray, strength: float = 0.6) -> np.ndarray:
    """Ease the crowded core of a force layout: move radii towards an even-area spread.

    FR packs hubs into a dense centre where labels collide; mixing each node's radius with the
    radius it would have if nodes were spread evenly over the disc (by rank) keeps every angle
    and the order of radii, so neighbourhoods stay where they were.
    """
    n = len(pos)
    if n < 3:
        return pos
    centre = np.median(pos, axis=0)
    offset = pos - centre
    radius = np.hypot(offset[:, 0], offset[:, 1])
    r_max = float(radius.max()) or 1.0
    even = np.sqrt((np.argsort(np.argsort(radius)) + 0.5) / n) * r_max
    new_radius = (1 - strength) * radius + strength * even
    scale = np.divide(new_radius, radius, out=np.ones(n), where=radius > 0)
    return centre + offset * scale[:, None]


def _normalise(pos: np.ndarray) -> np.ndarray:
    """Scale into [0, 1]² keeping the aspect ratio, centred."""
    lo = pos.min(axis=0)
    span = np.ptp(pos, axis=0)
    scale = max(float(span.max()), 1e-9)
    return (pos - lo) / scale + (1 - span / scale) / 2


def _place_isolated(pos: np.ndarray, isolated: np.ndarray, fixed_any: np.ndarray) -> np.ndarray:
    """Free nodes without edges go in tidy rows in the bottom 8 %; the rest is squeezed above."""
    pos = pos.copy()
    movable = ~isolated & ~fixed_any
    pos[movable, 1] = 0.12 + 0.88 * pos[movable, 1]
    idx = np.flatnonzero(isolated)
    per_row = max(int(np.ceil(np.sqrt(len(idx) * 8))), 1)
    rows = int(np.ceil(len(idx) / per_row))
    col, row = np.arange(len(idx)) % per_row, np.arange(len(idx)) // per_row
    pos[idx, 0] = (col + 0.5) / per_row
    pos[idx, 1] = 0.08 * (1 - (row + 0.5) / rows)
    return pos


# ---------------------------------------------------------------------------------------------
# column layouts (lanes, layers, bipartite) share one barycentre ordering
def _column_layout(
    ids: np.ndarray,
    column: np.ndarray,
    block: np.ndarray,
    src: np.ndarray,
    dst: np.ndarray,
    xs: np.ndarray,
    *,
    sweeps: int = 2,
    zigzag: bool = True,
    inward: float = 0.0,
) -> pd.DataFrame:
    """Nodes in columns ``column`` (x = ``xs[column]``), stacked top→bottom by ``block`` key, and
    within each block ordered by the mean y of their neighbours (barycentre sweeps).

    With ``zigzag`` a crowded column is spread over several sub-columns (see :func:`_sub_columns`):
    it is filled row by row, so it uses its lane's width instead of one thin line of markers.
    With ``inward`` > 0 (two columns labelled on their outer sides) the sub-columns instead reach
    that far from each column towards the middle, best-connected node outermost in each row.
    """
    n = len(ids)
    if n == 0:
        return _frame([], [], [])
    y = np.zeros(n)
    order = {c: np.flatnonzero(column == c) for c in np.unique(column)}
    per_row = {c: _sub_columns(len(m)) if zigzag else 1 for c, m in order.items()}
    for c, members in order.items():
        members = members[np.lexsort((np.arange(len(members)), block[members]))]
        order[c] = members
        y[members] = _stack_y(block[members], per_row[c])
    keys = sorted(order)
    for _ in range(sweeps):
        for c in keys + keys[::-1]:
            order[c] = _reorder_by_barycentre(order[c], block, y, src, dst)
            y[order[c]] = _stack_y(block[order[c]], per_row[c])
    x = xs[column].astype(float)
    if zigzag:
        x, y = _spread_rows(order, per_row, x, y, src, dst, xs, inward=inward)
    return _frame(ids, x, y)


#: A column holds about this many rows before it is split into sub-columns (at most _MAX_SUB).
_ROWS_PER_COLUMN = 12
_MAX_SUB = 5
#: Share of the gap between two columns that a column's sub-columns may use.
_SUB_WIDTH = 0.72
#: How far (x units) the sub-columns of a bipartite column reach towards the other column.
_BIPARTITE_INWARD = 0.08


def _sub_columns(n: int) -> int:
    """How many sub-columns a column of ``n`` nodes gets (1 up to ~``_ROWS_PER_COLUMN`` nodes)."""
    return int(min(max(np.ceil(n / _ROWS_PER_COLUMN), 1), _MAX_SUB))


def _stack_y(blocks: np.ndarray, per_row: int = 1) -> np.ndarray:
    """y in (0, 1), top to bottom: one slot per row of ``per_row`` nodes.

    With one node per row, a half-slot gap separates blocks (types); rows of several nodes mix
    the ends of two blocks, so they are spaced evenly instead.
    """
    if per_row > 1:
        rows = np.arange(len(blocks)) // per_row
        total = rows[-1] + 1 if len(rows) else 1
        return 1 - (rows + 0.5) / total
    gaps = np.r_[0, np.cumsum(blocks[1:] != blocks[:-1])] * 0.5
    slot = np.arange(len(blocks)) + gaps
    total = (slot[-1] + 1) if len(slot) else 1
    return 1 - (slot + 0.5) / total


def _reorder_by_barycentre(members: np.ndarray, block: np.ndarray, y: np.ndarray, src, dst) -> np.ndarray:
    n = len(y)
    total = np.bincount(src, weights=y[dst], minlength=n) + np.bincount(dst, weights=y[src], minlength=n)
    count = np.bincount(src, minlength=n) + np.bincount(dst, minlength=n)
    bary = np.where(count > 0, total / np.maximum(count, 1), y)[members]
    # blocks keep their order; inside a block, high barycentre first (y runs top → bottom)
    return members[np.lexsort((-bary, block[members]))]


def _spread_rows(
    order: dict, per_row: dict, x: np.ndarray, y: np.ndarray, src, dst, xs: np.ndarray, *, inward: float = 0.0
) -> tuple[np.ndarray, np.ndarray]:
    """Place each row of a split column across the column's width.

    Inside a row, nodes whose neighbours lie further left take the left sub-columns, so an edge
    leaves its lane on the side it is heading to instead of crossing the whole lane; sub-columns
    are also nudged up/down a little (a zig-zag) so edges along a row do not run through markers.
    """
    n = len(x)
    col_x = x.copy()
    nb_x = np.bincount(src, weights=col_x[dst], minlength=n) + np.bincount(dst, weights=col_x[src], minlength=n)
    count = np.bincount(src, minlength=n) + np.bincount(dst, minlength=n)
    lean = np.where(count > 0, nb_x / np.maximum(count, 1), col_x) - col_x
    if inward:  # outermost = best connected: its label, outside the columns, crosses no marker
        lean = -count.astype(float)
    gap = float(np.diff(np.sort(xs)).min()) if len(xs) > 1 else 1.0
    x, y = x.copy(), y.copy()
    for c, members in order.items():
        k = per_row[c]
        if k <= 1:
            continue
        width = gap * _SUB_WIDTH
        slots = np.linspace(-width / 2, width / 2, k)
        if inward:
            side = 1.0 if xs[c] <= xs.mean() else -1.0
            slots = side * np.linspace(0, inward, k)
        row_h = 1.0 / np.ceil(len(members) / k)
        for start in range(0, len(members), k):
            row = members[start : start + k]
            row = row[np.argsort(lean[row], kind="stable")]
            pick = np.arange(k) if len(row) == k else np.round(np.linspace(0, k - 1, len(row) + 2)[1:-1]).astype(int)
            x[row] = col_x[row] + slots[pick]
            y[row] += ((pick % 2) - 0.5) * row_h * 0.35
    return x, y


def _ranked(values: pd.Series, ranking: list[str]) -> np.ndarray:
    rank = {v: i for i, v in enumerate(ranking)}
    return values.map(rank).fillna(len(ranking)).to_numpy(dtype=np.int64)


def lane_layout(atlas: Atlas) -> pd.DataFrame:
    """Gut → brain lanes left to right by node ``compartment`` (see :data:`LANES`).

    Inside a lane nodes are grouped by compartment, then by type, and ordered within a group by
    the mean y of their neighbours (two barycentre sweeps) to reduce crossings. Nodes with
    ``periphery``, an unknown or an empty compartment join the "Blood · vagus · HPA axis" lane.

    Examples
    --------
    >>> from neuroimmune.synthetic import synthetic_frames
    >>> atlas = Atlas.from_frames(**synthetic_frames(60, 150, seed=2))
    >>> pos = lane_layout(atlas).set_index("id")
    >>> gut = atlas.nodes.loc[atlas.nodes.compartment == "gut_lumen", "id"].iloc[0]
    >>> brain = atlas.nodes.loc[atlas.nodes.compartment == "brain", "id"].iloc[0]
    >>> bool(pos.at[gut, "x"] < pos.at[brain, "x"])
    True
    """
    nodes = atlas.nodes
    lane_of = {comp: i for i, lane in enumerate(LANES) for comp in lane.members}
    body = next(i for i, lane in enumerate(LANES) if "" in lane.members)
    column = nodes["compartment"].map(lane_of).fillna(body).to_numpy(dtype=np.int64)
    comp_rank = _ranked(nodes["compartment"], list(schema.COMPARTMENTS))
    type_rank = _ranked(nodes["type"], list(schema.NODE_TYPES))
    block = comp_rank * 100 + type_rank
    src, dst = _edge_index(atlas)
    xs = np.array([lane.x for lane in LANES])
    return _column_layout(nodes["id"].to_numpy(), column, block, src, dst, xs)


def layer_columns(layers: dict[str, int]) -> list[Lane]:
    """Column headers for :func:`layered_layout` (types absent from ``layers`` form "Other").

    Examples
    --------
    >>> [c.name for c in layer_columns(CYTOKINE_LAYERS)][:2]
    ['Cytokines', 'Receptors']
    """
    levels = sorted(set(layers.values()))
    others = tuple(t for t in schema.NODE_TYPES if t not in layers)
    named = [
        (_LAYER_NAMES.get(lv, f"Layer {lv}") if layers is CYTOKINE_LAYERS else " · ".join(t for t, v in layers.items() if v == lv),
         tuple(t for t, v in layers.items() if v == lv))
        for lv in levels
    ]  # fmt: skip
    if others:
        named.append(("Other", others))
    return _spread(named)


def layered_layout(atlas: Atlas, layers: dict[str, int]) -> pd.DataFrame:
    """Left → right columns by node type (``layers`` maps type → column number).

    Types missing from ``layers`` go to an extra rightmost "Other" column (see
    :func:`layer_columns`). Within a column nodes are grouped by type and barycentre-ordered.

    Examples
    --------
    >>> from neuroimmune.synthetic import synthetic_frames
    >>> atlas = Atlas.from_frames(**synthetic_frames(60, 150, seed=2))
    >>> pos = layered_layout(atlas, CYTOKINE_LAYERS).merge(atlas.nodes[["id", "type"]])
    >>> bool(pos[pos.type == "cytokine"].x.max() < pos[pos.type == "receptor"].x.min())
    True
    """
    if not layers:
        raise ValueError("layers is empty; map node types to column numbers, e.g. CYTOKINE_LAYERS")
    columns = layer_columns(layers)
    col_of = {t: i for i, c in enumerate(columns) for t in c.members}
    nodes = atlas.nodes
    column = nodes["type"].map(col_of).fillna(len(columns) - 1).to_numpy(dtype=np.int64)
    block = _ranked(nodes["type"], list(schema.NODE_TYPES))
    src, dst = _edge_index(atlas)
    return _column_layout(nodes["id"].to_numpy(), column, block, src, dst, np.array([c.x for c in columns]))


def bipartite_layout(atlas: Atlas, left_ids, right_ids) -> pd.DataFrame:
    """Two columns: ``left_ids`` at x = 0 (e.g. conditions), ``right_ids`` at x = 1 (mechanisms).

    Each column is grouped by node type and barycentre-ordered to reduce crossings. Nodes in
    neither list are left out; ids in both lists go left.

    Examples
    --------
    >>> from neuroimmune.synthetic import synthetic_frames
    >>> atlas = Atlas.from_frames(**synthetic_frames(60, 150, seed=2))
    >>> left = atlas.nodes.loc[atlas.nodes.type == "condition", "id"]
    >>> right = atlas.nodes.loc[atlas.nodes.type == "process", "id"]
    >>> pos = bipartite_layout(atlas, left, right)
    >>> sorted(set(pos.x.round(1)))
    [0.0, 1.0]
    """
    left = pd.Index(pd.unique(pd.Series(list(left_ids), dtype=object)))
    right = pd.Index(pd.unique(pd.Series(list(right_ids), dtype=object))).difference(left, sort=False)
    nodes = atlas.nodes[atlas.nodes["id"].isin(left.union(right, sort=False))]
    column = nodes["id"].isin(right).to_numpy(dtype=np.int64)
    block = _ranked(nodes["type"], list(schema.NODE_TYPES))
    src, dst = _edge_index(replace(atlas, nodes=nodes))
    return _column_layout(nodes["id"].to_numpy(), column, block, src, dst, np.array([0.0, 1.0]), inward=_BIPARTITE_INWARD)
