"""The explorer's "how is A connected to B?": explained paths laid out left to right and drawn highlighted."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .atlas import Atlas, ExplainedPath
from .figures.network import FIGURE_OFFSET, build_network_figure
from .figures.style import OKABE_ITO, theme

__all__ = ["path_positions", "build_path_figure", "PATH_TRACE_NAME", "entity_choices"]


def entity_choices(atlas: Atlas) -> dict[str, str]:
    """Every entity's id → its label with its synonyms, in the order of the labels (ignoring case): the explorer's pickers."""
    nodes = atlas.nodes.sort_values("label", key=lambda s: s.str.lower(), kind="stable")
    return {
        i: lbl + (f"  ({syn.replace('|', ', ')})" if syn else "") for i, lbl, syn in zip(nodes["id"], nodes["label"], nodes["synonyms"])
    }


PATH_TRACE_NAME = "the explained path"


def path_positions(paths: Sequence[ExplainedPath]) -> pd.DataFrame:
    """``id, x, y``: a node's column is its step along the first path that reaches it; rows spread in [0, 1].

    Examples
    --------
    >>> from neuroimmune.atlas import ExplainedPath
    >>> path_positions([ExplainedPath(("a", "b", "c"), ())])["x"].tolist()
    [0.0, 0.5, 1.0]
    """
    column: dict[str, float] = {}
    for path in paths:
        last = max(len(path.nodes) - 1, 1)
        for i, node in enumerate(path.nodes):
            column.setdefault(node, i / last)
    frame = pd.DataFrame({"id": list(column), "x": list(column.values())})
    frame["y"] = 0.5
    for _, group in frame.groupby("x"):
        if len(group) > 1:
            frame.loc[group.index, "y"] = np.linspace(0.9, 0.1, len(group))
    return frame


def build_path_figure(
    atlas: Atlas, paths: Sequence[ExplainedPath], *, presenter: bool = False, overlay: pd.Series | None = None, overlay_label: str = ""
) -> go.Figure:
    """The nodes of ``paths`` from A (left) to B (right); every hop underlined by a wide yellow band."""
    ids = list(dict.fromkeys(n for p in paths for n in p.nodes))
    sub = atlas.with_nodes(ids)
    a, b = atlas.label(ids[0]), atlas.label(paths[0].nodes[-1])
    fig = build_network_figure(
        sub, path_positions(paths), title=f"How {a} is connected to {b}", highlight=ids, overlay=overlay,
        overlay_label=overlay_label, presenter=presenter, aspect=0.45, max_labels=len(ids),
    )  # fmt: skip
    pos = path_positions(paths).set_index("id")
    xs: list[float] = []
    ys: list[float] = []
    for path in paths:
        for node in path.nodes:
            xs.append(float(pos.at[node, "x"]) + FIGURE_OFFSET)
            ys.append(float(pos.at[node, "y"]) + FIGURE_OFFSET)
        xs.append(np.nan)
        ys.append(np.nan)
    band = go.Scatter(
        x=xs, y=ys, mode="lines", name=PATH_TRACE_NAME, hoverinfo="skip", line={"color": OKABE_ITO["yellow"], "width": 14}, opacity=0.8
    )
    rows = int(path_positions(paths).groupby("x").size().max())
    fig.update_layout(height=int(min(300 + 90 * rows, theme(presenter).height)))  # a few paths need no full-height chart
    fig.add_trace(band)
    fig.data = (fig.data[-1], *fig.data[:-1])  # under the edges and nodes
    return fig
