"""Selection parsing: what st.plotly_chart(on_select="rerun") returns → node ids / edge rows."""

from __future__ import annotations

import pytest

from neuroimmune.figures.selection import selected_edge_rows, selected_node_ids, selected_points


class AttrDict(dict):
    """Streamlit's event state allows ``event.selection.points`` as well as ``event["selection"]``."""

    __getattr__ = dict.get


def _event(*customdata):
    return {"selection": {"points": [{"curve_number": 0, "customdata": c} for c in customdata], "box": [], "lasso": []}}


@pytest.mark.parametrize("event", [None, {}, {"selection": None}, {"selection": {}}, {"selection": {"points": []}}, AttrDict()])
def test_nothing_selected(event):
    assert selected_node_ids(event) == [] and selected_edge_rows(event) == []


def test_node_clicks_give_ids_in_order_without_duplicates():
    assert selected_node_ids(_event("HGNC:6018", "MESH:D003865", "HGNC:6018")) == ["HGNC:6018", "MESH:D003865"]


@pytest.mark.parametrize("edge_value", [17, 17.0, "edge:17"])
def test_edge_markers_are_not_nodes(edge_value):
    event = _event("HGNC:6018", edge_value)
    assert selected_node_ids(event) == ["HGNC:6018"]
    assert selected_edge_rows(event) == [17]


def test_attribute_access_and_missing_customdata():
    event = AttrDict(selection=AttrDict(points=[AttrDict(customdata="HGNC:5992"), AttrDict(x=1.0, y=2.0), AttrDict(customdata=3)]))
    assert selected_node_ids(event) == ["HGNC:5992"]
    assert selected_edge_rows(event) == [3]


def test_two_dimensional_customdata_uses_first_value():
    assert selected_points(_event(["HGNC:5992", "extra"], [])) == ["HGNC:5992"]


@pytest.mark.parametrize("junk", [True, "", "edge:", "edge:x", 1.5])
def test_junk_values_are_ignored(junk):
    assert selected_edge_rows(_event(junk)) == []
    assert selected_node_ids(_event(junk)) == ([] if junk in ("", True, 1.5) else [junk])
