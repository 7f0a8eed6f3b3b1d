"""Gut–brain routes (immune, neural, endocrine, microbial) and barrier states as rules over the data.

A *route* is a rule over node types and compartments: an edge travels a route when either of its
ends is a node of that route. Edges with no route node at either end (e.g. inside the brain) are
*shared*: they are drawn when they touch an entity reached by an enabled route edge.

A *barrier state* follows what the curators marked in the data. An edge whose note starts with
``"LEAKY GUT state:"`` (or ``"BBB DISRUPTED state:"``) holds only while that barrier is failing, and
so do the consequences of the failure node itself (edges leaving
``NIA:increased_intestinal_permeability`` / ``NIA:bbb_disruption``, and those leaving endotoxaemia,
which exists only when luminal LPS has crossed). With a barrier *intact* these edges are hidden;
what raises or lowers the risk of failure (stress → permeability, butyrate ⊣ permeability) stays,
because that holds in either state. With the barrier failing everything is shown and the failure
nodes are highlighted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .atlas import Atlas

__all__ = [
    "Route", "ROUTES", "Barrier", "BARRIERS", "route_nodes", "edge_routes", "select_routes", "apply_barriers", "barrier_nodes",
    "gut_brain_atlas",
]  # fmt: skip


@dataclass(frozen=True)
class Route:
    """One gut–brain route: nodes of ``types`` or in ``compartments`` belong to it."""

    key: str
    label: str
    types: tuple[str, ...]
    compartments: tuple[str, ...]


ROUTES: dict[str, Route] = {
    r.key: r
    for r in (
        Route("immune", "Immune", ("cytokine", "cell", "antibody"), ("gut_immune",)),
        Route("neural", "Neural / vagal", ("neurotransmitter",), ("vagus", "enteric_nervous")),
        Route("endocrine", "Endocrine / HPA", ("hormone",), ("hpa_axis",)),
        Route("microbial", "Microbial metabolites", ("microbe", "metabolite"), ("gut_lumen",)),
    )
}


@dataclass(frozen=True)
class Barrier:
    """A barrier whose failure the data marks by a note prefix and by failure-state nodes."""

    key: str
    label: str
    intact: str
    failing: str
    note_prefix: str
    state_nodes: tuple[str, ...]


BARRIERS: dict[str, Barrier] = {
    "gut": Barrier(
        "gut", "Gut barrier", "intact", "leaky gut", "LEAKY GUT state:", ("NIA:increased_intestinal_permeability", "MESH:D019446")
    ),
    "bbb": Barrier("bbb", "Blood–brain barrier", "BBB intact", "BBB disrupted", "BBB DISRUPTED state:", ("NIA:bbb_disruption",)),
}


def route_nodes(atlas: Atlas, route: str | Route) -> set[str]:
    """Ids of the nodes on ``route``.

    Examples
    --------
    >>> from neuroimmune.synthetic import synthetic_frames
    >>> atlas = Atlas.from_frames(**synthetic_frames(60, 200, seed=0))
    >>> types = atlas.nodes.set_index("id").loc[sorted(route_nodes(atlas, "endocrine")), "type"]
    >>> "hormone" in set(types)
    True
    """
    r = ROUTES[route] if isinstance(route, str) else route
    n = atlas.nodes
    hit = n["type"].isin(r.types) | n["compartment"].isin(r.compartments)
    return set(n.loc[hit, "id"])


def edge_routes(atlas: Atlas) -> pd.DataFrame:
    """One boolean column per route: does the edge travel it (an end node on the route)?"""
    e = atlas.edges
    out = {}
    for key in ROUTES:
        ids = route_nodes(atlas, key)
        out[key] = (e["source"].isin(ids) | e["target"].isin(ids)).to_numpy()
    return pd.DataFrame(out, index=e.index)


def select_routes(atlas: Atlas, routes: Iterable[str]) -> Atlas:
    """Edges on any of ``routes``, plus shared edges touching an entity those edges reach.

    Examples
    --------
    >>> from neuroimmune.synthetic import synthetic_frames
    >>> atlas = Atlas.from_frames(**synthetic_frames(80, 300, seed=0))
    >>> len(select_routes(atlas, ROUTES).edges) == len(atlas.edges)
    True
    >>> len(select_routes(atlas, []).edges)
    0
    """
    routes = list(dict.fromkeys(routes))
    unknown = set(routes) - set(ROUTES)
    if unknown:
        raise ValueError(f"unknown route(s) {sorted(unknown)}; expected {', '.join(ROUTES)}")
    flags = edge_routes(atlas)
    if not routes:
        return atlas._subset(np.zeros(len(atlas.edges), dtype=bool))
    on_route = flags[routes].any(axis=1).to_numpy()
    shared = ~flags.any(axis=1).to_numpy()
    e = atlas.edges
    reached = set(e["source"].to_numpy()[on_route]) | set(e["target"].to_numpy()[on_route])
    touches = (e["source"].isin(reached) | e["target"].isin(reached)).to_numpy()
    if len(routes) == len(ROUTES):  # every route on: nothing is hidden
        touches = np.ones(len(e), dtype=bool)
    return atlas._subset(on_route | (shared & touches))


def _failure_edges(atlas: Atlas, barrier: Barrier) -> np.ndarray:
    e = atlas.edges
    marked = e["note"].str.startswith(barrier.note_prefix).to_numpy()
    consequence = e["source"].isin(barrier.state_nodes).to_numpy()
    return marked | consequence


def apply_barriers(atlas: Atlas, *, gut_leaky: bool = False, bbb_disrupted: bool = False) -> Atlas:
    """Hide the edges that hold only while a barrier fails, for every barrier that is intact.

    Examples
    --------
    >>> from neuroimmune.synthetic import synthetic_frames
    >>> atlas = Atlas.from_frames(**synthetic_frames(40, 100, seed=0))
    >>> len(apply_barriers(atlas, gut_leaky=True, bbb_disrupted=True).edges) == len(atlas.edges)
    True
    """
    hide = np.zeros(len(atlas.edges), dtype=bool)
    for barrier, failing in ((BARRIERS["gut"], gut_leaky), (BARRIERS["bbb"], bbb_disrupted)):
        if not failing:
            hide |= _failure_edges(atlas, barrier)
    return atlas if not hide.any() else atlas._subset(~hide)


def barrier_nodes(*, gut_leaky: bool = False, bbb_disrupted: bool = False) -> list[str]:
    """Failure-state node ids to highlight for the barriers that are failing."""
    out: list[str] = []
    if gut_leaky:
        out += BARRIERS["gut"].state_nodes
    if bbb_disrupted:
        out += BARRIERS["bbb"].state_nodes
    return out


def gut_brain_atlas(
    atlas: Atlas, filters=None, *, routes: Iterable[str] = tuple(ROUTES), gut_leaky: bool = False, bbb_disrupted: bool = False
) -> Atlas:
    """The gut–brain view's atlas: view topics and ``filters``, then the chosen routes and barrier states.

    Examples
    --------
    >>> from neuroimmune.synthetic import synthetic_frames
    >>> atlas = Atlas.from_frames(**synthetic_frames(80, 300, seed=0))
    >>> len(gut_brain_atlas(atlas, routes=[]).edges)
    0
    """
    sub = atlas.filter(filters, view="gut_brain")
    return apply_barriers(select_routes(sub, routes), gut_leaky=gut_leaky, bbb_disrupted=bbb_disrupted)
