"""What a view draws by default: a story of at most ~40 entities, grown on demand (expand, whole columns)."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from .atlas import Atlas
from .layout import CYTOKINE_LAYERS, LANES, layer_columns

__all__ = [
    "STORY_MAX",
    "EXPAND_MAX",
    "EVIDENCE_RANK",
    "StoryState",
    "edge_strength",
    "best_neighbours",
    "best_routes",
    "gut_brain_story",
    "cytokine_story",
    "condition_story",
    "explorer_story",
    "column_of",
    "column_names",
    "grow_story",
    "condition_story_title",
    "explorer_title",
    "default_condition_group",
]

#: A default view draws at most this many entities.
STORY_MAX = 40
#: "Expand" adds at most this many of an entity's best-evidence neighbours.
EXPAND_MAX = 10
EVIDENCE_RANK = {"established": 4, "supported": 3, "emerging": 2, "contested": 1}
#: Columns of the condition map: conditions and symptoms left, mechanisms right.
_CONDITION_SIDE = ("condition", "symptom")


@dataclass(frozen=True)
class StoryState:
    """How far a reader has grown a view: entities expanded (in order), whole columns, everything.

    Lives in the URL as ``expand=ID,ID``, ``cols=0,3`` and ``all=1``.
    """

    expanded: tuple[str, ...] = ()
    columns: tuple[int, ...] = ()
    everything: bool = False


def edge_strength(atlas: Atlas) -> pd.Series:
    """Per edge: evidence grade × 10 plus the number of references (up to 5); higher = stronger.

    Examples
    --------
    >>> from neuroimmune.synthetic import synthetic_frames
    >>> atlas = Atlas.from_frames(**synthetic_frames(20, 40, seed=0))
    >>> bool((edge_strength(atlas) >= 10).all())
    True
    """
    e = atlas.edges
    grade = [EVIDENCE_RANK.get(str(v), 1) for v in e["evidence"]]
    refs = [min(len([x for x in str(r).split("|") if x]), 5) if isinstance(r, str) else 0 for r in e["references"]]
    return pd.Series([g * 10 + r for g, r in zip(grade, refs)], index=e.index, dtype="int64")


def best_neighbours(atlas: Atlas, node: str, n: int = EXPAND_MAX, *, exclude: Iterable[str] = ()) -> list[str]:
    """Up to ``n`` neighbours of ``node``, strongest relation first (then best connected, then by name).

    Examples
    --------
    >>> from neuroimmune.synthetic import synthetic_frames
    >>> atlas = Atlas.from_frames(**synthetic_frames(30, 90, seed=0))
    >>> node = atlas.nodes["id"].iloc[0]
    >>> len(best_neighbours(atlas, node, 3)) <= 3
    True
    """
    e = atlas.edges
    strength = edge_strength(atlas)
    out_ = e["source"] == node
    in_ = e["target"] == node
    other = pd.concat([e.loc[out_, "target"], e.loc[in_, "source"]])
    power = pd.concat([strength[out_], strength[in_]])
    skip = set(exclude) | {node}
    frame = pd.DataFrame({"id": other.to_numpy(), "s": power.to_numpy()})
    frame = frame[~frame["id"].isin(skip)].groupby("id", as_index=False)["s"].max()
    if frame.empty:
        return []
    frame["deg"] = frame["id"].map(atlas.degree).fillna(0)
    frame["label"] = frame["id"].map(atlas.labels).fillna("").str.lower()
    frame = frame.sort_values(["s", "deg", "label"], ascending=[False, False, True])
    return frame["id"].head(n).tolist()


def best_routes(
    atlas: Atlas,
    level: dict[str, int],
    sources: Iterable[str],
    sinks: Iterable[str],
    *,
    max_nodes: int = STORY_MAX,
    max_routes: int = 6,
    keep: int = 6,
    floor: str = "supported",
) -> list[str]:
    """Entities on the strongest routes that climb the levels from ``sources`` to ``sinks``.

    A route steps along relations (either direction) to a strictly higher level. Routes whose
    weakest relation is at least ``floor`` ("supported") come first, the longest (most levels visited) of
    them first, then by weakest relation and total strength; the best are united, each source taking its turn, while the union holds at most
    ``max_nodes`` entities and ``max_routes`` routes.

    Examples
    --------
    >>> import pandas as pd
    >>> nodes = pd.DataFrame({"id": list("abcd"), "label": list("ABCD"), "type": "process"})
    >>> edges = pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "c", "d"], "relation": "increases",
    ...                       "evidence": ["established", "established", "emerging"], "references": "r"})
    >>> atlas = Atlas.from_frames(nodes, edges, pd.DataFrame({"id": ["r"], "citation": ["R"]}))
    >>> best_routes(atlas, {"a": 0, "b": 1, "c": 2, "d": 2}, ["a"], ["c", "d"], max_routes=1)
    ['a', 'b', 'c']
    """
    sinks = list(dict.fromkeys(sinks))  # ordered: a set would make ties depend on the hash seed
    rank = functools.partial(_route_rank, floor=EVIDENCE_RANK[floor])
    e = atlas.edges
    strength = edge_strength(atlas).to_numpy()
    preds: dict[str, list[tuple[str, int]]] = {}
    for s, t, w in zip(e["source"].to_numpy(), e["target"].to_numpy(), strength):
        ls, lt = level.get(s), level.get(t)
        if ls is None or lt is None or ls == lt:
            continue
        lo, hi = (s, t) if ls < lt else (t, s)
        preds.setdefault(hi, []).append((lo, int(w)))
    source_set = [s for s in dict.fromkeys(sources) if s in level]
    paths: dict[str, list[tuple[tuple, tuple[str, ...]]]] = {s: [((99, 0, 0), (s,))] for s in source_set}
    for node in sorted(level, key=lambda i: (level[i], i)):
        cands = list(paths.get(node, []))
        for p, w in preds.get(node, []):
            for (bottle, hops, total), path in paths.get(p, []):
                if node not in path:
                    cands.append(((min(bottle, w // 10), hops + 1, total + w), (*path, node)))
        if cands:
            paths[node] = sorted(cands, key=rank, reverse=True)[:keep]
    ends = [c for sink in sinks for c in paths.get(sink, []) if len(c[1]) > 1]
    by_source: dict[str, list] = {}
    for _, path in sorted(ends, key=rank, reverse=True):
        by_source.setdefault(path[0], []).append(path)
    chosen: dict[str, None] = {}
    routes = 0
    queues = [by_source[s] for s in source_set if s in by_source]
    while queues and routes < max_routes:
        for queue in list(queues):
            path = queue.pop(0)
            if not queue:
                queues.remove(queue)
            extra = [i for i in path if i not in chosen]
            if extra and len(chosen) + len(extra) <= max_nodes and routes < max_routes:
                chosen.update(dict.fromkeys(path))
                routes += 1
    return list(chosen)


def _route_rank(candidate: tuple, floor: int = EVIDENCE_RANK["supported"]) -> tuple:
    (bottleneck, hops, total), _ = candidate
    return (min(bottleneck, floor), hops, bottleneck, total)


def _lane_index(atlas: Atlas) -> dict[str, int]:
    lane_of = {comp: i for i, lane in enumerate(LANES) for comp in lane.members}
    body = next(i for i, lane in enumerate(LANES) if "" in lane.members)
    return {i: lane_of.get(c, body) for i, c in zip(atlas.nodes["id"], atlas.nodes["compartment"].fillna(""))}


def column_of(atlas: Atlas, view: str) -> dict[str, int] | None:
    """The column of every entity in a layered view (``None``: the explorer lets Sugiyama decide).

    Examples
    --------
    >>> from neuroimmune.synthetic import synthetic_frames
    >>> atlas = Atlas.from_frames(**synthetic_frames(20, 40, seed=0))
    >>> sorted(set(column_of(atlas, "condition_map").values()))
    [0, 1]
    """
    nodes = atlas.nodes
    if view == "gut_brain":
        return _lane_index(atlas)
    if view == "cytokine":
        cols = layer_columns(CYTOKINE_LAYERS)
        index = {t: i for i, c in enumerate(cols) for t in c.members}
        return {i: index.get(t, len(cols) - 1) for i, t in zip(nodes["id"], nodes["type"])}
    if view == "condition_map":
        return {i: 0 if t in _CONDITION_SIDE else 1 for i, t in zip(nodes["id"], nodes["type"])}
    return None


def column_names(view: str) -> list[str]:
    """Column headers of a layered view, left to right (empty for the explorer)."""
    if view == "gut_brain":
        return [lane.name for lane in LANES]
    if view == "cytokine":
        return [c.name for c in layer_columns(CYTOKINE_LAYERS)]
    if view == "condition_map":
        return ["Conditions & symptoms", "Mechanisms"]
    return []


def gut_brain_story(atlas: Atlas, *, max_nodes: int = 24, keep: Iterable[str] = ()) -> list[str]:
    """The strongest-evidence routes from the gut lumen to the brain (plus ``keep`` ids).

    Examples
    --------
    >>> from neuroimmune.synthetic import synthetic_frames
    >>> atlas = Atlas.from_frames(**synthetic_frames(80, 300, seed=0))
    >>> len(gut_brain_story(atlas)) <= 24
    True
    """
    level = _lane_index(atlas)
    last = len(LANES) - 1
    ids = best_routes(
        atlas, level, [i for i, lv in level.items() if lv == 0], [i for i, lv in level.items() if lv == last], max_nodes=max_nodes
    )
    if not ids:  # no complete route: the best-connected entities of each lane
        ids = _best_per_column(atlas, level, per_column=max(max_nodes // len(LANES), 2))
    return _with(ids, keep, atlas)


def cytokine_story(atlas: Atlas, cytokines: Sequence[str], *, max_nodes: int = 30) -> list[str]:
    """The chosen cytokines' strongest cascades: receptor → signalling → effect → outcome.

    ``atlas`` is the cytokine pathways of the chosen cytokines (:func:`neuroimmune.cytokines.cytokine_pathways`).
    """
    level = {i: CYTOKINE_LAYERS.get(t, 3) for i, t in zip(atlas.nodes["id"], atlas.nodes["type"])}
    picked = [c for c in cytokines if c in level]
    for c in picked:
        level[c] = 0
    sinks = [i for i, lv in level.items() if lv >= 3]  # effects and outcomes (few cascades reach both)
    # a cascade is the point of this view: a full receptor → signalling → effect route counts even where one of
    # its steps is only "emerging" (drawn faint), so routes are ranked by length above that floor
    ids = best_routes(atlas, level, picked, sinks, max_nodes=max_nodes - len(picked), max_routes=3 * len(picked), floor="emerging")
    outcomes = [o for c in picked for o in best_neighbours(atlas, c, 2, exclude=ids) if level.get(o, 0) >= 3]
    return _with(picked, [*ids, *outcomes[: max(max_nodes - len(ids) - len(picked), 0)]], atlas)


def condition_story(atlas: Atlas, conditions: Sequence[str], *, max_conditions: int = 4, max_mechanisms: int = 10) -> list[str]:
    """One condition group's main mechanisms: its best-connected conditions and the mechanisms most of them share.

    Mechanisms are ranked by how many of the drawn conditions they link to, then by their
    strongest relation's evidence, then by degree.
    """
    degree = atlas.degree
    present = [c for c in dict.fromkeys(conditions) if c in atlas.labels]
    present = sorted(present, key=lambda c: (-degree.get(c, 0), atlas.label(c).lower()))[:max_conditions]
    e = atlas.edges
    side = set(atlas.nodes.loc[atlas.nodes["type"].isin(_CONDITION_SIDE), "id"])
    strength = edge_strength(atlas)
    rows = []
    for col_a, col_b in (("source", "target"), ("target", "source")):
        hit = e[col_a].isin(present) & ~e[col_b].isin(side)
        rows.append(pd.DataFrame({"cond": e.loc[hit, col_a], "mech": e.loc[hit, col_b], "s": strength[hit]}))
    links = pd.concat(rows)
    if links.empty:
        return present
    rank = links.groupby("mech").agg(n=("cond", "nunique"), s=("s", "max")).reset_index()
    rank["deg"] = rank["mech"].map(degree).fillna(0)
    rank = rank.sort_values(["n", "s", "deg", "mech"], ascending=[False, False, False, True])
    return [*present, *rank["mech"].head(max_mechanisms)]


def explorer_story(atlas: Atlas, focus: Sequence[str], *, k: int = 1, n: int = EXPAND_MAX, max_nodes: int = STORY_MAX) -> list[str]:
    """``focus`` and its ``n`` best-evidence neighbours; each further step adds the 3 best of each.

    Examples
    --------
    >>> from neuroimmune.synthetic import synthetic_frames
    >>> atlas = Atlas.from_frames(**synthetic_frames(40, 160, seed=0))
    >>> node = atlas.nodes["id"].iloc[0]
    >>> ids = explorer_story(atlas, [node], k=2)
    >>> ids[0] == node and len(ids) <= 40
    True
    """
    ids = dict.fromkeys(f for f in focus if f in atlas.labels)
    ring = list(ids)
    for hop in range(max(int(k), 1)):
        per = n if hop == 0 else 3
        nxt = []
        for node in ring:
            for other in best_neighbours(atlas, node, per, exclude=ids):
                if len(ids) >= max_nodes:
                    break
                ids[other] = None
                nxt.append(other)
        ring = nxt
    return list(ids)


def _best_per_column(atlas: Atlas, column: dict[str, int], per_column: int) -> list[str]:
    degree = atlas.degree
    out: list[str] = []
    for c in sorted(set(column.values())):
        members = [i for i, v in column.items() if v == c and degree.get(i, 0) > 0]
        out += sorted(members, key=lambda i: (-degree.get(i, 0), i))[:per_column]
    return out


def _with(ids: Iterable[str], extra: Iterable[str], atlas: Atlas) -> list[str]:
    return [i for i in dict.fromkeys([*ids, *extra]) if i in atlas.labels]


def grow_story(
    atlas: Atlas, base: Sequence[str], state: StoryState, columns: dict[str, int] | None = None
) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """The story grown by ``state``: all ids, and per growth step (anchor id, ids it added).

    Each expanded entity adds its :data:`EXPAND_MAX` best-evidence neighbours; each whole column
    adds every entity of that column (its anchor is ``""``). Nothing already drawn is removed.

    Examples
    --------
    >>> from neuroimmune.synthetic import synthetic_frames
    >>> atlas = Atlas.from_frames(**synthetic_frames(40, 160, seed=0))
    >>> node = atlas.nodes["id"].iloc[0]
    >>> ids, steps = grow_story(atlas, [node], StoryState(expanded=(node,)))
    >>> ids[0] == node, len(ids) <= 1 + EXPAND_MAX, steps[0][0] == node
    (True, True, True)
    """
    ids = dict.fromkeys(i for i in base if i in atlas.labels)
    steps: list[tuple[str, list[str]]] = []
    for node in state.expanded:
        if node not in atlas.labels:
            continue
        if node not in ids:
            ids[node] = None
        added = best_neighbours(atlas, node, EXPAND_MAX, exclude=ids)
        ids.update(dict.fromkeys(added))
        steps.append((node, added))
    for col in state.columns:
        if columns is None:
            continue
        added = sorted((i for i, c in columns.items() if c == col and i not in ids and i in atlas.labels), key=atlas.label)
        ids.update(dict.fromkeys(added))
        steps.append(("", added))
    return list(ids), steps


def condition_story_title(groups: Sequence[str]) -> str:
    """``Main mechanisms of neuroimmune conditions`` (or of every condition group)."""
    names = [g.replace("autoimmune_systemic", "autoimmune / systemic").replace("_", " ") for g in groups]
    if not names:
        return "Main mechanisms of conditions"
    return "Main mechanisms of " + " and ".join(names) + " conditions"


def explorer_title(atlas: Atlas, entity: str, k: int = 1) -> str:
    """``Explorer: IL-1β and its best-evidence neighbours`` (``… within 2 steps`` for ``k`` > 1)."""
    tail = "its best-evidence neighbours" if k <= 1 else f"its best-evidence neighbours within {k} steps"
    return f"Explorer: {atlas.label(entity)} and {tail}"


def default_condition_group(atlas: Atlas) -> list[str]:
    """The condition map's default: the first condition group the atlas has conditions in (``[]``: all)."""
    from .conditions import CONDITION_GROUPS, conditions_in_groups

    return next(([g] for g in CONDITION_GROUPS if conditions_in_groups(atlas, [g])), [])
