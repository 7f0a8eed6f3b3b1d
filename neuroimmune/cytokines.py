"""Cytokine pathways: pro- vs anti-inflammatory classes and the layered diagram out of chosen cytokines.

Classification (first rule that applies wins, the ``basis`` column says which):

1. **Textbook lists.** IL-10, TGF-β1, IL-1Ra, IL-4 and IL-13 are the standard anti-inflammatory
   cytokines; IL-1α, IL-1β, TNF, IL-6, IFN-γ, IL-12, IL-17A, IL-18, IL-23, GM-CSF, CXCL8 and CCL2
   the standard pro-inflammatory ones (matched by HGNC id or by label).
2. **The data.** Other cytokines are scored by their own relations onto inflammatory targets
   (processes, conditions and symptoms whose label says "inflammation", microglial activation, and
   the listed pro-inflammatory cytokines): increases/activates/causes/produces count +1,
   decreases/inhibits -1 (associations count nothing). A positive sum is pro-, a negative one
   anti-inflammatory.
3. Otherwise **unclassified**: the atlas holds no relation that decides it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import replace

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .atlas import Atlas
from .figures.network import build_network_figure, fit_story_legends
from .figures.style import OKABE_ITO
from .layout import CYTOKINE_LAYERS, layer_columns, layered_layout
from .views import DEFAULT_MAX_NODES, view_nodes_capped

__all__ = [
    "ANTI_INFLAMMATORY",
    "PRO_INFLAMMATORY",
    "INFLAMMATORY_CLASSES",
    "classify_cytokines",
    "cytokine_pathways",
    "build_cytokine_pathway_figure",
    "style_cytokines",
    "cytokine_story_title",
]

#: Standard anti-inflammatory cytokines: HGNC id → label.
ANTI_INFLAMMATORY = {"HGNC:5962": "IL-10", "HGNC:11766": "TGF-β1", "HGNC:6000": "IL-1Ra", "HGNC:6014": "IL-4", "HGNC:5973": "IL-13"}
#: Standard pro-inflammatory cytokines: HGNC id → label.
PRO_INFLAMMATORY = {
    "HGNC:5991": "IL-1α", "HGNC:5992": "IL-1β", "HGNC:11892": "TNF", "HGNC:6018": "IL-6", "HGNC:5438": "IFN-γ",
    "HGNC:5969": "IL-12", "HGNC:5981": "IL-17A", "HGNC:5986": "IL-18", "HGNC:15488": "IL-23", "HGNC:2434": "GM-CSF",
    "HGNC:6025": "CXCL8", "HGNC:10618": "CCL2",
}  # fmt: skip
#: class → (legend name, colour, marker symbol); the symbol differs too, so print in grey still works.
INFLAMMATORY_CLASSES = {
    "pro": ("pro-inflammatory cytokine", OKABE_ITO["vermillion"], "star-triangle-up"),
    "anti": ("anti-inflammatory cytokine", OKABE_ITO["blue"], "star-square"),
    "unclassified": ("cytokine, not classified", OKABE_ITO["orange"], "star"),
}
_UP = ("increases", "activates", "causes", "produces")
_DOWN = ("decreases", "inhibits")
_INFLAMMATORY_LABEL = re.compile(r"inflammation|inflammatory response|inflammasome|microglial activation", re.IGNORECASE)


def _listed(atlas: Atlas, table: dict[str, str]) -> set[str]:
    labels = {v.lower() for v in table.values()}
    n = atlas.nodes
    hit = (n["type"] == "cytokine") & (n["id"].isin(table) | n["label"].str.lower().isin(labels))
    return set(n.loc[hit, "id"])


def classify_cytokines(atlas: Atlas) -> pd.DataFrame:
    """``id, label, inflammatory, basis`` for every cytokine of ``atlas`` (see the module docstring).

    Examples
    --------
    >>> from neuroimmune import load_atlas
    >>> table = classify_cytokines(load_atlas("data")).set_index("label")  # doctest: +SKIP
    >>> table.at["IL-10", "inflammatory"]  # doctest: +SKIP
    'anti'
    """
    n, e = atlas.nodes, atlas.edges
    cytokines = n[n["type"] == "cytokine"]
    anti, pro = _listed(atlas, ANTI_INFLAMMATORY), _listed(atlas, PRO_INFLAMMATORY)
    inflammatory = (
        set(n.loc[n["type"].isin(["process", "condition", "symptom"]) & n["label"].str.contains(_INFLAMMATORY_LABEL), "id"]) | pro
    )
    onto = e[e["source"].isin(cytokines["id"]) & e["target"].isin(inflammatory)]
    sign = np.where(onto["relation"].isin(_UP), 1, np.where(onto["relation"].isin(_DOWN), -1, 0))
    score = pd.Series(sign, index=onto.index).groupby(onto["source"]).sum()
    rows = []
    for cid, label in zip(cytokines["id"], cytokines["label"]):
        s = int(score.get(cid, 0))
        if cid in anti or cid in pro:
            cls, basis = ("anti" if cid in anti else "pro"), "textbook list"
        elif s:
            cls, basis = ("pro" if s > 0 else "anti"), f"atlas relations onto inflammatory targets (net {s:+d})"
        else:
            cls, basis = "unclassified", "no deciding relation in the atlas"
        rows.append((cid, label, cls, basis))
    return pd.DataFrame(rows, columns=["id", "label", "inflammatory", "basis"])


def _layer(atlas: Atlas) -> dict[str, int]:
    return {i: CYTOKINE_LAYERS.get(t, 3) for i, t in zip(atlas.nodes["id"], atlas.nodes["type"])}


def cytokine_pathways(atlas: Atlas, cytokines: Iterable[str], *, depth: int = 4) -> Atlas:
    """Sub-atlas of paths out of ``cytokines`` that run left to right through the layers.

    An edge is followed when it leads to a later layer (cytokine → receptor → signalling → cell or
    process → symptom or condition); edges from a chosen cytokine onto another cytokine are kept
    too (IL-10 ⊣ TNF) but not followed further. ``atlas`` is usually the cytokine view's atlas.

    Examples
    --------
    >>> from neuroimmune.synthetic import synthetic_frames
    >>> atlas = Atlas.from_frames(**synthetic_frames(80, 400, seed=0))
    >>> first = atlas.nodes.loc[atlas.nodes["type"] == "cytokine", "id"].iloc[0]
    >>> sub = cytokine_pathways(atlas, [first])
    >>> first in set(sub.nodes["id"]) or sub.nodes.empty
    True
    """
    picked = [c for c in dict.fromkeys(cytokines) if c in atlas.labels]
    layer = _layer(atlas)
    e = atlas.edges
    src, dst = e["source"].to_numpy(), e["target"].to_numpy()
    ls = np.array([layer.get(s, 3) for s in src])
    lt = np.array([layer.get(t, 3) for t in dst])
    is_cyt = np.isin(dst, atlas.nodes.loc[atlas.nodes["type"] == "cytokine", "id"].to_numpy())
    keep = np.zeros(len(e), dtype=bool)
    frontier, seen = set(picked), set(picked)
    for step in range(depth):
        if not frontier:
            break
        out = np.isin(src, list(frontier))
        forward = out & (lt > ls)
        sideways = out & is_cyt & np.isin(src, picked) if step == 0 else np.zeros(len(e), dtype=bool)
        keep |= forward | sideways
        frontier = set(dst[forward]) - seen
        seen |= frontier | set(dst[sideways])
    sub = atlas._subset(keep)
    # a chosen cytokine without onward relations is still drawn, alone
    ids = set(sub.nodes["id"]) | set(picked)
    return replace(sub, nodes=atlas.nodes[atlas.nodes["id"].isin(ids)])


def _subset(value, mask: np.ndarray):
    """A per-point property restricted to ``mask`` (a scalar stays as it is)."""
    if isinstance(value, (list, tuple, np.ndarray)):
        return np.asarray(value, dtype=object)[mask].tolist()
    return value


def _class_traces(trace, classes: dict[str, str], overlay: bool) -> list:
    ids = np.asarray(trace.customdata, dtype=object)
    x, y = np.asarray(trace.x), np.asarray(trace.y)
    sizes = np.asarray(trace.marker.size) if np.ndim(trace.marker.size) else np.full(len(ids), trace.marker.size)
    texts = np.asarray(trace.text if trace.text is not None else [""] * len(ids), dtype=object)
    hover = np.asarray(trace.hovertext, dtype=object)
    out = []
    for cls, (name, colour, symbol) in INFLAMMATORY_CLASSES.items():
        m = np.array([classes.get(i, "unclassified") == cls for i in ids], dtype=bool)
        if not m.any():
            continue
        colour_spec = {"color": np.asarray(trace.marker.color)[m], "coloraxis": "coloraxis"} if overlay else {"color": colour}
        marker = {
            "symbol": symbol,
            "size": (sizes[m] * 1.15).round(),
            "line": {"color": colour if overlay else "#222222", "width": 3 if overlay else 1},
            **colour_spec,
        }
        out.append(
            go.Scatter(
                x=x[m], y=y[m], customdata=ids[m], mode=trace.mode, name=name, legendgroup="nodes", marker=marker,
                text=texts[m].tolist(), textposition=_subset(trace.textposition, m), textfont=trace.textfont, selected=trace.selected, unselected=trace.unselected,
                hovertext=[f"{h}<br>{html.escape(name, quote=False)}" for h in hover[m]], hovertemplate="%{hovertext}<extra></extra>",
            )
        )  # fmt: skip
    return out


def build_cytokine_pathway_figure(
    atlas: Atlas,
    cytokines: Iterable[str],
    *,
    classes: dict[str, str] | None = None,
    overlay: pd.Series | None = None,
    overlay_label: str = "",
    presenter: bool = False,
    max_nodes: int | None = DEFAULT_MAX_NODES,
) -> tuple[go.Figure, Atlas, int]:
    """Layered left-to-right diagram of the paths out of ``cytokines``; cytokines styled by class.

    Returns the figure, the drawn sub-atlas and how many entities the pathways hold before the
    ``max_nodes`` cap. ``classes`` maps cytokine id → ``pro``/``anti``/``unclassified`` (default:
    :func:`classify_cytokines`).
    """
    picked = [c for c in dict.fromkeys(cytokines) if c in atlas.labels]
    classes = classes if classes is not None else dict(zip(*classify_cytokines(atlas)[["id", "inflammatory"]].T.values))
    sub, total = view_nodes_capped(cytokine_pathways(atlas, picked), max_nodes, keep=picked)
    title = "Cytokine pathways: cytokine → receptor → signalling → effect → outcome"
    if len(sub.nodes) < total:
        title += f" — showing {len(sub.nodes):,} of {total:,} entities"
    fig = build_network_figure(
        sub, layered_layout(sub, CYTOKINE_LAYERS), title=title, highlight=picked, overlay=overlay, overlay_label=overlay_label,
        presenter=presenter, lanes=layer_columns(CYTOKINE_LAYERS), aspect=0.55, max_labels=45 if presenter else 70,
    )  # fmt: skip
    return style_cytokines(fig, classes, overlay is not None), sub, total


def style_cytokines(fig: go.Figure, classes: dict[str, str], overlay: bool = False) -> go.Figure:
    """Split a network figure's cytokine trace into pro-, anti- and unclassified cytokines (colour and shape)."""
    data = []
    for trace in fig.data:
        if trace.name == "cytokine" and trace.customdata is not None:
            data += _class_traces(trace, classes, overlay)
        else:
            data.append(trace)
    fig.data = ()
    fig.add_traces(data)
    if fig.layout.meta and "story_plot_height" in fig.layout.meta:
        fit_story_legends(fig)  # the class names are longer than "cytokine"
    return fig


def cytokine_story_title(atlas: Atlas, cytokines: Iterable[str]) -> str:
    """``Cytokine pathways of IL-1β, TNF and IL-10`` (three names at most)."""
    names = [atlas.label(c) for c in dict.fromkeys(cytokines)]
    if not names:
        return "Cytokine pathways"
    shown = names[:3] + (["others"] if len(names) > 3 else [])
    return "Cytokine pathways of " + (", ".join(shown[:-1]) + " and " + shown[-1] if len(shown) > 1 else shown[0])
