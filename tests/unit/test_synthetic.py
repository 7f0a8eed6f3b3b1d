"""Synthetic atlases are valid, deterministic for a seed and cover every vocabulary."""

from __future__ import annotations

import hashlib

import pytest

from neuroimmune import load_atlas, schema
from neuroimmune.cli import main
from neuroimmune.synthetic import synthetic_frames, write_synthetic


def _digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_deterministic_for_a_seed(tmp_path):
    a = write_synthetic(tmp_path / "a", 300, 1500, seed=7)
    b = write_synthetic(tmp_path / "b", 300, 1500, seed=7)
    c = write_synthetic(tmp_path / "c", 300, 1500, seed=8)
    assert _digest(a) == _digest(b)
    assert _digest(a) != _digest(c)


def test_valid_and_covers_every_vocabulary(tmp_path):
    folder = write_synthetic(tmp_path / "s", 200, 1000, seed=1)
    result = schema.validate_folder(folder)
    assert result.ok, [str(p) for p in result.errors[:5]]
    atlas = load_atlas(folder)
    s = atlas.stats()
    assert s["edges"] == 1000 and s["nodes"] == 200
    assert set(s["node_types"]) == set(schema.NODE_TYPES)
    assert set(s["relations"]) == set(schema.RELATIONS)
    assert set(s["topics"]) == set(schema.TOPICS)
    assert set(s["evidence"]) == set(schema.EVIDENCE)
    assert set(s["study_types"]) == set(schema.STUDY_TYPES)
    assert set(s["species"]) == set(schema.SPECIES)
    assert set(atlas.nodes["compartment"]) == set(schema.COMPARTMENTS)


def test_degree_skew():
    f = synthetic_frames(1000, 10000, seed=3)
    deg = (f["edges"]["source"].value_counts().add(f["edges"]["target"].value_counts(), fill_value=0)).sort_values(ascending=False)
    assert deg.iloc[0] > 10 * deg.median()  # hubs exist


def test_rejects_impossible_sizes():
    with pytest.raises(ValueError, match="at least 15 nodes"):
        synthetic_frames(3, 20)


@pytest.mark.slow
def test_cli_synth_200k_edges(tmp_path, capsys):
    assert main(["synth", "--nodes", "20000", "--edges", "200000", "--seed", "1", "--out", str(tmp_path / "big")]) == 0
    assert sum(1 for _ in open(tmp_path / "big" / "edges.csv")) == 200001
    assert schema.validate_folder(tmp_path / "big").ok


def test_cli_synth_bad_args(tmp_path, capsys):
    assert main(["synth", "--nodes", "3", "--edges", "5", "--out", str(tmp_path / "x")]) == 2
    assert "synth:" in capsys.readouterr().err
