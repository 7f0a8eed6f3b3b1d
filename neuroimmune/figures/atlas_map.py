"""The home page's map of the atlas: its topics as labelled groups with counts, joined by the entities they share."""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .. import schema
from ..atlas import Atlas
from ..label_layout import NORMAL_CANVAS, PRESENTER_CANVAS, text_width, wrap_label
from .network import FIGURE_OFFSET
from .style import OKABE_ITO, theme

__all__ = ["TOPIC_NAMES", "TOPIC_VIEWS", "topic_summary", "build_atlas_map_figure"]

#: Readable names of the relation topics.
TOPIC_NAMES = {
    "gut_brain": "Gut–brain axis",
    "cytokine": "Cytokine signalling",
    "condition_mechanism": "Conditions & mechanisms",
    "stress": "Stress & HPA axis",
    "treatment": "Treatments",
    "biomarker": "Biomarkers",
    "neurotransmission": "Neurotransmission",
}
#: The view that tells each topic's story (topics without their own view open in the explorer).
TOPIC_VIEWS = {
    "gut_brain": "gut_brain", "cytokine": "cytokine", "condition_mechanism": "condition_map", "treatment": "condition_map",
    "biomarker": "condition_map", "stress": "explorer", "neurotransmission": "explorer",
}  # fmt: skip
_COLOURS = list(OKABE_ITO.values())[1:]


def topic_summary(atlas: Atlas) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per topic: relations, entities and its best-connected entity; per topic pair: entities they share
    (each topic's two strongest partners).

    Examples
    --------
    >>> from neuroimmune.synthetic import synthetic_frames
    >>> atlas = Atlas.from_frames(**synthetic_frames(60, 200, seed=0))
    >>> topics, links = topic_summary(atlas)
    >>> list(topics.columns), list(links.columns)
    (['topic', 'name', 'relations', 'entities', 'hub'], ['a', 'b', 'shared'])
    """
    e = atlas.edges
    members: dict[str, set[str]] = {}
    rows = []
    for topic in schema.TOPICS:
        hit = e["topics"].fillna("").str.split("|").map(lambda ts, t=topic: t in ts)
        part = e[hit.to_numpy(dtype=bool)]
        if part.empty:
            continue
        ends = pd.concat([part["source"], part["target"]])
        members[topic] = set(ends)
        hub = ends.value_counts().index[0]
        rows.append((topic, TOPIC_NAMES.get(topic, topic.replace("_", " ")), len(part), len(members[topic]), hub))
    topics = pd.DataFrame(rows, columns=["topic", "name", "relations", "entities", "hub"])
    keys = list(members)
    pairs = [(a, b, len(members[a] & members[b])) for i, a in enumerate(keys) for b in keys[i + 1 :]]
    pairs = pd.DataFrame([row for row in pairs if row[2] > 0], columns=["a", "b", "shared"])
    # the two strongest partners of each topic: the map shows how topics hang together, not every overlap
    keep = set()
    for t in keys:
        mine = pairs[(pairs["a"] == t) | (pairs["b"] == t)].sort_values("shared", ascending=False, kind="stable")
        keep |= set(mine.index[:2])
    return topics, pairs.loc[sorted(keep)].reset_index(drop=True)


def _positions(n: int, width: float, height: float, label_w: float, label_h: float) -> np.ndarray:
    """Topics on an ellipse that leaves room for every label inside the plot (px, y down)."""
    angle = -np.pi / 2 + 2 * np.pi * np.arange(n) / max(n, 1)
    rx = width / 2 - label_w / 2 - 8
    ry = height / 2 - label_h - 16
    return np.column_stack([width / 2 + rx * np.cos(angle), height / 2 + label_h / 2 + ry * np.sin(angle)])


def build_atlas_map_figure(atlas: Atlas, *, presenter: bool = False) -> go.Figure:
    """The atlas as a map a newcomer can read: one labelled circle per topic (size = relations),
    a line per pair of topics that share entities (width = how many). ``customdata`` = topic key,
    so a click on a topic can open its view.

    Examples
    --------
    >>> from neuroimmune.synthetic import synthetic_frames
    >>> atlas = Atlas.from_frames(**synthetic_frames(60, 200, seed=0))
    >>> fig = build_atlas_map_figure(atlas)
    >>> fig.data[-1].legendgroup, len(fig.data[-1].customdata) == len(topic_summary(atlas)[0])
    ('nodes', True)
    """
    topics, links = topic_summary(atlas)
    look = theme(presenter)
    canvas = PRESENTER_CANVAS if presenter else NORMAL_CANVAS
    size = canvas.label_px + 2
    texts = [[*wrap_label(name, 200, size), f"{n:,} relations · {m:,} entities"] for name, n, m in
             zip(topics["name"], topics["relations"], topics["entities"])]  # fmt: skip
    label_w = max((max(text_width(li, size, bold=True) for li in t) for t in texts), default=100) + 8
    label_h = max((len(t) for t in texts), default=2) * 1.3 * size + 40
    width, height = canvas.width, canvas.height
    xy = _positions(len(topics), width, height, label_w, label_h)
    index = {t: i for i, t in enumerate(topics["topic"])}
    traces = []
    top = max(float(links["shared"].max()), 1.0) if len(links) else 1.0
    for a, b, shared in links.itertuples(index=False):
        (x0, y0), (x1, y1) = xy[index[a]], xy[index[b]]
        traces.append(go.Scatter(
            x=[x0 / width + FIGURE_OFFSET, x1 / width + FIGURE_OFFSET], y=[1 - y0 / height + FIGURE_OFFSET, 1 - y1 / height + FIGURE_OFFSET],
            mode="lines", line={"width": 1 + 9 * shared / top, "color": "#9AA4B2"}, opacity=0.7, hoverinfo="skip", showlegend=False,
        ))  # fmt: skip
    marker = 18 + 30 * np.sqrt(topics["relations"].to_numpy() / max(int(topics["relations"].max()), 1)) if len(topics) else []
    names = [html.escape(n, quote=False) for n in topics["name"]]
    hover = [f"<b>{nm}</b><br>{r:,} relations, {m:,} entities<br>click to open its view" for nm, r, m in
             zip(names, topics["relations"], topics["entities"])]  # fmt: skip
    traces.append(go.Scatter(
        x=xy[:, 0] / width + FIGURE_OFFSET if len(topics) else [], y=1 - xy[:, 1] / height + FIGURE_OFFSET if len(topics) else [],
        mode="markers+text", customdata=topics["topic"].tolist(), legendgroup="nodes", showlegend=False, name="topics",
        text=["<br>".join(html.escape(li, quote=False) for li in t) for t in texts], textposition="top center",
        textfont={"size": size, "color": look.font_colour}, hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
        marker={"size": marker, "color": [_COLOURS[i % len(_COLOURS)] for i in range(len(topics))], "line": {"color": "#222", "width": 1}},
        selected={"marker": {"opacity": 1}}, unselected={"marker": {"opacity": 0.85}},
    ))  # fmt: skip
    fig = go.Figure(traces)
    axis = {"visible": False, "range": [FIGURE_OFFSET, FIGURE_OFFSET + 1], "fixedrange": True}
    fig.update_layout(
        title={"text": "The atlas at a glance: its topics and the entities they share", "font": {"size": look.title_size}, "x": 0.01},
        height=int(height + 110), margin={"l": 6, "r": 6, "t": 70, "b": 40}, xaxis=axis, yaxis=axis, plot_bgcolor="white",
        paper_bgcolor="white", font={"size": look.font_size, "family": "Arial, Helvetica, sans-serif"}, dragmode=False,
        clickmode="event+select", hovermode="closest",
        annotations=[{"text": "Circle size: relations in the topic · line width: entities two topics share · click a topic to open it",
                      "xref": "paper", "yref": "paper", "x": 0, "y": -0.02, "yanchor": "top", "xanchor": "left", "showarrow": False,
                      "font": {"size": 14, "color": "#444"}}],
    )  # fmt: skip
    return fig
