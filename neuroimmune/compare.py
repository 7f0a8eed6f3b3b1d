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
from collections.abc import Iterable

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
    "STORY_COLUMNS",
    "STORY_SHARED",
    "STORY_ONLY",
    "story_columns",
    "compare_story",
    "grow_compare_story",
    "compare_story_layout",
    "build_compare_story",
    "DEFAULT_PAIR",
    "default_pair",
    "drawn_compare_atlas",
    "default_compare_picture",
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


# ---------------------------------------------------------------------------------------------
# the compare story: both conditions and the best few of each column, label-sized
#: The story's five columns, left to right (the page's selectors are called Condition A and B): each
#: condition between what only it links to (outside) and what both share (the middle), like a Venn
#: diagram, so no relation of a condition has to cross another column.
STORY_COLUMNS = ("Only A", "Condition A", "Shared", "Condition B", "Only B")
ONLY_A, COND_A, SHARED, COND_B, ONLY_B = range(5)
#: Entities of each column the story draws: shared, and each only-column.
STORY_SHARED, STORY_ONLY = 8, 8
#: A story draws at most this many entities (the two conditions included).
STORY_MAX = 40
#: The page opens on Alzheimer's vs Parkinson's disease (two neurodegenerative diseases that share
#: microglial activation and neuroinflammation), where the atlas has them.
DEFAULT_PAIR = ("MESH:D000544", "MESH:D010300")
#: Band colours of the story's columns: the bar chart's blue (A), purple (shared) and orange (B), faint.
_BANDS = ("#E3ECF7", "#EFF4FA", "#EEE8F8", "#FCF3EC", "#F7E6D8")


def story_columns(result: pd.DataFrame) -> pd.Series:
    """The story column of each row of ``result``: :data:`ONLY_A`, :data:`SHARED` or :data:`ONLY_B` (see :data:`STORY_COLUMNS`)."""
    return pd.Series(np.select([result["shared"], result["in_a"]], [SHARED, ONLY_A], ONLY_B), index=result.index, dtype="int64")


def _story_rank(atlas: Atlas, result: pd.DataFrame) -> pd.DataFrame:
    """``result`` with its column, best first inside each: direct links before two-hop ones, then the
    weaker side's evidence (shared), then the stronger, then degree, then label and id."""
    degree = atlas.degree
    hops = result[["hops_a", "hops_b"]].to_numpy()
    linked = hops > 0
    grade = np.column_stack([result[f"evidence_{s}"].map(_RANK).fillna(-1).to_numpy() for s in ("a", "b")])
    frame = pd.DataFrame(
        {
            "id": result["id"].to_numpy(),
            "column": story_columns(result).to_numpy(),
            "far": np.where(linked, hops, 0).max(axis=1),
            "hops": hops.sum(axis=1),
            "weak": -np.where(linked, grade, 9).min(axis=1),
            "strong": -np.where(linked, grade, -1).max(axis=1),
            "degree": [-int(degree.get(i, 0)) for i in result["id"]],
            "label": result["label"].astype(str).str.lower().to_numpy(),
            "hops_a": result["hops_a"].to_numpy(),
            "hops_b": result["hops_b"].to_numpy(),
        }
    )
    return frame.sort_values(["column", "far", "hops", "weak", "strong", "degree", "label", "id"], kind="stable").reset_index(drop=True)


def _mechanism_links(atlas: Atlas, condition: str) -> dict[str, set[str]]:
    """Per entity: the condition's direct mechanism neighbours it is joined to (how a two-hop entity is reached)."""
    e = atlas.edges
    types = atlas.nodes.set_index("id")["type"]
    touching = e[(e["source"] == condition) | (e["target"] == condition)]
    near = set(np.where(touching["source"] == condition, touching["target"], touching["source"]).tolist())
    mech = {m for m in near if types.get(m) in MECHANISM_TYPES}
    out: dict[str, set[str]] = {}
    for s, t in zip(e["source"].tolist(), e["target"].tolist()):
        if s in mech:
            out.setdefault(t, set()).add(s)
        if t in mech:
            out.setdefault(s, set()).add(t)
    return out


def compare_story(
    atlas: Atlas, a: str, b: str, result: pd.DataFrame | None = None, *, max_shared: int = STORY_SHARED, max_only: int = STORY_ONLY
) -> list[str]:
    """The compare page's default picture: both conditions and the best entities of each column.

    Per column (only A, shared, only B) the direct links come first, then two-hop ones, each by
    evidence (for a shared entity the weaker of its two links first), then degree, then label; at
    most ``max_shared`` shared and ``max_only`` per only-column. A two-hop entity is drawn only with
    a mechanism that reaches it (for each condition it is two hops from), so it is never left
    without a relation to its condition. Deterministic. Returns ``[a, b, *shared, *only A, *only B]``.

    Examples
    --------
    >>> ids = compare_story(atlas, "MESH:D000544", "MESH:D010300")  # doctest: +SKIP
    >>> len(ids) <= STORY_MAX  # doctest: +SKIP
    True
    """
    if 2 + max_shared + 2 * max_only > STORY_MAX:
        raise ValueError(f"a compare story draws at most {STORY_MAX} entities")
    if result is None:
        result = compare_conditions(atlas, a, b)
    ranked = _story_rank(atlas, result)
    cap = {ONLY_A: max_only, SHARED: max_shared, ONLY_B: max_only}
    chosen: dict[int, list[str]] = {c: [] for c in cap}
    direct = ranked["far"] <= 1
    for node, col in zip(ranked.loc[direct, "id"], ranked.loc[direct, "column"]):
        if len(chosen[col]) < cap[col]:
            chosen[col].append(node)
    drawn = {a, b, *(i for ids in chosen.values() for i in ids)}
    reach = {a: _mechanism_links(atlas, a), b: _mechanism_links(atlas, b)}
    for row in ranked.loc[~direct].itertuples(index=False):
        if len(chosen[row.column]) >= cap[row.column]:
            continue
        sides = [c for c, h in ((a, row.hops_a), (b, row.hops_b)) if h == 2]
        if all(reach[c].get(row.id, set()) & drawn for c in sides):
            chosen[row.column].append(row.id)
    return [a, b, *chosen[SHARED], *chosen[ONLY_A], *chosen[ONLY_B]]


def grow_compare_story(
    atlas: Atlas, a: str, b: str, result: pd.DataFrame, base: list[str], state=None, *, max_per_column: int = MAX_PER_COLUMN
) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """The story grown by ``state`` (:class:`neuroimmune.story.StoryState`: its whole ``columns``, of :data:`STORY_COLUMNS`).

    A whole column adds the rest of its entities, best first, up to ``max_per_column`` in all. Returns
    all ids and per step ``("", ids added)`` like :func:`neuroimmune.story.grow_story`.
    """
    ids = dict.fromkeys(base)
    steps: list[tuple[str, list[str]]] = []
    ranked = _story_rank(atlas, result)
    for col in getattr(state, "columns", ()) or ():
        if col not in (ONLY_A, SHARED, ONLY_B):
            continue
        members = ranked.loc[ranked["column"] == col, "id"].tolist()
        room = max_per_column - sum(1 for m in members if m in ids)
        added = [m for m in members if m not in ids][: max(room, 0)]
        ids.update(dict.fromkeys(added))
        steps.append(("", added))
    return list(ids), steps


def _story_column_of(a: str, b: str, result: pd.DataFrame) -> dict[str, int]:
    return {a: COND_A, b: COND_B, **dict(zip(result["id"], story_columns(result)))}


def _far(result: pd.DataFrame, ids) -> list[int]:
    """Per id: 2 if it is two hops from one of the conditions, 1 if direct to all it is linked to (0: a condition)."""
    far = dict(zip(result["id"], np.maximum(result["hops_a"], result["hops_b"]).astype(int)))
    return [int(far.get(i, 0)) for i in ids]


def _drawable(atlas: Atlas, ids: list[str], result: pd.DataFrame, positions: pd.DataFrame, marker_px: float) -> Atlas:
    """``atlas`` with the story's relations that can be drawn legibly.

    Inside the shared column (one line of names) only those joining a two-hop entity to a direct one,
    which sit in neighbouring sub-columns. A relation whose line would run through another entity's
    name is left out while both its ends keep another relation (the most obstructed first).
    """
    from dataclasses import replace

    sub = atlas.with_nodes([i for i in ids if i in set(positions["id"])])
    e = sub.edges
    col = dict(zip(result["id"], story_columns(result)))
    far = dict(zip(ids, _far(result, ids)))
    s_col, t_col = e["source"].map(col), e["target"].map(col)
    both = (s_col == SHARED) & (t_col == SHARED)
    two_s, two_t = e["source"].map(far).fillna(0) >= 2, e["target"].map(far).fillna(0) >= 2
    e = e[~both | (two_s != two_t)]
    at = positions.drop_duplicates("id").set_index("id")
    half = 1.5 * marker_px / 2
    # text boxes (px, y down): above each marker, as wide as the label; and the markers themselves
    text = np.column_stack([at["px"] - at["w"] / 2, at["py"] - at["top"], at["px"] + at["w"] / 2, at["py"] - half - 3])
    mark = np.column_stack([at["px"] - half, at["py"] - half, at["px"] + half, at["py"] + half])
    index = {node: k for k, node in enumerate(at.index)}
    xy = at[["px", "py"]].to_numpy(dtype=float)
    src, dst = e["source"].map(index).to_numpy(), e["target"].map(index).to_numpy()
    hits = np.array([_boxes_hit(xy[s_], xy[d_], text, (s_, d_)) + _boxes_hit(xy[s_], xy[d_], mark, (s_, d_)) for s_, d_ in zip(src, dst)],
                    dtype=int)  # fmt: skip
    degree = np.bincount(np.concatenate([src, dst]), minlength=len(xy)) if len(src) else np.zeros(len(xy), dtype=int)
    keep = np.ones(len(e), dtype=bool)
    conditions = [i for i in ids if i not in col]
    story_link = (e["source"].isin(conditions) | e["target"].isin(conditions)).to_numpy()
    for k in np.argsort(-hits, kind="stable"):
        if hits[k] == 0:
            break
        if degree[src[k]] > 1 and degree[dst[k]] > 1 and not story_link[k]:
            keep[k] = False
            degree[src[k]] -= 1
            degree[dst[k]] -= 1
    return replace(sub, edges=e[keep])


def _boxes_hit(p: np.ndarray, q: np.ndarray, boxes: np.ndarray, ends: tuple[int, int]) -> int:
    """How many of ``boxes`` (x0, y0, x1, y1 rows) the segment p–q passes through (its own ends' boxes aside)."""
    d = q - p
    t0, t1 = np.zeros(len(boxes)), np.ones(len(boxes))
    ok = np.ones(len(boxes), dtype=bool)
    for delta, lo, hi, start in ((d[0], boxes[:, 0], boxes[:, 2], p[0]), (d[1], boxes[:, 1], boxes[:, 3], p[1])):
        if abs(delta) < 1e-9:
            ok &= (start >= lo) & (start <= hi)
            continue
        a, b = (lo - start) / delta, (hi - start) / delta
        t0, t1 = np.maximum(t0, np.minimum(a, b)), np.minimum(t1, np.maximum(a, b))
    ok &= t0 < t1
    ok[list(ends)] = False
    return int(ok.sum())


def _centre_conditions(frame: pd.DataFrame, height: float, edges: pd.DataFrame, conditions: list[str], atlas: Atlas, canvas, n_cols: int):
    """Each condition re-placed at the free height nearest the middle of what it links to.

    A full column makes the layout stack every column from the top, the lone condition too; its
    relations then fan out downwards. Alone in its column, it moves without disturbing anyone.
    """
    from .label_layout import extend_label_layout

    at = frame.set_index("id")["py"]
    for c in conditions:
        if c not in at.index:
            continue
        linked = pd.concat([edges.loc[edges["source"] == c, "target"], edges.loc[edges["target"] == c, "source"]])
        ys = at.reindex(linked.unique()).dropna().drop(c, errors="ignore")
        anchor = float(ys.mean()) if len(ys) else height / 2
        col = int(frame.loc[frame["id"] == c, "column"].iloc[0])
        rest = frame[frame["id"] != c]
        frame, height = extend_label_layout(rest, height, [c], [atlas.label(c)], [col], [anchor], canvas, n_columns=n_cols)
    return frame, height


def compare_story_layout(atlas: Atlas, a: str, b: str, result: pd.DataFrame, base: list[str], steps=(), *, presenter: bool = False):
    """Label-sized positions of the story (:class:`neuroimmune.views.StoryLayout`), five fixed columns.

    The ``base`` story is laid out once (:func:`neuroimmune.label_layout.layered_label_layout`, its
    order crossing-minimised for the relations drawn first); each step of ``steps`` is added without
    moving anything already placed. Deterministic, so callers cache it per comparison and state.
    """
    from .label_layout import NORMAL_CANVAS, PRESENTER_CANVAS, extend_label_layout, layered_label_layout, spanning_forest
    from .views import StoryLayout, _edge_rank

    canvas = PRESENTER_CANVAS if presenter else NORMAL_CANVAS
    columns = _story_column_of(a, b, result)
    n_cols = len(STORY_COLUMNS)
    base = [i for i in dict.fromkeys(base) if i in atlas.labels and i in columns]
    part = atlas.with_nodes(base)
    index = {node: k for k, node in enumerate(base)}
    e = part.edges
    src = e["source"].map(index).to_numpy(dtype=np.int64)
    dst = e["target"].map(index).to_numpy(dtype=np.int64)
    column = np.array([columns[i] for i in base], dtype=np.int64)
    forest = spanning_forest(len(base), src, dst, _edge_rank(part, {}))
    # relations inside an only-column run sideways (sub-columns, away from the condition); the shared
    # column stays one line so both conditions' relations reach every shared entity without crossing others
    inside = column[src] == column[dst]
    shared_pair = inside & (column[src] == SHARED)
    keep = (forest | inside) & ~shared_pair
    # in the shared column only a two-hop entity's relation to the mechanism reaching it is drawn: pointed
    # from the mechanism, it puts the two-hop entities one sub-column right of the direct ones
    two = np.array([far >= 2 for far in _far(result, base)])
    via = shared_pair & (two[src] != two[dst])
    lsrc = np.concatenate([src[keep], np.where(two[src], dst, src)[via]])
    ldst = np.concatenate([dst[keep], np.where(two[src], src, dst)[via]])
    frame, height = layered_label_layout(base, [atlas.label(i) for i in base], lsrc, ldst, canvas, column=column,
                                         n_columns=n_cols)  # fmt: skip
    frame, height = _centre_conditions(frame, height, e, [a, b], atlas, canvas, n_cols)
    used = max(float((frame["py"] + frame["bottom"]).max()) + 8, 200.0)
    if used < height:  # columns stacked from the top leave the bottom empty: no blank band on the screen
        height = used
        frame = frame.assign(y=(1 - frame["py"] / height).astype(np.float32))
    for _, added in steps:
        added = [i for i in added if i in atlas.labels and i in columns and i not in set(frame["id"])]
        if added:
            frame, height = extend_label_layout(frame, height, added, [atlas.label(i) for i in added], [columns[i] for i in added],
                                                [height / 2] * len(added), canvas, n_columns=n_cols)  # fmt: skip
    return StoryLayout(frame, height, n_cols)


def story_title(atlas: Atlas, a: str, b: str, result: pd.DataFrame) -> str:
    """``Alzheimer's disease vs Parkinson's disease: 15 shared entities`` (plain text)."""
    n = int(result["shared"].sum())
    return f"{atlas.label(a)} vs {atlas.label(b)}: {n:,} shared entit{'y' if n == 1 else 'ies'}"


def build_compare_story(
    atlas: Atlas,
    a: str,
    b: str,
    result: pd.DataFrame,
    ids: list[str],
    layout,
    *,
    presenter: bool = False,
    overlay: pd.Series | None = None,
    overlay_label: str = "",
    keep: Iterable[str] = (),
) -> tuple[go.Figure, go.Figure, Atlas]:
    """(story network, diverging bars, the sub-atlas drawn): ``ids`` at ``layout`` (:func:`compare_story_layout`).

    Every entity is labelled in full, the columns are bands under wrapped headers (the shared one
    purple, A's blue, B's orange like the bars), and the relations are those
    :func:`neuroimmune.label_layout.legible_edges` picks (at most 2 crossings per drawn relation).
    The conditions, the shared entities and ``keep`` (a whole column asked for) stay even where no
    relation of theirs could be drawn legibly.
    """
    from .figures.network import FIGURE_OFFSET
    from .label_layout import NORMAL_CANVAS, PRESENTER_CANVAS, text_width, wrap_label
    from .layout import Lane
    from .views import build_story_view

    n_cols = layout.n_columns
    lanes = [Lane(name, (), (i + 0.5) / n_cols) for i, name in enumerate(STORY_COLUMNS)]
    shared = result.loc[result["shared"], "id"].tolist()
    canvas = PRESENTER_CANVAS if presenter else NORMAL_CANVAS
    drawable = _drawable(atlas, ids, result, layout.positions, canvas.marker_px)
    fig, drawn, _ = build_story_view(
        drawable, "compare", ids, layout, title=story_title(atlas, a, b, result), highlight=[a, b, *shared], presenter=presenter,
        overlay=overlay, overlay_label=overlay_label, lanes=lanes, prefer=list(keep),
    )  # fmt: skip
    if drawn.nodes.empty:
        return fig, build_compare_bars(atlas, a, b, result), drawn
    bands = sorted((s for s in fig.layout.shapes if s.type == "rect" and s.yref == "paper"), key=lambda s: s.x0)
    for shape, colour in zip(bands, _BANDS):
        shape.fillcolor = colour
    size = fig.layout.title.font.size or 22
    title = story_title(atlas, a, b, result)
    lines = [title]
    if text_width(title, size, bold=True) > canvas.width - 30:  # the second condition starts the second line
        head, tail = title.split(" vs ", 1) if " vs " in title else (title, "")
        lines = [f"{head} vs", tail] if tail else wrap_label(title, canvas.width - 10, size, max_lines=2)
    extra = int(round((len(lines) - 1) * size * 1.3))
    # the title sits on the column headers (Plotly anchors a multi-line title at its first line)
    headers = max((str(an.text).count("<br>") + 1 for an in fig.layout.annotations if an.yref == "paper" and an.y == 1), default=0)
    fig.update_layout(
        title={"text": "<br>".join(html.escape(li, quote=False) for li in lines), "yref": "paper", "y": 1, "yanchor": "bottom",
               "pad": {"b": int(headers * (fig.layout.font.size or 16) * 1.35) + 12 + extra}},
        margin={"t": fig.layout.margin.t + extra}, height=fig.layout.height + extra,
    )  # fmt: skip
    if not shared:
        fig.add_annotation(x=FIGURE_OFFSET + (SHARED + 0.5) / n_cols, y=1, xref="x", yref="paper", yanchor="top", yshift=-8,
                           showarrow=False, text="nothing shared", font={"size": canvas.label_px, "color": COLORS["shared"]},
                           bgcolor=_BANDS[2])  # fmt: skip
    return fig, build_compare_bars(atlas, a, b, result), drawn


def default_pair(conditions: list[str]) -> tuple[str, str]:
    """The pair the page opens on: :data:`DEFAULT_PAIR` where both are in ``conditions``, else the first two.

    Examples
    --------
    >>> default_pair(["x", "y", "z"])
    ('x', 'y')
    """
    if all(c in conditions for c in DEFAULT_PAIR):
        return DEFAULT_PAIR
    return conditions[0], conditions[1]


def drawn_compare_atlas(atlas: Atlas, a: str, b: str, result: pd.DataFrame, max_per_column: int | None = MAX_PER_COLUMN) -> Atlas:
    """What :func:`build_compare_figures` draws ("Show everything"): both conditions, the drawn rows and their relations."""
    rows = drawn_compare_rows(atlas, result, max_per_column)
    return atlas.with_nodes([a, b, *rows["id"]])


def default_compare_picture(
    atlas: Atlas, a: str | None = None, b: str | None = None, state=None, *, presenter: bool = False
) -> tuple[go.Figure, go.Figure, Atlas]:
    """The compare page's picture (story network, bars, what the network draws) for ``a`` and ``b``
    (default :func:`default_pair`) grown by ``state`` — what the page draws before any click.

    Examples
    --------
    >>> network, bars, drawn = default_compare_picture(atlas)  # doctest: +SKIP
    >>> len(drawn.nodes) <= STORY_MAX  # doctest: +SKIP
    True
    """
    if a is None or b is None:
        conditions = atlas.nodes.loc[atlas.nodes["type"] == "condition"].sort_values("label")["id"].tolist()
        a, b = default_pair(conditions)
    result = compare_conditions(atlas, a, b)
    base = compare_story(atlas, a, b, result)
    ids, steps = grow_compare_story(atlas, a, b, result, base, state)
    layout = compare_story_layout(atlas, a, b, result, base, steps, presenter=presenter)
    return build_compare_story(atlas, a, b, result, ids, layout, presenter=presenter, keep=[i for _, added in steps for i in added])
