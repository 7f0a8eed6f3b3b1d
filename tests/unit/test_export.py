"""Exports checked as data: CSV cells, BibTeX entries, PNG headers, SVG XML, HTML text, ZIP members, CLI."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import struct
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import bibtexparser
import pandas as pd
import plotly.graph_objects as go
import pytest

from neuroimmune import Filters, atlas_from_files, load_atlas
from neuroimmune import export as ex
from neuroimmune.cli import main
from neuroimmune.synthetic import write_synthetic
from tests.conftest import BAD_INPUTS, OK_BASELINE

FORMULA = BAD_INPUTS / "ok_formula_label"
DANGER = ("=", "+", "-", "@", "\t", "\r")
HAS_CHROMIUM = Path("/usr/bin/chromium").exists()
needs_chromium = pytest.mark.skipif(not HAS_CHROMIUM, reason="PNG/SVG export needs Chromium at /usr/bin/chromium (CI installs it)")
DATE = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def formula_atlas():
    return load_atlas(FORMULA)


def _figure(atlas) -> go.Figure:
    """A small node figure in our builders' convention (customdata = node id, escaped labels)."""
    nodes = atlas.nodes
    return go.Figure(
        go.Scatter(
            x=list(range(len(nodes))),
            y=[i % 2 for i in range(len(nodes))],
            text=[html.escape(s) for s in nodes["label"]],
            customdata=list(nodes["id"]),
            mode="markers+text",
            name="nodes",
        )
    )


def _cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def _bib_keys(text: str) -> list[str]:
    lib = bibtexparser.parse_string(text)
    assert not lib.failed_blocks
    return [e.key for e in lib.entries]


# ----- CSV ------------------------------------------------------------------------------------
@pytest.mark.parametrize("prefix", DANGER)
def test_safe_csv_neutralises_formula_cells_and_headers(prefix):
    frame = pd.DataFrame({prefix + "col": [prefix + "1+1", "plain"]})
    rows = _cells(ex.safe_csv_bytes(frame))
    assert rows == [["'" + prefix + "col"], ["'" + prefix + "1+1"], ["plain"]]


def test_safe_csv_keeps_numbers_in_numeric_columns_and_drops_index():
    frame = pd.DataFrame({"x": [-0.25, 1.5, float("nan")], "label": ["-x", "a,b", 'say "hi"']}, index=[7, 8, 9])
    assert _cells(ex.safe_csv_bytes(frame)) == [["x", "label"], ["-0.25", "'-x"], ["1.5", "a,b"], ["", 'say "hi"']]


def test_export_tables_of_formula_label_atlas_are_safe_and_reload(formula_atlas):
    tables = ex.export_tables(formula_atlas)
    assert set(tables) == {"nodes.csv", "edges.csv", "sources.csv"}
    for name, data in tables.items():
        for row in _cells(data):
            assert not any(cell.startswith(DANGER) for cell in row), (name, row)
    nodes = _cells(tables["nodes.csv"])
    assert nodes[0][:3] == ["id", "label", "type"] and "topic_mask" not in _cells(tables["edges.csv"])[0]
    assert '\'=HYPERLINK("http://x.invalid","IL-6")' in [row[1] for row in nodes]
    reloaded = atlas_from_files(tables)
    assert len(reloaded.edges) == len(formula_atlas.edges)


def test_export_tables_of_filtered_atlas_keeps_only_cited_sources(formula_atlas):
    shown = formula_atlas.filter(Filters(evidence=("established",)))
    tables = ex.export_tables(shown)
    assert [r[0] for r in _cells(tables["sources.csv"])[1:]] == ["dantzer2008"]
    assert len(_cells(tables["edges.csv"])) == 2


# ----- BibTeX ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("citation", "authors", "et_al", "title", "journal"),
    [
        ("Dantzer R et al. (2008). From inflammation to sickness. Nat Rev Neurosci.", ("Dantzer, R.",), True, "From inflammation to sickness", "Nat Rev Neurosci"),
        ("Miller AH & Raison CL (2016). The role of inflammation. Nat Rev Immunol.", ("Miller, A. H.", "Raison, C. L."), False, "The role of inflammation", "Nat Rev Immunol"),
        ("Li X (2021). Does IL-1β cause fatigue? J. Neurosci.", ("Li, X.",), False, "Does IL-1β cause fatigue?", "J. Neurosci"),
        ("no year here", (), False, "no year here", ""),
    ],
)  # fmt: skip
def test_parse_citation(citation, authors, et_al, title, journal):
    cite = ex.parse_citation(citation)
    assert (cite.authors, cite.et_al, cite.title, cite.journal) == (authors, et_al, title, journal)


def test_bibtex_lists_exactly_the_cited_sources(formula_atlas):
    shown = formula_atlas.filter(Filters(evidence=("established",)))
    text = ex.to_bibtex(shown.cited_sources())
    assert _bib_keys(text) == ["dantzer2008"]
    entry = bibtexparser.parse_string(text).entries[0]
    assert entry.entry_type == "article"
    assert entry["doi"] == "10.1038/nrn2297" and entry["year"] == "2008" and entry["note"] == "PMID: 18073775"
    assert entry["author"] == "Dantzer, R. and others" and entry["journal"] == "Nat Rev Neurosci"


def test_bibtex_escapes_special_characters():
    sources = pd.DataFrame(
        [
            {
                "id": "odd key,}",
                "citation": "Smith J (2020). 50% {of} A & B $x #1 _a ^b ~c \\ @d}. J Test.",
                "year": "2020",
                "doi": "10.1/a{b}",
                "pmid": "",
                "url": "",
            }
        ]
    )
    text = ex.to_bibtex(sources)
    lib = bibtexparser.parse_string(text)
    assert not lib.failed_blocks and len(lib.entries) == 1
    assert lib.entries[0].key == "odd_key__"
    assert r"50\% \{of\} A \& B \$x \#1 \_a" in lib.entries[0]["title"]


# ----- HTML and file names --------------------------------------------------------------------
def test_html_is_standalone_offline_and_escaped(small_atlas):
    page = ex.figure_to_html(_figure(small_atlas), title="IL-6 <b>map</b>", caption="a & b", citations=["<img src=x onerror=alert(1)>"])
    assert "<script src" not in page.lower() and "Content-Security-Policy" in page
    assert "Plotly.newPlot" in page and len(page) > 1_000_000  # plotly.js itself is inline
    assert "<title>IL-6 &lt;b&gt;map&lt;/b&gt;</title>" in page and '<p class="caption">a &amp; b</p>' in page
    assert "<li>&lt;img src=x onerror=alert(1)&gt;</li>" in page


@pytest.mark.parametrize(
    ("view", "summary", "ext", "expected"),
    [
        ("gut_brain", "evidence-supported", "png", "gut-brain_evidence-supported_2026-11-23.png"),
        ("condition_map", Filters(evidence=("established", "supported")), ".zip", "condition-map_evidence-established+supported_2026-11-23.zip"),
        ("overview", "all", "SVG", "overview_all_2026-11-23.svg"),
        ("explorer", "../../etc/passwd x", "csv", "explorer_etc-passwd-x_2026-11-23.csv"),
    ],
)  # fmt: skip
def test_export_filename(view, summary, ext, expected):
    assert ex.export_filename(view, summary, ext, DATE) == expected


# ----- Images (real Chromium; few, they are slow) ----------------------------------------------
@needs_chromium
@pytest.mark.parametrize(("scale", "size"), [(1, (1920, 1080)), (2, (3840, 2160))])
def test_png_size(small_atlas, scale, size):
    assert _png_size(ex.figure_to_image(_figure(small_atlas), "png", scale=scale)) == size


@needs_chromium
def test_svg_parses_and_holds_labels(small_atlas):
    root = ET.fromstring(ex.figure_to_image(_figure(small_atlas), "svg"))
    text = "".join(root.itertext())
    assert all(label in text for label in small_atlas.nodes["label"])


def test_missing_chromium_is_a_clear_error(monkeypatch, small_atlas):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    monkeypatch.setattr(ex, "_RENDERER", ex._Renderer())
    with pytest.raises(ex.ExportError, match="apt-get install chromium"):
        ex.figure_to_image(_figure(small_atlas), "png")


# ----- Cite this view -------------------------------------------------------------------------
def _zip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def test_cite_view_zip_without_chromium_still_has_everything_else(monkeypatch, formula_atlas):
    def no_browser(*_args, **_kwargs):
        raise ex.ExportError("PNG/SVG export needs Chromium: apt-get install chromium")

    monkeypatch.setattr(ex, "figure_to_image", no_browser)
    filters = Filters(evidence=("established",))
    parts = _zip(
        ex.cite_view_zip(
            _figure(formula_atlas), formula_atlas, view="cytokine", filters=filters, url="https://atlas.example/?view=cytokine", date=DATE
        )
    )
    stem = "cytokine_evidence-established_2026-11-23"
    assert set(parts) == {f"{stem}.{e}" for e in ("html", "graphml", "cyjs")} | {
        "nodes.csv",
        "edges.csv",
        "sources.csv",
        "references.bib",
        "README.txt",
    }
    readme = parts["README.txt"].decode()
    for expected in (
        "View: cytokine",
        f"Filters: {filters.describe()}",
        formula_atlas.version,
        "2026-11-23",
        "https://atlas.example/?view=cytokine",
        "dantzer2008",
        "apt-get install chromium",
    ):
        assert expected in readme
    assert "miller2016" not in readme and _bib_keys(parts["references.bib"].decode()) == ["dantzer2008"]


@needs_chromium
def test_cite_view_zip_holds_all_parts(formula_atlas):
    fig = _figure(formula_atlas)
    parts = _zip(ex.cite_view_zip(fig, formula_atlas, view="overview", filters=Filters(), date=DATE))
    stem = "overview_all_2026-11-23"
    assert set(parts) == {f"{stem}.{e}" for e in ("png", "svg", "html", "graphml", "cyjs")} | {
        "nodes.csv",
        "edges.csv",
        "sources.csv",
        "references.bib",
        "README.txt",
    }
    assert _png_size(parts[f"{stem}.png"]) == (1920, 1080)
    assert sorted(_bib_keys(parts["references.bib"].decode())) == sorted(formula_atlas.cited_sources()["id"])
    assert not any(c.startswith(DANGER) for row in _cells(parts["nodes.csv"]) for c in row)


# ----- CLI ------------------------------------------------------------------------------------
def test_cli_export_json(tmp_path, capsys):
    out = tmp_path / "fig.json"
    assert main(["export", "--data", str(OK_BASELINE), "--view", "cytokine", "--out", str(out)]) == 0
    fig = json.loads(out.read_text())
    assert fig["data"] and "wrote" in capsys.readouterr().out


def test_cli_export_zip(tmp_path):
    out = tmp_path / "view.zip"
    argv = [
        "export",
        "--data",
        str(OK_BASELINE),
        "--view",
        "overview",
        "--evidence",
        "supported",
        "--format",
        "zip",
        "--out",
        str(out),
        "--no-png",
    ]
    assert main(argv) == 0
    parts = _zip(out.read_bytes())
    assert {"nodes.csv", "edges.csv", "sources.csv", "references.bib", "README.txt"} <= set(parts)
    assert any(name.endswith(".html") for name in parts)
    assert "Filters: evidence: supported" in parts["README.txt"].decode()


def test_cli_export_csv_writes_edges_nodes_and_sources(tmp_path):
    out = tmp_path / "gut.csv"
    assert main(["export", "--data", str(FORMULA), "--view", "overview", "--out", str(out)]) == 0
    nodes = _cells((tmp_path / "gut_nodes.csv").read_bytes())
    assert _cells(out.read_bytes())[0][:2] == ["source", "target"] and (tmp_path / "gut_sources.csv").exists()
    assert not any(c.startswith(DANGER) for row in nodes for c in row)


def test_cli_export_bib_lists_only_sources_of_the_drawn_edges(tmp_path):
    out = tmp_path / "il6.bib"
    assert main(["export", "--data", str(OK_BASELINE), "--view", "explorer", "--focus", "IL-6", "--out", str(out)]) == 0
    assert _bib_keys(out.read_text()) == ["miller2016"]


def test_cli_export_lesson_step_takes_view_and_focus(tmp_path):
    write_synthetic(tmp_path / "atlas", 30, 60, seed=0)
    out = tmp_path / "step.json"
    argv = ["export", "--data", str(tmp_path / "atlas"), "--lesson", "synthetic_tour", "--step", "2", "--out", str(out)]
    assert main(argv) == 0
    assert "Explorer: " in json.loads(out.read_text())["layout"]["title"]["text"]
    assert main([*argv[:-4], "--step", "9", "--out", str(out)]) == 2


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--view", "explorer", "--focus", "HGNC:99999999"], "unknown focus 'HGNC:99999999'"),
        (["--view", "overview", "--evidence", "establshed"], "did you mean 'established'"),
        (["--lesson", "nope"], "unknown lesson 'nope'"),
    ],
)
def test_cli_export_bad_arguments_exit_2(tmp_path, capsys, extra, message):
    assert main(["export", "--data", str(OK_BASELINE), "--out", str(tmp_path / "x.json"), *extra]) == 2
    assert message in capsys.readouterr().err


def test_cli_export_invalid_atlas_exits_1_with_problems(tmp_path, capsys):
    code = main(["export", "--data", str(BAD_INPUTS / "dangling_edge_target"), "--view", "overview", "--out", str(tmp_path / "x.json")])
    err = capsys.readouterr().err
    assert code == 1 and "edges.csv:" in err and "Traceback" not in err


def test_cite_view_readme_says_what_the_atlas_is_not(small_atlas):
    from neuroimmune.text import DISCLAIMER
    from neuroimmune.views import build_view_figure

    fig = build_view_figure(small_atlas, "overview")
    data = ex.cite_view_zip(fig, small_atlas, view="overview", png=False)
    readme = zipfile.ZipFile(io.BytesIO(data)).read("README.txt").decode()
    assert DISCLAIMER in readme and "not medical advice" in readme
