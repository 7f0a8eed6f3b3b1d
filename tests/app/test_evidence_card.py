"""AppTest: the entity card and the explorer's paths list each relation's evidence rows; the human-evidence filter."""

from __future__ import annotations

import pytest

from tests.app.conftest import assert_no_exception, make_app
from tests.unit.evidence_atlas import write_atlas

EXPLORER = "pages/explorer.py"


@pytest.fixture
def folder(tmp_path):
    return write_atlas(tmp_path / "atlas")


def _texts(at) -> list[str]:
    return [t.value for t in at.text]


def test_card_shows_both_sides_of_a_contested_relation(monkeypatch, folder):
    at = make_app(monkeypatch, folder, page=EXPLORER, params={"entity": "NIA:a", "focus": "NIA:a"})
    assert_no_exception(at)
    pick = at.selectbox(key="explorer_network_card_evidence_pick")
    assert pick.format_func(pick.value).startswith("Cytokine A activates Cell C (contested)"), "a contested relation opens first"
    markdown = [m.value for m in at.markdown]
    assert any(m.startswith("**Evidence for (1)**") for m in markdown)
    assert any(m.startswith("**Evidence against or mixed (1)**") for m in markdown)
    assert any(":red-badge[contradicts]" in m and "human trial" in m for m in markdown)
    assert "A activated C in mice." in _texts(at) and "Giving A did not activate C in a trial." in _texts(at)
    buttons = at.get("link_button")
    assert {b.proto.url for b in buttons} >= {"https://doi.org/10.1000/mouse.3", "https://pubmed.ncbi.nlm.nih.gov/12345678/"}


def test_card_without_evidence_says_so(monkeypatch, tmp_path):
    at = make_app(monkeypatch, write_atlas(tmp_path / "plain", evidence=None), page=EXPLORER, params={"entity": "NIA:a", "focus": "NIA:a"})
    assert_no_exception(at)
    assert any("has no evidence.csv" in c.value for c in at.caption)


def test_path_sentences_list_their_evidence(monkeypatch, folder):
    at = make_app(monkeypatch, folder, page=EXPLORER, params={"entity": "NIA:a", "target": "NIA:b"})
    assert_no_exception(at)
    text = "\n".join(_texts(at))
    assert "1. Cytokine A is elevated in Condition B (supported; Human et al. 2021)." in text
    assert "for [human_observational · human] Human et al. 2021 (abstract): Serum A was higher in people with B." in text


def test_human_evidence_filter_from_url_and_checkbox(monkeypatch, folder):
    # the whole view ("Show everything"): the story would draw only its most legible relations
    at = make_app(monkeypatch, folder, page=EXPLORER, params={"entity": "NIA:a", "human_evidence": "1", "all": "1"})
    assert_no_exception(at)
    box = at.checkbox(key="filter_human_evidence")
    assert box.value is True
    assert any(c.value.startswith("Drawn: 1 relations") for c in at.caption)
    box.uncheck().run()
    assert_no_exception(at)
    assert "human_evidence" not in at.query_params
    assert any(c.value.startswith("Drawn: 4 relations") for c in at.caption)
    at.checkbox(key="filter_human_evidence").check().run()
    assert at.query_params["human_evidence"] == ["1"] or at.query_params["human_evidence"] == "1"


def test_table_twin_and_data_page_list_the_evidence(monkeypatch, folder):
    at = make_app(monkeypatch, folder, page=EXPLORER, params={"entity": "NIA:a", "all": "1"})
    assert_no_exception(at)
    assert "Evidence per paper (5)" in [t.label for t in at.tabs]
    at.switch_page("pages/data.py").run()
    assert_no_exception(at)
    assert "evidence (5)" in [t.label for t in at.tabs]
    assert "download_evidence" in {b.key for b in at.get("download_button")}
