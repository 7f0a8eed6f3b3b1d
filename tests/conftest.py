"""Shared fixtures: paths to the shipped data, the shared bad inputs and small atlases."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

# Plotly validates every property of the network figures under test (it is skipped at run time
# for speed, see neuroimmune.figures.network.VALIDATE); subprocesses inherit the setting.
os.environ.setdefault("NEUROIMMUNE_VALIDATE_FIGURES", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
BAD_INPUTS = SHARED / "bad-inputs"
OK_BASELINE = BAD_INPUTS / "ok_baseline"


@pytest.fixture
def baseline_copy(tmp_path) -> Path:
    """A writable copy of the tiny valid atlas, for tests that break one thing."""
    dst = tmp_path / "atlas"
    shutil.copytree(OK_BASELINE, dst, ignore=shutil.ignore_patterns("EXPECT"))
    for p in dst.iterdir():
        p.chmod(0o644)
    return dst


@pytest.fixture(scope="session")
def small_atlas():
    from neuroimmune import load_atlas

    return load_atlas(OK_BASELINE)


@pytest.fixture(scope="session")
def shipped_atlas():
    from neuroimmune import load_atlas

    return load_atlas(ROOT / "data")
