"""Comparing two conditions: categories, shared entities, evidence, two-hop cytokines, figures."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from neuroimmune import Atlas
from neuroimmune.compare import CATEGORIES, build_compare_figures, category_counts, compare_conditions, compare_positions

A, B = "NIA:condition_a", "NIA:condition_b"
INFLAM, IL6, FATIGUE, DRUG, CRP, MICROBE, EVIL = (
    "NIA:neuroinflammation", "HGNC:6018", "NIA:fatigue", "NIA:drug_b", "HGNC:2367", "NIA:microbe_b", "NIA:evil_label",
)  # fmt: skip


def compare_frames() -> dict[str, pd.DataFrame]:
    """Two conditions sharing one mechanism (and, through it, a cytokine); each has its own extras."""
    nodes = pd.DataFrame(
        {"id": [A, B, INFLAM, IL6, FATIGUE, DRUG, CRP, MICROBE, EVIL],
         "label": ["Condition A", "Condition B", "Neuroinflammation", "IL-6", "Fatigue", "Drug B", "C-reactive protein", "Microbe B", "<b>Evil</b> <a href='x'>"],
         "type": ["condition", "condition", "process", "cytokine", "symptom", "treatment", "protein", "microbe", "symptom"]}
    )  # fmt: skip
    rows = [
        (INFLAM, A, "associated_with", "supported"), (INFLAM, B, "associated_with", "emerging"),
        (IL6, INFLAM, "increases", "established"), (A, FATIGUE, "causes", "established"),
        (DRUG, B, "treats", "supported"), (CRP, A, "biomarker_of", "supported"),
        (MICROBE, B, "associated_with", "contested"), (B, EVIL, "causes", "emerging"),
    ]  # fmt: skip
    edges = pd.DataFrame(rows, columns=["source", "target", "relation", "evidence"]).assign(
        topics="condition_mechanism", study_type="review", species="human", references="src2020", note=""
    )
    sources = pd.DataFrame({"id": ["src2020"], "citation": ["Doe J et al. (2020). A review. J."], "year": ["2020"], "doi": ["10.1000/xyz"]})
    return {"nodes": nodes, "edges": edges, "sources": sources}


def write_compare_atlas(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in compare_frames().items():
        frame.to_csv(folder / f"{name}.csv", index=False)
    return folder


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    f = compare_frames()
    return Atlas.from_frames(f["nodes"], f["edges"], f["sources"])


@pytest.fixture(scope="module")
def result(atlas) -> pd.DataFrame:
    return compare_conditions(atlas, A, B)


def test_columns_and_conditions_left_out(result):
    assert list(result.columns[:10]) == ["category", "id", "label", "type", "in_a", "in_b", "shared", "evidence_a", "evidence_b", "hops_a"]
    assert A not in set(result["id"]) and B not in set(result["id"])


def test_shared_mechanism_and_two_hop_cytokine(result):
    shared = result[result["shared"]].set_index("id")
    assert set(shared.index) == {INFLAM, IL6}
    assert shared.at[INFLAM, "category"] == "mechanisms" and shared.at[IL6, "category"] == "cytokines"
    assert (shared.at[IL6, "hops_a"], shared.at[IL6, "hops_b"]) == (2, 2)


def test_evidence_per_side(result):
    r = result.set_index("id")
    assert (r.at[INFLAM, "evidence_a"], r.at[INFLAM, "evidence_b"]) == ("supported", "emerging")
    # two hops: the weaker of (IL-6 → inflammation: established) and (inflammation → condition)
    assert (r.at[IL6, "evidence_a"], r.at[IL6, "evidence_b"]) == ("supported", "emerging")
    assert r.at[FATIGUE, "evidence_b"] == ""


def test_categories(result):
    cat = result.set_index("id")["category"].to_dict()
    assert cat == {
        INFLAM: "mechanisms",
        IL6: "cytokines",
        FATIGUE: "symptoms",
        EVIL: "symptoms",
        DRUG: "treatments",
        CRP: "biomarkers",
        MICROBE: "microbes/metabolites",
    }
    order = [CATEGORIES.index(c) for c in result["category"]]
    assert order == sorted(order)


def test_unique_sides(result):
    r = result.set_index("id")
    assert r.at[FATIGUE, "in_a"] and not r.at[FATIGUE, "in_b"]
    assert r.at[DRUG, "in_b"] and not r.at[DRUG, "in_a"]


def test_category_counts(result):
    counts = category_counts(result)
    assert counts.loc["mechanisms"].tolist() == [0, 1, 0]
    assert counts.loc["symptoms"].tolist() == [1, 0, 1]
    assert counts.loc["treatments"].tolist() == [0, 0, 1]


def test_same_or_unknown_condition_rejected(atlas):
    with pytest.raises(ValueError, match="two different"):
        compare_conditions(atlas, A, A)
    with pytest.raises(KeyError, match="unknown condition"):
        compare_conditions(atlas, A, "NIA:nope")


def test_positions_in_columns(result):
    pos = compare_positions(A, B, result).set_index("id")
    assert pos.at[A, "x"] < pos.at[FATIGUE, "x"] < pos.at[INFLAM, "x"] < pos.at[DRUG, "x"] < pos.at[B, "x"]
    assert pos["x"].between(0, 1).all() and pos["y"].between(0, 1).all()


def _node_outlines(fig) -> dict[str, float]:
    out = {}
    for t in fig.data:
        if t.customdata is not None and len(t.customdata) and isinstance(t.customdata[0], str) and t.marker.line.width is not None:
            widths = t.marker.line.width
            widths = widths if hasattr(widths, "__len__") else [widths] * len(t.customdata)
            out.update(zip(t.customdata, widths, strict=True))
    return out


def test_network_figure_highlights_shared(atlas, result):
    net, _ = build_compare_figures(atlas, A, B, result)
    outline = _node_outlines(net)
    assert set(outline) == {A, B, *result["id"]}
    assert min(outline[n] for n in (A, B, INFLAM, IL6)) > max(outline[n] for n in (FATIGUE, DRUG, CRP))
    assert "2 shared entities" in net.layout.title.text


def test_network_figure_takes_overlay(atlas, result):
    values = pd.Series({INFLAM: 1.0, FATIGUE: -2.0})
    net, _ = build_compare_figures(atlas, A, B, result, overlay=values, overlay_label="my <i>scores</i>")
    assert net.layout.coloraxis.colorbar.title.text == "my &lt;i&gt;scores&lt;/i&gt;"


def test_simple_network_without_shared_builder(atlas, result, monkeypatch):
    import neuroimmune.compare as compare

    monkeypatch.setattr(compare, "_network_builder", lambda: None)
    net, _ = build_compare_figures(atlas, A, B, result)
    by_name = {t.name: t for t in net.data}
    assert set(by_name["shared"].customdata) == {INFLAM, IL6} and set(by_name["conditions"].customdata) == {A, B}
    assert by_name["relations of shared entities"].line.color != by_name["relations"].line.color
    texts = [str(v) for t in net.data for v in (*(t.text or ()), *(t.hovertext or ()))]
    assert any("&lt;b&gt;Evil" in s for s in texts) and not any("<b>Evil" in s for s in texts)


def test_bar_chart_diverges(atlas, result):
    _, bars = build_compare_figures(atlas, A, B, result)
    by_name = {t.name: t for t in bars.data if t.showlegend is not False}
    only_a, only_b = by_name["only Condition A"], by_name["only Condition B"]
    assert all(x <= 0 for x in only_a.x) and all(x >= 0 for x in only_b.x)
    y = list(only_a.y)
    assert dict(zip(y, only_b.x, strict=False))["symptoms"] == 1 and dict(zip(y, only_a.x, strict=False))["symptoms"] == -1
    shared_halves = [t for t in bars.data if t.name == "shared"]
    assert len(shared_halves) == 2 and dict(zip(y, shared_halves[1].x, strict=False))["mechanisms"] == 0.5


def test_data_text_escaped_in_figures(atlas, result):
    net, bars = build_compare_figures(atlas, A, B, result)
    texts = [str(v) for t in net.data for v in (t.text or ())] + [str(v) for t in net.data for v in (t.hovertext or ())]
    assert any("&lt;b&gt;Evil&lt;/b&gt;" in s for s in texts)
    assert not any("<b>Evil" in s or "<a href" in s for s in texts)


def test_big_comparison_draws_a_capped_network(tmp_path):
    """Regression: on a 100k-edge atlas one column held ~2,000 entities and the network figure was
    112,000 px tall (36 s to paint, WebGL errors). The network now draws the best-connected few per
    column; the title still counts every shared entity and the bars count everything."""
    from neuroimmune import load_atlas
    from neuroimmune.compare import drawn_compare_rows
    from neuroimmune.synthetic import write_synthetic

    atlas = load_atlas(write_synthetic(tmp_path / "syn", 1500, 12_000, seed=3))
    conditions = atlas.nodes.loc[atlas.nodes["type"] == "condition", "id"].tolist()
    a, b = max(conditions[:20], key=lambda c: atlas.degree.get(c, 0)), conditions[-1]
    result = compare_conditions(atlas, a, b)
    drawn = drawn_compare_rows(atlas, result, 10)
    assert len(result) > 30 and len(drawn) <= 30
    columns = [drawn["shared"], drawn["in_a"] & ~drawn["in_b"], drawn["in_b"] & ~drawn["in_a"]]
    assert all(int(c.sum()) <= 10 for c in columns)
    assert drawn_compare_rows(atlas, result, None) is result
    network, bars = build_compare_figures(atlas, a, b, result, max_per_column=10)
    assert network.layout.height <= 2_000
    assert f"{int(result['shared'].sum()):,} shared entities" in network.layout.title.text
    assert "best-connected" in network.layout.title.text
    assert sum(abs(x) for t in bars.data[2:] for x in t.x) == int((result["in_a"] ^ result["in_b"]).sum())


# ---------------------------------------------------------------------------------------------
# the compare story: the page's default picture
from neuroimmune.compare import (  # noqa: E402
    COND_A,
    COND_B,
    DEFAULT_PAIR,
    ONLY_A,
    ONLY_B,
    SHARED,
    STORY_COLUMNS,
    STORY_MAX,
    STORY_ONLY,
    STORY_SHARED,
    build_compare_story,
    compare_story,
    compare_story_layout,
    default_compare_picture,
    default_pair,
    grow_compare_story,
    story_columns,
)
from neuroimmune.figures.crossings import crossings_per_edge  # noqa: E402
from neuroimmune.label_layout import NORMAL_CANVAS, PRESENTER_CANVAS  # noqa: E402
from neuroimmune.story import StoryState  # noqa: E402

#: Pairs of the shipped atlas with many, few and no shared entities (and long names).
SHIPPED_PAIRS = [
    DEFAULT_PAIR,
    ("MESH:D004673", "MESH:D000544"),  # acute disseminated encephalomyelitis vs Alzheimer's: nothing shared
    ("MESH:D003865", "MESH:D001008"),  # depression vs anxiety: 13 shared, 2 only anxiety
    ("MESH:D009103", "MESH:D009471"),  # multiple sclerosis vs neuromyelitis optica
    ("MESH:D003865", "MESH:D000544"),  # depression vs Alzheimer's
]


def _column_of(result: pd.DataFrame) -> dict[str, int]:
    return dict(zip(result["id"], story_columns(result)))


@pytest.mark.parametrize(("a", "b"), SHIPPED_PAIRS)
def test_story_is_capped_and_keeps_each_entity_in_its_column(shipped_atlas, a, b):
    result = compare_conditions(shipped_atlas, a, b)
    ids = compare_story(shipped_atlas, a, b, result)
    assert ids[:2] == [a, b] and len(ids) == len(set(ids)) and len(ids) <= STORY_MAX
    column = _column_of(result)
    per = {c: [i for i in ids[2:] if column[i] == c] for c in (ONLY_A, SHARED, ONLY_B)}
    assert len(per[SHARED]) <= STORY_SHARED and len(per[ONLY_A]) <= STORY_ONLY and len(per[ONLY_B]) <= STORY_ONLY
    assert ids[2:] == [*per[SHARED], *per[ONLY_A], *per[ONLY_B]], "shared first, then only A, then only B"
    r = result.set_index("id")
    assert all(r.at[i, "shared"] for i in per[SHARED]) and all(r.at[i, "in_a"] and not r.at[i, "in_b"] for i in per[ONLY_A])
    assert all(r.at[i, "in_b"] and not r.at[i, "in_a"] for i in per[ONLY_B])


@pytest.mark.parametrize(("a", "b"), SHIPPED_PAIRS)
def test_story_takes_direct_links_before_two_hop_ones(shipped_atlas, a, b):
    result = compare_conditions(shipped_atlas, a, b)
    ids = compare_story(shipped_atlas, a, b, result)
    r = result.set_index("id")
    far = np.maximum(r["hops_a"], r["hops_b"])
    column = _column_of(result)
    for c, cap in ((ONLY_A, STORY_ONLY), (SHARED, STORY_SHARED), (ONLY_B, STORY_ONLY)):
        chosen = [i for i in ids[2:] if column[i] == c]
        direct = [i for i in r.index if column[i] == c and far[i] == 1]
        hops = [int(far[i]) for i in chosen]
        assert hops == sorted(hops), "direct links come first"
        assert sum(h == 1 for h in hops) == min(cap, len(direct)), "no two-hop entity while a direct one is left out"


def test_story_is_deterministic(shipped_atlas):
    a, b = DEFAULT_PAIR
    result = compare_conditions(shipped_atlas, a, b)
    first = compare_story(shipped_atlas, a, b, result)
    assert compare_story(shipped_atlas, a, b, result) == first
    assert compare_story(shipped_atlas, a, b, result.sample(frac=1, random_state=3)) == first, "row order does not matter"
    assert compare_story(shipped_atlas, a, b) == first
    lay1 = compare_story_layout(shipped_atlas, a, b, result, first)
    lay2 = compare_story_layout(shipped_atlas, a, b, result, first)
    pd.testing.assert_frame_equal(lay1.positions, lay2.positions)


def test_story_ranks_by_evidence_within_a_column(atlas, result):
    # only A: fatigue (established) before the CRP biomarker (supported); only B: the drug (supported),
    # then the evil symptom (emerging), then the microbe (contested)
    assert compare_story(atlas, A, B, result, max_only=1) == [A, B, INFLAM, IL6, FATIGUE, DRUG]
    assert compare_story(atlas, A, B, result, max_only=3)[-3:] == [DRUG, EVIL, MICROBE]
    with pytest.raises(ValueError, match="at most"):
        compare_story(atlas, A, B, result, max_shared=30, max_only=8)


def test_a_two_hop_entity_comes_only_with_the_mechanism_reaching_it(atlas, result):
    assert compare_story(atlas, A, B, result, max_shared=1)[:3] == [A, B, INFLAM], "the direct link first"
    assert IL6 in compare_story(atlas, A, B, result, max_shared=2), "IL-6 with neuroinflammation, which reaches it"
    # a shared cytokine reached only through mechanisms the story leaves out is left out too, though there is room
    f = compare_frames()
    extra = pd.DataFrame({"id": ["NIA:proc_a", "NIA:proc_b", "NIA:cyto_x"], "label": ["Process A", "Process B", "Cytokine X"],
                          "type": ["process", "process", "cytokine"]})  # fmt: skip
    rows = [("NIA:proc_a", A, "associated_with", "emerging"), ("NIA:proc_b", B, "associated_with", "established"),
            ("NIA:cyto_x", "NIA:proc_a", "increases", "established"), ("NIA:cyto_x", "NIA:proc_b", "increases", "established")]  # fmt: skip
    edges = pd.concat([f["edges"], pd.DataFrame(rows, columns=["source", "target", "relation", "evidence"]).assign(
        topics="condition_mechanism", study_type="review", species="human", references="src2020", note="")])  # fmt: skip
    big = Atlas.from_frames(pd.concat([f["nodes"], extra]), edges, f["sources"])
    res = compare_conditions(big, A, B).set_index("id")
    assert res.at["NIA:cyto_x", "shared"] and (res.at["NIA:cyto_x", "hops_a"], res.at["NIA:cyto_x", "hops_b"]) == (2, 2)
    res = res.reset_index()
    # only A: fatigue, CRP, then Process A (emerging); with two places each Process A is left out, and with it Cytokine X
    two = compare_story(big, A, B, res, max_only=2)
    assert "NIA:proc_b" in two and "NIA:proc_a" not in two and "NIA:cyto_x" not in two
    three = compare_story(big, A, B, res, max_only=3)
    assert "NIA:proc_a" in three and "NIA:cyto_x" in three


def test_default_pair():
    assert default_pair(["x", *DEFAULT_PAIR]) == DEFAULT_PAIR
    assert default_pair(["x", "y", "z"]) == ("x", "y")


def _overlapping(positions: pd.DataFrame) -> list[tuple[str, str]]:
    p = positions
    boxes = list(zip(p["id"], p["px"] - p["w"] / 2, p["py"] - p["top"], p["px"] + p["w"] / 2, p["py"] + p["bottom"]))
    return [(a[0], b[0]) for i, a in enumerate(boxes) for b in boxes[i + 1 :]
            if min(a[3], b[3]) - max(a[1], b[1]) > 0.5 and min(a[4], b[4]) - max(a[2], b[2]) > 0.5]  # fmt: skip


@pytest.mark.parametrize("presenter", [False, True])
@pytest.mark.parametrize(("a", "b"), SHIPPED_PAIRS)
def test_story_layout_has_five_columns_and_label_sized_boxes(shipped_atlas, a, b, presenter):
    result = compare_conditions(shipped_atlas, a, b)
    ids = compare_story(shipped_atlas, a, b, result)
    lay = compare_story_layout(shipped_atlas, a, b, result, ids, presenter=presenter)
    canvas = PRESENTER_CANVAS if presenter else NORMAL_CANVAS
    pos = lay.positions.set_index("id")
    assert lay.n_columns == len(STORY_COLUMNS) == 5 and set(pos.index) == set(ids)
    column = {a: COND_A, b: COND_B, **_column_of(result)}
    assert all(pos.at[i, "column"] == column[i] for i in ids)
    assert not _overlapping(lay.positions)
    assert (pos["px"] - pos["w"] / 2 >= 0).all() and (pos["px"] + pos["w"] / 2 <= canvas.width).all(), "nothing cut at the sides"
    assert (pos["py"] - pos["top"] >= 0).all() and (pos["py"] + pos["bottom"] <= lay.height + 0.5).all()
    for i in ids:  # full names, at most two lines
        text = str(pos.at[i, "text"])
        assert text.count("<br>") <= 1 and "…" not in text
        assert text.replace("<br>", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">") == shipped_atlas.label(i)


def _node_texts(fig) -> dict[str, str]:
    return {c: t for tr in fig.data if tr.legendgroup == "nodes" and tr.customdata is not None
            for c, t in zip(tr.customdata, tr.text if tr.text is not None else [""] * len(tr.customdata))}  # fmt: skip


@pytest.mark.parametrize(("a", "b"), SHIPPED_PAIRS)
def test_compare_default_view_crossings_per_edge(shipped_atlas, a, b):
    network, bars, drawn = default_compare_picture(shipped_atlas, a, b)
    per_edge, _, edges = crossings_per_edge(network)
    assert edges > 0 and per_edge <= 2.0
    texts = _node_texts(network)
    assert set(texts) == set(drawn.nodes["id"]) and all(texts.values()), "every entity labelled"
    assert 3 <= len(drawn.nodes) <= STORY_MAX and {a, b} <= set(drawn.nodes["id"])
    assert len(bars.data) == 4


def test_compare_default_picture_is_the_default_pair(shipped_atlas):
    network, _, drawn = default_compare_picture(shipped_atlas)
    assert {*DEFAULT_PAIR} <= set(drawn.nodes["id"])
    assert "Alzheimer's disease vs Parkinson's disease" in network.layout.title.text.replace("<br>", " ").replace("&#x27;", "'")
    sizes = {tr.textfont.size for tr in network.data if tr.legendgroup == "nodes"}
    assert sizes and min(sizes) >= 12
    big, _, _ = default_compare_picture(shipped_atlas, presenter=True)
    sizes = {tr.textfont.size for tr in big.data if tr.legendgroup == "nodes"}
    assert sizes and min(sizes) >= 16
    assert big.layout.meta["story_width"] == PRESENTER_CANVAS.width


def test_a_whole_column_grows_the_story_without_moving_it(shipped_atlas):
    a, b = DEFAULT_PAIR
    result = compare_conditions(shipped_atlas, a, b)
    base = compare_story(shipped_atlas, a, b, result)
    ids, steps = grow_compare_story(shipped_atlas, a, b, result, base, StoryState(columns=(ONLY_A,)))
    only_a = result.loc[result["in_a"] & ~result["in_b"], "id"]
    assert ids[: len(base)] == base and set(only_a) <= set(ids) and len(steps) == 1 and steps[0][0] == ""
    before = compare_story_layout(shipped_atlas, a, b, result, base).positions.set_index("id")
    after = compare_story_layout(shipped_atlas, a, b, result, base, steps).positions.set_index("id")
    assert set(after.index) == set(ids)
    assert np.allclose(after.loc[before.index, ["px", "py"]], before[["px", "py"]]), "nothing already drawn moves"
    assert not _overlapping(after.reset_index())
    network, _, drawn = default_compare_picture(shipped_atlas, state=StoryState(columns=(ONLY_A,)))
    assert set(only_a) <= set(drawn.nodes["id"]), "every entity of the column asked for is drawn"
    assert crossings_per_edge(network)[0] <= 2.0
    # a column of more than MAX_PER_COLUMN entities shows its best ones
    ids, _ = grow_compare_story(shipped_atlas, a, b, result, base, StoryState(columns=(ONLY_A,)), max_per_column=10)
    assert sum(1 for i in ids if i in set(only_a)) == 10


def test_story_figure_escapes_data_text(atlas, result):
    ids = compare_story(atlas, A, B, result)
    lay = compare_story_layout(atlas, A, B, result, ids)
    network, _, drawn = build_compare_story(atlas, A, B, result, ids, lay)
    texts = [str(v) for t in network.data for v in (*(t.text or ()), *(t.hovertext or ()))]
    assert any("&lt;b&gt;Evil" in s for s in texts) and not any("<b>Evil" in s or "<a href" in s for s in texts)
    assert set(drawn.nodes["id"]) == {A, B, *result["id"]}
