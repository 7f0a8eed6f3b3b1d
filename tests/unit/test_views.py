"""One call per view: filter, layout, cap and figure."""

from __future__ import annotations

import numpy as np
import pytest

from neuroimmune import Atlas, Filters
from neuroimmune.figures.network import FIGURE_OFFSET, MAX_TRACES
from neuroimmune.layout import LANES
from neuroimmune.synthetic import synthetic_frames
from neuroimmune.views import VIEW_SPECS, build_view_figure, layout_for_view, view_nodes_capped


@pytest.fixture(scope="module")
def synth() -> Atlas:
    return Atlas.from_frames(**synthetic_frames(300, 1200, seed=5))


def _drawn_ids(fig) -> set[str]:
    return {i for t in fig.data if t.customdata is not None for i in t.customdata if isinstance(i, str)}


@pytest.mark.parametrize("view", list(VIEW_SPECS))
def test_every_view_builds_a_bounded_figure(synth, view):
    focus = [synth.nodes["id"].iat[0]]
    fig = build_view_figure(synth, view, focus=focus)
    assert 0 < len(fig.data) <= MAX_TRACES
    assert focus[0] in _drawn_ids(fig)
    assert _drawn_ids(fig) <= set(synth.filter(view=view).nodes["id"])


def test_gut_brain_view_has_lane_headers(synth):
    fig = build_view_figure(synth, "gut_brain")
    assert [a.text for a in fig.layout.annotations] == [f"<b>{lane.name}</b>" for lane in LANES]


def test_condition_map_puts_conditions_left(synth):
    fig = build_view_figure(synth, "condition_map")
    cond = next(t for t in fig.data if t.name == "condition")
    cell = next(t for t in fig.data if t.name == "cell")
    assert max(cond.x) < min(cell.x)


def test_filters_are_applied(synth):
    fig = build_view_figure(synth, "overview", filters=Filters(node_types=("cytokine", "receptor")))
    types = {t.name for t in fig.data if t.customdata is not None and isinstance(t.customdata[0], str)}
    assert types <= {"cytokine", "receptor"}


def test_cap_draws_top_nodes_and_says_so(synth):
    fig = build_view_figure(synth, "overview", max_nodes=50)
    assert len(_drawn_ids(fig)) == 50
    assert "50 best-connected of 300" in fig.layout.title.text


def test_cap_keeps_focus():
    atlas = Atlas.from_frames(**synthetic_frames(100, 300, seed=1))
    leaf = atlas.nodes["id"].iat[-1]
    sub, total = view_nodes_capped(atlas, 10, keep=[leaf])
    assert total == 100 and len(sub.nodes) == 10 and leaf in set(sub.nodes["id"])


def test_cached_positions_are_used(synth):
    positions = layout_for_view(synth, "overview")
    positions["x"] = np.float32(0.25)  # a recognisable, deliberately odd layout
    fig = build_view_figure(synth, "overview", positions=positions)
    node_x = {float(x) for t in fig.data if t.customdata is not None and isinstance(t.customdata[0], str) for x in t.x}
    assert len(node_x) == 1 and node_x.pop() == pytest.approx(0.25 + FIGURE_OFFSET)


def test_explorer_draws_the_neighbourhood(synth):
    hub = synth.nodes["id"].iat[0]
    fig = build_view_figure(synth, "explorer", focus=[hub], k=1)
    assert _drawn_ids(fig) == set(synth.neighbours(hub, 1).nodes["id"])
    assert synth.label(hub) in fig.layout.title.text


def test_explorer_without_focus_explains(synth):
    fig = build_view_figure(synth, "explorer")
    assert len(fig.data) == 0 and "Pick an entity" in fig.layout.annotations[0].text


def test_unknown_view_is_refused(synth):
    with pytest.raises(ValueError, match="unknown view 'nope'"):
        build_view_figure(synth, "nope")
