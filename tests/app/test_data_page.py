"""Data & downloads page through the real app.py: uploads, merge, overlay, browser, isolation, limits."""

from __future__ import annotations

import io
import tomllib
import zipfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import assert_no_exception, make_app
from tests.conftest import BAD_INPUTS, OK_BASELINE, ROOT, expect
from tests.unit.test_compare import write_compare_atlas

PAGE = "pages/data.py"


def _app(monkeypatch, data: Path, params: dict | None = None) -> AppTest:
    at = make_app(monkeypatch, data, page=PAGE, params=params)
    assert_no_exception(at)
    return at


def _files(folder: Path) -> list[tuple[str, bytes, str]]:
    return [(p.name, p.read_bytes(), "text/csv") for p in sorted(folder.glob("*.csv"))]


def _upload(at: AppTest, files) -> AppTest:
    at.file_uploader(key="upload_files").set_value(files).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _tabs(at: AppTest) -> list[str]:
    return [t.label for t in at.tabs]


def _frame_with(at: AppTest, column: str):
    """The first dataframe showing ``column`` (AppTest does not expose st.dataframe keys)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def _code(at: AppTest) -> str:
    return "\n".join(c.value for c in at.code)


@pytest.fixture
def shipped(tmp_path) -> Path:
    """The 'shipped' atlas for these tests: two conditions, 9 entities, 8 relations."""
    return write_compare_atlas(tmp_path / "shipped")


def test_page_renders_tables_and_downloads(monkeypatch, shipped):
    at = _app(monkeypatch, shipped)
    assert _tabs(at) == ["nodes (9)", "edges (8)", "sources (1)", "lessons (0)"]
    assert {b.key for b in at.get("download_button")} >= {"download_nodes", "download_edges", "download_sources", "download_lessons"}


def test_upload_valid_csvs_becomes_this_sessions_atlas(monkeypatch, shipped):
    at = _upload(_app(monkeypatch, shipped), _files(OK_BASELINE))
    assert at.success and "4 entities, 3 relations" in at.success[0].value
    assert _tabs(at)[:3] == ["nodes (4)", "edges (3)", "sources (2)"]
    assert at.session_state["user_atlas"] is not None


def test_upload_zip(monkeypatch, shipped):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data, _ in _files(OK_BASELINE):
            zf.writestr(f"my_atlas/{name}", data)
        zf.writestr("my_atlas/README.txt", "notes")
    at = _upload(_app(monkeypatch, shipped), [("my_atlas.zip", buf.getvalue(), "application/zip")])
    assert _tabs(at)[0] == "nodes (4)"
    assert "my_atlas.zip: my_atlas/README.txt: warning: not an atlas file" in _code(at)


def test_upload_invalid_shows_problems_and_keeps_previous_atlas(monkeypatch, shipped):
    at = _upload(_app(monkeypatch, shipped), _files(OK_BASELINE))
    before = at.session_state["user_atlas"]
    at = _upload(at, _files(BAD_INPUTS / "misspelt_relation"))
    assert at.error and "Nothing changed" in at.error[0].value
    assert "edges.csv:2: unknown relation 'cuases' — did you mean 'causes'?" in _code(at)
    assert at.session_state["user_atlas"] is before
    assert _tabs(at)[:2] == ["nodes (4)", "edges (3)"]


@pytest.mark.parametrize("folder", ["binary_png", "unterminated_quote_at_end", "dangling_edge_target", "ok_multiline_note_crlf"])
def test_bad_inputs_listed_as_file_line(monkeypatch, shipped, folder):
    at = _upload(_app(monkeypatch, shipped), _files(BAD_INPUTS / folder))
    want = expect(BAD_INPUTS / folder)
    if want["verdict"] == "ok":  # valid CSV (a line break inside a quoted note) is accepted
        assert _tabs(at)[:2] == ["nodes (4)", "edges (3)"]
        return
    assert any(line.startswith(f"{want['file']}:{want['line']}:") for line in _code(at).splitlines()), _code(at)
    assert _tabs(at)[0] == "nodes (9)"  # the shipped atlas stays


def test_back_to_shipped_atlas(monkeypatch, shipped):
    at = _upload(_app(monkeypatch, shipped), _files(OK_BASELINE))
    at.button(key="upload_reset").click().run()
    assert "user_atlas" not in at.session_state
    assert _tabs(at)[0] == "nodes (9)"
    at.run()  # the files still in the uploader are not silently reloaded
    assert _tabs(at)[0] == "nodes (9)"


def test_merge_lists_conflicts(monkeypatch, tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    for name, data, _ in _files(OK_BASELINE):
        (mine / name).write_bytes(data.replace(b"HGNC:6018,IL-6,", b"HGNC:6018,Interleukin-6,"))
    new_node = b"CL:0000129,Microglia,cell,brain,,Resident macrophages of the brain.\n"
    (mine / "nodes.csv").write_bytes((mine / "nodes.csv").read_bytes() + new_node)
    at = _app(monkeypatch, OK_BASELINE)
    at.checkbox(key="upload_merge").check().run()
    at = _upload(at, _files(mine))
    assert "merged with the shipped atlas" in at.success[0].value
    assert "node HGNC:6018: label 'IL-6' (shipped) vs 'Interleukin-6' (yours) — yours kept" in _code(at)
    assert _tabs(at)[0] == "nodes (5)"


def test_overlay_values_shown_and_unknown_ids_reported(monkeypatch):
    at = _app(monkeypatch, OK_BASELINE)
    overlay = b"id,value,group\nIL-6,2.5,serum\nHGNC:5992,-1,serum\nNIA:not_here,3,serum\nBDNF,1,csf\n"
    at.file_uploader(key="overlay_file").set_value(("serum_levels.csv", overlay, "text/csv")).run()
    assert not at.exception
    assert any("serum" in s.value and "levels" in s.value and "2 values" in s.value for s in at.success)
    assert any("2 id(s) are not in the atlas" in w.value for w in at.warning)
    assert "NIA:not_here\nBDNF" in _code(at)
    table = _frame_with(at, "entity")
    assert dict(zip(table["id"], table["value"], strict=False)) == {"HGNC:6018": 2.5, "HGNC:5992": -1.0}
    assert at.session_state["overlay"].values.to_dict() == {"HGNC:6018": 2.5, "HGNC:5992": -1.0}
    at.button(key="overlay_clear").click().run()
    assert "overlay" not in at.session_state


def test_overlay_with_bad_values_not_used(monkeypatch):
    at = _app(monkeypatch, OK_BASELINE)
    at.file_uploader(key="overlay_file").set_value(("v.csv", b"id,value\nIL-6,high\n", "text/csv")).run()
    assert at.error and "Overlay not used" in at.error[0].value
    assert "v.csv:2: value 'high' for 'IL-6' is not a number" in _code(at)
    assert "overlay" not in at.session_state


def test_sessions_are_isolated(monkeypatch, shipped):
    one = _upload(_app(monkeypatch, shipped), _files(OK_BASELINE))
    one.file_uploader(key="overlay_file").set_value(("o.csv", b"id,value\nIL-6,1\n", "text/csv")).run()
    two = _app(monkeypatch, shipped)
    assert _tabs(one)[0] == "nodes (4)" and _tabs(two)[0] == "nodes (9)"
    assert "user_atlas" not in two.session_state and "overlay" not in two.session_state
    assert not two.success


def test_file_over_the_configured_limit_is_refused(monkeypatch, shipped):
    limit_mb = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["server"]["maxUploadSize"]
    big = b"id,label,type\n" + b"x" * (limit_mb * 1024 * 1024)
    at = _upload(_app(monkeypatch, shipped), [("nodes.csv", big, "text/csv")])
    assert at.error
    assert f"over the {limit_mb} MB upload limit" in _code(at)
    assert _tabs(at)[0] == "nodes (9)"


def test_search_filters_and_links(monkeypatch, shipped):
    at = _app(monkeypatch, shipped)
    at.text_input(key="browse_query").input("fatigue").run()
    assert _tabs(at)[:2] == ["nodes (1)", "edges (1)"]
    sources = _frame_with(at, "doi_link")
    assert sources.empty or "https://doi.org/" in sources["doi_link"].iloc[0]
    at.text_input(key="browse_query").input("").run()
    assert _frame_with(at, "doi_link")["doi_link"].tolist() == ["https://doi.org/10.1000/xyz"]


def test_sidebar_filters_apply(monkeypatch, shipped):
    # the sidebar filters arrive through the URL (AppTest drops sidebar widgets after a switch_page)
    at = _app(monkeypatch, shipped, params={"evidence": "established"})
    assert _tabs(at)[:3] == ["nodes (4)", "edges (2)", "sources (1)"]
