"""Compare two conditions: which mechanisms, cytokines, symptoms, treatments and biomarkers they share.

What counts as *linked* to a condition:

* **direct** (``hops`` = 1): every node joined to the condition by an edge in either direction;
* **via a mechanism** (``hops`` = 2): cytokines, microbes and metabolites joined to one of the
  condition's direct *mechanism* neighbours (process, cell, signaling, receptor, protein, antibody).
  Molecular players are often curated against a mechanism (IL-6 → neuroinflammation) rather than
  against every condition, so without this step the cytokine column of most conditions is empty.
  Mechanisms themselves are never reached in two hops (that would make nearly everything shared).

A node linked to the condition by a ``biomarker_of`` edge is counted as a *biomarker*, whatever its
type. Evidence is the best grade on a direct link, or for a two-hop link the weaker of its two
hops (maximised over mechanisms).
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .atlas import Atlas

__all__ = [
    "CATEGORIES",
    "MAX_PER_COLUMN",
    "MECHANISM_TYPES",
    "compare_conditions",
    "build_compare_figures",
    "compare_positions",
    "drawn_compare_rows",
]

MECHANISM_TYPES = ("process", "cell", "signaling", "receptor", "protein", "antibody")
_TYPE_CATEGORY = {t: "mechanisms" for t in MECHANISM_TYPES} | {
    "cytokine": "cytokines", "symptom": "symptoms", "treatment": "treatments",
    "microbe": "microbes/metabolites", "metabolite": "microbes/metabolites",
}  # fmt: skip
#: Display order; "other" holds neurotransmitters, hormones, anatomy and related conditions.
CATEGORIES = ("mechanisms", "cytokines", "symptoms", "treatments", "biomarkers", "microbes/metabolites", "other")
_TWO_HOP_TYPES = ("cytokine", "microbe", "metabolite")
_GRADES = ("contested", "emerging", "supported", "established")  # weakest → strongest
_RANK = {g: i for i, g in enumerate(_GRADES)}
COLUMNS = ["category", "id", "label", "type", "in_a", "in_b", "shared", "evidence_a", "evidence_b", "hops_a", "hops_b"]
#: Entities drawn per column (only A / shared / only B); a column of thousands would make a figure
#: taller than a browser can paint (100k-edge atlases reached 112,000 px). The table keeps every row.
MAX_PER_COLUMN = 80
COLORS = {"a": "#2b6cb0", "b": "#c05621", "shared": "#6b46c1", "condition": "#1a202c", "edge": "#cbd5e0"}


def _links(atlas: Atlas, condition: str) -> pd.DataFrame:
    """Linked nodes of one condition: id, hops, best evidence rank, biomarker flag."""
    e = atlas.edges
    touching = e[(e["source"] == condition) | (e["target"] == condition)]
    other = np.where(touching["source"] == condition, touching["target"], touching["source"])
    direct = pd.DataFrame(
        {
            "id": other,
            "rank": touching["evidence"].map(_RANK).fillna(0).to_numpy(),
            "biomarker": (touching["relation"] == "biomarker_of").to_numpy(),
        }
    )
    direct = direct[direct["id"] != condition]
    types = atlas.nodes.set_index("id")["type"]
    mech = direct[direct["id"].map(types).isin(MECHANISM_TYPES)].groupby("id")["rank"].max()
    two = e[e["source"].isin(mech.index) | e["target"].isin(mech.index)]
    via_src = two["source"].isin(mech.index)
    hop2 = pd.DataFrame(
        {
            "via": np.where(via_src, two["source"], two["target"]),
            "id": np.where(via_src, two["target"], two["source"]),
            "rank": two["evidence"].map(_RANK).fillna(0).to_numpy(),
        }
    )
    hop2 = hop2[hop2["id"].map(types).isin(_TWO_HOP_TYPES) & ~hop2["id"].isin(direct["id"]) & (hop2["id"] != condition)]
    hop2["rank"] = np.minimum(hop2["rank"].to_numpy(), hop2["via"].map(mech).to_numpy())
    one = direct.groupby("id").agg(rank=("rank", "max"), biomarker=("biomarker", "any")).assign(hops=1)
    two_agg = hop2.groupby("id").agg(rank=("rank", "max")).assign(biomarker=False, hops=2)
    return pd.concat([one, two_agg])


def compare_conditions(atlas: Atlas, a: str, b: str) -> pd.DataFrame:
    """Entities linked to condition ``a`` and/or ``b``, one row each, by category.

    Columns: category, id, label, type, in_a, in_b, shared, evidence_a, evidence_b, hops_a, hops_b
    (evidence and hops are empty / 0 where the entity is not linked to that condition). Sorted by
    category, shared first, then label. The two conditions themselves are left out.

    Examples
    --------
    >>> table = compare_conditions(atlas, "MESH:D003865", "MESH:D012559")  # doctest: +SKIP
    >>> table[table["shared"]]["label"].tolist()[:2]  # doctest: +SKIP
    ['Neuroinflammation', 'Microglia']
    """
    for c in (a, b):
        if c not in atlas.labels:
            raise KeyError(f"unknown condition id {c!r}")
    if a == b:
        raise ValueError("pick two different conditions to compare")
    la, lb = _links(atlas, a), _links(atlas, b)
    ids = la.index.union(lb.index).difference([a, b])
    t = pd.DataFrame({"id": ids})
    t["label"] = t["id"].map(atlas.labels)
    t["type"] = t["id"].map(atlas.nodes.set_index("id")["type"])
    t["in_a"], t["in_b"] = t["id"].isin(la.index), t["id"].isin(lb.index)
    t["shared"] = t["in_a"] & t["in_b"]
    for side, links in (("a", la), ("b", lb)):
        t[f"evidence_{side}"] = t["id"].map(links["rank"]).map(lambda r: _GRADES[int(r)] if pd.notna(r) else "")
        t[f"hops_{side}"] = t["id"].map(links["hops"]).fillna(0).astype(int)
    biomarker = t["id"].map(la["biomarker"]).fillna(False).astype(bool) | t["id"].map(lb["biomarker"]).fillna(False).astype(bool)
    t["category"] = np.where(biomarker, "biomarkers", t["type"].map(_TYPE_CATEGORY).fillna("other"))
    t["_cat"] = t["category"].map({c: i for i, c in enumerate(CATEGORIES)})
    t = t.sort_values(["_cat", "shared", "label"], ascending=[True, False, True], kind="stable")
    return t[COLUMNS].reset_index(drop=True)


def category_counts(result: pd.DataFrame) -> pd.DataFrame:
    """Per category: only_a, shared, only_b counts (categories with no entity left out)."""
    counts = (
        pd.DataFrame(
            {
                "only_a": result["in_a"] & ~result["in_b"],
                "shared": result["shared"],
                "only_b": result["in_b"] & ~result["in_a"],
                "category": result["category"],
            }
        )
        .groupby("category")
        .sum()
    )
    return counts.reindex([c for c in CATEGORIES if c in counts.index]).astype(int)


def drawn_compare_rows(atlas: Atlas, result: pd.DataFrame, max_per_column: int | None = MAX_PER_COLUMN) -> pd.DataFrame:
    """The rows of ``result`` the network draws: per column the direct links first, then the best-connected.

    Keeps the order of ``result``. ``max_per_column=None`` keeps every row.

    Examples
    --------
    >>> len(drawn_compare_rows(atlas, compare_conditions(atlas, a, b), 5)) <= 15  # doctest: +SKIP
    True
    """
    if max_per_column is None:
        return result
    degree = atlas.degree
    column = np.select([result["shared"], result["in_a"]], ["shared", "a"], "b")
    rank = pd.DataFrame(
        {"column": column, "hops": np.maximum(result["hops_a"], result["hops_b"]), "degree": [-degree.get(i, 0) for i in result["id"]]},
        index=result.index,
    ).sort_values(["column", "hops", "degree"], kind="stable")
    keep = rank.groupby("column", sort=False).head(max_per_column).index
    return result.loc[result.index.isin(keep)]


# ---------------------------------------------------------------------------------------------
def compare_positions(a: str, b: str, result: pd.DataFrame) -> pd.DataFrame:
    """Positions in the unit square (``id, x, y`` like :mod:`neuroimmune.layout`).

    Five columns: condition A (x=0), only-A (0.25), shared (0.5), only-B (0.75), condition B (1).
    Deterministic, so the same comparison always draws the same picture.
    """
    ids, xs, ys = [a, b], [0.0, 1.0], [0.5, 0.5]
    columns = {0.25: result["in_a"] & ~result["in_b"], 0.5: result["shared"], 0.75: result["in_b"] & ~result["in_a"]}
    for x, mask in columns.items():
        members = result.loc[mask, "id"].tolist()
        n = len(members)
        ids += members
        xs += [x] * n
        ys += [1 - (i + 0.5) / n for i in range(n)]
    return pd.DataFrame({"id": ids, "x": xs, "y": ys})


def build_compare_figures(
    atlas: Atlas,
    a: str,
    b: str,
    result: pd.DataFrame,
    *,
    positions=None,
    overlay: pd.Series | None = None,
    overlay_label: str = "",
    max_per_column: int | None = MAX_PER_COLUMN,
) -> tuple[go.Figure, go.Figure]:
    """(network of both neighbourhoods with the shared part highlighted, diverging bar chart).

    The network draws at most ``max_per_column`` entities per column (see :func:`drawn_compare_rows`);
    the bars count every entity.
    """
    drawn = drawn_compare_rows(atlas, result, max_per_column)
    network = build_compare_network(atlas, a, b, drawn, positions=positions, overlay=overlay, overlay_label=overlay_label)
    if len(drawn) < len(result):  # the title counts every shared entity, not only the drawn ones
        title = f"{atlas.label(a)} vs {atlas.label(b)}: {int(result['shared'].sum()):,} shared entities"
        title += f" (drawn: the {len(drawn):,} best-connected of {len(result):,})"
        network.update_layout(title={"text": html.escape(title, quote=False)})
    return network, build_compare_bars(atlas, a, b, result)


def _network_builder():
    try:
        from .figures import build_network_figure
    except ImportError:  # the shared network builder is not available: draw the simple version
        return None
    return build_network_figure


def build_compare_network(
    atlas: Atlas, a: str, b: str, result: pd.DataFrame, *, positions=None, overlay: pd.Series | None = None, overlay_label: str = ""
) -> go.Figure:
    """Both neighbourhoods in one figure, in columns; the two conditions and shared entities highlighted."""
    frame = positions if positions is not None else compare_positions(a, b, result)
    sub = atlas.with_nodes([n for n in frame["id"] if n in atlas.labels])
    shared = result.loc[result["shared"], "id"].tolist()
    la, lb = atlas.label(a), atlas.label(b)
    title = f"{la} vs {lb}: {len(shared)} shared entities"
    build = _network_builder()
    if build is None:
        return _simple_network(sub, a, b, result, frame, title)
    lanes = [(la, (), 0.0), (f"only {la}", (), 0.25), ("shared", (), 0.5), (f"only {lb}", (), 0.75), (lb, (), 1.0)]
    fig = build(sub, frame, title=title, highlight=[a, b, *shared], overlay=overlay, overlay_label=overlay_label, lanes=lanes)
    column = int(max(1, (result["in_a"] & ~result["in_b"]).sum(), result["shared"].sum(), (result["in_b"] & ~result["in_a"]).sum()))
    fig.update_layout(height=max(520, 28 * column), yaxis={"scaleanchor": None})
    return fig


def _simple_network(sub: Atlas, a: str, b: str, result: pd.DataFrame, frame: pd.DataFrame, title: str) -> go.Figure:
    pos = {i: (x, y) for i, x, y in zip(frame["id"], frame["x"], frame["y"], strict=True)}
    shared = set(result.loc[result["shared"], "id"])
    fig = go.Figure()
    e = sub.edges
    hot = e["source"].isin(shared) | e["target"].isin(shared)
    for name, mask, color, width in (("relations", ~hot, COLORS["edge"], 1), ("relations of shared entities", hot, COLORS["shared"], 2)):
        xs, ys = _segments(e[mask], pos)
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line={"color": color, "width": width}, hoverinfo="skip", name=name))
    side = {"a": result["in_a"] & ~result["in_b"], "shared": result["shared"], "b": result["in_b"] & ~result["in_a"]}
    names = {"a": f"only {sub.label(a)}", "shared": "shared", "b": f"only {sub.label(b)}"}
    for key, mask in side.items():
        rows = result[mask]
        size = 14 if key == "shared" else 10
        fig.add_trace(_node_trace(rows["id"].tolist(), pos, sub, names[key], COLORS[key], rows["category"].tolist(), size))
    fig.add_trace(_node_trace([a, b], pos, sub, "conditions", COLORS["condition"], ["condition", "condition"], 22))
    fig.update_layout(title={"text": html.escape(title, quote=False)}, showlegend=True, hovermode="closest", plot_bgcolor="white", dragmode="pan",
                      xaxis={"visible": False}, yaxis={"visible": False}, legend={"orientation": "h", "y": -0.05})  # fmt: skip
    return fig


def _segments(edges: pd.DataFrame, pos) -> tuple[list, list]:
    xs, ys = [], []
    for s, t in zip(edges["source"], edges["target"], strict=False):
        if s in pos and t in pos:
            xs += [pos[s][0], pos[t][0], None]
            ys += [pos[s][1], pos[t][1], None]
    return xs, ys


def _node_trace(ids, pos, atlas: Atlas, name: str, color: str, categories, size: int) -> go.Scatter:
    labels = [html.escape(atlas.label(i), quote=False) for i in ids]
    hover = [
        f"<b>{lab}</b><br>{html.escape(cat, quote=False)}<br>{html.escape(i, quote=False)}"
        for lab, cat, i in zip(labels, categories, ids, strict=False)
    ]
    return go.Scatter(
        x=[pos[i][0] for i in ids], y=[pos[i][1] for i in ids], mode="markers+text", name=html.escape(name, quote=False),
        text=labels, textposition="middle right" if size < 20 else "top center", customdata=list(ids),
        hovertext=hover, hoverinfo="text", marker={"size": size, "color": color, "line": {"width": 1, "color": "white"}},
    )  # fmt: skip


def build_compare_bars(atlas: Atlas, a: str, b: str, result: pd.DataFrame) -> go.Figure:
    """Diverging bars per category: only-A to the left (negative), only-B to the right, shared centred."""
    counts = category_counts(result)
    cats = [html.escape(c, quote=False) for c in counts.index]
    la, lb = html.escape(atlas.label(a), quote=False), html.escape(atlas.label(b), quote=False)
    half = counts["shared"] / 2
    hover = "%{y}: %{customdata} %{meta}<extra></extra>"
    fig = go.Figure()
    for x, first in ((-half, True), (half, False)):  # the shared count straddles zero
        fig.add_trace(
            go.Bar(
                y=cats,
                x=x,
                orientation="h",
                name="shared",
                legendgroup="shared",
                showlegend=first,
                marker_color=COLORS["shared"],
                customdata=counts["shared"],
                meta="shared",
                hovertemplate=hover,
            )
        )
    for column, sign, label, colour in (("only_a", -1, la, COLORS["a"]), ("only_b", 1, lb, COLORS["b"])):
        fig.add_trace(
            go.Bar(
                y=cats,
                x=sign * counts[column],
                orientation="h",
                name=f"only {label}",
                marker_color=colour,
                customdata=counts[column],
                meta=f"only in {label}",
                hovertemplate=hover,
            )
        )
    reach = float((counts["only_a"] + half).max() if len(counts) else 1) or 1.0
    reach = max(reach, float((counts["only_b"] + half).max() if len(counts) else 1))
    ticks = np.unique(np.round(np.linspace(-reach, reach, 7)))
    fig.update_layout(barmode="relative", title={"text": f"← only {la} · shared · only {lb} →"},
                      xaxis={"title": {"text": "linked entities"}, "zeroline": True, "range": [-reach * 1.1, reach * 1.1],
                             "tickvals": ticks.tolist(), "ticktext": [f"{abs(t):g}" for t in ticks]},
                      yaxis={"autorange": "reversed"}, legend={"orientation": "h", "y": -0.2}, height=120 + 40 * max(1, len(cats)))  # fmt: skip
    return fig
