"""The app starts on the shipped data and on a synthetic atlas; a bad folder shows the validator's messages."""

from __future__ import annotations

from tests.app.conftest import assert_no_exception, make_app
from tests.conftest import BAD_INPUTS, ROOT


def test_starts_with_shipped_data(monkeypatch):
    at = make_app(monkeypatch)
    assert_no_exception(at)
    metrics = {m.label: m.value for m in at.metric}
    assert int(metrics["Relations"].replace(",", "")) >= 700
    assert not at.error


def test_starts_with_synthetic_10k(monkeypatch, synthetic_10k):
    at = make_app(monkeypatch, synthetic_10k)
    assert_no_exception(at)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Relations"] == "10,000"


def test_bad_folder_shows_errors_not_traceback(monkeypatch):
    at = make_app(monkeypatch, BAD_INPUTS / "misspelt_relation")
    assert_no_exception(at)
    assert at.error, "an error banner explains the folder is invalid"
    shown = "\n".join(c.value for c in at.code)
    assert "edges.csv:2: unknown relation 'cuases' — did you mean 'causes'?" in shown


def test_missing_folder_shows_errors(monkeypatch, tmp_path):
    at = make_app(monkeypatch, tmp_path / "does-not-exist")
    assert_no_exception(at)
    assert "folder not found" in "\n".join(c.value for c in at.code)


def test_filters_restored_from_url(monkeypatch):
    at = make_app(monkeypatch, params={"evidence": "established,supported", "species": "human,bogus"})
    assert at.multiselect(key="filter_evidence").value == ["established", "supported"]
    assert at.multiselect(key="filter_species").value == ["human"]
    assert ROOT.exists()
