"""Story-sized pictures: what each view draws by default, how it grows, and that it stays legible."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from neuroimmune import Atlas
from neuroimmune.cli import main
from neuroimmune.defaults import default_picture, story_plan
from neuroimmune.figures.crossings import count_crossings, crossings_per_edge
from neuroimmune.label_layout import NORMAL_CANVAS, layered_label_layout, legible_edges, text_width, wrap_label
from neuroimmune.lessons import build_lesson_figure, lesson_layout, list_lessons
from neuroimmune.story import (
    EXPAND_MAX,
    STORY_MAX,
    StoryState,
    best_neighbours,
    best_routes,
    column_of,
    grow_story,
)
from neuroimmune.views import build_story_view, story_layout
from tests.conftest import ROOT

VIEWS = ["gut_brain", "cytokine", "condition_map", "explorer"]
#: Crossings per drawn relation: every page's default view, every lesson step (issue 13).
VIEW_TARGET, LESSON_TARGET = 2.0, 1.0


def _node_texts(fig) -> dict[str, str]:
    return {c: t for tr in fig.data if tr.legendgroup == "nodes" and tr.customdata is not None
            for c, t in zip(tr.customdata, tr.text if tr.text is not None else [""] * len(tr.customdata))}  # fmt: skip


def _boxes(positions: pd.DataFrame) -> list[tuple[float, float, float, float]]:
    p = positions
    return list(zip(p["px"] - p["w"] / 2, p["py"] - p["top"], p["px"] + p["w"] / 2, p["py"] + p["bottom"]))


def _overlapping(boxes) -> list[tuple[int, int]]:
    return [(i, j) for i, a in enumerate(boxes) for j, b in enumerate(boxes[i + 1 :], i + 1)
            if min(a[2], b[2]) - max(a[0], b[0]) > 0.5 and min(a[3], b[3]) - max(a[1], b[1]) > 0.5]  # fmt: skip


# ---------------------------------------------------------------------------------------------
# choosing what to draw
@pytest.mark.parametrize("view", VIEWS)
def test_each_view_opens_on_a_story_of_at_most_40(shipped_atlas, view):
    plan = story_plan(shipped_atlas, view)
    assert 5 <= len(plan.base) <= STORY_MAX
    assert set(plan.base) <= set(plan.sub.labels)
    assert len(plan.base) < len(plan.sub.nodes), "the story is a part of the view"


def test_gut_brain_story_runs_from_the_lumen_to_the_brain(shipped_atlas):
    plan = story_plan(shipped_atlas, "gut_brain")
    lanes = {column_of(plan.sub, "gut_brain")[i] for i in plan.base}
    assert 0 in lanes and 5 in lanes


def test_cytokine_story_starts_at_the_chosen_cytokines(shipped_atlas):
    plan = story_plan(shipped_atlas, "cytokine", cytokines=["HGNC:6018"])
    assert plan.base[0] == "HGNC:6018"  # IL-6, then its cascade: receptor, signalling, effects
    assert {column_of(plan.sub, "cytokine")[i] for i in plan.base} >= {0, 1, 2, 3}


def test_condition_story_is_one_group(shipped_atlas):
    plan = story_plan(shipped_atlas, "condition_map", groups=["psychiatric"])
    conditions = [i for i in plan.base if shipped_atlas.node(i)["type"] == "condition"]
    assert conditions and all("psychiatric" in shipped_atlas.node(i)["condition_group"] for i in conditions)


def test_explorer_story_is_the_best_evidence_neighbours(shipped_atlas):
    plan = story_plan(shipped_atlas, "explorer", entity="HGNC:5992")
    assert plan.base[0] == "HGNC:5992" and len(plan.base) == 1 + EXPAND_MAX
    assert plan.base[1:] == best_neighbours(plan.sub, "HGNC:5992", EXPAND_MAX)


def test_best_routes_prefer_strong_long_routes():
    nodes = pd.DataFrame({"id": list("abcde"), "label": list("ABCDE"), "type": "process"})
    edges = pd.DataFrame({"source": ["a", "b", "c", "a", "a"], "target": ["b", "c", "d", "d", "e"], "relation": "increases",
                          "evidence": ["established", "supported", "established", "established", "contested"], "references": "r"})  # fmt: skip
    atlas = Atlas.from_frames(nodes, edges, pd.DataFrame({"id": ["r"], "citation": ["R"]}))
    level = {"a": 0, "b": 1, "c": 2, "d": 3, "e": 3}
    assert best_routes(atlas, level, ["a"], ["d", "e"], max_routes=1) == ["a", "b", "c", "d"]  # longer beats direct
    assert "e" not in best_routes(atlas, level, ["a"], ["d", "e"], max_routes=2)[:4]


def test_expand_adds_best_neighbours_and_a_column_adds_all_of_it(shipped_atlas):
    plan = story_plan(shipped_atlas, "gut_brain")
    node = plan.base[0]
    ids, steps = grow_story(plan.sub, plan.base, StoryState(expanded=(node,)))
    added = [i for i in ids if i not in plan.base]
    assert 0 < len(added) <= EXPAND_MAX and steps == [(node, added)]
    assert set(added) <= set(best_neighbours(plan.sub, node, 50))
    columns = column_of(plan.sub, "gut_brain")
    ids, _ = grow_story(plan.sub, plan.base, StoryState(columns=(0,)), columns)
    assert {i for i, c in columns.items() if c == 0} <= set(ids)


def test_expanding_moves_nothing_already_drawn(shipped_atlas):
    plan = story_plan(shipped_atlas, "cytokine")
    base = story_layout(plan.sub, "cytokine", plan.base).positions.set_index("id")
    _, steps = grow_story(plan.sub, plan.base, StoryState(expanded=(plan.base[3],)))
    grown = story_layout(plan.sub, "cytokine", plan.base, steps)
    after = grown.positions.set_index("id")
    assert len(after) > len(base)
    assert np.allclose(after.loc[base.index, ["px", "py"]], base[["px", "py"]])
    assert not _overlapping(_boxes(grown.positions))


# ---------------------------------------------------------------------------------------------
# labels
def test_wrap_never_cuts_a_name():
    for name in ["Clostridium (clusters IV and XIVa)", "Neuromyelitis optica spectrum disorder", "IL-1β", "A" * 40]:
        lines = wrap_label(name, 110, 14)
        assert " ".join(lines) == name and len(lines) <= 2
    assert text_width("WWW", 14) > text_width("iii", 14)


def test_layout_boxes_hold_their_labels_without_overlap():
    labels = ["Short", "A much longer entity name here", "Mid length name", "X", "Another fairly long label"] * 3
    n = len(labels)
    src, dst = np.arange(n - 1), np.arange(1, n)
    pos, height = layered_label_layout([f"n{i}" for i in range(n)], labels, src, dst, NORMAL_CANVAS, column=np.arange(n) % 3)
    assert not _overlapping(_boxes(pos))
    assert (pos["px"] - pos["w"] / 2 >= 0).all() and (pos["px"] + pos["w"] / 2 <= NORMAL_CANVAS.width).all()
    assert ((pos["py"] - pos["top"]) >= 0).all() and ((pos["py"] + pos["bottom"]) <= height).all()


@pytest.mark.parametrize("view", VIEWS)
def test_default_view_labels_every_entity_in_full(shipped_atlas, view):
    fig, drawn, _ = default_picture(shipped_atlas, view)
    texts = _node_texts(fig)
    assert set(texts) == set(drawn.nodes["id"]) and all(texts.values())
    for node, text in texts.items():
        plain = text.replace("<b>", "").replace("</b>", "").replace("<br>", " ")
        assert "…" not in plain and plain.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">") == shipped_atlas.label(node)


# ---------------------------------------------------------------------------------------------
# crossings
def test_count_crossings():
    assert count_crossings(np.array([[0, 0, 1, 1], [0, 1, 1, 0]])) == 1
    assert count_crossings(np.array([[0, 0, 1, 1], [1, 1, 2, 0]])) == 0  # sharing an end is no crossing
    xy = np.array([[0, 0], [1, 1], [0, 1], [1, 0]], dtype=float)
    keep = legible_edges(xy, np.array([0, 2]), np.array([1, 3]), np.array([0, 1]), per_edge=0.0, hard=0.0)
    assert keep.tolist() == [True, False]


@pytest.mark.parametrize("view", VIEWS)
def test_default_view_crossings_per_edge(shipped_atlas, view):
    per_edge, _, edges = crossings_per_edge(default_picture(shipped_atlas, view).figure)
    assert edges > 0 and per_edge <= VIEW_TARGET


def test_every_lesson_step_crossings_per_edge(shipped_atlas):
    worst = {}
    for presenter in (False, True):
        for info in list_lessons(shipped_atlas):
            layout = lesson_layout(shipped_atlas, info.key, presenter=presenter)
            for n in range(1, info.n_steps + 1):
                fig = build_lesson_figure(shipped_atlas, info.key, n, presenter=presenter, layout=layout)
                worst[(info.key, n, presenter)] = crossings_per_edge(fig)[0]
                assert all(_node_texts(fig).values()), (info.key, n)
    assert max(worst.values()) <= LESSON_TARGET, {k: v for k, v in worst.items() if v > LESSON_TARGET}


# ---------------------------------------------------------------------------------------------
# exports and escaping
def test_export_view_draws_the_page_default(tmp_path, shipped_atlas):
    out = tmp_path / "gut.json"
    assert main(["export", "--data", str(ROOT / "data"), "--view", "gut_brain", "--out", str(out)]) == 0
    assert json.loads(out.read_text())["data"] == json.loads(default_picture(shipped_atlas, "gut_brain").figure.to_json())["data"]
    everything = tmp_path / "all.json"
    assert main(["export", "--data", str(ROOT / "data"), "--view", "gut_brain", "--everything", "--out", str(everything)]) == 0
    assert len(everything.read_text()) > len(out.read_text())


def test_quotes_show_literally_in_plotly_text():
    nodes = pd.DataFrame({"id": ["a", "b"], "label": ['The "leaky" gut <b>', "IL-6 & co"], "type": ["process", "cytokine"]})
    edges = pd.DataFrame({"source": ["b"], "target": ["a"], "relation": "increases", "evidence": "established", "references": "r"})
    atlas = Atlas.from_frames(nodes, edges, pd.DataFrame({"id": ["r"], "citation": ["R"]}))
    layout = story_layout(atlas, "explorer", ["a", "b"])
    texts = _node_texts(build_story_view(atlas, "explorer", ["a", "b"], layout, title="t").figure)
    assert texts["a"].replace("<br>", " ") == 'The "leaky" gut &lt;b&gt;' and "&quot;" not in texts["a"]
    assert texts["b"] == "IL-6 &amp; co"
