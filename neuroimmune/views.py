"""One call per dashboard view: filter the atlas, place the nodes, build the network figure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import NamedTuple

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .atlas import Atlas, Filters
from .figures.charts import build_message_figure
from .figures.network import build_network_figure
from .layout import CYTOKINE_LAYERS, LANES, Lane, bipartite_layout, force_layout, lane_layout, layer_columns, layered_layout

__all__ = [
    "ViewSpec",
    "VIEW_SPECS",
    "DEFAULT_MAX_NODES",
    "CONDITION_TYPES",
    "layout_for_view",
    "view_nodes_capped",
    "build_view",
    "DrawnView",
    "build_view_figure",
]

#: Drawn graphs above this many nodes show the best-connected ones only (the title says so).
DEFAULT_MAX_NODES = 1000
#: Left column of the condition map; every other node type is a mechanism on the right.
CONDITION_TYPES = ("condition", "symptom")


@dataclass(frozen=True)
class ViewSpec:
    """How a view is drawn: its title, layout kind and on-screen aspect ratio (y unit / x unit)."""

    title: str
    layout: str
    aspect: float


VIEW_SPECS: dict[str, ViewSpec] = {
    "overview": ViewSpec("The whole atlas", "force", 0.62),
    "gut_brain": ViewSpec("The gut–brain axis, gut (left) to brain (right)", "lanes", 0.55),
    "cytokine": ViewSpec("Cytokine pathways: cytokine → receptor → signalling → effect → symptom", "layers", 0.55),
    "condition_map": ViewSpec("Conditions and their mechanisms", "bipartite", 0.8),
    "explorer": ViewSpec("Explorer", "force", 1.0),
}


def _check_view(view: str) -> ViewSpec:
    if view not in VIEW_SPECS:
        raise ValueError(f"unknown view {view!r} (expected one of: {', '.join(VIEW_SPECS)})")
    return VIEW_SPECS[view]


def _condition_split(atlas: Atlas) -> tuple[list[str], list[str]]:
    is_condition = atlas.nodes["type"].isin(CONDITION_TYPES)
    return atlas.nodes.loc[is_condition, "id"].tolist(), atlas.nodes.loc[~is_condition, "id"].tolist()


def layout_for_view(atlas: Atlas, view: str, *, seed: int = 0) -> pd.DataFrame:
    """Positions (``id, x, y``) of every node of ``atlas`` as ``view`` places them.

    Compute it once per dataset on the unfiltered atlas and pass it to :func:`build_view_figure`
    so filters never move nodes. The explorer uses the force layout (its neighbourhoods are
    re-fitted to the frame).

    Examples
    --------
    >>> from neuroimmune.synthetic import synthetic_frames
    >>> atlas = Atlas.from_frames(**synthetic_frames(50, 120, seed=0))
    >>> len(layout_for_view(atlas, "gut_brain")) == len(atlas.nodes)
    True
    """
    kind = _check_view(view).layout
    if kind == "lanes":
        return lane_layout(atlas)
    if kind == "layers":
        return layered_layout(atlas, CYTOKINE_LAYERS)
    if kind == "bipartite":
        return bipartite_layout(atlas, *_condition_split(atlas))
    return force_layout(atlas, seed=seed)


def _headers(view: str) -> list[Lane] | None:
    kind = VIEW_SPECS[view].layout
    if kind == "lanes":
        return LANES
    if kind == "layers":
        return layer_columns(CYTOKINE_LAYERS)
    if kind == "bipartite":
        return [Lane("Conditions & symptoms", CONDITION_TYPES, 0.0), Lane("Mechanisms", (), 1.0)]
    return None


def view_nodes_capped(atlas: Atlas, max_nodes: int | None, keep: Iterable[str] = ()) -> tuple[Atlas, int]:
    """The ``max_nodes`` best-connected nodes (``keep`` ids always stay) and the original count.

    Examples
    --------
    >>> from neuroimmune.synthetic import synthetic_frames
    >>> atlas = Atlas.from_frames(**synthetic_frames(50, 120, seed=0))
    >>> sub, total = view_nodes_capped(atlas, 20)
    >>> len(sub.nodes), total
    (20, 50)
    """
    total = len(atlas.nodes)
    if max_nodes is None or total <= max_nodes:
        return atlas, total
    keep = [k for k in dict.fromkeys(keep) if k in atlas.labels][:max_nodes]
    degree = atlas.nodes["id"].map(atlas.degree).fillna(0).to_numpy()
    order = atlas.nodes["id"].to_numpy()[np.argsort(-degree, kind="stable")]
    chosen = list(dict.fromkeys([*keep, *order]))[:max_nodes]
    return atlas.with_nodes(chosen), total


def _neighbourhood(atlas: Atlas, focus: list[str], k: int) -> Atlas:
    ids: dict[str, None] = {}
    for node in focus:
        ids.update(dict.fromkeys(atlas.neighbours(node, k).nodes["id"]))
    return atlas.with_nodes(list(ids))


def _fit(positions: pd.DataFrame, ids) -> pd.DataFrame | None:
    """Positions of ``ids`` stretched to fill [0, 1]² (aspect kept), or None if some are missing."""
    sub = positions.drop_duplicates("id").set_index("id").reindex(list(ids))[["x", "y"]]
    if sub.isna().any().any():
        return None
    xy = sub.to_numpy(dtype=float)
    lo, span = xy.min(axis=0), np.ptp(xy, axis=0)
    scale = max(float(span.max()), 1e-9)
    xy = (xy - lo) / scale + (1 - span / scale) / 2 if len(xy) > 1 else np.full_like(xy, 0.5)
    return pd.DataFrame({"id": sub.index, "x": xy[:, 0].astype(np.float32), "y": xy[:, 1].astype(np.float32)})


def _covers(positions: pd.DataFrame | None, ids) -> bool:
    if positions is None:
        return False
    placed = positions.dropna(subset=["x", "y"])["id"]
    return pd.Index(ids).isin(placed).all()


def _message_figure(title: str, message: str, presenter: bool) -> go.Figure:
    return build_message_figure(title, message, presenter=presenter)


class DrawnView(NamedTuple):
    """A view's figure with the sub-atlas it draws and how many entities the view had before the cap."""

    figure: go.Figure
    drawn: Atlas
    total: int


def build_view_figure(atlas: Atlas, view: str, **options) -> go.Figure:
    """The network figure of one view (see :func:`build_view` for the options)."""
    return build_view(atlas, view, **options).figure


def build_view(
    atlas: Atlas,
    view: str,
    *,
    filters: Filters | None = None,
    focus: Iterable[str] = (),
    k: int = 1,
    positions: pd.DataFrame | None = None,
    presenter: bool = False,
    overlay: pd.Series | None = None,
    overlay_label: str = "",
    max_nodes: int | None = DEFAULT_MAX_NODES,
) -> DrawnView:
    """The network of one view: filter → (neighbourhood) → cap → layout → figure, with what it drew.

    Views: ``overview`` (force layout), ``gut_brain`` (lanes), ``cytokine`` (typed layers),
    ``condition_map`` (conditions left, mechanisms right), ``explorer`` (``k``-hop
    neighbourhood of ``focus``, force layout). ``positions`` (from :func:`layout_for_view` on
    the unfiltered atlas, cached by the caller) is used when it covers every drawn node;
    otherwise the layout is computed here. The explorer fits cached positions to its
    neighbourhood, or lays the neighbourhood out afresh without them. Above ``max_nodes``
    nodes only the best-connected are drawn and the title says so. ``focus`` ids are
    highlighted in every view.

    Examples
    --------
    >>> from neuroimmune.synthetic import synthetic_frames
    >>> atlas = Atlas.from_frames(**synthetic_frames(60, 200, seed=0))
    >>> fig, drawn, total = build_view(atlas, "gut_brain")
    >>> [a.text for a in fig.layout.annotations][:1], len(drawn.nodes) == total
    (['<b>Gut lumen</b>'], True)
    """
    spec = _check_view(view)
    focus = [f for f in dict.fromkeys(focus) if f]
    sub = atlas.filter(filters or Filters(), view=view)
    title = spec.title
    if view == "explorer":
        present = [f for f in focus if f in sub.labels]
        if not present:
            why = "Pick an entity to explore." if not focus else "The chosen entity has no relations with the current filters."
            return DrawnView(_message_figure(title, why, presenter), sub.with_nodes([]), 0)
        sub = _neighbourhood(sub, present, max(int(k), 0))
        names = ", ".join(atlas.label(f) for f in present[:3]) + (" …" if len(present) > 3 else "")
        title = f"Explorer: {names} and what lies within {k} step{'s' if k != 1 else ''}"
    if sub.nodes.empty:
        return DrawnView(_message_figure(title, "Nothing to draw with the current filters.", presenter), sub, 0)
    sub, total = view_nodes_capped(sub, max_nodes, keep=focus)
    if len(sub.nodes) < total:
        title += f" — showing the {len(sub.nodes):,} best-connected of {total:,} entities"
    pos = _view_positions(sub, view, positions)
    fig = build_network_figure(
        sub, pos, title=title, highlight=focus, overlay=overlay, overlay_label=overlay_label, presenter=presenter,
        lanes=_headers(view), aspect=spec.aspect, max_labels=_max_labels(view, presenter), fade_skipping=spec.layout == "lanes",
        separate_labels=spec.layout == "force",
    )  # fmt: skip
    return DrawnView(fig, sub, total)


#: Label budget per layout: a few large names orient a class better than many small ones.
_LABELS = {"force": 22, "lanes": 40, "layers": 45, "bipartite": 60}


def _max_labels(view: str, presenter: bool) -> int:
    """Fewer labels where a force layout crowds hubs in the middle, and on a projector."""
    base = 60 if view == "explorer" else _LABELS.get(VIEW_SPECS[view].layout, 40)
    return base * 2 // 3 if presenter else base


def _view_positions(sub: Atlas, view: str, positions: pd.DataFrame | None) -> pd.DataFrame:
    ids = sub.nodes["id"]
    if view == "explorer":
        fitted = _fit(positions, ids) if positions is not None else None
        return fitted if fitted is not None else force_layout(sub)
    return positions if _covers(positions, ids) else layout_for_view(sub, view)


# ---------------------------------------------------------------------------------------------
# story views: a few dozen labelled entities in a label-sized layered layout
#: Crossing budgets per drawn relation of a story view: (any relation, one that keeps an entity
#: connected). The target is at most 2 per relation; lessons use (0.5, 1).
STORY_CROSSINGS_PER_EDGE = (1.0, 2.0)


def _legible(
    drawn: Atlas, positions: pd.DataFrame, intro: dict[str, int], per_edge: tuple[float, float], clearance: float, prefer: set[str]
) -> Atlas:
    """``drawn`` with the relations :func:`legible_edges` picks; context entities left without one are dropped."""
    from .label_layout import legible_edges

    e = drawn.edges
    if e.empty:
        return drawn
    at = positions.drop_duplicates("id").set_index("id")
    index = {node: k for k, node in enumerate(at.index)}
    xy = at[["px", "py"]].to_numpy(dtype=float)
    src = e["source"].map(index).to_numpy(dtype=np.int64)
    dst = e["target"].map(index).to_numpy(dtype=np.int64)
    must = (e["source"].isin(prefer) | e["target"].isin(prefer)).to_numpy()
    # label boxes (above each marker) as round obstacles an optional line must not cut through
    text_h = (at["top"] - at["bottom"]).to_numpy(dtype=float)
    labels = np.column_stack([at["px"], at["py"] - at["bottom"] - text_h / 2, np.minimum(at["w"].to_numpy(dtype=float), text_h) / 2])
    keep = legible_edges(xy, src, dst, _edge_rank(drawn, intro, prefer), per_edge=per_edge[0], hard=per_edge[1], clearance=clearance,
                         must=must, labels=labels)  # fmt: skip
    kept = e[keep]
    linked = set(kept["source"]) | set(kept["target"]) | prefer
    return replace(drawn, nodes=drawn.nodes[drawn.nodes["id"].isin(linked)], edges=kept)


def _edge_rank(atlas: Atlas, intro: dict[str, int], prefer: Iterable[str] = ()) -> np.ndarray:
    """Rank of each edge: by the step that introduced its later end, then those touching a ``prefer``
    (focus) entity, then strongest first."""
    from .story import edge_strength

    e = atlas.edges
    step = np.maximum(e["source"].map(intro).fillna(0).to_numpy(dtype=float), e["target"].map(intro).fillna(0).to_numpy(dtype=float))
    prefer = set(prefer)
    other = ~(e["source"].isin(prefer) | e["target"].isin(prefer)).to_numpy()
    order = np.lexsort((np.arange(len(e)), -edge_strength(atlas).to_numpy(), other, step))
    rank = np.empty(len(e), dtype=np.int64)
    rank[order] = np.arange(len(e))
    return rank


class StoryLayout(NamedTuple):
    """Positions of a story (``id, x, y, text, column`` + px boxes), its plot height and columns.

    ``n_columns`` 0: a hand-laid figure (:func:`fixed_story_layout`), drawn without column headers.
    """

    positions: pd.DataFrame
    height: float
    n_columns: int


def story_layout(
    sub: Atlas,
    view: str,
    base: Iterable[str],
    steps: Iterable[tuple[str, list[str]]] = (),
    *,
    presenter: bool = False,
    intro: dict[str, int] | None = None,
) -> StoryLayout:
    """Lay out the ``base`` story once (Sugiyama, label-sized), then add each growth step without moving anything.

    ``steps`` are (anchor id, added ids) as :func:`neuroimmune.story.grow_story` returns them: an
    added entity goes into its column at the free height nearest its anchor. Deterministic: the
    same arguments give the same positions, so callers cache it per dataset, view and state.

    Examples
    --------
    >>> from neuroimmune.synthetic import synthetic_frames
    >>> atlas = Atlas.from_frames(**synthetic_frames(40, 120, seed=0))
    >>> ids = atlas.nodes["id"].head(8).tolist()
    >>> lay = story_layout(atlas, "cytokine", ids)
    >>> sorted(lay.positions["id"]) == sorted(ids), lay.n_columns
    (True, 5)
    """
    from .label_layout import NORMAL_CANVAS, PRESENTER_CANVAS, extend_label_layout, layered_label_layout, spanning_forest
    from .story import column_names, column_of

    canvas = PRESENTER_CANVAS if presenter else NORMAL_CANVAS
    columns = column_of(sub, view)
    base = [i for i in dict.fromkeys(base) if i in sub.labels]
    part = sub.with_nodes(base)
    index = {node: k for k, node in enumerate(base)}
    e = part.edges
    src = e["source"].map(index).to_numpy(dtype=np.int64)
    dst = e["target"].map(index).to_numpy(dtype=np.int64)
    # order the columns for the relations that will be drawn first: the strongest spanning forest
    forest = spanning_forest(len(base), src, dst, _edge_rank(part, intro or {}))
    column = None if columns is None else np.array([columns[i] for i in base], dtype=np.int64)
    inside = np.zeros(len(src), dtype=bool) if column is None else column[src] == column[dst]  # these run sideways
    src, dst = src[forest | inside], dst[forest | inside]
    names = column_names(view)
    frame, height = layered_label_layout(base, [sub.label(i) for i in base], src, dst, canvas, column=column,
                                         n_columns=len(names) or None)  # fmt: skip
    n_cols = max(len(names), int(frame["column"].max()) + 1 if len(frame) else 1)
    for anchor, added in steps:
        added = [i for i in added if i in sub.labels and i not in set(frame["id"])]
        if not added:
            continue
        at = frame.set_index("id")
        anchor_py = float(at.at[anchor, "py"]) if anchor in at.index else height / 2
        cols = [columns[i] if columns is not None else _beside(sub, anchor, i, at, n_cols) for i in added]
        frame, height = extend_label_layout(frame, height, added, [sub.label(i) for i in added], cols, [anchor_py] * len(added),
                                            canvas, n_columns=n_cols)  # fmt: skip
    return StoryLayout(frame, height, n_cols)


def fixed_story_layout(sub: Atlas, ids: Iterable[str], placed: dict[str, tuple[float, float]], *, presenter: bool = False) -> StoryLayout:
    """A hand-laid story: ``placed`` ids (id → (x, y) in [0, 1], y up) where the curator put them, the other
    ``ids`` in the free room nearest their neighbours (in the order given), every box label-sized.

    Examples
    --------
    >>> from neuroimmune.synthetic import synthetic_frames
    >>> atlas = Atlas.from_frames(**synthetic_frames(40, 120, seed=0))
    >>> ids = atlas.nodes["id"].head(6).tolist()
    >>> lay = fixed_story_layout(atlas, ids, {ids[0]: (0.0, 1.0), ids[1]: (1.0, 0.0)})
    >>> sorted(lay.positions["id"]) == sorted(ids), lay.n_columns
    (True, 0)
    """
    from .label_layout import NORMAL_CANVAS, PRESENTER_CANVAS, fixed_label_layout

    canvas = PRESENTER_CANVAS if presenter else NORMAL_CANVAS
    ids = [i for i in dict.fromkeys(ids) if i in sub.labels]
    index = {node: k for k, node in enumerate(ids)}
    e = sub.with_nodes(ids).edges
    src = e["source"].map(index).to_numpy(dtype=np.int64)
    dst = e["target"].map(index).to_numpy(dtype=np.int64)
    xy = np.array([placed.get(i, (np.nan, np.nan)) for i in ids], dtype=float).reshape(len(ids), 2)
    frame, height = fixed_label_layout(ids, [sub.label(i) for i in ids], xy, src, dst, canvas)
    return StoryLayout(frame, height, 0)


def _beside(sub: Atlas, anchor: str, node: str, at: pd.DataFrame, n_cols: int) -> int:
    """The explorer's column for ``node`` added from ``anchor``: right of it if the anchor acts on it, else left."""
    col = int(at.at[anchor, "column"]) if anchor in at.index else n_cols // 2
    e = sub.edges
    downstream = bool(((e["source"] == anchor) & (e["target"] == node)).any())
    return int(min(max(col + (1 if downstream else -1), 0), n_cols - 1))


def story_lanes(view: str, n_columns: int) -> list[Lane] | None:
    """Column headers and bands of a story view (``None`` for the explorer)."""
    from .story import column_names

    names = column_names(view)
    if not names or n_columns <= 0:  # the explorer; a hand-laid figure (no columns)
        return None
    return [Lane(name, (), (i + 0.5) / n_columns) for i, name in enumerate(names)]


def build_story_view(
    sub: Atlas,
    view: str,
    ids: Iterable[str],
    layout: StoryLayout,
    *,
    title: str,
    highlight: Iterable[str] = (),
    presenter: bool = False,
    overlay: pd.Series | None = None,
    overlay_label: str = "",
    total: int | None = None,
    dim: Iterable[str] = (),
    intro: dict[str, int] | None = None,
    per_edge: tuple[float, float] = STORY_CROSSINGS_PER_EDGE,
    prefer: Iterable[str] = (),
    lanes: list[Lane] | None = None,
) -> DrawnView:
    """The figure of a story: ``ids`` of ``sub`` drawn at ``layout`` (from :func:`story_layout`), every entity labelled.

    Relations are chosen by :func:`neuroimmune.label_layout.legible_edges` (the strongest
    spanning forest within ``per_edge[1]`` crossings per drawn relation, others within ``per_edge[0]``),
    taken in order of ``intro`` (node id → the step that introduced it; a relation arrives with
    its later end), then those of ``highlight`` and ``prefer`` entities, then strength. Entities
    other than those that no drawn relation reaches are left out. The returned atlas holds exactly
    what is drawn. ``lanes`` (column headers) replaces the ``view``'s own (:func:`story_lanes`).
    """
    from .label_layout import NORMAL_CANVAS, PRESENTER_CANVAS

    highlight = list(highlight)
    drawn = sub.with_nodes([i for i in dict.fromkeys(ids) if i in set(layout.positions["id"])])
    canvas = PRESENTER_CANVAS if presenter else NORMAL_CANVAS
    prefer = set(highlight) | set(prefer)
    drawn = _legible(drawn, layout.positions, intro or {}, per_edge, clearance=canvas.marker_px * 0.8, prefer=prefer)
    if drawn.nodes.empty:
        return DrawnView(_message_figure(title, "Nothing to draw with the current filters.", presenter), drawn, 0)
    fig = build_network_figure(
        drawn, layout.positions, title=title, highlight=list(highlight), overlay=overlay, overlay_label=overlay_label, presenter=presenter,
        lanes=lanes if lanes is not None else story_lanes(view, layout.n_columns), canvas=canvas, plot_height=layout.height, dim=list(dim),
    )  # fmt: skip
    return DrawnView(fig, drawn, total if total is not None else len(drawn.nodes))


def build_default_view(
    sub: Atlas,
    view: str,
    base: Iterable[str],
    state=None,
    *,
    title: str,
    highlight: Iterable[str] = (),
    presenter: bool = False,
    overlay: pd.Series | None = None,
    overlay_label: str = "",
    layout: StoryLayout | None = None,
    classes: dict[str, str] | None = None,
) -> DrawnView:
    """A page's default picture: the ``base`` story grown by ``state`` (expanded entities, whole columns).

    ``classes`` (cytokine id → pro/anti-inflammatory, the cytokine view) splits the cytokines by class.

    ``layout`` (from :func:`story_layout` with the same arguments, cached by the caller) is
    computed here when missing. ``total`` of the result is the number of entities the full view holds.

    Examples
    --------
    >>> from neuroimmune.synthetic import synthetic_frames
    >>> from neuroimmune.story import StoryState
    >>> atlas = Atlas.from_frames(**synthetic_frames(60, 200, seed=0))
    >>> base = atlas.nodes["id"].head(5).tolist()
    >>> fig, drawn, total = build_default_view(atlas, "gut_brain", base, StoryState(expanded=(base[0],)), title="Demo")
    >>> 5 <= len(drawn.nodes) <= 15, total == len(atlas.nodes)
    (True, True)
    """
    from .story import StoryState, column_of, grow_story

    ids, steps = grow_story(sub, list(base), state or StoryState(), column_of(sub, view))
    if layout is None:
        layout = story_layout(sub, view, base, steps, presenter=presenter)
    drawn = build_story_view(sub, view, ids, layout, title=title, highlight=highlight, presenter=presenter, overlay=overlay,
                             overlay_label=overlay_label, total=len(sub.nodes))  # fmt: skip
    if classes is not None and view == "cytokine":
        from .cytokines import style_cytokines

        style_cytokines(drawn.figure, classes, overlay is not None)
    return drawn
