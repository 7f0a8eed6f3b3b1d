"""Figures tested as data: traces, customdata, escaped text, edge styles, size bounds."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from neuroimmune import Atlas, schema
from neuroimmune.figures import (
    build_compartment_sankey,
    build_condition_mechanism_heatmap,
    build_cytokine_condition_heatmap,
    build_degree_bar,
    build_network_figure,
    describe_view,
)
from neuroimmune.figures.network import FIGURE_OFFSET, LONG_EDGE_NAME, MAX_TRACES
from neuroimmune.figures.style import EDGE_FAMILIES, NODE_STYLES, theme
from neuroimmune.layout import LANES, force_layout
from neuroimmune.synthetic import synthetic_frames

EVIL = "<script>alert(1)</script>"
LINK = '<a href="https://evil.example">click</a>'


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    nodes = pd.DataFrame(
        [
            ("HGNC:5992", "IL-1β", "cytokine", "circulation", "Pro-inflammatory cytokine."),
            ("HGNC:6018", "IL-6", "cytokine", "circulation", EVIL),
            ("NIA:sickness_behaviour", "Sickness behaviour", "process", "brain", ""),
            ("MESH:D003865", "Major depressive disorder", "condition", "brain", ""),
            ("NIA:evil", EVIL, "cell", "gut_immune", LINK),
            ("NIA:link", LINK, "condition", "brain", ""),
        ],
        columns=["id", "label", "type", "compartment", "description"],
    )
    rows = [
        ("HGNC:5992", "NIA:sickness_behaviour", "causes", "established"),
        ("HGNC:6018", "MESH:D003865", "associated_with", "supported"),
        ("NIA:sickness_behaviour", "MESH:D003865", "associated_with", "emerging"),
        ("HGNC:5992", "MESH:D003865", "inhibits", "contested"),
        ("NIA:evil", "NIA:link", "increases", "established"),
        ("HGNC:6018", "NIA:link", "decreases", "supported"),
    ]
    edges = pd.DataFrame(rows, columns=["source", "target", "relation", "evidence"]).assign(
        topics="cytokine|gut_brain|condition_mechanism", study_type="review", species="human", references="s1", note=""
    )
    sources = pd.DataFrame({"id": ["s1"], "citation": ["A et al. (2020). T. J."], "year": ["2020"], "doi": ["10.1/x"]})
    return Atlas.from_frames(nodes, edges, sources)


@pytest.fixture(scope="module")
def positions(atlas) -> pd.DataFrame:
    return force_layout(atlas, seed=0)


def _node_traces(fig: go.Figure) -> list:
    return [t for t in fig.data if t.customdata is not None and len(t.customdata) and isinstance(t.customdata[0], str)]


def _arrow_trace(fig: go.Figure):
    (arrows,) = [t for t in fig.data if t.name == "relations"]
    return arrows


def _texts(fig: go.Figure) -> list[str]:
    out = []
    for t in fig.data:
        for attr in ("text", "hovertext"):
            value = getattr(t, attr, None)
            if value is not None and not isinstance(value, str):
                out += [str(v) for row in np.atleast_2d(np.array(value, dtype=object)) for v in row]
            elif value:
                out.append(value)
        out.append(str(t.name))
    out += [a.text for a in fig.layout.annotations] + [fig.layout.title.text or ""]
    return out


# ---------------------------------------------------------------------------------------------
# style
def test_every_node_type_has_its_own_shape_and_style():
    assert set(NODE_STYLES) == set(schema.NODE_TYPES)
    symbols = [s.symbol for s in NODE_STYLES.values()]
    assert len(set(symbols)) == len(symbols) == 15
    assert len({(s.colour, s.symbol) for s in NODE_STYLES.values()}) == 15
    assert not any(s.endswith(("-open", "-dot")) for s in symbols)  # filled, distinguishable shapes


def test_every_relation_has_a_family():
    assert sorted(r for rels in EDGE_FAMILIES.values() for r in rels) == sorted(schema.RELATIONS)


def test_fonts_readable_and_presenter_bigger():
    assert theme().font_size >= 16
    assert theme(True).font_size > theme().font_size and theme(True).line_width > theme().line_width


# ---------------------------------------------------------------------------------------------
# network
def test_node_traces_carry_ids(atlas, positions):
    fig = build_network_figure(atlas, positions)
    ids = [i for t in _node_traces(fig) for i in t.customdata]
    assert sorted(ids) == sorted(atlas.nodes["id"])
    assert {t.name for t in _node_traces(fig)} == set(atlas.nodes["type"])
    assert len(fig.data) <= MAX_TRACES <= 30


def test_node_positions_follow_the_layout(atlas, positions):
    fig = build_network_figure(atlas, positions)
    pos = positions.set_index("id")
    for t in _node_traces(fig):
        np.testing.assert_allclose(np.asarray(t.x) - FIGURE_OFFSET, pos.loc[list(t.customdata), "x"], atol=1e-3)


def test_data_text_is_escaped(atlas, positions):
    fig = build_network_figure(atlas, positions, title=EVIL, highlight=["NIA:evil", "NIA:link"], lanes=[(EVIL, (), 0.5)])
    texts = _texts(fig)
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in s for s in texts)
    assert any('&lt;a href="https://evil.example"&gt;' in s for s in texts)
    assert not any("<script" in s or "<a href" in s for s in texts)


def test_edges_are_one_array_per_class_and_contested_is_dashed(atlas, positions):
    fig = build_network_figure(atlas, positions)
    lines = [t for t in fig.data if t.mode == "lines"]
    assert len(lines) == len({t.name for t in lines}) == len({t.meta for t in lines})
    by_class = {t.meta: t for t in lines}  # meta = "family · evidence style"
    assert by_class["inhibiting · contested"].line.dash == "dash"
    assert by_class["activating · established/supported"].line.dash == "solid"
    assert by_class["association · emerging"].opacity < by_class["association · established/supported"].opacity
    total_points = sum(len(t.x) for t in lines)
    assert total_points <= 3 * len(atlas.edges)  # NaN-separated arrays, never a trace per edge


def test_legend_is_one_entry_per_family_with_an_evidence_key(atlas, positions):
    fig = build_network_figure(atlas, positions)
    lines = [t for t in fig.data if t.mode == "lines"]
    shown = [t.name for t in lines if t.showlegend is not False]
    assert sorted(shown) == sorted({t.meta.split(" · ")[0] for t in lines})  # e.g. "activating", once
    assert all(t.legendgroup == t.meta.split(" · ")[0] for t in lines)  # a click hides the whole family
    assert fig.layout.legend2.groupclick == "togglegroup"
    key = fig.layout.legend2.title.text
    assert "established/supported" in key and "emerging" in key and "contested" in key


def test_column_views_fade_edges_that_skip_a_column(atlas):
    lanes = [("a", (), 0.0), ("b", (), 0.5), ("c", (), 1.0)]
    pos = pd.DataFrame({"id": atlas.nodes["id"], "x": 0.5, "y": np.linspace(0, 1, len(atlas.nodes))})
    pos.loc[pos["id"] == "HGNC:5992", "x"] = 0.0  # IL-1β → Sickness behaviour jumps from column a to c
    pos.loc[pos["id"] == "NIA:sickness_behaviour", "x"] = 1.0
    assert not [t for t in build_network_figure(atlas, pos, lanes=lanes).data if t.name == LONG_EDGE_NAME]  # opt-in
    fig = build_network_figure(atlas, pos, lanes=lanes, fade_skipping=True)
    (faint,) = [t for t in fig.data if t.name == LONG_EDGE_NAME]
    assert faint.opacity < 0.5 and len(faint.x) == 3  # one edge: two points and a gap
    focused = build_network_figure(atlas, pos, lanes=lanes, highlight=["HGNC:5992"], fade_skipping=True)
    assert not [t for t in focused.data if t.name == LONG_EDGE_NAME]  # the story's edges keep their colour


def test_arrow_markers_carry_edge_rows_and_sentences(atlas, positions):
    arrows = _arrow_trace(build_network_figure(atlas, positions))
    assert sorted(arrows.customdata.tolist()) == sorted(atlas.edges.index.tolist())
    row = atlas.edges.index[(atlas.edges["relation"] == "causes")][0]
    sentence = arrows.hovertext[list(arrows.customdata).index(row)]
    assert sentence == "IL-1β causes Sickness behaviour (established)"
    assert arrows.marker.angle is not None and len(arrows.marker.angle) == len(atlas.edges)


def test_arrowhead_points_along_the_edge(atlas):
    pos = pd.DataFrame({"id": atlas.nodes["id"], "x": 0.5, "y": 0.5})
    pos.loc[pos["id"] == "HGNC:5992", ["x", "y"]] = [0.0, 0.5]
    pos.loc[pos["id"] == "NIA:sickness_behaviour", ["x", "y"]] = [1.0, 0.5]  # due east → 90°
    arrows = _arrow_trace(build_network_figure(atlas, pos))
    row = atlas.edges.index[(atlas.edges["relation"] == "causes")][0]
    i = list(arrows.customdata).index(row)
    assert arrows.marker.angle[i] == 90
    assert arrows.x[i] - FIGURE_OFFSET == pytest.approx(2 / 3, abs=1e-3)


def test_highlight_dim_hidden(atlas, positions):
    fig = build_network_figure(atlas, positions, highlight=["HGNC:6018"], dim=["MESH:D003865"], hidden=["NIA:link"])
    ids = [i for t in _node_traces(fig) for i in t.customdata]
    assert "NIA:link" not in ids
    (dimmed,) = [t for t in fig.data if t.name == "dimmed"]
    assert list(dimmed.customdata) == ["MESH:D003865"] and dimmed.marker.color == "#BBBBBB"
    cyto = next(t for t in fig.data if t.name == "cytokine")
    sizes = dict(zip(cyto.customdata, cyto.marker.size, strict=True))
    assert sizes["HGNC:6018"] > sizes["HGNC:5992"]
    assert "IL-6" in list(cyto.text)
    assert len(_arrow_trace(fig).customdata) == len(atlas.edges) - 2  # edges of the hidden node gone


def test_overlay_colours_nodes_with_a_colour_bar(atlas, positions):
    overlay = pd.Series({"HGNC:5992": 2.0, "HGNC:6018": -1.0})
    fig = build_network_figure(atlas, positions, overlay=overlay, overlay_label="log2 <b>FC</b>")
    assert fig.layout.coloraxis.colorbar.title.text == "log2 &lt;b&gt;FC&lt;/b&gt;"
    cyto = next(t for t in fig.data if t.name == "cytokine")
    assert cyto.marker.coloraxis == "coloraxis" and sorted(cyto.marker.color) == [-1.0, 2.0]
    (grey,) = [t for t in fig.data if t.name == "no overlay value"]
    assert set(grey.customdata) == set(atlas.nodes["id"]) - set(overlay.index)


def test_lanes_draw_headers_and_bands(atlas, positions):
    fig = build_network_figure(atlas, positions, lanes=LANES)
    assert [a.text for a in fig.layout.annotations] == [f"<b>{lane.name}</b>" for lane in LANES]
    assert len(fig.layout.shapes) == len(LANES)


def test_layout_is_readable_and_clickable(atlas, positions):
    fig = build_network_figure(atlas, positions, presenter=True)
    assert fig.layout.showlegend and fig.layout.legend.font.size >= 16
    assert fig.layout.xaxis.visible is False and fig.layout.plot_bgcolor == "white"
    assert fig.layout.dragmode in ("pan", "select") and "select" in fig.layout.clickmode


def test_missing_positions_are_reported(atlas, positions):
    with pytest.raises(ValueError, match="no x/y for 1 node"):
        build_network_figure(atlas, positions.iloc[1:])


def test_webgl_above_threshold(atlas, positions):
    fig = build_network_figure(atlas, positions, gl_threshold=2)
    assert {t.type for t in fig.data} == {"scattergl"}
    assert _arrow_trace(fig).hovertext is None


@pytest.fixture(scope="module")
def big_figure():
    big = Atlas.from_frames(**synthetic_frames(10_000, 100_000, seed=0))
    return big, build_network_figure(big, force_layout(big))


def test_100k_edges_bounded_traces_and_json(big_figure):
    big, fig = big_figure
    assert len(fig.data) <= 30
    assert all(t.type == "scattergl" for t in fig.data)
    assert len(fig.to_json()) / len(big.edges) <= 60


# ---------------------------------------------------------------------------------------------
# charts
def test_sankey_flows_gut_to_brain(atlas):
    fig = build_compartment_sankey(atlas)
    sankey = fig.data[0]
    assert sankey.type == "sankey" and sum(sankey.link.value) == len(atlas.edges)
    labels = list(sankey.node.label)
    assert labels.index("from Gut immune system") < labels.index("from Circulation") < labels.index("from Brain")


def test_cytokine_condition_heatmap_signs(atlas):
    fig = build_cytokine_condition_heatmap(atlas)
    heat = fig.data[0]
    cell = {(y, x): heat.z[i][j] for i, y in enumerate(heat.y) for j, x in enumerate(heat.x)}
    assert cell[("IL-6", "Major depressive disorder")] == 1
    assert cell[("IL-6", '&lt;a href="https://evil.example"&gt;click&lt;/a&gt;')] == -1
    assert cell[("IL-1β", "Major depressive disorder")] == -1
    hover = heat.hovertext[list(heat.y).index("IL-1β")][list(heat.x).index("Major depressive disorder")]
    assert "contested" in hover and "inhibits" in hover


def test_indirect_links_are_labelled(atlas):
    heat = build_cytokine_condition_heatmap(atlas, indirect=True).data[0]
    hovers = [h for row in heat.hovertext for h in row if h]
    assert any(h.startswith("<b>direct</b>") for h in hovers)
    assert all(h.startswith("<b>direct</b>") or h.startswith("<b>indirect") for h in hovers)


def test_condition_mechanism_heatmap_evidence(atlas):
    heat = build_condition_mechanism_heatmap(atlas).data[0]
    cell = {(y, x): heat.z[i][j] for i, y in enumerate(heat.y) for j, x in enumerate(heat.x)}
    assert cell[("Major depressive disorder", "IL-6")] == 3  # supported
    assert cell[("Major depressive disorder", "Sickness behaviour")] == 2  # emerging
    assert not any("<script" in str(v) or "<a href" in str(v) for v in [*heat.x, *heat.y])


def test_degree_bar_lists_hubs_with_ids(atlas):
    bar = build_degree_bar(atlas, top_n=3).data[0]
    assert len(bar.customdata) == 3 and bar.customdata[0] in ("HGNC:5992", "HGNC:6018", "MESH:D003865")
    assert not any("<script" in s for s in [*bar.y, *bar.hovertext])


def test_empty_atlas_gives_a_message(atlas):
    empty = atlas.filter(view="gut_brain").with_nodes([])
    for build in (build_compartment_sankey, build_cytokine_condition_heatmap, build_condition_mechanism_heatmap, build_degree_bar):
        fig = build(empty)
        assert len(fig.data) == 0 and fig.layout.annotations


# ---------------------------------------------------------------------------------------------
# description
def test_description_counts_hubs_and_evidence(atlas):
    text = describe_view(atlas, "gut_brain", "evidence: all", focus=["HGNC:6018"])
    assert "6 entities" in text and "6 relations" in text
    assert "2 cytokines" in text and "In focus: IL-6" in text
    assert "Most connected: Major depressive disorder" in text
    assert "established or supported" in text and "Filters: evidence: all." in text
    assert "\n" not in text
