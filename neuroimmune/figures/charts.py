"""Summary charts: compartment Sankey, cytokine × condition and condition × mechanism heatmaps, hub bars."""

from __future__ import annotations

import functools
import html
from collections.abc import Iterable

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..atlas import Atlas, relation_phrase
from .style import EDGE_FAMILIES, EVIDENCE_GRADE, FAMILY_COLOURS, OKABE_ITO, edge_family, node_style, theme

__all__ = [
    "build_compartment_sankey",
    "build_cytokine_condition_heatmap",
    "build_condition_mechanism_heatmap",
    "build_degree_bar",
    "build_message_figure",
    "COMPARTMENT_NAMES",
    "MECHANISM_TYPES",
    "POSITIVE_RELATIONS",
    "NEGATIVE_RELATIONS",
]

COMPARTMENT_NAMES = {
    "gut_lumen": "Gut lumen", "gut_epithelium": "Gut epithelium", "gut_immune": "Gut immune system",
    "enteric_nervous": "Enteric nervous system", "circulation": "Circulation", "vagus": "Vagus nerve",
    "hpa_axis": "HPA axis", "periphery": "Periphery", "bbb": "Blood–brain barrier", "brain": "Brain",
    "": "No compartment",
}  # fmt: skip
_COMPARTMENT_ORDER = (
    "gut_lumen",
    "gut_epithelium",
    "gut_immune",
    "enteric_nervous",
    "circulation",
    "vagus",
    "hpa_axis",
    "periphery",
    "bbb",
    "brain",
    "",
)
#: Direction of a cytokine–condition link: +1 raises / goes with the condition, -1 lowers it.
POSITIVE_RELATIONS = ("increases", "causes", "associated_with", "activates", "elevated_in", "worsens")
NEGATIVE_RELATIONS = ("decreases", "inhibits", "reduced_in")
#: Node types counted as mechanisms in the condition map.
MECHANISM_TYPES = (
    "process",
    "cell",
    "cytokine",
    "antibody",
    "protein",
    "receptor",
    "signaling",
    "neurotransmitter",
    "hormone",
    "metabolite",
    "microbe",
)
# the midpoint is grey, not white: "linked, direction unstated" must differ from "no link" (blank)
_DIVERGING = [[0.0, OKABE_ITO["blue"]], [0.5, "#CFCFCF"], [1.0, OKABE_ITO["vermillion"]]]
#: One colour band per evidence grade (contested … established at z = 1 … 4, bands 0.5 wide either
#: side), light but never white: a weak link must still differ from no link. Blues stay readable
#: for every colour vision.
_EVIDENCE_COLOURS = ("#BDD7EE", "#6BAED6", "#2171B5", "#08306B")
_EVIDENCE_STEPS = [[edge, colour] for i, colour in enumerate(_EVIDENCE_COLOURS) for edge in (i / 4, (i + 1) / 4)]
#: Tallest heatmap (px): a lecture-hall screen shows it without scrolling.
_MAX_HEAT_PX = {False: 900, True: 1000}
#: Tick labels longer than this are shortened with "…" (the hover text keeps the full name).
_TICK_CHARS = 30
_esc = functools.partial(html.escape, quote=False)  # Plotly shows &quot; literally: escape &, <, > only


# ---------------------------------------------------------------------------------------------
# shared helpers
def _style(fig: go.Figure, title: str, presenter: bool, *, height: int | None = None) -> go.Figure:
    look = theme(presenter)
    fig.update_layout(
        template="none", paper_bgcolor="white", plot_bgcolor="white",
        title={"text": _esc(title), "font": {"size": look.title_size}, "x": 0.01, "xanchor": "left"},
        font={"size": look.font_size, "color": look.font_colour, "family": "Arial, Helvetica, sans-serif"},
        hoverlabel={"font": {"size": look.font_size}, "bgcolor": "white", "align": "left"},
        height=height or look.height, margin={"t": 80, "l": 10, "r": 10, "b": 10},
    )  # fmt: skip
    fig.update_xaxes(automargin=True, tickfont={"size": look.label_size})
    fig.update_yaxes(automargin=True, tickfont={"size": look.label_size})
    return fig


def _unique_labels(atlas: Atlas, ids: Iterable[str]) -> list[str]:
    """Escaped display labels, made unique (a repeated label gets its id) so categories never merge."""
    ids = list(ids)
    labels = [atlas.label(i) for i in ids]
    counts = pd.Series(labels).value_counts()
    return [_esc(f"{lbl} ({i})" if counts[lbl] > 1 else lbl) for lbl, i in zip(labels, ids)]


def _pair_edges(atlas: Atlas, row_ids, col_ids) -> pd.DataFrame:
    """Edges between a row node and a column node in either direction, as (row, col, edge…)."""
    e = atlas.edges
    rows, cols = set(row_ids), set(col_ids)
    fwd = e[e["source"].isin(rows) & e["target"].isin(cols)].assign(row=lambda d: d["source"], col=lambda d: d["target"])
    back = e[e["target"].isin(rows) & e["source"].isin(cols)].assign(row=lambda d: d["target"], col=lambda d: d["source"])
    return pd.concat([fwd, back])


def _short_labels(atlas: Atlas, ids: Iterable[str], limit: int = _TICK_CHARS) -> list[str]:
    """Escaped labels cut to ``limit`` characters, still unique (a clash keeps the full label and id)."""
    ids = list(ids)
    full = [atlas.label(i) for i in ids]
    short = [lbl if len(lbl) <= limit else lbl[: limit - 1].rstrip() + "…" for lbl in full]
    counts = pd.Series(short).value_counts()
    clash = pd.Series(full).value_counts()
    out = []
    for s, lbl, i in zip(short, full, ids):
        out.append(s if counts[s] == 1 else (f"{lbl} ({i})" if clash[lbl] > 1 else lbl))
    return [_esc(v) for v in out]


def _rotated_label_room(labels: list[str], look_size: int, angle: float = 40) -> int:
    """Pixels that the first rotated x tick label reaches left of the plot (kept inside the margin)."""
    if not labels:
        return 10
    import math

    chars = len(html.unescape(labels[0]))
    return int(chars * look_size * 0.55 * math.cos(math.radians(angle))) + 16


def _sentence(atlas: Atlas, source: str, relation: str, target: str, evidence: str) -> str:
    return f"{_esc(atlas.label(source))} {_esc(relation_phrase(relation))} {_esc(atlas.label(target))} ({_esc(evidence)})"


def build_message_figure(title: str, message: str, *, presenter: bool = False) -> go.Figure:
    """An empty figure that says why nothing is drawn (message is plain text, escaped).

    Examples
    --------
    >>> build_message_figure("Explorer", "Pick an entity").layout.annotations[0].text
    'Pick an entity'
    """
    fig = go.Figure()
    fig.add_annotation(
        text=_esc(message), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper", font={"size": theme(presenter).font_size}
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _style(fig, title, presenter, height=300)


def _ids_of_types(atlas: Atlas, types: Iterable[str]) -> list[str]:
    return atlas.nodes.loc[atlas.nodes["type"].isin(list(types)), "id"].tolist()


# ---------------------------------------------------------------------------------------------
# Sankey
def build_compartment_sankey(atlas: Atlas, *, presenter: bool = False) -> go.Figure:
    """Relations flowing from one compartment (left) to another (right), gut → brain top to bottom.

    Link colour = relation family; hover gives the number of relations.

    Examples
    --------
    >>> from neuroimmune.synthetic import synthetic_frames
    >>> atlas = Atlas.from_frames(**synthetic_frames(60, 200, seed=0))
    >>> build_compartment_sankey(atlas).data[0].type
    'sankey'
    """
    title = "Relations between compartments"
    flows = _compartment_flows(atlas)
    if flows.empty:
        return build_message_figure(title, "No relations to show with the current filters.", presenter=presenter)
    comps = [c for c in _COMPARTMENT_ORDER if c in set(flows["from"]) | set(flows["to"])]
    n = len(comps)
    index = {c: i for i, c in enumerate(comps)}
    names = [COMPARTMENT_NAMES.get(c, c) for c in comps]
    ys = [0.02 + 0.96 * i / max(n - 1, 1) for i in range(n)]
    node = {
        "label": [f"from {nm}" for nm in names] + [f"to {nm}" for nm in names], "pad": 12, "thickness": 18,
        "x": [0.001] * n + [0.999] * n, "y": ys + ys, "color": "#888888",
        "hovertemplate": "%{label}: %{value} relations<extra></extra>",
    }  # fmt: skip
    link = {
        "source": flows["from"].map(index).tolist(), "target": (flows["to"].map(index) + n).tolist(),
        "value": flows["count"].tolist(), "color": [_rgba(FAMILY_COLOURS[f], 0.45) for f in flows["family"]],
        "customdata": flows["family"].tolist(), "hovertemplate": "%{source.label} → %{target.label}<br>%{value} %{customdata} relations<extra></extra>",
    }  # fmt: skip
    fig = go.Figure(go.Sankey(arrangement="snap", node=node, link=link))
    return _style(fig, title, presenter=presenter)


def _compartment_flows(atlas: Atlas) -> pd.DataFrame:
    comp = dict(zip(atlas.nodes["id"], atlas.nodes["compartment"]))
    e = atlas.edges
    frame = pd.DataFrame(
        {"from": e["source"].map(comp).fillna(""), "to": e["target"].map(comp).fillna(""), "family": e["relation"].map(edge_family)}
    )
    known = set(_COMPARTMENT_ORDER)
    frame = frame[frame["from"].isin(known) & frame["to"].isin(known)]
    flows = frame.groupby(["from", "to", "family"], sort=False).size().rename("count").reset_index()
    order = {f: i for i, f in enumerate(EDGE_FAMILIES)}
    return flows.sort_values(["family"], key=lambda s: s.map(order), kind="stable").reset_index(drop=True)


def _rgba(hex_colour: str, alpha: float) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


# ---------------------------------------------------------------------------------------------
# cytokine × condition
def build_cytokine_condition_heatmap(atlas: Atlas, *, indirect: bool = False, presenter: bool = False) -> go.Figure:
    """Cytokines (rows) × conditions (columns); colour = direction of the stated relation.

    +1 (vermillion) for increases / causes / associated_with / activates / elevated_in / worsens, -1 (blue) for
    decreases / inhibits / reduced_in, 0 (white) when the direction is not stated (e.g. biomarker_of) or the
    edges disagree; blank = no relation. Hover lists every relation with its evidence grade.
    With ``indirect=True`` empty cells reachable in two steps (cytokine → X → condition) get
    ±0.5 and hover text that says "indirect, via X" — they are never shown as direct.

    Examples
    --------
    >>> from neuroimmune.synthetic import synthetic_frames
    >>> atlas = Atlas.from_frames(**synthetic_frames(200, 2000, seed=0))
    >>> fig = build_cytokine_condition_heatmap(atlas)
    >>> fig.data[0].type, float(fig.data[0].zmid)
    ('heatmap', 0.0)
    """
    title = "Cytokines and conditions: direction of the reported link"
    cytokines, conditions = _ids_of_types(atlas, ["cytokine"]), _ids_of_types(atlas, ["condition"])
    direct = _pair_edges(atlas, cytokines, conditions)
    cells = _direct_cells(atlas, direct)
    if indirect:
        cells = pd.concat([cells, _indirect_cells(atlas, cytokines, conditions, cells)], ignore_index=True)
        title += " (faint cells: indirect, two steps)"
    if cells.empty:
        return build_message_figure(title, "No cytokine–condition relations with the current filters.", presenter=presenter)
    rows = _by_count(cells, "row")
    cols = _by_count(cells, "col")
    z, hover = _grid(cells, rows, cols, "value", "hover")
    heat = go.Heatmap(
        z=z, x=_unique_labels(atlas, cols), y=_unique_labels(atlas, rows), hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
        colorscale=_DIVERGING, zmin=-1, zmax=1, zmid=0, xgap=1, ygap=1,
        colorbar={"title": {"text": "direction"}, "tickvals": [-1, 0, 1], "ticktext": ["decreases", "unstated / mixed", "increases"]},
    )  # fmt: skip
    fig = go.Figure(heat)
    fig.update_xaxes(tickangle=-40, side="bottom")
    fig.update_yaxes(autorange="reversed")
    _style(fig, title, presenter, height=_heat_height(len(rows), presenter))
    fig.update_layout(margin={"l": _rotated_label_room(list(heat.x), theme(presenter).label_size)})
    return fig


def _sign(relation: str) -> int:
    return 1 if relation in POSITIVE_RELATIONS else -1 if relation in NEGATIVE_RELATIONS else 0


def _direct_cells(atlas: Atlas, pairs: pd.DataFrame) -> pd.DataFrame:
    if pairs.empty:
        return pd.DataFrame(columns=["row", "col", "value", "hover"])
    pairs = pairs.assign(sign=pairs["relation"].map(_sign))
    pairs["sentence"] = [
        _sentence(atlas, s, r, t, ev) for s, r, t, ev in zip(pairs["source"], pairs["relation"], pairs["target"], pairs["evidence"])
    ]
    out = (
        pairs.groupby(["row", "col"], sort=False)
        .agg(signs=("sign", lambda s: sorted(set(s) - {0})), hover=("sentence", "<br>".join))
        .reset_index()
    )
    out["value"] = [float(s[0]) if len(s) == 1 else 0.0 for s in out["signs"]]
    out["hover"] = "<b>direct</b><br>" + out["hover"] + np.where(out["signs"].map(len) > 1, "<br>(directions disagree)", "")
    return out[["row", "col", "value", "hover"]]


def _indirect_cells(atlas: Atlas, cytokines, conditions, direct: pd.DataFrame) -> pd.DataFrame:
    """cytokine → X → condition (edge direction followed); ±0.5, labelled as indirect."""
    e = atlas.edges[["source", "target", "relation"]]
    first = e[e["source"].isin(cytokines)].rename(columns={"source": "row", "target": "via", "relation": "r1"})
    second = e[e["target"].isin(conditions)].rename(columns={"source": "via", "target": "col", "relation": "r2"})
    two = first.merge(second, on="via")
    taken = set(zip(direct["row"], direct["col"]))
    two = two[[(r, c) not in taken for r, c in zip(two["row"], two["col"])]]
    if two.empty:
        return pd.DataFrame(columns=["row", "col", "value", "hover"])
    two = two.assign(sign=two["r1"].map(_sign) * two["r2"].map(_sign))
    two["via_text"] = [
        f"via {_esc(atlas.label(v))} ({_esc(relation_phrase(a))}, then {_esc(relation_phrase(b))})"
        for v, a, b in zip(two["via"], two["r1"], two["r2"])
    ]
    out = (
        two.groupby(["row", "col"], sort=False)
        .agg(signs=("sign", lambda s: sorted(set(s) - {0})), hover=("via_text", lambda s: "<br>".join(list(s)[:5])))
        .reset_index()
    )
    out["value"] = [0.5 * s[0] if len(s) == 1 else 0.0 for s in out["signs"]]
    out["hover"] = "<b>indirect (two steps, not a reported link)</b><br>" + out["hover"]
    return out[["row", "col", "value", "hover"]]


def _by_count(cells: pd.DataFrame, key: str) -> list[str]:
    counts = cells.groupby(key).size()
    return counts.sort_values(ascending=False, kind="stable").index.tolist()


def _grid(cells: pd.DataFrame, rows: list[str], cols: list[str], value: str, hover: str) -> tuple[np.ndarray, list[list[str]]]:
    ri = {r: i for i, r in enumerate(rows)}
    ci = {c: j for j, c in enumerate(cols)}
    z = np.full((len(rows), len(cols)), np.nan)
    text = [[""] * len(cols) for _ in rows]
    for r, c, v, h in zip(cells["row"], cells["col"], cells[value], cells[hover]):
        if r in ri and c in ci:
            z[ri[r], ci[c]] = v
            text[ri[r]][ci[c]] = h
    return z, text


#: Height (px) of everything around the heatmap's cells: title, rotated column names, margins.
_HEAT_CHROME_PX = 330


def _heat_height(n_rows: int, presenter: bool) -> int:
    per_row = 30 if presenter else 24
    return int(min(max(360, 200 + per_row * n_rows), 2400))


# ---------------------------------------------------------------------------------------------
# condition × mechanism
def build_condition_mechanism_heatmap(
    atlas: Atlas,
    conditions: Iterable[str] | None = None,
    *,
    max_mechanisms: int = 40,
    max_conditions: int | None = None,
    presenter: bool = False,
) -> go.Figure:
    """Conditions (rows) × mechanism nodes (columns); colour = best evidence grade linking them.

    Mechanisms are nodes of :data:`MECHANISM_TYPES`, ordered by type, the ``max_mechanisms``
    linked to most conditions. Rows are the conditions linked to a shown mechanism, most-linked
    first; at most ``max_conditions`` (default: as many as fit a lecture-hall screen, about 30),
    and the title says when some are left out. Long names are shortened on the axes; hover lists
    each relation, with full names and its evidence grade. One colour per evidence grade.

    Examples
    --------
    >>> from neuroimmune.synthetic import synthetic_frames
    >>> atlas = Atlas.from_frames(**synthetic_frames(200, 2000, seed=0))
    >>> fig = build_condition_mechanism_heatmap(atlas)
    >>> fig.data[0].zmin, fig.data[0].zmax  # one colour band per grade, contested = 1 … established = 4
    (0.5, 4.5)
    """
    title = "Conditions and the mechanisms linked to them (colour = best evidence)"
    rows = list(conditions) if conditions is not None else _ids_of_types(atlas, ["condition"])
    rows = [r for r in rows if r in atlas.labels]
    pairs = _pair_edges(atlas, rows, _ids_of_types(atlas, MECHANISM_TYPES))
    if pairs.empty:
        return build_message_figure(title, "No condition–mechanism relations with the current filters.", presenter=presenter)
    cells = _evidence_cells(atlas, pairs)
    cols = _top_mechanisms(atlas, cells, max_mechanisms)
    if len(cols) < cells["col"].nunique():
        title += f" — {len(cols)} most-linked of {cells['col'].nunique()} mechanisms"
    rows = _by_count(cells[cells["col"].isin(cols)], "row")  # conditions with nothing shown: no empty rows
    look = theme(presenter)
    row_px = look.label_size * 1.3  # the smallest row a label still fits
    room = _MAX_HEAT_PX[presenter] - _HEAT_CHROME_PX
    limit = max_conditions if max_conditions is not None else max(int(room // row_px), 5)
    if len(rows) > limit:
        title += f"; {limit} most-linked of {len(rows)} conditions"
        rows = rows[:limit]
    z, hover = _grid(cells, rows, cols, "value", "hover")
    ticks = sorted(EVIDENCE_GRADE.values())
    x_labels = _short_labels(atlas, cols)
    heat = go.Heatmap(
        z=z, x=x_labels, y=_short_labels(atlas, rows), hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
        colorscale=_EVIDENCE_STEPS, zmin=ticks[0] - 0.5, zmax=ticks[-1] + 0.5, xgap=1, ygap=1,
        colorbar={"title": {"text": "evidence"}, "tickvals": ticks, "ticktext": [g for g, _ in sorted(EVIDENCE_GRADE.items(), key=lambda kv: kv[1])]},
    )  # fmt: skip
    fig = go.Figure(heat)
    fig.update_xaxes(tickangle=-40)
    fig.update_yaxes(autorange="reversed")
    height = int(min(_HEAT_CHROME_PX + max(row_px, 26) * len(rows), _MAX_HEAT_PX[presenter]))
    _style(fig, title, presenter, height=max(height, 420))
    fig.update_layout(margin={"l": _rotated_label_room(x_labels, look.label_size), "b": 10})
    return fig


def _evidence_cells(atlas: Atlas, pairs: pd.DataFrame) -> pd.DataFrame:
    pairs = pairs.assign(grade=pairs["evidence"].map(EVIDENCE_GRADE).fillna(1))
    pairs["sentence"] = [
        _sentence(atlas, s, r, t, ev) for s, r, t, ev in zip(pairs["source"], pairs["relation"], pairs["target"], pairs["evidence"])
    ]
    out = pairs.groupby(["row", "col"], sort=False).agg(value=("grade", "max"), hover=("sentence", "<br>".join)).reset_index()
    return out


def _top_mechanisms(atlas: Atlas, cells: pd.DataFrame, limit: int) -> list[str]:
    counts = cells.groupby("col").size().rename("n").reset_index()
    type_of = dict(zip(atlas.nodes["id"], atlas.nodes["type"]))
    counts["type_rank"] = counts["col"].map(lambda i: MECHANISM_TYPES.index(type_of[i]) if type_of.get(i) in MECHANISM_TYPES else 99)
    top = counts.sort_values(["n", "col"], ascending=[False, True]).head(max(limit, 1))
    return top.sort_values(["type_rank", "n", "col"], ascending=[True, False, True])["col"].tolist()


# ---------------------------------------------------------------------------------------------
# hubs
def build_degree_bar(atlas: Atlas, *, top_n: int = 15, presenter: bool = False) -> go.Figure:
    """Horizontal bars of the ``top_n`` most connected entities, coloured by type (click = id).

    Examples
    --------
    >>> from neuroimmune.synthetic import synthetic_frames
    >>> atlas = Atlas.from_frames(**synthetic_frames(60, 200, seed=0))
    >>> len(build_degree_bar(atlas, top_n=5).data[0].y)
    5
    """
    title = f"The {top_n} most connected entities"
    degree = pd.Series(atlas.degree, dtype=float)
    degree = degree[degree.index.isin(atlas.nodes["id"])]
    if degree.empty:
        return build_message_figure(title, "No relations to count with the current filters.", presenter=presenter)
    top = degree.sort_values(ascending=False, kind="stable").head(top_n)
    ids = top.index.tolist()
    type_of = dict(zip(atlas.nodes["id"], atlas.nodes["type"]))
    types = [type_of.get(i, "") for i in ids]
    labels = _unique_labels(atlas, ids)
    bar = go.Bar(
        x=top.to_numpy(), y=labels, orientation="h", customdata=ids, marker={"color": [node_style(t).colour for t in types], "line": {"color": "#222222", "width": 1}},
        hovertext=[f"<b>{lbl}</b><br>{_esc(t)}<br>{int(d)} relations" for lbl, t, d in zip(labels, types, top)], hovertemplate="%{hovertext}<extra></extra>",
        text=[_esc(t) for t in types], textposition="auto",
    )  # fmt: skip
    fig = go.Figure(bar)
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title={"text": "number of relations"})
    _style(fig, title, presenter, height=_heat_height(len(ids), presenter))
    fig.update_layout(margin={"l": 10}, yaxis={"automargin": True})
    return fig
