"""Compare conditions page through the real app.py: URL state, shared entities, figures, table."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import assert_no_exception, make_app
from tests.conftest import OK_BASELINE, ROOT
from tests.unit.test_compare import IL6, INFLAM, A, B, write_compare_atlas

PAGE = "pages/compare.py"


def _app(monkeypatch, data: Path, params: dict | None = None) -> AppTest:
    at = make_app(monkeypatch, data, page=PAGE, params=params)
    assert_no_exception(at)
    return at


def _table(at: AppTest):
    return next(d.value for d in at.dataframe if "shared" in d.value.columns)


@pytest.fixture
def atlas_dir(tmp_path) -> Path:
    return write_compare_atlas(tmp_path / "atlas")


def test_shared_mechanism_appears(monkeypatch, atlas_dir):
    at = _app(monkeypatch, atlas_dir)
    assert {at.selectbox(key="compare_a").value, at.selectbox(key="compare_b").value} == {A, B}
    table = _table(at).set_index("id")
    assert table.at[INFLAM, "shared"] and table.at[INFLAM, "category"] == "mechanisms"
    assert table.at[IL6, "shared"] and table.at[IL6, "category"] == "cytokines"
    assert {m.label: m.value for m in at.metric}["Shared"] == "2"
    assert len(at.get("plotly_chart")) == 2  # the network and the diverging bars


def test_url_seeds_and_follows_the_selection(monkeypatch, atlas_dir):
    at = _app(monkeypatch, atlas_dir, params={"a": B, "b": A})
    assert (at.selectbox(key="compare_a").value, at.selectbox(key="compare_b").value) == (B, A)
    assert (at.query_params["a"], at.query_params["b"]) == (B, A)
    at.selectbox(key="compare_a").set_value(A).run()
    assert at.query_params["a"] == A


def test_unknown_url_values_fall_back(monkeypatch, atlas_dir):
    at = _app(monkeypatch, atlas_dir, params={"a": "NIA:nope", "b": "<script>"})
    assert {at.selectbox(key="compare_a").value, at.selectbox(key="compare_b").value} == {A, B}


def test_same_condition_twice(monkeypatch, atlas_dir):
    at = _app(monkeypatch, atlas_dir, params={"a": A, "b": A})
    assert any("two different" in i.value for i in at.info)


def test_atlas_with_one_condition(monkeypatch):
    at = _app(monkeypatch, OK_BASELINE)
    assert any("fewer than two conditions" in i.value for i in at.info)


def test_shipped_conditions_share_a_mechanism(monkeypatch):
    data = ROOT / "data"
    mg, nmosd = "MESH:D009157", "MESH:D009471"  # myasthenia gravis, neuromyelitis optica: complement
    text = (data / "nodes.csv").read_text(encoding="utf-8") if (data / "nodes.csv").exists() else ""
    if mg not in text or nmosd not in text:
        pytest.skip("shipped atlas lacks these conditions")
    monkeypatch.delenv("NEUROIMMUNE_DATA", raising=False)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["a"], at.query_params["b"] = mg, nmosd
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception
    table = _table(at)
    shared = table[table["shared"]]
    assert not shared.empty and (shared["category"] == "mechanisms").any()
