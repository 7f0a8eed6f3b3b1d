"""Layouts: deterministic for a seed, pinned x/y honoured, lanes and layers in order."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from neuroimmune import Atlas, schema
from neuroimmune.layout import (
    CYTOKINE_LAYERS,
    EXACT_FR_MAX_NODES,
    LANES,
    bipartite_layout,
    force_layout,
    lane_layout,
    layer_columns,
    layered_layout,
)
from neuroimmune.synthetic import synthetic_frames


@pytest.fixture(scope="module")
def synth() -> Atlas:
    return Atlas.from_frames(**synthetic_frames(120, 400, seed=3))


def _pinned(atlas: Atlas, pins: dict[int, tuple[float, float]]) -> Atlas:
    nodes = atlas.nodes.copy()
    nodes["x"], nodes["y"] = np.nan, np.nan
    for row, (x, y) in pins.items():
        nodes.loc[row, ["x", "y"]] = [x, y]
    return replace(atlas, nodes=nodes)


def _tiny(nodes: list[tuple[str, str, str]], edges: list[tuple[str, str]]) -> Atlas:
    n = pd.DataFrame(nodes, columns=["id", "type", "compartment"]).assign(label=lambda d: d["id"])
    e = pd.DataFrame(edges, columns=["source", "target"]).assign(
        relation="increases", topics="gut_brain", evidence="established", study_type="review", species="human", references="s1"
    )
    s = pd.DataFrame({"id": ["s1"], "citation": ["A et al. (2020). T. J."], "year": ["2020"], "doi": ["10.1/x"]})
    return Atlas.from_frames(n, e, s)


@pytest.mark.parametrize("layout", [force_layout, lane_layout, lambda a: layered_layout(a, CYTOKINE_LAYERS)])
def test_one_float32_row_per_node(synth, layout):
    pos = layout(synth)
    assert list(pos.columns) == ["id", "x", "y"]
    assert pos["x"].dtype == np.float32 and pos["y"].dtype == np.float32
    assert pos["id"].tolist() == synth.nodes["id"].tolist()
    assert pos[["x", "y"]].notna().all().all()


def test_force_layout_is_deterministic_for_a_seed(synth):
    a, b, other = force_layout(synth, seed=7), force_layout(synth, seed=7), force_layout(synth, seed=8)
    pd.testing.assert_frame_equal(a, b)
    assert not np.allclose(a[["x", "y"]], other[["x", "y"]])


def test_force_layout_is_normalised(synth):
    pos = force_layout(synth)
    assert pos[["x", "y"]].min().min() >= 0 and pos[["x", "y"]].max().max() <= 1
    assert np.isclose(max(np.ptp(pos["x"]), np.ptp(pos["y"])), 1, atol=1e-3)


@pytest.mark.parametrize("n_nodes", [60, EXACT_FR_MAX_NODES + 200])
def test_force_layout_honours_pinned_positions(n_nodes):
    atlas = Atlas.from_frames(**synthetic_frames(n_nodes, n_nodes * 3, seed=1))
    pos = force_layout(_pinned(atlas, {0: (0.1, 0.9), 1: (0.8, 0.2)})).set_index("id")
    ids = atlas.nodes["id"]
    assert pos.loc[ids[0], ["x", "y"]].tolist() == pytest.approx([0.1, 0.9], abs=1e-6)
    assert pos.loc[ids[1], ["x", "y"]].tolist() == pytest.approx([0.8, 0.2], abs=1e-6)
    assert pos[["x", "y"]].min().min() >= 0 and pos[["x", "y"]].max().max() <= 1


def test_pinned_positions_outside_unit_square_are_rescaled(synth):
    pos = force_layout(_pinned(synth, {0: (0.0, 0.0), 1: (800.0, 400.0)})).set_index("id")
    ids = synth.nodes["id"]
    assert pos.loc[ids[0], ["x", "y"]].tolist() == pytest.approx([0, 0], abs=1e-6)
    assert pos.loc[ids[1], ["x", "y"]].tolist() == pytest.approx([1, 0.5], abs=1e-6)


def test_isolated_nodes_sit_in_a_row_at_the_bottom():
    atlas = _tiny([("a", "cell", ""), ("b", "cell", ""), ("c", "cell", ""), ("lonely", "cell", "")], [("a", "b"), ("b", "c")])
    pos = force_layout(atlas).set_index("id")
    assert pos.at["lonely", "y"] < 0.1 < pos.loc[["a", "b", "c"], "y"].min()


def test_empty_atlas_gives_empty_frame(synth):
    empty = replace(synth, nodes=synth.nodes.iloc[0:0], edges=synth.edges.iloc[0:0])
    for layout in (force_layout, lane_layout):
        assert list(layout(empty).columns) == ["id", "x", "y"] and layout(empty).empty


def test_lanes_cover_every_compartment_once_in_gut_to_brain_order():
    members = [c for lane in LANES for c in lane.members if c]
    assert sorted(members) == sorted(schema.COMPARTMENTS)
    assert [lane.x for lane in LANES] == sorted(lane.x for lane in LANES)
    assert LANES[0].members == ("gut_lumen",) and LANES[-1].members == ("brain",)


def test_lane_layout_orders_nodes_by_compartment(synth):
    pos = lane_layout(synth).merge(synth.nodes[["id", "compartment"]])
    lane_of = {c: i for i, lane in enumerate(LANES) for c in lane.members}
    pos["lane"] = pos["compartment"].map(lane_of)
    by_lane = pos.groupby("lane")["x"].agg(["min", "max"])
    assert (by_lane["max"].to_numpy()[:-1] < by_lane["min"].to_numpy()[1:]).all()


def test_missing_compartment_joins_the_body_lane():
    atlas = _tiny([("gut", "microbe", "gut_lumen"), ("blood", "cytokine", "circulation"), ("nowhere", "cell", "")], [("gut", "nowhere")])
    pos = lane_layout(atlas).set_index("id")
    assert pos.at["nowhere", "x"] == pytest.approx(pos.at["blood", "x"], abs=0.05)


def test_barycentre_ordering_uncrosses_two_columns():
    atlas = _tiny(
        [("a", "condition", ""), ("b", "condition", ""), ("c", "process", ""), ("d", "process", "")],
        [("a", "d"), ("b", "c")],
    )
    pos = bipartite_layout(atlas, ["a", "b"], ["c", "d"]).set_index("id")
    assert pos.loc[["a", "b", "c", "d"], "x"].tolist() == [0, 0, 1, 1]
    left_first = pos.at["a", "y"] > pos.at["b", "y"]
    assert (pos.at["d", "y"] > pos.at["c", "y"]) == left_first


def test_layered_layout_follows_the_cytokine_pathway(synth):
    pos = layered_layout(synth, CYTOKINE_LAYERS).merge(synth.nodes[["id", "type"]])
    mean_x = pos.groupby("type")["x"].mean()
    assert mean_x["cytokine"] < mean_x["receptor"] < mean_x["signaling"] < mean_x["cell"] < mean_x["condition"]


def test_types_missing_from_layers_go_to_an_other_column(synth):
    columns = layer_columns({"cytokine": 0, "receptor": 1})
    assert columns[-1].name == "Other" and "condition" in columns[-1].members
    pos = layered_layout(synth, {"cytokine": 0, "receptor": 1}).merge(synth.nodes[["id", "type"]])
    assert pos.loc[pos["type"] == "condition", "x"].min() > pos.loc[pos["type"] == "receptor", "x"].max()


def test_layered_layout_needs_layers(synth):
    with pytest.raises(ValueError, match="layers is empty"):
        layered_layout(synth, {})
