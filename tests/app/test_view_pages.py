"""The view pages through the real app.py: shipped and 10k atlases, filters, URL state, paths, toggles, literal text."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from neuroimmune import load_atlas
from neuroimmune.conditions import best_documented_condition, conditions_in_groups
from tests.app.conftest import assert_no_exception, make_app
from tests.conftest import OK_BASELINE, ROOT

PAGES = ["pages/home.py", "pages/gut_brain.py", "pages/cytokines.py", "pages/conditions.py", "pages/explorer.py"]
IL1B, MDD = "HGNC:5992", "MESH:D003865"


def drawn_ids(at) -> set[str]:
    """Ids of the entities in the view's table twin (what the network draws)."""
    for df in at.dataframe:
        frame = df.value
        if "id" in frame.columns and "type" in frame.columns and "label" in frame.columns:
            return set(frame["id"])
    raise AssertionError("no entities table")


def drawn_edges(at) -> int:
    """The "Drawn: N relations among M entities" caption every view renders."""
    for c in at.caption:
        m = re.match(r"Drawn: ([\d,]+) relations", c.value)
        if m:
            return int(m.group(1).replace(",", ""))
    raise AssertionError("no 'Drawn:' caption")


def figure_json(at, index: int = 0) -> dict:
    return json.loads(at.get("plotly_chart")[index].proto.spec)


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_on_shipped_data(monkeypatch, page):
    at = make_app(monkeypatch, page=page)
    assert_no_exception(at)
    assert at.get("plotly_chart"), "every page draws a figure"
    fig = figure_json(at)
    assert fig["layout"].get("showlegend") is not False


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_on_synthetic_10k(monkeypatch, synthetic_10k, page):
    at = make_app(monkeypatch, synthetic_10k, page=page)
    assert_no_exception(at)
    assert at.get("plotly_chart")


def test_big_atlas_draws_a_capped_network_with_a_note(monkeypatch, synthetic_10k):
    at = make_app(monkeypatch, synthetic_10k, page="pages/conditions.py", params={"n": "300", "all": "1"})
    assert at.number_input(key="max_nodes").value == 300
    assert any("best-connected of" in i.value for i in at.info)
    before = drawn_edges(at)
    at.number_input(key="max_nodes").set_value(1200).run()
    assert_no_exception(at)
    assert drawn_edges(at) > before


def test_filter_changes_the_drawn_edges(monkeypatch):
    at = make_app(monkeypatch, page="pages/gut_brain.py", params={"all": "1"})  # everything: the story would pick other routes
    before = drawn_edges(at)
    at.multiselect(key="filter_evidence").set_value(["established"]).run()
    assert_no_exception(at)
    assert 0 < drawn_edges(at) < before
    assert at.query_params["evidence"] == ["established"] or at.query_params["evidence"] == "established"


def test_route_and_barrier_toggles_change_the_drawn_edges(monkeypatch):
    at = make_app(monkeypatch, page="pages/gut_brain.py")
    intact = drawn_edges(at)
    at.toggle(key="gb_gut_leaky").set_value(True).run()
    leaky = drawn_edges(at)
    at.toggle(key="gb_bbb_disrupted").set_value(True).run()
    both = drawn_edges(at)
    # a failing barrier adds its state to the story (the leaky gut may already lie on the strongest route)
    assert intact <= leaky < both, (intact, leaky, both)
    assert "NIA:bbb_disruption" in drawn_ids(at)
    at.multiselect(key="gb_routes").set_value(["neural"]).run()
    assert_no_exception(at)
    assert 0 < drawn_edges(at) < both


def test_gut_brain_url_restores_controls_and_focus(monkeypatch):
    params = {
        "routes": "neural,endocrine",
        "gut": "leaky",
        "bbb": "disrupted",
        "evidence": "established,supported",
        "focus": "UBERON:0001876",
    }
    at = make_app(monkeypatch, page="pages/gut_brain.py", params=params)
    assert_no_exception(at)
    assert at.multiselect(key="gb_routes").value == ["neural", "endocrine"]
    assert at.toggle(key="gb_gut_leaky").value and at.toggle(key="gb_bbb_disrupted").value
    assert at.multiselect(key="filter_evidence").value == ["established", "supported"]
    assert any(m.value.startswith("### Amygdala") for m in at.markdown), "the focus param reopens the card"


def test_cytokines_url_restores_the_pick(monkeypatch):
    at = make_app(monkeypatch, page="pages/cytokines.py", params={"cytokines": "HGNC:5962,HGNC:6018,bogus", "indirect": "1"})
    assert_no_exception(at)
    assert at.multiselect(key="cytokine_pick").value == ["HGNC:5962", "HGNC:6018"]
    assert at.toggle(key="cyto_indirect").value
    names = {t.get("name") for t in figure_json(at)["data"]}
    assert {"anti-inflammatory cytokine", "pro-inflammatory cytokine"} <= names
    before = drawn_edges(at)
    at.multiselect(key="cytokine_pick").set_value(["HGNC:5962"]).run()
    assert drawn_edges(at) < before and at.query_params["cytokines"] in ("HGNC:5962", ["HGNC:5962"])


def test_conditions_url_restores_groups_and_condition(monkeypatch):
    atlas = load_atlas(ROOT / "data")
    gut = atlas.nodes[atlas.nodes["condition_group"].str.contains("gut")]["id"].tolist()
    at = make_app(monkeypatch, page="pages/conditions.py", params={"groups": "gut", "condition": gut[0], "all": "1"})
    assert_no_exception(at)
    assert at.multiselect(key="condition_groups").value == ["gut"]
    assert at.selectbox(key="condition").value == gut[0]
    groups = "neuroimmune,psychiatric,neurodegenerative,autoimmune_systemic,gut"
    everything = make_app(monkeypatch, page="pages/conditions.py", params={"groups": groups, "all": "1"})
    assert drawn_edges(at) < drawn_edges(everything)


def test_conditions_lists_treatments_and_biomarkers(monkeypatch):
    at = make_app(monkeypatch, page="pages/conditions.py", params={"condition": MDD, "groups": "psychiatric"})
    tables = [d.value for d in at.dataframe if {"entity", "statement"} <= set(d.value.columns)]
    assert len(tables) == 2, "treatments and biomarkers"
    assert "IL-6" in set(tables[1]["entity"])
    for table in tables:
        assert {"evidence", "citation"} <= set(table.columns) and (table["citation"] != "").all()


def test_conditions_opens_one_condition_with_rows(monkeypatch):
    at = make_app(monkeypatch, page="pages/conditions.py")
    assert_no_exception(at)
    atlas = load_atlas(ROOT / "data")
    chosen = at.selectbox(key="condition").value
    assert chosen == best_documented_condition(atlas, conditions_in_groups(atlas, at.multiselect(key="condition_groups").value))
    tables = [d.value for d in at.dataframe if {"entity", "statement"} <= set(d.value.columns)]
    assert tables and all(len(t) for t in tables), "the default condition's treatments and biomarkers are listed"


def test_explorer_explains_a_path_with_citations(monkeypatch):
    at = make_app(monkeypatch, page="pages/explorer.py", params={"entity": IL1B, "target": MDD, "k": "2"})
    assert_no_exception(at)
    assert (at.selectbox(key="explorer_entity").value, at.selectbox(key="explorer_target").value) == (IL1B, MDD)
    assert at.slider(key="explorer_k").value == 2
    paths = load_atlas(ROOT / "data").paths(IL1B, MDD)
    shown = "\n".join(t.value for t in at.text)
    for path in paths:
        for hop in path.hops:
            assert hop.citations, "every hop is cited"
            assert hop.sentence() in shown
    assert len(at.get("plotly_chart")) == 2  # the path and the neighbourhood
    names = {t.get("name") for t in figure_json(at, 0)["data"]}
    assert "the explained path" in names


def test_explorer_neighbourhood_grows_with_k(monkeypatch):
    at = make_app(monkeypatch, page="pages/explorer.py", params={"entity": IL1B})
    one = drawn_edges(at)
    at.slider(key="explorer_k").set_value(2).run()
    assert drawn_edges(at) > one and at.query_params["k"] in ("2", ["2"])


@pytest.fixture
def hostile_atlas(tmp_path):
    dst = tmp_path / "atlas"
    shutil.copytree(OK_BASELINE, dst, ignore=shutil.ignore_patterns("EXPECT"))
    nodes = (dst / "nodes.csv").read_text(encoding="utf-8")
    nodes = nodes.replace("HGNC:5992,IL-1β,", "HGNC:5992,<script>alert(1)</script>,").replace("HGNC:6018,IL-6,", "HGNC:6018,**bold**,")
    (dst / "nodes.csv").write_text(nodes, encoding="utf-8")
    return dst


@pytest.mark.parametrize("page", PAGES)
def test_data_text_stays_literal(monkeypatch, hostile_atlas, page):
    at = make_app(monkeypatch, hostile_atlas, page=page, params={"entity": IL1B, "focus": IL1B, "target": MDD})
    assert_no_exception(at)
    for chart in at.get("plotly_chart"):
        spec = chart.proto.spec
        assert "<script>" not in spec and "\\u003cscript\\u003e" not in spec.lower()
    for md in at.markdown:
        assert "<script>" not in md.value and "**bold**" not in md.value
    if page == "pages/explorer.py":
        assert (
            "&lt;script&gt;alert(1)&lt;\\u002fscript&gt;" in at.get("plotly_chart")[-1].proto.spec
            or "&lt;script&gt;" in at.get("plotly_chart")[-1].proto.spec
        )
        assert any("<script>alert(1)</script>" in t.value for t in at.text), "shown literally as text"
        assert any(m.value.startswith("### \\<script\\>") for m in at.markdown), "the card title is escaped"


def test_downloads_are_offered_and_images_prepared_on_demand(monkeypatch):
    at = make_app(monkeypatch, page="pages/cytokines.py")
    labels = {b.label for b in at.get("download_button")}
    assert {"Interactive HTML", "Entities (CSV)", "Relations (CSV)", "References (BibTeX)", "Cite this view (ZIP)"} <= labels
    assert not any("PNG" in lbl for lbl in labels), "images are rendered only on request"
    at.button(key="cyto_network_export_prepare").click().run()
    assert_no_exception(at)
    labels = {b.label for b in at.get("download_button")}
    assert {"PNG 1920×1080", "PNG 2× (3840×2160)", "SVG"} <= labels or any("cannot be made" in w.value for w in at.warning)
