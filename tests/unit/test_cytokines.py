"""Pro- vs anti-inflammatory classification and the layered cytokine pathway figure."""

from __future__ import annotations

import pandas as pd
import pytest

from neuroimmune import Atlas
from neuroimmune.cytokines import (
    ANTI_INFLAMMATORY,
    INFLAMMATORY_CLASSES,
    build_cytokine_pathway_figure,
    classify_cytokines,
    cytokine_pathways,
)


def _atlas(nodes, edges) -> Atlas:
    n = pd.DataFrame(nodes, columns=["id", "label", "type"])
    e = pd.DataFrame(edges, columns=["source", "target", "relation"]).assign(
        topics="cytokine", evidence="supported", study_type="review", species="human", references="s1"
    )
    s = pd.DataFrame([{"id": "s1", "citation": "Doe J et al. (2020). T. J.", "year": "2020", "doi": "10.1/x"}])
    return Atlas.from_frames(n, e, s)


@pytest.fixture
def pathway() -> Atlas:
    nodes = [
        ("HGNC:5992", "IL-1β", "cytokine"), ("HGNC:5962", "IL-10", "cytokine"), ("c:x", "IL-99", "cytokine"),
        ("c:y", "IL-98", "cytokine"), ("c:z", "IL-97", "cytokine"), ("c:w", "IL-96", "cytokine"), ("r", "IL-1R1", "receptor"), ("s", "NF-κB", "signaling"),
        ("p", "Neuroinflammation", "process"), ("m", "Sickness behaviour", "symptom"), ("d", "Depression", "condition"),
    ]  # fmt: skip
    edges = [
        ("HGNC:5992", "r", "binds"), ("r", "s", "signals_through"), ("s", "p", "activates"), ("p", "m", "causes"),
        ("m", "d", "associated_with"), ("HGNC:5962", "HGNC:5992", "decreases"), ("c:x", "p", "inhibits"),
        ("c:y", "p", "increases"), ("c:z", "d", "associated_with"), ("d", "r", "associated_with"),
    ]  # fmt: skip
    return _atlas(nodes, edges)


def test_textbook_lists_and_data_rule(pathway):
    classes = classify_cytokines(pathway).set_index("label")
    assert classes.at["IL-10", "inflammatory"] == "anti" and classes.at["IL-10", "basis"] == "textbook list"
    assert classes.at["IL-1β", "inflammatory"] == "pro"
    assert classes.at["IL-99", "inflammatory"] == "anti" and "net -1" in classes.at["IL-99", "basis"]
    assert classes.at["IL-98", "inflammatory"] == "pro"
    assert classes.at["IL-97", "inflammatory"] == "unclassified"  # an association decides nothing


def test_shipped_standard_anti_inflammatory_cytokines(shipped_atlas):
    classes = classify_cytokines(shipped_atlas).set_index("id")
    for hgnc in ANTI_INFLAMMATORY:
        assert classes.at[hgnc, "inflammatory"] == "anti"
    assert classes.at["HGNC:5992", "inflammatory"] == "pro" and classes.at["HGNC:11892", "inflammatory"] == "pro"


def test_pathways_run_left_to_right(pathway):
    sub = cytokine_pathways(pathway, ["HGNC:5992"])
    pairs = set(zip(sub.edges["source"], sub.edges["target"]))
    assert pairs == {("HGNC:5992", "r"), ("r", "s"), ("s", "p"), ("p", "m")}  # depth 4, no backward d → r


def test_pathway_keeps_cytokine_onto_cytokine_edges_of_the_pick(pathway):
    pairs = set(zip(*cytokine_pathways(pathway, ["HGNC:5962"]).edges[["source", "target"]].T.values))
    assert ("HGNC:5962", "HGNC:5992") in pairs and ("HGNC:5992", "r") not in pairs  # drawn, not followed


def test_lonely_cytokine_is_still_drawn(pathway):
    sub = cytokine_pathways(pathway, ["c:w"])
    assert list(sub.nodes["id"]) == ["c:w"] and sub.edges.empty
    assert set(cytokine_pathways(pathway, ["c:z"]).nodes["id"]) == {"c:z", "d"}  # straight to a condition


def test_figure_styles_classes_by_colour_and_shape(pathway):
    fig, drawn, total = build_cytokine_pathway_figure(pathway, ["HGNC:5992", "HGNC:5962"])
    by_name = {t.name: t for t in fig.data}
    pro, anti = INFLAMMATORY_CLASSES["pro"], INFLAMMATORY_CLASSES["anti"]
    assert by_name[pro[0]].marker.symbol == pro[2] and by_name[pro[0]].marker.color == pro[1]
    assert by_name[anti[0]].marker.symbol == anti[2] and by_name[anti[0]].marker.color == anti[1]
    assert pro[1] != anti[1] and pro[2] != anti[2]
    assert list(by_name[anti[0]].customdata) == ["HGNC:5962"]
    assert "cytokine" not in by_name and fig.layout.showlegend
    assert total == len(drawn.nodes)


def test_figure_caps_nodes(shipped_atlas):
    view = shipped_atlas.filter(view="cytokine")
    picked = view.nodes.loc[view.nodes["type"] == "cytokine", "id"].tolist()
    fig, drawn, total = build_cytokine_pathway_figure(view, picked, max_nodes=40)
    assert len(drawn.nodes) == 40 < total and "showing 40 of" in fig.layout.title.text
