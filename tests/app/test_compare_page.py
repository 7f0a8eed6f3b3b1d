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


# ---------------------------------------------------------------------------------------------
# the story: the shipped atlas opens on Alzheimer's vs Parkinson's, a few dozen entities, grown on demand
def _spec(at: AppTest) -> dict:
    import json

    return json.loads(at.get("plotly_chart")[0].proto.spec)


def test_opens_on_a_story_and_show_everything_is_one_toggle_away(monkeypatch):
    from neuroimmune.compare import DEFAULT_PAIR
    from tests.app.test_story_controls import drawn_entities

    at = _app(monkeypatch, None)
    assert (at.selectbox(key="compare_a").value, at.selectbox(key="compare_b").value) == DEFAULT_PAIR
    story = drawn_entities(at)
    assert 3 <= story <= 40
    assert any("best-connected" in c.value for c in at.caption)
    assert _spec(at)["layout"]["meta"]["story_width"] == 740  # the label-sized story canvas
    at.toggle(key="compare_all").set_value(True).run()
    assert_no_exception(at)
    assert at.query_params["all"] in ("1", ["1"])
    assert drawn_entities(at) > story
    assert "meta" not in _spec(at)["layout"] or "story_width" not in _spec(at)["layout"]["meta"]
    at.toggle(key="compare_all").set_value(False).run()
    assert drawn_entities(at) == story and "all" not in at.query_params


def test_show_a_whole_column_and_restore_it_from_the_url(monkeypatch):
    from neuroimmune.compare import ONLY_A
    from tests.app.test_story_controls import drawn_entities

    at = _app(monkeypatch, None)
    before = drawn_entities(at)
    options = at.selectbox(key="compare_col_pick").options
    assert any("show all" in o for o in options)
    at.selectbox(key="compare_col_pick").set_value(ONLY_A).run()
    assert_no_exception(at)
    assert at.query_params["cols"] in (str(ONLY_A), [str(ONLY_A)])
    grown = drawn_entities(at)
    assert grown > before
    again = _app(monkeypatch, None, params={"cols": str(ONLY_A)})
    assert drawn_entities(again) == grown
    again.button(key="compare_reset").click().run()
    assert drawn_entities(again) == before and "cols" not in again.query_params


def test_presenter_mode_draws_the_story_on_the_presenter_canvas(monkeypatch):
    at = _app(monkeypatch, None, params={"present": "1"})
    assert _spec(at)["layout"]["meta"]["story_width"] == 1280


def test_a_rerun_builds_nothing_again(monkeypatch):
    """The comparison, the story, its layout and the figures are cached per state: a plain rerun computes none of them."""
    import neuroimmune.compare
    import neuroimmune.label_layout
    import neuroimmune.views

    at = _app(monkeypatch, None)
    calls = []
    # the helpers each step calls (patching them leaves the cache keys of the steps themselves alone)
    for module, name in ((neuroimmune.compare, "_links"), (neuroimmune.compare, "_story_rank"), (neuroimmune.label_layout, "layered_label_layout"),
                         (neuroimmune.views, "build_network_figure")):  # fmt: skip
        original = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *a, _f=original, _n=name, **k: (calls.append(_n), _f(*a, **k))[1])
    at.run()
    assert_no_exception(at)
    assert calls == []
    at.selectbox(key="compare_col_pick").set_value(neuroimmune.compare.SHARED).run()  # a new state is computed once
    assert "layered_label_layout" in calls and "build_network_figure" in calls
