"""Data page: a GraphML / Cytoscape JSON network as this session's atlas, its problems, whole-atlas downloads."""

from __future__ import annotations

import json

import pytest

from neuroimmune import load_atlas
from neuroimmune.exchange import to_cyjs, to_graphml
from tests.app.conftest import assert_no_exception, make_app
from tests.conftest import OK_BASELINE
from tests.unit.test_compare import write_compare_atlas

PAGE = "pages/data.py"


@pytest.fixture
def shipped(tmp_path):
    return write_compare_atlas(tmp_path / "shipped")


def _app(monkeypatch, data):
    at = make_app(monkeypatch, data, page=PAGE)
    assert_no_exception(at)
    return at


def _upload(at, files):
    at.file_uploader(key="upload_files").set_value(files).run()
    assert_no_exception(at)
    return at


def _tabs(at) -> list[str]:
    return [t.label for t in at.tabs]


def _code(at) -> str:
    return "\n".join(c.value for c in at.code)


@pytest.mark.parametrize(
    ("name", "writer", "mime"), [("mine.graphml", to_graphml, "application/xml"), ("mine.cyjs", to_cyjs, "application/json")]
)
def test_network_file_becomes_this_sessions_atlas(monkeypatch, shipped, name, writer, mime):
    at = _upload(_app(monkeypatch, shipped), [(name, writer(load_atlas(OK_BASELINE)), mime)])
    assert at.success and "4 entities, 3 relations, 2 sources" in at.success[0].value
    assert _tabs(at)[:3] == ["nodes (4)", "edges (3)", "sources (2)"]
    assert "mine" in at.session_state["user_atlas_name"]


def test_broken_network_is_reported_and_the_atlas_in_use_kept(monkeypatch, shipped):
    at = _upload(_app(monkeypatch, shipped), [("ok.graphml", to_graphml(load_atlas(OK_BASELINE)), "application/xml")])
    before = at.session_state["user_atlas"]
    at = _upload(at, [("broken.graphml", b"<graphml><graph><node id='a'>", "application/xml")])
    assert at.error and "Nothing changed" in at.error[0].value
    assert "broken.graphml: not well-formed XML" in _code(at)
    assert at.session_state["user_atlas"] is before and _tabs(at)[0] == "nodes (4)"


def test_missing_contract_values_listed_per_element(monkeypatch, shipped):
    doc = json.loads(to_cyjs(load_atlas(OK_BASELINE)))
    del doc["elements"]["edges"][0]["data"]["references"]
    del doc["elements"]["nodes"][0]["data"]["type"]
    at = _upload(_app(monkeypatch, shipped), [("net.cyjs", json.dumps(doc).encode(), "application/json")])
    code = _code(at)
    node = doc["elements"]["nodes"][0]["data"]["id"]
    edge = doc["elements"]["edges"][0]["data"]
    assert f"net.cyjs: node {node}: missing type" in code
    assert f"net.cyjs: edge {edge['source']} → {edge['target']} ({edge['relation']}): missing references" in code
    assert _tabs(at)[0] == "nodes (9)"  # the shipped atlas stays


def test_network_with_its_sources_csv(monkeypatch, shipped):
    doc = json.loads(to_cyjs(load_atlas(OK_BASELINE)))
    del doc["data"]["sources"]
    files = [
        ("net.json", json.dumps(doc).encode(), "application/json"),
        ("sources.csv", (OK_BASELINE / "sources.csv").read_bytes(), "text/csv"),
    ]
    at = _upload(_app(monkeypatch, shipped), files)
    assert at.success and _tabs(at)[:3] == ["nodes (4)", "edges (3)", "sources (2)"]


def test_whole_atlas_network_downloads(monkeypatch, shipped):
    at = _app(monkeypatch, shipped)
    assert {"whole_atlas_graphml", "whole_atlas_cyjs"} <= {b.key for b in at.get("download_button")}


def test_view_downloads_offer_the_drawn_network(monkeypatch, shipped):
    at = make_app(monkeypatch, shipped, page="pages/gut_brain.py")
    assert_no_exception(at)
    buttons = {b.key: b for b in at.get("download_button")}
    assert any(k.endswith("_export_graphml") for k in buttons) and any(k.endswith("_export_cyjs") for k in buttons)
