"""Regression: the multi-file uploader keeps earlier files, so a corrected CSV must replace the refused one.

Before the fix, uploading a fixed edges.csv after a refused upload reported "edges.csv was given twice"
for every file and the atlas never loaded (seen in Chromium; AppTest replaces the uploader's value
instead of adding to it, so the rule is tested as a pure function and end to end in tests/e2e).
"""

import pytest

from components.upload_box import newest_files


@pytest.mark.parametrize(
    ("files", "active", "seen", "expected"),
    [
        ([("1", "nodes.csv"), ("2", "edges.csv")], (), (), ("1", "2")),  # first upload: everything
        ([("1", "nodes.csv"), ("2", "edges.csv"), ("3", "edges.csv")], ("1", "2"), ("1", "2"), ("1", "3")),  # fixed edges.csv
        ([("1", "nodes.csv"), ("2", "edges.csv"), ("3", "edges.csv")], ("1", "3"), ("1", "2", "3"), ("1", "3")),  # plain rerun
        ([("1", "nodes.csv"), ("2", "a.zip")], ("1",), ("1",), ("2",)),  # a new ZIP replaces the CSVs
        ([("2", "a.zip"), ("3", "nodes.csv")], ("2",), ("2",), ("3",)),  # new CSVs replace an old ZIP
        ([("2", "a.zip")], ("2",), ("1", "2"), ("2",)),  # the user removed a file
        ([("1", "nodes.csv"), ("2", "NODES.csv"), ("3", "nodes.csv")], ("1",), ("1",), ("2", "3")),  # two new: validator asks
    ],
)
def test_newest_files(files, active, seen, expected):
    assert newest_files(files, active, seen) == expected
