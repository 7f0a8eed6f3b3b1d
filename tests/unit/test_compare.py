"""Comparing two conditions: categories, shared entities, evidence, two-hop cytokines, figures."""

from __future__ import annotations

from pathlib import Path

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
