"""Exports carry the evidence rows of what is drawn: CSV tables, the CLI's FILE_evidence.csv, the cite-this-view ZIP."""

from __future__ import annotations

import io
import zipfile

import plotly.graph_objects as go
import pytest

from neuroimmune import Filters, load_atlas
from neuroimmune import export as ex
from neuroimmune.cli import main
from neuroimmune.schema import validate_files
from tests.unit.evidence_atlas import write_atlas


@pytest.fixture
def folder(tmp_path):
    return write_atlas(tmp_path / "atlas")


def test_export_tables_add_evidence_of_the_drawn_relations(folder):
    atlas = load_atlas(folder)
    shown = atlas.filter(Filters(evidence=("contested",)))
    tables = ex.export_tables(shown)
    lines = tables["evidence.csv"].decode().strip().splitlines()
    assert lines[0] == "source,target,relation,reference,study_type,species,direction,finding,locator,checked"
    assert len(lines) == 3 and all(",activates," in ln for ln in lines[1:])
    # the exported files are themselves a valid v1.1 atlas (every drawn pair covered)
    assert validate_files(tables).ok, [str(p) for p in validate_files(tables).errors]


def test_export_tables_without_evidence_have_no_evidence_file(tmp_path):
    atlas = load_atlas(write_atlas(tmp_path / "plain", evidence=None))
    assert "evidence.csv" not in ex.export_tables(atlas)


def test_cite_view_zip_holds_evidence_and_mentions_it(folder, monkeypatch):
    def no_images(*_args, **_kwargs):
        raise ex.ExportError("no Chromium in this test")

    monkeypatch.setattr(ex, "figure_to_image", no_images)
    atlas = load_atlas(folder)
    data = ex.cite_view_zip(go.Figure(), atlas, view="overview", date="2026-12-01")
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        readme = zf.read("README.txt").decode()
        evidence = zf.read("evidence.csv").decode()
        bib = zf.read("references.bib").decode()
    assert "evidence.csv" in names
    assert "evidence.csv holds 5 rows, one per (relation, reference)" in readme and "1 contradicts, 4 supports" in readme
    assert "  evidence.csv" in readme  # listed among the files
    assert evidence.count("\n") == 6
    assert all(f"@article{{{key}," in bib for key in ("s1", "s2", "s3"))


def test_cli_csv_writes_file_evidence_beside_the_edges(folder, tmp_path):
    out = tmp_path / "view.csv"
    assert main(["export", "--data", str(folder), "--view", "overview", "--human-evidence", "--out", str(out)]) == 0
    evidence = (tmp_path / "view_evidence.csv").read_text().splitlines()
    assert len(evidence) == 2 and evidence[1].startswith("NIA:a,NIA:b,elevated_in,s2,human_observational")
    assert len(out.read_text().splitlines()) == 2  # only the relation with human evidence
