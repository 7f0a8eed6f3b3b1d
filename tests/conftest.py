"""Shared fixtures: paths to the shipped data, the project's own malformed inputs and small atlases.

The tests own their fixtures (``tests/fixtures``): nothing here reads outside the repository.
"""

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
BAD_INPUTS = ROOT / "tests" / "fixtures" / "bad_inputs"  # written by tests/fixtures/make_bad_inputs.py
OK_BASELINE = BAD_INPUTS / "ok_baseline"
BAD_FOLDERS = sorted(p for p in BAD_INPUTS.iterdir() if p.is_dir())


def expect(folder: Path) -> dict:
    """A case folder's EXPECT: {'verdict': ok|error|either, 'file': ..., 'line': int|None, 'message': ...}."""
    lines = [ln.strip() for ln in (folder / "EXPECT").read_text().splitlines() if ln.strip()]
    fields = dict(ln.split(" ", 1) for ln in lines[1:])
    line = fields.get("LINE")
    return {"verdict": lines[0], "file": fields.get("FILE"), "line": int(line) if line else None, "message": fields.get("MESSAGE")}


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
