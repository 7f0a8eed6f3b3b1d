"""The project must run and test from a plain clone: no file reaches outside the repository."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

SKIP_DIRS = {".git", ".venv", "artifacts", "__pycache__", "node_modules", "_work", ".ruff_cache"}
CODE_SUFFIXES = {".py", ".sh", ".toml", ".cfg", ".ini", ".txt", ".yml", ".yaml", ".json", ".conf", ".j2", ".js"}
CODE_NAMES = {"run", "Dockerfile", "Makefile"}
# what reaching outside looks like: the sibling workspace folder, absolute workplace paths, climbing above the root
OUTSIDE = re.compile(r"\.\./shared|/work/|parent\s*/\s*[\"']shared|ROOT\.parent|parents\[(?:[3-9])\]")


def _files():
    for path in ROOT.rglob("*"):
        if any(part in SKIP_DIRS for part in path.relative_to(ROOT).parts) or not path.is_file():
            continue
        if path.suffix in CODE_SUFFIXES or path.name in CODE_NAMES:
            yield path


def test_the_scan_sees_the_project():
    names = {p.relative_to(ROOT).as_posix() for p in _files()}
    assert {"app.py", "tests/conftest.py", ".ci/run", "neuroimmune/schema.py", "requirements.txt"} <= names


@pytest.mark.parametrize("path", sorted(_files()), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_file_reaches_outside_the_repository(path):
    if path == Path(__file__):
        return  # this file names the patterns it looks for
    text = path.read_text(encoding="utf-8", errors="replace")
    hits = [f"{i}: {line.strip()}" for i, line in enumerate(text.splitlines(), 1) if OUTSIDE.search(line)]
    assert not hits, f"{path.relative_to(ROOT)} reaches outside the repository:\n" + "\n".join(hits)


def test_docs_do_not_send_users_to_the_workspace():
    for doc in [ROOT / "README.md", ROOT / "data" / "README.md"]:
        assert "../shared" not in doc.read_text(encoding="utf-8"), doc
