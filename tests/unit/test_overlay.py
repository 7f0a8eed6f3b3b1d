"""Overlay values: ids, labels or synonyms → numbers; every bad row reported with file:line."""

from __future__ import annotations

import pytest

from neuroimmune.overlay import MAX_OVERLAY_BYTES, parse_overlay

IL1B, IL6, SICK, MDD = "HGNC:5992", "HGNC:6018", "NIA:sickness_behaviour", "MESH:D003865"


def test_ids_labels_and_synonyms_resolve(small_atlas):
    ov = parse_overlay(
        b"id,value,group,label\nHGNC:5992,1.5,g1,first\nIL-6,-2,g2,second\ndepression,3e-1,,\n", small_atlas, name="scores.csv"
    )
    assert ov.values.to_dict() == {IL1B: 1.5, IL6: -2.0, MDD: 0.3}
    assert ov.groups[IL6] == "g2" and ov.labels[IL1B] == "first"
    assert ov.ok and ov.problems == [] and ov.unknown_ids == [] and ov.name == "scores"
    assert ov.table(small_atlas)["entity"].tolist() == ["IL-1β", "IL-6", "Major depressive disorder"]


def test_non_numeric_values_reported_with_line(small_atlas):
    ov = parse_overlay(b"id,value\nIL-6,high\nIL-1\xce\xb2,2\nHGNC:5992,nan\nNIA:sickness_behaviour,\n", small_atlas, name="v.csv")
    assert ov.values.to_dict() == {IL1B: 2.0}
    assert [str(p) for p in ov.problems] == [
        "v.csv:2: value 'high' for 'IL-6' is not a number (expected e.g. 1.5, -0.2 or 3e-4; use '.' for decimals)",
        "v.csv:4: value 'nan' for 'HGNC:5992' is not a number (expected e.g. 1.5, -0.2 or 3e-4; use '.' for decimals)",
        "v.csv:5: value '' for 'NIA:sickness_behaviour' is not a number (expected e.g. 1.5, -0.2 or 3e-4; use '.' for decimals)",
    ]
    assert not ov.ok


def test_unknown_ids_reported_never_dropped_silently(small_atlas):
    ov = parse_overlay(b"id,value\nIL-6,1\nNIA:nope,2\nBDNF,3\n", small_atlas)
    assert ov.unknown_ids == ["NIA:nope", "BDNF"]
    assert [(p.line, p.severity) for p in ov.problems] == [(3, "warning"), (4, "warning")]
    assert ov.ok  # unknown ids are warnings: the matched values still show


def test_duplicate_entity_keeps_first(small_atlas):
    ov = parse_overlay(b"id,value\nIL-6,1\nHGNC:6018,2\n", small_atlas)
    assert ov.values.to_dict() == {IL6: 1.0}
    assert "first on line 2" in ov.problems[0].message


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"id;value\nIL-6;1\n", "wrong delimiter"),
        (b"name,score\nIL-6,1\n", "missing column(s) id, value"),
        (b"\x89PNG\r\n\x1a\n\x00binary", "PNG image"),
        ("id,value\nCaf\xe9,1\n".encode("latin-1"), "not valid UTF-8"),
        (b"id,value\nNIA:x,1\n", "no row matched"),
    ],
    ids=["empty", "delimiter", "columns", "binary", "encoding", "nothing-matched"],
)
def test_bad_files_explained(small_atlas, data, message):
    ov = parse_overlay(data, small_atlas)
    assert not ov.ok and any(message in p.message for p in ov.problems), [str(p) for p in ov.problems]


def test_oversized_file_refused(small_atlas):
    ov = parse_overlay(b"id,value\n" + b"x" * MAX_OVERLAY_BYTES, small_atlas)
    assert ov.values.empty and "over the 10 MB limit" in ov.problems[0].message


def test_header_case_and_bom_tolerated(small_atlas):
    ov = parse_overlay("\ufeffID,Value\r\nIL-6,4\r\n".encode(), small_atlas)
    assert ov.values.to_dict() == {IL6: 4.0}
